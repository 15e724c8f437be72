"""Bulk writes for imports and restores: many rows in few statements, search indexed once.

Why not Peewee's insert_many: it converts every value through its field objects in Python,
about 1 s for 10,000 contacts on the reference machine, the whole import's budget. Here
the caller hands values already in their stored form (ISO text for dates and instants,
decimal text for money, 0/1 for booleans) to sqlite3's executemany: 50 ms. Many rows go in
each INSERT (see insert_rows).

Why pause the search triggers: they re-index a contact after every insert of the contact,
of each channel and of each tag, so one imported person costs five or six FTS5 writes.
`contact_index_deferred` drops those triggers inside the caller's transaction, and on the
way out re-indexes the touched contacts in one statement and puts the triggers back. The
DDL is part of the transaction: if it rolls back, the triggers were never gone.
"""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import Any, cast

import peewee

from journal.store import rows
from journal.store.folding import with_plain_copies, with_plain_copy
from journal.store.models import BaseModel, database_proxy
from journal.store.rows import run_sql
from journal.store.schema_v11 import phone_search_text, phone_search_texts

# A channel's text in its contact's search entry, as the channel_search_text view gives it:
# the value, and a phone's digit forms (schema step 11). search_document's and
# search_rows' callers hand channels in as these texts.
channel_search_text = phone_search_text
# The same for a column of phones at once (an import's).
phone_channel_texts = phone_search_texts

# The triggers that keep contact_fts in step with contacts, channels and tags.
CONTACT_INDEX_TRIGGERS = (
    "contact_fts_ai",
    "contact_fts_au",
    "contact_channel_fts_ai",
    "contact_channel_fts_ad",
    "contact_channel_fts_au",
    "contact_tag_fts_ai",
    "contact_tag_fts_ad",
)
_FTS_COLUMNS = "rowid, name, organisation, notes, needs, offers, channels, tags"


def database() -> peewee.Database:
    """The journal database the models are bound to (the proxy's target)."""
    return cast(peewee.Database, database_proxy)


def connection() -> sqlite3.Connection:
    """This thread's sqlite3 connection to the journal (for executemany)."""
    return rows.connection(database())


