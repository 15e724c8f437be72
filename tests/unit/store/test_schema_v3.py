"""Schema step 3: a journal made by step 2 gets the lighter contact indexes and a rebuilt
search index, keeping everything it held and finding everyone it found."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from journal.core.contact_queries import ContactFilter, contact_ids
from journal.store import Journal
from journal.store.location import backups_dir
from journal.store.migrations import SCHEMA_VERSION, schema_version
from journal.store.models import Contact, ContactChannel, ContactTag, Tag
from journal.store.rows import run_sql

Opener = Callable[..., Journal]
STAMP = "2026-01-01T00:00:00.000000Z"


def _person(given: str, family: str, **fields: object) -> int:
    shown = f"{given} {family}"
    return int(
        Contact.insert(
            given_name=given,
            family_name=family,
            display_name=shown,
            sort_name=shown.lower(),
            created_at=STAMP,
            updated_at=STAMP,
            **fields,
        ).execute()
    )


def _make_v2_journal(home: Path, opener: Opener) -> dict[str, int]:
    old = opener(home, version=2)
    jane = _person("Jane", "Doe", organisation="Northwind", vcard_uid="uid-jane")
    omar = _person("Omar", "Haddad", met_through=jane)
    ContactChannel.insert(contact=omar, kind="email", value="omar@kite.example").execute()
    tag = Tag.insert(name="Speaker").execute()
    ContactTag.insert(contact=jane, tag=tag).execute()
    old.close()
    return {"jane": jane, "omar": omar}


def _found(search: str) -> list[int]:
    return contact_ids(ContactFilter(search=search))


def _indexes(journal: Journal) -> dict[str, str]:
    rows = run_sql(
        journal.db,
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contact'",
    )
    return {name: sql or "" for name, sql in rows}


def test_upgrading_a_version_2_journal(home: Path, opener: Opener) -> None:
    people = _make_v2_journal(home, opener)
    jane, omar = people["jane"], people["omar"]

    journal = opener(home)

    assert schema_version(journal.db) == SCHEMA_VERSION  # step 3, and every step after it
    # Everyone is found as before, by one letter, two, three or a whole word.
    assert _found("j") == [jane]
    assert _found("no") == [jane]  # Northwind
    assert _found("kit") == [omar]  # the e-mail
    assert _found("speaker") == [jane]  # the tag
    assert _found("omar haddad") == [omar]
    assert run_sql(journal.db, "PRAGMA integrity_check").fetchone()[0] == "ok"
    check = "INSERT INTO contact_fts (contact_fts) VALUES ('integrity-check')"
    run_sql(journal.db, check)  # raises if the index disagrees with its rows
    # The search index stays in step with later writes (the triggers were kept).
    Contact.update(organisation="Kestrel").where(Contact.id == jane).execute()
    assert _found("kes") == [jane]
    assert _found("northw") == []
    # The version 2 file was copied aside before the step ran.
    copies = list(backups_dir(home).glob("*schema2*.sqlite3"))
    assert len(copies) == 1
    connection = sqlite3.connect(copies[0])
    try:
        names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        assert "contact_archived" in names
    finally:
        connection.close()


def test_the_lighter_indexes_still_do_their_jobs(home: Path, opener: Opener) -> None:
    people = _make_v2_journal(home, opener)
    journal = opener(home)

    indexes = _indexes(journal)
    assert "contact_archived" not in indexes  # contact_sort_name (archived, ...) serves it
    channel_indexes = {
        row[1] for row in run_sql(journal.db, "PRAGMA index_list(contact_channel)").fetchall()
    }
    assert channel_indexes == {"contact_channel_contact_id"}  # no lookups by value
    assert "WHERE met_through_id IS NOT NULL" in indexes["contact_met_through_id"]
    assert "WHERE vcard_uid IS NOT NULL" in indexes["contact_vcard_uid"]
    # A UID is still unique; contacts without one are as many as you like.
    with pytest.raises(Exception, match="UNIQUE"):
        _person("Jane", "Again", vcard_uid="uid-jane")
    _person("No", "Card")
    _person("Nor", "This")
    # Deleting an introducer still clears the link (the foreign key's action).
    Contact.delete().where(Contact.id == people["jane"]).execute()
    assert Contact.get_by_id(people["omar"]).met_through_id is None
    plan = " ".join(
        str(row[3])
        for row in run_sql(
            journal.db, "EXPLAIN QUERY PLAN SELECT id FROM contact WHERE met_through_id = ?", [1]
        )
    )
    assert "contact_met_through_id" in plan


def test_upgrading_an_encrypted_version_2_journal(
    home: Path, opener: Opener, encrypt_and_open: Opener
) -> None:
    from journal.store import crypto

    people = _make_v2_journal(home, opener)
    journal = encrypt_and_open(home)
    try:
        assert schema_version(journal.db) == SCHEMA_VERSION  # step 3, and every step after it
        assert _found("j") == [people["jane"]]
        assert _found("kit") == [people["omar"]]
        assert "contact_archived" not in _indexes(journal)
        assert run_sql(journal.db, "PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        journal.close()
    (copy,) = backups_dir(home).glob("*schema2*.sqlite3")
    assert crypto.is_encrypted(copy)  # the copy taken first keeps the journal's key
