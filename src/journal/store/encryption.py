"""Turning encryption on or off and changing the passphrase of an open journal, safely.

Each change writes a new copy of the journal with the new key, checks it, swaps it in with
an atomic rename, and opens it; only then is the old file deleted. The backups follow, one
by one in the same way, so every backup opens with the journal's current key (a backup
that the old key does not open is left as it is, and reported). The keychain is updated
last.

`progress(done, total)` counts files: the journal, then each backup. Raising from it while
`done` is 0 (before the journal is copied, and again once its copy is checked, just before
the swap) leaves everything as it was. Once the journal is swapped the change goes through
to the end: later calls only report, and what they raise is ignored.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journal.store import crypto, readonly
from journal.store.errors import EncryptionError, StoreError
from journal.store.keys import Keychain

if TYPE_CHECKING:
    from journal.store.backup import BackupInfo
    from journal.store.database import Journal

MIN_PASSPHRASE = 8

# progress(files done, files in all); see the module's docstring for when it may stop.
FileProgress = Callable[[int, int], None]


@dataclass
class Conversion:
    """What a change of key did: backups converted and those left as they were (and why)."""

    encrypted: bool
    backups_converted: int = 0
    backups_left: list[Path] = field(default_factory=list)
    in_keychain: bool = False


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect anything (the message never repeats it)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise EncryptionError(
            f"A passphrase needs at least {MIN_PASSPHRASE} characters; a few words are best."
        )


def encrypt(
    journal: Journal,
    passphrase: str,
    keychain: Keychain | None = None,
    progress: FileProgress | None = None,
) -> Conversion:
    """Encrypt a plaintext journal (and its backups) with `passphrase`."""
    if journal.encrypted:
        raise EncryptionError("The journal is already encrypted; change its passphrase instead.")
    check_new_passphrase(passphrase)
    return _convert(journal, passphrase, keychain or Keychain(), progress)


def change_passphrase(
    journal: Journal,
    passphrase: str,
    keychain: Keychain | None = None,
    progress: FileProgress | None = None,
) -> Conversion:
    """Re-encrypt an encrypted journal (and its backups) with a new passphrase."""
    if not journal.encrypted:
        raise EncryptionError("The journal is not encrypted; encrypt it first.")
    check_new_passphrase(passphrase)
    return _convert(journal, passphrase, keychain or Keychain(), progress)


def decrypt(
    journal: Journal, keychain: Keychain | None = None, progress: FileProgress | None = None
) -> Conversion:
    """Store an encrypted journal (and its backups) in plaintext again."""
    if not journal.encrypted:
        raise EncryptionError("The journal is not encrypted.")
    return _convert(journal, None, keychain or Keychain(), progress)


def _convert(
    journal: Journal, new_key: str | None, keychain: Keychain, progress: FileProgress | None
) -> Conversion:
    from journal.store.backup import list_backups

    if journal.read_only:
        raise readonly.refused(journal.path)
    crypto.require_sqlcipher()
    if journal.lock is None:
        raise StoreError("Only the program that holds the journal for writing can change its key.")
    old_key = journal.passphrase
    path = journal.path
    fresh = path.with_name(path.name + ".new")
    old = path.with_name(path.name + ".old")
    for leftover in (fresh, old):
        crypto.cleanup_leftover(leftover)
    backups = list_backups(journal.home)
    total = 1 + len(backups)
    if progress is not None:
        progress(0, total)
    journal.close(release_lock=False)
    try:
        crypto.checkpoint(path, old_key)
        crypto.export_copy(path, old_key, fresh, new_key)
        if progress is not None:
            progress(0, total)  # the last moment to stop: nothing is swapped yet
        crypto.swap_in(fresh, path, keep_old_as=old)
    except BaseException:
        crypto.cleanup_leftover(fresh)
        journal.reopen(old_key)
        raise
    try:
        journal.reopen(new_key)
    except BaseException:
        # The new file passed its checks but will not open: put the old one back.
        crypto.swap_in(old, path)
        journal.reopen(old_key)
        raise
    crypto.cleanup_leftover(old)
    report = Conversion(encrypted=new_key is not None)
    _convert_backups(journal, backups, old_key, new_key, report, _reporting_only(progress, total))
    if new_key is None:
        keychain.delete(path)
    elif keychain.usable():
        report.in_keychain = keychain.set(path, new_key)
    return report


def _reporting_only(progress: FileProgress | None, total: int) -> Callable[[int], None]:
    """Reports files done once the journal is swapped, when stopping would leave backups
    half converted and the keychain behind: what the callback raises is ignored."""

    def report(done: int) -> None:
        if progress is not None:
            with contextlib.suppress(Exception):
                progress(done, total)

    return report


def _convert_backups(
    journal: Journal,
    backups: list[BackupInfo],
    old_key: str | None,
    new_key: str | None,
    report: Conversion,
    files_done: Callable[[int], None],
) -> None:
    for done, backup in enumerate(backups, start=1):
        files_done(done)
        key = old_key if backup.encrypted else None
        if backup.encrypted == (new_key is not None) and key == new_key:
            continue
        if backup.encrypted and (key is None or not crypto.passphrase_opens(backup.path, key)):
            report.backups_left.append(backup.path)
            continue
        fresh = backup.path.with_name(backup.path.name + ".new")
        crypto.cleanup_leftover(fresh)
        try:
            crypto.export_copy(backup.path, key, fresh, new_key)
            crypto.swap_in(fresh, backup.path)
        except StoreError:
            report.backups_left.append(backup.path)
            continue
        report.backups_converted += 1
    files_done(len(backups) + 1)
    with contextlib.suppress(OSError):
        crypto.sync_folder(journal.home / "backups")