def next_id(table: str) -> int:
    """The id SQLite would give the next row of `table` (its ids are INTEGER PRIMARY KEY)."""
    row = run_sql(database(), f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"').fetchone()
    return int(row[0])


# The parameters one statement may take on any SQLite this app may run on (999 before
# SQLite 3.32; SQLCipher builds may keep that limit).
MAX_PARAMETERS = 999


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert rows of stored values into `table` (inside the caller's transaction).

    Many rows go in each INSERT (a VALUES list of up to MAX_PARAMETERS values): SQLite
    sets up an insert (its cursors on the table and each index, the foreign key checks)
    once per statement, and executemany's own work is per statement too, so one row per
    statement costs about twice as much (88,500 channels: 0.19 s, 0.105 s so). The rows
    go in in their order, so they get the same ids as one at a time.
    """
    width = len(columns)
    listed = rows if isinstance(rows, list) else list(rows)
    # Every row as long as `columns`, or the flattening below would shift values across rows.
    if listed and set(map(len, listed)) != {width}:
        raise ValueError(f"insert into {table}: every row must have {width} values")
    _insert_values(table, columns, list(chain.from_iterable(listed)))


def _insert_values(table: str, columns: Sequence[str], values: list[Any]) -> None:
    """insert_rows of rows given one after the other in one list (len(columns) values each)."""
    width = len(columns)
    count = len(values) // width
    names = ", ".join(f'"{c}"' for c in columns)
    one = f"({', '.join('?' * width)})"
    per = max(1, MAX_PARAMETERS // width)  # rows per statement
    whole = count // per * per
    if whole:
        sql = f'INSERT INTO "{table}" ({names}) VALUES {", ".join([one] * per)}'
        # zip over one iterator `per * width` times: the statements' parameters, in C.
        chunks = zip(*[iter(values[: whole * width])] * (per * width), strict=True)
        connection().executemany(sql, chunks)
    if whole < count:
        rest = count - whole
        sql = f'INSERT INTO "{table}" ({names}) VALUES {", ".join([one] * rest)}'
        connection().execute(sql, values[whole * width :])


def insert_sparse(
    model: type[BaseModel], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """insert_rows, leaving out the columns every row leaves at the column's default."""
    insert_columns(model, dict(zip(columns, zip(*rows, strict=True), strict=True)) if rows else {})


def insert_columns(model: type[BaseModel], columns: Mapping[str, Sequence[Any]]) -> None:
    """Insert rows given column by column (name -> one value per row), in stored form.

    A column whose every value is the column's default is left out: binding a value costs
    about as much as SQLite's own work per column, and an imported card fills a third of a
    contact's 30 columns, so this halves the insert. Given by column, the test is one
    count() in C per column, and the values go in place with one slice per column.
    """
    defaults = _defaults(model)
    kept = {
        name: values
        for name, values in columns.items()
        if name not in defaults or values.count(defaults[name]) != len(values)
    }
    if not kept:
        return
    width, count = len(kept), len(next(iter(kept.values())))
    # The rows one after the other in one list, a column at a time into every width-th
    # place (an extended slice, so a column of another length is refused).
    values: list[Any] = [None] * (width * count)
    for position, column in enumerate(kept.values()):
        if width == 1:  # a plain slice, which would take any length
            values = list(column)
        else:
            values[position::width] = column
    _insert_values(model._meta.table_name, list(kept), values)


def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """Column -> the value the database gives it when an insert leaves it out."""
    found: dict[str, Any] = {}
    for field in model._meta.sorted_fields:
        if field.primary_key:
            continue
        if field.default is not None and not callable(field.default):
            found[field.column_name] = field.db_value(field.default)
        elif field.null:
            found[field.column_name] = None
    return found


def in_transaction() -> bool:
    """Whether the journal's connection in this thread is inside a transaction."""
    return bool(database_proxy.in_transaction())


class SearchBatch:
    """The contacts whose search entries are rebuilt once, when the batch ends."""

    def __init__(self) -> None:
        self.touched: set[int] = set()  # re-indexed from the contact_search_doc view
        # New contacts' entries, ready made: id -> (id, *search_document(...)).
        self.documents: dict[int, tuple[Any, ...]] = {}

    def touch(self, ids: Iterable[int]) -> None:
        """Re-index these contacts from what is stored, at the end."""
        self.touched.update(ids)

    def add_new(self, contact_id: int, document: tuple[str, ...]) -> None:
        """A contact added in this batch, with its entry as search_document() builds it."""
        self.documents[contact_id] = (contact_id, *document)

    def add_rows(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Contacts added in this batch, as search_rows() builds their entries."""
        self.documents.update((row[0], row) for row in rows)


# The contact columns a search entry is made of, in the order search_document joins them.
_DOCUMENT_FIELDS = (
    "display_name",
    "given_name",
    "family_name",
    "nickname",
    "organisation",
    "title",
    "notes",
    "how_met",
    "where_met",
    "first_impression",
    "needs",
    "offers",
)
_document_fields = operator.itemgetter(*_DOCUMENT_FIELDS)


def search_document(
    values: Mapping[str, Any], channels: Iterable[str], tags: Iterable[str]
) -> tuple[str, ...]:
    """A contact's search entry, the same text as the contact_search_doc view gives.

    `channels` are the channel_search_text() of each of the contact's channels.

    Built from values already in hand, it saves the view's queries for each new contact
    (a third of a large import's time). A unit test holds the two to the same text.
    """
    try:
        # The usual case, a checked contact: every field there, as text, picked in one call
        # (and join, in C, refuses anything that is not text).
        texts: tuple[Any, ...] = _document_fields(values)
        "".join(texts)
    except (KeyError, TypeError):
        texts = tuple(str(values.get(name) or "") for name in _DOCUMENT_FIELDS)
    join = " ".join
    return (
        with_plain_copy(join(texts[0:4])),
        with_plain_copy(join(texts[4:6])),
        with_plain_copy(join(texts[6:10])),
        with_plain_copy(texts[10]),
        with_plain_copy(texts[11]),
        with_plain_copy(join(channels)),
        with_plain_copy(join(tags)),
    )


def search_rows(
    ids: Sequence[int],
    columns: Mapping[str, Sequence[Any]],
    channels: Iterable[Iterable[str]],
    tags: Iterable[Iterable[str]],
) -> list[tuple[Any, ...]]:
    """(id, *search_document(...)) for many contacts at once, from their columns.

    `columns` holds each of the entry's contact fields, one value per contact (as an import
    has them for its insert); `channels` (their channel_search_text()) and `tags` the texts
    of each contact. An import adds
    tens of thousands of contacts: built a column at a time, with C's map and zip, an entry
    costs a fraction of a call per contact.
    """
    join = " ".join
    channel_texts, tag_texts = list(map(join, channels)), list(map(join, tags))
    fields = [columns[name] for name in _DOCUMENT_FIELDS]
    try:
        # join, in C, refuses anything that is not text: then the general way below.
        return list(
            zip(
                ids,
                with_plain_copies(map(join, zip(*fields[0:4], strict=True))),
                with_plain_copies(map(join, zip(*fields[4:6], strict=True))),
                with_plain_copies(map(join, zip(*fields[6:10], strict=True))),
                with_plain_copies(map(join, zip(fields[10], strict=True))),
                with_plain_copies(map(join, zip(fields[11], strict=True))),
                with_plain_copies(channel_texts),
                with_plain_copies(tag_texts),
                strict=True,
            )
        )
    except TypeError:
        return [
            (
                contact_id,
                *search_document(dict(zip(_DOCUMENT_FIELDS, row, strict=True)), [texts], [names]),
            )
            for contact_id, row, texts, names in zip(
                ids, zip(*fields, strict=True), channel_texts, tag_texts, strict=True
            )
        ]


@contextmanager
def contact_index_deferred() -> Iterator[SearchBatch]:
    """Pause the contact search triggers; yields the batch the caller fills.

    Must run inside a transaction. On a normal exit the batch's contacts are indexed in a
    few statements; on any exit the triggers are restored exactly as they were defined.
    """
    if not in_transaction():
        raise RuntimeError("contact_index_deferred() must run inside a transaction")
    marks = ", ".join("?" * len(CONTACT_INDEX_TRIGGERS))
    saved = run_sql(
        database(),
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
        CONTACT_INDEX_TRIGGERS,
    ).fetchall()
    for name, _sql in saved:
        run_sql(database(), f'DROP TRIGGER "{name}"')
    batch = SearchBatch()
    try:
        yield batch
        reindex_contacts(batch.touched - batch.documents.keys())
        documents = batch.documents
        # One row per statement here: FTS5, a virtual table, takes a VALUES list of many
        # rows about a third slower than the same rows one at a time.
        connection().executemany(
            f"INSERT INTO contact_fts ({_FTS_COLUMNS}) VALUES ({', '.join('?' * 8)})",
            map(documents.__getitem__, sorted(documents)),
        )
    finally:
        for _name, sql in saved:
            run_sql(database(), sql)


def reindex_contacts(ids: Iterable[int]) -> None:
    """Rebuild the search entries of these contacts (gone ones simply lose theirs)."""
    wanted = sorted(set(ids))
    if not wanted:
        return
    db = database()
    run_sql(db, "CREATE TEMP TABLE IF NOT EXISTS reindex_contact (id INTEGER PRIMARY KEY)")
    run_sql(db, "DELETE FROM temp.reindex_contact")
    connection().executemany(
        "INSERT INTO temp.reindex_contact (id) VALUES (?)", [(i,) for i in wanted]
    )
    run_sql(db, "DELETE FROM contact_fts WHERE rowid IN (SELECT id FROM temp.reindex_contact)")
    run_sql(
        db,
        f"INSERT INTO contact_fts ({_FTS_COLUMNS}) SELECT * FROM contact_search_doc "
        "WHERE id IN (SELECT id FROM temp.reindex_contact)",
    )
    run_sql(db, "DELETE FROM temp.reindex_contact")
