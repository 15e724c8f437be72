"""Starting the desktop app: QApplication, theme, the journal, the main window.

The window is shown as early as it can be: what it does not need to appear (the journal
guard, the offer to encrypt a new journal, Today's first read) starts once the event loop
runs, and the cycle collector waits until then too (see `run_gui`).
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from journal import APP_ID, APP_NAME, __version__
from journal.resources import resource
from journal.store import Journal, StoreError, open_journal
from journal.store.database import INTERACTIVE_CACHE_KIB
from journal.store.errors import DamagedJournalError
from journal.store.location import JOURNAL_FILE
from journal.ui.bus import JournalBus
from journal.ui.dialogs.service import QtDialogService
from journal.ui.plurals import EnglishPlurals
from journal.ui.theme import apply_theme

if TYPE_CHECKING:
    from journal.ui.desktop import Desktop
    from journal.ui.safety import JournalGuard


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named so the desktop matches windows to our .desktop file."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    install_translators(app)
    icon = resource("icons", "contact-journal.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def install_translators(app: QApplication) -> None:
    """English plural forms now; real translations, when there are some, go first."""
    translator = EnglishPlurals(app)
    app.installTranslator(translator)


GUARD_DELAY_MS = 3000


def run_gui(home: Path, *, tray: bool = False, request: str = "") -> int:
    """Open the journal in `home`; returns the exit code.

    If the app already runs on this journal, it is asked to show its window (or, with
    request "quick", its Quick add window) and this start exits at once with 0. `tray`
    starts in the tray without the window (when there is a tray).
    """
    from journal.store.location import journal_path
    from journal.ui.platform.single_instance import QUICK_ADD, SHOW, STAY, SingleInstance

    app = make_application()
    instance = SingleInstance(journal_path(home))
    message = QUICK_ADD if request == "quick" else STAY if tray else SHOW
    if not instance.claim(message):
        return 0
    # Start-up makes many objects and no garbage worth a collection pass (each one walks
    # everything made so far): collect from the first turn of the event loop on.
    gc.disable()
    QTimer.singleShot(0, gc.enable)
    theme = QSettings(str(home / "window.ini"), QSettings.Format.IniFormat).value("theme", "system")
    apply_theme(app, str(theme))
    # os.path: False, not an error, for a name too long to look up (opening then says so).
    first_run = not os.path.exists(home / JOURNAL_FILE)
    journal = open_safely(app, home)
    if journal is None:
        gc.enable()
        instance.close()
        return 1
    # The window's own reads are small; imports and other bulk work run on workers that
    # open their connections with the store's larger cache.
    journal.use_cache(INTERACTIVE_CACHE_KIB)
    from journal.ui.desktop import Desktop

    bus = JournalBus(QtDialogService())
    desktop = Desktop(journal, bus, instance=instance)
    desktop.window.opened.connect(lambda: QTimer.singleShot(SETTLE_AFTER_MS, _settle_garbage))
    mark = os.environ.get(STARTUP_MARK_ENV)
    if mark:  # the start-up benchmark's stopwatch (tests/bench/test_startup.py)
        desktop.window.opened.connect(lambda: _write_mark(Path(mark), "page"))
        desktop.window.painted.connect(lambda: _write_mark(Path(mark), "painted"))
        desktop.window.ready.connect(lambda: _write_mark(Path(mark), "content"))
    desktop.start(show_window=not tray and request != "quick", quick_add=request == "quick")
    guards: list[JournalGuard] = []
    desktop.window.after_first_paint(lambda: guards.append(_after_start(desktop, first_run)))
    if os.environ.get("JOURNAL_SMOKE_TEST"):  # the packaged app's self-check (ui/smoke.py)
        from journal.ui.smoke import schedule

        schedule(app, desktop.window)
    try:
        return app.exec()
    finally:
        for guard in guards:
            guard.wait()
        instance.close()
        journal.close()


# Long enough after the first page for Contacts to be built ahead (MainWindow).
SETTLE_AFTER_MS = 2500


def _settle_garbage() -> None:
    """Collect start-up's cycles once, then freeze what is left out of later collections.

    Modules, Qt wrappers and the pages live as long as the app: frozen, they are not walked
    again by every full collection (tens of milliseconds each, mid-scroll).
    """
    gc.collect()
    gc.freeze()


# Names a file where the app writes time.monotonic() once its first page is built ("page"),
# once the window is painted with it ("painted") and once that page shows its content
# ("content"), a line each.
STARTUP_MARK_ENV = "JOURNAL_STARTUP_MARK"


def _write_mark(path: Path, what: str) -> None:
    import time

    with path.open("a", encoding="utf-8") as mark:
        mark.write(f"{what} {time.monotonic()!r}\n")


def _after_start(desktop: Desktop, first_run: bool) -> JournalGuard:
    """Once the window is up: the journal's guard, and at first run the offer to encrypt."""
    from journal.ui.platform.quit_signals import quit_on_signals
    from journal.ui.safety import JournalGuard, offer_encryption

    # A session ending (SIGTERM) or Ctrl+C in the terminal quits as File → Quit does.
    quit_on_signals(desktop.quit, desktop)
    window = desktop.window
    guard = JournalGuard(window, desktop.journal, desktop.bus)
    if first_run:
        offer_encryption(window)
    # The check reads the whole file and the daily backup copies it: both wait until the
    # window is up and the first page has loaded, so they never slow the start.
    QTimer.singleShot(GUARD_DELAY_MS, guard.start)
    return guard


def open_safely(app: QApplication, home: Path) -> Journal | None:
    """Open the journal, asking for its passphrase if need be; None when it stays closed.

    A journal too damaged to open is offered its latest good backup instead.
    """
    from journal.store.errors import PassphraseNeededError
    from journal.store.keys import Answer, AskReason, KeychainKeys

    def ask(path: Path, reason: AskReason, keychain_usable: bool) -> Answer | None:
        # The dialog's module only for an encrypted journal without a kept passphrase.
        from journal.ui.dialogs.passphrase_dialog import ask_passphrase

        return ask_passphrase()(path, reason, keychain_usable)

    title = app.translate("app", "Cannot open the journal")
    keys = KeychainKeys(ask)
    try:
        # A journal that cannot be written here opens read-only; the window says so.
        return open_journal(home, keys, program="Contact Journal", allow_read_only=True)
    except PassphraseNeededError:
        return None  # the user chose not to type it: nothing to explain
    except DamagedJournalError as damaged:
        if damaged.backup is None or not _restore_instead(app, home, damaged):
            _critical(title, _in_app(damaged))
            return None
        return open_safely(app, home)
    except StoreError as error:
        _critical(title, _in_app(error))
        return None


def _in_app(error: BaseException) -> str:
    from journal.ui.error_text import in_app  # only when something went wrong

    return in_app(error)


def _critical(title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # only when something went wrong

    QMessageBox.critical(None, title, text)


def _restore_instead(app: QApplication, home: Path, damaged: DamagedJournalError) -> bool:
    from PySide6.QtWidgets import QMessageBox

    from journal.store.backup import BackupInfo, restore_unopenable

    backup = damaged.backup
    assert isinstance(backup, BackupInfo)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        app.translate("app", "The journal is damaged"),
        _in_app(damaged),
    )
    box.setInformativeText(
        app.translate("app", "Open the latest good backup instead? The damaged file is kept.")
    )
    open_backup = box.addButton(
        app.translate("app", "Open the backup"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is not open_backup:
        return False
    try:
        restore_unopenable(home, backup, None)
    except StoreError as error:
        QMessageBox.critical(None, app.translate("app", "Cannot restore"), _in_app(error))
        return False
    return True
