"""The system tray icon and its menu, with a do-nothing stand-in where there is no tray.

The tray only asks: it emits what the user chose, and the desktop controller
(journal.ui.desktop) does it. The menu's group list is read through journal.core when the
menu opens, never from the store directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from journal import APP_NAME
from journal.resources import resource

if TYPE_CHECKING:
    from journal.core.group_queries import GroupRow

MEETING_STATUSES = ("active", "reduced")
# In the journal's window.ini: closing the window keeps the app in the tray (default on).
KEEP_IN_TRAY = "tray/keepRunning"
NOTICE_SHOWN = "tray/closeNoticeShown"


def keep_in_tray(settings: QSettings) -> bool:
    """The "keep running in the tray when the window is closed" setting (on by default)."""
    return str(settings.value(KEEP_IN_TRAY, "true")).lower() in ("true", "1")


class Tray(QObject):
    """What the app asks of a tray. This base is the stand-in: no icon, nothing shown."""

    quick_add_requested = Signal()
    today_requested = Signal()
    open_requested = Signal()
    quit_requested = Signal()
    attend_requested = Signal(int)  # a group id: "I'm at its meeting today"

    @property
    def available(self) -> bool:
        """Whether there is an icon the app can live in when its window is closed."""
        return False

    def show(self) -> None:
        """Put the icon in the tray."""

    def hide(self) -> None:
        """Take the icon out of the tray."""

    def notify(self, title: str, text: str) -> None:
        """A short message near the icon (nothing without a tray)."""

    @property
    def qt_icon(self) -> QSystemTrayIcon | None:
        """The Qt icon itself, for the daily digest's notifier (None without a tray)."""
        return None


def meeting_groups(today: dt.date) -> list[GroupRow]:
    """Groups that meet, those with a meeting noted today first, then the latest met."""
    from journal.core.group_queries import group_rows  # read when the menu opens

    rows = [r for r in group_rows(include_left=False, as_of=today) if r.status in MEETING_STATUSES]
    return sorted(
        rows,
        key=lambda r: (
            r.last_meeting_on != today,
            -(r.last_meeting_on.toordinal() if r.last_meeting_on else 0),
            r.name.casefold(),
        ),
    )


class SystemTray(Tray):
    """A QSystemTrayIcon: left click opens Quick add, the menu offers the rest."""

    def __init__(self, today: Callable[[], dt.date], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.icon = QSystemTrayIcon(QIcon(str(resource("icons", "contact-journal.svg"))), self)
        self.icon.setToolTip(APP_NAME)
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.quick_add_action = self._add(self.tr("&Quick add…"), self.quick_add_requested)
        self.meetings = self.menu.addMenu(self.tr("I'm at a group &meeting"))
        self.meetings.setObjectName("trayMeetings")
        self.meetings.aboutToShow.connect(self._fill_meetings)
        self.today_action = self._add(self.tr("&Today"), self.today_requested)
        self.open_action = self._add(self.tr("&Open journal"), self.open_requested)
        self.menu.addSeparator()
        self.quit_action = self._add(self.tr("Q&uit"), self.quit_requested)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)

    @property
    def available(self) -> bool:
        return True

    @property
    def qt_icon(self) -> QSystemTrayIcon | None:
        return self.icon

    def _add(self, text: str, signal: Signal) -> QAction:  # type: ignore[type-arg]
        action = self.menu.addAction(text)
        action.triggered.connect(lambda _=False: signal.emit())
        return action

    def _fill_meetings(self) -> None:
        from journal.store.models import database_proxy

        self.meetings.clear()
        if database_proxy.held():  # File → Encryption is replacing the file
            busy = self.meetings.addAction(self.tr("The journal is busy; try again shortly"))
            busy.setEnabled(False)
            return
        today = self._today()
        groups = meeting_groups(today)
        if not groups:
            empty = self.meetings.addAction(self.tr("No groups yet"))
            empty.setEnabled(False)
            return
        for row in groups:
            action = self.meetings.addAction(row.name)
            action.setCheckable(True)
            action.setChecked(row.last_meeting_on == today)
            action.setToolTip(self.tr("Note that you are at today's meeting"))
            action.triggered.connect(lambda _=False, g=row.id: self.attend_requested.emit(g))

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.quick_add_requested.emit()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def notify(self, title: str, text: str) -> None:
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)


def make_tray(today: Callable[[], dt.date], parent: QObject | None = None) -> Tray:
    """The system tray where the desktop has one, else the do-nothing stand-in."""
    if QSystemTrayIcon.isSystemTrayAvailable():
        return SystemTray(today, parent)
    return Tray(parent)
