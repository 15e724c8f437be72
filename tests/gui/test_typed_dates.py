"""Dates typed into the forms are stored as shown, or refused by name: never swapped.

A QDateEdit puts its last good date back, silently, when it loses focus with a text it
cannot take (a year typed as "19"); a click on Save is such a loss of focus. These tests
type into the editors' sections as a user does and click Save; on the plain editors the
forms used before, each stored the old date and closed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDateTimeEdit

from journal.core.contact_queries import contact_ids
from journal.core.contacts import ContactDraft, create_contact
from journal.core.followups import all_followups
from journal.core.group_queries import group_rows, meeting_rows
from journal.core.groups import GroupDraft, create_group
from journal.core.timeline import timeline_page
from journal.ui.dialogs.contact_form import ContactForm
from journal.ui.dialogs.followup_form import FollowUpForm
from journal.ui.dialogs.group_form import GroupForm
from journal.ui.dialogs.interaction_form import InteractionForm
from journal.ui.dialogs.meeting_form import MeetingForm
from journal.ui.widgets.typed_date import DateInput, typed_date_time

Section = QDateTimeEdit.Section


def type_into(qtbot, edit: QDateTimeEdit, section: QDateTimeEdit.Section, keys: str) -> None:  # type: ignore[no-untyped-def]
    """Click into the editor, select one section and type over it, as a user does."""
    edit.setFocus(Qt.FocusReason.MouseFocusReason)
    edit.setSelectedSection(section)
    qtbot.keyClicks(edit, keys)


def click_save(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def shown(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)


def test_a_year_the_editor_cannot_take_is_refused_not_swapped(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = FollowUpForm(bus, clock=clock)
    shown(qtbot, form)
    form.text.setText("Send the proposal")
    form.due.setDate(QDate(2026, 12, 10))
    type_into(qtbot, form.due, Section.YearSection, "19")
    click_save(qtbot, form)
    assert form.result() != form.DialogCode.Accepted
    assert all_followups() == []
    assert form.banner.isVisibleTo(form)
    assert "“19-12-10”" in form.banner.text() and "YYYY-MM-DD" in form.banner.text()
    assert form.focusWidget() is form.due
    # Typed again, whole: the memory of the dropped text goes, and the form saves.
    type_into(qtbot, form.due, Section.YearSection, "2027")
    click_save(qtbot, form)
    assert form.result() == form.DialogCode.Accepted
    assert [r.due_on for r in all_followups()] == [dt.date(2027, 12, 10)]


def test_a_half_typed_day_is_stored_as_shown(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    form = InteractionForm(bus, contact_ids=[jane], clock=clock)
    shown(qtbot, form)
    form.summary.setText("Coffee")
    form.when.setDateTime(QDateTime(QDate(2026, 11, 20), QTime(9, 30)))
    type_into(qtbot, form.when, Section.DaySection, "3")
    assert form.when.text() == "2026-11-3 09:30"  # on screen, not yet taken by the editor
    form.save()  # as a shortcut would: the editor keeps its focus
    assert form.result() == form.DialogCode.Accepted
    entry = timeline_page()[0][0]
    assert entry.occurred_at.astimezone().date() == dt.date(2026, 11, 3)


def test_the_contact_form_names_the_date_and_opens_its_tab(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = ContactForm(bus, None, clock)
    shown(qtbot, form)
    form.given.setText("Omar")
    form.met_on.set_value(dt.date(2025, 6, 1))
    form.tabs.setCurrentIndex(1)
    type_into(qtbot, form.met_on.edit, Section.YearSection, "19")
    form.tabs.setCurrentIndex(0)  # wander off, then save
    click_save(qtbot, form)
    assert form.result() != form.DialogCode.Accepted
    assert contact_ids() == []
    assert form.banner.text().startswith("Date met: “19-06-01”")
    assert form.tabs.currentIndex() == 1
    assert form.focusWidget() is form.met_on.edit


def test_group_and_meeting_forms_refuse_a_dropped_date(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = GroupForm(bus, clock)
    shown(qtbot, form)
    form.name_edit.setText("Chamber breakfast")
    form.joined.set_value(dt.date(2024, 3, 1))
    type_into(qtbot, form.joined.edit, Section.YearSection, "20")
    click_save(qtbot, form)
    assert form.result() != form.DialogCode.Accepted
    assert group_rows() == []
    assert "“20-03-01”" in form.error_text()

    group = create_group(GroupDraft(name="Book club", joined_on=dt.date(2024, 1, 1)), clock).value
    meeting = MeetingForm(bus, group, clock)
    shown(qtbot, meeting)
    meeting.date_edit.setDate(QDate(2026, 11, 10))
    type_into(qtbot, meeting.date_edit, Section.YearSection, "20")
    click_save(qtbot, meeting)
    assert meeting.result() != meeting.DialogCode.Accepted
    assert meeting_rows(group) == []
    assert "“20-11-10”" in meeting.error_text()


def test_typed_date_time_reads_what_is_on_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = DateInput()
    qtbot.addWidget(edit)
    edit.setDate(QDate(2024, 5, 10))
    assert typed_date_time(edit, "date").date() == QDate(2024, 5, 10)
    edit.dropped_text = "19-05-10"
    try:
        typed_date_time(edit, "date")
    except Exception as error:
        assert type(error).__name__ == "ValidationError" and error.field == "date"  # type: ignore[attr-defined]
    else:
        raise AssertionError("a dropped text was read as a date")
    edit.setDate(QDate(2024, 5, 11))  # a new date set: nothing is dropped any more
    assert edit.dropped_text == ""
    assert typed_date_time(edit, "date").date() == QDate(2024, 5, 11)


def test_tab_leaves_the_date_and_time_at_once(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = InteractionForm(bus, clock=clock)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.when.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(form.when.hasFocus)
    qtbot.keyClick(form.when, Qt.Key.Key_Tab)
    assert not form.when.hasFocus()
    assert form.focusWidget() is not None
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Backtab)
    assert form.when.hasFocus()
    # The sections are still filled in by typing, as before: a year, then the month.
    form.when.setSelectedSection(Section.YearSection)
    qtbot.keyClicks(form.when, "2024")
    qtbot.keyClicks(form.when, "03")
    assert (form.when.date().year(), form.when.date().month()) == (2024, 3)


def test_a_date_typed_whole_with_its_separators_is_the_date_typed(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    # Typing "-" (or ":" and the space of a time) moves to the next section, as in a plain
    # QDateEdit: the whole text as the field shows it goes in, and the focus stays.
    form = InteractionForm(bus, clock=clock)
    shown(qtbot, form)
    form.activateWindow()
    form.when.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(form.when.hasFocus)
    type_into(qtbot, form.when, Section.YearSection, "2026-11-20 10:05")
    assert form.when.hasFocus()
    assert form.when.dateTime() == QDateTime(QDate(2026, 11, 20), QTime(10, 5))
    meeting = MeetingForm(bus, create_group(GroupDraft(name="BNI")).value, clock=clock)
    shown(qtbot, meeting)
    date_field = meeting.findChild(DateInput)
    meeting.activateWindow()
    date_field.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(date_field.hasFocus)
    for typed, date in [
        ("2026-11-17", QDate(2026, 11, 17)),
        ("2025-3-4", QDate(2025, 3, 4)),  # a month typed short moves on at its "-"
        ("2024-1-5", QDate(2024, 1, 5)),  # "1" may become 10 to 12: the "-" says it is not
        ("20230708", QDate(2023, 7, 8)),
    ]:
        type_into(qtbot, date_field, Section.YearSection, typed)
        assert date_field.hasFocus(), typed
        assert typed_date_time(date_field, "date").date() == date, typed
    # Tab still leaves at once, from any section.
    qtbot.keyClick(date_field, Qt.Key.Key_Tab)
    assert not date_field.hasFocus()


def test_a_day_that_does_not_exist_is_refused_not_moved(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    # Qt ignored the "0" of February's 30th (the 3rd) and made April's 31st the 30th.
    form = ContactForm(bus, None, clock)
    shown(qtbot, form)
    form.given.setText("Omar")
    form.tabs.setCurrentIndex(1)
    form.birthday.known.setChecked(True)
    type_into(qtbot, form.birthday.edit, Section.YearSection, "1990-02-30")
    assert form.birthday.edit.text() == "1990-02-03"  # Qt's reading, on screen
    click_save(qtbot, form)
    assert form.result() != form.DialogCode.Accepted
    assert contact_ids() == []
    assert form.banner.text().startswith("Birthday: “1990-02-30” is not a date")
    # The day typed again: what is shown is what was typed, and it saves.
    type_into(qtbot, form.birthday.edit, Section.DaySection, "28")
    click_save(qtbot, form)
    assert form.result() == form.DialogCode.Accepted


def test_a_month_or_an_hour_that_does_not_exist_is_refused(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    followup = FollowUpForm(bus, clock=clock)
    shown(qtbot, followup)
    followup.text.setText("Send the proposal")
    type_into(qtbot, followup.due, Section.YearSection, "2027-13-01")
    click_save(qtbot, followup)
    assert followup.result() != followup.DialogCode.Accepted
    assert "“2027-13-01”" in followup.banner.text()
    assert all_followups() == []

    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    entry = InteractionForm(bus, contact_ids=[jane], clock=clock)
    shown(qtbot, entry)
    entry.summary.setText("Coffee")
    # "3" reads as the 3rd and moves on to the hour: the "0" typed next meant the 30th.
    type_into(qtbot, entry.when, Section.YearSection, "2026-02-30 10:00")
    entry.save()
    assert entry.result() != entry.DialogCode.Accepted
    assert "“2026-02-30" in entry.banner.text()
    assert timeline_page()[0] == []


def test_days_typed_short_are_no_slip(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = FollowUpForm(bus, clock=clock)
    shown(qtbot, form)
    form.text.setText("Call back")
    type_into(qtbot, form.due, Section.YearSection, "2027-2-3")
    click_save(qtbot, form)
    assert form.result() == form.DialogCode.Accepted
    assert [r.due_on for r in all_followups()] == [dt.date(2027, 2, 3)]
