"""Merging two contacts into one, and taking the merge back.

The kept contact gains what the other one had: empty fields filled, every channel, tag and
note, the other's values that disagree written into the notes, the earlier day you met,
and every place the other appears (timeline entries, groups, meetings met at, follow-ups,
relations, people they introduced). Then the other contact is deleted.

`merge_contacts` returns a MergeUndo: a snapshot of both contacts as they were and of every
link it moved. `undo_merge` puts everything back, as long as the kept contact has not been
edited since (undoing would then lose that edit, so it is refused with a message).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from journal.core import validate
from journal.core.changes import Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.contact_state import ContactState, load_states, merge_state
from journal.core.contacts import require_contact, tag_ids
from journal.core.errors import JournalError, ValidationError
from journal.store import bulk
from journal.store.models import Contact, database_proxy
from journal.store.rows import run_sql

_AREAS = frozenset(
    {Area.CONTACTS, Area.TAGS, Area.INTERACTIONS, Area.GROUPS, Area.MEETINGS, Area.FOLLOWUPS}
)
# Link tables with (table, the other key column): a contact appears in them by contact_id.
_LINKS = (
    ("interaction_participant", "interaction_id"),
    ("group_member", "group_id"),
    ("meeting_person", "meeting_id"),
)


@dataclass(frozen=True)
class MergeUndo:
    """Everything a merge changed, as it was before, to take the merge back."""

    kept_id: int
    merged_id: int
    kept_name: str
    merged_name: str
    kept_row: dict[str, Any]
    merged_row: dict[str, Any]
    kept_channels: list[dict[str, Any]]
    merged_channels: list[dict[str, Any]]
    kept_tags: list[int]
    merged_tags: list[int]
    # table -> the merged contact's link rows, and the kept contact's link keys, before
    merged_links: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    kept_links: dict[str, list[Any]] = field(default_factory=dict)
    follow_ups: list[int] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    introduced: list[int] = field(default_factory=list)
    kept_updated_at: str = ""


def _db() -> Any:
    return bulk.database()


def _rows(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor: sqlite3.Cursor = run_sql(_db(), sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _column(sql: str, params: list[Any]) -> list[Any]:
    return [row[0] for row in run_sql(_db(), sql, params).fetchall()]


def merge_contacts(kept_id: int, merged_id: int, clock: Clock = SYSTEM_CLOCK) -> Result[MergeUndo]:
    """Fold `merged_id` into `kept_id` and delete it; the result says how to undo it."""
    if kept_id == merged_id:
        raise ValidationError("merge", "choose two different contacts")
    with database_proxy.atomic():
        require_contact(kept_id)
        require_contact(merged_id)
        undo = _snapshot(kept_id, merged_id)
        states = load_states([kept_id, merged_id])
        kept, merged = states[kept_id], states[merged_id]
        if merged.values.get("met_through") == kept_id:
            merged.values["met_through"] = None  # nobody introduces themselves
        merge_state(kept, merged, note_conflicts=True)
        if kept.values.get("met_through") == merged_id:
            kept.values["met_through"] = None
        _check_lengths(kept)
        _move_links(kept_id, merged_id)
        Contact.delete().where(Contact.id == merged_id).execute()
        now = clock.now()
        _write_kept(kept_id, kept, now)
        stamp = _column("SELECT updated_at FROM contact WHERE id = ?", [kept_id])[0]
    changes = Changes(_AREAS, contact_ids=frozenset({kept_id, merged_id}))
    return Result(_with_stamp(undo, stamp), changes)


def _with_stamp(undo: MergeUndo, stamp: str) -> MergeUndo:
    values = dict(undo.__dict__)
    values["kept_updated_at"] = stamp
    return MergeUndo(**values)


def _snapshot(kept_id: int, merged_id: int) -> MergeUndo:
    contact = "SELECT * FROM contact WHERE id = ?"
    channels = "SELECT id, kind, label, value, position FROM contact_channel WHERE contact_id = ? "
    channels += "ORDER BY position, id"
    tags = "SELECT tag_id FROM contact_tag WHERE contact_id = ?"
    kept_row = _rows(contact, [kept_id])[0]
    merged_row = _rows(contact, [merged_id])[0]
    return MergeUndo(
        kept_id=kept_id,
        merged_id=merged_id,
        kept_name=str(kept_row["display_name"]),
        merged_name=str(merged_row["display_name"]),
        kept_row=kept_row,
        merged_row=merged_row,
        kept_channels=_rows(channels, [kept_id]),
        merged_channels=_rows(channels, [merged_id]),
        kept_tags=_column(tags, [kept_id]),
        merged_tags=_column(tags, [merged_id]),
        merged_links={
            table: _rows(f"SELECT * FROM {table} WHERE contact_id = ?", [merged_id])
            for table, _key in _LINKS
        },
        kept_links={
            table: _column(f"SELECT {key} FROM {table} WHERE contact_id = ?", [kept_id])
            for table, key in _LINKS
        },
        follow_ups=_column("SELECT id FROM follow_up WHERE contact_id = ?", [merged_id]),
        relations=_rows(
            "SELECT * FROM contact_relation WHERE contact_id = ? OR other_id = ?",
            [merged_id, merged_id],
        ),
        introduced=_column(
            "SELECT id FROM contact WHERE met_through_id = ? AND id != ?", [merged_id, kept_id]
        ),
    )


def _check_lengths(state: ContactState) -> None:
    limits = {"notes": validate.MAX_LONG, "needs": 5000, "offers": 5000, "how_met": 2000}
    for name, limit in limits.items():
        text = state.values.get(name) or ""
        if len(text) > limit:
            raise ValidationError(
                name.replace("_", " "), f"merged, it would be too long (at most {limit})"
            )


def _move_links(kept_id: int, merged_id: int) -> None:
    db = _db()
    for table, _key in _LINKS:
        # Where both were linked, the kept contact's row stays and the other's goes.
        run_sql(
            db,
            f"UPDATE OR IGNORE {table} SET contact_id = ? WHERE contact_id = ?",
            [kept_id, merged_id],
        )
    run_sql(db, "UPDATE follow_up SET contact_id = ? WHERE contact_id = ?", [kept_id, merged_id])
    run_sql(
        db,
        "UPDATE contact_relation SET contact_id = ? WHERE contact_id = ?",
        [kept_id, merged_id],
    )
    run_sql(db, "UPDATE contact_relation SET other_id = ? WHERE other_id = ?", [kept_id, merged_id])
    run_sql(db, "DELETE FROM contact_relation WHERE contact_id = other_id")
    run_sql(
        db,
        "UPDATE contact SET met_through_id = ? WHERE met_through_id = ? AND id != ?",
        [kept_id, merged_id, kept_id],
    )


def _write_kept(kept_id: int, state: ContactState, now: Any) -> None:
    values = {k: v for k, v in state.values.items() if k != "met_through"}
    Contact.update(
        met_through=state.values.get("met_through"),
        vcard_uid=state.uid or None,
        vcard_extra="\n".join(state.extra),
        updated_at=now,
        **values,
    ).where(Contact.id == kept_id).execute()
    db = _db()
    run_sql(db, "DELETE FROM contact_channel WHERE contact_id = ?", [kept_id])
    bulk.insert_rows(
        "contact_channel",
        ("contact_id", "kind", "label", "value", "position"),
        [(kept_id, c.kind, c.label, c.value, i) for i, c in enumerate(state.channels)],
    )
    run_sql(db, "DELETE FROM contact_tag WHERE contact_id = ?", [kept_id])
    bulk.insert_rows(
        "contact_tag", ("contact_id", "tag_id"), [(kept_id, t) for t in tag_ids(state.tags)]
    )


def undo_merge(undo: MergeUndo) -> Result[int]:
    """Take a merge back: both contacts and their links as they were.

    Returns the merged-away contact's id: its old one, unless that id went to someone since.
    """
    with database_proxy.atomic():
        stamp = _column("SELECT updated_at FROM contact WHERE id = ?", [undo.kept_id])
        if not stamp:
            raise JournalError(f"{undo.kept_name} is no longer in the journal; nothing to undo.")
        if stamp[0] != undo.kept_updated_at:
            raise JournalError(
                f"{undo.kept_name} was changed after the merge; undoing it now would lose "
                "that change, so the merge stays."
            )
        db = _db()
        taken = bool(_column("SELECT 1 FROM contact WHERE id = ?", [undo.merged_id]))
        restored = bulk.next_id("contact") if taken else undo.merged_id
        _put_row(_living_introducer(undo.kept_row), update=True)
        _put_row(_living_introducer({**undo.merged_row, "id": restored}), update=False)
        run_sql(db, "DELETE FROM contact_channel WHERE contact_id = ?", [undo.kept_id])
        run_sql(db, "DELETE FROM contact_tag WHERE contact_id = ?", [undo.kept_id])
        for contact_id, channels, tags in (
            (undo.kept_id, undo.kept_channels, undo.kept_tags),
            (restored, undo.merged_channels, undo.merged_tags),
        ):
            for channel in channels:  # under their old ids when still free, as they were
                row = {**channel, "contact_id": contact_id}
                if _exists("contact_channel", channel["id"]):
                    del row["id"]
                bulk.insert_rows("contact_channel", list(row), [list(row.values())])
            run_sql(db, "PRAGMA defer_foreign_keys = ON")
            bulk.insert_rows(
                "contact_tag",
                ("contact_id", "tag_id"),
                [(contact_id, t) for t in tags if _exists("tag", t)],
            )
        _restore_links(undo, restored)
    changes = Changes(_AREAS, contact_ids=frozenset({undo.kept_id, restored}))
    return Result(restored, changes)


def _living_introducer(row: dict[str, Any]) -> dict[str, Any]:
    """The row, without an introducer deleted since the merge."""
    introducer = row.get("met_through_id")
    if introducer is not None and not _exists("contact", introducer):
        return {**row, "met_through_id": None}
    return row


def _exists(table: str, row_id: int) -> bool:
    return bool(_column(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]))


def _put_row(row: dict[str, Any], *, update: bool) -> None:
    columns = list(row)
    if update:
        assignments = ", ".join(f'"{c}" = ?' for c in columns if c != "id")
        run_sql(
            _db(),
            f"UPDATE contact SET {assignments} WHERE id = ?",
            [row[c] for c in columns if c != "id"] + [row["id"]],
        )
    else:
        bulk.insert_rows("contact", columns, [[row[c] for c in columns]])


def _restore_links(undo: MergeUndo, restored: int) -> None:
    db = _db()
    for table, key in _LINKS:
        before = set(undo.kept_links[table])
        for row in undo.merged_links[table]:
            parent = row[key]
            parent_table = key.removesuffix("_id")
            parent_table = "membership_group" if parent_table == "group" else parent_table
            if not _exists(parent_table, parent):
                continue  # deleted since the merge
            values = {**row, "contact_id": restored}
            names = ", ".join(values)
            marks = ", ".join("?" * len(values))
            run_sql(
                db,
                f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})",
                list(values.values()),
            )
            if parent not in before:
                run_sql(
                    db,
                    f"DELETE FROM {table} WHERE {key} = ? AND contact_id = ?",
                    [parent, undo.kept_id],
                )
    for follow_up in undo.follow_ups:
        run_sql(
            db,
            "UPDATE follow_up SET contact_id = ? WHERE id = ? AND contact_id = ?",
            [restored, follow_up, undo.kept_id],
        )
    for relation in undo.relations:
        run_sql(db, "DELETE FROM contact_relation WHERE id = ?", [relation["id"]])
        values = {
            **relation,
            "contact_id": _mapped(relation["contact_id"], undo.merged_id, restored),
            "other_id": _mapped(relation["other_id"], undo.merged_id, restored),
        }
        if _exists("contact", values["contact_id"]) and _exists("contact", values["other_id"]):
            bulk.insert_rows("contact_relation", list(values), [list(values.values())])
    for contact_id in undo.introduced:
        run_sql(
            db,
            "UPDATE contact SET met_through_id = ? WHERE id = ? AND met_through_id = ?",
            [restored, contact_id, undo.kept_id],
        )


def _mapped(contact_id: int, old: int, new: int) -> int:
    return new if contact_id == old else contact_id


__all__ = ["MergeUndo", "merge_contacts", "undo_merge"]
