"""Bulk writes: the search entry built in Python is the view's, triggers always come back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.core.clock import FixedClock
from journal.core.contacts import ChannelDraft, ContactDraft, clean_fields, create_contact
from journal.store import Journal, bulk
from journal.store.models import Contact, database_proxy

CLOCK = FixedClock(dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.timezone.utc))
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12),
    # The letters the search entry folds (schema steps 5, 7 and 9), which random text seldom
    # has.
    st.text(st.sampled_from("aZ é łßÆ أإآٱؤئىةیکـ\u064e\u0651\u0670احمدي άΐΫё"), max_size=12),
)
# Phone numbers, whose search text holds their digits too (schema step 11).
PHONE = st.text(st.sampled_from("0123456789 +-()."), min_size=7, max_size=16).filter(
    lambda number: sum(map(str.isdigit, number)) >= 3  # as a person may type one
)
# Any text as a social profile (no check), or a phone number.
CHANNEL = st.one_of(
    TEXT.map(str.strip).filter(bool).map(lambda text: ("social", text)),
    PHONE.map(str.strip).map(lambda number: ("phone", number)),
)


def _triggers() -> list[tuple[str, str]]:
    return database_proxy.execute_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    ).fetchall()


def _view(contact_id: int) -> tuple[str, ...]:
    row = database_proxy.execute_sql(
        "SELECT * FROM contact_search_doc WHERE id = ?", [contact_id]
    ).fetchone()
    return tuple(row[1:])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    given_name=TEXT.map(str.strip).filter(bool),
    family=TEXT,
    notes=TEXT,
    needs=TEXT,
    channels=st.lists(CHANNEL, max_size=3),
    tags=st.lists(TEXT.map(str.strip).filter(bool), max_size=3, unique_by=str.casefold),
)
def test_the_search_entry_built_in_python_is_the_views(
    journal: Journal,
    given_name: str,
    family: str,
    notes: str,
    needs: str,
    channels: list[tuple[str, str]],
    tags: list[str],
) -> None:
    draft = ContactDraft(
        given_name=given_name,
        family_name=family,
        notes=notes,
        needs=needs,
        title="Founder",
        channels=[ChannelDraft(kind, value) for kind, value in channels],
        tags=[t.lstrip("#") for t in tags if t.lstrip("#").strip()],
    )
    contact_id = create_contact(draft, CLOCK).value
    stored = Contact.get_by_id(contact_id)
    values = clean_fields(draft, CLOCK.today(), None)
    from journal.core.contacts import load_draft

    saved = load_draft(contact_id)
    built = bulk.search_document(
        values,
        [bulk.channel_search_text(c.kind, c.value) for c in saved.channels],
        sorted(saved.tags, key=str.casefold),
    )
    view = _view(contact_id)
    assert built[:5] == view[:5]
    # group_concat's order is SQLite's choice: the same words, in any order.
    assert sorted(built[5].split()) == sorted(view[5].split())
    assert sorted(built[6].split()) == sorted(view[6].split())
    assert stored.display_name in view[0]


def test_deferring_the_index_needs_a_transaction(journal: Journal) -> None:
    with pytest.raises(RuntimeError, match="inside a transaction"), bulk.contact_index_deferred():
        pass


def test_the_triggers_come_back_exactly_after_success_and_after_failure(
    journal: Journal,
) -> None:
    before = _triggers()
    with database_proxy.atomic(), bulk.contact_index_deferred() as batch:
        names = {name for name, _sql in _triggers()}
        assert not names & set(bulk.CONTACT_INDEX_TRIGGERS)
        batch.touch([])
    assert _triggers() == before
    with pytest.raises(ZeroDivisionError), database_proxy.atomic(), bulk.contact_index_deferred():
        1 / 0  # noqa: B018
    assert _triggers() == before


def test_new_contacts_indexed_at_the_end_are_found(journal: Journal) -> None:
    from journal.core.contact_queries import ContactFilter, contact_ids

    values = clean_fields(ContactDraft(given_name="Zebedee", notes="magic"), CLOCK.today(), None)
    with database_proxy.atomic(), bulk.contact_index_deferred() as batch:
        first = bulk.next_id("contact")
        row = {k: v for k, v in values.items() if k not in ("met_through",)}
        columns = ["id", *row, "created_at", "updated_at"]
        stamp = "2026-11-24T10:30:00.000000Z"
        bulk.insert_sparse(Contact, columns, [[first, *row.values(), stamp, stamp]])
        batch.add_new(first, bulk.search_document(values, [], []))
    assert contact_ids(ContactFilter(search="zebedee magic")) == [first]


def test_sparse_inserts_leave_default_columns_to_the_database(journal: Journal) -> None:
    stamp = "2026-11-24T10:30:00.000000Z"
    rows = [
        [5, "A", "a", "", None, "new", stamp, stamp],
        [6, "B", "b", "", None, "new", stamp, stamp],
    ]
    columns = ["id", "display_name", "sort_name", "notes", "met_on", "stage", "created_at",
               "updated_at"]  # fmt: skip
    with database_proxy.atomic():
        bulk.insert_sparse(Contact, columns, rows)
    stored = [(c.id, c.display_name, c.notes, c.met_on, c.stage) for c in Contact.select()]
    assert stored == [(5, "A", "", None, "new"), (6, "B", "", None, "new")]


def test_a_search_document_from_partial_values_reads_missing_fields_as_empty() -> None:
    full = {name: "" for name in bulk._DOCUMENT_FIELDS}
    full.update(display_name="Jane Doe", given_name="Jane", needs="a bookkeeper")
    partial = {"display_name": "Jane Doe", "given_name": "Jane", "needs": "a bookkeeper"}
    with_none = {**full, "nickname": None, "offers": None}
    expected = bulk.search_document(full, ["jane@example.org"], ["Speaker"])
    assert expected[0] == "Jane Doe Jane  " and expected[3] == "a bookkeeper"
    assert bulk.search_document(partial, ["jane@example.org"], ["Speaker"]) == expected
    assert bulk.search_document(with_none, ["jane@example.org"], ["Speaker"]) == expected


_FIELD_VALUE = st.one_of(TEXT, st.none(), st.integers(0, 9))
_Contact = tuple[dict[str, object], list[str], list[str]]


def _contacts(value: st.SearchStrategy[object]) -> st.SearchStrategy[list[_Contact]]:
    values = st.fixed_dictionaries({name: value for name in bulk._DOCUMENT_FIELDS})
    return st.lists(
        st.tuples(values, st.lists(TEXT, max_size=3), st.lists(TEXT, max_size=3)), max_size=6
    )


@settings(max_examples=100, deadline=None)
@given(st.one_of(_contacts(TEXT), _contacts(_FIELD_VALUE)))
def test_search_rows_built_column_wise_are_search_document_for_each_contact(
    contacts: list[_Contact],
) -> None:
    # Texts only take the column-wise way; anything else (None, numbers) the general one.
    ids = list(range(10, 10 + len(contacts)))
    columns = {
        name: [values[name] for values, _channels, _tags in contacts]
        for name in bulk._DOCUMENT_FIELDS
    }
    built = bulk.search_rows(
        ids, columns, (channels for _v, channels, _t in contacts), (t for _v, _c, t in contacts)
    )
    expected = [
        (contact_id, *bulk.search_document(values, channels, tags))
        for contact_id, (values, channels, tags) in zip(ids, contacts, strict=True)
    ]
    assert built == expected


def test_insert_columns_leaves_out_columns_all_at_their_default(journal: Journal) -> None:
    stamp = "2026-11-24T10:30:00.000000Z"
    columns = {
        "id": range(3, 5),
        "display_name": ("A", "B"),
        "sort_name": ("a", "b"),
        "notes": ("", "a note"),  # kept: one row differs from the default
        "title": ("", ""),  # left out: all at the default
        "met_on": (None, None),
        "created_at": [stamp] * 2,
        "updated_at": [stamp] * 2,
    }
    sql: list[str] = []
    with database_proxy.atomic():
        real = bulk._insert_values
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(
                bulk,
                "_insert_values",
                lambda table, names, rows: (sql.append(names), real(table, names, rows)),
            )
            bulk.insert_columns(Contact, columns)
            bulk.insert_columns(Contact, {})  # nothing to insert: nothing happens
    assert sql == [["id", "display_name", "sort_name", "notes", "created_at", "updated_at"]]
    stored = [(c.id, c.display_name, c.notes, c.title, c.met_on) for c in Contact.select()]
    assert stored == [(3, "A", "", "", None), (4, "B", "a note", "", None)]


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 7, 9])
def test_insert_rows_puts_many_rows_in_each_statement_in_order(
    journal: Journal, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    # Three rows of two values per statement here: counts below, at and past a statement's
    # worth, and several statements with a few rows left over.
    monkeypatch.setattr(bulk, "MAX_PARAMETERS", 7)
    statements: list[str] = []
    with database_proxy.atomic():
        bulk.connection().set_trace_callback(statements.append)
        try:
            bulk.insert_rows("tag", ("name", "id"), [(f"tag {n}", n + 10) for n in range(count)])
        finally:
            bulk.connection().set_trace_callback(None)
    stored = database_proxy.execute_sql("SELECT id, name FROM tag ORDER BY rowid").fetchall()
    assert stored == [(n + 10, f"tag {n}") for n in range(count)]
    assert len(statements) == -(-count // 3)


def test_insert_rows_refuses_a_row_of_another_length(journal: Journal) -> None:
    with database_proxy.atomic(), pytest.raises(ValueError, match="2 values"):
        bulk.insert_rows("tag", ("id", "name"), [(1, "a"), (2,), (3, "c", "d")])


def test_insert_columns_refuses_columns_of_different_lengths(journal: Journal) -> None:
    columns = {"id": [1, 2], "display_name": ["A", "B"], "sort_name": ["a"]}
    with database_proxy.atomic(), pytest.raises(ValueError):
        bulk.insert_columns(Contact, columns)
