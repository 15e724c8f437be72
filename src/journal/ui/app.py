"""Starting the desktop app: QApplication, theme, the journal, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from journal import APP_ID, APP_NAME, __version__
from journal.resources import resource
from journal.store import StoreError, open_journal
from journal.ui.bus import JournalBus
from journal.ui.dialogs.service import QtDialogService
from journal.ui.plurals import EnglishPlurals
from journal.ui.theme import apply_theme


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
    theme = QSettings(str(home / "window.ini"), QSettings.Format.IniFormat).value("theme", "system")
    apply_theme(app, str(theme))
    try:
        journal = open_journal(home)
    except StoreError as error:
        instance.close()
        QMessageBox.critical(None, app.translate("app", "Cannot open the journal"), str(error))
        return 1
    from journal.ui.desktop import Desktop

    bus = JournalBus(QtDialogService())
    desktop = Desktop(journal, bus, instance=instance)
    desktop.start(show_window=not tray and request != "quick", quick_add=request == "quick")
    if os.environ.get("JOURNAL_SMOKE_TEST"):  # the packaged app's self-check (ui/smoke.py)
        from journal.ui.smoke import schedule

        schedule(app, desktop.window)
    try:
        return app.exec()
    finally:
        instance.close()
        journal.close()
