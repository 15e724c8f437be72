"""The contact list reads rows reached by scrolling on a worker, never on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

import journal.ui.models.contact_list_model as module
from journal.core.changes import Changes, Result
from journal.core.contact_queries import ContactRow
from journal.core.contacts import ContactDraft, create_contact, update_contact
from journal.store import Journal
from journal.ui.models.contact_list_model import WAITING, ContactListModel
from journal.ui.views.contacts_view import ContactsView

PAGE = module.PAGE
GUI = threading.get_ident()
Statements = list[tuple[int, str]]


@pytest.fixture
def statements(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> Iterator[Statements]:
    """Every SQL statement SQLite runs, on any connection, with the thread that ran it."""
    seen: Statements = []

    def trace(sql: str) -> None:
        seen.append((threading.get_ident(), sql))

    database = type(journal.db)
    real_connect = database._connect

    def connect(self):  # type: ignore[no-untyped-def]
        conn = real_connect(self)
        conn.set_trace_callback(trace)
        return conn

    monkeypatch.setattr(database, "_connect", connect)
    journal.db.connection().set_trace_callback(trace)  # the GUI thread's, already open
    yield seen
    journal.db.connection().set_trace_callback(None)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Once cleared, holds the worker's row reads, once read, until the test sets it."""
    release = threading.Event()
    release.set()
    real = module.contact_rows

    def held(ids):  # type: ignore[no-untyped-def]
        rows = real(ids)
        if threading.get_ident() != GUI:
            assert release.wait(10)
        return rows

    monkeypatch.setattr(module, "contact_rows", held)
    yield release
    release.set()  # never leave a worker waiting


def _people(count: int) -> list[int]:
    return [
        create_contact(ContactDraft(given_name=f"Person{n:03}", family_name="Lee")).value
        for n in range(count)
    ]


def _shown(qtbot, bus, clock) -> ContactsView:  # type: ignore[no-untyped-def]
    view = ContactsView(bus, clock)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def _settled(qtbot, bus, clock, count: int) -> ContactsView:  # type: ignore[no-untyped-def]
    """The page shown and painted, its first rows and those prefetched around them in."""
    _people(count)
    view = _shown(qtbot, bus, clock)
    model = view.model
    qtbot.waitUntil(lambda: model.loaded(3 * PAGE - 1))
    assert model.wait_until_read()
    QApplication.processEvents()
    return view


def _scroll(view: ContactsView, row: int) -> None:
    view.table.scrollTo(view.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    QApplication.processEvents()  # the paint


def _name(model: ContactListModel, row: int) -> str:
    return str(model.data(model.index(row, ContactListModel.NAME)))


def _on_gui(statements: Statements) -> list[str]:
    return [sql for thread, sql in statements if thread == GUI]


def test_scrolling_into_rows_not_read_runs_no_sql_on_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, bus, clock, statements, gate
) -> None:
    view = _settled(qtbot, bus, clock, PAGE * 8)
    model = view.model
    statements.clear()
    gate.clear()
    _scroll(view, 5 * PAGE)
    assert not model.loaded(5 * PAGE)
    assert _name(model, 5 * PAGE) == WAITING  # a quiet placeholder, no tooltip
    assert model.data(model.index(5 * PAGE, ContactListModel.ORGANISATION)) == ""
    assert model.data(model.index(5 * PAGE, ContactListModel.ORGANISATION), 3) is None
    assert model.data(model.index(5 * PAGE, 0), Qt.ItemDataRole.ForegroundRole) is not None
    with qtbot.waitSignal(model.dataChanged, timeout=5000) as changed:
        gate.set()
    top_left, bottom_right = changed.args[0], changed.args[1]
    assert (top_left.row(), bottom_right.row()) == (5 * PAGE, 6 * PAGE - 1)  # just those rows
    qtbot.waitUntil(lambda: model.loaded(7 * PAGE - 1))  # and the page after them, read ahead
    for row in range(5 * PAGE, 7 * PAGE):
        assert _name(model, row) == f"Person{row:03} Lee"
    _scroll(view, 6 * PAGE)  # already read ahead: nothing to ask
    assert _on_gui(statements) == []
    assert [sql for thread, sql in statements if thread != GUI]  # the worker read them


