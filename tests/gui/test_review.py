"""The balance on the Groups page, the "review due" banner, and the review driven end to end
with clicks and keys; past reviews and review settings."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
)

from journal.core.clock import FixedClock
from journal.core.contacts import ContactDraft, create_contact, require_contact
from journal.core.group_queries import meeting_rows
from journal.core.groups import GroupDraft, add_members, create_group, require_group
from journal.core.interactions import InteractionDraft, log_interaction
from journal.core.meetings import MeetingDraft, record_meeting
from journal.core.review import DecisionDraft, ReviewDraft, record_review, review_due
from journal.core.settings import SettingsDraft, load_settings, save_settings
from journal.store.models import Review, ReviewDecision
from journal.ui.bus import JournalBus
from journal.ui.dialogs.review_dialog import GroupStep, ReviewDialog
from journal.ui.dialogs.review_settings_form import ReviewSettingsForm
from journal.ui.dialogs.reviews_dialog import ReviewsDialog
from journal.ui.models.review_models import IdRole, PastDecisionsModel, PeopleToKeepModel
from journal.ui.views.groups_view import GroupsView

W = TypeVar("W", bound=QObject)
TODAY = dt.date(2026, 11, 24)
UTC = dt.timezone.utc


def child(parent: QObject, kind: type[W], name: str) -> W:
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name!r}"
    return found


def click(qtbot, button: QPushButton) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def opened(qtbot, parent: QObject, kind: type[W]) -> W:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: (d := parent.findChild(kind)) is not None and d.isVisible())
    found = parent.findChild(kind)
    assert found is not None
    return found


def show_view(qtbot, bus: JournalBus, clock: FixedClock) -> GroupsView:  # type: ignore[no-untyped-def]
    view = GroupsView(bus, clock)
    qtbot.addWidget(view)
    view.resize(1300, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def _meetings(gid: int, clock: FixedClock, first: dt.date, count: int, step: int, **kw: object):  # type: ignore[no-untyped-def]
    for k in range(count):
        draft = MeetingDraft(gid, first + dt.timedelta(days=step * k), **kw)  # type: ignore[arg-type]
        record_meeting(draft, clock)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), UTC)  # before the clock's now (10:30)


def _journal_with_groups(clock: FixedClock) -> dict[str, int]:
    """A club that returns nothing, a chamber that brings business, a friend to keep."""
    club = create_group(
        GroupDraft(
            name="Tuesday Referral Club",
            joined_on=dt.date(2025, 1, 7),
            meeting_cadence="weekly",
            required_attendance_pct=80,
            meeting_minutes=90,
            dues_amount="620",
            dues_currency="USD",
            dues_period="year",
        ),
        clock,
    ).value
    _meetings(club, clock, dt.date(2026, 6, 2), 20, 7, rating="waste")
    chamber = create_group(
        GroupDraft(name="Chamber", joined_on=dt.date(2024, 1, 1), meeting_cadence="monthly"),
        clock,
    ).value
    _meetings(chamber, clock, dt.date(2026, 1, 15), 10, 30)
    friend = create_contact(ContactDraft(given_name="Jane", family_name="Doe"), clock).value
    add_members(chamber, [friend])
    for kind, day, extra in (
        ("business_won", dt.date(2026, 5, 2), {"amount": "4500", "currency": "EUR"}),
    ):
        log_interaction(
            InteractionDraft(kind, _at(day), "Signed", group_id=chamber, **extra), clock
        )
    log_interaction(
        InteractionDraft("coffee", _at(dt.date(2026, 11, 2)), "Coffee", participant_ids=[friend]),
        clock,
    )
    return {"club": club, "chamber": chamber, "friend": friend}


# --- the balance on the Groups page ----------------------------------------------------------


def test_the_group_view_shows_the_balance_the_window_and_the_chart(qtbot, bus, clock):
    ids = _journal_with_groups(clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(ids["chamber"])
    pane = view.balance_pane
    assert "4,500 EUR" in child(pane, QLabel, "figure_business").text()
    assert "Keep" in child(pane, QLabel, "recommendation").text()
    assert "+ It brought" in child(pane, QLabel, "recommendationReasons").text()
    assert not pane.chart.is_empty()
    assert "Next meetings:" in child(view, QLabel, "upcomingMeetings").text()

    view.select_group(ids["club"])
    assert "Leave" in child(pane, QLabel, "recommendation").text()
    window = child(view, QLabel, "attendanceWindow").text()
    assert "Over its last 12 meetings (apologies sent are not counted): attended 12" in window
    assert not pane.warning_shown()


def test_attendance_one_miss_from_the_rule_is_a_warning(qtbot, bus, clock):
    gid = create_group(
        GroupDraft(name="Strict", joined_on=dt.date(2025, 1, 1), required_attendance_pct=80),
        clock,
    ).value
    days = [TODAY - dt.timedelta(weeks=k) for k in range(1, 11)]
    for n, day in enumerate(days):
        record_meeting(MeetingDraft(gid, day, "missed" if n in (0, 5) else "attended"), clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(gid)
    assert view.balance_pane.warning_shown()
    assert "one more miss would take you below" in (child(view, QLabel, "attendanceWindow").text())


def test_a_short_attendance_record_states_the_fact_without_the_warning(qtbot, bus, clock):
    gid = create_group(
        GroupDraft(name="New rule", joined_on=dt.date(2025, 1, 1), required_attendance_pct=75),
        clock,
    ).value
    record_meeting(MeetingDraft(gid, TODAY - dt.timedelta(days=7), "attended"), clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(gid)
    pane = view.balance_pane
    assert pane.review is not None and pane.review.balance.attendance.status == "at_risk"
    window = child(view, QLabel, "attendanceWindow").text()
    assert "With 1 meeting counted so far, one miss would put you at 50%." in window
    assert "Careful" not in window
    assert not pane.warning_shown()
    # The review's reason is unchanged: one miss would still take it below the rule.
    assert (
        "one more miss would take you below" in child(pane, QLabel, "recommendationReasons").text()
    )


def test_the_banner_says_since_when_the_review_is_overdue(qtbot, bus, clock):
    # Written down the day it began, so its first review has been due since April 2025.
    then = FixedClock(dt.datetime(2025, 1, 6, 9, tzinfo=dt.timezone.utc))
    gid = create_group(GroupDraft(name="Club", joined_on=dt.date(2025, 1, 6)), then).value
    view = show_view(qtbot, bus, clock)
    assert view.banner.isVisible()
    assert "It is overdue since 2025-04-06." in view.banner.text.text()
    record_review(ReviewDraft([DecisionDraft(gid, "keep")], as_of=dt.date(2026, 7, 1)), clock)
    view.banner.show_due(review_due(TODAY))
    assert "is overdue since 2026-10-01 (the last one was as of 2026-07-01)" in (
        view.banner.text.text()
    )
    record_review(ReviewDraft([DecisionDraft(gid, "keep")], as_of=dt.date(2026, 8, 24)), clock)
    view.banner.show_due(review_due(TODAY))
    assert "is due today (the last one was as of 2026-08-24)" in view.banner.text.text()


def test_a_group_without_meetings_is_too_early_and_its_chart_says_so(qtbot, bus, clock):
    gid = create_group(GroupDraft(name="Brand new", joined_on=TODAY), clock).value
    view = show_view(qtbot, bus, clock)
    view.select_group(gid)
    pane = view.balance_pane
    assert pane.chart.is_empty()
    assert pane.chart.empty_label.isVisible()
    assert "Too early to judge" in child(pane, QLabel, "recommendation").text()


def test_next_meetings_are_not_guessed_before_anything_places_them(qtbot, bus, clock):
    gid = create_group(GroupDraft(name="Quarterly Dinner", meeting_cadence="quarterly"), clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(gid.value)
    upcoming = child(view, QLabel, "upcomingMeetings").text()
    assert upcoming.startswith("Next meetings: not known yet.")
    assert "Record a meeting, or set the day you joined" in upcoming
    bus.run(record_meeting, MeetingDraft(gid.value, dt.date(2026, 10, 6)), clock)
    upcoming = child(view, QLabel, "upcomingMeetings").text()
    assert upcoming.startswith("Next meetings: 2027-01-06, 2027-04-06")


def test_the_balance_follows_new_entries_and_settings(qtbot, bus, clock):
    ids = _journal_with_groups(clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(ids["club"])
    bus.run(
        log_interaction,
        InteractionDraft(
            "referral_received", _at(TODAY), "A client", group_id=ids["club"], amount="900",
            currency="USD",
        ),
        clock,
    )  # fmt: skip
    assert "900 USD" in child(view.balance_pane, QLabel, "figure_business").text()
    bus.run(save_settings, SettingsDraft(hour_amount="50", hour_currency="USD"))
    assert "worth 1,500 USD" in child(view.balance_pane, QLabel, "figure_time").text()


# --- the banner and the review, end to end -------------------------------------------------


def test_the_review_from_the_banner_to_the_record(qtbot, bus, dialogs, clock):
    ids = _journal_with_groups(clock)
    view = show_view(qtbot, bus, clock)
    assert view.banner.isVisible()  # the first review is due a quarter after joining
    click(qtbot, view.banner.start_button)
    dialog = opened(qtbot, view, ReviewDialog)
    assert dialog.current_step() == 0
    qtbot.keyClicks(child(dialog, QPlainTextEdit, "reviewNotes"), "Travelling a lot")
    next_button = child(dialog, QPushButton, "reviewNext")

    # Memberships come in name order: Chamber, then the club.
    click(qtbot, next_button)
    chamber = dialog.stack.currentWidget()
    assert isinstance(chamber, GroupStep) and chamber.review.group_id == ids["chamber"]
    assert child(chamber, QRadioButton, "decide_keep").isChecked()  # as suggested
    assert not child(chamber, QCheckBox, "applyStatus").isEnabled()  # keep changes nothing
    assert not chamber.balance.chart.is_empty()
    click(qtbot, next_button)
    club = dialog.stack.currentWidget()
    assert isinstance(club, GroupStep) and club.review.recommendation.code == "leave"
    assert child(club, QRadioButton, "decide_leave").isChecked()
    # Overrule: reduce instead, with a note.
    qtbot.mouseClick(child(club, QRadioButton, "decide_reduce"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(child(club, QLineEdit, "decisionNote"), "Drop to monthly")
    # And mark the membership as reduced: only when asked to.
    apply_box = child(club, QCheckBox, "applyStatus")
    assert apply_box.isEnabled() and not apply_box.isChecked()
    qtbot.mouseClick(apply_box, Qt.MouseButton.LeftButton)

    click(qtbot, next_button)
    assert dialog.stack.currentWidget() is dialog.people_page
    table = child(dialog, QTableView, "peopleToKeep")
    model = dialog.people_model
    assert model.rowCount() == 1
    assert model.index(0, PeopleToKeepModel.NAME).data() == "Jane Doe"
    keep = model.index(0, PeopleToKeepModel.KEEP)
    assert keep.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # Choose every 45 days with the keyboard: F2 opens the editor on the cadence.
    table.setFocus()
    table.setCurrentIndex(model.index(0, PeopleToKeepModel.EVERY))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QSpinBox)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "45")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: model.cadences() == {ids["friend"]: 45})

    click(qtbot, next_button)
    summary = child(dialog, QLabel, "reviewSummaryText").text()
    assert "Tuesday Referral Club: Reduce involvement (the journal suggested: Leave)" in summary
    assert "Drop to monthly" in summary
    assert (
        "Memberships that change when you record this review:\n"
        "    Tuesday Referral Club: status becomes Reduced involvement"
    ) in summary
    with qtbot.waitSignal(view.said) as said:
        click(qtbot, child(dialog, QPushButton, "reviewFinish"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # Recording is confirmed (the main window shows it in its status bar).
    assert said.args == [
        "Review recorded: 2 memberships reviewed, 1 of them changed, 1 stay-in-touch rhythm set."
    ]

    review = Review.get()
    assert (review.as_of, review.notes) == (TODAY, "Travelling a lot")
    decisions = {d.group_id: d for d in ReviewDecision.select()}
    assert decisions[ids["club"]].recommendation == "leave"
    assert (decisions[ids["club"]].decision, decisions[ids["club"]].note) == (
        "reduce",
        "Drop to monthly",
    )
    assert decisions[ids["chamber"]].decision == "keep"
    assert require_group(ids["club"]).status == "reduced"
    assert require_contact(ids["friend"]).stay_in_touch_days == 45
    assert not view.banner.isVisible()  # done for this quarter
    assert dialogs.shown == []


def test_pressing_next_through_the_review_changes_no_membership(qtbot, bus, dialogs, clock):
    ids = _journal_with_groups(clock)
    view = show_view(qtbot, bus, clock)
    click(qtbot, view.banner.start_button)
    dialog = opened(qtbot, view, ReviewDialog)
    # Next on every page, taking each suggestion as it stands.
    last = dialog.stack.count() - 1
    for _ in range(last):
        step = dialog.stack.currentWidget()
        if isinstance(step, GroupStep):
            assert not child(step, QCheckBox, "applyStatus").isChecked()
        click(qtbot, child(dialog, QPushButton, "reviewNext"))
    assert dialog.current_step() == last
    summary = child(dialog, QLabel, "reviewSummaryText").text()
    assert "Tuesday Referral Club: Leave; the membership stays as it is" in summary
    assert "No membership changes: every membership stays as it is." in summary
    assert "status becomes" not in summary and "ends on" not in summary
    click(qtbot, child(dialog, QPushButton, "reviewFinish"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    decisions = {d.group_id: d.decision for d in ReviewDecision.select()}
    assert decisions == {ids["club"]: "leave", ids["chamber"]: "keep"}  # as suggested
    assert require_group(ids["club"]).status == "active"
    assert require_group(ids["club"]).left_on is None


def test_a_group_too_early_to_judge_starts_at_decide_later(qtbot, bus, dialogs, clock):
    # Joined long ago, weekly, one evening recorded: no verdict from that.
    thin = create_group(
        GroupDraft(name="Thin Record", joined_on=dt.date(2024, 3, 1), meeting_cadence="weekly"),
        clock,
    ).value
    _meetings(thin, clock, dt.date(2026, 11, 3), 1, 7)
    view = show_view(qtbot, bus, clock)
    click(qtbot, view.review_button)  # not due yet: the group was written down today
    dialog = opened(qtbot, view, ReviewDialog)
    click(qtbot, child(dialog, QPushButton, "reviewNext"))
    step = dialog.stack.currentWidget()
    assert isinstance(step, GroupStep) and step.review.recommendation.code == "too_early"
    assert step.review.recommendation.rule == "too_little_recorded"
    why = child(step, QLabel, "recommendationReasons").text()
    assert "about 53 meetings in this period, and the journal has 1 recorded" in why
    assert child(step, QRadioButton, "decide_later").isChecked()
    assert not child(step, QCheckBox, "applyStatus").isEnabled()
    while dialog.current_step() < dialog.stack.count() - 1:
        click(qtbot, child(dialog, QPushButton, "reviewNext"))
    summary = child(dialog, QLabel, "reviewSummaryText").text()
    assert "Thin Record: Decide later\n" in summary + "\n"
    assert "suggested" not in summary and "stays as it is;" not in summary
    click(qtbot, child(dialog, QPushButton, "reviewFinish"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    decision = ReviewDecision.get()
    assert (decision.recommendation, decision.decision) == ("too_early", "later")
    assert require_group(thin).status == "active"


def test_leaving_for_real_is_ticked_and_the_summary_says_so(qtbot, bus, dialogs, clock):
    ids = _journal_with_groups(clock)
    ahead = TODAY + dt.timedelta(days=7)
    record_meeting(MeetingDraft(ids["club"], ahead, "excused"), clock)  # apologies sent
    view = show_view(qtbot, bus, clock)
    view.start_review()
    dialog = opened(qtbot, view, ReviewDialog)
    next_button = child(dialog, QPushButton, "reviewNext")
    click(qtbot, next_button)
    click(qtbot, next_button)
    club = dialog.stack.currentWidget()
    assert isinstance(club, GroupStep) and club.review.group_id == ids["club"]
    qtbot.mouseClick(child(club, QCheckBox, "applyStatus"), Qt.MouseButton.LeftButton)
    click(qtbot, next_button)
    click(qtbot, next_button)
    summary = child(dialog, QLabel, "reviewSummaryText").text()
    assert "Tuesday Referral Club: Leave\n" in summary + "\n"
    assert (
        "Memberships that change when you record this review:\n"
        "    Tuesday Referral Club: ends on 2026-11-24 (status: Left); your apologies for 1 "
        "meeting ahead are withdrawn"
    ) in summary
    assert "Chamber: Keep" in summary and "Chamber: status" not in summary
    click(qtbot, child(dialog, QPushButton, "reviewFinish"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    club_now = require_group(ids["club"])
    assert (club_now.status, club_now.left_on) == ("left", TODAY)
    assert require_group(ids["chamber"]).status == "active"
    assert ahead not in [row.held_on for row in meeting_rows(ids["club"])]


def test_back_and_cancel_store_nothing(qtbot, bus, clock):
    _journal_with_groups(clock)
    view = show_view(qtbot, bus, clock)
    view.start_review()
    dialog = opened(qtbot, view, ReviewDialog)
    back = child(dialog, QPushButton, "reviewBack")
    assert not back.isEnabled()
    click(qtbot, child(dialog, QPushButton, "reviewNext"))
    click(qtbot, back)
    assert dialog.current_step() == 0
    click(qtbot, child(dialog, QPushButton, "reviewCancel"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert Review.select().count() == 0


def test_cancelling_a_review_with_notes_asks_before_losing_them(qtbot, bus, dialogs, clock):
    _journal_with_groups(clock)
    view = show_view(qtbot, bus, clock)
    view.start_review()
    dialog = opened(qtbot, view, ReviewDialog)
    qtbot.keyClicks(dialog.notes_edit, "Busy quarter")
    click(qtbot, child(dialog, QPushButton, "reviewNext"))
    dialogs.confirm_answers = [False]  # "Discard this review?" No: keep working on it
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert dialog.notes_edit.toPlainText() == "Busy quarter"
    assert dialogs.shown[-1][:2] == ("confirm", "Discard this review?")
    dialogs.confirm_answers = [True]  # then Yes
    click(qtbot, child(dialog, QPushButton, "reviewCancel"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert Review.select().count() == 0


def test_a_refused_review_stays_open_and_says_why(qtbot, bus, clock):
    ids = _journal_with_groups(clock)
    view = show_view(qtbot, bus, clock)
    view.start_review()
    dialog = opened(qtbot, view, ReviewDialog)
    club = dialog.group_steps[1]
    assert club.decision() == "leave"
    dialog._go(club_index := dialog.stack.indexOf(club))
    qtbot.mouseClick(child(club, QCheckBox, "applyStatus"), Qt.MouseButton.LeftButton)
    assert dialog.current_step() == club_index
    notes = child(dialog, QPlainTextEdit, "reviewNotes")
    notes.setPlainText("x" * 100_001)  # pasted by mistake: over the journal's limit
    dialog._go(dialog.stack.count() - 1)
    click(qtbot, child(dialog, QPushButton, "reviewFinish"))
    assert dialog.isVisible()
    assert "too long" in child(dialog, QLabel, "formError").text()
    assert Review.select().count() == 0
    assert require_group(ids["club"]).status == "active"  # one transaction: nothing changed
    # Shorten the notes, and it records.
    notes.setPlainText("Leaving the club: too little back for the mornings")
    click(qtbot, child(dialog, QPushButton, "reviewFinish"))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert Review.select().count() == 1
    assert require_group(ids["club"]).status == "left"


def test_nothing_to_review_is_said_plainly(qtbot, bus, dialogs, clock):
    view = show_view(qtbot, bus, clock)
    assert not view.banner.isVisible()
    view.start_review()
    assert dialogs.shown == [
        (
            "info",
            "Nothing to review",
            "Add the groups you belong to first; the review weighs each one.",
        )
    ]


def test_with_every_group_left_nothing_to_review_says_why(qtbot, bus, dialogs, clock):
    draft = GroupDraft(name="Old club", status="left", left_on=dt.date(2025, 1, 1))
    create_group(draft, clock=clock)
    view = show_view(qtbot, bus, clock)
    view.start_review()
    assert dialogs.shown == [
        (
            "info",
            "Nothing to review",
            "Every group here is one you have left: the review weighs the memberships you "
            "still have.",
        )
    ]


def test_the_banner_can_be_put_off(qtbot, bus, clock):
    _journal_with_groups(clock)
    view = show_view(qtbot, bus, clock)
    assert "first review" in child(view.banner, QLabel, "reviewBannerText").text()
    click(qtbot, view.banner.later_button)
    assert not view.banner.isVisible()
    view.reload()
    assert not view.banner.isVisible()


# --- past reviews and settings -------------------------------------------------------------


def test_past_reviews_can_be_browsed_and_compared_by_group(qtbot, bus, clock):
    ids = _journal_with_groups(clock)
    record_review(
        ReviewDraft(
            [DecisionDraft(ids["club"], "keep"), DecisionDraft(ids["chamber"], "keep")],
            as_of=dt.date(2026, 8, 1),
        ),
        clock,
    )
    record_review(
        ReviewDraft([DecisionDraft(ids["club"], "leave", note="Enough")], notes="Autumn"),
        clock,
    )
    view = show_view(qtbot, bus, clock)
    click(qtbot, view.past_reviews_button)
    dialog = opened(qtbot, view, ReviewsDialog)
    model = dialog.model
    assert model.rowCount() == 3
    assert model.index(0, PastDecisionsModel.DECIDED).data() == "Leave"
    combo = child(dialog, QComboBox, "reviewsGroup")
    combo.setCurrentIndex(combo.findData(ids["club"]))
    assert [model.index(r, PastDecisionsModel.AS_OF).data() for r in range(2)] == [
        "2026-11-24",
        "2026-08-01",
    ]
    details = child(dialog, QPlainTextEdit, "pastDecisionDetails").toPlainText()
    assert "Suggested: Leave. Decided: Leave." in details
    assert "Your note: Enough" in details and "Notes on that review: Autumn" in details
    assert "Nothing came back" in details


def test_no_past_reviews_yet(qtbot, bus, clock):
    dialog = ReviewsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert child(dialog, QLabel, "noPastReviews").isVisible()
    assert dialog.model.rowCount() == 0


def test_review_settings_are_saved_and_refused_with_the_field(qtbot, bus, clock):
    create_group(GroupDraft(name="Chamber"), clock)
    view = show_view(qtbot, bus, clock)
    click(qtbot, view.review_settings_button)
    form = opened(qtbot, view, ReviewSettingsForm)
    hour = child(form, QLineEdit, "hourValue")
    qtbot.keyClicks(hour, "80")
    currency = child(form, QComboBox, "hourCurrency")
    currency.setEditText("E")
    click(qtbot, child(form, QPushButton, "saveButton"))
    assert form.isVisible()
    assert child(form, QLabel, "formError").text().startswith("Currency of an hour:")
    currency.setEditText("EUR")
    combo = child(form, QComboBox, "reviewCadence")
    combo.setCurrentIndex(combo.findData("yearly"))
    click(qtbot, child(form, QPushButton, "saveButton"))
    qtbot.waitUntil(lambda: not form.isVisible())
    settings = load_settings()
    assert settings.hour_value is not None and str(settings.hour_value.amount) == "80"
    assert settings.cadence == "yearly"


def test_the_value_of_an_hour_is_typed_the_locales_way(qtbot, bus, clock, locale_of):
    locale_of("de_DE")
    save_settings(SettingsDraft(hour_amount="62.5", hour_currency="EUR"))
    create_group(GroupDraft(name="Chamber"), clock)  # the review's buttons show with a group
    view = show_view(qtbot, bus, clock)
    click(qtbot, view.review_settings_button)
    form = opened(qtbot, view, ReviewSettingsForm)
    hour = child(form, QLineEdit, "hourValue")
    assert hour.text() == "62,5"
    hour.clear()
    qtbot.keyClicks(hour, "-1.200,50")
    assert hour.text() == "-1.200,50"  # every key kept, to be named whole if wrong
    click(qtbot, child(form, QPushButton, "saveButton"))
    assert child(form, QLabel, "formError").text() == (
        "Value of an hour: cannot be negative (got -1200.50)"
    )
    assert form.focusWidget() is hour
    hour.setText("1.200,50")
    click(qtbot, child(form, QPushButton, "saveButton"))
    qtbot.waitUntil(lambda: not form.isVisible())
    settings = load_settings()
    assert settings.hour_value is not None
    assert str(settings.hour_value.amount) == "1200.50"


# --- models --------------------------------------------------------------------------------


def test_review_models_pass_the_model_tester(qtmodeltester, bus, clock):
    ids = _journal_with_groups(clock)
    record_review(ReviewDraft([DecisionDraft(ids["club"], "leave")]), clock)
    from journal.core.review import past_reviews, review_report

    people = PeopleToKeepModel()
    people.set_people(review_report(clock).people(), {ids["chamber"]: "Chamber"})
    qtmodeltester.check(people)
    past = PastDecisionsModel()
    past.set_rows([d for r in past_reviews() for d in r.decisions])
    qtmodeltester.check(past)
    # Unticking by Space, as the table does, leaves the person out.
    index = people.index(0, PeopleToKeepModel.KEEP)
    assert index.data() == "Keep"  # said in words too, not only by the box
    assert people.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert people.cadences() == {}
    assert index.data() == "No"
    assert not people.setData(people.index(0, PeopleToKeepModel.EVERY), 0)


def test_someone_already_kept_in_touch_with_reads_already_not_no(bus, clock):
    from journal.core.contacts import set_stay_in_touch
    from journal.core.review import review_report

    ids = _journal_with_groups(clock)
    first = review_report(clock).people()[0].person.contact_id
    set_stay_in_touch({first: 30}, clock)
    people = PeopleToKeepModel()
    people.set_people(review_report(clock).people(), {ids["chamber"]: "Chamber"})
    row = next(r for r in range(people.rowCount()) if people.index(r, 0).data(IdRole) == first)
    assert people.index(row, PeopleToKeepModel.KEEP).data() == "Already"  # left as it is
    assert first not in people.cadences()


def test_past_decisions_show_hours_as_the_balance_does(qapp):
    from journal.core.review import PastDecision

    def decision(total: object) -> PastDecision:
        figures = {"hours": {"total": total}}
        return PastDecision(1, TODAY, 1, "Club", "keep", "keep", "", [], figures)

    past = PastDecisionsModel()
    past.set_rows([decision("120.0"), decision("3.5"), decision(None), decision("NaN")])
    hours = [past.index(row, PastDecisionsModel.HOURS).data() for row in range(4)]
    assert hours == ["120 h", "3.5 h", "", ""]


def test_nobody_to_keep_is_said_at_the_top_of_the_page(qtbot, bus, clock):
    from journal.core.groups import GroupDraft, create_group

    create_group(GroupDraft(name="Alumni circle", joined_on=dt.date(2024, 1, 8)), clock=clock)
    view = show_view(qtbot, bus, clock)
    view.start_review()
    dialog = opened(qtbot, view, ReviewDialog)
    while dialog.stack.currentWidget() is not dialog.people_page:
        click(qtbot, child(dialog, QPushButton, "reviewNext"))
    nobody = child(dialog, QLabel, "noPeopleToKeep")
    assert nobody.isVisible()
    assert not child(dialog, QTableView, "peopleToKeep").isVisible()
    # Right under the explanation, not halfway down an empty page; no keys for a missing table.
    above = max(
        w.geometry().bottom()
        for w in dialog.people_page.findChildren(QLabel)
        if w.isVisible() and w is not nobody and w.geometry().top() < nobody.geometry().top()
    )
    assert nobody.geometry().top() - above < 3 * nobody.fontMetrics().height()
    assert not any(
        "Space ticks" in w.text() for w in dialog.people_page.findChildren(QLabel) if w.isVisible()
    )


def test_the_reviews_figures_can_be_cancelled_while_they_come(  # type: ignore[no-untyped-def]
    qtbot, journal, clock, monkeypatch, cancel_progress
) -> None:
    from PySide6.QtWidgets import QWidget

    from journal.ui.dialogs.review_dialog import compute_report
    from journal.ui.widgets import modal_progress

    _journal_with_groups(clock)
    for n in range(8):  # a step per membership: enough for the dialog to show and be used
        create_group(GroupDraft(name=f"Circle {n}", joined_on=dt.date(2025, 1, 7)), clock)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    assert compute_report(clock, window) is not None  # quick: no dialog, the figures
    monkeypatch.setattr(modal_progress, "SHOW_AFTER_MS", 0)  # as a long review's would
    seen = cancel_progress("reviewProgress")
    assert compute_report(clock, window) is None
    assert seen == ["Weighing each membership…"]


def test_why_someone_is_worth_keeping_wraps_instead_of_being_cut_short(qtbot, bus, dialogs, clock):
    ids = _journal_with_groups(clock)
    for kind, day in (("help_received", 3), ("help_given", 4)):
        log_interaction(
            InteractionDraft(kind, _at(dt.date(2026, 11, day)), "Help",
                             participant_ids=[ids["friend"]]),
            clock,
        )  # fmt: skip
    view = show_view(qtbot, bus, clock)
    view.start_review()
    dialog = opened(qtbot, view, ReviewDialog)
    dialog.resize(640, dialog.height())  # a narrow dialog: the reasons need several lines
    while dialog.stack.currentWidget() is not dialog.people_page:
        click(qtbot, child(dialog, QPushButton, "reviewNext"))
    table = child(dialog, QTableView, "peopleToKeep")
    why = dialog.people_model.index(0, PeopleToKeepModel.WHY).data()
    assert "supported you 1 time" in why and "you supported them 1 time" in why
    room = table.visualRect(dialog.people_model.index(0, PeopleToKeepModel.WHY))
    needed = table.fontMetrics().boundingRect(room, Qt.TextFlag.TextWordWrap, why).height()
    line = table.fontMetrics().height()
    assert needed >= 3 * line  # narrow enough to matter
    assert table.wordWrap()  # not cut short with "..." ...
    assert table.sizeHintForRow(0) >= needed
    qtbot.waitUntil(lambda: table.rowHeight(0) >= table.sizeHintForRow(0))  # ... all of it shown
