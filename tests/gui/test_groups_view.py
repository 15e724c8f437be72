"""The "Groups I belong to" page, driven the way a person uses it: clicks and typing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypeVar

import pytest
from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from journal.core.changes import Area, Changes
from journal.core.clock import FixedClock
from journal.core.contacts import ContactDraft, create_contact
from journal.core.group_queries import group_card, group_rows, meeting_rows
from journal.core.groups import GroupDraft, create_group, load_group_draft
from journal.core.meetings import MeetingDraft, load_meeting_draft, record_meeting
from journal.ui.bus import JournalBus
from journal.ui.dialogs.group_form import AddMembersDialog, GroupForm
from journal.ui.dialogs.meeting_form import MeetingForm
from journal.ui.models.group_models import GroupListModel, warning_color
from journal.ui.views.groups_view import GroupsView

W = TypeVar("W", bound=QObject)

# The contact picker's completion popup cannot raise itself or grab the keyboard on the
# offscreen platform; Qt says so at warning level. Ignored only where the popup opens.
JOINED = dt.date(2025, 1, 6)


# --- helpers -------------------------------------------------------------------------------


def child(parent: QObject, kind: type[W], name: str) -> W:
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name!r}"
    return found


def show_view(qtbot, bus: JournalBus, clock: FixedClock) -> GroupsView:  # type: ignore[no-untyped-def]
    view = GroupsView(bus, clock)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def opened(qtbot, view: GroupsView, kind: type[W]) -> W:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: (d := view.findChild(kind)) is not None and d.isVisible())
    dialog = view.findChild(kind)
    assert dialog is not None
    return dialog


def closed(qtbot, view: GroupsView, kind: type[QObject]) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: view.findChild(kind) is None)


def click(qtbot, button: QPushButton) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace what a line edit or spin box holds, as a person would (select all, type)."""
    widget.setFocus()
    if isinstance(widget, (QAbstractSpinBox, QLineEdit)):
        widget.selectAll()
    qtbot.keyClicks(widget, text)


def choose(combo: QComboBox, code: str) -> None:
    position = combo.findData(code)
    assert position >= 0, code
    combo.setCurrentIndex(position)


def group(name: str, clock: FixedClock, **fields: object) -> int:
    draft = GroupDraft(name=name, joined_on=JOINED, **fields)  # type: ignore[arg-type]
    return create_group(draft, clock=clock).value


def person(given: str, family: str, clock: FixedClock) -> int:
    return create_contact(ContactDraft(given_name=given, family_name=family), clock=clock).value


