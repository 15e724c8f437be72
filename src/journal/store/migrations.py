"""Numbered schema migrations: an ordered chain of steps, each applied in one transaction.

We keep the chain in code rather than in a directory of scripts (playhouse.migrations)
because a frozen PyInstaller bundle has no directory of .py files to glob. The schema
version lives in SQLite's own `PRAGMA user_version`, so it travels with the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import peewee

from journal.store.errors import JournalTooNewError
from journal.store.rows import connection, run_sql

if TYPE_CHECKING:
    from journal.store.schema_v5 import Folds

# Each step imports its frozen schema module when it runs: opening a journal that is up to
# date (every start of the app) needs none of them (step 6's script test alone compiles a
# regular expression of about 2 ms).


@dataclass(frozen=True)
class Migration:
    """One step of the schema: the version it produces and how to get there."""

    version: int
    description: str
    apply: Callable[[peewee.Database], None]


def _run_statements(db: peewee.Database, step: ModuleType) -> None:
    """Run every statement of a schema step's frozen module, in order."""
    for statement in step.statements():
        run_sql(db, statement)


def _initial_schema(db: peewee.Database) -> None:
    from journal.store import schema_v1

    _run_statements(db, schema_v1)


def _reminders_and_introductions(db: peewee.Database) -> None:
    from journal.store import schema_v2

    _run_statements(db, schema_v2)


def _lighter_contact_indexes(db: peewee.Database) -> None:
    from journal.store import schema_v3

    _run_statements(db, schema_v3)


def _participant_times(db: peewee.Database) -> None:
    from journal.store import schema_v4

    _run_statements(db, schema_v4)


def _plain_letters(db: peewee.Database) -> None:
    from journal.store import schema_v5

    _run_statements(db, schema_v5)
    _refold(db, schema_v5.LETTER_FOLDS)


def _arabic_letters(db: peewee.Database) -> None:
    from journal.store import schema_v7

    _run_statements(db, schema_v7)
    _refold(db, schema_v7.ARABIC_FOLDS)


def _plain_timeline(db: peewee.Database) -> None:
    from journal.store import schema_v8

    _run_statements(db, schema_v8)
    _reindex_entries_holding(db, schema_v8.FOLDS)


def _every_text_plain(db: peewee.Database) -> None:
    from journal.store import schema_v9

    _run_statements(db, schema_v9)
    # Every text of a contact now has its copy: the contacts with a letter that folds in
    # any of them are re-indexed by their update trigger, which reads the new view.
    texts = run_sql(
        db,
        "SELECT id, display_name || ' ' || given_name || ' ' || family_name || ' ' || "
        "nickname || ' ' || organisation || ' ' || title || ' ' || notes || ' ' || how_met "
        "|| ' ' || where_met || ' ' || first_impression || ' ' || needs || ' ' || offers "
        "FROM contact UNION ALL SELECT contact_id, value FROM contact_channel "
        "UNION ALL SELECT ct.contact_id, t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id",
    ).fetchall()
    changed = _ids_holding(schema_v9.FOLDS, texts)
    connection(db).executemany("UPDATE contact SET notes = notes WHERE id = ?", changed)
    _reindex_entries_holding(db, schema_v9.GREEK_AND_CYRILLIC_FOLDS)


def _people_in_the_timeline(db: peewee.Database) -> None:
    from journal.store import schema_v10

    _run_statements(db, schema_v10)


def _phone_digits(db: peewee.Database) -> None:
    from journal.store import schema_v11

    _run_statements(db, schema_v11)


def _ids_holding(folds: Folds, texts: list[tuple[int, str | None]]) -> list[tuple[int]]:
    """The ids whose text holds a letter of `folds`, each once and in order."""
    letters = {letter for letter, _plain in folds}
    holding = {
        row_id
        for row_id, text in texts
        if text is not None and not text.isascii() and not letters.isdisjoint(text)
    }
    return [(row_id,) for row_id in sorted(holding)]


def _reindex_entries_holding(db: peewee.Database, folds: Folds) -> None:
    """Re-index the timeline entries with a letter of `folds` (a step's new letters).

    Their update trigger reads the step's view; the others' entries are the same either way.
    """
    texts = run_sql(db, "SELECT id, summary || ' ' || notes FROM interaction").fetchall()
    changed = _ids_holding(folds, texts)
    connection(db).executemany("UPDATE interaction SET summary = summary WHERE id = ?", changed)


