"""Deletes that can be undone: capture everything a delete removes, and put it all back.

A delete cascades (a contact takes their channels, tags, participations, memberships,
people met, follow-ups and relations with them) and sets some references to NULL (people
they introduced, entries of a deleted meeting). `snapshot()` walks the schema's own foreign
keys, so a table added later is captured without changing this module, and `restore()`
inserts the rows again, parents first, with their old ids, and puts the NULLed references
back, all in one transaction.

When an old id has been taken since (SQLite reuses the largest id after it is deleted),
the row comes back under a new id, and every captured reference to it follows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from journal.core.changes import Changes, Result
from journal.core.errors import JournalError, NotFoundError
from journal.store.models import database_proxy

Row = dict[str, Any]


@dataclass(frozen=True)
class ForeignKey:
    """A reference from `table.column` to `parent.parent_column`."""

    table: str
    column: str
    parent: str
    parent_column: str
    on_delete: str


@dataclass(frozen=True)
class Trashed:
    """What a delete removed: rows (parents first) and references it set to NULL."""

    table: str
    root_id: int
    rows: tuple[tuple[str, Row], ...]
    nulled: tuple[tuple[ForeignKey, Any, tuple[int, ...]], ...]  # key, old value, rowids
    changes: Changes


def _sql(sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
    return database_proxy.execute_sql(sql, list(params))


def _foreign_keys() -> list[ForeignKey]:
    tables = [
        r[0]
        for r in _sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    ]
    keys: list[ForeignKey] = []
    for table in tables:
        for row in _sql(f'PRAGMA foreign_key_list("{table}")').fetchall():
            # (id, seq, table, from, to, on_update, on_delete, match)
            keys.append(ForeignKey(table, row[3], row[2], row[4] or "id", row[6].upper()))
    return keys


def references_to(table: str) -> list[ForeignKey]:
    """Every column of the schema that refers to `table` (for merges, core.merging)."""
    return [key for key in _foreign_keys() if key.parent == table]


def _rows(table: str, column: str, value: Any) -> list[Row]:
    cursor = _sql(f'SELECT rowid AS "__rowid", * FROM "{table}" WHERE "{column}" = ?', (value,))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def snapshot(table: str, root_id: int) -> Trashed:
    """Everything deleting row `root_id` of `table` would remove or unlink.

    Take it and delete in one transaction, so nothing changes in between.
    """
    keys = _foreign_keys()
    found = _rows(table, "id", root_id)
    if not found:
        raise NotFoundError(f"There is nothing with id {root_id} to delete.")
    rows: list[tuple[str, Row]] = []
    nulled: list[tuple[ForeignKey, Any, tuple[int, ...]]] = []
    seen: set[tuple[str, int]] = set()
    queue: list[tuple[str, Row]] = [(table, found[0])]
    while queue:
        current, row = queue.pop(0)
        if (current, row["__rowid"]) in seen:
            continue
        seen.add((current, row["__rowid"]))
        rows.append((current, row))
        for key in keys:
            if key.parent != current or row.get(key.parent_column) is None:
                continue
            value = row[key.parent_column]
            children = _rows(key.table, key.column, value)
            if key.on_delete == "CASCADE":
                queue.extend((key.table, child) for child in children)
            elif key.on_delete == "SET NULL" and children:
                nulled.append((key, value, tuple(c["__rowid"] for c in children)))
    return Trashed(table, root_id, tuple(rows), tuple(nulled), Changes())


def restore(trashed: Trashed) -> Result[int]:
    """Put back what the delete removed, in one transaction; returns the root row's id."""
    keys = _foreign_keys()
    moved: dict[tuple[str, Any], Any] = {}  # (table, old id) -> new id, when an id was taken
    try:
        _put_back(trashed, keys, moved)
    except Exception as exc:
        if "constraint" not in str(exc).lower():
            raise
        raise JournalError(
            "This cannot be undone any more: something it belonged to has been deleted since."
        ) from None
    root = moved.get((trashed.table, trashed.root_id), trashed.root_id)
    return Result(int(root), trashed.changes)


def _put_back(trashed: Trashed, keys: list[ForeignKey], moved: dict[tuple[str, Any], Any]) -> None:
    with database_proxy.atomic():
        for table, captured in trashed.rows:
            row = {k: v for k, v in captured.items() if k != "__rowid"}
            for key in keys:
                if key.table == table and (key.parent, row.get(key.column)) in moved:
                    row[key.column] = moved[(key.parent, row[key.column])]
            if "id" in row and _taken(table, row["id"]):
                old = row.pop("id")
                moved[(table, old)] = _insert(table, row)
            else:
                _insert(table, row, or_ignore=_has_no_id(row))
        for key, value, rowids in trashed.nulled:
            value = moved.get((key.parent, value), value)
            marks = ",".join("?" for _ in rowids)
            _sql(
                f'UPDATE "{key.table}" SET "{key.column}" = ? '
                f'WHERE rowid IN ({marks}) AND "{key.column}" IS NULL',
                (value, *rowids),
            )


def _taken(table: str, row_id: Any) -> bool:
    return _sql(f'SELECT 1 FROM "{table}" WHERE id = ?', (row_id,)).fetchone() is not None


def _has_no_id(row: Row) -> bool:
    # Link tables (contact_tag, group_member...) have composite keys; a link already there
    # again (say, re-added by hand since) is the same fact, so it is skipped.
    return "id" not in row


def _insert(table: str, row: Row, or_ignore: bool = False) -> Any:
    names = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    return _sql(f'{verb} INTO "{table}" ({names}) VALUES ({marks})', tuple(row.values())).lastrowid


# ---------------------------------------------------------------- deletes that can be undone


def delete_contact(contact_id: int) -> Result[Trashed]:
    """Delete a contact (as contacts.delete_contact does), keeping what undo needs."""
    from journal.core import contacts

    return _delete("contact", contact_id, contacts.require_contact, contacts.delete_contact)


def delete_interaction(interaction_id: int) -> Result[Trashed]:
    """Delete a timeline entry, keeping what undo needs."""
    from journal.core import interactions

    return _delete(
        "interaction",
        interaction_id,
        interactions.require_interaction,
        interactions.delete_interaction,
    )


def delete_group(group_id: int) -> Result[Trashed]:
    """Delete a group with its meetings, keeping what undo needs."""
    from journal.core import groups

    return _delete("membership_group", group_id, groups.require_group, groups.delete_group)


def delete_meeting(meeting_id: int) -> Result[Trashed]:
    """Delete a recorded meeting, keeping what undo needs."""
    from journal.core import meetings

    return _delete("meeting", meeting_id, meetings.require_meeting, meetings.delete_meeting)


def _delete(
    table: str,
    row_id: int,
    require: Callable[[int], object],
    delete: Callable[[int], Result[Any]],
) -> Result[Trashed]:
    """Check the row exists, capture it and what hangs on it, then delete it: one transaction."""
    with database_proxy.atomic():
        require(row_id)
        captured = snapshot(table, row_id)
        done = delete(row_id)
    return _result(captured, done.changes)


def _result(captured: Trashed, changes: Changes) -> Result[Trashed]:
    # Undo touches what the delete touched, plus the people whose links come back.
    people = frozenset(
        int(row["contact_id"]) for _, row in captured.rows if isinstance(row.get("contact_id"), int)
    )
    full = changes | Changes(changes.areas, contact_ids=people)
    trashed = Trashed(captured.table, captured.root_id, captured.rows, captured.nulled, full)
    return Result(trashed, full)
