"""A change of encryption reports each file it converts, and stops only before the swap."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.core.contacts import ContactDraft, create_contact
from journal.store import backup as backups
from journal.store import crypto, encryption, open_journal
from journal.store.models import Contact

SECRET = "a long enough passphrase"


class Stop(Exception):  # noqa: N818 (a decision, as Cancelled)
    """Stands for the GUI's Cancelled (the store knows no GUI)."""


def _journal_with_a_backup(home: Path):  # type: ignore[no-untyped-def]
    journal = open_journal(home)
    create_contact(ContactDraft(given_name="Ada"))
    backups.backup_now(journal, backups.MANUAL, encrypted=False)
    return journal


def test_progress_counts_the_journal_then_each_backup(home: Path, no_keychain: None) -> None:
    journal = _journal_with_a_backup(home)
    heard: list[tuple[int, int]] = []
    try:
        encryption.encrypt(journal, SECRET, progress=lambda d, t: heard.append((d, t)))
        assert heard == [(0, 2), (0, 2), (1, 2), (2, 2)]
    finally:
        journal.close()


@pytest.mark.parametrize("stop_at", [1, 2])  # before the copy; after it, before the swap
def test_stopping_before_the_swap_leaves_everything_as_it_was(
    home: Path, no_keychain: None, stop_at: int
) -> None:
    journal = _journal_with_a_backup(home)
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == stop_at:
            raise Stop

    try:
        with pytest.raises(Stop):
            encryption.encrypt(journal, SECRET, progress=progress)
        assert not journal.encrypted and not crypto.is_encrypted(journal.path)
        assert Contact.select().count() == 1  # open again on the old file
        assert not any(p.name.endswith((".new", ".old")) for p in home.iterdir())
        assert not backups.list_backups(home)[0].encrypted
    finally:
        journal.close()


def test_after_the_swap_progress_only_reports(home: Path, no_keychain: None) -> None:
    journal = _journal_with_a_backup(home)

    def progress(done: int, total: int) -> None:
        if done >= 1:
            raise Stop  # too late to stop: the journal has its new key

    try:
        done = encryption.encrypt(journal, SECRET, progress=progress)
        assert journal.encrypted and done.backups_converted == 1
        assert backups.list_backups(home)[0].encrypted
    finally:
        journal.close()