def double_click_row(qtbot, view: QAbstractItemView, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = view.visualRect(view.model().index(row, 0))
    # Click first, as a person does: QTest's first double-click on a fresh window only presses.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def show_members(qtbot, view: GroupsView) -> None:  # type: ignore[no-untyped-def]
    """Click the Members tab under the group's summary."""
    bar = view.logs_tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert view.logs_tabs.currentWidget() is view.members_list


def focus(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


# --- empty state and creating groups -------------------------------------------------------


def test_no_groups_shows_a_friendly_empty_state(qtbot, bus, dialogs, clock):
    view = show_view(qtbot, bus, clock)

    assert view.pages.currentWidget() is view.empty_page
    button = child(view, QPushButton, "addFirstGroupButton")
    assert button.isVisible()
    assert "&Add the first group you belong to" in button.text()
    assert child(view, QLabel, "emptyStateText").text()

    view.attend_today()  # from the main window's menu, with no group yet
    assert dialogs.shown[-1][0] == "info"
    assert "Add a group" in dialogs.shown[-1][2]
    click(qtbot, button)
    form = opened(qtbot, view, GroupForm)
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # Escape cancels
    closed(qtbot, view, GroupForm)
    assert group_rows() == []
    assert view.pages.currentWidget() is view.empty_page


def test_the_empty_state_text_is_shown_whole(qtbot, bus, clock):
    # A wrapped label centred in a box layout got one line's height: its three lines
    # were cut to a sliver between the heading and the button.
    view = show_view(qtbot, bus, clock)
    text = child(view, QLabel, "emptyStateText")
    assert text.height() >= text.heightForWidth(text.width()) > text.fontMetrics().height() * 2


def test_the_members_list_cuts_long_names_instead_of_scrolling_sideways(qtbot, bus, clock):
    view = show_view(qtbot, bus, clock)
    members = view.members_list
    assert members.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert members.textElideMode() == Qt.TextElideMode.ElideRight


def test_first_group_typed_into_the_form_is_stored_and_shown(qtbot, bus, clock):
    view = show_view(qtbot, bus, clock)
    click(qtbot, child(view, QPushButton, "addFirstGroupButton"))
    form = opened(qtbot, view, GroupForm)

    qtbot.keyClicks(child(form, QLineEdit, "groupName"), "Thursday breakfast club")
    choose(child(form, QComboBox, "groupKind"), "referral_club")
    click_box = child(form, QCheckBox, "joinedKnown")
    qtbot.mouseClick(click_box, Qt.MouseButton.LeftButton)
    child(form, QDateEdit, "joinedOn").setDate(QDate(2024, 3, 7))
    choose(child(form, QComboBox, "meetingCadence"), "weekly")
    choose(child(form, QComboBox, "meetingWeekday"), 3)
    type_into(qtbot, child(form, QAbstractSpinBox, "requiredAttendance"), "80")
    type_into(qtbot, child(form, QAbstractSpinBox, "meetingMinutes"), "90")
    type_into(qtbot, child(form, QAbstractSpinBox, "travelMinutes"), "25")
    type_into(qtbot, child(form, QLineEdit, "duesAmount"), "1234.50")
    currency = child(form, QComboBox, "duesCurrency")
    currency.clearEditText()
    qtbot.keyClicks(currency, "eur")
    choose(child(form, QComboBox, "duesPeriod"), "year")
    type_into(qtbot, child(form, QLineEdit, "role"), "Treasurer")
    type_into(qtbot, child(form, QAbstractSpinBox, "roleHours"), "4")
    type_into(qtbot, child(form, QAbstractSpinBox, "referralQuota"), "2")
    qtbot.keyClicks(child(form, QPlainTextEdit, "rules"), "Send a substitute when away")
    click(qtbot, child(form, QPushButton, "saveButton"))
    closed(qtbot, view, GroupForm)

    rows = group_rows()
    assert [r.name for r in rows] == ["Thursday breakfast club"]
    stored = load_group_draft(rows[0].id)
    assert stored.kind == "referral_club"
    assert stored.joined_on == dt.date(2024, 3, 7)
    assert stored.left_on is None
    assert stored.meeting_cadence == "weekly"
    assert stored.meeting_weekday == 3
    assert stored.required_attendance_pct == 80
    assert (stored.meeting_minutes, stored.travel_minutes) == (90, 25)
    assert stored.dues_amount == Decimal("1234.50")
    assert (stored.dues_currency, stored.dues_period) == ("EUR", "year")
    assert (stored.role, stored.role_hours_per_month) == ("Treasurer", 4)
    assert stored.referral_quota_per_month == 2
    assert stored.rules == "Send a substitute when away"

    # The page switched from the empty state to the list, with the new group selected.
    assert view.pages.currentWidget() is view.content
    assert view.selected_group_id() == rows[0].id
    assert child(view, QLabel, "groupTitle").text() == "Thursday breakfast club"
    assert child(view, QLabel, "demand_meetings").text() == "Weekly, on Thursday"
    assert child(view, QLabel, "demand_attendance").text() == "80% of meetings"
    assert child(view, QLabel, "demand_time").text() == "1 h 30 min meeting + 25 min travel"
    assert child(view, QLabel, "demand_dues").text() == "1,234.50 EUR per year"
    assert child(view, QLabel, "demand_role").text() == "Treasurer, 4 h a month"
    assert child(view, QLabel, "demand_referrals").text() == "2 per month"


def test_new_group_button_and_enter_save_the_form(qtbot, bus, clock):
    existing = group("Chamber breakfast", clock)
    view = show_view(qtbot, bus, clock)
    assert view.selected_group_id() is None
    assert child(view, QLabel, "noSelectionHint").isVisible()

    click(qtbot, child(view, QPushButton, "newGroupButton"))
    form = opened(qtbot, view, GroupForm)
    name = child(form, QLineEdit, "groupName")
    qtbot.keyClicks(name, "Women in tech meetup")
    qtbot.keyClick(name, Qt.Key.Key_Return)  # Enter saves
    closed(qtbot, view, GroupForm)

    names = {r.name: r.id for r in group_rows()}
    assert set(names) == {"Chamber breakfast", "Women in tech meetup"}
    stored = load_group_draft(names["Women in tech meetup"])
    assert stored.joined_on is None  # never a made-up date
    assert stored.required_attendance_pct is None
    assert stored.dues_amount is None and stored.dues_currency == ""
    assert view.groups_model.rowCount() == 2
    assert view.selected_group_id() == names["Women in tech meetup"] != existing


def _edit_left_rotary(qtbot, bus, clock) -> tuple[GroupsView, GroupForm, int]:  # type: ignore[no-untyped-def]
    """Edit group open on Rotary, left on 2026-06-30."""
    club = group("Rotary", clock, status="left", left_on=dt.date(2026, 6, 30))
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    click(qtbot, child(view, QPushButton, "editGroupButton"))
    return view, opened(qtbot, view, GroupForm), club


def test_choosing_another_status_for_a_group_left_rejoins_it(qtbot, bus, clock):
    view, form, club = _edit_left_rotary(qtbot, bus, clock)
    left_known = child(form, QCheckBox, "leftKnown")
    assert left_known.isChecked()
    status = child(form, QComboBox, "groupStatus")
    status.setFocus()
    qtbot.keyClick(status, Qt.Key.Key_Home)  # Active, the first status
    assert status.currentData() == "active"
    assert not left_known.isChecked()  # the day left goes with the choice, on screen
    click(qtbot, child(form, QPushButton, "saveButton"))
    closed(qtbot, view, GroupForm)
    draft = load_group_draft(club)
    assert (draft.status, draft.left_on) == ("active", None)


def test_choosing_left_again_keeps_the_day_left(qtbot, bus, clock):
    view, form, club = _edit_left_rotary(qtbot, bus, clock)
    status = child(form, QComboBox, "groupStatus")
    status.setFocus()
    qtbot.keyClick(status, Qt.Key.Key_Home)  # Active: a slip of the wheel or the keys
    qtbot.keyClick(status, Qt.Key.Key_End)  # Left again
    assert status.currentData() == "left"
    assert child(form, QCheckBox, "leftKnown").isChecked()
    assert child(form, QDateEdit, "leftOn").date() == QDate(2026, 6, 30)
    click(qtbot, child(form, QPushButton, "saveButton"))
    closed(qtbot, view, GroupForm)
    draft = load_group_draft(club)
    assert (draft.status, draft.left_on) == ("left", dt.date(2026, 6, 30))  # not today


def test_unticking_the_day_left_rejoins(qtbot, bus, clock):
    view, form, club = _edit_left_rotary(qtbot, bus, clock)
    qtbot.mouseClick(child(form, QCheckBox, "leftKnown"), Qt.MouseButton.LeftButton)
    assert child(form, QComboBox, "groupStatus").currentData() == "active"
    click(qtbot, child(form, QPushButton, "saveButton"))
    closed(qtbot, view, GroupForm)
    draft = load_group_draft(club)
    assert (draft.status, draft.left_on) == ("active", None)


def test_a_group_stored_as_left_without_a_day_opens_as_left(qtbot, bus, clock):
    from journal.store.models import Group

    club = group("Rotary", clock)
    Group.update(status="left", left_on=None).where(Group.id == club).execute()  # as 0.x kept it
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    click(qtbot, child(view, QPushButton, "editGroupButton"))
    form = opened(qtbot, view, GroupForm)
    assert child(form, QComboBox, "groupStatus").currentData() == "left"
    assert not child(form, QCheckBox, "leftKnown").isChecked()


def test_leaving_before_joining_is_named_in_the_form_and_nothing_is_stored(qtbot, bus, clock):
    view = show_view(qtbot, bus, clock)
    view.new_group()
    form = opened(qtbot, view, GroupForm)
    qtbot.keyClicks(child(form, QLineEdit, "groupName"), "Rotary")
    qtbot.mouseClick(child(form, QCheckBox, "joinedKnown"), Qt.MouseButton.LeftButton)
    child(form, QDateEdit, "joinedOn").setDate(QDate(2025, 3, 1))
    qtbot.mouseClick(child(form, QCheckBox, "leftKnown"), Qt.MouseButton.LeftButton)
    left_on = child(form, QDateEdit, "leftOn")
    left_on.setDate(QDate(2025, 1, 15))
    assert child(form, QComboBox, "groupStatus").currentData() == "left"

    click(qtbot, child(form, QPushButton, "saveButton"))

    error = child(form, QLabel, "formError")
    assert form.isVisible()
    assert error.isVisible()
    assert error.text().startswith("Left on: ")
    assert "before joining" in error.text()
    assert form.focusWidget() is left_on
    assert group_rows() == []
    assert bus.dialogs.shown == []  # shown in the form, not in a message box

    left_on.setDate(QDate(2025, 6, 30))
    click(qtbot, child(form, QPushButton, "saveButton"))
    closed(qtbot, view, GroupForm)
    (row,) = group_rows()
    assert row.status == "left"
    assert load_group_draft(row.id).left_on == dt.date(2025, 6, 30)


def test_a_duplicate_name_keeps_the_form_open(qtbot, bus, clock):
    group("Chamber breakfast", clock)
    view = show_view(qtbot, bus, clock)
    click(qtbot, child(view, QPushButton, "newGroupButton"))
    form = opened(qtbot, view, GroupForm)
    name = child(form, QLineEdit, "groupName")
    qtbot.keyClicks(name, "chamber BREAKFAST")
    type_into(qtbot, child(form, QLineEdit, "duesAmount"), "50")
    click(qtbot, child(form, QPushButton, "saveButton"))

    error = child(form, QLabel, "formError")
    assert error.isVisible()
    assert error.text().startswith("Name: ")
    assert "already have a group" in error.text()
    assert form.focusWidget() is name
    assert len(group_rows()) == 1

    # Dues need a period: the next problem is named too, still nothing stored.
    type_into(qtbot, name, "Export club")
    click(qtbot, child(form, QPushButton, "saveButton"))
    # Named as the row is captioned ("Dues:"), not "Dues paid", a caption nowhere on screen.
    assert error.text() == "Dues: say how often the dues are paid"
    assert form.focusWidget() is child(form, QComboBox, "duesPeriod")
    assert len(group_rows()) == 1


def _save_new_group_with_dues(qtbot, bus, clock, typed: str) -> tuple[GroupsView, GroupForm]:  # type: ignore[no-untyped-def]
    """A new group with `typed` in its dues (EUR a month), Save clicked."""
    view = show_view(qtbot, bus, clock)
    click(qtbot, child(view, QPushButton, "newGroupButton"))
    form = opened(qtbot, view, GroupForm)
    qtbot.keyClicks(child(form, QLineEdit, "groupName"), "Export club")
    dues = child(form, QLineEdit, "duesAmount")
    qtbot.keyClicks(dues, typed)
    assert dues.text() == typed  # every key kept: the comma was dropped as it was typed
    qtbot.keyClicks(child(form, QComboBox, "duesCurrency"), "EUR")
    choose(child(form, QComboBox, "duesPeriod"), "month")
    click(qtbot, child(form, QPushButton, "saveButton"))
    return view, form


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("12,50", Decimal("12.50")),
        ("1.200,50", Decimal("1200.50")),
        ("1,200.50", Decimal("1200.50")),
    ],
)
def test_dues_typed_with_a_decimal_comma_keep_their_value(qtbot, bus, clock, typed, stored):
    view, _form = _save_new_group_with_dues(qtbot, bus, clock, typed)
    closed(qtbot, view, GroupForm)
    (row,) = group_rows()
    assert load_group_draft(row.id).dues_amount == stored


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("-50", "Dues: cannot be negative (got -50)"),
        ("fifty", "Dues: 'fifty' is not an amount"),
        ("1e3", "Dues: '1e3' is not an amount"),
        ("1.2.3", "Dues: '1.2.3' is not an amount"),
    ],
)
def test_dues_that_are_no_amount_are_refused_at_the_field(qtbot, bus, clock, typed, said):
    _view, form = _save_new_group_with_dues(qtbot, bus, clock, typed)
    assert child(form, QLabel, "formError").text() == said
    assert form.focusWidget() is child(form, QLineEdit, "duesAmount")
    assert group_rows() == []


