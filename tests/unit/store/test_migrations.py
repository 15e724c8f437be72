"""Numbered migrations: versions, the copy taken first, one transaction per step, and the
models agreeing with the DDL column for column."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import peewee
import pytest

from journal.store import Journal, JournalTooNewError, StoreError, open_journal
from journal.store import migrations as migrations_module
from journal.store.database import APPLICATION_ID
from journal.store.location import backups_dir, journal_path
from journal.store.migrations import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    check_not_too_new,
    copy_aside,
    migrate,
    pending,
    schema_version,
)
from journal.store.models import ALL_MODELS, Contact
from journal.store.schema_v1 import split_sql, statements

Opener = Callable[[Path], Journal]


def _tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {r[0] for r in rows}


def _columns(db: peewee.Database, table: str) -> list[str]:
    return [row[1] for row in db.execute_sql(f"PRAGMA table_info({table})")]


def _with_extra_steps(monkeypatch: pytest.MonkeyPatch, *steps: Migration) -> None:
    chain = (*MIGRATIONS, *steps)
    monkeypatch.setattr(migrations_module, "MIGRATIONS", chain)
    monkeypatch.setattr(migrations_module, "SCHEMA_VERSION", chain[-1].version)


def _add_pronouns(db: peewee.Database) -> None:
    db.execute_sql("ALTER TABLE contact ADD COLUMN pronouns TEXT NOT NULL DEFAULT ''")


def _make_v1_journal(home: Path, opener: Opener, name: str = "Jane") -> None:
    journal = opener(home)
    Contact.insert(
        given_name=name,
        display_name=name,
        sort_name=name.lower(),
        created_at="2026-01-01T00:00:00.000000Z",
        updated_at="2026-01-01T00:00:00.000000Z",
    ).execute()
    journal.close()


# -- the chain ----------------------------------------------------------------------------------


def test_versions_are_numbered_one_by_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert MIGRATIONS[-1].version == SCHEMA_VERSION
    assert all(m.description for m in MIGRATIONS)


def test_a_fresh_journal_is_at_the_latest_version(journal: Journal) -> None:
    assert schema_version(journal.db) == SCHEMA_VERSION
    assert pending(journal.db) == []
    assert migrate(journal.db, journal.path, backups_dir(journal.home)) == []


def test_an_empty_database_is_at_version_zero_with_everything_pending(tmp_path: Path) -> None:
    db = peewee.SqliteDatabase(str(tmp_path / "empty.sqlite3"))
    db.connect()
    try:
        assert schema_version(db) == 0
        assert pending(db) == list(MIGRATIONS)
        applied = migrate(db, tmp_path / "empty.sqlite3", tmp_path / "backups")
        assert applied == list(MIGRATIONS)
        assert schema_version(db) == SCHEMA_VERSION
        # Version 0 holds nothing worth copying.
        assert not (tmp_path / "backups").exists()
    finally:
        db.close()


def test_check_not_too_new(journal: Journal) -> None:
    check_not_too_new(journal.db, journal.path)  # the current version is fine
    journal.db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(JournalTooNewError, match="newer"):
        check_not_too_new(journal.db, journal.path)
    with pytest.raises(JournalTooNewError):
        migrate(journal.db, journal.path, backups_dir(journal.home))
    assert schema_version(journal.db) == SCHEMA_VERSION + 5


# -- a migration of an older file ---------------------------------------------------------------


def test_migrating_copies_the_old_file_aside_first(
    home: Path, opener: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    _make_v1_journal(home, opener)
    seen_copies: list[list[Path]] = []

    def step(db: peewee.Database) -> None:
        # The copy must already exist when the step starts changing the file.
        seen_copies.append(sorted(backups_dir(home).glob("*.sqlite3")))
        _add_pronouns(db)

    _with_extra_steps(monkeypatch, Migration(SCHEMA_VERSION + 1, "pronouns", step))

    journal = opener(home)

    assert seen_copies and len(seen_copies[0]) == 1
    assert schema_version(journal.db) == SCHEMA_VERSION + 1
    assert "pronouns" in _columns(journal.db, "contact")
    assert Contact.select().count() == 1

    copies = sorted(backups_dir(home).glob("*.sqlite3"))
    assert len(copies) == 1
    copy = copies[0]
    assert f"schema{SCHEMA_VERSION}" in copy.name
    connection = sqlite3.connect(copy)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        columns = [r[1] for r in connection.execute("PRAGMA table_info(contact)")]
        assert "pronouns" not in columns
        assert connection.execute("SELECT given_name FROM contact").fetchall() == [("Jane",)]
    finally:
        connection.close()


def test_a_migrated_journal_reopens_without_a_second_copy(
    home: Path, opener: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    _make_v1_journal(home, opener)
    _with_extra_steps(monkeypatch, Migration(SCHEMA_VERSION + 1, "pronouns", _add_pronouns))
    opener(home).close()
    journal = opener(home)
    assert schema_version(journal.db) == SCHEMA_VERSION + 1
    assert len(list(backups_dir(home).glob("*.sqlite3"))) == 1


def test_a_failing_step_rolls_back_and_keeps_the_version(
    home: Path, opener: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    _make_v1_journal(home, opener)

    def half_done(db: peewee.Database) -> None:
        _add_pronouns(db)
        db.execute_sql("CREATE TABLE half_done (x)")
        db.execute_sql("UPDATE contact SET given_name = 'changed'")
        raise RuntimeError("step failed half way")

    _with_extra_steps(monkeypatch, Migration(SCHEMA_VERSION + 1, "broken", half_done))

    with pytest.raises(RuntimeError, match="half way"):
        open_journal(home)

    connection = sqlite3.connect(journal_path(home))
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "half_done" not in _tables(connection)
        columns = [r[1] for r in connection.execute("PRAGMA table_info(contact)")]
        assert "pronouns" not in columns
        assert connection.execute("SELECT given_name FROM contact").fetchall() == [("Jane",)]
    finally:
        connection.close()
    # The copy was taken before the step ran, and is still there to fall back on.
    assert len(list(backups_dir(home).glob("*.sqlite3"))) == 1


def test_a_failing_sql_step_is_reported_as_a_store_error(
    home: Path, opener: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    _make_v1_journal(home, opener)

    def bad_sql(db: peewee.Database) -> None:
        db.execute_sql("CREATE TABLE extra (x)")
        db.execute_sql("ALTER TABLE no_such_table ADD COLUMN y TEXT")

    _with_extra_steps(monkeypatch, Migration(SCHEMA_VERSION + 1, "bad sql", bad_sql))

    with pytest.raises(StoreError):
        open_journal(home)
    connection = sqlite3.connect(journal_path(home))
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "extra" not in _tables(connection)
    finally:
        connection.close()


def test_each_step_is_its_own_transaction(
    home: Path, opener: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    _make_v1_journal(home, opener)

    def fails(db: peewee.Database) -> None:
        db.execute_sql("CREATE TABLE never (x)")
        raise RuntimeError("second step fails")

    _with_extra_steps(
        monkeypatch,
        Migration(SCHEMA_VERSION + 1, "pronouns", _add_pronouns),
        Migration(SCHEMA_VERSION + 2, "fails", fails),
    )
    with pytest.raises(RuntimeError):
        open_journal(home)

    connection = sqlite3.connect(journal_path(home))
    try:
        # The first step is kept, with its version; the second left no trace.
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert "pronouns" in [r[1] for r in connection.execute("PRAGMA table_info(contact)")]
        assert "never" not in _tables(connection)
    finally:
        connection.close()

    # Once the broken step is fixed, the journal opens and finishes the chain.
    _with_extra_steps(
        monkeypatch,
        Migration(SCHEMA_VERSION + 1, "pronouns", _add_pronouns),
        Migration(SCHEMA_VERSION + 2, "fixed", lambda db: db.execute_sql("CREATE TABLE fine (x)")),
    )
    journal = opener(home)
    assert schema_version(journal.db) == SCHEMA_VERSION + 2
    assert "fine" in {r[0] for r in journal.db.execute_sql("SELECT name FROM sqlite_master")}


def test_copy_aside_names_the_version_and_is_a_full_copy(journal: Journal, tmp_path: Path) -> None:
    Contact.insert(
        given_name="Omar",
        display_name="Omar",
        sort_name="omar",
        created_at="2026-01-01T00:00:00.000000Z",
        updated_at="2026-01-01T00:00:00.000000Z",
    ).execute()
    target = copy_aside(journal.db, journal.path, tmp_path / "copies")
    assert target.parent == tmp_path / "copies"
    assert f"schema{SCHEMA_VERSION}" in target.name
    connection = sqlite3.connect(target)
    try:
        assert connection.execute("SELECT display_name FROM contact").fetchall() == [("Omar",)]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        connection.close()


# -- the DDL ------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_model_columns_match_the_migrated_tables(journal: Journal, model: type) -> None:
    table = model._meta.table_name
    info = {row[1]: row for row in journal.db.execute_sql(f"PRAGMA table_info({table})")}
    assert info, f"no table {table}"
    fields = {f.column_name: f for f in model._meta.sorted_fields}
    assert set(fields) == set(info)
    for column, field in fields.items():
        not_null = bool(info[column][3]) or bool(info[column][5])  # NOT NULL, or primary key
        assert not_null == (not field.null), f"{table}.{column} nullability differs"


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_model_foreign_keys_match_the_migrated_tables(journal: Journal, model: type) -> None:
    table = model._meta.table_name
    stored = {
        row[3]: (row[2], row[4], row[6].upper())
        for row in journal.db.execute_sql(f"PRAGMA foreign_key_list({table})")
    }
    declared = {
        f.column_name: (
            f.rel_model._meta.table_name,
            f.rel_field.column_name,
            (f.on_delete or "NO ACTION").upper(),
        )
        for f in model._meta.refs
    }
    assert declared == stored


def test_every_model_has_a_table_and_no_table_lacks_a_model(journal: Journal) -> None:
    rows = journal.db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    )
    real_tables = {r[0] for r in rows if not r[0].startswith(("contact_fts", "interaction_fts"))}
    assert real_tables == {m._meta.table_name for m in ALL_MODELS}


def test_unique_model_fields_are_unique_in_the_schema(journal: Journal) -> None:
    for model in ALL_MODELS:
        table = model._meta.table_name
        unique_sets = []
        for index in journal.db.execute_sql(f"PRAGMA index_list({table})").fetchall():
            if index[2]:
                cols = journal.db.execute_sql(f"PRAGMA index_info({index[1]})").fetchall()
                unique_sets.append([c[2] for c in cols])
        for field in model._meta.sorted_fields:
            if field.unique:
                assert [field.column_name] in unique_sets, f"{table}.{field.column_name}"


def test_split_sql_keeps_trigger_bodies_whole() -> None:
    parts = statements()
    triggers = [p for p in parts if p.lstrip().upper().startswith("CREATE TRIGGER")]
    assert len(triggers) == 12
    for part in parts:
        assert sqlite3.complete_statement(part), part
        assert part.rstrip().endswith(";")
    for trigger in triggers:
        assert trigger.rstrip().upper().endswith("END;")


def test_split_sql_on_a_small_script() -> None:
    script = """
CREATE TABLE a (x);

CREATE TRIGGER t AFTER INSERT ON a BEGIN
  INSERT INTO a VALUES (1);
  DELETE FROM a;
END;
CREATE TABLE b (y);
"""
    assert split_sql(script) == [
        "CREATE TABLE a (x);",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  INSERT INTO a VALUES (1);\n"
        "  DELETE FROM a;\nEND;",
        "CREATE TABLE b (y);",
    ]


def test_a_failed_first_migration_does_not_lock_the_user_out(
    home: Path, opener: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_chain = MIGRATIONS

    def interrupted(db: peewee.Database) -> None:
        real_chain[0].apply(db)
        raise RuntimeError("power cut during the first migration")

    monkeypatch.setattr(migrations_module, "MIGRATIONS", (Migration(1, "initial", interrupted),))
    with pytest.raises(RuntimeError):
        open_journal(home)

    # The next start, with a working chain, must finish creating the journal rather than
    # refuse the half-made file as "not a Contact Journal".
    monkeypatch.setattr(migrations_module, "MIGRATIONS", real_chain)
    journal = opener(home)
    assert schema_version(journal.db) == SCHEMA_VERSION
    assert journal.db.execute_sql("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert Contact.select().count() == 0
