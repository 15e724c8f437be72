"""Errors as the app shows them: a command the command line would suggest is not typed into
a window; the app says what to do in it instead."""

from __future__ import annotations

from PySide6.QtGui import QAction

from journal.core.contacts import ContactDraft, create_contact
from journal.store import backup as backups
from journal.store.errors import DamagedJournalError
from journal.store.integrity import damaged_error
from journal.ui.error_text import in_app
from journal.ui.main_window import MainWindow


def test_a_backup_failing_its_check_says_what_to_do_in_the_app(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock, dialogs, monkeypatch
) -> None:
    create_contact(ContactDraft(given_name="Ada"))
    monkeypatch.setattr(backups, "quick_check", lambda path, key: ["page 3 is never used"])
    window = MainWindow(journal, bus, clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    action = window.findChild(QAction, "backUpNowAction")
    assert action is not None
    action.trigger()  # File → Back up now
    kind, title, text = dialogs.shown[-1][:3]
    assert (kind, title) == ("error", "Could not save")
    assert "failed its check (page 3 is never used); the journal itself may be damaged." in text
    assert "`" not in text and "journal check" not in text
    assert "Quit and start the app again: it checks the journal as it opens" in text
    # The command line keeps its advice.
    error = DamagedJournalError("m.", command_hint="Run `journal check` for details.")
    assert str(error) == "m. Run `journal check` for details."


def test_a_damaged_journal_with_a_backup_names_it_without_a_command(journal, tmp_path) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="Ada"))
    good = backups.backup_file(journal.path, backups.backups_dir(journal.home), "manual", None)
    error = damaged_error(journal.path, ["row 3 missing from index"], None)
    assert error.backup == good
    restore = f"`journal restore {good.path.name}` (the damaged file is kept in backups/)."
    assert str(error).endswith(restore)  # the command line says how
    # The app's window offers the backup in a button: no command, no other advice.
    shown = in_app(error)
    assert shown.endswith(f"The latest good backup is {good.path.name}.")
    assert "`" not in shown
    without = damaged_error(tmp_path / "journal.sqlite3", ["row 3 missing from index"], None)
    assert without.backup is None and in_app(without) == str(without)
    assert "no good backup to restore" in str(without)
