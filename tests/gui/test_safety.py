"""Undo for deletes, the Restore dialog, the passphrase prompt, encryption, the start-up guard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton

from journal.core.contact_queries import contact_ids
from journal.core.contacts import ContactDraft, create_contact
from journal.core.groups import GroupDraft, create_group
from journal.core.interactions import InteractionDraft, log_interaction
from journal.core.timeline import timeline_count
from journal.store import Journal, crypto
from journal.store import backup as backups
from journal.store.keys import Answer, AskReason
from journal.ui.dialogs.encryption_dialog import EncryptionDialog
from journal.ui.dialogs.passphrase_dialog import (
    NewPassphraseDialog,
    PassphraseDialog,
    ask_passphrase,
)
from journal.ui.dialogs.restore_dialog import RestoreDialog
from journal.ui.main_window import MainWindow
from journal.ui.models.backup_model import PAGE, BackupListModel
from journal.ui.safety import JournalGuard
from journal.ui.undo import undo_stack

UTC = dt.timezone.utc


def _window(qtbot, journal, bus, clock) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(journal, bus, clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _action(window: MainWindow, name: str):  # type: ignore[no-untyped-def]
    found = [a for a in window.actions() if a.objectName() == name]
    if not found:
        found = [
            a
            for m in window.menuBar().actions()
            for a in m.menu().actions()
            if a.objectName() == name
        ]
    assert found, name
    return found[0]


# -- undo ---------------------------------------------------------------------------------------


def test_undo_and_redo_a_contact_delete_from_the_edit_menu(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock, dialogs
) -> None:
    ada = create_contact(ContactDraft(given_name="Ada", tags=["maths"])).value
    create_contact(ContactDraft(given_name="Grace"))
    window = _window(qtbot, journal, bus, clock)
    undo = _action(window, "undoAction")
    assert not undo.isEnabled()
    assert [s.toString() for s in undo.shortcuts()] == ["Ctrl+Z"]
    assert "Ctrl+Shift+Z" in [s.toString() for s in _action(window, "redoAction").shortcuts()]

    window.contacts.select_contact(ada)
    dialogs.confirm_answers = [True]
    qtbot.mouseClick(window.contacts.detail.delete_button, Qt.MouseButton.LeftButton)
    assert ada not in contact_ids()
    assert window.contacts.model.rowCount() == 1
    assert undo.isEnabled() and "Ada" in undo.text()

    undo.trigger()
    assert ada in contact_ids()
    assert window.contacts.model.rowCount() == 2  # the list heard about it through the bus
    _action(window, "redoAction").trigger()
    assert ada not in contact_ids()
    undo.trigger()
    assert ada in contact_ids()


def test_undo_a_timeline_delete(qtbot, journal, bus, clock, dialogs) -> None:  # type: ignore[no-untyped-def]
    ada = create_contact(ContactDraft(given_name="Ada")).value
    log_interaction(
        InteractionDraft(
            kind="coffee", occurred_at=clock.now(), summary="Engines", participant_ids=[ada]
        )
    )
    window = _window(qtbot, journal, bus, clock)
    window.show_page(1)
    timeline = window.timeline
    timeline.table.setCurrentIndex(timeline.model.index(0, 0))
    dialogs.confirm_answers = [True]
    timeline.delete_selected()
    assert timeline_count() == 0
    undo_stack(bus).undo()
    assert timeline_count() == 1
    assert timeline.model.rowCount() == 1


def test_undo_a_group_delete(qtbot, journal, bus, clock, dialogs) -> None:  # type: ignore[no-untyped-def]
    from journal.core.group_queries import group_names

    club = create_group(GroupDraft(name="Chamber of Commerce")).value
    window = _window(qtbot, journal, bus, clock)
    window.show_page(2)
    groups = window.groups
    groups.select_group(club)
    dialogs.confirm_answers = [True]
    qtbot.mouseClick(groups.findChild(QPushButton, "deleteGroupButton"), Qt.MouseButton.LeftButton)
    assert group_names() == []
    undo_stack(bus).undo()
    assert [name for _, name in group_names()] == ["Chamber of Commerce"]


def test_a_refused_delete_leaves_nothing_to_undo(qtbot, journal, bus, dialogs) -> None:  # type: ignore[no-untyped-def]
    from journal.core import trash
    from journal.ui.undo import delete_undoably

    delete_undoably(bus, trash.delete_contact, 404, "Delete nobody")
    assert dialogs.shown and dialogs.shown[0][0] == "error"
    assert undo_stack(bus).count() == 0


# -- the Restore dialog ---------------------------------------------------------------------------


def test_backup_model_passes_the_model_tester_and_pages(qtmodeltester, journal: Journal) -> None:  # type: ignore[no-untyped-def]
    start = dt.datetime(2026, 1, 1, tzinfo=UTC)
    folder = backups.backups_dir(journal.home)
    taken = backups.backup_now(journal, backups.MANUAL, now=start)
    for day in range(1, PAGE + 10):  # copies of one backup are enough to test paging
        when = start + dt.timedelta(days=day)
        (folder / backups.backup_name(when, backups.DAILY)).write_bytes(taken.path.read_bytes())
    model = BackupListModel(journal.home)
    assert model.rowCount() == PAGE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE + 10
    assert not model.canFetchMore()
    qtmodeltester.check(BackupListModel(journal.home))  # the tester fetches pages itself
    assert model.index(0, BackupListModel.REASON).data() == "Automatic (daily)"
    assert model.index(model.rowCount() - 1, BackupListModel.REASON).data() == "Made by you"
    assert model.index(0, BackupListModel.SIZE).data().endswith("kB")


def test_backup_model_lists_backups_of_one_second_newest_first(journal: Journal) -> None:
    second = dt.datetime(2026, 1, 1, tzinfo=UTC)
    older = backups.backup_now(journal, backups.BEFORE_IMPORT, now=second)
    newer = backups.backup_now(journal, backups.BEFORE_IMPORT, now=second)
    model = BackupListModel(journal.home)
    assert [model.backup(row) for row in range(model.rowCount())] == [newer, older]


def test_restore_dialog_restores_the_chosen_backup(qtbot, journal, bus, dialogs) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="Ada"))
    backups.backup_now(journal, backups.MANUAL)
    create_contact(ContactDraft(given_name="Grace"))
    dialog = RestoreDialog(journal, bus)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.restore_button.isEnabled()
    dialogs.confirm_answers = [True]
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert len(contact_ids()) == 1
    kinds = [kind for kind, *_ in dialogs.shown]
    assert kinds == ["confirm", "info"]
    assert "before-restore" in dialogs.shown[-1][2]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_long_restore_shows_its_progress_and_cancel_keeps_the_journal(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, dialogs, monkeypatch, cancel_progress
) -> None:
    from journal.ui.widgets import modal_progress

    for n in range(300):  # enough pages for many one-page steps
        create_contact(ContactDraft(given_name=f"Person {n}", notes="x" * 200))
    backups.backup_now(journal, backups.MANUAL)
    create_contact(ContactDraft(given_name="Grace"))
    dialog = RestoreDialog(journal, bus)
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(backups, "COPY_STEP_PAGES", 1)
    monkeypatch.setattr(modal_progress, "SHOW_AFTER_MS", 0)  # as a large journal's would
    seen = cancel_progress("restoreProgress")
    dialogs.confirm_answers = [True]
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and seen[0].startswith("Restoring the backup of")
    assert len(contact_ids()) == 301  # Grace too: nothing was replaced
    assert [kind for kind, *_ in dialogs.shown] == ["confirm"]  # no "Restored"
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    # Nothing half-written is left beside the journal or among the backups.
    leftovers = [p.name for p in journal.home.rglob("*") if p.suffix in (".partial", ".restoring")]
    assert leftovers == []
    assert dialog.model.rowCount() == len(backups.list_backups(journal.home))


def test_restore_dialog_when_there_are_no_backups(qtbot, journal, bus) -> None:  # type: ignore[no-untyped-def]
    dialog = RestoreDialog(journal, bus)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and not dialog.table.isVisible()
    assert not dialog.restore_button.isEnabled()


def test_back_up_now_from_the_file_menu_says_where_it_went(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock, dialogs
) -> None:
    create_contact(ContactDraft(given_name="Ada"))
    window = _window(qtbot, journal, bus, clock)
    _action(window, "backUpNowAction").trigger()
    (taken,) = backups.list_backups(journal.home)
    assert dialogs.shown == [("info", "Backed up", f"The journal is backed up to {taken.path}.")]


def test_a_long_backup_shows_its_progress_and_can_be_cancelled(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock, dialogs, monkeypatch, cancel_progress
) -> None:
    from journal.ui.widgets import modal_progress

    for n in range(300):  # enough pages for many one-page steps
        create_contact(ContactDraft(given_name=f"Person {n}", notes="x" * 200))
    window = _window(qtbot, journal, bus, clock)
    monkeypatch.setattr(backups, "COPY_STEP_PAGES", 1)
    monkeypatch.setattr(modal_progress, "SHOW_AFTER_MS", 0)  # as a large journal's would
    seen = cancel_progress("backupProgress")
    _action(window, "backUpNowAction").trigger()
    assert seen == ["Backing up the journal…"]  # it showed while the copy went on
    assert dialogs.shown == []  # cancelled: nothing to report
    assert not backups.backups_dir(journal.home).exists() or not list(
        backups.backups_dir(journal.home).iterdir()
    )


def test_restore_is_reachable_from_the_file_menu(qtbot, journal, bus, clock, on_dialog) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, journal, bus, clock)
    seen: list[str] = []
    problems = on_dialog(lambda d: (seen.append(d.objectName()), d.reject()))
    _action(window, "restoreAction").trigger()
    assert problems == [] and seen == ["restoreDialog"]


# -- the passphrase prompt ------------------------------------------------------------------------


def test_the_prompt_says_why_and_hides_what_is_typed(qtbot, on_dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def type_it(dialog: QDialog) -> None:
        assert isinstance(dialog, PassphraseDialog)
        seen["reason"] = dialog.reason.text()
        seen["echo"] = dialog.passphrase.echoMode()
        seen["remember_visible"] = dialog.remember.isVisible()
        qtbot.keyClicks(dialog.passphrase, "open sesame")
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    problems = on_dialog(type_it)
    answer = ask_passphrase()(tmp_path / "journal.sqlite3", AskReason.NO_KEYCHAIN, False)
    assert problems == []
    assert answer == Answer("open sesame", remember=False)
    assert "no keychain" in str(seen["reason"])
    assert seen["echo"] == QLineEdit.EchoMode.Password
    assert seen["remember_visible"] is False


def test_cancelling_the_prompt_gives_nothing(qtbot, on_dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    problems = on_dialog(lambda d: d.reject())
    assert ask_passphrase()(tmp_path / "j", AskReason.KEYCHAIN_LOCKED, True) is None
    assert problems == []


def test_the_prompt_offers_the_keychain_when_there_is_one(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = PassphraseDialog(tmp_path / "j", AskReason.NOT_IN_KEYCHAIN, True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.remember.isVisible() and dialog.remember.isChecked()
    assert dialog.passphrase.accessibleName()


# -- encryption from the GUI ------------------------------------------------------------------


def test_new_passphrase_must_be_long_enough_and_typed_twice(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = NewPassphraseDialog(False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first, "short")
    dialog._check()
    assert dialog.banner.isVisible() and "at least 8" in dialog.banner.text()
    dialog.first.setText("long enough words")
    dialog.second.setText("long enough wordz")
    dialog._check()
    assert "differs" in dialog.banner.text()
    dialog.second.setText("long enough words")
    dialog._check()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase() == "long enough words"


def test_encrypt_and_decrypt_from_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, dialogs, on_dialog, memory_keyring
) -> None:
    create_contact(ContactDraft(given_name="Ada"))
    dialog = EncryptionDialog(journal, bus)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.encrypt_button.isVisible() and not dialog.decrypt_button.isVisible()

    def choose(new: QDialog) -> None:
        new.first.setText("a long enough passphrase")  # type: ignore[attr-defined]
        new.second.setText("a long enough passphrase")  # type: ignore[attr-defined]
        new._check()  # type: ignore[attr-defined]

    problems = on_dialog(choose)
    qtbot.mouseClick(dialog.encrypt_button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert journal.encrypted and crypto.is_encrypted(journal.path)
    assert contact_ids()  # still readable through the reopened connection
    assert list(memory_keyring.entries.values()) == ["a long enough passphrase"]
    assert "kept in the system keychain" in dialog.state.text()
    assert dialogs.shown[-1][0] == "info"
    assert dialogs.shown[-1][2].startswith("The journal is now encrypted.")

    def current_then_choose(asked: QDialog) -> None:
        asked.passphrase.setText("a long enough passphrase")  # type: ignore[attr-defined]
        on_dialog(choose)  # the same passphrase again will do for the test
        asked._check()  # type: ignore[attr-defined]

    def current(asked: QDialog) -> None:
        asked.passphrase.setText("a long enough passphrase")  # type: ignore[attr-defined]
        asked._check()  # type: ignore[attr-defined]

    problems = on_dialog(current_then_choose)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert problems == []
    # A change of passphrase is said as one ("now encrypted" read as if it had not been).
    assert dialogs.shown[-1][2].startswith("The journal's passphrase is changed.")

    dialogs.confirm_answers = [True]
    problems = on_dialog(current)
    qtbot.mouseClick(dialog.decrypt_button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert not journal.encrypted and not crypto.is_encrypted(journal.path)
    assert memory_keyring.entries == {}
    for file in journal.home.rglob("*"):  # window.ini, backups, the lock file...
        if file.is_file():
            assert b"a long enough passphrase" not in file.read_bytes(), file


def test_without_sqlcipher_the_dialog_says_how_to_get_it(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crypto, "sqlcipher_available", lambda: False)
    dialog = EncryptionDialog(journal, bus)
    qtbot.addWidget(dialog)
    assert "encryption extra" in dialog.state.text()
    assert not dialog.encrypt_button.isEnabled()


# -- the start-up guard -------------------------------------------------------------------------


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for page in range(2, len(data) // 4096):
        data[page * 4096 + 8 : page * 4096 + 400] = b"\x5a" * 392
    path.write_bytes(bytes(data))


def test_the_guard_takes_the_daily_backup(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, journal, bus, clock)
    guard = JournalGuard(window, journal, bus)
    with qtbot.waitSignal(guard.checked, timeout=10_000) as got:
        guard.start()
    result = got.args[0]
    assert result.problems == [] and result.daily is not None
    assert [b.reason for b in backups.list_backups(journal.home)] == ["daily"]
    with qtbot.waitSignal(guard.checked, timeout=10_000) as again:
        guard.start()
    assert again.args[0].daily is None  # not due again the same day


def test_the_guard_waits_while_the_file_is_being_replaced(qtbot, journal, bus, clock) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, journal, bus, clock)
    guard = JournalGuard(window, journal, bus)
    results: list[object] = []
    guard.checked.connect(results.append)
    bus.busy = True  # as while File → Encryption's worker swaps the file
    bus.holding.emit(True)
    guard.start()
    qtbot.wait(200)
    assert results == [] and backups.list_backups(journal.home) == []
    bus.busy = False
    with qtbot.waitSignal(guard.checked, timeout=10_000):
        bus.holding.emit(False)  # the check and daily backup asked meanwhile run now
    assert [b.reason for b in backups.list_backups(journal.home)] == ["daily"]


def test_the_guard_offers_the_latest_good_backup(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock, dialogs
) -> None:
    create_contact(ContactDraft(given_name="Ada"))
    good = backups.backup_now(journal, backups.MANUAL)
    for i in range(40):
        create_contact(ContactDraft(given_name=f"Person {i}", notes="x" * 2000))
    journal.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage(journal.path)
    window = _window(qtbot, journal, bus, clock)
    guard = JournalGuard(window, journal, bus)
    dialogs.confirm_answers = [True]
    with qtbot.waitSignal(guard.checked, timeout=10_000) as got:
        guard.start()
    assert got.args[0].problems and got.args[0].good_backup == good
    title, text = dialogs.shown[0][1:]
    assert "damaged" in title and "Open the latest good backup" in text
    assert len(contact_ids()) == 1  # the backup is open now
    assert backups.quick_check(journal.path, None) == []
    assert any(b.reason == "damaged" for b in backups.list_backups(journal.home))
    assert window.isVisible()


def test_the_guard_closes_the_window_when_the_user_declines(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock, dialogs
) -> None:
    backups.backup_now(journal, backups.MANUAL)
    for i in range(40):
        create_contact(ContactDraft(given_name=f"Person {i}", notes="x" * 2000))
    journal.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage(journal.path)
    window = _window(qtbot, journal, bus, clock)
    guard = JournalGuard(window, journal, bus)
    dialogs.confirm_answers = [False]
    with qtbot.waitSignal(guard.checked, timeout=10_000):
        guard.start()
    assert not window.isVisible()


# -- trouble on disk, a second writer, an encrypted journal at start -----------------------------


def test_a_full_disk_is_a_message_and_nothing_half_written(qtbot, journal, bus, dialogs) -> None:  # type: ignore[no-untyped-def]
    from journal.core.contacts import ChannelDraft

    pages = journal.db.execute_sql("PRAGMA page_count").fetchone()[0]
    journal.db.execute_sql(f"PRAGMA max_page_count = {pages}")
    draft = ContactDraft(
        given_name="Grace",
        notes="n" * 90_000,
        channels=[ChannelDraft("email", f"g{i}@example.org") for i in range(30)],
    )
    assert bus.run(create_contact, draft) is None
    kind, _title, text = dialogs.shown[-1]
    assert kind == "error" and "full" in text and "nothing was written" in text
    assert contact_ids() == []


def test_a_second_app_is_told_who_holds_the_journal(  # type: ignore[no-untyped-def]
    qapp, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys
    import textwrap

    from PySide6.QtWidgets import QMessageBox

    from journal.ui.app import open_safely

    src = str(Path(__file__).resolve().parents[2] / "src")
    code = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {src!r})
        from pathlib import Path
        from journal.store import open_journal
        journal = open_journal(Path({str(home)!r}), program="Contact Journal")
        print("held", flush=True)
        time.sleep(60)
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert open_safely(qapp, home) is None
    finally:
        holder.kill()
        holder.wait()
    assert len(shown) == 1
    assert "Contact Journal" in shown[0] and f"process {holder.pid}" in shown[0]


def test_an_encrypted_journal_asks_for_its_passphrase_at_start(  # type: ignore[no-untyped-def]
    qtbot, qapp, home: Path, on_dialog
) -> None:
    from journal.store import open_journal
    from journal.store.encryption import encrypt
    from journal.ui.app import open_safely

    first = open_journal(home)
    create_contact(ContactDraft(given_name="Ada"))
    encrypt(first, "a long enough passphrase")
    first.close()

    typed: list[str] = []

    def type_it(dialog: QDialog) -> None:
        assert isinstance(dialog, PassphraseDialog)
        typed.append(dialog.reason.text())
        dialog.passphrase.setText("a long enough passphrase")
        dialog.accept()

    problems = on_dialog(type_it)
    journal = open_safely(qapp, home)
    assert problems == [] and journal is not None
    try:
        assert journal.encrypted and len(contact_ids()) == 1
        assert "no keychain" in typed[0]
    finally:
        journal.close()


def test_a_new_journal_is_offered_encryption(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock, on_dialog, memory_keyring
) -> None:
    from journal.ui.safety import offer_encryption

    window = _window(qtbot, journal, bus, clock)
    button = offer_encryption(window)
    assert button is not None and button.isVisible()

    def encrypt_it(dialog: QDialog) -> None:
        assert isinstance(dialog, EncryptionDialog)
        on_dialog(choose_passphrase)
        dialog.encrypt_button.click()
        dialog.accept()

    def choose_passphrase(new: QDialog) -> None:
        new.first.setText("a long enough passphrase")  # type: ignore[attr-defined]
        new.second.setText("a long enough passphrase")  # type: ignore[attr-defined]
        new._check()  # type: ignore[attr-defined]

    problems = on_dialog(encrypt_it)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert journal.encrypted
    qtbot.waitUntil(lambda: window.findChild(QPushButton, "offerEncryption") is None)


def test_a_restore_clears_the_undo_history(qtbot, journal, bus, dialogs) -> None:  # type: ignore[no-untyped-def]
    from journal.core import trash
    from journal.core.safekeeping import restore_backup
    from journal.ui.undo import delete_undoably

    ada = create_contact(ContactDraft(given_name="Ada")).value
    taken = backups.backup_now(journal, backups.MANUAL)
    delete_undoably(bus, trash.delete_contact, ada, "Delete Ada")
    assert undo_stack(bus).canUndo()
    bus.run(restore_backup, journal, taken)
    assert not undo_stack(bus).canUndo()
    assert ada in contact_ids()


# The app started as `journal --home FOLDER`, its message boxes printed instead of shown.
_START_WITH_MESSAGES = """
import sys
from PySide6.QtWidgets import QMessageBox
QMessageBox.critical = lambda parent, title, text: print("critical:", title, "|", text)
from journal.cli import main
sys.exit(main(["--home", sys.argv[1]]))
"""


def test_a_journal_folder_of_too_long_a_name_is_a_message_at_start(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    # Looking for the file under a name the system cannot look up raised out of the start.
    home = tmp_path / ("e" * 300)
    done = subprocess.run(
        [sys.executable, "-c", _START_WITH_MESSAGES, str(home)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert done.stdout.startswith(
        f"critical: Cannot open the journal | Cannot create the journal folder {home}: File name"
    )
