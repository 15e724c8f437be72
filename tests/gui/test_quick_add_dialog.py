"""The Quick add window, driven from the keyboard as a user would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextBlock, QTextDocument
from PySide6.QtWidgets import QApplication

from journal.core.clock import FixedClock
from journal.core.contacts import ContactDraft, create_contact, delete_contact
from journal.core.groups import GroupDraft, create_group
from journal.core.quick_add import QuickContext, parse
from journal.core.timeline import participants_by_entry, timeline_page
from journal.store import Journal
from journal.store.models import Contact, FollowUp
from journal.ui.bus import JournalBus
from journal.ui.quick_add_dialog import QuickAddDialog, render
from journal.ui.theme import dark_palette, light_palette


@pytest.fixture
def people(journal: Journal, clock: FixedClock) -> dict[str, int]:
    jane = create_contact(ContactDraft(given_name="Jane", family_name="Doe"), clock).value
    omar = create_contact(ContactDraft(given_name="Omar", family_name="Haddad"), clock).value
    create_group(GroupDraft(name="BNI Downtown"), clock)
    return {"jane": jane, "omar": omar}


@pytest.fixture
def dialog(qtbot, bus: JournalBus, clock: FixedClock, journal: Journal) -> QuickAddDialog:  # type: ignore[no-untyped-def]
    context = QuickContext(clock, zone=dt.timezone.utc, default_currency="USD")
    window = QuickAddDialog(bus, clock, context=context)
    qtbot.addWidget(window)
    window.start()
    qtbot.waitExposed(window)
    return window


def _type(qtbot, dialog: QuickAddDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into whatever has the keyboard: the line, or the suggestion list over it."""
    for ch in text:
        target = dialog.line.completer_.popup() if dialog.line.popup_visible() else dialog.line
        qtbot.keyClicks(target, ch)
    dialog.update_preview()


