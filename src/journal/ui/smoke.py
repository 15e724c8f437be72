"""The start-up self-check of an installed app: `JOURNAL_SMOKE_TEST=1 journal --home DIR`.

With the variable set, the app starts as usual on the journal, and once its event loop
runs it visits every page, renders the window, and checks what a packaged build can miss
(the SVG plugins, QtCharts and QtNetwork, keyring's backends, the time zone's rules). It
then prints one line of JSON and quits: exit code 0 if every check ran, 1 if one raised.
CI runs the frozen bundle this way (tests/bundle); nothing in the app sets the variable.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import traceback
import zoneinfo
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

from PySide6.QtCore import QObject, QTimer, qVersion
from PySide6.QtGui import QIcon, QImageReader
from PySide6.QtWidgets import QApplication

from journal.core.timeutil import local_zone
from journal.resources import resource
from journal.ui.main_window import GROUPS, MainWindow

SMOKE_ENV = "JOURNAL_SMOKE_TEST"
EXPOSE_TIMEOUT_MS = 10_000


def report_target() -> str:
    """Where to report: "-" (stdout) for JOURNAL_SMOKE_TEST=1, else the file it names.

    A file is for the windowed Windows build, which has no stdout.
    """
    value = os.environ.get(SMOKE_ENV, "1")
    return "-" if value == "1" else value


class SmokeCheck(QObject):
    """Checks the running app once its window is on screen, reports, and ends the app."""

    def __init__(self, window: MainWindow, output: str, finish: Callable[[int], None]) -> None:
        super().__init__(window)
        self.window = window
        self.output = output
        self.finish = finish
        self.waited_ms = 0

    def start(self) -> None:
        """Run once the event loop has started (and so has shown the window)."""
        QTimer.singleShot(0, self._when_exposed)

    def _when_exposed(self) -> None:
        handle = self.window.windowHandle()
        if (handle is None or not handle.isExposed()) and self.waited_ms < EXPOSE_TIMEOUT_MS:
            self.waited_ms += 20
            QTimer.singleShot(20, self._when_exposed)
            return
        try:
            report = self.report()
        except Exception:  # the point is to say what broke, then fail the run
            traceback.print_exc()
            self.finish(1)
            return
        self._write(report)
        self.finish(0)

    def report(self) -> dict[str, Any]:
        """What the packaged app could load and show."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        handle = self.window.windowHandle()
        pages = []
        for page in range(GROUPS + 1):
            self.window.show_page(page)
            app.processEvents()
            pages.append(type(self.window.pages.currentWidget()).__name__)
        self.window.show_page(0)
        shot = self.window.grab()
        logo = QIcon(str(resource("icons", "contact-journal.svg"))).pixmap(64, 64)
        return {
            "platform": app.platformName(),
            "qt": qVersion(),
            "exposed": bool(handle is not None and handle.isExposed()),
            "pages": pages,
            "contacts": self.window.contacts.model.rowCount(),
            "window": [shot.width(), shot.height()],
            "svg_icon": not logo.isNull(),
            "image_formats": sorted(
                bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()
            ),
            "qt_modules": self._extra_qt_modules(),
            "keyring_backends": _keyring_backends(),
            "encryption": _encryption_works(),
            "time_zone": _time_zone(),
            "frozen": bool(getattr(sys, "frozen", False)),
        }

    def _extra_qt_modules(self) -> dict[str, bool]:
        """The Qt modules the bundle carries for features built on them: loaded and usable."""
        charts = importlib.import_module("PySide6.QtCharts")
        view = charts.QChartView(charts.QChart())
        view.resize(200, 120)
        drawn = not view.grab().isNull()
        view.deleteLater()
        network = importlib.import_module("PySide6.QtNetwork")
        server = network.QLocalServer()
        server.deleteLater()
        return {"QtCharts": drawn, "QtNetwork": True}

    def _write(self, report: dict[str, Any]) -> None:
        text = json.dumps(report, sort_keys=True)
        if self.output == "-":
            print(text, flush=True)
        else:
            with open(self.output, "w", encoding="utf-8") as sink:
                sink.write(text + "\n")


def _keyring_backends() -> dict[str, bool]:
    """keyring's backends by entry point name, and whether each module imports here."""
    loaded = {}
    for point in entry_points(group="keyring.backends"):
        try:
            point.load()
        except Exception:  # a backend for another OS may refuse to import: that is fine
            loaded[point.name] = False
        else:
            loaded[point.name] = True
    return loaded


def _time_zone() -> dict[str, object]:
    """The machine's zone as the app reads it: by name, with its rules (tzlocal, zoneinfo)."""
    zone = local_zone()
    return {"zone": str(zone), "with_rules": isinstance(zone, zoneinfo.ZoneInfo)}


def _encryption_works() -> bool:
    """SQLCipher is in the build: an encrypted scratch database writes and reads back."""
    from journal.store import crypto

    if not crypto.sqlcipher_available():
        return False
    connection = crypto.require_sqlcipher().connect(":memory:")
    try:
        connection.execute("PRAGMA key = 'smoke'")
        connection.execute("CREATE TABLE t (x)")
        connection.execute("INSERT INTO t VALUES (1)")
        return bool(connection.execute("SELECT x FROM t").fetchone()[0] == 1)
    finally:
        connection.close()


def schedule(app: QApplication, window: MainWindow) -> SmokeCheck:
    """Check the app once its event loop runs, then exit it with 0 (or 1 on a failure)."""
    check = SmokeCheck(window, report_target(), app.exit)
    check.start()
    return check
