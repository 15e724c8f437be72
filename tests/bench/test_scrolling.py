"""Scrolling the whole contact list (20,000 rows) and paging the timeline (200,000 entries)."""

from __future__ import annotations

import gc
import random
import statistics
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from benchlib import Report, summary_ms, timed
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView

from journal.core.timeline import TimelineCursor, TimelineFilter, timeline_page
from journal.store import Journal
from journal.store.models import database_proxy
from journal.ui.bus import JournalBus
from journal.ui.dialogs.service import ScriptedDialogService
from journal.ui.models.contact_list_model import ContactListModel
from journal.ui.models.timeline_model import PAGE as TIMELINE_PAGE
from journal.ui.views.contacts_view import ContactsView

MAX_WINDOW_MS = 16.0  # one frame at 60 Hz
# A run's slowest window is the machine's jitter as much as ours: the floor (a plain
# QTableView over a minimal model) has its own slowest at 16 to 25 ms on the reference
# machine. So the table view's windows are held to one frame at the 95th percentile, and
# its slowest window to the floor's slowest in the same run.
MAX_SLOWEST_VS_FLOOR = 1.25
WINDOW = 40  # rows on screen
JUMPS = 200
TIMELINE_PAGES = 10

Publish = Callable[[Report], None]


@pytest.fixture
def contacts_view(qapp: QApplication, window_journal: Journal) -> Iterator[ContactsView]:
    """The Contacts page, archived included (all 20,000), tall enough for 40 rows."""
    view = ContactsView(JournalBus(ScriptedDialogService()))
    view.resize(1180, 740)
    view.show()
    view.show_archived.setChecked(True)
    QApplication.processEvents()
    table = view.table
    row_height = table.verticalHeader().defaultSectionSize()
    missing = WINDOW - table.viewport().height() // row_height
    view.resize(1180, 740 + missing * row_height)
    QApplication.processEvents()
    yield view
    view.close()
    view.deleteLater()
    QApplication.processEvents()


class _GuiStatements:
    """SQL statements run on the GUI thread (its connection) while counting: the budget is 0."""

    def __init__(self, journal: Journal) -> None:
        self._connection = journal.db.connection()  # the GUI thread's own
        self._gui = threading.get_ident()
        self.seen: list[str] = []
        self.counting = False

    def __enter__(self) -> _GuiStatements:
        self._connection.set_trace_callback(self._note)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._connection.set_trace_callback(None)

    def _note(self, sql: str) -> None:
        if self.counting and threading.get_ident() == self._gui:
            self.seen.append(sql)


