"""Schema step 4: each participant row keeps its interaction's time, filled in on upgrade and
kept in step by triggers whatever a writer does; the last contact of each person is read
off one index."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import peewee

from journal.core.keep_in_touch import last_contacts
from journal.store import Journal
from journal.store.fields import parse_utc
from journal.store.location import backups_dir
from journal.store.migrations import SCHEMA_VERSION, schema_version
from journal.store.models import Contact
from journal.store.rows import run_sql

Opener = Callable[..., Journal]
STAMP = "2026-01-01T00:00:00.000000Z"
EARLY, LATE = "2024-03-01T09:00:00.000000Z", "2025-07-14T18:30:00.000000Z"


def _person(name: str) -> int:
    return int(
        Contact.insert(
            given_name=name, display_name=name, sort_name=name.lower(), created_at=STAMP,
            updated_at=STAMP,
        ).execute()
    )  # fmt: skip


def _entry(db: peewee.Database, when: str, *people: int) -> int:
    cursor = run_sql(
        db,
        "INSERT INTO interaction (kind, occurred_at, created_at, updated_at) "
        "VALUES ('call', ?, ?, ?)",
        [when, STAMP, STAMP],
    )
    entry = int(cursor.lastrowid or 0)
    for person in people:
        run_sql(
            db,
            "INSERT INTO interaction_participant (interaction_id, contact_id) VALUES (?, ?)",
            [entry, person],
        )
    return entry


def _make_v3_journal(home: Path, opener: Opener) -> dict[str, int]:
    old = opener(home, version=3)
    jane, omar, priya = _person("Jane"), _person("Omar"), _person("Priya")
    _entry(old.db, EARLY, jane, omar)
    _entry(old.db, LATE, jane)
    old.close()
    return {"jane": jane, "omar": omar, "priya": priya}


def _times(db: peewee.Database) -> list[tuple[int, int, str | None]]:
    return list(
        run_sql(
            db,
            "SELECT interaction_id, contact_id, occurred_at FROM interaction_participant "
            "ORDER BY interaction_id, contact_id",
        )
    )


def _out_of_step(db: peewee.Database) -> int:
    """Participant rows whose time is not their interaction's."""
    return int(
        run_sql(
            db,
            "SELECT COUNT(*) FROM interaction_participant p "
            "JOIN interaction i ON i.id = p.interaction_id "
            "WHERE p.occurred_at IS NOT i.occurred_at",
        ).fetchone()[0]
    )


def _plan(db: peewee.Database, sql: str, params: list[object] | None = None) -> str:
    return " | ".join(str(r[3]) for r in run_sql(db, f"EXPLAIN QUERY PLAN {sql}", params or []))


def test_upgrading_a_version_3_journal(home: Path, opener: Opener) -> None:
    people = _make_v3_journal(home, opener)
    jane, omar = people["jane"], people["omar"]

    journal = opener(home)

    assert schema_version(journal.db) == SCHEMA_VERSION  # step 4, and every step after it
    assert _times(journal.db) == [(1, jane, EARLY), (1, omar, EARLY), (2, jane, LATE)]
    assert last_contacts() == {jane: parse_utc(LATE), omar: parse_utc(EARLY)}
    assert last_contacts(omar) == {omar: parse_utc(EARLY)}
    assert run_sql(journal.db, "PRAGMA integrity_check").fetchone()[0] == "ok"
    indexes = {r[1] for r in run_sql(journal.db, "PRAGMA index_list(interaction_participant)")}
    assert "interaction_participant_contact_id" not in indexes  # replaced, not doubled
    assert "interaction_participant_contact_time" in indexes
    # The version 3 file was copied aside before the step ran.
    (copy,) = backups_dir(home).glob("*schema3*.sqlite3")
    connection = sqlite3.connect(copy)
    try:
        columns = [r[1] for r in connection.execute("PRAGMA table_info(interaction_participant)")]
        assert "occurred_at" not in columns
    finally:
        connection.close()


def test_upgrading_an_encrypted_version_3_journal(
    home: Path, opener: Opener, encrypt_and_open: Opener
) -> None:
    from journal.store import crypto

    people = _make_v3_journal(home, opener)
    journal = encrypt_and_open(home)
    try:
        assert schema_version(journal.db) == SCHEMA_VERSION
        assert last_contacts() == {
            people["jane"]: parse_utc(LATE),
            people["omar"]: parse_utc(EARLY),
        }
        assert _out_of_step(journal.db) == 0
        # The triggers came along: a new entry's participants get its time.
        _entry(journal.db, STAMP, people["priya"])
        assert last_contacts(people["priya"]) == {people["priya"]: parse_utc(STAMP)}
    finally:
        journal.close()
    (copy,) = backups_dir(home).glob("*schema3*.sqlite3")
    assert crypto.is_encrypted(copy)


def test_the_triggers_keep_every_time_right(journal: Journal) -> None:
    db = journal.db
    jane, omar = _person("Jane"), _person("Omar")
    first = _entry(db, EARLY, jane)  # inserted without its time
    assert _times(db) == [(first, jane, EARLY)]
    # A wrong time given by a writer is put right.
    run_sql(
        db,
        "INSERT INTO interaction_participant (interaction_id, contact_id, occurred_at) "
        "VALUES (?, ?, ?)",
        [first, omar, LATE],
    )
    assert _times(db) == [(first, jane, EARLY), (first, omar, EARLY)]
    # Moving the entry moves every row of it; so does changing a row's entry or its time.
    run_sql(db, "UPDATE interaction SET occurred_at = ? WHERE id = ?", [LATE, first])
    assert _times(db) == [(first, jane, LATE), (first, omar, LATE)]
    second = _entry(db, EARLY)
    run_sql(
        db,
        "UPDATE interaction_participant SET interaction_id = ? WHERE contact_id = ?",
        [second, omar],
    )
    run_sql(
        db, "UPDATE interaction_participant SET occurred_at = ? WHERE contact_id = ?", [STAMP, jane]
    )
    assert _times(db) == [(first, jane, LATE), (second, omar, EARLY)]
    # A restore may insert participants before their entry (foreign keys deferred).
    with db.atomic():
        run_sql(db, "PRAGMA defer_foreign_keys = ON")
        run_sql(
            db,
            "INSERT INTO interaction_participant (interaction_id, contact_id) VALUES (9, ?)",
            [jane],
        )
        run_sql(
            db,
            "INSERT INTO interaction (id, kind, occurred_at, created_at, updated_at) "
            "VALUES (9, 'call', ?, ?, ?)",
            [STAMP, STAMP, STAMP],
        )
    assert (9, jane, STAMP) in _times(db)
    assert _out_of_step(db) == 0
    run_sql(db, "DELETE FROM interaction WHERE id = ?", [first])  # deletes still cascade
    assert [row[0] for row in _times(db)] == [second, 9]


def test_the_last_contact_queries_read_one_index(journal: Journal) -> None:
    db = journal.db
    everyone = _plan(
        db, "SELECT contact_id, MAX(occurred_at) FROM interaction_participant GROUP BY contact_id"
    )
    assert (
        everyone
        == "SCAN interaction_participant USING COVERING INDEX interaction_participant_contact_time"
    )
    one = _plan(
        db,
        "SELECT c.id, (SELECT MAX(p.occurred_at) FROM interaction_participant p "
        "WHERE p.contact_id = c.id) FROM contact c",
    )
    assert (
        "SEARCH p USING COVERING INDEX interaction_participant_contact_time (contact_id=?)" in one
    )
    assert "interaction " not in one.replace("interaction_participant", "")
