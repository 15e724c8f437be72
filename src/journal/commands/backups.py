"""`journal backup`, `journal restore` and `journal check`: keeping the journal safe."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from journal.commands.common import (
    JsonObject,
    Output,
    Subparsers,
    add_command,
    counted,
    iso_instant,
    local_time,
    text_table,
)

if TYPE_CHECKING:
    from journal.store.backup import BackupInfo
    from journal.store.database import Journal


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`backup`, `restore` and `check`."""
    # A backup only reads the journal (through its own connection), so it runs beside the app.
    backup = add_command(
        subparsers, parent, "backup", "take a backup of the journal now", _backup, reads_only=True
    )
    backup.add_argument(
        "--unencrypted",
        action="store_true",
        help="for an encrypted journal: write this backup in plaintext",
    )
    restore = add_command(
        subparsers,
        parent,
        "restore",
        "list the backups, or put one in place of the journal (after backing it up)",
        _restore,
    )
    restore.set_defaults(opens_own_journal=True)
    restore.add_argument(
        "backup",
        nargs="?",
        metavar="BACKUP",
        help="the backup's file name (from --list), or `latest`; without it, list them",
    )
    restore.add_argument("--list", action="store_true", help="list the backups, newest first")
    check = add_command(
        subparsers, parent, "check", "check the journal's integrity", _check, reads_only=True
    )
    check.add_argument(
        "--full", action="store_true", help="the thorough check (slower: indexes too)"
    )


def backup_json(backup: BackupInfo) -> JsonObject:
    """A backup as `backup --json` and `restore --list --json` show it."""
    return {
        "name": backup.path.name,
        "path": str(backup.path),
        "taken_at": iso_instant(backup.taken_at),
        "reason": backup.reason,
        "size": backup.size,
        "encrypted": backup.encrypted,
    }


def human_size(size: int) -> str:
    """A file size for people: 812 bytes, 14.2 KB, 103.5 MB."""
    if size < 1024:
        return f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB"):
        value /= 1024
        if value < 1024:
            return f"{value:,.1f} {unit}"
    return f"{value / 1024:,.1f} GB"


def _backup(args: argparse.Namespace) -> Output:
    from journal.commands.terminal_progress import terminal_progress
    from journal.store import backup as backups

    journal: Journal = args.journal
    with terminal_progress("Backing up") as progress:
        taken = backups.backup_now(
            journal, backups.MANUAL, encrypted=not args.unencrypted, progress=progress
        )
    backups.prune(journal.home)
    note = "" if taken.encrypted or not journal.encrypted else " (in plaintext, as asked)"
    return Output(backup_json(taken), f"Backed up to {taken.path} ({human_size(taken.size)}){note}")


def _list(home_backups: list[BackupInfo]) -> Output:
    rows = [
        (
            b.path.name,
            local_time(b.taken_at),
            b.reason,
            human_size(b.size),
            "yes" if b.encrypted else "",
        )
        for b in home_backups
    ]
    table = text_table(("BACKUP", "TAKEN", "REASON", "SIZE", "ENCRYPTED"), rows)
    text = f"{table}\n{counted(len(rows), 'backup')}" if rows else "No backups yet."
    return Output([backup_json(b) for b in home_backups], text)


def _restore(args: argparse.Namespace) -> Output:
    from journal.store import backup as backups
    from journal.store.location import resolve_home

    home = resolve_home(getattr(args, "home", None))
    if args.list or not args.backup:
        return _list(backups.list_backups(home))
    chosen = backups.find_backup(home, args.backup)
    kept = _restore_into(home, chosen, args)
    data = {"restored": backup_json(chosen), "previous": backup_json(kept)}
    text = (
        f"Restored {chosen.path.name} (taken {local_time(chosen.taken_at)}).\n"
        f"The journal as it was is kept as {kept.path.name}."
    )
    return Output(data, text)


def _restore_into(home: Path, chosen: BackupInfo, args: argparse.Namespace) -> BackupInfo:
    from journal.cli import open_for
    from journal.commands.terminal_progress import terminal_progress
    from journal.store import backup as backups
    from journal.store import integrity
    from journal.store.errors import (
        JournalLockedError,
        NotAJournalError,
        PassphraseNeededError,
        WrongPassphraseError,
    )

    try:
        journal = open_for(args)
    except JournalLockedError:
        raise
    except (NotAJournalError, PassphraseNeededError, WrongPassphraseError):
        # Too damaged to open (or its key is lost): the backup replaces it, and the file is
        # kept as it is among the backups.
        return backups.restore_unopenable(home, chosen, _backup_key(home, chosen))
    try:
        damaged = bool(integrity.check(journal))
        try:
            with terminal_progress("Restoring") as progress:
                kept = backups.restore(journal, chosen, damaged=damaged, progress=progress)
        except WrongPassphraseError:
            key = _ask_backup_key(chosen)
            with terminal_progress("Restoring") as progress:
                kept = backups.restore(
                    journal, chosen, damaged=damaged, backup_passphrase=key, progress=progress
                )
    finally:
        journal.close()
    assert kept is not None
    return kept


def _backup_key(home: Path, chosen: BackupInfo) -> str | None:
    """The key for an encrypted backup: the keychain's for this journal, else typed."""
    from journal.store import crypto
    from journal.store.keys import Keychain, KeychainUnavailableError
    from journal.store.location import journal_path

    if not chosen.encrypted:
        return None
    try:
        stored = Keychain().get(journal_path(home))
    except KeychainUnavailableError:
        stored = None
    if stored is not None and crypto.passphrase_opens(chosen.path, stored):
        return stored
    return _ask_backup_key(chosen)


def _ask_backup_key(chosen: BackupInfo) -> str | None:
    import getpass
    import sys

    if not sys.stdin.isatty():
        return None
    print(f"journal: the backup {chosen.path.name} is encrypted.", file=sys.stderr)
    return getpass.getpass("Its passphrase: ") or None


def _check(args: argparse.Namespace) -> Output:
    from journal.store import integrity
    from journal.store.rows import run_sql

    journal: Journal = args.journal
    if args.full:
        rows = run_sql(journal.db, "PRAGMA integrity_check").fetchall()
        problems = [] if [r[0] for r in rows] == ["ok"] else [str(r[0]) for r in rows]
    else:
        problems = integrity.check(journal)
    if problems:
        raise integrity.damaged_error(journal.path, problems, journal.passphrase)
    kind = "full" if args.full else "quick"
    return Output(
        {"ok": True, "check": kind, "path": str(journal.path)},
        f"{journal.path} is sound ({kind} check).",
    )
