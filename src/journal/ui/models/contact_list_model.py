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
from PySide6.QtGui import QPalette
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
        self._ids: list[int] = []
        self._rows: dict[int, ContactRow] = {}
        self._filter = ContactFilter()
        self._sort = ContactSort.NAME
        self._descending = False
        self._today = today
        self._stage_labels = labels.stages()
        self._headers = [
            self.tr("Name"),
            self.tr("Organisation"),
            self.tr("Stage"),
            self.tr("Tags"),
            self.tr("Last contact"),
        ]
        self.reload()

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
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        contact_id = self._ids[index.row()]
        if role == ContactIdRole:
            return contact_id
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.archived:
                return QApplication.palette().brush(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
            return None
        column = index.column()
        if column == self.NAME:
            return row.display_name
        if column == self.ORGANISATION:
            if role == Qt.ItemDataRole.ToolTipRole and row.title:
                return f"{row.title}, {row.organisation}" if row.organisation else row.title
            return row.organisation
        if column == self.STAGE:
            return self._stage_labels.get(row.stage, row.stage)
        if column == self.TAGS:
            return row.tags
        if column == self.LAST_CONTACT:
            if role == Qt.ItemDataRole.ToolTipRole and row.last_contact_at is not None:
                return row.last_contact_at.astimezone().strftime("%Y-%m-%d %H:%M")
            today = self._today or dt.date.today()
            last = row.last_contact_at.astimezone().date() if row.last_contact_at else None
            return relative_days(last, today)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = self._SORTS.get(column)
        if sort is None:
            return  # tags are not a sortable column
        self._sort = sort
        self._descending = order == Qt.SortOrder.DescendingOrder
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
        self._rows.clear()
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

    def _row(self, position: int) -> ContactRow | None:
        contact_id = self._ids[position]
        row = self._rows.get(contact_id)
        if row is None:
            start = position - position % PAGE
            page = self._ids[start : start + PAGE]
            self._rows.update(contact_rows(page))
            row = self._rows.get(contact_id)
        return row
