"""Opening a journal: pragmas, identity, refusing files that are not ours, reopening."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from journal.store import (
    Journal,
    JournalTooNewError,
    JournalUnavailableError,
    NotAJournalError,
    StoreError,
    open_journal,
)
from journal.store.database import APPLICATION_ID, INTERACTIVE_CACHE_KIB, PRAGMAS
from journal.store.location import JOURNAL_FILE, backups_dir, journal_path
from journal.store.migrations import SCHEMA_VERSION
from journal.store.models import Contact, database_proxy

Opener = Callable[[Path], Journal]


def _state(path: Path) -> tuple[str, int, int]:
    """What must not change when a file is refused: its bytes, size and mtime."""
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns


def _files(home: Path) -> list[str]:
    """The folder's files, less the writer lock's file (which is not part of the journal)."""
    return sorted(p.name for p in home.iterdir() if not p.name.endswith(".lock"))


def _pragma(journal: Journal, name: str) -> object:
    return journal.db.execute_sql(f"PRAGMA {name}").fetchone()[0]


# -- a new journal ------------------------------------------------------------------------------


def test_opening_creates_the_journal_file_in_home(home: Path, opener: Opener) -> None:
    assert not home.exists()
    journal = opener(home)
    assert journal.home == home
    assert journal.path == home / JOURNAL_FILE == journal_path(home)
    assert journal.path.is_file()
    assert journal.path.stat().st_size > 0


def test_opening_creates_missing_parent_folders(tmp_path: Path, opener: Opener) -> None:
    home = tmp_path / "a" / "b" / "c"
    journal = opener(home)
    assert journal.path.is_file()


def test_connection_pragmas(journal: Journal) -> None:
    assert str(_pragma(journal, "journal_mode")).lower() == "wal"
    assert _pragma(journal, "foreign_keys") == 1
    assert _pragma(journal, "synchronous") == 1  # NORMAL
    assert _pragma(journal, "busy_timeout") == 5000
    assert _pragma(journal, "application_id") == APPLICATION_ID
    assert _pragma(journal, "user_version") == SCHEMA_VERSION
    assert _pragma(journal, "cache_size") == PRAGMAS["cache_size"]


def test_use_cache_sets_this_threads_cache_only(journal: Journal) -> None:
    journal.use_cache(INTERACTIVE_CACHE_KIB)
    assert _pragma(journal, "cache_size") == -INTERACTIVE_CACHE_KIB
    seen: list[object] = []

    def other_thread() -> None:  # a worker opens its own connection, with the store's cache
        seen.append(_pragma(journal, "cache_size"))
        journal.db.close()

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join()
    assert seen == [PRAGMAS["cache_size"]]


def test_reopening_keeps_the_cache_given(journal: Journal) -> None:
    journal.use_cache(1234)
    journal.reopen()
    assert _pragma(journal, "cache_size") == -1234


def test_identity_and_wal_are_stored_in_the_file(
    journal: Journal, raw_pragma: Callable[[Path, str], object]
) -> None:
    journal.close()
    # A different connection sees what was written into the file header.
    assert raw_pragma(journal.path, "application_id") == APPLICATION_ID
    assert raw_pragma(journal.path, "user_version") == SCHEMA_VERSION
    assert str(raw_pragma(journal.path, "journal_mode")).lower() == "wal"
    with journal.path.open("rb") as handle:
        assert handle.read(16) == b"SQLite format 3\x00"


def test_application_id_spells_cjrn() -> None:
    assert APPLICATION_ID.to_bytes(4, "big") == b"CJRN"


def test_models_are_bound_to_the_opened_journal(journal: Journal) -> None:
    assert database_proxy.obj is journal.db
    assert Contact.select().count() == 0


def test_a_new_journal_takes_no_backup(journal: Journal) -> None:
    assert not backups_dir(journal.home).exists()


def test_an_empty_file_is_made_into_a_journal(home: Path, opener: Opener) -> None:
    home.mkdir(parents=True)
    journal_path(home).touch()
    journal = opener(home)
    assert _pragma(journal, "application_id") == APPLICATION_ID
    assert _pragma(journal, "user_version") == SCHEMA_VERSION


# -- reopening ----------------------------------------------------------------------------------


def test_reopening_keeps_the_data(
    home: Path, opener: Opener, write_contact: Callable[..., int]
) -> None:
    first = opener(home)
    cid = write_contact("Jane", "Doe")
    first.close()
    assert first.db.is_closed()

    second = opener(home)
    assert database_proxy.obj is second.db
    assert Contact.get_by_id(cid).display_name == "Jane Doe"
    assert _pragma(second, "user_version") == SCHEMA_VERSION
    assert not backups_dir(home).exists()  # nothing to migrate, nothing copied


def test_reopening_many_times_is_harmless(home: Path, opener: Opener) -> None:
    for _ in range(3):
        opener(home).close()
    journal = opener(home)
    assert _pragma(journal, "application_id") == APPLICATION_ID
    assert _pragma(journal, "user_version") == SCHEMA_VERSION


def test_close_twice_is_harmless(journal: Journal) -> None:
    journal.close()
    journal.close()
    assert journal.db.is_closed()


# -- files that are not ours --------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        os.urandom(4096),
        b"Dear diary,\nthis is not a database at all.\n" * 50,
        b"SQLite format 3\x00" + b"\xff" * 200,  # the right magic, then garbage
    ],
    ids=["random-bytes", "text", "broken-header"],
)
def test_a_non_sqlite_file_is_refused_and_left_unchanged(home: Path, content: bytes) -> None:
    home.mkdir(parents=True)
    path = journal_path(home)
    path.write_bytes(content)
    before = _state(path)

    with pytest.raises(NotAJournalError) as raised:
        open_journal(home)

    assert str(path) in str(raised.value)
    assert "not been changed" in str(raised.value)
    assert _state(path) == before
    assert path.read_bytes() == content
    assert _files(home) == [JOURNAL_FILE]


def _other_apps_database(path: Path, journal_mode: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode = {journal_mode}")
    connection.execute("PRAGMA application_id = 1234")
    connection.execute("PRAGMA user_version = 7")
    connection.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, title TEXT)")
    connection.execute("INSERT INTO recipe (title) VALUES ('pancakes')")
    connection.commit()
    connection.close()


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_another_apps_sqlite_file_is_refused_and_left_unchanged(
    home: Path, journal_mode: str
) -> None:
    home.mkdir(parents=True)
    path = journal_path(home)
    _other_apps_database(path, journal_mode)
    before = _state(path)

    with pytest.raises(NotAJournalError) as raised:
        open_journal(home)

    assert "not a Contact Journal" in str(raised.value)
    assert _state(path) == before
    assert _files(home) == [JOURNAL_FILE]  # no -wal/-shm left over
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == 1234
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 7
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == journal_mode
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        assert tables == {"recipe"}
    finally:
        connection.close()


def test_a_plain_sqlite_file_without_application_id_is_refused(home: Path) -> None:
    home.mkdir(parents=True)
    path = journal_path(home)
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    before = _state(path)

    with pytest.raises(NotAJournalError):
        open_journal(home)
    assert _state(path) == before


def test_a_folder_in_place_of_the_file_is_refused(home: Path) -> None:
    journal_path(home).mkdir(parents=True)
    with pytest.raises(NotAJournalError, match="folder"):
        open_journal(home)


def test_home_that_cannot_be_created_is_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    with pytest.raises(JournalUnavailableError):
        open_journal(blocker / "journal")
    assert blocker.read_text() == "in the way"


# -- a journal from a newer version -------------------------------------------------------------


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_journal_from_a_newer_version_is_refused_unchanged(
    home: Path, opener: Opener, write_contact: Callable[..., int], journal_mode: str
) -> None:
    journal = opener(home)
    write_contact("Jane", "Doe")
    journal.db.execute_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    journal.close()
    # A newer version may have chosen another journal mode; that must survive too.
    connection = sqlite3.connect(journal_path(home))
    connection.execute(f"PRAGMA journal_mode = {journal_mode}")
    connection.close()
    path = journal_path(home)
    before = _state(path)
    files_before = sorted(p.name for p in home.iterdir())

    with pytest.raises(JournalTooNewError) as raised:
        open_journal(home)

    message = str(raised.value)
    assert "newer" in message
    assert str(SCHEMA_VERSION + 1) in message
    assert "not been changed" in message
    assert _state(path) == before
    assert sorted(p.name for p in home.iterdir()) == files_before
    assert not backups_dir(home).exists()
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == journal_mode
    finally:
        connection.close()


def test_store_errors_share_a_base_class() -> None:
    for error in (NotAJournalError, JournalTooNewError, JournalUnavailableError):
        assert issubclass(error, StoreError)
