"""A journal that cannot be written here: read as it is, every write refused, nothing changed.

The real thing runs in a child process without root's power to ignore permissions (see
`unprivileged`); the in-process tests make `can_write` say no, and SQLite's read-only mode
then refuses writes even to root.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from journal.core.contacts import ContactDraft, create_contact
from journal.store import Journal, open_journal, readonly
from journal.store import backup as backups
from journal.store.database import explain, is_database_error, opened_read_only
from journal.store.errors import ReadOnlyJournalError
from journal.store.location import backups_dir, journal_path
from journal.store.migrations import SCHEMA_VERSION
from journal.store.models import Contact

from .conftest import PASSPHRASE

Unprivileged = Any


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _journal_of(home: Path, *names: str) -> Path:
    journal = open_journal(home)
    for name in names:
        create_contact(ContactDraft(given_name=name))
    journal.close()
    return journal_path(home)


def _make_read_only(home: Path) -> None:
    for path in home.iterdir():
        path.chmod(0o444)
    home.chmod(0o555)


def _listing(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir())


def _refusal(unprivileged: Unprivileged, home: Path) -> str:
    """What opening the journal in `home` to read it says, as an unprivileged user."""
    return str(
        unprivileged.run(
            f"""
            from journal.store import open_journal
            from journal.store.errors import StoreError
            try:
                open_journal(Path({str(home)!r}), writer=False)
            except StoreError as error:
                print(type(error).__name__, error)
            """
        )
    )


def test_a_read_only_folder_is_read_and_every_write_refused(unprivileged: Unprivileged) -> None:
    home = unprivileged.folder / "journal"
    path = _journal_of(home, "Ada", "Grace")
    _make_read_only(home)
    before, files = _digest(path), _listing(home)
    out = unprivileged.run(
        f"""
        from journal.core.contacts import ContactDraft, create_contact
        from journal.store import open_journal
        from journal.store.database import explain
        from journal.store.errors import ReadOnlyJournalError
        from journal.store.models import Contact
        home = Path({str(home)!r})
        try:
            open_journal(home)
        except ReadOnlyJournalError as error:
            print("writer:", error)
        for journal in (open_journal(home, writer=False), open_journal(home, allow_read_only=True)):
            print("read_only", journal.read_only, "lock", journal.lock)
            print("names", sorted(c.given_name for c in Contact.select()))
            try:
                create_contact(ContactDraft(given_name="Linus"))
            except Exception as error:
                print("write:", type(explain(error)).__name__, explain(error))
            journal.close()
        """
    )
    assert f"writer: This journal is read-only: {path}." in out
    assert "Copy its folder somewhere you can write to change it; nothing was changed." in out
    assert out.count("read_only True lock None") == 2, out
    assert out.count("names ['Ada', 'Grace']") == 2, out
    assert out.count(f"write: ReadOnlyJournalError This journal is read-only: {path}.") == 2
    assert "Traceback" not in out
    assert _digest(path) == before
    assert _listing(home) == files  # no lock, -wal, -shm or backups made beside it


def test_a_read_only_file_in_a_writable_folder_leaves_nothing_beside_it(
    unprivileged: Unprivileged,
) -> None:
    home = unprivileged.folder / "journal"
    path = _journal_of(home, "Ada")
    (home / "journal.sqlite3.lock").unlink()
    path.chmod(0o444)
    before = _digest(path)
    out = unprivileged.run(
        f"""
        from journal.store import open_journal
        from journal.store.integrity import check
        from journal.store.models import Contact
        journal = open_journal(Path({str(home)!r}), writer=False)
        print("read_only", journal.read_only, Contact.select().count(), check(journal))
        journal.close()
        """
    )
    assert "read_only True 1 []" in out, out
    assert _digest(path) == before
    # A -shm made here would keep the file's read-only mode, and trip the next writer.
    assert _listing(home) == ["journal.sqlite3"]


def test_a_read_only_journal_needing_an_upgrade_is_refused_untouched(
    unprivileged: Unprivileged,
) -> None:
    home = unprivileged.folder / "journal"
    path = _journal_of(home, "Ada")
    with sqlite3.connect(path) as old:
        old.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    old.close()
    _make_read_only(home)
    before, files = _digest(path), _listing(home)
    out = _refusal(unprivileged, home)
    assert "ReadOnlyJournalError" in out, out
    assert "needs an upgrade, which cannot be made while it is read-only" in out
    assert "Open it once where it can be written" in out
    assert _digest(path) == before
    assert _listing(home) == files
    assert not backups_dir(home).exists()  # no copy aside either


def _live_writer(path: Path) -> sqlite3.Connection:
    """A writer that has committed a contact only to the -wal (no checkpoint yet)."""
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute(
        "INSERT INTO contact (given_name, family_name, display_name, sort_name, created_at,"
        " updated_at) VALUES ('Wal', '', 'Wal', 'wal', '2026-01-01T00:00:00Z',"
        " '2026-01-01T00:00:00Z')"
    )
    return writer


def test_changes_still_in_the_wal_are_read(unprivileged: Unprivileged) -> None:
    home = unprivileged.folder / "journal"
    path = _journal_of(home, "Ada")
    writer = _live_writer(path)  # a writer elsewhere (another user, or the owner) goes on
    try:
        _make_read_only(home)
        out = unprivileged.run(
            f"""
            from journal.store import open_journal
            from journal.store.models import Contact
            journal = open_journal(Path({str(home)!r}), writer=False)
            print("names", sorted(c.given_name for c in Contact.select()))
            journal.close()
            """
        )
    finally:
        writer.close()
    assert "names ['Ada', 'Wal']" in out, out


def test_changes_in_a_wal_without_its_shm_are_refused_not_hidden(
    unprivileged: Unprivileged,
) -> None:
    home = unprivileged.folder / "journal"
    path = _journal_of(home, "Ada")
    writer = _live_writer(path)
    copy = unprivileged.folder / "copied"  # a copy of a live journal's folder, -shm left out
    copy.mkdir()
    for name in ("journal.sqlite3", "journal.sqlite3-wal"):
        (copy / name).write_bytes((home / name).read_bytes())
    writer.close()
    _make_read_only(copy)
    out = _refusal(unprivileged, copy)
    assert "its latest changes are still in journal.sqlite3-wal" in out, out
    assert "it has not been changed" in out
    assert _listing(copy) == ["journal.sqlite3", "journal.sqlite3-wal"]


def test_an_encrypted_read_only_journal_opens_with_its_passphrase(
    unprivileged: Unprivileged, encrypt_and_open: Callable[[Path], Journal]
) -> None:
    home = unprivileged.folder / "journal"
    _journal_of(home, "Ada")
    encrypt_and_open(home).close()
    _make_read_only(home)
    files = _listing(home)
    out = unprivileged.run(
        f"""
        from journal.store import crypto, open_journal
        from journal.store.integrity import check
        from journal.store.keys import GivenKey
        from journal.store.models import Contact
        # As the tests' own process: the encryption was made with fewer key rounds.
        crypto.raw_connect(Path(":memory:"), None).execute("PRAGMA cipher_default_kdf_iter = 1000")
        journal = open_journal(Path({str(home)!r}), GivenKey({PASSPHRASE!r}), writer=False)
        print("read", journal.read_only, journal.encrypted, Contact.select().count())
        print("check", check(journal))
        journal.close()
        """
    )
    assert "read True True 1" in out and "check []" in out, out
    assert _listing(home) == files


def test_no_journal_in_a_read_only_folder_says_so(unprivileged: Unprivileged) -> None:
    home = unprivileged.folder / "empty"
    home.mkdir()
    home.chmod(0o555)
    out = _refusal(unprivileged, home)
    assert f"There is no journal in {home}, and that folder is read-only" in out, out
    assert _listing(home) == []


# -- in this process: can_write says no, SQLite's read-only mode does the refusing ---------------


def _read_only_from_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every journal counts as one this process cannot write."""
    monkeypatch.setattr(readonly, "can_write", lambda home, path: False)


