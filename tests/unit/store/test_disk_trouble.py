"""A full disk or a read-only folder: a clear message, and nothing half-written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from journal.core.contacts import ChannelDraft, ContactDraft, create_contact
from journal.store import Journal, open_journal
from journal.store.database import explain, is_database_error
from journal.store.errors import DiskFullError
from journal.store.location import journal_path
from journal.store.models import Contact, ContactChannel
from journal.store.rows import run_sql


def _fill_the_disk(journal: Journal) -> None:
    """SQLite's own ceiling on the file's pages: the next page it needs fails as SQLITE_FULL,
    exactly as a full disk does (a tmpfs cannot be mounted everywhere the tests run)."""
    pages = int(run_sql(journal.db, "PRAGMA page_count").fetchone()[0])
    run_sql(journal.db, f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_rolls_the_write_back_and_says_so(journal: Journal) -> None:
    create_contact(ContactDraft(given_name="Ada"))
    _fill_the_disk(journal)
    big = ContactDraft(
        given_name="Grace",
        notes="n" * 90_000,
        channels=[ChannelDraft("email", f"g{i}@example.org") for i in range(50)],
    )
    with pytest.raises(Exception) as failed:
        create_contact(big)
    assert is_database_error(failed.value)
    message = explain(failed.value)
    assert isinstance(message, DiskFullError)
    assert "full" in str(message) and "nothing was written" in str(message)
    # nothing half-written: neither the contact nor any of its channels
    assert [c.given_name for c in Contact.select()] == ["Ada"]
    assert ContactChannel.select().count() == 0
    run_sql(journal.db, "PRAGMA max_page_count = 1073741823")
    create_contact(ContactDraft(given_name="Grace"))  # and the journal goes on working
    assert Contact.select().count() == 2


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_read_only_folder_is_read_and_a_write_refused_with_the_journal_unchanged(
    unprivileged: object,
) -> None:
    home = unprivileged.folder / "journal"  # type: ignore[attr-defined]
    journal = open_journal(home)
    create_contact(ContactDraft(given_name="Ada"))
    journal.close()
    path = journal_path(home)
    (home / "journal.sqlite3.lock").unlink()
    before = _digest(path)
    path.chmod(0o444)
    home.chmod(0o555)
    out = unprivileged.run(  # type: ignore[attr-defined]
        f"""
        from journal.cli import main
        for argv in (["contact", "add", "--given", "Grace"], ["contact", "list"]):
            print("exit", main([*argv, "--home", {str(home)!r}]))
        """
    )
    assert out.count("exit 1") == 1 and out.count("exit 0") == 1, out
    assert f"This journal is read-only: {path}." in out  # the writer is refused, clearly
    assert "Ada" in out  # the reader reads it
    assert "Traceback" not in out
    assert _digest(path) == before
    assert sorted(p.name for p in home.iterdir()) == ["journal.sqlite3"]
