"""The Timeline page: every interaction, newest first, with search and filters."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.core import trash
from journal.core.changes import Area, Changes
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.group_queries import group_names
from journal.core.timeline import TimelineFilter, timeline_count
from journal.core.timeutil import day_end, day_start
from journal.ui import labels
from journal.ui.bus import JournalBus
from journal.ui.models.timeline_model import TimelineModel
from journal.ui.undo import delete_undoably
from journal.ui.widgets.column_memory import HandSizedColumns
from journal.ui.widgets.controls import filter_combo, search_box
from journal.ui.widgets.key_bindings import bind_list_keys, focus_list
from journal.ui.widgets.optional_date import OptionalDateEdit
from journal.ui.widgets.tables import read_only_table

# The least the bar gives each filter, so that it still fits a 1000-pixel window.
SEARCH_WIDTH_CHARS = 16
COMBO_WIDTH_CHARS = 8
# (column, share of the list's width, least, most): the columns that give way to the summary.
_SHARED_COLUMNS = (
    (TimelineModel.PEOPLE, 0.18, 110, 200),
    (TimelineModel.GROUP, 0.14, 90, 160),
)


class TimelineView(QWidget):
    """All interactions; double-click to edit, Delete to remove."""

    edit_requested = Signal(int)
    log_requested = Signal()

    def __init__(
        self, bus: JournalBus, clock: Clock = SYSTEM_CLOCK, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.clock = clock
        self.search = search_box(
            self,
            "timelineSearch",
            self.tr("Search entries and people… (Ctrl+F)"),
            self.tr("Search the timeline"),
        )
        # Room for a few words of search: sized to their contents, the filters beside it
        # squeezed it to its first letter in a 1000-pixel window.
        self.search.setMinimumWidth(SEARCH_WIDTH_CHARS * self.fontMetrics().averageCharWidth())
        self.kind = filter_combo(self, "kindFilter", self.tr("Filter by kind"))
        self.kind.addItem(self.tr("All kinds"), None)
        for code, text in labels.interaction_kinds().items():
            self.kind.addItem(text, code)
        self.group = filter_combo(self, "groupFilter", self.tr("Filter by group"))
        for combo in (self.kind, self.group):
            combo.setMinimumContentsLength(COMBO_WIDTH_CHARS)
        self.since = OptionalDateEdit(self.tr("From"), self)
        self.since.setObjectName("sinceFilter")
        self.since.setAccessibleName(self.tr("From date"))
        self.until = OptionalDateEdit(self.tr("To"), self)
        self.until.setObjectName("untilFilter")
        self.until.setAccessibleName(self.tr("To date"))
        today = clock.today()
        self.since.edit.setDate(QDate(today.year, today.month, 1))
        self.until.edit.setDate(QDate(today.year, today.month, today.day))
        log = QPushButton(self.tr("&Log interaction…"), self)
        log.setObjectName("logInteraction")
        log.clicked.connect(self.log_requested)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.kind, 1)
        bar.addWidget(self.group, 1)
        bar.addWidget(self.since)
        bar.addWidget(self.until)
        bar.addWidget(log)

        self.model = TimelineModel(self)
        self.table = read_only_table(self, "timelineTable", self.tr("Timeline"), self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.resizeSection(TimelineModel.WHEN, 140)
        # Wide enough for the longest kind ("Support from a mentor"), in this font.
        metrics = self.table.fontMetrics()
        widest = max(map(metrics.horizontalAdvance, labels.interaction_kinds().values()))
        header.resizeSection(TimelineModel.KIND, max(130, widest + 3 * metrics.averageCharWidth()))
        header.setSectionResizeMode(TimelineModel.SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(TimelineModel.AMOUNT, 100)
        # Columns the user has sized by hand keep their width; the others follow the window.
        self.hand_sized = HandSizedColumns(header)
        self.table.viewport().installEventFilter(self)
        self._fit_columns()
        self.table.doubleClicked.connect(lambda index: self._edit_row(index.row()))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("timelineCount")
        self.empty_label = QLabel(
            self.tr("Nothing logged yet. Press Ctrl+L after a call, a coffee or a meeting."), self
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setObjectName("timelineEmpty")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.count_label)

        bind_list_keys(self.table, self.search, self.delete_selected, self.edit_selected)
        self.search.textChanged.connect(self._apply_filter)
        self.kind.currentIndexChanged.connect(self._apply_filter)
        self.group.currentIndexChanged.connect(self._apply_filter)
        self.since.changed.connect(self._apply_filter)
        self.until.changed.connect(self._apply_filter)
        bus.changed.connect(self._journal_changed)
        self._fill_groups()
        self._apply_filter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """People and group at their widths in a wide window, and narrower in a narrow one:
        at fixed widths they left the summary, the entry itself, a few letters at 1000 px.
        A column the user has dragged keeps the width given it."""
        width = self.table.viewport().width()
        header = self.table.horizontalHeader()
        with self.hand_sized.fitting():
            for column, share, least, most in _SHARED_COLUMNS:
                if column not in self.hand_sized:
                    header.resizeSection(column, max(least, min(most, int(width * share))))

    def focus_main(self) -> None:
        """Put the focus in the list of entries (the search box when none shows)."""
        if not focus_list(self.table):
            self.search.setFocus()

    def focus_search(self) -> None:
        """Put the cursor in the search box (Ctrl+F)."""
        self.search.setFocus()
        self.search.selectAll()

    def selected_id(self) -> int | None:
        """The entry under the cursor."""
        index = self.table.currentIndex()
        return self.model.interaction_id(index.row()) if index.isValid() else None

    def edit_selected(self) -> None:
        """Edit the entry under the cursor."""
        if self.selected_id() is not None:
            self.edit_requested.emit(self.selected_id())

    def delete_selected(self) -> None:
        """Delete the entry under the cursor, after asking."""
        interaction_id = self.selected_id()
        if interaction_id is None:
            return
        row = self.model.row_at(self.table.currentIndex().row())
        what = row.summary if row and row.summary else self.tr("this entry")
        if self.bus.dialogs.confirm(
            self,
            self.tr("Delete entry"),
            self.tr("Delete “%1” from the timeline?").replace("%1", what),
            self.tr("Delete"),
        ):
            undo_text = self.tr("Delete “%1”").replace("%1", what)
            delete_undoably(self.bus, trash.delete_interaction, interaction_id, undo_text, self)

    def current_filter(self) -> TimelineFilter:
        """The filter the bar describes."""
        since = self.since.value()
        until = self.until.value()
        kind = self.kind.currentData()
        return TimelineFilter(
            search=self.search.text(),
            kinds=frozenset({kind}) if kind else frozenset(),
            group_id=self.group.currentData(),
            start=day_start(since) if since else None,
            end=day_end(until) if until else None,
        )

    def _edit_row(self, row: int) -> None:
        interaction_id = self.model.interaction_id(row)
        if interaction_id is not None:
            self.edit_requested.emit(interaction_id)

    def _apply_filter(self) -> None:
        flt = self.current_filter()
        self.model.set_filter(flt)
        self._update_count(flt)

    def _update_count(self, flt: TimelineFilter) -> None:
        total = timeline_count(flt)
        self.count_label.setText(self._count_text(flt, total))
        nothing_at_all = total == 0 and flt == TimelineFilter()
        self.empty_label.setVisible(nothing_at_all)
        self.table.setVisible(not nothing_at_all)
        # With nothing logged, the welcome alone: no count to contradict it.
        self.count_label.setVisible(not nothing_at_all)

    def _count_text(self, flt: TimelineFilter, total: int) -> str:
        """How many entries show, or why none do: a bare "0 entries" left the user to guess
        whether the search, a filter or the dates hid them."""
        if total:
            return self.tr("%n entries", "", total)
        since, until = self.since.value(), self.until.value()
        if since is not None and until is not None and since > until:
            return self.tr("No entries: the From date is after the To date.")
        narrowed = bool(flt.kinds) or flt.group_id is not None or since or until
        typed = flt.search.strip()
        if typed and narrowed:
            text = self.tr("No entries match “%1” with the filters chosen.")
        elif typed:
            text = self.tr("No entries match “%1”.")
        else:
            text = self.tr("No entries with the filters chosen.")
        return text.replace("%1", typed)

    def _fill_groups(self) -> None:
        current = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(self.tr("All groups"), None)
        for gid, name in group_names():
            self.group.addItem(name, gid)
        self.group.setCurrentIndex(max(0, self.group.findData(current)))
        self.group.blockSignals(False)

    def _journal_changed(self, changes: Changes) -> None:
        if changes.touches(Area.GROUPS):
            self._fill_groups()
        if changes.touches(Area.INTERACTIONS, Area.CONTACTS, Area.GROUPS):
            self._apply_filter()
