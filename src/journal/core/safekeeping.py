"""Backups, restores and changes of encryption as core writes: what the GUI runs on its bus."""

from __future__ import annotations

from journal.core.changes import EVERYTHING, Changes, Result
from journal.core.progress import Progress
from journal.store import backup as backups
from journal.store import encryption
from journal.store.backup import BackupInfo
from journal.store.database import Journal
from journal.store.encryption import Conversion


def take_backup(
    journal: Journal,
    reason: str = backups.MANUAL,
    encrypted: bool = True,
    progress: Progress | None = None,
) -> Result[BackupInfo]:
    """A verified backup now (nothing the views show changes).

    `progress` hears of the copy in steps; raising Cancelled from it stops the backup and
    leaves nothing behind.
    """
    taken = backups.backup_now(journal, reason, encrypted=encrypted, progress=progress)
    backups.prune(journal.home)
    return Result(taken, Changes())


def restore_backup(
    journal: Journal,
    backup: BackupInfo,
    damaged: bool = False,
    backup_passphrase: str | None = None,
    progress: Progress | None = None,
) -> Result[BackupInfo | None]:
    """Put a backup in place of the journal (backing the journal up first); everything changes.

    `progress` hears of its two copies; raising Cancelled from it leaves the journal as it
    was (the copy of the journal taken first stays among the backups).
    """
    kept = backups.restore(
        journal,
        backup,
        damaged=damaged,
        backup_passphrase=backup_passphrase,
        progress=progress,
    )
    return Result(kept, EVERYTHING)


# For the three below, `progress` hears of each file converted (the journal, then each
# backup); raising Cancelled from it before the journal is swapped leaves everything as it
# was (see store/encryption.py).


def encrypt_journal(
    journal: Journal, passphrase: str, progress: Progress | None = None
) -> Result[Conversion]:
    """Encrypt the journal and its backups; the passphrase goes to the keychain if there is one."""
    return Result(encryption.encrypt(journal, passphrase, progress=progress), Changes())


def change_passphrase(
    journal: Journal, passphrase: str, progress: Progress | None = None
) -> Result[Conversion]:
    """Re-encrypt the journal and its backups with a new passphrase."""
    return Result(encryption.change_passphrase(journal, passphrase, progress=progress), Changes())


def decrypt_journal(journal: Journal, progress: Progress | None = None) -> Result[Conversion]:
    """Store the journal and its backups unencrypted again."""
    return Result(encryption.decrypt(journal, progress=progress), Changes())
