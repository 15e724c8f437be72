"""Merging two contacts into one, and taking the merge back.

The kept contact gains what the other one had: empty fields filled, every channel, tag and
note, the other's values that disagree written into the notes, the earlier day you met,
and every place the other appears. Those places are found from the schema's own foreign
keys (as core.trash does), so a table a later migration adds that refers to contacts
follows the merge without a change here: timeline entries, groups, meetings, follow-ups,
relations, reminders, dismissed suggestions, people they introduced. Where the kept
contact is already there (both at one meeting), the kept one's row stays. Then the other
contact is deleted through core.trash, which keeps whatever the delete removed.

`merge_contacts` returns a MergeUndo: the kept contact as it was, the rows moved onto it,
and the trash of the other. `undo_merge` puts everything back, as long as the kept contact
has not been edited since (undoing would then lose that edit, so it is refused).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journal.core import trash, validate
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
# A contact's own channels and tags merge as part of the contact (merge_state), not as links.
_OWN = ("contact_channel", "contact_tag")
Moved = tuple[str, str, int]  # table, column, rowid: a row now pointing at the kept contact


@dataclass(frozen=True)
class MergeUndo:
    """Everything a merge changed, as it was before, to take the merge back."""

    kept_id: int
    merged_id: int
    kept_name: str
    merged_name: str
    kept_row: dict[str, Any]
    kept_channels: list[dict[str, Any]]
    kept_tags: list[int]
    moved: list[Moved]
    dropped: list[tuple[str, dict[str, Any]]]  # rows that would have pointed at one person twice
    trashed: trash.Trashed
    kept_updated_at: str = ""


def _db() -> Any:
    return bulk.database()


def _rows(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = run_sql(_db(), sql, params)
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
        kept_row = _rows("SELECT * FROM contact WHERE id = ?", [kept_id])[0]
        merged_name = str(_column("SELECT display_name FROM contact WHERE id = ?", [merged_id])[0])
        kept_channels = _rows(
            "SELECT id, kind, label, value, position FROM contact_channel WHERE contact_id = ? "
            "ORDER BY position, id",
            [kept_id],
        )
        kept_tags = _column("SELECT tag_id FROM contact_tag WHERE contact_id = ?", [kept_id])
        states = load_states([kept_id, merged_id])
        kept, merged = states[kept_id], states[merged_id]
        if merged.values.get("met_through") == kept_id:
            merged.values["met_through"] = None  # nobody introduces themselves
        merge_state(kept, merged, note_conflicts=True)
        if kept.values.get("met_through") == merged_id:
            kept.values["met_through"] = None
        _check_lengths(kept)
        dropped, moved = _move_references(kept_id, merged_id)
        trashed = trash.delete_contact(merged_id).value
        _write_kept(kept_id, kept, clock)
        stamp = str(_column("SELECT updated_at FROM contact WHERE id = ?", [kept_id])[0])
    undo = MergeUndo(
        kept_id=kept_id,
        merged_id=merged_id,
        kept_name=str(kept_row["display_name"]),
        merged_name=merged_name,
        kept_row=kept_row,
        kept_channels=kept_channels,
        kept_tags=kept_tags,
        moved=moved,
        dropped=dropped,
        trashed=trashed,
        kept_updated_at=stamp,
    )
    return Result(undo, Changes(_AREAS, contact_ids=frozenset({kept_id, merged_id})))


def _check_lengths(state: ContactState) -> None:
    limits = {"notes": validate.MAX_LONG, "needs": 5000, "offers": 5000, "how_met": 2000}
    for name, limit in limits.items():
        text = state.values.get(name) or ""
        if len(text) > limit:
            raise ValidationError(
                name.replace("_", " "), f"merged, it would be too long (at most {limit})"
            )


def _move_references(
    kept_id: int, merged_id: int
) -> tuple[list[tuple[str, dict[str, Any]]], list[Moved]]:
    """Point every row that refers to the merged contact at the kept one."""
    keys = [k for k in trash.references_to("contact") if k.table not in _OWN]
    dropped: list[tuple[str, dict[str, Any]]] = []
    by_table: dict[str, list[str]] = {}
    for key in keys:
        by_table.setdefault(key.table, []).append(key.column)
    for table, columns in by_table.items():
        if len(columns) < 2:
            continue
        # A row about the two of them (a relation, a dismissed introduction) would be about
        # one person twice: it goes, kept for undo.
        for a in columns:
            for b in columns:
                if a < b:
                    found = _rows(
                        f'SELECT rowid AS "__rowid", * FROM "{table}" '
                        f'WHERE ("{a}" = ? AND "{b}" = ?) OR ("{a}" = ? AND "{b}" = ?)',
                        [kept_id, merged_id, merged_id, kept_id],
                    )
                    for row in found:
                        dropped.append((table, row))
                        run_sql(_db(), f'DELETE FROM "{table}" WHERE rowid = ?', [row["__rowid"]])
    moved: list[Moved] = []
    for key in keys:
        where = f'"{key.column}" = ?'
        params: list[Any] = [merged_id]
        if key.table == "contact":
            where += " AND id NOT IN (?, ?)"  # the two contacts' own rows are dealt with apart
            params += [kept_id, merged_id]
        rowids = _column(f'SELECT rowid FROM "{key.table}" WHERE {where}', params)
        if not rowids:
            continue
        # OR IGNORE: where the kept contact is already there, its own row stays, and the
        # other's goes with the other contact (and comes back with it on undo).
        run_sql(
            _db(),
            f'UPDATE OR IGNORE "{key.table}" SET "{key.column}" = ? WHERE {where}',
            [kept_id, *params],
        )
        still = set(_column(f'SELECT rowid FROM "{key.table}" WHERE {where}', params))
        moved += [(key.table, key.column, rowid) for rowid in rowids if rowid not in still]
    return dropped, moved


def _write_kept(kept_id: int, state: ContactState, clock: Clock) -> None:
    values = {k: v for k, v in state.values.items() if k != "met_through"}
    Contact.update(
        met_through=state.values.get("met_through"),
        vcard_uid=state.uid or None,
        vcard_extra="\n".join(state.extra),
        updated_at=clock.now(),
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
    """Take a merge back: both contacts and everything that pointed at them, as it was.

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
        run_sql(db, "PRAGMA defer_foreign_keys = ON")  # the kept row may name the other first
        _put_kept(undo)
        restored = trash.restore(undo.trashed).value
        if restored != undo.merged_id:
            run_sql(
                db,
                "UPDATE contact SET met_through_id = ? WHERE id = ? AND met_through_id = ?",
                [restored, undo.kept_id, undo.merged_id],
            )
        for table, column, rowid in undo.moved:
            run_sql(
                db,
                f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ? AND "{column}" = ?',
                [restored, rowid, undo.kept_id],
            )
        for table, row in undo.dropped:
            values = {
                k: (restored if v == undo.merged_id and k != "id" else v)
                for k, v in row.items()
                if k != "__rowid"
            }
            if "id" in values and _column(f'SELECT 1 FROM "{table}" WHERE id = ?', [values["id"]]):
                del values["id"]
            bulk.insert_rows(table, list(values), [list(values.values())])
    changes = Changes(_AREAS, contact_ids=frozenset({undo.kept_id, restored}))
    return Result(restored, changes)


