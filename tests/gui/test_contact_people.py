"""The contact card says who someone is related to, how the rhythm stands, the last help
each way and what is planned; the form edits relationships and the first impression's date."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt

from journal.core.contacts import (
    ChannelDraft,
    ContactDraft,
    RelationDraft,
    create_contact,
    load_draft,
    relations_of,
)
from journal.core.followups import FollowUpDraft, add_followup
from journal.core.interactions import InteractionDraft, log_interaction
from journal.ui.dialogs.contact_form import ContactForm
from journal.ui.views.contact_detail import ContactDetail

DAY = dt.timedelta(days=1)


def test_the_card_shows_relations_rhythm_giving_and_follow_ups(qtbot, journal, clock) -> None:  # type: ignore[no-untyped-def]
    omar = create_contact(ContactDraft(given_name="Omar"), clock).value
    jane = create_contact(
        ContactDraft(
            given_name="Jane",
            stage="friend",
            met_on=clock.today() - 60 * DAY,
            relations=[RelationDraft(omar, "spouse")],
        ),
        clock,
    ).value
    log_interaction(
        InteractionDraft(
            "help_given", clock.now() - 50 * DAY, "Reviewed her deck", participant_ids=[jane]
        ),
        clock,
    )
    add_followup(FollowUpDraft(clock.today() + 2 * DAY, "Send the brochure", jane), clock)
    add_followup(FollowUpDraft(clock.today() - 12 * DAY, "Call about the lease", jane), clock)
    detail = ContactDetail(clock=clock)
    qtbot.addWidget(detail)
    detail.show_contact(jane)
    text = detail.card.text()
    assert "Omar (spouse)" in text
    assert "every 30 days · 20 days overdue" in text
    assert "I last helped them" in text and "Reviewed her deck" in text
    assert "They last helped me" not in text  # nothing received: no line, no score
    assert "in 2 days: Send the brochure" in text
    assert "<b>12 days overdue: Call about the lease</b>" in text  # not "12 days ago"
    detail.show_contact(omar)
    assert "Jane (spouse)" in detail.card.text()
    requested: list[int] = []
    detail.followup_requested.connect(requested.append)
    qtbot.mouseClick(detail.followup_button, Qt.MouseButton.LeftButton)
    assert requested == [omar]


def test_help_logged_without_a_summary_shows_its_day_alone(qtbot, journal, clock) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    log_interaction(
        InteractionDraft("help_received", clock.now() - 3 * DAY, "", participant_ids=[jane]),
        clock,
    )
    detail = ContactDetail(clock=clock)
    qtbot.addWidget(detail)
    detail.show_contact(jane)
    text = detail.card.text()
    assert "They last helped me" in text
    assert " · <" not in text and not text.rstrip().endswith("·")  # no dangling separator


def test_the_form_edits_relationships(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    omar = create_contact(ContactDraft(given_name="Omar"), clock).value
    priya = create_contact(ContactDraft(given_name="Priya"), clock).value
    jane = create_contact(
        ContactDraft(given_name="Jane", relations=[RelationDraft(omar, "spouse")]), clock
    ).value
    form = ContactForm(bus, jane, clock)
    qtbot.addWidget(form)
    rows = form.relations.relations()
    assert [(r.other_id, r.kind) for r in rows] == [(omar, "spouse")]
    form.relations.picker.set_contact_ids([priya])
    form.relations.picker.changed.emit()
    assert form.relations.picker.contact_ids() == []  # ready for the next person
    qtbot.keyClicks(form.relations._rows[-1].kind, "mentor")
    form.relations.remove_row(form.relations._rows[0])
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert relations_of(jane) == [(priya, "Priya", "mentor")]
    assert relations_of(omar) == []


def test_the_relations_tab_explains_itself_and_keeps_rows_between_hint_and_picker(
    qtbot, journal, bus, clock
) -> None:  # type: ignore[no-untyped-def]
    omar = create_contact(ContactDraft(given_name="Omar"), clock).value
    form = ContactForm(bus, None, clock)
    qtbot.addWidget(form)
    editor = form.relations
    assert "related to" in editor.hint.text()
    editor.picker.set_contact_ids([omar])
    editor.picker.changed.emit()
    layout = editor.layout()
    order = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert order == [editor.hint, editor._rows[0], editor.picker]


def test_date_rows_are_one_line_high_beside_their_labels(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = ContactForm(bus, None, clock)
    qtbot.addWidget(form)
    form.resize(560, 900)  # spare height: it must not go to the date rows
    form.show()
    form.tabs.setCurrentIndex(1)
    qtbot.waitExposed(form)
    for widget in (form.met_on, form.birthday, form.met_through):
        assert widget.height() == widget.sizeHint().height(), widget.accessibleName()


def test_the_first_impression_is_dated_and_the_date_can_be_set(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    form = ContactForm(bus, jane, clock)
    qtbot.addWidget(form)
    assert form.impression_on.value() is None
    form.impression.setPlainText("Quiet, precise")
    assert form.impression_on.value() == clock.today()  # dated as it is written
    form.impression_on.set_value(dt.date(2026, 3, 2))  # noted at the time, typed in later
    form.impression.setPlainText("Quiet, precise, funny")
    assert form.impression_on.value() == dt.date(2026, 3, 2)  # a date set by hand stays
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    draft = load_draft(jane)
    assert (draft.first_impression, draft.first_impression_on) == (
        "Quiet, precise, funny",
        dt.date(2026, 3, 2),
    )


def test_a_birthday_without_its_year_is_edited_without_one(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.core.timeutil import NO_YEAR

    jane = create_contact(
        ContactDraft(given_name="Jane", birthday=dt.date(NO_YEAR, 2, 29)), clock
    ).value
    form = ContactForm(bus, jane, clock)
    qtbot.addWidget(form)
    birthday = form.birthday
    assert birthday.known.isChecked() and not birthday.year_known.isChecked()
    assert "1604" not in birthday.edit.text()
    assert birthday.edit.text() == "02-29"
    assert birthday.value() == dt.date(NO_YEAR, 2, 29)
    qtbot.mouseClick(birthday.year_known, Qt.MouseButton.LeftButton)  # the year is known now
    assert birthday.edit.displayFormat() == "yyyy-MM-dd"
    birthday.edit.setDate(birthday.edit.date().addYears(-20))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert load_draft(jane).birthday == dt.date(1980, 2, 29)
    form = ContactForm(bus, jane, clock)
    qtbot.addWidget(form)
    assert form.birthday.year_known.isChecked()
    form.birthday.year_known.setChecked(False)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert load_draft(jane).birthday == dt.date(NO_YEAR, 2, 29)


def test_the_year_box_follows_whether_the_birthday_is_known(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    form = ContactForm(bus, None, clock)
    qtbot.addWidget(form)
    assert form.birthday.value() is None
    assert not form.birthday.year_known.isEnabled()
    form.birthday.known.setChecked(True)
    assert form.birthday.year_known.isEnabled()


def test_29_february_can_be_typed_without_a_year(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.core.timeutil import NO_YEAR

    form = ContactForm(bus, None, clock)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.birthday.known.setChecked(True)
    form.birthday.year_known.setChecked(False)
    edit = form.birthday.edit
    edit.setFocus()
    edit.setSelectedSection(edit.Section.MonthSection)
    qtbot.keyClicks(edit, "02")
    edit.setSelectedSection(edit.Section.DaySection)
    qtbot.keyClicks(edit, "29")
    assert edit.text() == "02-29"
    assert form.birthday.value() == dt.date(NO_YEAR, 2, 29)


def test_only_web_mail_and_phone_values_become_links(qtbot, journal, clock) -> None:  # type: ignore[no-untyped-def]
    # A received vCard can hold any URL; a click would hand it to the desktop to run.
    channels = [
        ChannelDraft("url", "https://example.org/ada"),
        ChannelDraft("url", "file:///etc/passwd"),
        ChannelDraft("social", "javascript:alert(1)"),
        ChannelDraft("email", "ada@example.org"),
        ChannelDraft("phone", "+1 555 0100"),
    ]
    ada = create_contact(ContactDraft(given_name="Ada", channels=channels), clock).value
    detail = ContactDetail(clock=clock)
    qtbot.addWidget(detail)
    detail.show_contact(ada)
    hrefs = re.findall(r"href='([^']*)'", detail.card.text())
    assert hrefs == ["https://example.org/ada", "mailto:ada@example.org", "tel:+15550100"]
    assert "file:///etc/passwd" in detail.card.text()  # still shown, as plain text


def test_a_birthday_without_its_year_reads_as_a_day_of_the_year(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    from journal.core.timeutil import NO_YEAR
    from journal.ui.formatting import birthday

    # Tests run in Qt's "C" locale, as servers and CI do: English month names, not "--04-12".
    assert birthday(dt.date(NO_YEAR, 4, 12)) == "12 April"