def _refold(db: peewee.Database, folds: Folds) -> None:
    """The sort names and search entries of the contacts whose texts hold a letter of
    `folds` (a step's new letters; the others are as they were), as the app folds now."""
    from journal.store.folding import match_key

    letters = {letter for letter, _plain in folds}
    changed = [
        (match_key(shown), contact_id)
        for contact_id, shown, *fields in run_sql(
            db,
            "SELECT id, display_name, given_name, family_name, nickname, organisation, title "
            "FROM contact",
        ).fetchall()
        if any(
            text and not text.isascii() and not letters.isdisjoint(text)
            for text in (shown, *fields)
        )
    ]
    # The update trigger (contact_fts_au) rebuilds each updated contact's search entry from
    # the new view, so the organisations' plain copies come in with the names'.
    connection(db).executemany("UPDATE contact SET sort_name = ? WHERE id = ?", changed)


def _family_name_first(db: peewee.Database) -> None:
    # No change of tables: the contacts with a CJK given and family name are shown, and
    # sorted, family name first (王小明, not "小明 王"). The update trigger (contact_fts_au)
    # rebuilds each one's search entry.
    from journal.store import schema_v6

    names = run_sql(
        db,
        "SELECT id, given_name, family_name FROM contact "
        "WHERE given_name != '' AND family_name != ''",
    ).fetchall()
    connection(db).executemany(
        "UPDATE contact SET display_name = ?, sort_name = ? WHERE id = ?",
        schema_v6.shown_family_first(names),
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _initial_schema),
    Migration(2, "snoozed reminders, dismissed introductions", _reminders_and_introductions),
    Migration(3, "lighter contact indexes", _lighter_contact_indexes),
    Migration(4, "each participant keeps its interaction's time", _participant_times),
    Migration(5, "ł, ø, ß and their kind found in plain Latin too", _plain_letters),
    Migration(6, "CJK names shown family name first", _family_name_first),
    Migration(7, "Arabic and Persian names found however they are typed", _arabic_letters),
    Migration(8, "timeline entries found however their letters are typed", _plain_timeline),
    Migration(9, "every text found in plain letters; Greek accents, ё", _every_text_plain),
    Migration(10, "timeline entries found by their people's names too", _people_in_the_timeline),
    Migration(11, "phone numbers found by their digits", _phone_digits),
)

SCHEMA_VERSION = MIGRATIONS[-1].version


def schema_version(db: peewee.Database) -> int:
    """The version stored in the file (0 for a brand-new, empty file)."""
    return int(run_sql(db, "PRAGMA user_version").fetchone()[0])


def check_not_too_new(db: peewee.Database, path: Path) -> None:
    """Refuse, without touching it, a journal written by a newer version of the app."""
    found = schema_version(db)
    if found > SCHEMA_VERSION:
        raise JournalTooNewError(
            f"{path} was written by a newer version of Contact Journal (schema {found}; "
            f"this version knows up to {SCHEMA_VERSION}). Update the app to open it; "
            "the file has not been changed."
        )


def pending(db: peewee.Database) -> list[Migration]:
    """The steps still to apply to this file, in order."""
    current = schema_version(db)
    return [m for m in MIGRATIONS if m.version > current]


def copy_aside(
    db: peewee.Database, path: Path, backup_folder: Path, passphrase: str | None = None
) -> Path:
    """Copy the journal with SQLite's online backup API before a migration touches it.

    An encrypted journal's copy is encrypted with the same key.
    """
    from journal.store.backup import BEFORE_MIGRATION, backup_name, copy_connection
    from journal.store.location import make_private_folder

    make_private_folder(backup_folder)
    now = dt.datetime.now(dt.timezone.utc)
    reason = f"{BEFORE_MIGRATION}-schema{schema_version(db)}"
    target = backup_folder / backup_name(now, reason)
    partial = target.with_name(target.name + ".partial")
    copy_connection(connection(db), partial, passphrase)
    partial.replace(target)
    return target


def migrate(
    db: peewee.Database, path: Path, backup_folder: Path, passphrase: str | None = None
) -> list[Migration]:
    """Bring the file up to SCHEMA_VERSION; returns the steps applied."""
    check_not_too_new(db, path)
    steps = pending(db)
    if not steps:
        return []
    if schema_version(db) > 0:
        copy_aside(db, path, backup_folder, passphrase)
    for step in steps:
        with db.atomic():
            step.apply(db)
            # PRAGMA cannot take parameters; the value is our own int.
            run_sql(db, f"PRAGMA user_version = {int(step.version)}")
    return steps
