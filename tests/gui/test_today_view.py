"""The Today page, driven with clicks and keys: every section acted on in place."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from journal.core.clock import FixedClock
from journal.core.contacts import ContactDraft, create_contact
from journal.core.followups import FollowUpDraft, add_followup, all_followups, followup_row
from journal.core.groups import GroupDraft, create_group
from journal.core.introductions import suggestions
from journal.core.keep_in_touch import touch_status
from journal.core.timeline import TimelineFilter, timeline_page
from journal.store.models import Meeting
from journal.ui.models.today_models import (
    ContactRole,
    FadingModel,
    FollowUpsModel,
    IntroductionsModel,
    ItemRole,
    MeetingsModel,
    NewPeopleModel,
)
from journal.ui.views.today_view import TodayView

DAY = dt.timedelta(days=1)


def _plain(text: str) -> str:
    """A row's text without the invisible marks that set names apart (FSI ... PDI)."""
    return text.replace("\u2068", "").replace("\u2069", "")


def _person(clock, given: str, family: str = "", **fields: object) -> int:  # type: ignore[no-untyped-def]
    return create_contact(ContactDraft(given_name=given, family_name=family, **fields), clock).value  # type: ignore[arg-type]


@pytest.fixture
def lived_in(journal, clock):  # type: ignore[no-untyped-def]
    """A journal with something in every section."""
    today = clock.today()
    jane = _person(
        clock, "Jane", "Doe", stage="friend", needs="a bookkeeper", met_on=today - 90 * DAY
    )
    omar = _person(clock, "Omar", "Haddad", offers="bookkeeping", met_on=today - 5 * DAY)
    priya = _person(clock, "Priya", "Sharma", met_on=today - 4 * DAY, where_met="the fair")
    late = add_followup(FollowUpDraft(today - 3 * DAY, "Send the deck", jane), clock).value
    due = add_followup(FollowUpDraft(today, "Call back", omar), clock).value
    group = create_group(
        GroupDraft(name="BNI", meeting_cadence="weekly", meeting_weekday=today.weekday()), clock
    ).value
    return {"jane": jane, "omar": omar, "priya": priya, "late": late, "due": due, "group": group}


def _view(qtbot, bus, clock) -> TodayView:  # type: ignore[no-untyped-def]
    view = TodayView(bus, clock)
    qtbot.addWidget(view)
    view.resize(900, 1400)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.show()
    qtbot.waitExposed(view)
    return view


