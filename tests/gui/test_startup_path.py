"""What the desktop app does before its window first shows: no more than it needs.

Run as a real start in a child process (offscreen), so the modules counted are those of
one start, not of the whole test session. No timings: the start-up benchmark times it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journal.core.contacts import ContactDraft, create_contact
from journal.store import Journal

# When the event loop is about to start (the window just shown), record what is loaded and
# what the window holds; quit after two turns of the loop.
_START = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

seen = {}

def exec_and_record(*_app):
    # Where run_gui hands over to the event loop: the window has just been shown.
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")
    seen["visible"] = window.isVisible()
    seen["page"] = type(window.pages.currentWidget()).__name__
    seen["modules"] = sorted(m for m in sys.modules if m.startswith("journal."))
    # The single-instance socket listens without QtNetwork until a later start knocks.
    seen["qt_network"] = "PySide6.QtNetwork" in sys.modules
    # Whether PySide6 built every QtWidgets type (it does, ~14 ms, at the first call that
    # returns a plain QWidget, such as viewport(), to find the object's class).
    widgets = sys.modules["PySide6.QtWidgets"]
    window.opened.connect(lambda: seen.update(
        opened=type(window.pages.currentWidget()).__name__,
        every_widget_type="QMdiArea" in vars(widgets),
        # The snooze menus' day picker, made only when a day is picked.
        calendar_type="QCalendarWidget" in vars(widgets),
    ))
    QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: QApplication.exit(0)))
    return run()

run = QApplication.exec
QApplication.exec = exec_and_record
from journal.cli import main
code = main(["--home", sys.argv[1]])
print(json.dumps(seen))
sys.exit(code)
"""

# Loaded only once the window is up, or when a page, a dialog or a command needs them.
NOT_BEFORE_THE_WINDOW = (
    "journal.commands",  # the command line's subcommands
    "journal.core.today",  # Today's snapshot: read on a worker once the page shows
    "journal.core.review",
    "journal.core.balance",
    "journal.core.introductions",
    "journal.core.keep_in_touch",
    "journal.core.contact_queries",
    "journal.core.trash",
    "journal.store.backup",  # the guard starts after the first turn of the event loop
    "journal.store.models",  # Peewee's model classes: with the first query that needs them
    "journal.store.schema_v1",  # the schema steps: only when a journal needs them
    "journal.store.schema_v6",
    "journal.core.digest",  # the digest's first check runs once the loop does
    "journal.ui.views.today_view",  # every page is built on its first visit
    "journal.ui.views.contacts_view",
    "journal.ui.views.timeline_view",
    "journal.ui.views.groups_view",
    "journal.ui.quick_add_dialog",
)


def _first_turn(home: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _START, str(home)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


@pytest.mark.parametrize("named", NOT_BEFORE_THE_WINDOW)
def test_the_probe_would_see_a_module_loaded_before_the_window(named: str) -> None:
    # Each name is a real module (a renamed one would make the list below pass for nothing).
    __import__(named)
    assert named in sys.modules


def test_the_window_shows_before_the_pages_and_their_modules_load(
    journal: Journal, tmp_path: Path
) -> None:
    create_contact(ContactDraft(given_name="Jane"))
    journal.close()  # the app opens it as the one writer
    seen = _first_turn(journal.home)
    assert seen["visible"] is True
    assert seen["page"] == "QWidget"  # Today's placeholder, until the loop's first turn
    loaded = [
        m
        for m in seen["modules"]
        if m.startswith(NOT_BEFORE_THE_WINDOW)  # type: ignore[union-attr]
    ]
    assert loaded == []
    assert seen["qt_network"] is (sys.platform == "win32")  # named pipes: QLocalServer at once
    assert seen["opened"] == "TodayView"  # then the first page, built on the next turn
    assert seen["every_widget_type"] is False
    assert seen["calendar_type"] is False
