"""The app on a journal it cannot write: it opens, says so, and a save says why it failed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLineEdit, QPushButton

from journal.core.contact_queries import contact_ids
from journal.core.contacts import ContactDraft, create_contact
from journal.store import open_journal, readonly
from journal.store.location import backups_dir
from journal.ui import app
from journal.ui.bus import JournalBus
from journal.ui.dialogs.service import ScriptedDialogService
from journal.ui.main_window import MainWindow
from journal.ui.safety import JournalGuard


def test_a_read_only_journal_opens_with_a_notice_and_a_save_says_why(  # type: ignore[no-untyped-def]
    qtbot, qapp, home: Path, clock, on_dialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = open_journal(home)
    create_contact(ContactDraft(given_name="Ada"))
    writer.close()
    # As if the folder were on a read-only disk; SQLite's read-only mode then refuses
    # writes even to root, who runs the tests.
    monkeypatch.setattr(readonly, "can_write", lambda folder, path: False)
    refusals: list[str] = []
    monkeypatch.setattr(app, "_critical", lambda title, text: refusals.append(text))
    journal = app.open_safely(qapp, home)  # the app's own opening
    assert refusals == []
    assert journal is not None and journal.read_only
    dialogs = ScriptedDialogService()
    window = MainWindow(journal, JournalBus(dialogs), clock)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.ready, timeout=10_000):
            window.show()
        notice = window.findChild(QFrame, "readOnlyNotice")
        assert notice is not None and notice.isVisible()
        assert str(journal.path) in notice.text.text()
        assert "read-only" in window.windowTitle()
        assert dialogs.shown == []  # opening and reading asked nothing, failed nothing
        # What can only write is greyed out; finding and exporting are not.
        assert not window.new_contact_action.isEnabled()
        assert not window.log_action.isEnabled() and not window.import_action.isEnabled()
        assert window.export_action.isEnabled()

        def save_a_contact(dialog) -> None:  # type: ignore[no-untyped-def]
            qtbot.keyClicks(dialog.findChild(QLineEdit, "givenName"), "Grace")
            qtbot.mouseClick(
                dialog.findChild(QPushButton, "saveContact"), Qt.MouseButton.LeftButton
            )
            still_open.append(dialog.isVisible())
            dialog.reject()

        still_open: list[bool] = []
        problems = on_dialog(save_a_contact)
        window.new_contact()
        assert problems == []
        assert still_open == [True]  # what was typed is not thrown away with the refusal
        assert dialogs.shown == [
            (
                "error",
                "Could not save",
                f"This journal is read-only: {journal.path}. Copy its folder somewhere you "
                "can write to change it; nothing was changed.",
            )
        ]
        assert len(contact_ids()) == 1
    finally:
        window.close()
        journal.close()


def test_the_guard_checks_a_read_only_journal_and_takes_no_backup(  # type: ignore[no-untyped-def]
    qtbot, home: Path, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_journal(home).close()
    monkeypatch.setattr(readonly, "can_write", lambda folder, path: False)
    journal = open_journal(home, allow_read_only=True)
    dialogs = ScriptedDialogService()
    bus = JournalBus(dialogs)
    window = MainWindow(journal, bus, clock)
    qtbot.addWidget(window)
    try:
        guard = JournalGuard(window, journal, bus)
        with qtbot.waitSignal(guard.checked, timeout=10_000) as got:
            guard.start()
        result = got.args[0]
        # Sound, and no daily backup tried (its folder could not be written): nothing to say.
        assert (result.problems, result.daily, result.error) == ([], None, "")
        assert not backups_dir(home).exists()
        assert dialogs.shown == []
    finally:
        window.close()
        journal.close()
