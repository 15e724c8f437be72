"""A journal, its log and its backups are readable by their owner only (POSIX permissions)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from journal.store import backup as backups
from journal.store import encryption, open_journal
from journal.store.keys import GivenKey
from journal.store.location import backups_dir, create_private, journal_path
from journal.store.models import Contact

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def lax_umask():  # type: ignore[no-untyped-def]
    """The common umask (022), under which files are world-readable unless made private."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_journal_its_log_and_folder_are_private(tmp_path: Path, lax_umask: None) -> None:
    home = tmp_path / "new" / "home"
    journal = open_journal(home)
    try:
        Contact.insert(
            given_name="Jane", display_name="Jane", sort_name="jane",
            created_at="2026-01-01T00:00:00.000000Z", updated_at="2026-01-01T00:00:00.000000Z",
        ).execute()  # fmt: skip
        path = journal_path(home)
        assert _mode(path) == 0o600
        assert _mode(path.with_name(path.name + "-wal")) == 0o600
        assert _mode(home) == 0o700
    finally:
        journal.close()


def test_backups_are_private(tmp_path: Path, lax_umask: None) -> None:
    journal = open_journal(tmp_path)
    try:
        taken = backups.backup_now(journal, backups.MANUAL)
    finally:
        journal.close()
    assert _mode(taken.path) == 0o600
    assert _mode(backups_dir(tmp_path)) == 0o700


def test_an_encrypted_copy_is_private(
    tmp_path: Path, lax_umask: None, memory_keyring: object
) -> None:
    journal = open_journal(tmp_path)
    try:
        encryption.encrypt(journal, "a long enough passphrase")
    finally:
        journal.close()
    assert _mode(journal_path(tmp_path)) == 0o600
    open_journal(tmp_path, GivenKey("a long enough passphrase")).close()


def test_an_existing_file_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    path.write_bytes(b"kept")
    path.chmod(0o640)
    create_private(path)
    assert (_mode(path), path.read_bytes()) == (0o640, b"kept")