class _Collections:
    """Python's garbage collections during the timed windows: the pauses no model avoids."""

    def __init__(self) -> None:
        self.windows: list[float] = []  # collection seconds in each timed window
        self._started = 0.0
        self._in_window = 0.0

    def __enter__(self) -> _Collections:
        gc.callbacks.append(self._note)
        return self

    def __exit__(self, *_exc: object) -> None:
        gc.callbacks.remove(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        elif info["generation"] == 2:  # the young ones take well under a millisecond
            self._in_window += time.perf_counter() - self._started

    def window(self) -> None:
        self.windows.append(self._in_window)
        self._in_window = 0.0


def _scroll_to(
    view: ContactsView,
    row: int,
    collections: _Collections | None = None,
    placeholders: list[bool] | None = None,
) -> float:
    """Bring `row` to the top of the table and paint it; returns the seconds it took.

    `placeholders` gets whether the window was painted before all of its rows had arrived.
    """
    table = view.table
    start = time.perf_counter()
    table.scrollTo(view.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    QApplication.processEvents()  # the paint (rows not read yet are asked of the worker)
    took = time.perf_counter() - start
    if collections is not None:
        collections.window()
    last_shown = table.rowAt(table.viewport().height() - 1)
    assert table.rowAt(0) <= row <= (last_shown if last_shown >= 0 else row), f"row {row} not shown"
    if placeholders is not None:
        shown = range(table.rowAt(0), (last_shown if last_shown >= 0 else row) + 1)
        placeholders.append(not all(view.model.loaded(r) for r in shown))
    return took


def _rows_arriving(view: ContactsView) -> float:
    """Once the worker has read them, the seconds to take the rows in and repaint them."""
    assert view.model.wait_until_read(), "the worker did not read the rows"
    start = time.perf_counter()
    QApplication.processEvents()  # the answer, then the repaint of those rows
    took = time.perf_counter() - start
    table = view.table
    last_shown = table.rowAt(table.viewport().height() - 1)
    shown = range(table.rowAt(0), (last_shown if last_shown >= 0 else table.rowAt(0)) + 1)
    assert all(view.model.loaded(r) for r in shown), "rows on screen still not read"
    return took


def _window_of_data(model: ContactListModel, first: int) -> None:
    for row in range(first, min(first + WINDOW, model.rowCount())):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            model.data(index, Qt.ItemDataRole.DisplayRole)
            model.data(index, Qt.ItemDataRole.ForegroundRole)


class _PlainModel(QAbstractTableModel):
    """The least a Python table model can do: constant-time strings, no database."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__()
        self._rows, self._columns = rows, columns

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self._rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self._columns

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"Row {index.row()} column {index.column()}"
        return None


def _floor(like: QTableView, rows: int) -> list[float]:
    """Seconds per window for a plain QTableView as big as `like`, over _PlainModel.

    What Qt's painting plus a minimal Python model cost on this machine: the part of the
    app's figure no query or model code of ours can remove.
    """
    model = _PlainModel(rows, like.model().columnCount())
    table = QTableView()
    table.setModel(model)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(like.verticalHeader().defaultSectionSize())
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.resize(like.size())
    table.show()
    QApplication.processEvents()
    took = []
    for first in range(0, rows, WINDOW):
        start = time.perf_counter()
        table.scrollTo(model.index(first, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        QApplication.processEvents()
        took.append(time.perf_counter() - start)
    table.close()
    table.deleteLater()
    return took


def test_scroll_the_contact_list(
    contacts_view: ContactsView, large_journal: Journal, publish: Publish
) -> None:
    view = contacts_view
    model = view.model
    rows = model.rowCount()
    visible = view.table.viewport().height() // view.table.verticalHeader().defaultSectionSize()
    assert rows >= 20_000 * 0.99, f"expected the whole large journal, got {rows} rows"
    assert visible >= WINDOW, f"the table shows {visible} rows, not {WINDOW}"

    # As the app does once started (ui/app.py, _settle_garbage): what exists now is frozen
    # out of later collections. Without it, a full collection here walks every object the
    # benchmarks before this one left in the process (34 ms after the import benchmarks),
    # which the app never holds.
    gc.collect()
    gc.freeze()
    try:
        _scroll_and_report(view, large_journal, publish)
    finally:
        gc.unfreeze()


def _scroll_and_report(view: ContactsView, large_journal: Journal, publish: Publish) -> None:
    model = view.model
    rows = model.rowCount()
    model.reload()  # nothing cached: every window of rows is fetched from SQLite
    QApplication.processEvents()  # the first paint after a reset reads its rows at once
    waited: list[bool] = []  # windows painted before their rows arrived
    arriving: list[float] = []  # after a jump, taking the rows in and repainting them
    with _Collections() as collections, _GuiStatements(large_journal) as statements:
        statements.counting = True
        down = [_scroll_to(view, first, collections, waited) for first in range(0, rows, WINDOW)]
        assert view.table.rowAt(view.table.viewport().height() - 1) == rows - 1, (
            "never reached the end"
        )
        statements.counting = False

        model.reload()
        QApplication.processEvents()
        chooser = random.Random(20_000)
        jumps = []
        for _ in range(JUMPS):
            statements.counting = True
            jumps.append(_scroll_to(view, chooser.randrange(rows), collections, waited))
            # A jump is followed by a look: the rows arrive and are painted again.
            arriving.append(_rows_arriving(view))
            collections.window()
            statements.counting = False

    # Read and answered on this thread: no paint since the reset, so data() reads each
    # window itself, as the worker and the paint share it.
    model.reload()
    data_down = [
        timed(lambda f=first: _window_of_data(model, f)) for first in range(0, rows, WINDOW)
    ]
    model.reload()
    data_jumps = [
        timed(lambda: _window_of_data(model, chooser.randrange(rows))) for _ in range(JUMPS)
    ]

    floor = _floor(view.table, rows)

    report = Report("scrolling", f"Scrolling the contact list ({rows:,} rows, {WINDOW} on screen)")
    figures = summary_ms(floor)
    report.add(
        "floor: plain QTableView + minimal Python model: p95", figures["p95_ms"], headline=True
    )
    floor_max = figures["max_ms"]
    report.add("floor: max", floor_max)
    report.raw["floor"] = figures
    for label, samples in (
        ("table view, top to bottom", down),
        ("table view, random jumps", jumps),
        ("table view, rows arriving after a jump", arriving),
        ("model data() only, top to bottom", data_down),
        ("model data() only, random jumps", data_jumps),
    ):
        figures = summary_ms(samples)
        painted = label in ("table view, top to bottom", "table view, random jumps")
        report.add(
            f"{label} ({figures['n']} windows): p95",
            figures["p95_ms"],
            headline="view" in label,
            budget=MAX_WINDOW_MS if painted else None,
        )
        report.add(f"{label}: max", figures["max_ms"], budget=None if painted else MAX_WINDOW_MS)
        if painted:
            report.add(
                f"{label}: max / floor's max",
                figures["max_ms"] / floor_max,
                unit="x",
                budget=MAX_SLOWEST_VS_FLOOR,
            )
        report.raw[label] = figures
    # Which slow windows had a full collection of Python's garbage in them: a pause of
    # the whole process (all its objects), not of the list, and still counted above.
    report.add(
        "database statements on the GUI thread while scrolling",
        len(statements.seen),
        unit="",
        budget=0,
        detail="; ".join(sorted(set(statements.seen)))[:200],
    )
    report.raw["gui_thread_statements"] = statements.seen[:50]
    report.add(
        "  windows painted before their rows arrived (placeholders)",
        sum(waited),
        unit="",
        detail=f"of {len(waited)}",
    )
    in_order = down + [took for pair in zip(jumps, arriving, strict=True) for took in pair]
    windows = list(zip(in_order, collections.windows, strict=True))
    paused = [(took, gc_s) for took, gc_s in windows if gc_s]
    report.add(
        f"  table view windows with a full garbage collection: {len(paused)}, slowest",
        max((took for took, _ in paused), default=0.0) * 1000,
        detail=", ".join(f"{gc_s * 1000:.1f}" for _, gc_s in paused) + " ms collecting",
    )
    report.add(
        "  table view, slowest window without one",
        max(took for took, gc_s in windows if not gc_s) * 1000,
    )
    report.raw["full_collections_ms"] = [round(gc_s * 1000, 2) for _, gc_s in paused]
    publish(report)

    over = report.over_budget()
    assert not over, "scrolling budget: " + "; ".join(
        f"{f.name} {f.value:.2f} {f.unit} > {f.budget} {f.unit}" for f in over
    )


def _most_active_contact() -> tuple[int, int]:
    row = database_proxy.execute_sql(
        "SELECT contact_id, COUNT(*) FROM interaction_participant "
        "GROUP BY contact_id ORDER BY 2 DESC LIMIT 1"
    ).fetchone()
    return int(row[0]), int(row[1])


def _walk(flt: TimelineFilter) -> list[float]:
    """Seconds per page, newest first, TIMELINE_PAGES deep (fewer if the entries run out)."""
    cursor: TimelineCursor | None = None
    took: list[float] = []
    for _ in range(TIMELINE_PAGES):
        start = time.perf_counter()
        rows, cursor = timeline_page(flt, after=cursor, limit=TIMELINE_PAGE)
        took.append(time.perf_counter() - start)
        assert rows
        if cursor is None:
            break
    return took


def test_timeline_pages(window_journal: Journal, publish: Publish) -> None:
    contact_id, entries = _most_active_contact()
    report = Report("timeline", f"Timeline pages of {TIMELINE_PAGE}, newest first (keyset)")
    for label, flt in (
        ("everyone", TimelineFilter()),
        (f"one contact ({entries} entries)", TimelineFilter(contact_id=contact_id)),
        ("search 'coffee'", TimelineFilter(search="coffee")),
    ):
        cold = _walk(flt)
        warm = [
            statistics.median(page) for page in zip(*(_walk(flt) for _ in range(5)), strict=True)
        ]
        report.add(f"{label}: first page, cold", cold[0] * 1000)
        report.add(
            f"{label}: per page, median over {len(warm)} pages",
            statistics.median(warm) * 1000,
            headline=True,
        )
        report.add(f"{label}: slowest page", max(max(cold), max(warm)) * 1000)
        report.raw[label] = {
            "cold_ms": [c * 1000 for c in cold],
            "warm_ms": [w * 1000 for w in warm],
        }
    publish(report)