@pytest.mark.parametrize(
    ("locale", "typed", "stored"),
    [
        # One separator with three digits after it: the locale says which it is.
        ("de_DE", "1.200", Decimal("1200")),
        ("de_DE", "12,505", Decimal("12.505")),
        ("en_US", "1.200", Decimal("1.200")),
        ("en_US", "12,505", Decimal("12505")),
        # "0," never groups thousands.
        ("en_US", "0,125", Decimal("0.125")),
        ("en_US", "-0", Decimal("0")),
    ],
)
def test_dues_are_read_the_locales_way(qtbot, bus, clock, locale_of, locale, typed, stored):
    locale_of(locale)
    view, _form = _save_new_group_with_dues(qtbot, bus, clock, typed)
    closed(qtbot, view, GroupForm)
    (row,) = group_rows()
    assert str(load_group_draft(row.id).dues_amount) == str(stored)


def test_dues_are_shown_to_edit_as_the_locale_writes_them(qtbot, bus, clock, locale_of):
    locale_of("de_DE")
    club = group("Club", clock, dues_amount="12.505", dues_currency="KWD", dues_period="month")
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    click(qtbot, child(view, QPushButton, "editGroupButton"))
    form = opened(qtbot, view, GroupForm)
    # With a dot it would read back as 12505 in German.
    assert child(form, QLineEdit, "duesAmount").text() == "12,505"
    click(qtbot, child(form, QPushButton, "saveButton"))
    closed(qtbot, view, GroupForm)
    assert load_group_draft(club).dues_amount == Decimal("12.505")


