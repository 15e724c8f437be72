"""The contact list: every matching id up front (cheap), row data fetched a page at a time.

Rows reached by scrolling are read on a worker thread (ui/reader.py): until they arrive the
view paints a placeholder, and their arrival repaints just those rows. Only the first paint
after a reset (a search, a filter, a sort, a write) reads on the GUI thread, so typing shows
the results at once, never a placeholder.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from journal.core.contact_list_cache import ContactListCache
from journal.core.contact_queries import ContactFilter, ContactRow, ContactSort, contact_rows
from journal.store.models import database_proxy
from journal.ui import labels
from journal.ui.formatting import relative_days
from journal.ui.reader import JournalReader

# Rows loaded per query, from the first one missing: a screenful of 40 and the row cut in
# half below it, so a jump costs one query (a row's last contact costs ~16 µs to find).
PAGE = 48
LINES_KEPT = 4000  # formatted rows kept across searches and scrolling (a few MB at most)
PREFETCH_AFTER_MS = 50  # a pause this long after loading rows counts as idle
# The reader keeps its connection this long after its last read: a scroll after a pause
# then costs no new connection (a key derivation, about 0.25 s, on an encrypted journal).
READER_LINGER_S = 30.0
WAITING = "…"  # the name of a row not read yet
ContactIdRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex

# data() runs about a thousand times per repaint: compare plain ints, not enum members.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_CONTACT_ID = int(ContactIdRole)
_ROLES = frozenset((_DISPLAY, _TOOLTIP, _FOREGROUND, _CONTACT_ID))

# One contact's cells, formatted once when its page loads (a repaint only looks them up):
# the five texts shown, then what the tooltips and colour need. A plain tuple of strings,
# dates and bools, which Python's garbage collector stops tracking, so thousands of them
# add nothing to its pauses while scrolling.
_Line = tuple[str, str, str, str, str, str, dt.datetime | None, bool]
_TITLE, _LAST, _ARCHIVED = 5, 6, 7
_Asked = tuple[int, list[int]]  # a read asked of the worker: its first row, the ids it reads


class ContactListModel(QAbstractTableModel):
    """Contacts as table rows. Holds only ids until a row is shown, then loads its page.

    Sorting and filtering happen in SQLite (FTS5 for search), not in a proxy model, and
    their results are cached until the next write (ContactListCache), so each keystroke
    costs at most one small FTS5 query. Formatted rows are kept across searches too, and
    the pages next to the last one shown load when the user pauses.
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
        self._today = today or dt.date.today()  # what "3 days ago" counts from
        self._days: dict[dt.date | None, str] = {}  # relative_days() by day: rows share days
        self._filter = ContactFilter()
        self._sort = ContactSort.NAME
        self._descending = False
        self._stage_labels = labels.stages()
        self._archived_brush: QBrush | None = None
        self._headers = [
            self.tr("Name"),
            self.tr("Organisation"),
            self.tr("Stage"),
            self.tr("Tags"),
            self.tr("Last contact"),
        ]
        self._queries = ContactListCache()
        self._last_shown = 0  # the top row last loaded or scrolled to, to prefetch around
        self._last_asked = 0  # the first row of the last page asked for, for the direction
        self._read_here = True  # misses read on this thread: until the first paint's end
        self._pending: set[int] = set()  # ids asked of the reader, not arrived yet
        self._reader = JournalReader(self, linger_s=READER_LINGER_S)
        self._reader.answered.connect(self._arrived)
        self._reader.failed.connect(self._not_read)
        self._prefetch = QTimer(self)
        self._prefetch.setSingleShot(True)
        self._prefetch.setInterval(PREFETCH_AFTER_MS)
        self._prefetch.timeout.connect(self.prefetch)
        # No view is attached yet, so the first query needs no reset signals.
        self._ids: list[int] = self._queries.ids(self._filter, self._sort, self._descending)

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
        # Qt's delegate asks seven roles per cell; this model answers two of them.
        if role not in _ROLES:
            return None
        row = index.row()
        ids = self._ids
        if not 0 <= row < len(ids):
            return None
        if role == _CONTACT_ID:
            return ids[row]
        line = self._lines.get(ids[row])
        if line is None:
            line = self._missing(row)
            if line is None:  # on its way from the reader: a quiet placeholder
                if role == _DISPLAY:
                    return WAITING if index.column() == self.NAME else ""
                return self._muted() if role == _FOREGROUND else None
        if role == _DISPLAY:
            return line[index.column()]
        if role == _FOREGROUND:
            return self._muted() if line[_ARCHIVED] else None
        return self._tooltip(line, index.column())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = self._SORTS.get(column)
        if sort is None:
            return  # tags are not a sortable column
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending):
            return  # the view asks once when it is set up; the rows are already in order
        self._sort = sort
        self._descending = descending
        self._requery()

    def sorted_by(self) -> tuple[int, Qt.SortOrder]:
        """The column the rows are in order of, and which way."""
        column = next(c for c, sort in self._SORTS.items() if sort == self._sort)
        descending = Qt.SortOrder.DescendingOrder
        return column, descending if self._descending else Qt.SortOrder.AscendingOrder

    # --- what the page asks -------------------------------------------------------------

    def set_filter(self, flt: ContactFilter) -> None:
        """Show the contacts matching `flt` (rows load as they are shown)."""
        if flt == self._filter:
            return
        self._filter = flt
        self._requery()

    def current_filter(self) -> ContactFilter:
        """The filter in force."""
        return self._filter

    def set_today(self, today: dt.date) -> None:
        """Count "3 days ago" from `today`; after midnight the kept lines are formatted again."""
        if today == self._today:
            return
        self._today = today
        self._days.clear()
        self._lines.clear()
        self._read_here = True  # a repaint of the rows on screen, not a scroll
        if self._ids:
            last = self.index(len(self._ids) - 1, self.LAST_CONTACT)
            self.dataChanged.emit(self.index(0, 0), last)

    def reload(self) -> None:
        """Query the ids and rows again (after a write): nothing cached survives."""
        self._queries.clear()
        self._lines.clear()
        self._archived_brush = None  # the palette may have changed with the theme
        self._requery(force=True)

    def painted(self) -> None:
        """The view has painted: rows it needs from now on are read on the worker thread."""
        self._read_here = False

    def stop_reading(self) -> None:
        """Block until the worker's reads are done and its connection closed (file swap, exit)."""
        self._reader.stop()

    def wait_until_read(self, timeout_s: float = 10.0) -> bool:
        """Block until the rows asked of the worker are read (tests, benchmarks); True if so."""
        return self._reader.wait_until_read(timeout_s)

    def loaded(self, row: int) -> bool:
        """Whether a row's data is here (not a placeholder)."""
        cid = self.contact_id(row)
        return cid is not None and cid in self._lines

    def contact_id(self, row: int) -> int | None:
        """The contact shown on a row."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, contact_id: int) -> int | None:
        """Where a contact is shown, if it is."""
        try:
            return self._ids.index(contact_id)
        except ValueError:
            return None

    def shown_from(self, row: int) -> None:
        """The view scrolled to `row`: load the pages around it once the user pauses."""
        self._last_shown = row
        self._prefetch.start()

    def prefetch(self) -> None:
        """Ask for a page above the last row shown and two below it, those not loaded yet."""
        for start in (self._last_shown + PAGE, self._last_shown + 2 * PAGE):
            self._ask(start)
        self._ask(max(0, self._last_shown - PAGE))

    # --- loading ---------------------------------------------------------------------------

    def _requery(self, force: bool = False) -> None:
        ids = self._queries.ids(self._filter, self._sort, self._descending)
        if not force and ids == self._ids:
            return  # e.g. a trailing space: same rows, so keep the selection and the paint
        self.beginResetModel()
        self._ids = ids
        # Answers on their way were asked for other rows (or before a write): dropped.
        self._reader.forget()
        self._pending.clear()
        self._read_here = True
        self.endResetModel()

    def _missing(self, row: int) -> _Line | None:
        """A row not formatted yet: read here on the first paint after a reset, else asked."""
        if self._read_here and not database_proxy.held():
            self._load(row)  # Qt paints from the top: this row and those below it
            return self._lines.get(self._ids[row])
        if self._ids[row] not in self._pending:
            # Qt paints from the top, so this is the first row missing on screen: its page,
            # and the next one in the direction of travel, read while this one paints.
            ahead = row + PAGE if row >= self._last_asked else max(0, row - PAGE)
            self._last_asked = row
            self._ask(row)
            self._ask(ahead)
            self._last_shown = row
            self._prefetch.start()
        return None

    def _unloaded(self, start: int) -> list[int]:
        ids = self._ids[start : start + PAGE]
        return [cid for cid in ids if cid not in self._lines and cid not in self._pending]

    def _load(self, start: int) -> None:
        """Read and format, on this thread, the page of rows from `start` not formatted yet."""
        missing = self._unloaded(start)
        if missing:
            self._keep(contact_rows(missing))
        self._last_shown = start
        self._prefetch.start()

    def _ask(self, start: int) -> None:
        """Ask the worker for the page of rows from `start` not formatted or asked for yet."""
        missing = self._unloaded(start)
        if missing:
            self._pending.update(missing)
            self._reader.ask((start, missing), lambda: contact_rows(missing))

    def _arrived(self, asked: _Asked, rows: dict[int, ContactRow]) -> None:
        start, ids = asked
        self._pending.difference_update(ids)
        self._keep(rows)
        last = min(start + PAGE, len(self._ids)) - 1
        if last >= start:
            self.dataChanged.emit(self.index(start, 0), self.index(last, self.LAST_CONTACT))

    def _not_read(self, asked: _Asked, _message: str) -> None:
        # The placeholders stay; the next paint of those rows asks again.
        self._pending.difference_update(asked[1])

    def _keep(self, rows: dict[int, ContactRow]) -> None:
        """Format and keep rows read, within LINES_KEPT."""
        if len(self._lines) + len(rows) > LINES_KEPT:
            # Forget the oldest half (dicts keep insertion order), but never the rows around
            # those on screen: rows kept from an earlier search may be the oldest and still
            # be shown, and dropping them would cost a read on the next paint.
            near = max(0, self._last_shown - PAGE)
            shown = set(self._ids[near : self._last_shown + 3 * PAGE])
            for cid in list(self._lines)[: len(self._lines) // 2]:
                if cid not in shown:
                    del self._lines[cid]
        for cid, row in rows.items():
            self._lines[cid] = self._format(row)

    def _format(self, row: ContactRow) -> _Line:
        last = row.last_contact_at.astimezone() if row.last_contact_at else None
        day = last.date() if last else None
        when = self._days.get(day)
        if when is None:
            when = self._days[day] = relative_days(day, self._today)
        return (
            row.display_name,
            row.organisation,
            # The labels read once: data() is asked for every row shown.
            self._stage_labels.get(row.stage) or labels.own_stage_label(row.stage),
            row.tags,
            when,
            row.title,
            last,
            row.archived,
        )

    def _muted(self) -> QBrush:
        """The palette's quiet text: archived contacts, and rows not read yet."""
        if self._archived_brush is None:
            self._archived_brush = QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return self._archived_brush

    def _tooltip(self, line: _Line, column: int) -> str | None:
        if column == self.ORGANISATION:
            title, organisation = line[_TITLE], line[self.ORGANISATION]
            if title:
                return f"{title}, {organisation}" if organisation else title
        elif column == self.TAGS:
            return line[self.TAGS] or None
        elif column == self.LAST_CONTACT:
            last = line[_LAST]
            return last.strftime("%Y-%m-%d %H:%M") if isinstance(last, dt.datetime) else None
        return None
