"""A journal that cannot be written here (a snapshot, a read-only disk, folder or file).

Such a journal is opened for reading only: no writer lock, no migration, no copy aside, and
no file created beside it. A WAL journal normally needs its `-wal` and `-shm` files next to
it even to be read, and SQLite can only do without them when told the file is immutable
(sqlite.org/wal.html, "Read-Only Databases"). That is safe when no `-wal` holds changes: the
main file then has everything committed (should someone who can write it start writing
while we read, our reading may fail or be stale, but the file is never touched by us).
A `-wal` with changes in it is read through
SQLite's normal read-only mode when its `-shm` is there too; without one, nothing here could
read those changes, so the journal is refused rather than shown without them.
"""

from __future__ import annotations

import os
from pathlib import Path

from journal.store.errors import JournalUnavailableError, ReadOnlyJournalError


def can_write(home: Path, path: Path) -> bool:
    """True when the journal file (if any) and its folder may be written by this process."""
    # os.access asks the kernel, so it knows read-only mounts and who we run as; a folder
    # we cannot write has no room for the lock, the -wal and -shm files, or backups.
    if not os.access(home, os.W_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def address(path: Path) -> str:
    """What to give sqlite3.connect(..., uri=True) to read `path` without writing anything."""
    uri = path.resolve().as_uri()
    wal = _beside(path, "-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return f"{uri}?mode=ro&immutable=1"
    if _beside(path, "-shm").exists():
        return f"{uri}?mode=ro"
    raise JournalUnavailableError(
        f"{path} is read-only, and its latest changes are still in {wal.name} beside it, "
        "which only a program that may write the folder can read in. Open it once where it "
        f"can be written, or copy its folder ({wal.name} included) somewhere you can write; "
        "it has not been changed."
    )


def source_address(path: Path) -> str:
    """`path` itself when it can be written here, else its read-only address (uri=True)."""
    return str(path) if can_write(path.parent, path) else address(path)


def refused(path: Path) -> ReadOnlyJournalError:
    """The one answer to a write on a read-only journal."""
    return ReadOnlyJournalError(
        f"This journal is read-only: {path}. Copy its folder somewhere you can write to "
        "change it; nothing was changed."
    )


def needs_upgrade(path: Path) -> ReadOnlyJournalError:
    """A read-only journal from an older version: it cannot be migrated where it is."""
    return ReadOnlyJournalError(
        f"{path} was written by an older version of Contact Journal and needs an upgrade, "
        "which cannot be made while it is read-only. Open it once where it can be written "
        "(or copy its folder somewhere you can write); it has not been changed."
    )


def nothing_to_read(home: Path) -> ReadOnlyJournalError:
    """No journal in a folder that cannot be written, so none can be made there."""
    return ReadOnlyJournalError(
        f"There is no journal in {home}, and that folder is read-only, so none can be made "
        "there. Give a folder you can write to, or one holding a journal."
    )


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
