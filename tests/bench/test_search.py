"""Search as you type on the large journal: the real Contacts page, one keystroke at a time."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator

import pytest
from benchlib import Report, summary_ms, timed
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from journal.core.contact_list_cache import ContactListCache
from journal.core.contact_queries import ContactFilter, contact_ids, contact_rows
from journal.store import Journal
from journal.ui.bus import JournalBus
from journal.ui.dialogs.service import ScriptedDialogService
from journal.ui.views.contacts_view import ContactsView

MAX_P95_MS = 16.0
FIRST_PAGE = 40  # rows on screen in a maximised window
# What people type: names and organisations from the demo's vocabulary, in any case,
# with accents; "Jane Doe" is in the journal, "Chen" is both a family name and a prefix.
TYPED = ("jane doe", "Priya Sharma", "northwind", "Harbour & Co", "kenji tan", "müller", "chen")

Publish = Callable[[Report], None]


@pytest.fixture
def contacts_view(qapp: QApplication, window_journal: Journal) -> Iterator[ContactsView]:
    """The Contacts page on the large journal, shown (offscreen) at a usual window size."""
    view = ContactsView(JournalBus(ScriptedDialogService()))
    view.resize(1180, 740)
    view.show()
    QApplication.processEvents()
    yield view
    view.close()
    view.deleteLater()
    QApplication.processEvents()


def _first_page(view: ContactsView) -> list[object]:
    model = view.model
    rows = min(FIRST_PAGE, model.rowCount())
    return [
        model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
        for row in range(rows)
        for column in range(model.columnCount())
    ]


def _press(widget: QWidget, key: str | Qt.Key) -> None:
    if isinstance(key, Qt.Key) or key.isascii():
        QTest.keyClick(widget, key)
        return
    # QTest.keyClick mangles non-ASCII characters ("ü" arrives as "Ã"): send the events.
    code = ord(key.upper()) if ord(key.upper()) < 256 else Qt.Key.Key_unknown.value
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, key)
        QApplication.sendEvent(widget, event)


_PARTS: dict[str, list[float]] = {"filter": [], "paint": []}


def _keystroke(view: ContactsView, key: str | Qt.Key) -> float:
    """One key into the search box, until the list is filtered and its first page shown."""
    start = time.perf_counter()
    _press(view.search, key)  # textChanged filters the model synchronously
    filtered = time.perf_counter()
    QApplication.processEvents()  # layout and paint: the table fetches the visible rows
    _first_page(view)  # and make sure they are fetched even if nothing was painted
    end = time.perf_counter()
    _PARTS["filter"].append(filtered - start)
    _PARTS["paint"].append(end - filtered)
    return end - start


def test_search_as_you_type(contacts_view: ContactsView, publish: Publish) -> None:
    view = contacts_view
    view.search.setFocus()
    typing: list[float] = []
    erasing: list[float] = []
    per_word: dict[str, list[float]] = {}
    for text in TYPED:
        view.search.clear()
        QApplication.processEvents()
        per_word[text] = [_keystroke(view, ch) for ch in text]
        assert view.search.text() == text, f"typed {text!r}, the box shows {view.search.text()!r}"
        assert view.model.rowCount() > 0, f"typing {text!r} found nobody"
        typing += per_word[text]
        # Then take it back, one Backspace at a time, down to the whole list again.
        erasing += [_keystroke(view, Qt.Key.Key_Backspace) for _ in text]
        assert view.search.text() == ""

    typed = summary_ms(typing)
    erased = summary_ms(erasing)
    report = Report("search", "Search as you type (ContactsView, offscreen, per keystroke)")
    report.add(f"typing {typed['n']} keys: p50", typed["p50_ms"], headline=True)
    report.add("typing: p95", typed["p95_ms"], budget=MAX_P95_MS)
    report.add("typing: max", typed["max_ms"])
    report.add(f"Backspace {erased['n']} keys: p50", erased["p50_ms"])
    report.add("Backspace: p95", erased["p95_ms"], budget=MAX_P95_MS)
    report.add("Backspace: max", erased["max_ms"], detail="the last one shows all 19,000+ again")
    parts = {name: summary_ms(samples) for name, samples in _PARTS.items()}
    report.add(
        "  of which filtering (key to model reset): p50", parts["filter"]["p50_ms"], headline=True
    )
    report.add("  of which painting the first page: p50", parts["paint"]["p50_ms"], headline=True)
    for text, samples in per_word.items():
        slowest = max(range(len(samples)), key=samples.__getitem__)
        report.add(
            f"  {text!r}: slowest key",
            samples[slowest] * 1000,
            detail=f"{text[: slowest + 1]!r}",
        )
    report.raw = {
        "typing": typed,
        "erasing": erased,
        "parts": parts,
        "per_word_ms": {k: [round(s * 1000, 2) for s in v] for k, v in per_word.items()},
    }
    publish(report)

    over = report.over_budget()
    assert not over, "search budget: " + "; ".join(
        f"{f.name} {f.value:.1f} ms > {f.budget} ms" for f in over
    )


PREFIXES = ("", "j", "ja", "jan", "jane", "n", "no", "nor", "nort", "m", "mü", "mül", "müll")
# A word in CJK script is also looked for inside names and organisations (a scan).
PREFIXES += ("小", "小明")
REPEAT = 7


def _first_time(flt: ContactFilter) -> float:
    """Seconds for the list's cache to answer `flt` the first time (its order already known)."""
    cache = ContactListCache()
    cache.ids(ContactFilter())  # as the list has it from the start
    return timed(lambda: cache.ids(flt))


def test_core_contact_ids_by_prefix(window_journal: Journal, publish: Publish) -> None:
    """The query under the search box, without Qt: all ids in order, and 40 rows."""
    report = Report("contact_ids", "Core: contact_ids() + first 40 contact_rows() per search")
    per_prefix = {}
    for prefix in PREFIXES:
        flt = ContactFilter(search=prefix)
        ids_s = [timed(lambda f=flt: contact_ids(f)) for _ in range(REPEAT)]
        found = contact_ids(flt)
        rows_s = [timed(lambda i=found: contact_rows(i[:FIRST_PAGE])) for _ in range(REPEAT)]
        cached_s = [_first_time(flt) for _ in range(REPEAT)]
        ids_ms = statistics.median(ids_s) * 1000
        rows_ms = statistics.median(rows_s) * 1000
        cached_ms = statistics.median(cached_s) * 1000
        per_prefix[prefix] = {
            "matches": len(found),
            "ids_ms": ids_ms,
            "rows_ms": rows_ms,
            "list_cache_first_ms": cached_ms,
        }
        report.add(
            f"search {prefix!r:8} ({len(found):>6,} matches) ids + rows",
            ids_ms + rows_ms,
            detail=f"ids {ids_ms:.1f} + rows {rows_ms:.1f}; the list's cache: {cached_ms:.1f}",
            headline=prefix in ("", "m", "jane"),
        )
    report.raw = per_prefix
    publish(report)
