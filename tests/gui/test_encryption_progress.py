"""File → Encryption on a worker thread: the window keeps processing events, the journal is
held (nothing reads the file mid-swap), and a failure or a Cancel leaves it as it was."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog

from journal.core.contact_queries import contact_ids
from journal.core.contacts import ContactDraft, create_contact
from journal.store import backup as backups
from journal.store import crypto
from journal.store.errors import EncryptionError, JournalBusyError
from journal.ui.dialogs.encryption_dialog import EncryptionDialog
from journal.ui.reader import JournalReader

PASSPHRASE = "a long enough passphrase"
LEFT = Qt.MouseButton.LeftButton


def _choose(new: QDialog) -> None:
    new.first.setText(PASSPHRASE)  # type: ignore[attr-defined]
    new.second.setText(PASSPHRASE)  # type: ignore[attr-defined]
    new._check()  # type: ignore[attr-defined]


def _progress_shown() -> QProgressDialog | None:
    shown = QApplication.activeModalWidget()
    if isinstance(shown, QProgressDialog) and shown.objectName() == "encryptionProgress":
        return shown
    return None


def _when_progress_shows(act: Callable[[QProgressDialog], None]) -> None:
    """Run `act` on the GUI thread once the progress dialog shows (polled by a timer)."""

    def poll(attempts: int) -> None:
        shown = _progress_shown()
        if shown is not None and shown.isVisible():
            act(shown)
        elif attempts:
            QTimer.singleShot(5, lambda: poll(attempts - 1))

    QTimer.singleShot(0, lambda: poll(2000))


@pytest.fixture
def slow_copy(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[str]]:
    """The journal's copy waits (on the worker) until the test sets the event: as slow as
    a large journal's, deterministically. Returns the event and the threads that copied.
    A generous cap only keeps old code (copying on the GUI thread) from hanging."""
    go_on = threading.Event()
    copied_on: list[str] = []
    real = crypto.export_copy

    def export_copy(*args: Any, **kwargs: Any) -> None:
        copied_on.append(threading.current_thread().name)
        if len(copied_on) == 1:
            go_on.wait(timeout=10)
        real(*args, **kwargs)

    monkeypatch.setattr(crypto, "export_copy", export_copy)
    return go_on, copied_on


@pytest.fixture
def show_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from journal.ui.widgets import modal_progress

    monkeypatch.setattr(modal_progress, "SHOW_AFTER_MS", 0)  # as a large journal's would


def _dialog(qtbot, journal, bus) -> EncryptionDialog:  # type: ignore[no-untyped-def]
    dialog = EncryptionDialog(journal, bus)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_window_processes_events_and_shows_progress_while_encrypting(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, dialogs, on_dialog, memory_keyring, slow_copy, show_at_once
) -> None:
    go_on, copied_on = slow_copy
    create_contact(ContactDraft(given_name="Ada"))
    backups.backup_now(journal, backups.MANUAL, encrypted=False)
    dialog = _dialog(qtbot, journal, bus)
    during: list[str] = []

    def mid_conversion(progress: QProgressDialog) -> None:
        # Only a running event loop fires this timer while the journal is being copied.
        during.append(progress.labelText())
        # A busy bar while the journal itself is copied, not "0 %" for the longest step.
        during.append(f"maximum {progress.maximum()}")
        go_on.set()

    _when_progress_shows(mid_conversion)
    problems = on_dialog(_choose)
    qtbot.mouseClick(dialog.encrypt_button, LEFT)
    assert problems == []
    assert go_on.is_set()
    assert during == ["Writing the journal and its backups with the new key…", "maximum 0"]
    assert threading.main_thread().name not in copied_on  # copied on a worker thread
    # The same result as before: journal and backup encrypted, readable, keychain updated.
    assert journal.encrypted and crypto.is_encrypted(journal.path)
    (backup,) = backups.list_backups(journal.home)
    assert backup.encrypted and crypto.passphrase_opens(backup.path, PASSPHRASE)
    assert len(contact_ids()) == 1
    assert list(memory_keyring.entries.values()) == [PASSPHRASE]
    assert dialogs.shown[-1][2].startswith(
        "The journal is now encrypted. Backups converted too: 1."
    )
    assert _progress_shown() is None and not bus.busy


def test_reads_during_the_conversion_wait_and_never_reopen_the_journal(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, on_dialog, memory_keyring, slow_copy
) -> None:
    go_on, _copied_on = slow_copy
    create_contact(ContactDraft(given_name="Ada"))
    dialog = _dialog(qtbot, journal, bus)
    reader = JournalReader()
    answers: list[tuple[str, object]] = []
    reader.answered.connect(lambda token, value: answers.append((token, value)))
    refused: list[str] = []

    def timer_read() -> None:
        # What a timer (the digest, a prefetch) or a repaint would do mid-conversion.
        if not bus.busy:
            QTimer.singleShot(5, timer_read)
            return
        try:
            contact_ids()  # on the GUI thread: refused, not reconnected (Peewee autoconnects)
        except JournalBusyError as error:
            refused.append(str(error))
        reader.ask("during", contact_ids)  # on the reader's thread: waits for the journal
        answers.append(("asked", bus.busy))
        go_on.set()

    QTimer.singleShot(0, timer_read)
    problems = on_dialog(_choose)
    qtbot.mouseClick(dialog.encrypt_button, LEFT)
    assert problems == []
    assert refused and "File → Encryption" in refused[0]
    assert answers[0] == ("asked", True)  # asked mid-conversion, answered only after it
    qtbot.waitUntil(lambda: len(answers) == 2)
    token, ids = answers[1]
    assert token == "during" and len(ids) == 1  # type: ignore[arg-type]
    assert journal.encrypted  # read from the encrypted journal, with its new key
    reader.stop()


def test_a_failure_mid_way_leaves_the_journal_as_it_was(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, dialogs, on_dialog, memory_keyring, monkeypatch
) -> None:
    create_contact(ContactDraft(given_name="Ada"))
    backups.backup_now(journal, backups.MANUAL, encrypted=False)
    real = crypto.export_copy

    def export_copy(source: Path, source_key: Any, target: Path, target_key: Any) -> None:
        real(source, source_key, target, target_key)  # a whole copy is written, then...
        raise EncryptionError("The disk went away; the journal was not changed.")

    monkeypatch.setattr(crypto, "export_copy", export_copy)
    dialog = _dialog(qtbot, journal, bus)
    problems = on_dialog(_choose)
    qtbot.mouseClick(dialog.encrypt_button, LEFT)
    assert problems == []
    assert dialogs.shown[-1] == (
        "error",
        "Could not change the encryption",
        "The disk went away; the journal was not changed.",
    )
    assert not journal.encrypted and not crypto.is_encrypted(journal.path)
    assert len(contact_ids()) == 1  # open again, on this thread
    (backup,) = backups.list_backups(journal.home)
    assert not backup.encrypted
    assert [p.name for p in journal.home.iterdir() if p.name.endswith((".new", ".old"))] == []
    assert memory_keyring.entries == {} and not bus.busy
    assert dialog.encrypt_button.isVisible()


def test_cancel_before_the_swap_leaves_everything_as_it_was(  # type: ignore[no-untyped-def]
    qtbot,
    journal,
    bus,
    dialogs,
    on_dialog,
    memory_keyring,
    slow_copy,
    show_at_once,
    cancel_progress,
) -> None:
    go_on, _copied_on = slow_copy
    create_contact(ContactDraft(given_name="Ada"))
    backups.backup_now(journal, backups.MANUAL, encrypted=False)
    dialog = _dialog(qtbot, journal, bus)
    seen = cancel_progress("encryptionProgress")
    labels: list[str] = []

    def after_cancel(attempts: int) -> None:
        shown = _progress_shown()
        if seen and shown is not None:
            # Still shown (the window stays blocked) until the copy can stop.
            labels.append(shown.labelText())
            go_on.set()
        elif attempts:
            QTimer.singleShot(5, lambda: after_cancel(attempts - 1))

    QTimer.singleShot(0, lambda: after_cancel(2000))
    problems = on_dialog(_choose)
    qtbot.mouseClick(dialog.encrypt_button, LEFT)
    assert problems == []
    assert seen == ["Writing the journal and its backups with the new key…"]
    assert labels == ["Stopping: nothing has been changed…"]
    assert not journal.encrypted and not crypto.is_encrypted(journal.path)
    assert len(contact_ids()) == 1
    (backup,) = backups.list_backups(journal.home)
    assert not backup.encrypted
    assert [p.name for p in journal.home.iterdir() if p.name.endswith((".new", ".old"))] == []
    assert dialogs.shown == [] and memory_keyring.entries == {}


def test_what_the_app_does_on_its_own_meanwhile_never_reads_the_held_journal(  # type: ignore[no-untyped-def]
    qtbot, journal, bus, clock, on_dialog, memory_keyring, slow_copy
) -> None:
    # The dialog blocks the user's input, not timers, the tray, a later start or the
    # daily digest's click. pytest-qt fails the test on an exception in any slot.
    import datetime as dt

    from journal.core import demo
    from journal.ui.desktop import Desktop
    from journal.ui.main_window import CONTACTS, TIMELINE
    from journal.ui.platform.single_instance import QUICK_ADD, SHOW
    from journal.ui.platform.tray import Tray

    go_on, _copied_on = slow_copy
    demo.generate(demo.SMALL, today=clock.today())
    tray = Tray()
    desktop = Desktop(journal, bus, clock, tray=tray)
    window = desktop.window
    qtbot.addWidget(window)
    desktop.start()
    qtbot.waitExposed(window)
    window.show_page(TIMELINE)
    window.show_page(CONTACTS)  # Today, Timeline and Contacts built; Groups not
    qtbot.wait(50)
    done: list[str] = []

    def meanwhile() -> None:
        if not bus.busy:
            QTimer.singleShot(5, meanwhile)
            return
        window.hide()
        clock.instant += dt.timedelta(days=1)  # back from the tray on another day
        tray.open_requested.emit()  # on Contacts, whose rows are formatted again
        qtbot.wait(100)
        desktop.handle(SHOW)
        desktop.handle(QUICK_ADD)
        tray.today_requested.emit()
        window.notifier.clicked.emit()
        window.digest.check()
        window.resize(window.width() - 200, window.height())
        window.repaint()
        qtbot.wait(100)
        done.append("poked")
        go_on.set()

    QTimer.singleShot(0, meanwhile)
    dialog = EncryptionDialog(journal, bus, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    problems = on_dialog(_choose)
    qtbot.mouseClick(dialog.encrypt_button, LEFT)
    assert problems == [] and done == ["poked"]
    assert journal.encrypted and not bus.busy
