"""The timeline as a table: newest first, pages fetched as the view scrolls (fetchMore)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from journal.core.amounts import entry_amount_text
from journal.core.timeline import TimelineCursor, TimelineFilter, TimelineRow, timeline_page
from journal.store.models import database_proxy
from journal.ui import labels
from journal.ui.formatting import local_datetime

PAGE = 200
InteractionIdRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex

# data() runs for every visible cell on every repaint: compare plain ints.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ENTRY_ID = int(InteractionIdRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class TimelineModel(QAbstractTableModel):
    """Timeline entries; the first page loads at once, the next when the view nears the end."""

    WHEN, KIND, PEOPLE, SUMMARY, GROUP, AMOUNT = range(6)

    def __init__(self, parent: QObject | None = None, *, with_people: bool = True) -> None:
        super().__init__(parent)
        self._rows: list[TimelineRow] = []
        self._texts: list[tuple[str, ...]] = []
        self._cursor: TimelineCursor | None = None
        self._exhausted = True
        self._filter = TimelineFilter()
        self._kinds = labels.interaction_kinds()
        headers = [
            self.tr("When"),
            self.tr("Kind"),
            self.tr("People"),
            self.tr("Summary"),
            self.tr("Group"),
            self.tr("Amount"),
        ]
        self._columns = [c for c in range(len(headers)) if with_people or c != self.PEOPLE]
        self._headers = [headers[c] for c in self._columns]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if row < 0 or row >= len(self._rows):
            return None
        if role == _DISPLAY:
            return self._texts[row][self._columns[index.column()]]
        if role == _ENTRY_ID:
            return self._rows[row].id
        column = self._columns[index.column()]
        if role == _TOOLTIP and column == self.SUMMARY:
            entry = self._rows[row]
            if entry.notes:
                return f"{entry.summary}\n\n{entry.notes}" if entry.summary else entry.notes
        if role == _ALIGNMENT and column == self.AMOUNT:
            return _RIGHT
        return None

    def _format(self, row: TimelineRow) -> tuple[str, ...]:
        """Every column's text for one entry, made once when its page arrives."""
        return (
            local_datetime(row.occurred_at),
            self._kinds.get(row.kind, row.kind),
            row.people,
            row.summary or row.notes.split("\n", 1)[0],
            row.group_name,
            entry_amount_text(row.amount, row.estimated_amount, row.currency),
        )

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        # Not while the journal is held for a swap (a resize may ask): the next scroll will.
        return not parent.isValid() and not self._exhausted and not database_proxy.held()

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid() or self._exhausted:
            return
        rows, cursor = timeline_page(self._filter, self._cursor, PAGE)
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self._texts.extend(self._format(r) for r in rows)
            self.endInsertRows()
        self._cursor = cursor
        self._exhausted = cursor is None

    def set_filter(self, flt: TimelineFilter) -> None:
        """Show the entries matching `flt`, starting again from the newest."""
        self._filter = flt
        self.reload()

    def current_filter(self) -> TimelineFilter:
        """The filter in force."""
        return self._filter

    def reload(self) -> None:
        """Start again from the newest entry (after a write or a new filter)."""
        self.beginResetModel()
        self._rows = []
        self._texts = []
        self._cursor = None
        self._exhausted = False
        self.endResetModel()
        self.fetchMore()

    def interaction_id(self, row: int) -> int | None:
        """The entry shown on a row."""
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_at(self, row: int) -> TimelineRow | None:
        """The entry shown on a row, whole."""
        return self._rows[row] if 0 <= row < len(self._rows) else None
