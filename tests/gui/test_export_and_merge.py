"""Exporting from the app, and merging two selected contacts (and taking it back)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QPushButton, QRadioButton

from journal.core.contact_queries import ContactFilter, contact_count, contact_ids
from journal.core.contacts import ChannelDraft, ContactDraft, create_contact, load_draft
from journal.interchange.reading import read_import_file
from journal.ui.dialogs.export_dialog import ExportDialog
from journal.ui.views.contacts_view import ContactsView

WAIT = 20_000


def _people(clock) -> list[int]:  # type: ignore[no-untyped-def]
    return [
        create_contact(
            ContactDraft(
                given_name=given,
                family_name="Doe",
                notes=note,
                channels=[ChannelDraft("email", email)],
            ),
            clock,
        ).value
        for given, email, note in (
            ("Jane", "jane@acme.example", "Loves sailing"),
            ("J.", "jd@home.example", "Two kids"),
            ("Omar", "omar@kite.example", ""),
        )
    ]


def _select(view: ContactsView, *contact_ids: int) -> None:
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection = view.table.selectionModel()
    selection.clearSelection()
    for contact_id in contact_ids:
        row = view.model.row_of(contact_id)
        assert row is not None
        selection.setCurrentIndex(view.model.index(row, 0), flags)


def test_export_the_selected_contacts(qtbot, bus, clock, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    jane, jd, _omar = _people(clock)
    dialog = ExportDialog(bus, [jane, jd], 3, clock)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChild(QRadioButton, "exportSelected").isChecked()
    target = tmp_path / "two"
    dialogs.save_paths.append(target)
    qtbot.mouseClick(dialog.findChild(QPushButton, "exportStart"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    written = target.with_suffix(".vcf")  # the format's suffix when none was typed
    source = read_import_file(written)
    assert source.contacts is not None
    assert sorted(r.draft.given_name for r in source.contacts.records) == ["J.", "Jane"]
    assert dialogs.shown[-1] == ("info", "Exported", "2 contacts written to two.vcf.")


def test_the_archive_is_always_everything(qtbot, bus, clock, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    jane, _jd, _omar = _people(clock)
    dialog = ExportDialog(bus, [jane], 3, clock)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format.setCurrentIndex(dialog.format.findData("archive"))
    assert not dialog.findChild(QRadioButton, "exportSelected").isEnabled()
    dialogs.save_paths.append(tmp_path / "journal.json")
    qtbot.mouseClick(dialog.findChild(QPushButton, "exportStart"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert read_import_file(tmp_path / "journal.json").format == "archive"
    # Said as what it is: the whole journal, not "3 contacts".
    assert dialogs.shown[-1][2] == (
        "The whole journal (3 contacts and all the rest) written to journal.json."
    )


def test_changing_ones_mind_about_where_writes_nothing(
    qtbot, bus, clock, dialogs, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    _people(clock)
    dialog = ExportDialog(bus, [], 3, clock)
    qtbot.addWidget(dialog)
    dialog.show()
    dialogs.save_paths.append(None)
    qtbot.mouseClick(dialog.findChild(QPushButton, "exportStart"), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.task is None
    assert list(tmp_path.glob("*.vcf")) == []


def test_an_export_that_fails_says_why_and_stays_open(qtbot, bus, clock, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _people(clock)
    dialog = ExportDialog(bus, [], 3, clock)
    qtbot.addWidget(dialog)
    dialog.show()
    dialogs.save_paths.append(tmp_path / "no-such-folder" / "x.vcf")
    qtbot.mouseClick(dialog.findChild(QPushButton, "exportStart"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=WAIT)
    assert "Cannot write" in dialog.banner.text()
    assert dialog.export_button.isEnabled()


def test_merge_two_selected_contacts_and_undo(qtbot, bus, clock, dialogs, on_dialog) -> None:  # type: ignore[no-untyped-def]
    jane, jd, omar = _people(clock)
    view = ContactsView(bus, clock)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    _select(view, jd, jane)  # Jane last: the current one, on the card
    assert sorted(view.selected_ids()) == sorted([jane, jd])

    def keep_jane(dialog) -> None:  # type: ignore[no-untyped-def]
        keep = dialog.findChild(QRadioButton, "keep0")
        assert "Jane Doe" in keep.text()
        qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.findChild(QPushButton, "confirmMerge"), Qt.MouseButton.LeftButton)

    problems = on_dialog(keep_jane)
    view.merge_selected()
    assert problems == []
    assert contact_ids(ContactFilter()) != [] and contact_count(ContactFilter()) == 2
    kept = load_draft(jane)
    assert [c.value for c in kept.channels] == ["jane@acme.example", "jd@home.example"]
    assert kept.notes.startswith("Loves sailing\n\nTwo kids")
    assert view.undo_bar.isVisible()
    assert view.undo_bar.message.text() == "Merged J. Doe into Jane Doe."
    assert view.selected_id() == jane
    qtbot.mouseClick(view.undo_bar.undo, Qt.MouseButton.LeftButton)
    assert contact_count(ContactFilter()) == 3
    assert load_draft(jane).notes == "Loves sailing"
    assert load_draft(jd).notes == "Two kids"
    assert not view.undo_bar.isVisible()
    assert omar in contact_ids(ContactFilter())


def test_long_names_and_organisations_keep_the_merge_dialog_narrow(qtbot, journal, clock) -> None:  # type: ignore[no-untyped-def]
    # "Keep <name> · <organisation> · <e-mail>" on one radio button, which cannot wrap,
    # stretched the dialog to 857 pixels; an Arabic name also swapped places with its
    # organisation.
    from PySide6.QtWidgets import QLabel

    from journal.ui.dialogs.merge_dialog import MergeDialog

    org = "Internationale Handelskammer für Nachhaltige Entwicklung und Zusammenarbeit"
    long = ContactDraft(given_name="Maximiliane", family_name="von Hohenzollern-Sigmaringen")
    first = create_contact(replace(long, organisation=org), clock).value
    second = create_contact(ContactDraft(given_name="محمد", organisation="شركة النور"), clock).value
    dialog = MergeDialog(first, second)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 640
    keep = dialog.findChild(QRadioButton, "keep0")
    assert keep.text() == "Keep \u2068Maximiliane von Hohenzollern-Sigmaringen\u2069"
    about = dialog.findChild(QLabel, "about0")
    assert about.wordWrap() and org in about.text()
    assert about.text().endswith("0 timeline entries · 0 channels")
    other = dialog.findChild(QLabel, "about1")
    assert other.text().startswith("\u2068شركة النور\u2069 · ")
    choice = dialog.findChild(QRadioButton, "keep1")
    # On its words (the button is as wide as the dialog; only its words take the click).
    qtbot.mouseClick(choice, Qt.MouseButton.LeftButton, pos=QPoint(10, choice.height() // 2))
    assert (dialog.kept(), dialog.merged()) == (second, first)


def test_merge_needs_exactly_two(qtbot, bus, clock, dialogs) -> None:  # type: ignore[no-untyped-def]
    jane, _jd, _omar = _people(clock)
    view = ContactsView(bus, clock)
    qtbot.addWidget(view)
    view.show()
    _select(view, jane)
    view.merge_selected()
    assert dialogs.shown[-1][0] == "info"
    assert "Select the two contacts" in dialogs.shown[-1][2]
    assert contact_count(ContactFilter()) == 3


def test_the_main_window_merges_and_undoes_from_the_edit_menu(
    qtbot, bus, clock, journal, on_dialog, dialogs
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction

    from journal.ui.main_window import MainWindow

    jane, jd, _omar = _people(clock)
    window = MainWindow(journal, bus, clock)
    qtbot.addWidget(window)
    window.show()
    undo = window.findChild(QAction, "undoAction")
    redo = window.findChild(QAction, "redoAction")
    _select(window.contacts, jane, jd)
    assert not undo.isEnabled()
    problems = on_dialog(lambda dialog: dialog.accept())
    window.merge_action.trigger()
    assert problems == []
    assert contact_count(ContactFilter()) == 2
    assert undo.isEnabled()
    assert undo.text().startswith("&Undo Merge")  # the shared undo stack names it
    undo.trigger()
    assert contact_count(ContactFilter()) == 3
    assert not window.contacts.undo_bar.isVisible()
    redo.trigger()  # and Redo merges again
    assert contact_count(ContactFilter()) == 2


def test_welcome_and_menus_name_the_new_actions(qtbot, bus, clock, journal) -> None:  # type: ignore[no-untyped-def]
    from journal.ui.main_window import MainWindow

    window = MainWindow(journal, bus, clock)
    qtbot.addWidget(window)
    shortcuts = {a.shortcut().toString(): a.text() for a in window.actions()}
    assert shortcuts["Ctrl+I"] == "&Import contacts…"
    assert shortcuts["Ctrl+E"] == "E&xport contacts…"
    assert shortcuts["Ctrl+M"] == "&Merge selected contacts…"
    assert Path(journal.path).exists()
