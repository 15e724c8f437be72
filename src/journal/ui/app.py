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
from journal.ui.main_window import MainWindow
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


def run_gui(home: Path) -> int:
    """Open the journal in `home` in the main window; returns the exit code."""
    app = make_application()
    theme = QSettings(str(home / "window.ini"), QSettings.Format.IniFormat).value("theme", "system")
    apply_theme(app, str(theme))
    try:
        journal = open_journal(home)
    except StoreError as error:
        QMessageBox.critical(None, app.translate("app", "Cannot open the journal"), str(error))
        return 1
    bus = JournalBus(QtDialogService())
    window = MainWindow(journal, bus)
    window.show()
    if os.environ.get("JOURNAL_SMOKE_TEST"):  # the packaged app's self-check (ui/smoke.py)
        from journal.ui.smoke import schedule

        schedule(app, window)
    try:
        return app.exec()
    finally:
        journal.close()
