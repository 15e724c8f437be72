"""The common ground of our small table models: a list of the core's rows under fixed headers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

RowT = TypeVar("RowT")

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_Display = Qt.ItemDataRole.DisplayRole
_ToolTip = Qt.ItemDataRole.ToolTipRole


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows held in memory (a few hundred at most), one per line, under translated headers.

    Subclasses set `_headers` after `super().__init__` (so `tr` works) and answer `data`;
    `cell_row` gives them the row behind an index, or None outside the table.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []
        self._headers: list[str] = []

    def header_tooltip(self, section: int) -> str | None:
        """What a column's header explains when hovered; None by default."""
        return None

    def set_rows(self, rows: Sequence[RowT]) -> None:
        """Show these rows, replacing those shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, position: int) -> RowT | None:
        """The row shown at a position, if there is one."""
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def cell_row(self, index: _Index) -> RowT | None:
        """The row behind a cell, or None for an invalid or stale index."""
        return self.row_at(index.row()) if index.isValid() else None

    # --- what the view asks ---------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Display) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == _Display:
            return self._headers[section]
        if role == _ToolTip:
            return self.header_tooltip(section)
        return None