def _put_kept(undo: MergeUndo) -> None:
    """The kept contact's row, channels and tags as they were before the merge."""
    db = _db()
    row = undo.kept_row
    columns = [c for c in row if c != "id"]
    assignments = ", ".join(f'"{c}" = ?' for c in columns)
    run_sql(
        db,
        f"UPDATE contact SET {assignments} WHERE id = ?",
        [row[c] for c in columns] + [row["id"]],
    )
    run_sql(db, "DELETE FROM contact_channel WHERE contact_id = ?", [undo.kept_id])
    run_sql(db, "DELETE FROM contact_tag WHERE contact_id = ?", [undo.kept_id])
    for channel in undo.kept_channels:  # under their old ids when still free, as they were
        values = {**channel, "contact_id": undo.kept_id}
        if _column("SELECT 1 FROM contact_channel WHERE id = ?", [channel["id"]]):
            del values["id"]
        bulk.insert_rows("contact_channel", list(values), [list(values.values())])
    known = set(_column("SELECT id FROM tag", []))
    bulk.insert_rows(
        "contact_tag",
        ("contact_id", "tag_id"),
        [(undo.kept_id, t) for t in undo.kept_tags if t in known],
    )


__all__ = ["MergeUndo", "merge_contacts", "undo_merge"]
