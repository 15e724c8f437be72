"""Store test helpers: opening journals outside the shared fixture, and raw rows for triggers."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from journal.store import Journal, migrations, open_journal
from journal.store.models import Contact

STAMP = dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def opener() -> Iterator[Callable[..., Journal]]:
    """open_journal() whose journals are all closed when the test ends.

    With `version`, the journal is opened as the app did at that schema step, the later
    steps unknown: an old journal for a step's upgrade test to fill.
    """
    opened: list[Journal] = []

    def open_it(home: Path, version: int | None = None) -> Journal:
        if version is None:
            journal = open_journal(home)
        else:
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:version])
                patch.setattr(migrations, "SCHEMA_VERSION", version)
                journal = open_journal(home)
            assert migrations.schema_version(journal.db) == version
        opened.append(journal)
        return journal

    yield open_it
    for journal in opened:
        journal.close()


PASSPHRASE = "a long enough passphrase"


def _encrypt_and_open(home: Path) -> Journal:
    from journal.store import crypto
    from journal.store.keys import GivenKey
    from journal.store.location import journal_path

    path = journal_path(home)
    encrypted = path.with_name("encrypted.sqlite3")
    crypto.export_copy(path, None, encrypted, PASSPHRASE)
    crypto.swap_in(encrypted, path)
    assert crypto.is_encrypted(path)
    return open_journal(home, GivenKey(PASSPHRASE))


@pytest.fixture
def encrypt_and_open() -> Callable[[Path], Journal]:
    """encrypt_and_open(home): encrypt the closed journal in place, open it with its key."""
    return _encrypt_and_open


def _raw_pragma(path: Path, name: str) -> object:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def raw_pragma() -> Callable[[Path, str], object]:
    """A PRAGMA read through a separate, read-only sqlite3 connection."""
    return _raw_pragma


def _new_contact(given: str, family: str = "", **values: object) -> int:
    shown = " ".join(p for p in (given, family) if p)
    row = {
        "given_name": given,
        "family_name": family,
        "display_name": shown,
        "sort_name": shown.casefold(),
        "created_at": STAMP,
        "updated_at": STAMP,
        **values,
    }
    return int(Contact.insert(**row).execute())


@pytest.fixture
def new_contact(journal: Journal) -> Callable[..., int]:
    """Write a contact row straight through the model (no core validation)."""
    return _new_contact


@pytest.fixture
def write_contact() -> Callable[..., int]:
    """Like new_contact, for tests that open their own journals (no shared one is opened)."""
    return _new_contact


@pytest.fixture
def stale_timeline_entries() -> Callable[[Journal], int]:
    """How many timeline search entries differ from what interaction_search_doc gives now,
    are missing, or have no entry (after an upgrade or any writes: none)."""

    def count(journal: Journal) -> int:
        return int(
            journal.db.execute_sql(
                "SELECT (SELECT count(*) FROM interaction_search_doc d "
                "  LEFT JOIN interaction_fts f ON f.rowid = d.id "
                "  WHERE f.rowid IS NULL OR f.summary <> d.summary OR f.notes <> d.notes "
                "  OR f.people <> d.people) "
                "+ (SELECT count(*) FROM interaction_fts "
                "  WHERE rowid NOT IN (SELECT id FROM interaction))"
            ).fetchone()[0]
        )

    return count
