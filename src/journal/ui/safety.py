"""Keeping the journal safe from the desktop: the menu actions, and the checks behind them.

`install_safety_actions` adds Edit → Undo/Redo and File → Back up now, Restore from a backup,
Encryption. `JournalGuard` runs the integrity check when the app starts and the daily
backup (at start, then hourly while the app runs in the tray) on a worker thread, and
offers the latest good backup when the check fails.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QPushButton, QWidget

from journal.ui.bus import JournalBus
from journal.ui.error_text import in_app
from journal.ui.undo import add_undo_actions

if TYPE_CHECKING:
    from journal.store.backup import BackupInfo
    from journal.store.database import Journal

HOUR_MS = 60 * 60 * 1000


def install_safety_actions(window: QMainWindow, file_menu: QMenu, edit_menu: QMenu) -> None:
    """Undo/Redo at the top of Edit; backup, restore and encryption in File, before Quit."""
    bus: JournalBus = window.bus  # type: ignore[attr-defined]
    add_undo_actions(edit_menu, bus, window)
    separators = [a for a in file_menu.actions() if a.isSeparator()]
    before = separators[-1] if separators else None  # the one above Quit
    if before is not None:
        file_menu.insertSeparator(before)
    else:
        file_menu.addSeparator()
    for name, text, slot in (
        ("backUpNowAction", window.tr("&Back up now"), lambda: back_up_now(window)),
        ("restoreAction", window.tr("Restore from a bac&kup…"), lambda: open_restore(window)),
        ("encryptionAction", window.tr("Encr&yption…"), lambda: open_encryption(window)),
    ):
        action = QAction(text, window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        file_menu.insertAction(before, action)


def back_up_now(window: QWidget) -> None:
    """Take a backup now and say where it went.

    A large journal's copy takes a second or more: a progress dialog then shows it, the
    window keeps painting, and Cancel stops it with nothing left behind.
    """
    from journal.core.progress import Cancelled
    from journal.core.safekeeping import take_backup
    from journal.ui.widgets.modal_progress import modal_progress

    journal: Journal = window.journal  # type: ignore[attr-defined]
    bus: JournalBus = window.bus  # type: ignore[attr-defined]
    try:
        with modal_progress(
            window, window.tr("Back up now"), window.tr("Backing up the journal…"), "backupProgress"
        ) as progress:
            done = bus.run(take_backup, journal, progress=progress, parent=window)
    except Cancelled:
        return
    if done is not None:
        bus.dialogs.info(
            window,
            window.tr("Backed up"),
            window.tr("The journal is backed up to %1.").replace("%1", str(done.value.path)),
        )


def open_restore(window: QWidget) -> None:
    """File → Restore from a backup."""
    from journal.ui.dialogs.restore_dialog import RestoreDialog

    RestoreDialog(window.journal, window.bus, window).exec()  # type: ignore[attr-defined]


def open_encryption(window: QWidget) -> None:
    """File → Encryption."""
    from journal.ui.dialogs.encryption_dialog import EncryptionDialog

    EncryptionDialog(window.journal, window.bus, parent=window).exec()  # type: ignore[attr-defined]


# ---------------------------------------------------------------- the guard


@dataclass
class Checked:
    """What the worker found: problems, the backup to offer, the daily backup taken."""

    problems: list[str] = field(default_factory=list)
    good_backup: BackupInfo | None = None
    daily: BackupInfo | None = None
    error: str = ""


class _Worker(QThread):
    """Checks and backs up through its own connections, so the window never waits."""

    finished_with = Signal(object)  # Checked

    def __init__(
        self,
        path: Path,
        home: Path,
        passphrase: str | None,
        check: bool,
        now: dt.datetime,
        back_up: bool = True,
    ) -> None:
        super().__init__()
        self._path = path
        self._home = home
        self._passphrase = passphrase
        self._check = check
        self._now = now
        self._back_up = back_up

    def run(self) -> None:
        from journal.store import backup as backups  # on this thread, after start-up

        result = Checked()
        try:
            if self._check:
                result.problems = backups.quick_check(self._path, self._passphrase)
            if result.problems:
                result.good_backup = backups.latest_good_backup(self._home, self._passphrase)
            elif self._back_up and backups.daily_backup_due(self._home, self._now):
                result.daily = backups.backup_file(
                    self._path,
                    backups.backups_dir(self._home),
                    backups.DAILY,
                    self._passphrase,
                    now=self._now,
                )
                backups.prune(self._home)
        except Exception as error:  # a backup that fails must not take the app down
            result.error = in_app(error)
        self.finished_with.emit(result)


class JournalGuard(QObject):
    """Checks the journal at start, backs it up daily, and offers a way out when damaged."""

    checked = Signal(object)  # Checked, once handled (for tests and the status bar)

    def __init__(self, window: QMainWindow, journal: Journal, bus: JournalBus) -> None:
        super().__init__(window)
        self.window = window
        self.journal = journal
        self.bus = bus
        self._worker: _Worker | None = None
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(HOUR_MS)
        self._timer.timeout.connect(lambda: self.start(check=False))
        bus.replacing_file.connect(self.wait)
        self._deferred: bool | None = None  # a start asked while the journal was held
        bus.holding.connect(self._held)

    def start(self, check: bool = True) -> None:
        """Run the check (and the daily backup if due) on a worker thread."""
        if self.bus.busy:
            # Its worker reads the file directly: once the swap is over (check if either asked).
            self._deferred = bool(self._deferred) or check
            return
        if self._busy:
            return
        if self._worker is not None:
            self._worker.wait()  # it has reported already; only its last lines are left
        self._busy = True
        now = dt.datetime.now(dt.timezone.utc)
        journal = self.journal
        # A read-only journal's folder has no room for backups (and the journal no changes).
        worker = _Worker(
            journal.path, journal.home, journal.passphrase, check, now, not journal.read_only
        )
        worker.finished_with.connect(self._handle)
        self._worker = worker
        worker.start()
        self._timer.start()

    def _held(self, held: bool) -> None:
        if not held and self._deferred is not None:
            check, self._deferred = self._deferred, None
            self.start(check=check)

    def wait(self) -> None:
        """Wait for the worker (at exit, so a backup is never cut short by quitting)."""
        if self._worker is not None:
            self._worker.wait()

    def _handle(self, result: Checked) -> None:
        self._busy = False
        # A daily backup that worked goes unsaid (File → Restore lists it); one that failed
        # is worth a word.
        if result.error:
            self.window.statusBar().showMessage(
                self.tr("The daily backup failed: %1").replace("%1", result.error), 30_000
            )
        if result.problems:
            self._offer_way_out(result)
        self.checked.emit(result)

    def _offer_way_out(self, result: Checked) -> None:
        from journal.core.safekeeping import restore_backup
        from journal.ui.formatting import local_datetime

        dialogs = self.bus.dialogs
        title = self.tr("The journal is damaged")
        found = "; ".join(result.problems[:3])
        backup = result.good_backup
        if backup is None:
            dialogs.error(
                self.window,
                title,
                self.tr(
                    "The journal failed its integrity check (%1), and there is no good backup "
                    "to open instead. The app will close so nothing more is written to it; "
                    "keep a copy of %2 before trying repair tools."
                )
                .replace("%1", found)
                .replace("%2", str(self.journal.path)),
            )
            self._quit()
            return
        when = local_datetime(backup.taken_at)
        if dialogs.confirm(
            self.window,
            title,
            self.tr(
                "The journal failed its integrity check (%1). Open the latest good backup, "
                "from %2, instead? The damaged journal is kept as it is among the backups. "
                "Otherwise the app closes, so nothing more is written to the damaged file."
            )
            .replace("%1", found)
            .replace("%2", when),
            self.tr("Open the backup"),
        ):
            done = self.bus.run_replacing_file(
                restore_backup, self.journal, backup, damaged=True, parent=self.window
            )
            if done is not None:
                return
        self._quit()

    def _quit(self) -> None:
        # Quit, not close: with a tray, closing the window would leave the app running on
        # the damaged journal.
        quit_app = getattr(self.window, "quit_app", None)
        if callable(quit_app):
            quit_app()
        else:
            self.window.close()


def offer_encryption(window: QMainWindow) -> QPushButton | None:
    """At first run: a quiet offer in the status bar to encrypt the new journal."""
    from journal.store import crypto

    journal: Journal = window.journal  # type: ignore[attr-defined]
    if journal.encrypted or not crypto.sqlcipher_available():
        return None
    button = QPushButton(window.tr("Keep this journal private: encrypt it…"), window)
    button.setObjectName("offerEncryption")
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    # Drawn as a link (the palette's link colour, legible in both themes): an offer, not a nag.
    button.setStyleSheet(
        "QPushButton#offerEncryption { color: palette(link); text-decoration: underline;"
        " border: none; padding: 0 4px; }"
    )
    button.setAccessibleName(window.tr("Encrypt the journal"))

    def open_it() -> None:
        open_encryption(window)
        if journal.encrypted:
            window.statusBar().removeWidget(button)
            button.deleteLater()

    button.clicked.connect(open_it)
    window.statusBar().addWidget(button)
    return button
