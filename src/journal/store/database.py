"""Opening a journal file: pragmas, identity check, migrations, and binding the models."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee

from journal.store import migrations
from journal.store.errors import JournalUnavailableError, NotAJournalError
from journal.store.location import backups_dir, journal_path
from journal.store.models import database_proxy
from journal.store.rows import run_sql

# "CJRN": marks a SQLite file as a Contact Journal so we never migrate someone else's database.
APPLICATION_ID = 0x434A524E

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 1,  # NORMAL: with WAL, durable across app crashes, fast commits
    "busy_timeout": 5000,
    "cache_size": -16000,  # 16 MB page cache
    "temp_store": 2,  # MEMORY
}


@dataclass
class Journal:
    """An open journal: its folder, its file and the Peewee database bound to the models."""

    home: Path
    path: Path
    db: peewee.SqliteDatabase

    def close(self) -> None:
        """Close the connection; a later open_journal() binds the models again."""
        if not self.db.is_closed():
            self.db.close()


def open_journal(home: Path) -> Journal:
    """Open (creating if needed) the journal in `home`, migrated to the current schema."""
    path = journal_path(home)
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise JournalUnavailableError(
            f"Cannot create the journal folder {home}: {exc.strerror}."
        ) from exc
    if path.exists() and path.is_dir():
        raise NotAJournalError(f"{path} is a folder, not a journal file.")
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        # Before the pragmas: journal_mode=wal alone would rewrite the header of another app's
        # file, or of a newer journal in another journal mode.
        _check_identity(path)
    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=5)
    try:
        db.connect()
        if not existed:
            # Marked ours before the first migration: if that is interrupted, the next start
            # finishes it instead of refusing a half-made file as someone else's database.
            run_sql(db, f"PRAGMA application_id = {APPLICATION_ID}")
        migrations.migrate(db, path, backups_dir(home))
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        raise _explain(exc, path) from exc
    except Exception:
        db.close()
        raise
    database_proxy.initialize(db)
    return Journal(home=home, path=path, db=db)


def _check_identity(path: Path) -> None:
    """Refuse a file that is not a Contact Journal, or is from a newer version, unchanged."""
    # No pragmas and only reads, so nothing is written; not mode=ro, because a read-only
    # connection cannot remove the -wal/-shm files it creates next to a WAL database.
    probe = peewee.SqliteDatabase(str(path))
    try:
        probe.connect()
        app_id = int(run_sql(probe, "PRAGMA application_id").fetchone()[0])
        if app_id != APPLICATION_ID:
            raise NotAJournalError(
                f"{path} is a SQLite database, but not a Contact Journal; it has not been changed."
            )
        migrations.check_not_too_new(probe, path)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        raise _explain(exc, path) from exc
    finally:
        probe.close()


def _explain(exc: Exception, path: Path) -> Exception:
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return NotAJournalError(
            f"{path} is not a readable Contact Journal file (SQLite says: {exc}). "
            "It has not been changed."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return JournalUnavailableError(
            f"Cannot write to {path}: {exc}. Check the folder's permissions."
        )
    if "locked" in text or "busy" in text:
        return JournalUnavailableError(f"{path} is busy in another program: {exc}.")
    if "disk" in text and "full" in text:
        return JournalUnavailableError(f"The disk holding {path} is full; nothing was written.")
    return JournalUnavailableError(f"Cannot open {path}: {exc}")