def test_keys_move_through_rows_read_on_the_worker(qtbot, bus, clock, statements) -> None:  # type: ignore[no-untyped-def]
    view = _settled(qtbot, bus, clock, PAGE * 6)
    model = view.model
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    last = model.rowCount() - 1
    assert view.selected_id() == model.contact_id(last)
    qtbot.waitUntil(lambda: model.loaded(last))
    assert _name(model, last) == f"Person{last:03} Lee"
    assert view.detail.contact_id == model.contact_id(last)


def _answers(model: ContactListModel) -> list[dict[int, ContactRow]]:
    """The rows of every answer the model takes from its reader from now on."""
    taken: list[dict[int, ContactRow]] = []
    model._reader.answered.connect(lambda _asked, rows: taken.append(rows))
    return taken


def test_an_answer_read_before_a_write_is_dropped(qtbot, bus, clock, gate) -> None:  # type: ignore[no-untyped-def]
    view = _settled(qtbot, bus, clock, PAGE * 8)
    model = view.model
    gate.clear()
    _scroll(view, 5 * PAGE)  # the worker reads these rows, then waits
    qtbot.waitUntil(lambda: model._reader.busy())
    renamed = model.contact_id(5 * PAGE)
    taken = _answers(model)
    bus.run(update_contact, renamed, ContactDraft(given_name="Renamed", family_name="Lee"))
    gate.set()  # the rows read before the write now arrive
    assert model.wait_until_read()
    qtbot.wait(100)
    row = model.row_of(renamed)
    assert row is not None
    _scroll(view, row)
    qtbot.waitUntil(lambda: model.loaded(row))
    assert _name(model, row) == "Renamed Lee"
    names = [rows[renamed].display_name for rows in taken if renamed in rows]
    assert "Person240 Lee" not in names


def test_an_answer_to_an_older_search_is_dropped(qtbot, bus, clock, gate) -> None:  # type: ignore[no-untyped-def]
    view = _settled(qtbot, bus, clock, PAGE * 8)
    model = view.model
    gate.clear()
    _scroll(view, 5 * PAGE)
    qtbot.waitUntil(lambda: model._reader.busy())
    taken = _answers(model)
    view.search.setText("person01")
    assert _name(model, 0) == "Person010 Lee"  # the first page after a search is read at once
    gate.set()
    assert model.wait_until_read()
    qtbot.wait(100)
    shown = {model.contact_id(row) for row in range(model.rowCount())}
    assert all(set(rows) <= shown for rows in taken)  # nothing for the rows of before
    assert model._pending == set()


def test_the_file_is_swapped_only_once_the_reader_has_finished(  # type: ignore[no-untyped-def]
    qtbot, bus, clock, gate
) -> None:
    view = _settled(qtbot, bus, clock, PAGE * 8)
    model = view.model
    gate.clear()
    _scroll(view, 5 * PAGE)
    qtbot.waitUntil(lambda: model._reader.busy())
    threading.Timer(0.3, gate.set).start()  # the read in progress ends a little later
    workers_during_swap: list[int] = []

    def swap() -> Result[None]:
        workers_during_swap.append(model._reader._pool.activeThreadCount())
        return Result(None, Changes())

    assert bus.run_replacing_file(swap) is not None
    # Not lingering either: its connection is closed, the thread has ended.
    assert workers_during_swap == [0]
    assert gate.is_set()


def test_an_encrypted_journal_is_read_on_the_worker(  # type: ignore[no-untyped-def]
    qtbot, bus, clock, journal, memory_keyring
) -> None:
    from journal.store.encryption import encrypt

    _people(PAGE * 6)
    encrypt(journal, "a long enough passphrase")
    assert journal.encrypted
    view = _shown(qtbot, bus, clock)
    model = view.model
    qtbot.waitUntil(lambda: not model._read_here)
    _scroll(view, 4 * PAGE)
    qtbot.waitUntil(lambda: model.loaded(5 * PAGE - 1), timeout=10_000)
    assert _name(model, 5 * PAGE - 1) == f"Person{5 * PAGE - 1:03} Lee"


def test_a_model_without_a_view_reads_at_once(journal) -> None:  # type: ignore[no-untyped-def]
    _people(3)
    model = ContactListModel()
    assert [_name(model, row) for row in range(3)] == [f"Person{n:03} Lee" for n in range(3)]
    assert model.data(QModelIndex()) is None
