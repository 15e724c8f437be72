"""The rows of an import, as the wizard's tables show them: the preview and the report.

A file may hold 30,000 rows: the models keep the core's row objects, hand the view a
thousand more whenever it scrolls near the end (canFetchMore / fetchMore), and format a
row's cells only when the view first asks for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from journal.core.importing import PlanRow, ReportRow
from journal.ui import labels

BATCH = 1000
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

RowT = TypeVar("RowT")
# A code the filters take for "every row with a note" (something the journal left out).
NOTED = "noted"


class _ImportRows(QAbstractTableModel, Generic[RowT]):
    """Rows of an import, filtered by their status code, fetched into the view in batches."""

    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._all: Sequence[RowT] = []
        self._shown: list[RowT] = []
        self._loaded = 0
        self._texts: dict[int, tuple[str, ...]] = {}
        self._wanted: Callable[[RowT], bool] = lambda _row: True

    # --- what subclasses say --------------------------------------------------------------

    def code(self, row: RowT) -> str:
        """The row's status or outcome code (what filters pick by)."""
        raise NotImplementedError

    def cells(self, row: RowT) -> tuple[str, ...]:
        """The row's texts, one per column."""
        raise NotImplementedError

    # --- what the wizard asks ---------------------------------------------------------------

    def set_rows(self, rows: Sequence[RowT]) -> None:
        """Show these rows (the filter in force still applies)."""
        self._all = rows
        self._refilter()

    def show_codes(self, codes: frozenset[str] | None) -> None:
        """Show only rows with these codes, or with a note if NOTED is one (None: every row)."""
        if codes is None:
            self._wanted = lambda _row: True
        elif NOTED in codes:
            self._wanted = lambda row: self.code(row) in codes or bool(getattr(row, "note", ""))
        else:
            self._wanted = lambda row: self.code(row) in codes
        self._refilter()

    def row_at(self, position: int) -> RowT | None:
        """The core's row object shown at a position."""
        return self._shown[position] if 0 <= position < self._loaded else None

    def _refilter(self) -> None:
        self.beginResetModel()
        self._shown = [row for row in self._all if self._wanted(row)]
        self._loaded = min(BATCH, len(self._shown))
        self._texts.clear()
        self.endResetModel()

    # --- what the view asks ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._loaded < len(self._shown)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        more = min(BATCH, len(self._shown) - self._loaded)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + more - 1)
        self._loaded += more
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == _DISPLAY
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        position = index.row()
        if not index.isValid() or position >= self._loaded:
            return None
        if role in (_DISPLAY, _TOOLTIP):
            texts = self._texts.get(position)
            if texts is None:
                texts = self.cells(self._shown[position])
                self._texts[position] = texts
            text = texts[index.column()]
            return text if role == _DISPLAY or len(text) > 40 else None
        if role == _ALIGNMENT and index.column() == 0:
            return _RIGHT
        return None


class ImportPreviewModel(_ImportRows[PlanRow]):
    """The preview: every row of the file, what importing it would do, and why."""

    LINE, NAME, EMAIL, STATUS, REASON = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                self.tr("Line"),
                self.tr("Name"),
                self.tr("E-mail"),
                self.tr("Status"),
                self.tr("Reason"),
            ],
            parent,
        )
        self._statuses = labels.import_statuses()

    def code(self, row: PlanRow) -> str:
        return row.status.value

    def cells(self, row: PlanRow) -> tuple[str, ...]:
        return (
            str(row.line),
            row.name,
            row.email,
            self._statuses.get(row.status.value, row.status.value),
            labels.import_reason(row.reason, row.note),
        )


class ImportReportModel(_ImportRows[ReportRow]):
    """The report: what happened to every row, and why."""

    LINE, NAME, OUTCOME, REASON = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [self.tr("Line"), self.tr("Name"), self.tr("Outcome"), self.tr("Reason")], parent
        )
        self._outcomes = labels.import_outcomes()

    def code(self, row: ReportRow) -> str:
        return row.outcome.value

    def cells(self, row: ReportRow) -> tuple[str, ...]:
        return (
            str(row.line),
            row.name,
            self._outcomes.get(row.outcome.value, row.outcome.value),
            labels.import_reason(row.reason, row.note),
        )
