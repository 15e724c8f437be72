"""The contact list model's caches: rows kept across searches, never stale after a write."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

import journal.ui.models.contact_list_model as module
from journal.core import trash
from journal.core.changes import Area, Changes
from journal.core.contact_queries import ContactFilter
from journal.core.contacts import ContactDraft, create_contact, set_archived, update_contact
from journal.ui.models.contact_list_model import ContactListModel
from journal.ui.views.contacts_view import ContactsView

PAGE = module.PAGE


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The ids of every contact_rows() query the model makes (one list per query)."""
    queries: list[int] = []
    real = module.contact_rows

    def counting(ids):  # type: ignore[no-untyped-def]
        queries.append(len(ids))
        return real(ids)

    monkeypatch.setattr(module, "contact_rows", counting)
    yield queries


def _names(model: ContactListModel) -> list[str]:
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def _people(count: int) -> list[int]:
    return [
        create_contact(ContactDraft(given_name=f"Person{n:03}", family_name="Lee")).value
        for n in range(count)
    ]


def test_contact_rows_load_page_by_page(journal, asked) -> None:  # type: ignore[no-untyped-def]
    _people(PAGE * 3)
    model = ContactListModel()
    assert asked == []  # nothing loaded until a row is shown
    model.data(model.index(0, 0))
    model.data(model.index(5, 1))
    assert asked == [PAGE]
    model.data(model.index(PAGE + 1, 0))
    assert asked == [PAGE, PAGE]


def test_rows_are_kept_across_searches(journal, asked) -> None:  # type: ignore[no-untyped-def]
    _people(3)
    jane = create_contact(ContactDraft(given_name="Jane", family_name="Doe")).value
    model = ContactListModel()
    assert _names(model)[0] == "Jane Doe"
    assert asked == [4]
    model.set_filter(ContactFilter(search="jane"))
    model.set_filter(ContactFilter(search="person00"))
    model.set_filter(ContactFilter())
    assert _names(model)[0] == "Jane Doe"
    assert model.contact_id(0) == jane
    assert asked == [4]  # nothing asked again: the same people, already formatted


@pytest.mark.parametrize(
    "write",
    [
        lambda cid: update_contact(
            cid, ContactDraft(given_name="Janet", family_name="Doe", tags=["vip"])
        ),
        lambda cid: set_archived(cid, True),
        lambda cid: trash.delete_contact(cid),
    ],
    ids=["edit", "archive", "delete"],
)
def test_a_write_never_leaves_a_stale_row_or_search(qtbot, bus, clock, write) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(ContactDraft(given_name="Jane", family_name="Doe")).value
    create_contact(ContactDraft(given_name="Omar", family_name="Haddad"))
    view = ContactsView(bus, clock)
    qtbot.addWidget(view)
    view.search.setText("jane")
    assert _names(view.model) == ["Jane Doe"]
    view.search.setText("")
    assert _names(view.model) == ["Jane Doe", "Omar Haddad"]
    bus.run(write, jane, parent=view)
    view.search.setText("jane")  # a search answered from the cache before the write
    names = _names(view.model)
    assert names in ([], ["Janet Doe"])
    if names:
        assert view.model.data(view.model.index(0, ContactListModel.TAGS)) == "vip"
        view.search.setText("janet")
        assert _names(view.model) == ["Janet Doe"]
    view.search.setText("")
    assert "Jane Doe" not in _names(view.model)


def test_a_new_contact_shows_in_a_search_already_made(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="Jane", family_name="Doe"))
    view = ContactsView(bus, clock)
    qtbot.addWidget(view)
    view.search.setText("jan")
    view.search.setText("")
    bus.run(create_contact, ContactDraft(given_name="Janek", family_name="Nowak"), parent=view)
    view.search.setText("jan")
    assert _names(view.model) == ["Jane Doe", "Janek Nowak"]


