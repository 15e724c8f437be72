"""What forms say back: a name typed but not picked, a banner that makes room for itself and
goes once the field it is about has been changed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from journal.core.clock import FixedClock
from journal.core.contacts import ContactDraft, create_contact
from journal.core.followups import all_followups
from journal.core.group_queries import group_card, meeting_rows
from journal.core.groups import GroupDraft, create_group
from journal.core.timeline import timeline_page
from journal.ui.bus import JournalBus
from journal.ui.dialogs.followup_form import FollowUpForm
from journal.ui.dialogs.group_form import AddMembersDialog, GroupForm
from journal.ui.dialogs.interaction_form import InteractionForm
from journal.ui.dialogs.meeting_form import MeetingForm
from journal.ui.dialogs.review_settings_form import ReviewSettingsForm


def person(given: str, family: str, clock: FixedClock) -> int:
    return create_contact(ContactDraft(given_name=given, family_name=family), clock=clock).value


def club(clock: FixedClock) -> int:
    draft = GroupDraft(name="Chamber breakfast", joined_on=dt.date(2025, 1, 6))
    return create_group(draft, clock=clock).value


def add_members_dialog(qtbot, bus: JournalBus, clock: FixedClock) -> AddMembersDialog:  # type: ignore[no-untyped-def]
    dialog = AddMembersDialog(bus, club(clock), "Chamber breakfast")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def banner(dialog) -> QLabel:  # type: ignore[no-untyped-def]
    found = dialog.findChild(QLabel, "formError")
    assert found is not None
    return found


# --- a name typed, not picked ---------------------------------------------------------------


def test_a_full_name_typed_without_picking_is_added(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    grace = person("Grace", "Hopper", clock)
    person("Ada", "Lovelace", clock)
    dialog = add_members_dialog(qtbot, bus, clock)
    qtbot.keyClicks(dialog.picker.line, "Grace Hopper")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [cid for cid, _ in group_card(dialog._group_id).members] == [grace]


def test_a_name_nobody_has_is_refused_by_name(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    person("Grace", "Hopper", clock)
    dialog = add_members_dialog(qtbot, bus, clock)
    qtbot.keyClicks(dialog.picker.line, "Zorro")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert banner(dialog).text() == (
        "People: nobody in the journal is called 'Zorro' (add them as a contact first)"
    )
    assert group_card(dialog._group_id).members == []


def test_a_name_several_people_share_asks_for_a_pick(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    person("Ana", "Silva", clock)
    person("Ana", "Berg", clock)
    dialog = add_members_dialog(qtbot, bus, clock)
    qtbot.keyClicks(dialog.picker.line, "Ana")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "'Ana' fits several people" in banner(dialog).text()
    assert group_card(dialog._group_id).members == []


def test_an_entry_keeps_the_person_typed_in_with(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    person("Grace", "Hopper", clock)
    form = InteractionForm(bus, clock=clock)
    qtbot.addWidget(form)
    form.summary.setText("Coffee")
    qtbot.keyClicks(form.people.line, "grace hopper")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted
    assert [row.people for row in timeline_page()[0]] == ["Grace Hopper"]


def test_an_entry_with_an_unknown_person_is_not_logged(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = InteractionForm(bus, clock=clock)
    qtbot.addWidget(form)
    form.summary.setText("Coffee")
    qtbot.keyClicks(form.people.line, "Zorro")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() != form.DialogCode.Accepted
    assert "'Zorro'" in form.banner.text()
    assert timeline_page()[0] == []


def _save_with_typed(qtbot, form, combo, typed: str) -> None:  # type: ignore[no-untyped-def]
    """Type over an editable combo's text, as a person would, then click Save."""
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), typed)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def test_a_currency_slip_is_named_with_what_was_meant(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = InteractionForm(bus, clock=clock)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.summary.setText("Retainer")
    qtbot.keyClicks(form.amount, "1200")
    _save_with_typed(qtbot, form, form.currency, "UDS")
    assert form.result() != form.DialogCode.Accepted
    assert "'UDS' is not a currency code (did you mean USD?)" in form.banner.text()
    assert form.focusWidget() in (form.currency, form.currency.lineEdit())
    assert timeline_page()[0] == []


def test_a_meeting_keeps_the_person_typed_in_people_met(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    person("Grace", "Hopper", clock)
    group_id = club(clock)
    form = MeetingForm(bus, group_id, clock=clock)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.people.line, "Grace Hopper")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted
    assert [row.people for row in meeting_rows(group_id)] == ["Grace Hopper"]


def test_a_new_meeting_starts_on_the_groups_last_meeting_day_not_yet_recorded(
    qtbot, bus, clock
) -> None:  # type: ignore[no-untyped-def]
    from journal.core.meetings import MeetingDraft, record_meeting

    thursday = 3
    draft = GroupDraft(name="Thursday Club", meeting_cadence="weekly", meeting_weekday=thursday)
    group_id = create_group(draft, clock).value
    today = clock.today()  # a Tuesday
    last_thursday = today - dt.timedelta(days=(today.weekday() - thursday) % 7)
    record_meeting(MeetingDraft(group_id, last_thursday - dt.timedelta(days=7)), clock)
    form = MeetingForm(bus, group_id, clock=clock)
    qtbot.addWidget(form)
    assert form.held_on() == last_thursday
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted
    # That one recorded, the next form has no meeting day left to catch up: today.
    again = MeetingForm(bus, group_id, clock=clock)
    qtbot.addWidget(again)
    assert again.held_on() == today


def test_a_question_caption_gets_no_colon(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = MeetingForm(bus, club(clock), clock=clock)
    qtbot.addWidget(form)
    captions = {label.text() for label in form.findChildren(QLabel)}
    assert "&How was it?" in captions
    assert not any(text.endswith("?:") for text in captions)
    assert "&Date:" in captions  # the other rows keep theirs


def test_a_follow_up_with_an_unknown_person_is_not_saved(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = FollowUpForm(bus, clock=clock)
    qtbot.addWidget(form)
    form.text.setText("Send the deck")
    qtbot.keyClicks(form.person.line, "Zorro")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() != form.DialogCode.Accepted
    assert "'Zorro'" in form.banner.text()
    assert all_followups() == []


# --- the banner -----------------------------------------------------------------------------


def test_the_banner_goes_once_the_field_is_changed(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = GroupForm(bus, clock=clock)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert banner(form).isVisible() and banner(form).text().startswith("Name: ")
    name = form.findChild(QLineEdit, "groupName")
    assert name is not None
    qtbot.keyClicks(name, "B")
    assert not banner(form).isVisible()
    # A change elsewhere in the form leaves a banner about the name alone.
    name.clear()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert banner(form).isVisible()
    form.notes_edit.setPlainText("Tuesdays")
    assert banner(form).isVisible()


def test_the_dialog_grows_to_show_the_whole_banner(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    dialog = ReviewSettingsForm(bus)
    qtbot.addWidget(dialog)
    dialog.show()  # at the size it opens with, taller than its minimum
    qtbot.waitExposed(dialog)
    before = dialog.height()
    qtbot.keyClicks(dialog.hour_edit, "50")
    dialog.currency_combo.lineEdit().selectAll()
    qtbot.keyClicks(dialog.currency_combo.lineEdit(), "EU")  # not a currency code
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    shown = banner(dialog)
    assert shown.isVisible()
    layout = dialog.layout()
    assert layout is not None
    # Every part has the height it asks for: nothing squeezed to make room for the banner.
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width()) > before
    assert shown.height() >= shown.heightForWidth(shown.width())


def test_a_contact_keeps_who_introduced_them_typed_in(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.core.contact_queries import contact_card
    from journal.ui.dialogs.contact_form import ContactForm

    person("Grace", "Hopper", clock)
    form = ContactForm(bus, clock=clock)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.given, "Ada")
    qtbot.keyClicks(form.met_through.line, "Grace Hopper")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted and form.saved_id is not None
    assert contact_card(form.saved_id).met_through_name == "Grace Hopper"


def test_a_misspelt_stage_is_named_and_not_saved(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.core.contact_queries import ContactFilter, contact_ids
    from journal.ui.dialogs.contact_form import ContactForm

    form = ContactForm(bus, clock=clock)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.given, "Ada")
    _save_with_typed(qtbot, form, form.stage, "Clinet")
    assert form.result() != form.DialogCode.Accepted
    assert "'client'" in form.banner.text()
    assert form.focusWidget() in (form.stage, form.stage.lineEdit())
    assert contact_ids(ContactFilter()) == []


def test_the_rhythm_box_says_what_applies_without_one_of_their_own(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.core.keep_in_touch import set_tag_cadence
    from journal.ui.dialogs.contact_form import ContactForm

    set_tag_cadence("board", 45)
    form = ContactForm(bus, clock=clock)
    qtbot.addWidget(form)
    assert form.stay.value() == 0 and form.stay.text() == "no reminder"  # a new person
    form.stage.setCurrentIndex(form.stage.findData("friend"))
    assert form.stay.text() == "as their stage: 30 days"
    qtbot.keyClicks(form.tags, "board, golf")
    assert form.stay.text() == "as tagged board: 45 days"
    form.stay.setValue(14)  # their own
    assert form.stay.text() == "14 days"


LONG_ORG = "Gesellschaft für internationale Zusammenarbeit und Entwicklung mbH (Regionalbüro)"


def test_a_form_opened_on_long_values_shows_their_start(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.core.contacts import ChannelDraft
    from journal.ui.dialogs.contact_form import ContactForm

    link = "https://www.example.org/people/" + "a-very-long-profile-name-" * 4
    draft = ContactDraft(
        given_name="Ada", organisation=LONG_ORG, channels=[ChannelDraft("url", link)]
    )
    ada = create_contact(draft, clock).value
    form = ContactForm(bus, ada, clock)
    qtbot.addWidget(form)
    form.show()
    assert form.organisation.text() == LONG_ORG
    value = form.channels.value_field(0)
    assert value is not None and value.text() == link
    # The cursor at 0 puts the start in view; setText alone leaves it at the end.
    assert [form.organisation.cursorPosition(), value.cursorPosition()] == [0, 0]
    group = create_group(GroupDraft(name=LONG_ORG, kind="association"), clock).value
    group_form = GroupForm(bus, clock, group)
    qtbot.addWidget(group_form)
    assert group_form.name_edit.cursorPosition() == 0


def test_the_banner_keeps_a_name_in_the_field_as_written(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.dialogs.contact_form import ContactForm

    jane = create_contact(ContactDraft(given_name="Jane", family_name="Doe")).value
    omar = create_contact(ContactDraft(given_name="Omar", family_name="Haddad")).value
    form = ContactForm(bus, jane, clock)
    qtbot.addWidget(form)
    form.show()
    form.relations.add_row(omar, "Omar Haddad", "x" * 61)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.banner.text() == (
        "Relationship with Omar Haddad: its kind is too long (61 characters; at most 60)"
    )
