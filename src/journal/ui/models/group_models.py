"""Item models of the "Groups I belong to" page: memberships, one group's members and meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from journal.core.attendance_rule import WINDOW_MEETINGS
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.group_queries import GroupRow, MeetingRow, group_rows
from journal.ui import labels
from journal.ui.formatting import plain_date
from journal.ui.models.row_table import RowTableModel
from journal.ui.theme import warning_color

IdRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_Display = Qt.ItemDataRole.DisplayRole
_ToolTip = Qt.ItemDataRole.ToolTipRole


def percent(value: int) -> str:
    """A whole percentage in the user's locale ("70%", as the command line writes it)."""
    return QApplication.translate("group_models", "%1%").replace("%1", QLocale().toString(value))


class GroupListModel(RowTableModel[GroupRow]):
    """The memberships, current ones first and left ones greyed at the end (core order)."""

    NAME, KIND, STATUS, ATTENDANCE, REQUIRED, LAST_MEETING = range(6)

    def __init__(self, parent: QObject | None = None, clock: Clock = SYSTEM_CLOCK) -> None:
        super().__init__(parent)
        self._clock = clock
        self._kinds = labels.group_kinds()
        self._statuses = labels.group_statuses()
        self._headers = [
            self.tr("Name"),
            self.tr("Kind"),
            self.tr("Status"),
            self.tr("Attendance"),
            self.tr("Required"),
            self.tr("Last meeting"),
        ]

    # --- what the view asks -------------------------------------------------------------

    def header_tooltip(self, section: int) -> str | None:
        if section != self.ATTENDANCE:
            return None
        return self.tr(
            "Of the latest %1 meetings that count, within the past year (excused ones do not)"
        ).replace("%1", str(WINDOW_MEETINGS))

    def data(self, index: _Index, role: int = _Display) -> Any:
        row = self.cell_row(index)
        if row is None:
            return None
        column = index.column()
        if role == IdRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == _Display:
            return self._text(row, column)
        if role in (_ToolTip, Qt.ItemDataRole.AccessibleDescriptionRole):
            if column in (self.ATTENDANCE, self.REQUIRED) and self.below_requirement(row):
                return self.tr("Below the attendance this group requires")
            if column == self.NAME and row.status == "left":
                return self.tr("You have left this group")
        return None

    def _text(self, row: GroupRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.KIND:
            return self._kinds.get(row.kind, row.kind)
        if column == self.STATUS:
            return self._statuses.get(row.status, row.status)
        if column == self.ATTENDANCE:
            return attendance_text(row)
        if column == self.REQUIRED:
            required = row.required_attendance_pct
            return percent(required) if required is not None else ""
        if column == self.LAST_MEETING:
            return plain_date(row.last_meeting_on)
        return ""

    def _foreground(self, row: GroupRow, column: int) -> QBrush | None:
        if column in (self.ATTENDANCE, self.REQUIRED) and self.below_requirement(row):
            return QBrush(warning_color())
        if row.status == "left":
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    # --- what the page asks -------------------------------------------------------------

    def reload(self) -> None:
        """Read the memberships again (after a write)."""
        self.set_rows(group_rows(as_of=self._clock.today()))

    def group_id(self, row: int) -> int | None:
        """The group shown on a row."""
        found = self.row_at(row)
        return found.id if found is not None else None

    def group_row(self, group_id: int) -> GroupRow | None:
        """The list's figures for one group."""
        return next((r for r in self._rows if r.id == group_id), None)

    def row_of(self, group_id: int) -> int | None:
        """Where a group is shown, if it is."""
        return next((i for i, r in enumerate(self._rows) if r.id == group_id), None)

    @staticmethod
    def below_requirement(row: GroupRow) -> bool:
        """True when attendance so far falls short of what the group requires."""
        return row.below_requirement


def attendance_text(row: GroupRow) -> str:
    """ "7/10 (70%)", or nothing before any meeting is recorded."""
    pct = row.attendance_pct
    if pct is None:
        return ""
    return (
        QApplication.translate("group_models", "%1/%2 (%3)")
        .replace("%1", QLocale().toString(row.meetings_attended))
        .replace("%2", QLocale().toString(row.meetings_recorded))
        .replace("%3", percent(pct))
    )


class MeetingLogModel(RowTableModel[MeetingRow]):
    """One group's meetings, latest first."""

    DATE, ATTENDANCE, RATING, PEOPLE, NOTES = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._attendance = labels.attendance()
        self._ratings = labels.meeting_ratings()
        self._headers = [
            self.tr("Date"),
            self.tr("Attendance"),
            self.tr("Rating"),
            self.tr("People"),
            self.tr("Notes"),
        ]

    def data(self, index: _Index, role: int = _Display) -> Any:
        row = self.cell_row(index)
        if row is None:
            return None
        column = index.column()
        if role == IdRole:
            return row.id
        if role == _Display:
            return self._text(row, column)
        if role == _ToolTip:
            if column == self.NOTES and row.notes:
                return row.notes
            if column == self.PEOPLE and row.people:
                return row.people
            if column == self.DATE and row.minutes is not None:
                return self.tr("%n minute(s)", "", row.minutes)
        return None

    def _text(self, row: MeetingRow, column: int) -> str:
        if column == self.DATE:
            return plain_date(row.held_on)
        if column == self.ATTENDANCE:
            return self._attendance.get(row.attendance, row.attendance)
        if column == self.RATING:
            return self._ratings.get(row.rating, row.rating) if row.rating else ""
        if column == self.PEOPLE:
            return row.people
        if column == self.NOTES:
            # One line in the table; the tooltip and the form show the rest.
            return row.notes.splitlines()[0] if row.notes else ""
        return ""

    def meeting_id(self, row: int) -> int | None:
        """The meeting shown on a row."""
        found = self.row_at(row)
        return found.id if found is not None else None

    def meeting_on(self, day: dt.date) -> MeetingRow | None:
        """The meeting held on a day, if one is recorded."""
        return next((r for r in self._rows if r.held_on == day), None)


class MemberListModel(QAbstractListModel):
    """The people known to belong to one group, as (contact id, name)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._members: list[tuple[int, str]] = []

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._members)

    def data(self, index: _Index, role: int = _Display) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._members):
            return None
        contact_id, name = self._members[index.row()]
        if role == IdRole:
            return contact_id
        if role in (_Display, _ToolTip):
            return name
        return None

    def set_members(self, members: list[tuple[int, str]]) -> None:
        """Show these people."""
        self.beginResetModel()
        self._members = list(members)
        self.endResetModel()

    def contact_id(self, row: int) -> int | None:
        """The person shown on a row."""
        return self._members[row][0] if 0 <= row < len(self._members) else None

    def names(self) -> list[str]:
        """The names shown, in order (for the page and its tests)."""
        return [name for _, name in self._members]
