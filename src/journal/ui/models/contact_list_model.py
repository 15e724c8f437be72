"""The contact list: every matching id up front (cheap), row data fetched a page at a time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from journal.core.contact_queries import (
    ContactFilter,
    ContactRow,
    ContactSort,
    contact_ids,
    contact_rows,
)
from journal.ui import labels
from journal.ui.formatting import relative_days

PAGE = 100
ContactIdRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex

# data() runs about a thousand times per repaint: compare plain ints, not enum members.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_CONTACT_ID = int(ContactIdRole)


class _Line:
    """One contact's cells, formatted once when its page loads (repaints only look them up)."""

    __slots__ = ("archived", "texts", "tooltips")

    def __init__(self, texts: tuple[str, ...], tooltips: tuple[str | None, ...], archived: bool):
        self.texts = texts
        self.tooltips = tooltips
        self.archived = archived


class ContactListModel(QAbstractTableModel):
    """Contacts as table rows. Holds only ids until a row is shown, then loads its page.

    Sorting and filtering happen in SQLite (FTS5 for search), not in a proxy model, so
    50,000 contacts cost one list of ints, and each keystroke one indexed query.
    """

    NAME, ORGANISATION, STAGE, TAGS, LAST_CONTACT = range(5)
    _SORTS = {
        NAME: ContactSort.NAME,
        ORGANISATION: ContactSort.ORGANISATION,
        STAGE: ContactSort.STAGE,
        LAST_CONTACT: ContactSort.LAST_CONTACT,
    }

    def __init__(self, parent: QObject | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._lines: dict[int, _Line] = {}
        self._filter = ContactFilter()
        self._sort = ContactSort.NAME
        self._descending = False
        self._today = today
        self._stage_labels = labels.stages()
        self._archived_brush: QBrush | None = None
        self._headers = [
            self.tr("Name"),
            self.tr("Organisation"),
            self.tr("Stage"),
            self.tr("Tags"),
            self.tr("Last contact"),
        ]
        # No view is attached yet, so the first query needs no reset signals.
        self._ids: list[int] = contact_ids(self._filter, self._sort, self._descending)

    # --- what the view asks -------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

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
        row = index.row()
        if row < 0 or row >= len(self._ids):
            return None
        if role == _DISPLAY:
            line = self._line(row)
            return line.texts[index.column()] if line else None
        if role == _CONTACT_ID:
            return self._ids[row]
        if role == _TOOLTIP:
            line = self._line(row)
            return line.tooltips[index.column()] if line else None
        if role == _FOREGROUND:
            line = self._line(row)
            if line is not None and line.archived:
                if self._archived_brush is None:
                    self._archived_brush = QApplication.palette().brush(
                        QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                    )
                return self._archived_brush
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = self._SORTS.get(column)
        if sort is None:
            return  # tags are not a sortable column
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending):
            return  # the view asks once when it is set up; the rows are already in order
        self._sort = sort
        self._descending = descending
        self.reload()

    # --- what the page asks -------------------------------------------------------------

    def set_filter(self, flt: ContactFilter) -> None:
        """Show the contacts matching `flt` (one query; rows load as they are shown)."""
        if flt == self._filter:
            return
        self._filter = flt
        self.reload()

    def current_filter(self) -> ContactFilter:
        """The filter in force."""
        return self._filter

    def reload(self) -> None:
        """Query the ids again (after a write, or a new filter or sort)."""
        self.beginResetModel()
        self._ids = contact_ids(self._filter, self._sort, self._descending)
        self._lines.clear()
        self._archived_brush = None  # the palette may have changed with the theme
        self.endResetModel()

    def contact_id(self, row: int) -> int | None:
        """The contact shown on a row."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, contact_id: int) -> int | None:
        """Where a contact is shown, if it is."""
        try:
            return self._ids.index(contact_id)
        except ValueError:
            return None

    # --- loading ---------------------------------------------------------------------------

    def _line(self, position: int) -> _Line | None:
        contact_id = self._ids[position]
        line = self._lines.get(contact_id)
        if line is None:
            start = position - position % PAGE
            page = self._ids[start : start + PAGE]
            for cid, row in contact_rows(page).items():
                self._lines[cid] = self._format(row)
            line = self._lines.get(contact_id)
        return line

    def _format(self, row: ContactRow) -> _Line:
        today = self._today or dt.date.today()
        last = row.last_contact_at.astimezone() if row.last_contact_at else None
        texts = (
            row.display_name,
            row.organisation,
            self._stage_labels.get(row.stage, row.stage),
            row.tags,
            relative_days(last.date() if last else None, today),
        )
        org_tip = None
        if row.title:
            org_tip = f"{row.title}, {row.organisation}" if row.organisation else row.title
        tooltips = (
            None,
            org_tip,
            None,
            row.tags or None,
            last.strftime("%Y-%m-%d %H:%M") if last else None,
        )
        return _Line(texts, tooltips, row.archived)