def test_a_write_on_a_read_only_connection_is_refused_by_sqlite_and_explained(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _journal_of(home, "Ada")
    _read_only_from_now(monkeypatch)
    before = _digest(path)
    journal = open_journal(home, allow_read_only=True)
    try:
        assert journal.read_only and journal.lock is None and opened_read_only()
        with pytest.raises(Exception) as failed:
            create_contact(ContactDraft(given_name="Grace"))
        assert is_database_error(failed.value)
        message = explain(failed.value)
        assert isinstance(message, ReadOnlyJournalError)
        assert str(message).startswith(f"This journal is read-only: {path}.")
        assert [c.given_name for c in Contact.select()] == ["Ada"]
        journal.reopen()  # a reopening stays read-only
        assert journal.read_only and opened_read_only()
    finally:
        journal.close()
    assert _digest(path) == before


def test_a_read_only_journal_is_never_restored_over(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _journal_of(home, "Ada")
    _read_only_from_now(monkeypatch)
    journal = open_journal(home, allow_read_only=True)
    try:
        info = backups.BackupInfo(path, dt.datetime.now(dt.timezone.utc), "manual", 0, False)
        with pytest.raises(ReadOnlyJournalError, match="This journal is read-only"):
            backups.restore(journal, info)
    finally:
        journal.close()