def _key(qtbot, dialog: QuickAddDialog, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    target = dialog.line.completer_.popup() if dialog.line.popup_visible() else dialog.line
    qtbot.keyClick(target, key)


def test_many_people_of_that_name_read_as_a_sentence(
    qtbot, dialog: QuickAddDialog, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    for family in ("Doe", "Roe", "Moe", "Poe", "Zoe", "Coe"):
        create_contact(ContactDraft(given_name="Jane", family_name=family), clock)
    _type(qtbot, dialog, "call @Jane")
    text = dialog.preview.text()
    assert "could be 6 people" in text
    assert "and 2 more. Write @#ID" in text
    assert "…." not in text


def test_a_warning_about_an_arabic_name_reads_left_to_right(
    qtbot, dialog: QuickAddDialog, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    # "⚠ محمد: could be 2 people; chose …" took the name's direction: the English sentence
    # was laid out right to left, its full stop and "Write @#ID" at the wrong ends.
    for family in ("العلي", "عبد الرحمن"):
        create_contact(ContactDraft(given_name="محمد", family_name=family), clock)
    _type(qtbot, dialog, "call @")
    dialog.line.insert("محمد")  # QTest types ASCII keys only: as an input method would
    dialog.update_preview()
    block = _preview_line(dialog, "could be 2 people")
    assert block.textDirection() == Qt.LayoutDirection.LeftToRight


def _preview_line(dialog: QuickAddDialog, part: str) -> QTextBlock:
    """The preview's line (a paragraph or a table cell) that holds `part`, as Qt lays it out."""
    document = QTextDocument(dialog)
    document.setHtml(dialog.preview.text())
    block = document.begin()
    while block.isValid() and part not in block.text():
        block = block.next()
    assert block.isValid(), dialog.preview.text()
    return block


def test_a_with_row_starting_with_an_arabic_name_reads_left_to_right(
    qtbot, dialog: QuickAddDialog, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    # "With  Maximiliane …, عبد الرحمن" was laid out right to left, aligned right with the
    # comma on the wrong side, because its cell began with the Arabic name.
    create_contact(ContactDraft(given_name="عبد الرحمن", family_name="الفيصل"), clock)
    create_contact(ContactDraft(given_name="Maximiliane", family_name="Konstantin"), clock)
    _type(qtbot, dialog, "met @")
    dialog.line.insert('"عبد الرحمن الفيصل"')  # QTest types ASCII keys only
    qtbot.keyClicks(dialog.line, ' @"Maximiliane Konstantin" lunch')
    dialog.update_preview()
    block = _preview_line(dialog, "Maximiliane")
    assert block.text().index("الفيصل") < block.text().index("Maximiliane")  # in typed order
    assert block.textDirection() == Qt.LayoutDirection.LeftToRight


def test_each_name_in_a_warning_is_set_apart_from_its_id(
    qtbot, dialog: QuickAddDialog, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    # "chose محمد العلي (#98)" showed as "chose (#98) محمد العلي": the Arabic name pulled
    # the id after it to its other side. Each name is its own unit now (FSI ... PDI).
    ids = {
        family: create_contact(ContactDraft(given_name="محمد", family_name=family), clock).value
        for family in ("العلي", "عبد الرحمن")
    }
    _type(qtbot, dialog, "call @")
    dialog.line.insert("محمد")
    dialog.update_preview()
    text = dialog.preview.text()
    for family, contact_id in ids.items():
        assert f"\u2068محمد {family}\u2069 (#{contact_id})" in text, text


def test_the_window_is_ready_to_type(dialog: QuickAddDialog) -> None:
    assert dialog.windowTitle() == "Quick add"
    assert dialog.line.hasFocus() or QApplication.focusWidget() is dialog.line
    assert dialog.line.accessibleName() and dialog.preview.accessibleName()
    assert not dialog.save_button.isEnabled()


def test_save_looks_like_every_other_forms_save(dialog: QuickAddDialog) -> None:
    # It was a plain button with the word only, beside a Cancel with its icon.
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = dialog.save_button.parent()
    assert isinstance(buttons, QDialogButtonBox)
    assert buttons.standardButton(dialog.save_button) == QDialogButtonBox.StandardButton.Save
    assert not dialog.save_button.autoDefault()  # Enter belongs to the line and its list


def test_the_preview_follows_the_line_and_marks_new_people(
    qtbot, dialog: QuickAddDialog, people: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, dialog, "coffee @Zed ~BNI talked shop >2w")
    shown = dialog.preview.text()
    assert "Coffee" in shown
    assert "Zed" in shown and "new contact" in shown
    assert "BNI Downtown" in shown and "talked shop" in shown
    assert "2026-12-08" in shown or "12/8/26" in shown or "08/12/2026" in shown
    assert dialog.save_button.isEnabled()


def test_enter_saves_exactly_the_preview(
    qtbot, dialog: QuickAddDialog, people: dict[str, int], clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, dialog, 'intro @"Jane Doe" @Omar needs a bookkeeper #accounting >friday')
    shown = parse(dialog.line.text(), dialog.context)
    assert dialog.entry == shown
    with qtbot.waitSignal(dialog.saved) as saved:
        _key(qtbot, dialog, Qt.Key.Key_Return)
    outcome = saved.args[0]
    assert not dialog.isVisible()
    rows, _ = timeline_page()
    assert [(r.kind, r.summary) for r in rows] == [("introduction", "needs a bookkeeper")]
    assert participants_by_entry([rows[0].id])[rows[0].id] == [
        (people["jane"], "Jane Doe"),
        (people["omar"], "Omar Haddad"),
    ]
    follow = FollowUp.get_by_id(outcome.follow_up_id)
    assert follow.due_on == dt.date(2026, 11, 27) and follow.contact_id == people["jane"]


def test_escape_cancels_and_stores_nothing(
    qtbot, dialog: QuickAddDialog, people: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, dialog, "call Omar about the offer")
    _key(qtbot, dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert timeline_page()[0] == []


def test_a_line_with_problems_is_not_saved(
    qtbot, dialog: QuickAddDialog, people: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, dialog, "meeting ~Rotary x")
    assert "no group" in dialog.preview.text()
    assert not dialog.save_button.isEnabled()
    _key(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert timeline_page()[0] == []


def test_tab_completes_the_person_being_typed(
    qtbot, dialog: QuickAddDialog, people: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, dialog, "lunch @ja")
    assert dialog.line.popup_visible()
    assert dialog.line.offered() == ["Jane Doe"]
    _key(qtbot, dialog, Qt.Key.Key_Tab)
    assert dialog.line.text() == 'lunch @"Jane Doe" '
    assert not dialog.line.popup_visible()
    _type(qtbot, dialog, "great food @om")
    assert dialog.line.popup_visible()
    qtbot.keyClick(dialog.line, Qt.Key.Key_Tab)  # a Tab that reaches the line itself
    assert dialog.line.text() == 'lunch @"Jane Doe" great food @"Omar Haddad" '
    assert dialog.line.hasFocus() or QApplication.focusWidget() is dialog.line
    dialog.update_preview()
    assert dialog.entry is not None
    assert [p.contact_id for p in dialog.entry.people] == [people["jane"], people["omar"]]
    assert dialog.entry.summary == "great food"


def test_enter_on_a_highlighted_suggestion_takes_it_and_does_not_save(
    qtbot, dialog: QuickAddDialog, people: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, dialog, "meeting ~b")
    assert dialog.line.offered() == ["BNI Downtown"]
    _key(qtbot, dialog, Qt.Key.Key_Down)
    _key(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.line.text() == 'meeting ~"BNI Downtown" '
    assert dialog.isVisible()
    assert timeline_page()[0] == []


def test_completion_in_the_middle_of_the_line(
    qtbot, dialog: QuickAddDialog, people: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="Mia", tags=["Design"]))
    dialog.line.setText("call  about the logo")
    dialog.line.setCursorPosition(5)
    _type(qtbot, dialog, "@mi")
    assert dialog.line.offered() == ["Mia"]
    _key(qtbot, dialog, Qt.Key.Key_Tab)
    assert dialog.line.text() == "call @Mia about the logo"
    dialog.line.end(False)
    _type(qtbot, dialog, " #de")
    _key(qtbot, dialog, Qt.Key.Key_Tab)
    assert dialog.line.text() == "call @Mia about the logo #Design "


def test_escape_first_closes_the_suggestions_then_the_window(
    qtbot, dialog: QuickAddDialog, people: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, dialog, "call @om")
    assert dialog.line.popup_visible()
    _key(qtbot, dialog, Qt.Key.Key_Escape)
    assert not dialog.line.popup_visible() and dialog.isVisible()
    _key(qtbot, dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_stale_preview_shows_in_the_banner(
    qtbot, dialog: QuickAddDialog, people: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, dialog, "call @Omar about the offer")
    delete_contact(people["omar"])  # e.g. from the main window, while this one is open
    dialog.save()
    assert dialog.isVisible()
    assert "Omar" in dialog.banner.text() and dialog.banner.isVisible()
    assert "new contact" in dialog.preview.text()  # read again: Omar would be new now
    assert Contact.select().count() == 1


def test_non_latin_text(qtbot, dialog: QuickAddDialog, people: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    # QTest types ASCII only: the line is set directly for other scripts.
    dialog.line.setText('met @"王小明" @مريم ناقشنا المشروع 🎉')
    dialog.update_preview()
    assert "王小明" in dialog.preview.text() and "مريم" in dialog.preview.text()
    with qtbot.waitSignal(dialog.saved):
        _key(qtbot, dialog, Qt.Key.Key_Return)
    assert {c.display_name for c in Contact.select()} >= {"王小明", "مريم"}


@pytest.mark.parametrize("palette", [light_palette(), dark_palette()], ids=["light", "dark"])
def test_the_preview_escapes_text_and_reads_on_both_palettes(
    journal: Journal, clock: FixedClock, palette: QPalette
) -> None:
    entry = parse("note @<b>Bold</b> $5 <script>", QuickContext(clock, dt.timezone.utc, "USD"))
    shown = render(entry, palette)
    assert "&lt;b&gt;Bold&lt;/b&gt;" in shown and "<script>" not in shown
    base = palette.color(QPalette.ColorRole.Base).lightness()
    link = palette.color(QPalette.ColorRole.Link).lightness()
    assert abs(base - link) > 60  # the "new" mark stands out from the background


@pytest.mark.parametrize(
    ("default", "said"),
    [
        ("", "which currency?"),
        # A default saved before codes were checked: the preview says where the code came from.
        ("UDS", "the default currency &#x27;UDS&#x27; is not a currency code (did you mean USD?)"),
    ],
)
def test_an_amount_without_a_usable_currency_points_to_the_app_menu(
    qtbot, bus: JournalBus, clock: FixedClock, journal: Journal, default: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    context = QuickContext(clock, zone=dt.timezone.utc, default_currency=default)
    window = QuickAddDialog(bus, clock, context=context)
    qtbot.addWidget(window)
    window.start()
    qtbot.waitExposed(window)
    _type(qtbot, window, "lunch with a client $40")
    text = window.preview.text()
    assert said in text
    assert "Edit → Preferences…" in text
    assert "`" not in text and "journal settings" not in text
    _key(qtbot, window, Qt.Key.Key_Return)
    assert window.isVisible() and timeline_page()[0] == []
    # The command line keeps its own words.
    problem = parse("lunch with a client $40", context).problems[0]
    assert "`journal settings set default-currency EUR`" in problem.message


def test_an_amount_is_read_the_locales_way(
    qtbot, bus: JournalBus, clock: FixedClock, journal: Journal, locale_of
) -> None:  # type: ignore[no-untyped-def]
    locale_of("de_DE")
    window = QuickAddDialog(bus, clock)  # the app's own context: the locale's decimal point
    qtbot.addWidget(window)
    window.start()
    qtbot.waitExposed(window)
    _type(qtbot, window, "referral won $1.200EUR")
    _key(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.isVisible())
    (row,), _ = timeline_page()
    assert (str(row.amount), row.currency) == ("1200", "EUR")
    # The command line reads a dot as the decimal point, whatever the locale.
    assert str(parse("referral won $1.200EUR").amount) == "1.200"