def test_same_rows_keep_the_selection(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    create_contact(ContactDraft(given_name="Jane", family_name="Doe"))
    omar = create_contact(ContactDraft(given_name="Omar", family_name="Haddad")).value
    view = ContactsView(bus, clock)
    qtbot.addWidget(view)
    view.search.setText("o")
    view.select_contact(omar)
    with qtbot.assertNotEmitted(view.model.modelReset):
        view.search.setText("o ")  # the same search, so the same rows
        view.search.setText("om")  # narrower, but still only Omar
    assert view.selected_id() == omar


def test_pages_around_the_rows_shown_load_when_the_user_pauses(qtbot, bus, clock, asked) -> None:  # type: ignore[no-untyped-def]
    _people(PAGE * 5)
    view = ContactsView(bus, clock)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    model = view.model
    qtbot.waitUntil(lambda: model.loaded(3 * PAGE - 1))  # the first page painted, two ahead
    assert asked == [PAGE] * 3
    asked.clear()
    for row in range(PAGE, 3 * PAGE):  # the prefetched pages are there without a query
        assert model.data(model.index(row, 0)) == f"Person{row:03} Lee"
    assert asked == []
    view.table.scrollTo(model.index(3 * PAGE, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    # The page reached and the one after it, read on the worker while the placeholders paint.
    qtbot.waitUntil(lambda: model.loaded(5 * PAGE - 1))
    assert asked == [PAGE, PAGE]
    assert model.data(model.index(4 * PAGE, 0), Qt.ItemDataRole.DisplayRole) == (
        f"Person{4 * PAGE:03} Lee"
    )
    assert asked == [PAGE, PAGE]


def test_rows_kept_are_bounded(journal, asked, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(module, "LINES_KEPT", PAGE * 2)
    _people(PAGE * 8)
    model = ContactListModel()
    for row in range(0, PAGE * 8, PAGE):
        model.data(model.index(row, 0))
    # The bound, plus the rows around those on screen, which are never forgotten.
    assert len(model._lines) <= PAGE * 2 + PAGE * 4
    assert model.data(model.index(PAGE * 8 - 1, 0)) == f"Person{PAGE * 8 - 1:03} Lee"
    assert model.data(model.index(0, 0)) == "Person000 Lee"  # forgotten, so asked again
    assert asked == [PAGE] * 9


def test_the_rows_on_screen_survive_forgetting(qtbot, journal, asked, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(module, "LINES_KEPT", PAGE * 2)
    _people(PAGE * 8)
    model = ContactListModel()
    model.data(model.index(0, 0))  # the page on screen, now the oldest rows kept
    for start in range(PAGE * 4, PAGE * 8, PAGE):  # pages read ahead, far below it
        model._ask(start)
    qtbot.waitUntil(lambda: not model._pending)  # every page arrived (forgetting older ones)
    assert len(asked) >= 4
    asked.clear()
    assert model.data(model.index(0, 0)) == "Person000 Lee"
    assert asked == []  # still there: no query on the next paint


def test_a_change_to_tags_alone_refreshes_the_list(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    jane = create_contact(ContactDraft(given_name="Jane", family_name="Doe")).value
    view = ContactsView(bus, clock)
    qtbot.addWidget(view)
    view.search.setText("speaker")
    assert _names(view.model) == []
    view.search.setText("")
    assert view.model.data(view.model.index(0, ContactListModel.TAGS)) == ""
    # As quick add reports tags given to people it found: the tags area and nothing else.
    update_contact(jane, ContactDraft(given_name="Jane", family_name="Doe", tags=["speaker"]))
    bus.announce(Changes(frozenset({Area.TAGS}), contact_ids=frozenset({jane})))
    assert view.model.data(view.model.index(0, ContactListModel.TAGS)) == "speaker"
    view.search.setText("speaker")
    assert _names(view.model) == ["Jane Doe"]


def test_last_contact_counts_from_the_new_day_after_midnight(qtbot, bus, clock) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from journal.core.interactions import InteractionDraft, log_interaction

    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    log_interaction(InteractionDraft("call", clock.now(), "Call", participant_ids=[jane]), clock)
    view = ContactsView(bus, clock)
    qtbot.addWidget(view)
    view.show()
    column = ContactListModel.LAST_CONTACT
    today_text = view.model.data(view.model.index(0, column))
    view.hide()
    clock.instant += dt.timedelta(days=1)  # the app stayed open overnight
    view.show()
    next_day_text = view.model.data(view.model.index(0, column))
    assert next_day_text != today_text
    view.hide()
    view.show()  # the same day again: nothing to redo
    assert view.model.data(view.model.index(0, column)) == next_day_text
