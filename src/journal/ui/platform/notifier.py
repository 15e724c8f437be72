"""Desktop notifications behind a small interface, with a do-nothing fallback.

The app hands `make_notifier` its tray icon when it has one; the notifier then speaks
through that icon (QSystemTrayIcon.showMessage) and never makes a second one. Without a
tray icon, or where the desktop has no tray or cannot show messages, notifications go
nowhere, quietly: a missing tray is never an error.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon


class Notifier(QObject):
    """Shows one message at a time; `clicked` fires when the user clicks the message.

    This base class is the do-nothing fallback: it shows nothing and never raises.
    """

    clicked = Signal()

    def notify(self, title: str, text: str) -> bool:
        """Show a message; True when it could be shown."""
        return False

    @property
    def available(self) -> bool:
        """Whether messages can reach the user at all."""
        return False


class TrayNotifier(Notifier):
    """Messages as balloons from the app's own tray icon."""

    TIMEOUT_MS = 15_000

    def __init__(self, tray: QSystemTrayIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tray = tray
        tray.messageClicked.connect(self.clicked)

    @property
    def available(self) -> bool:
        return self.tray.isVisible() and QSystemTrayIcon.supportsMessages()

    def notify(self, title: str, text: str) -> bool:
        if not self.available:
            return False
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, self.TIMEOUT_MS)
        return True


def make_notifier(tray: QSystemTrayIcon | None, parent: QObject | None = None) -> Notifier:
    """The best notifier this desktop allows: the tray icon's, else the silent fallback."""
    if tray is not None and QSystemTrayIcon.isSystemTrayAvailable():
        return TrayNotifier(tray, parent)
    return Notifier(parent)
