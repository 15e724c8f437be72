"""GUI test fixtures: offscreen Qt, a fresh journal, and a bus whose dialogs the test answers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from journal.store import Journal
from journal.ui.bus import JournalBus
from journal.ui.dialogs.service import ScriptedDialogService


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp):  # type: ignore[no-untyped-def]
    """The app's own translators, as run_gui installs them."""
    from journal.ui.app import install_translators

    install_translators(qapp)


@pytest.fixture
def dialogs() -> ScriptedDialogService:
    """Records every message box; confirmations are answered from `confirm_answers`."""
    return ScriptedDialogService()


@pytest.fixture
def bus(qapp, journal: Journal, dialogs: ScriptedDialogService) -> JournalBus:  # type: ignore[no-untyped-def]
    """The write path of a GUI bound to this test's fresh journal."""
    return JournalBus(dialogs)


@pytest.fixture
def on_dialog(qapp):  # type: ignore[no-untyped-def]
    """`on_dialog(act)` runs `act(dialog)` on the next modal dialog; returns a problems list.

    Modal dialogs block in exec(), so the test schedules what the user does before opening.
    """
    return when_dialog_opens


def when_dialog_opens(act: Callable[[QDialog], None], attempts: int = 50) -> list[str]:
    """Run `act` on the next modal dialog; returns a list that records failures to find one."""
    problems: list[str] = []

    def poll(remaining: int) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            try:
                act(dialog)
            except Exception as exc:  # surface in the test, and never leave exec() hanging
                problems.append(repr(exc))
                dialog.reject()
            return
        if remaining == 0:
            problems.append("no modal dialog appeared")
            return
        QTimer.singleShot(20, lambda: poll(remaining - 1))

    QTimer.singleShot(0, lambda: poll(attempts))
    return problems


@pytest.fixture
def cancel_progress(qtbot):  # type: ignore[no-untyped-def]
    """`cancel_progress(name)`: click Cancel on the progress dialog `name` once it shows;
    returns the list of its label texts as seen (empty if it never showed). Call it before
    starting the work."""
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    def schedule(name: str) -> list[str]:
        seen: list[str] = []

        def cancel(attempts: int) -> None:
            shown = QApplication.activeModalWidget()
            if isinstance(shown, QProgressDialog) and shown.objectName() == name:
                seen.append(shown.labelText())
                qtbot.mouseClick(shown.findChild(QPushButton), Qt.MouseButton.LeftButton)
            elif attempts:
                QTimer.singleShot(1, lambda: cancel(attempts - 1))

        QTimer.singleShot(0, lambda: cancel(500))
        return seen

    return schedule


@pytest.fixture
def locale_of():  # type: ignore[no-untyped-def]
    """`locale_of("de_DE")` makes QLocale() that locale for this test; the default after."""
    from PySide6.QtCore import QLocale

    before = QLocale()
    yield lambda name: QLocale.setDefault(QLocale(name))
    QLocale.setDefault(before)