def _click(qtbot, view: TodayView, name: str) -> None:  # type: ignore[no-untyped-def]
    button = view.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    with qtbot.waitSignal(view.loaded, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _menu_pick(qtbot, view: TodayView, button_name: str, index: int) -> None:  # type: ignore[no-untyped-def]
    button = view.findChild(QPushButton, button_name)
    assert button is not None and button.isEnabled()
    menu = button.menu()
    menu.aboutToShow.emit()
    with qtbot.waitSignal(view.loaded, timeout=5000):
        menu.actions()[index].trigger()


def test_empty_journal_says_so_in_every_section(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    for section in view.sections:
        assert section.model.total() == 0
        assert section.empty.isVisible() and not section.list.isVisible()
        assert section.empty.text()
    assert "No follow-up is due" in view.followups.empty.text()
    assert view.status.text() == ""
    # No row of greyed-out buttons under "nothing due": they come with a list.
    assert not view.findChild(QPushButton, "done").isVisible()
    assert not view.findChild(QPushButton, "logFading").isVisible()


def test_a_sections_buttons_come_with_its_list(qtbot, lived_in, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    assert view.followups.model.total() > 0
    assert view.findChild(QPushButton, "done").isVisible()
    assert view.findChild(QPushButton, "logFading").isVisible()


def test_sections_show_the_day(qtbot, lived_in, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    texts = [_plain(view.followups.model.data(view.followups.model.index(r, 0))) for r in range(2)]
    assert texts[0] == "Jane Doe  ·  Send the deck  ·  3 days overdue"
    assert texts[1] == "Omar Haddad  ·  Call back  ·  today"
    assert view.followups.model.data(
        view.followups.model.index(0, 0), Qt.ItemDataRole.ForegroundRole
    )
    assert view.fading.model.total() == 1
    assert view.new_people.model.item(0).contact_id == lived_in["priya"]
    assert view.new_people.model.total() == 1  # Omar has a follow-up planned already
    assert "Introduce Jane Doe to Omar Haddad" in _plain(
        view.introductions.model.data(view.introductions.model.index(0, 0))
    )
    assert view.meetings.model.item(0).group_name == "BNI"
    assert "(2)" in view.followups.heading.text()
    assert view.followups.list.isVisible() and not view.followups.empty.isVisible()


def test_done_and_snooze_a_follow_up(qtbot, lived_in, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    view.followups.list.setCurrentIndex(view.followups.model.index(0, 0))
    _click(qtbot, view, "done")
    assert followup_row(lived_in["late"]).done_at == clock.now()
    assert [view.followups.model.item(r).id for r in range(view.followups.model.rowCount())] == [
        lived_in["due"]
    ]
    _menu_pick(qtbot, view, "snoozeFollowUp", 2)  # a week
    assert followup_row(lived_in["due"]).snoozed_until == clock.today() + 7 * DAY
    assert view.followups.model.total() == 0
    assert view.followups.empty.isVisible()


def test_done_is_said_and_undone(qtbot, lived_in, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.undo import undo_stack

    view = _view(qtbot, bus, clock)
    view.followups.list.setCurrentIndex(view.followups.model.index(0, 0))
    with qtbot.waitSignal(view.said) as said:
        _click(qtbot, view, "done")
    assert said.args == ["Done: Send the deck (Edit → Undo brings it back)."]
    stack = undo_stack(bus)
    assert stack.undoText() == "Mark done: Send the deck"
    stack.undo()
    assert followup_row(lived_in["late"]).done_at is None
    qtbot.waitUntil(lambda: view.followups.model.total() == 2)
    stack.redo()
    assert followup_row(lived_in["late"]).done_at == clock.now()


def test_log_from_a_follow_up_finishes_it(qtbot, lived_in, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    view.followups.list.setCurrentIndex(view.followups.model.index(0, 0))
    seen: dict[str, object] = {}

    def log(dialog) -> None:  # type: ignore[no-untyped-def]
        seen["people"] = dialog.people.contact_ids()
        seen["summary"] = dialog.findChild(QLineEdit, "summary").text()
        seen["kind"] = dialog.kind.currentData()  # "Send …": an e-mail, most likely
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "saveInteraction"), Qt.MouseButton.LeftButton
        )

    problems = on_dialog(log)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        qtbot.mouseClick(view.findChild(QPushButton, "logFollowUp"), Qt.MouseButton.LeftButton)
    assert problems == []
    assert seen == {"people": [lived_in["jane"]], "summary": "Send the deck", "kind": "email"}
    assert followup_row(lived_in["late"]).done_at is not None
    rows, _ = timeline_page(TimelineFilter(contact_id=lived_in["jane"]))
    assert [r.summary for r in rows] == ["Send the deck"]
    # Logging anything resets the rhythm: Jane is no longer fading.
    assert view.fading.model.total() == 0


def test_snooze_a_fading_relationship_and_open_the_contact(qtbot, lived_in, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    opened: list[int] = []
    view.contact_requested.connect(opened.append)
    view.fading.list.setFocus()
    view.fading.list.setCurrentIndex(view.fading.model.index(0, 0))
    qtbot.keyClick(view.fading.list, Qt.Key.Key_Return)
    assert opened == [lived_in["jane"]]
    assert view.focused_contact() == lived_in["jane"]
    _menu_pick(qtbot, view, "snoozeFading", 0)  # until tomorrow
    row = touch_status(lived_in["jane"], clock)
    assert row is not None and row.snoozed_until == clock.today() + DAY
    assert view.fading.model.total() == 0


def test_plan_a_follow_up_for_a_new_person(qtbot, lived_in, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)

    def plan(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.person.contact_ids() == [lived_in["priya"]]
        qtbot.keyClicks(dialog.findChild(QLineEdit, "followUpText"), "Ask about the bakery")
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveFollowUp"), Qt.MouseButton.LeftButton)

    problems = on_dialog(plan)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        qtbot.mouseClick(view.findChild(QPushButton, "planNew"), Qt.MouseButton.LeftButton)
    assert problems == []
    assert "Ask about the bakery" in [f.text for f in all_followups()]
    assert view.new_people.model.total() == 0  # a follow-up is planned now


def test_introduce_and_dismiss(qtbot, lived_in, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)

    def introduce(dialog) -> None:  # type: ignore[no-untyped-def]
        assert dialog.kind.currentData() == "introduction"
        assert sorted(dialog.people.contact_ids()) == sorted([lived_in["jane"], lived_in["omar"]])
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "saveInteraction"), Qt.MouseButton.LeftButton
        )

    problems = on_dialog(introduce)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        qtbot.mouseClick(view.findChild(QPushButton, "introduce"), Qt.MouseButton.LeftButton)
    assert problems == []
    for person in (lived_in["jane"], lived_in["omar"]):
        rows, _ = timeline_page(TimelineFilter(contact_id=person))
        assert rows[0].summary == "Introduced Jane Doe to Omar Haddad"
    assert view.introductions.model.total() == 0


def test_dismiss_a_suggestion(qtbot, lived_in, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    _click(qtbot, view, "dismissIntroduction")
    assert suggestions(clock) == []
    assert view.introductions.empty.isVisible()


def test_record_today_s_meeting(qtbot, lived_in, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    assert view.meetings.model.item(0).on == clock.today()
    _click(qtbot, view, "attended")
    from journal.core.group_queries import meeting_rows

    assert [(m.held_on, m.attendance) for m in meeting_rows(lived_in["group"])] == [
        (clock.today(), "attended")
    ]
    assert view.meetings.model.item(0).on == clock.today() + 7 * DAY
    assert not view.attended_button.isEnabled()  # next week's has not happened yet


def test_sending_apologies_shows_on_the_meeting(qtbot, lived_in, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    _click(qtbot, view, "attended")  # today's is done; next week's is the one listed
    qtbot.waitUntil(lambda: view.meetings.model.item(0).on == clock.today() + 7 * DAY)
    model = view.meetings.model
    assert "apologies" not in model.data(model.index(0, 0))
    _click(qtbot, view, "apologies")
    qtbot.waitUntil(lambda: "apologies sent" in model.data(model.index(0, 0)))
    assert model.item(0).on == clock.today() + 7 * DAY


def test_a_click_on_today_keeps_what_was_noted_about_the_meeting(
    qtbot, lived_in, bus, clock
) -> None:  # type: ignore[no-untyped-def]
    from journal.core.meetings import MeetingDraft, record_meeting

    today = clock.today()
    # Apologies for next week sent in the meeting form with a note; then Send apologies
    # clicked on Today as well: the note stays.
    record_meeting(MeetingDraft(lived_in["group"], today, "attended"), clock)
    next_week = today + 7 * DAY
    noted = MeetingDraft(lived_in["group"], next_week, "excused", notes="away, Omar covers")
    meeting = record_meeting(noted, clock).value
    view = _view(qtbot, bus, clock)
    assert view.meetings.model.item(0).on == next_week
    _click(qtbot, view, "apologies")
    stored = Meeting.get_by_id(meeting)
    assert (stored.attendance, stored.notes) == ("excused", "away, Omar covers")


def test_context_menu_offers_the_same_actions(qtbot, lived_in, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    menu = view.followups.context_menu()
    assert menu is not None
    assert [a.text() for a in menu.actions()] == [
        "Done",
        "Snooze",
        "Edit…",
        "Log interaction…",
        "Open contact",
    ]
    snooze = menu.actions()[1].menu()
    assert len(snooze.actions()) == 6
    with qtbot.waitSignal(view.loaded, timeout=5000):
        menu.actions()[0].trigger()
    assert followup_row(lived_in["late"]).done_at is not None


def test_changes_elsewhere_refresh_the_page(qtbot, lived_in, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.core import followups

    view = _view(qtbot, bus, clock)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        bus.run(followups.complete_followup, lived_in["due"], clock)
    assert [view.followups.model.item(0).id] == [lived_in["late"]]
    assert view.followups.model.total() == 1


@pytest.mark.parametrize(
    "model_class", [FollowUpsModel, FadingModel, NewPeopleModel, IntroductionsModel, MeetingsModel]
)
def test_section_models_pass_the_model_tester(qtmodeltester, journal, model_class) -> None:  # type: ignore[no-untyped-def]
    model = model_class()
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_section_models_fetch_lazily(qtmodeltester, journal, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.core.keep_in_touch import fading

    today = clock.today()
    for n in range(130):
        _person(clock, f"Person {n:03}", stay_in_touch_days=30, met_on=today - (40 + n) * DAY)
    model = FadingModel()
    rows = fading(clock)
    model.set_rows(rows, today)
    assert (model.total(), model.rowCount()) == (130, 50)
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 100
    qtmodeltester.check(model)
    item = model.data(model.index(0, 0), ItemRole)
    assert item.name == "Person 129"  # the longest overdue first
    assert model.data(model.index(0, 0), ContactRole) == item.contact_id
    assert "Every 30 days" in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)


def test_the_review_shows_when_due_and_starts_from_today(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    view = _view(qtbot, bus, clock)
    assert view.review.model.total() == 0 and view.review.empty.isVisible()
    with qtbot.waitSignal(view.loaded, timeout=5000):
        # Written down the day it began, so its first review has been due since April 2025.
        then = FixedClock(dt.datetime(2025, 1, 6, 9, tzinfo=dt.timezone.utc))
        bus.run(create_group, GroupDraft(name="Chamber", joined_on=dt.date(2025, 1, 6)), then)
    assert view.review.model.total() == 1
    text = view.review.model.data(view.review.model.index(0, 0))
    assert "review" in text and "overdue since 2025-04-06" in text
    with qtbot.waitSignal(view.review_requested, timeout=1000):
        qtbot.mouseClick(view.findChild(QPushButton, "startReview"), Qt.MouseButton.LeftButton)


def test_every_row_parts_its_fields_with_the_one_separator(qtbot, lived_in, bus, clock) -> None:  # type: ignore[no-untyped-def]
    # Follow-ups read "Jane Doe — Send the deck  ·  3 days overdue" and new people
    # "Priya Sharma  ·  met 4 days ago · the fair": three marks for one meaning.
    view = _view(qtbot, bus, clock)
    sections = (view.followups, view.fading, view.new_people, view.introductions, view.meetings)
    rows = [
        _plain(section.model.data(section.model.index(r, 0)))
        for section in sections
        for r in range(section.model.rowCount())
    ]
    assert len(rows) >= 5
    for row in rows:
        assert "—" not in row, row
        assert "·" not in row.replace("  ·  ", ""), row
    assert "Priya Sharma  ·  met 4 days ago  ·  the fair" in rows


def test_an_introduction_names_the_need_and_the_offer(qtbot, journal) -> None:  # type: ignore[no-untyped-def]
    from journal.core.introductions import Suggestion
    from journal.ui.models.today_models import IntroductionsModel

    model = IntroductionsModel()
    fields = {f: None for f in Suggestion.__dataclass_fields__}
    same = Suggestion(**{**fields, "needer_name": "Jane", "offerer_name": "Omar",
                         "need": "investors", "offer": "Investors"})  # fmt: skip
    other = Suggestion(**{**fields, "needer_name": "Jane", "offerer_name": "Omar",
                          "need": "a bookkeeper", "offer": "bookkeeping"})  # fmt: skip
    assert _plain(model.text(same)) == "Introduce Jane to Omar  ·  needs investors → offers it"
    assert (
        _plain(model.text(other))
        == "Introduce Jane to Omar  ·  needs a bookkeeper → offers bookkeeping"
    )


def test_a_right_to_left_name_leaves_the_date_after_it_as_it_is(qtbot, journal) -> None:  # type: ignore[no-untyped-def]
    # After Arabic letters the digits of "2026-11-26" count as Arabic ones, and the line
    # read "26-11-2026 · نادي الأعمال (in 2 days)": the name is set apart from the figures.
    from journal.core.upcoming import UpcomingMeeting

    model = MeetingsModel()
    model.set_rows([UpcomingMeeting(1, "نادي الأعمال", dt.date(2026, 11, 26), "weekly", None)],
                   dt.date(2026, 11, 24))  # fmt: skip
    assert model.text(model.item(0)).startswith("\u2068نادي الأعمال\u2069  ·  2026-11-26")


def test_todays_read_finishes_before_the_journal_file_is_swapped(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock, monkeypatch
) -> None:
    import threading
    import time

    import journal.core.today as today
    from journal.core.changes import Changes, Result

    real = today.today_snapshot
    reading = threading.Event()

    def slow_snapshot(clock):  # type: ignore[no-untyped-def]
        reading.set()
        time.sleep(0.4)
        return real(clock)

    monkeypatch.setattr(today, "today_snapshot", slow_snapshot)
    view = TodayView(bus, clock)
    qtbot.addWidget(view)
    view.reload()
    assert reading.wait(5)
    readers_during_swap: list[int] = []

    def swap() -> Result[None]:
        readers_during_swap.append(view._reader._pool.activeThreadCount())
        return Result(None, Changes())

    assert bus.run_replacing_file(swap) is not None
    assert readers_during_swap == [0]


def test_a_read_asked_for_before_the_first_turn_is_not_done_twice(
    qtbot, journal, bus, clock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import journal.core.today as today

    real = today.today_snapshot
    reads: list[int] = []

    def counting(clock):  # type: ignore[no-untyped-def]
        reads.append(1)
        return real(clock)

    monkeypatch.setattr(today, "today_snapshot", counting)
    view = TodayView(bus, clock)
    qtbot.addWidget(view)
    view.show()  # queues the first read for the next turn
    view.reload()  # the digest asks for one at once
    with qtbot.waitSignal(view.loaded, timeout=5000):
        pass
    qtbot.wait(50)
    assert len(reads) == 1


def test_snoozing_until_a_day_picked_on_the_calendar(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QCalendarWidget, QDialog, QWidget

    from journal.ui.widgets.snooze_menu import pick_day

    parent = QWidget()
    qtbot.addWidget(parent)
    today = dt.date(2026, 3, 10)

    def answer() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if w.objectName() == "snoozeDayDialog"
        )
        assert isinstance(dialog, QDialog)
        calendar = dialog.findChild(QCalendarWidget, "snoozeCalendar")
        assert calendar is not None and calendar.minimumDate().toPython() == today + DAY
        dialog.accept()  # the day it offers: a week on

    QTimer.singleShot(0, answer)
    assert pick_day(parent, today) == today + 7 * DAY


def test_done_on_a_follow_up_gone_meanwhile_says_why_and_keeps_nothing_to_undo(
    qtbot, lived_in, bus, clock, dialogs
) -> None:  # type: ignore[no-untyped-def]
    from journal.core.followups import delete_followup
    from journal.ui.undo import undo_stack

    view = _view(qtbot, bus, clock)
    view.followups.list.setCurrentIndex(view.followups.model.index(0, 0))
    delete_followup(lived_in["late"])  # from the command line, say
    qtbot.mouseClick(view.findChild(QPushButton, "done"), Qt.MouseButton.LeftButton)
    assert [kind for kind, *_ in dialogs.shown] == ["error"]
    assert undo_stack(bus).count() == 0