def test_edit_group_loads_the_form_and_saves_changes(qtbot, bus, clock):
    club = group(
        "Chamber breakfast", clock, dues_amount="80", dues_currency="GBP", dues_period="quarter"
    )
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    click(qtbot, child(view, QPushButton, "editGroupButton"))
    form = opened(qtbot, view, GroupForm)
    assert child(form, QLineEdit, "groupName").text() == "Chamber breakfast"
    assert child(form, QLineEdit, "duesAmount").text() == "80"
    assert child(form, QComboBox, "duesCurrency").currentText() == "GBP"
    assert child(form, QCheckBox, "joinedKnown").isChecked()
    assert child(form, QDateEdit, "joinedOn").date() == QDate(2025, 1, 6)

    type_into(qtbot, child(form, QLineEdit, "role"), "Host")
    click(qtbot, child(form, QPushButton, "saveButton"))
    closed(qtbot, view, GroupForm)

    stored = load_group_draft(club)
    assert stored.role == "Host"
    assert stored.dues_amount == Decimal("80")
    assert child(view, QLabel, "demand_role").text() == "Host"
    assert child(view, QLabel, "demand_dues").text() == "80 GBP per quarter"


@pytest.mark.parametrize("answer", [False, True])
def test_leaving_asks_before_withdrawing_apologies_sent_ahead(qtbot, bus, dialogs, clock, answer):
    club = group("Chamber breakfast", clock)
    ahead = clock.today() + dt.timedelta(days=6)
    record_meeting(MeetingDraft(club, ahead, "excused"), clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    click(qtbot, child(view, QPushButton, "editGroupButton"))
    form = opened(qtbot, view, GroupForm)
    choose(child(form, QComboBox, "groupStatus"), "left")
    dialogs.confirm_answers = [answer]

    click(qtbot, child(form, QPushButton, "saveButton"))

    (shown,) = dialogs.shown
    assert shown[1] == "Withdraw your apologies?"
    assert "1 meeting still ahead" in shown[2] and ahead.isoformat() in shown[2]
    held = [row.held_on for row in meeting_rows(club)]
    if answer:
        closed(qtbot, view, GroupForm)
        assert load_group_draft(club).left_on == clock.today()
        assert ahead not in held
    else:  # back to the form, nothing changed
        assert form.isVisible()
        assert load_group_draft(club).left_on is None
        assert held == [ahead]


def test_leaving_on_a_day_the_form_refuses_asks_nothing_first(qtbot, bus, dialogs, clock):
    club = group("Chamber breakfast", clock)
    record_meeting(MeetingDraft(club, clock.today() + dt.timedelta(days=6), "excused"), clock)
    record_meeting(MeetingDraft(club, clock.today() - dt.timedelta(days=2)), clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    click(qtbot, child(view, QPushButton, "editGroupButton"))
    form = opened(qtbot, view, GroupForm)
    qtbot.mouseClick(child(form, QCheckBox, "leftKnown"), Qt.MouseButton.LeftButton)
    left = clock.today() - dt.timedelta(days=5)  # before the meeting two days ago
    child(form, QDateEdit, "leftOn").setDate(QDate(left.year, left.month, left.day))

    click(qtbot, child(form, QPushButton, "saveButton"))

    assert dialogs.shown == []  # no question about apologies for a leaving that fails
    assert "a meeting is recorded on" in child(form, QLabel, "formError").text()
    assert form.isVisible()


def test_form_inputs_are_named_for_screen_readers_and_reachable_by_tab(qtbot, bus, clock):
    view = show_view(qtbot, bus, clock)
    view.new_group()
    form = opened(qtbot, view, GroupForm)
    inputs = [
        w
        for w in form.findChildren(QWidget)
        if w.objectName()
        and not w.objectName().startswith("qt_")  # Qt's own inner parts
        and isinstance(w, (QLineEdit, QComboBox, QAbstractSpinBox, QCheckBox, QPlainTextEdit))
    ]
    assert len(inputs) >= 18
    for widget in inputs:
        assert widget.accessibleName(), widget.objectName()
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget.objectName()

    # Tab walks the form in reading order, from the name to the buttons.
    stops: list[str] = []
    widget = form.name_edit.nextInFocusChain()
    while widget is not form.name_edit and len(stops) < 100:
        tabbable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if tabbable and widget.isVisible() and widget.isEnabled() and widget.objectName():
            stops.append(widget.objectName())
        widget = widget.nextInFocusChain()
    order = ["groupKind", "groupStatus", "joinedKnown", "leftKnown", "groupNotes"]
    order += ["meetingCadence", "requiredAttendance", "duesAmount", "duesCurrency", "duesPeriod"]
    order += ["role", "rules", "saveButton", "cancelButton"]
    positions = [stops.index(name) for name in order]
    assert positions == sorted(positions), stops


# --- meetings -------------------------------------------------------------------------------


def test_i_was_at_todays_meeting_records_attendance_for_today(qtbot, bus, clock):
    club = group("Thursday breakfast club", clock, required_attendance_pct=80)
    record_meeting(MeetingDraft(club, dt.date(2026, 11, 17), attendance="missed"), clock=clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    summary = child(view, QLabel, "attendanceWindow")
    assert "attended 0 (0%)" in summary.text()

    click(qtbot, child(view, QPushButton, "attendTodayButton"))

    meetings = meeting_rows(club)
    assert [(m.held_on, m.attendance) for m in meetings] == [
        (clock.today(), "attended"),
        (dt.date(2026, 11, 17), "missed"),
    ]
    assert "attended 1 (50%)" in summary.text()
    assert "80%" in summary.text()
    assert "Today: Attended." in child(view, QLabel, "upcomingMeetings").text()
    assert summary.palette().color(summary.foregroundRole()) == warning_color()
    row = view.groups_model.row_of(club)
    assert view.groups_model.index(row, GroupListModel.ATTENDANCE).data() == "1/2 (50%)"

    # A second click updates today's meeting rather than adding another, and says so.
    with qtbot.waitSignal(view.said) as said:
        click(qtbot, child(view, QPushButton, "attendTodayButton"))
    assert said.args == ["Noted: you were at Thursday breakfast club's meeting today."]
    assert len(meeting_rows(club)) == 2


def test_recording_today_again_opens_todays_meeting_and_enter_saves(qtbot, bus, clock):
    club = group("Chamber breakfast", clock)
    record_meeting(MeetingDraft(club, clock.today(), notes="Breakfast"), clock=clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(club)

    click(qtbot, child(view, QPushButton, "recordMeetingButton"))
    form = opened(qtbot, view, MeetingForm)
    # The day's meeting is opened to edit, with what was noted: saving cannot wipe it.
    assert form.windowTitle() == "Edit meeting of Chamber breakfast"
    assert form.notes_edit.toPlainText() == "Breakfast"
    assert not child(form, QLabel, "sameDayNote").isVisible()
    qtbot.mouseClick(child(form, QRadioButton, "attendance_missed"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(child(form, QComboBox, "meetingRating"), Qt.Key.Key_Return)  # Enter saves
    closed(qtbot, view, MeetingForm)

    (meeting,) = meeting_rows(club)
    assert (meeting.held_on, meeting.attendance) == (clock.today(), "missed")
    assert load_meeting_draft(meeting.id).notes == "Breakfast"
    assert "Today: Missed." in child(view, QLabel, "upcomingMeetings").text()


def test_a_new_meeting_on_a_recorded_day_offers_to_edit_that_one(qtbot, bus, clock):
    club = group("Chamber breakfast", clock)
    last_week = clock.today() - dt.timedelta(days=7)
    record_meeting(MeetingDraft(club, last_week, notes="Pricing talk"), clock=clock)
    form = MeetingForm(bus, club, clock=clock)
    qtbot.addWidget(form)
    form.show()
    note, switch = (
        child(form, QLabel, "sameDayNote"),
        child(form, QPushButton, "editRecordedMeeting"),
    )
    assert not note.isVisible() and not switch.isVisible()  # today has no meeting yet
    child(form, QDateEdit, "meetingDate").setDate(
        QDate(last_week.year, last_week.month, last_week.day)
    )
    assert note.isVisible() and "saving replaces it" in note.text() and switch.isVisible()
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert form.notes_edit.toPlainText() == "Pricing talk"
    assert form.windowTitle() == "Edit meeting of Chamber breakfast"
    assert not note.isVisible() and not switch.isVisible()


def test_attending_today_keeps_what_was_already_noted(qtbot, bus, clock):
    ada = person("Ada", "Lovelace", clock)
    club = group("Chamber breakfast", clock)
    today = clock.today()
    draft = MeetingDraft(
        club, today, attendance="substitute", rating="so_so", notes="Asked Ada", people_ids=[ada]
    )
    meeting = record_meeting(draft, clock=clock).value
    view = show_view(qtbot, bus, clock)
    view.select_group(club)

    click(qtbot, child(view, QPushButton, "attendTodayButton"))

    stored = load_meeting_draft(meeting)
    assert stored.attendance == "attended"
    assert (stored.rating, stored.notes, stored.people_ids) == ("so_so", "Asked Ada", [ada])


def test_recording_a_meeting_with_a_person_makes_them_a_member(qtbot, bus, clock):
    ada = person("Ada", "Lovelace", clock)
    person("Grace", "Hopper", clock)
    club = group("Chamber breakfast", clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    assert view.members_model.rowCount() == 0

    click(qtbot, child(view, QPushButton, "recordMeetingButton"))
    form = opened(qtbot, view, MeetingForm)
    assert form.held_on() == clock.today()
    assert child(form, QRadioButton, "attendance_attended").isChecked()
    choose(child(form, QComboBox, "meetingRating"), "worth_it")
    picker_line = form.people.line
    qtbot.keyClicks(picker_line, "Lovelace")
    qtbot.keyClick(picker_line, Qt.Key.Key_Return)  # picks the one match, does not save
    assert form.isVisible()
    assert form.people.contact_ids() == [ada]
    qtbot.keyClicks(child(form, QPlainTextEdit, "meetingNotes"), "Met Ada at the door")
    click(qtbot, child(form, QPushButton, "saveButton"))
    closed(qtbot, view, MeetingForm)

    (meeting,) = meeting_rows(club)
    assert (meeting.held_on, meeting.attendance, meeting.rating) == (
        clock.today(),
        "attended",
        "worth_it",
    )
    assert meeting.people == "Ada Lovelace"
    assert view.members_model.names() == ["Ada Lovelace"]
    members = child(view, QAbstractItemView, "memberList")
    assert members.model().index(0, 0).data() == "Ada Lovelace"
    assert view.meetings_model.rowCount() == 1


def test_a_meeting_after_leaving_is_refused_in_the_form(qtbot, bus, clock):
    club = group("Rotary", clock, left_on=dt.date(2026, 6, 30))
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    assert not child(view, QPushButton, "attendTodayButton").isEnabled()

    click(qtbot, child(view, QPushButton, "recordMeetingButton"))
    form = opened(qtbot, view, MeetingForm)
    assert form.held_on() == dt.date(2026, 6, 30)  # the last day you could have been there
    date_edit = child(form, QDateEdit, "meetingDate")
    date_edit.setDate(QDate(2026, 7, 2))
    click(qtbot, child(form, QPushButton, "saveButton"))

    error = child(form, QLabel, "formError")
    assert error.text().startswith("Date: ")
    assert "after you left" in error.text()
    assert form.focusWidget() is date_edit
    assert meeting_rows(club) == []


def test_double_clicking_a_meeting_edits_it(qtbot, bus, clock):
    club = group("Chamber breakfast", clock)
    meeting = record_meeting(
        MeetingDraft(club, dt.date(2026, 11, 10), notes="Quiet morning"), clock=clock
    ).value
    view = show_view(qtbot, bus, clock)
    view.select_group(club)

    double_click_row(qtbot, child(view, QAbstractItemView, "meetingLog"), 0)
    form = opened(qtbot, view, MeetingForm)
    assert form.meeting_id == meeting
    notes = child(form, QPlainTextEdit, "meetingNotes")
    assert notes.toPlainText() == "Quiet morning"
    assert not child(form, QLabel, "sameDayNote").isVisible()

    qtbot.mouseClick(child(form, QRadioButton, "attendance_excused"), Qt.MouseButton.LeftButton)
    choose(child(form, QComboBox, "meetingRating"), "waste")
    notes.selectAll()
    qtbot.keyClicks(notes, "Cancelled at the last minute")
    type_into(qtbot, child(form, QAbstractSpinBox, "meetingMinutes"), "45")
    click(qtbot, child(form, QPushButton, "saveButton"))
    closed(qtbot, view, MeetingForm)

    stored = load_meeting_draft(meeting)
    assert (stored.attendance, stored.rating, stored.minutes) == ("excused", "waste", 45)
    assert stored.notes == "Cancelled at the last minute"
    assert view.meetings_model.index(0, 1).data() == "Excused"
    assert len(meeting_rows(club)) == 1


def test_deleting_a_meeting_asks_first(qtbot, bus, dialogs, clock):
    club = group("Chamber breakfast", clock)
    record_meeting(MeetingDraft(club, dt.date(2026, 11, 10)), clock=clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    log = child(view, QAbstractItemView, "meetingLog")
    log.setCurrentIndex(log.model().index(0, 0))
    focus(qtbot, log)

    dialogs.confirm_answers = [False]
    qtbot.keyClick(log, Qt.Key.Key_Delete)
    assert dialogs.shown[-1][0] == "confirm"
    assert len(meeting_rows(club)) == 1

    dialogs.confirm_answers = [True]
    qtbot.keyClick(log, Qt.Key.Key_Delete)
    assert meeting_rows(club) == []
    assert view.meetings_model.rowCount() == 0
    assert len([s for s in dialogs.shown if s[0] == "confirm"]) == 2


def test_deleting_a_group_asks_first(qtbot, bus, dialogs, clock):
    club = group("Chamber breakfast", clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    delete = child(view, QPushButton, "deleteGroupButton")

    dialogs.confirm_answers = [False]
    click(qtbot, delete)
    assert [r.id for r in group_rows()] == [club]
    assert "Chamber breakfast" in dialogs.shown[-1][2]

    dialogs.confirm_answers = [False]
    table = child(view, QAbstractItemView, "groupList")
    focus(qtbot, table)
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # the Delete key asks too
    assert len([s for s in dialogs.shown if s[0] == "confirm"]) == 2
    assert [r.id for r in group_rows()] == [club]

    dialogs.confirm_answers = [True]
    click(qtbot, delete)
    assert group_rows() == []
    assert view.pages.currentWidget() is view.empty_page


def test_deleting_a_reviewed_group_says_its_decisions_go_too(qtbot, bus, dialogs, clock):
    from journal.core.review import DecisionDraft, ReviewDraft, decision_history, record_review

    club = group("Chamber breakfast", clock)
    quiet = group("Alumni circle", clock)
    record_review(ReviewDraft([DecisionDraft(club, "keep")]), clock)
    view = show_view(qtbot, bus, clock)

    view.select_group(quiet)
    dialogs.confirm_answers = [False]
    click(qtbot, child(view, QPushButton, "deleteGroupButton"))
    assert "review" not in dialogs.shown[-1][2]
    assert "Edit → Undo brings it all back." in dialogs.shown[-1][2]

    view.select_group(club)
    dialogs.confirm_answers = [False]
    click(qtbot, child(view, QPushButton, "deleteGroupButton"))
    assert "What 1 past review decided about it goes too." in dialogs.shown[-1][2]
    assert len(decision_history(club)) == 1


# --- members --------------------------------------------------------------------------------


def test_add_members_and_open_one(qtbot, bus, clock):
    person("Ada", "Lovelace", clock)
    grace = person("Grace", "Hopper", clock)
    club = group("Chamber breakfast", clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(club)

    click(qtbot, child(view, QPushButton, "addMembersButton"))
    dialog = opened(qtbot, view, AddMembersDialog)
    qtbot.keyClicks(dialog.picker.line, "Grace")
    qtbot.keyClick(dialog.picker.line, Qt.Key.Key_Return)
    assert dialog.picker.contact_ids() == [grace]
    click(qtbot, child(dialog, QPushButton, "saveButton"))
    closed(qtbot, view, AddMembersDialog)

    assert group_card(club).members == [(grace, "Grace Hopper")]
    assert view.members_model.names() == ["Grace Hopper"]

    show_members(qtbot, view)
    members = child(view, QAbstractItemView, "memberList")
    with qtbot.waitSignal(view.contact_activated) as opened_contact:
        double_click_row(qtbot, members, 0)
    assert opened_contact.args == [grace]


def test_adding_nobody_is_explained_in_the_dialog(qtbot, bus, clock):
    club = group("Chamber breakfast", clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    view.add_members()
    dialog = opened(qtbot, view, AddMembersDialog)
    click(qtbot, child(dialog, QPushButton, "saveButton"))
    assert dialog.isVisible()
    assert child(dialog, QLabel, "formError").text().startswith("People: ")
    assert group_card(club).members == []


# --- refreshing -----------------------------------------------------------------------------


def test_selection_is_kept_across_changes_and_unrelated_changes_are_ignored(qtbot, bus, clock):
    group("Alumni circle", clock)
    club = group("Chamber breakfast", clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(club)

    with qtbot.assertNotEmitted(view.groups_model.modelReset):
        bus.announce(Changes(frozenset({Area.TAGS, Area.INTERACTIONS})))

    with qtbot.waitSignal(view.groups_model.modelReset):
        bus.run(create_group, GroupDraft(name="Book club"), clock=clock)
    assert view.groups_model.rowCount() == 3
    assert view.selected_group_id() == club
    selected = view.groups_table.selectionModel().selectedRows()
    assert [view.groups_model.group_id(i.row()) for i in selected] == [club]
    assert child(view, QLabel, "groupTitle").text() == "Chamber breakfast"


@pytest.mark.parametrize("area", [Area.GROUPS, Area.MEETINGS, Area.CONTACTS])
def test_the_page_reloads_on_the_areas_it_shows(qtbot, bus, clock, area):
    club = group("Chamber breakfast", clock)
    view = show_view(qtbot, bus, clock)
    view.select_group(club)
    with qtbot.waitSignal(view.groups_model.modelReset):
        bus.announce(Changes(frozenset({area})))
    assert view.selected_group_id() == club


def _laptop_view(qtbot, bus, clock) -> GroupsView:  # type: ignore[no-untyped-def]
    view = GroupsView(bus, clock)
    qtbot.addWidget(view)
    view.resize(1090, 720)  # what the page gets in a 1280 × 800 window, beside the navigation
    view.show()
    qtbot.waitExposed(view)
    return view


def _fits(qtbot, view: GroupsView, name: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: view.title_label.text() == name)
    qtbot.waitUntil(lambda: view.groups_table.horizontalScrollBar().maximum() == 0)
    list_width, detail_width = view.splitter.sizes()
    assert detail_width > list_width  # the detail is what the page is for
    assert view.detail_scroll.horizontalScrollBar().maximum() == 0


def test_the_first_group_added_on_an_empty_page_gets_a_fitting_layout(qtbot, bus, clock):  # type: ignore[no-untyped-def]
    view = _laptop_view(qtbot, bus, clock)
    assert view.pages.currentWidget() is view.empty_page
    gid = group("Chamber of Commerce", clock, required_attendance_pct=80)
    view.reload()
    view.select_group(gid)
    _fits(qtbot, view, "Chamber of Commerce")


def test_the_page_fits_a_laptop_window_without_scrolling_sideways(qtbot, bus, clock):  # type: ignore[no-untyped-def]
    gid = group(
        "Sunrise Breakfast Club",
        clock,
        kind="referral_club",
        meeting_cadence="weekly",
        required_attendance_pct=80,
        dues_amount="620",
        dues_currency="USD",
        dues_period="year",
    )
    view = _laptop_view(qtbot, bus, clock)
    view.select_group(gid)
    _fits(qtbot, view, "Sunrise Breakfast Club")
    # The five actions stand in two rows: the weekly ones, then the group's own.
    assert view.attend_button.y() == view.record_button.y() < view.edit_button.y()
    assert view.edit_button.y() == view.add_members_button.y() == view.delete_button.y()


def test_the_detail_says_the_attendance_once_under_the_name(qtbot, bus, clock):  # type: ignore[no-untyped-def]
    # It said "Attendance: 1/2 (50 %). The group asks for 80 %." above the buttons, and
    # "Over its last 2 meetings: attended 1 (50%). Below the 80 %..." just under them.
    club = group("Thursday breakfast club", clock, required_attendance_pct=80)
    for days, attendance in ((14, "missed"), (7, "attended")):
        record_meeting(
            MeetingDraft(club, clock.today() - dt.timedelta(days=days), attendance), clock
        )
    view = _laptop_view(qtbot, bus, clock)
    view.select_group(club)
    summary = view.detail_scroll.widget()
    saying = [
        label
        for label in summary.findChildren(QLabel)
        if label.isVisible()
        and "50%" in label.text()
        and label.objectName() != "recommendationReasons"
    ]
    assert [label.objectName() for label in saying] == ["attendanceWindow"]
    (line,) = saying
    assert "attended 1 (50%)" in line.text() and "80%" in line.text()
    assert view.subtitle_label.y() < line.y() < view.attend_button.y()


@pytest.mark.parametrize("size", [(1090, 720), (1210, 830)])  # 1280 × 800 and 1400 × 900
def test_the_meeting_log_and_the_members_each_get_the_panes_width(qtbot, bus, clock, size):  # type: ignore[no-untyped-def]
    # Side by side, the members had a sixth of the pane and the log scrolled sideways.
    club = group("Sunrise Breakfast Club", clock, meeting_cadence="weekly")
    ada = person("Ada", "Lovelace-Montgomery-Featherstonehaugh", clock)
    record_meeting(
        MeetingDraft(
            club, clock.today(), rating="worth_it", notes="Pricing talk", people_ids=[ada]
        ),
        clock=clock,
    )
    view = GroupsView(bus, clock)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.select_group(club)
    qtbot.waitUntil(lambda: view.meetings_table.horizontalScrollBar().maximum() == 0)
    assert view.logs_tabs.tabText(0) == "Meeting &log (1)"
    assert view.logs_tabs.tabText(1) == "Mem&bers (1)"
    show_members(qtbot, view)
    assert view.members_list.width() == view.meetings_table.width()
    name = view.members_model.index(0, 0)
    assert view.members_list.visualRect(
        name
    ).width() >= view.members_list.fontMetrics().horizontalAdvance(
        "Ada Lovelace-Montgomery-Featherstonehaugh"
    )


def test_a_group_that_brought_no_business_says_so_in_words(qtbot, journal, clock):
    # It read "Business returned  None", like a value the program forgot to fill in.
    from journal.ui.views.group_balance import GroupBalancePane

    gid = create_group(GroupDraft(name="Alumni", joined_on=JOINED), clock=clock).value
    pane = GroupBalancePane(clock)
    qtbot.addWidget(pane)
    pane.show_group(gid)
    assert pane.figure_labels["business"].text() == "No business"
    assert pane.figure_labels["money"].text() == "No dues"


def test_the_name_column_holds_the_longest_name_within_reason(qtbot, bus, clock):  # type: ignore[no-untyped-def]
    from journal.ui.widgets.tables import text_width

    long_name, endless = "University Alumni Network of the North", "Society " * 20
    for name in ("BNI Downtown", long_name, endless):
        create_group(GroupDraft(name=name.strip(), kind="association"), clock)
    view = _laptop_view(qtbot, bus, clock)
    header = view.groups_table.horizontalHeader()
    least = text_width(view.groups_table, "Sunrise Breakfast Club")
    width = header.sectionSize(GroupListModel.NAME)
    assert width >= text_width(view.groups_table, long_name)  # whole, not "University Al…"
    assert width == 2 * least  # the endless one is cut: the detail keeps its room
    qtbot.waitUntil(lambda: view.splitter.sizes()[0] > 0)
    list_width, detail_width = view.splitter.sizes()
    assert detail_width > list_width


def test_another_group_opens_at_its_top_and_the_same_one_keeps_its_place(qtbot, bus, clock):  # type: ignore[no-untyped-def]
    first = group("Chamber breakfast", clock)
    second = group("Rotary", clock)
    view = _laptop_view(qtbot, bus, clock)
    view.resize(1090, 360)  # short enough for the detail to scroll
    view.select_group(first)
    bar = view.detail_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    view.select_group(second)
    assert view.title_label.text() == "Rotary"
    assert bar.value() == 0  # the new group's name in view, not its bottom
    bar.setValue(bar.maximum())
    kept = bar.value()
    bus.announce(Changes(frozenset({Area.GROUPS}), group_ids=frozenset({second})))
    qtbot.wait(50)  # the same group read again after a change
    assert view.title_label.text() == "Rotary"
    assert bar.value() == min(kept, bar.maximum()) > 0  # not back at the top
