"""Opening a journal file: pragmas, identity check, migrations, and binding the models."""

from __future__ import annotations

import os
import sqlite3
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from journal.store import crypto, migrations, readonly
from journal.store.errors import (
    DiskFullError,
    EncryptionUnavailableError,
    JournalUnavailableError,
    NotAJournalError,
    PassphraseNeededError,
    ReadOnlyJournalError,
    WrongPassphraseError,
)
from journal.store.keys import KeyProvider
from journal.store.location import (
    backups_dir,
    create_private,
    journal_path,
    make_private_folder,
)
from journal.store.lock import JournalLock
from journal.store.proxy import database_proxy
from journal.store.rows import run_sql

MAX_PASSPHRASE_TRIES = 5

# "CJRN": marks a SQLite file as a Contact Journal so we never migrate someone else's database.
APPLICATION_ID = 0x434A524E

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 1,  # NORMAL: with WAL, durable across app crashes, fast commits
    "busy_timeout": 5000,
    # 8 MB: as fast as 16 MB for imports and the contact list here, and 8 MB less at peak.
    "cache_size": -8000,
    "temp_store": 2,  # MEMORY
}
# A journal opened read-only keeps its journal mode: setting it would be a write.
READ_ONLY_PRAGMAS = {name: value for name, value in PRAGMAS.items() if name != "journal_mode"}

# SQLite's own default page cache, for connections that read a few pages per action (a card,
# a page of the list, a search) rather than whole tables: 6 MB less at the app's peak than
# PRAGMAS' 8 MB, at no cost to those reads on the large journal.
INTERACTIVE_CACHE_KIB = 2000


@dataclass
class Journal:
    """An open journal: its folder, its file and the Peewee database bound to the models.

    `passphrase` is set for an encrypted journal (backups use it); it never appears in a repr.
    `lock` is the one-writer lock, held until close(). `read_only`: the file or its folder
    cannot be written here, so it was opened for reading only (and every write is refused).
    """

    home: Path
    path: Path
    db: peewee.SqliteDatabase
    passphrase: str | None = field(default=None, repr=False)
    lock: JournalLock | None = field(default=None, repr=False)
    read_only: bool = False
    # The page cache this thread's connection was given by use_cache(); reopen() keeps it.
    cache_kib: int | None = field(default=None, repr=False)

    @property
    def encrypted(self) -> bool:
        """True when the file is encrypted with SQLCipher."""
        return self.passphrase is not None

    def close(self, release_lock: bool = True) -> None:
        """Close the connection (and give up the writer lock, unless told to keep it)."""
        if not self.db.is_closed():
            self.db.close()
        if release_lock and self.lock is not None:
            self.lock.release()
            self.lock = None

    def reopen(self, passphrase: str | None = None) -> None:
        """Open the file again in place (after a restore or a change of key), keeping the lock.

        `passphrase` is the key now (None: plaintext). The models are bound to the new
        connection, and everyone holding this Journal sees it.
        """
        self.close(release_lock=False)
        from journal.store.keys import GivenKey

        keys = GivenKey(passphrase) if passphrase is not None else None
        fresh = _open(
            self.home, self.path, keys, may_migrate=self.lock is not None, read_only=self.read_only
        )
        self.db = fresh.db
        self.passphrase = fresh.passphrase
        if self.cache_kib is not None:
            self.use_cache(self.cache_kib)

    def use_cache(self, kib: int) -> None:
        """Give the calling thread's connection a page cache of `kib` KiB (others keep theirs)."""
        self.cache_kib = kib
        run_sql(self.db, f"PRAGMA cache_size = -{int(kib)}")


def open_journal(
    home: Path,
    keys: KeyProvider | None = None,
    *,
    writer: bool = True,
    program: str = "journal",
    allow_read_only: bool = False,
    wait: float = 0.0,
) -> Journal:
    """Open (creating if needed) the journal in `home`, migrated to the current schema.

    An encrypted journal gets its passphrase from `keys`. `writer` takes the one-writer lock
    (JournalLockedError names the process holding it; another run of `program` is waited
    for up to `wait` seconds). A reader (writer=False) may open a
    journal another process writes (WAL lets it read), but never migrates it.

    A journal whose file or folder cannot be written is opened read-only for a reader, or
    for a writer that passes `allow_read_only` (the app, which then says so); any other
    writer is refused with ReadOnlyJournalError. See store/readonly.py.
    """
    path = journal_path(home)
    try:
        make_private_folder(home)
    except OSError as exc:
        # os.path, not Path: it answers False, not raising, for a name too long to look up.
        if os.path.exists(home) and not os.path.isdir(home):
            raise JournalUnavailableError(
                f"{home} is a file, not a folder: give the folder the journal lives in."
            ) from exc
        raise JournalUnavailableError(
            f"Cannot create the journal folder {home}: {exc.strerror}."
        ) from exc
    if path.exists() and path.is_dir():
        raise NotAJournalError(f"{path} is a folder, not a journal file.")
    if not readonly.can_write(home, path):
        if not path.exists():
            raise readonly.nothing_to_read(home)
        if writer and not allow_read_only:
            raise readonly.refused(path)
        # No lock: taking it means writing its file, and a reader needs none.
        return _open(home, path, keys, may_migrate=False, read_only=True)
    lock = JournalLock(path, program, wait) if writer else None
    try:
        if writer:
            crypto.recover_interrupted_swap(path)
        journal = _open(home, path, keys, may_migrate=writer)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    journal.lock = lock
    if lock is None:
        # Without the lock another program may be writing: bookkeeping that would write
        # (keeping an export's vCard UIDs) does without, as on a read-only journal. And SQLite
        # itself refuses any write from here (every connection, as Peewee opens one per
        # thread): one slipping through would break the one-writer rule unnoticed.
        _readers.add(journal.db)
        journal.db.pragma("query_only", 1, permanent=True)
    return journal


def _open(
    home: Path,
    path: Path,
    keys: KeyProvider | None,
    may_migrate: bool,
    read_only: bool = False,
) -> Journal:
    existed = path.exists() and path.stat().st_size > 0
    passphrase: str | None = None
    if read_only and not existed:
        raise NotAJournalError(f"{path} is empty, and read-only: there is no journal to read.")
    if existed and crypto.is_encrypted(path):
        # One key derivation (a quarter of a second by design) both tries the passphrase
        # and opens the connection the app keeps. Only the right key can read the file, so
        # the pragmas cannot touch another app's encrypted database.
        passphrase, db = _unlock(path, keys, read_only)
    elif read_only:
        # Nothing can be written, so the identity is checked on the connection itself.
        db = _database(path, None, READ_ONLY_PRAGMAS, read_only=True)
    else:
        if not existed and may_migrate:
            create_private(path)
        if existed:
            # Before the pragmas: journal_mode=wal alone would rewrite the header of another
            # app's file, or of a newer journal in another journal mode.
            _check_identity(path)
        db = _database(path, None, PRAGMAS)
    try:
        if db.is_closed():
            db.connect()
        elif existed:
            _check_identity_of(db, path)
        if not existed:
            # Marked ours before the first migration: if that is interrupted, the next start
            # finishes it instead of refusing a half-made file as someone else's database.
            run_sql(db, f"PRAGMA application_id = {APPLICATION_ID}")
        if read_only:
            _check_identity_of(db, path)
            if migrations.pending(db):
                raise readonly.needs_upgrade(path)
        elif may_migrate:
            migrations.migrate(db, path, backups_dir(home), passphrase)
        elif migrations.pending(db) or not existed:
            raise JournalUnavailableError(
                f"{path} needs an upgrade, and another program holds it open for writing; "
                "close it there first."
            )
        else:
            migrations.check_not_too_new(db, path)
    except Exception as exc:
        db.close()
        if _is_database_error(exc):
            raise _explain(exc, path) from exc
        raise
    database_proxy.initialize(db)
    if passphrase is not None and keys is not None:
        keys.opened(path, passphrase)
    return Journal(home=home, path=path, db=db, passphrase=passphrase, read_only=read_only)


# The journal file behind each database opened read-only (its own name there is a URI).
_read_only_files: weakref.WeakKeyDictionary[peewee.Database, Path] = weakref.WeakKeyDictionary()
# Databases opened as readers (writer=False), which hold no writer lock.
_readers: weakref.WeakSet[peewee.Database] = weakref.WeakSet()


def _database(
    path: Path, passphrase: str | None, pragmas: dict[str, object], read_only: bool = False
) -> peewee.SqliteDatabase:
    if not read_only:
        if passphrase is None:
            return peewee.SqliteDatabase(str(path), pragmas=pragmas, timeout=5)
        return crypto.encrypted_database(path, passphrase, pragmas)
    # Every connection (Peewee opens one per thread) gets the same read-only address.
    where = readonly.address(path)
    if passphrase is None:
        db = peewee.SqliteDatabase(where, pragmas=pragmas, timeout=5, uri=True)
    else:
        db = crypto.encrypted_database(path, passphrase, pragmas, address=where)
    _read_only_files[db] = path
    return db


def _is_database_error(exc: Exception) -> bool:
    # sqlcipher3 has its own exception classes, which do not derive from sqlite3's.
    return isinstance(exc, (peewee.DatabaseError, sqlite3.DatabaseError)) or (
        type(exc).__module__.startswith("sqlcipher3") and "Error" in type(exc).__name__
    )


def _unlock(
    path: Path, keys: KeyProvider | None, read_only: bool = False
) -> tuple[str, peewee.SqliteDatabase]:
    """The passphrase from `keys` that opens this encrypted-looking file, and the open database.

    A wrong key cannot read the first page, so nothing is written while trying.
    """
    if not crypto.sqlcipher_available():
        raise EncryptionUnavailableError(
            f"{path} is encrypted, or is not a Contact Journal at all; this installation "
            "cannot read encrypted journals. " + crypto.HOW_TO_GET_ENCRYPTION + " The file "
            "has not been changed."
        )
    if keys is None:
        raise NotAJournalError(
            f"{path} is not a readable Contact Journal file: it is encrypted (and no "
            "passphrase was given), or it is not a journal at all. It has not been changed."
        )
    failed = False
    for _ in range(MAX_PASSPHRASE_TRIES):
        passphrase = keys.passphrase(path, failed)
        if passphrase is None:
            if failed:
                raise WrongPassphraseError(
                    f"The passphrase does not open {path}; it has not been changed."
                )
            raise PassphraseNeededError(
                f"{path} is not a readable Contact Journal without its passphrase (it is "
                "encrypted, or not a journal at all). It has not been changed."
            )
        pragmas = READ_ONLY_PRAGMAS if read_only else PRAGMAS
        db = _database(path, passphrase, pragmas, read_only)
        try:
            db.connect()
        except Exception as exc:
            db.close()
            if not _is_database_error(exc):
                raise
            if "not a database" not in str(exc).lower():
                raise _explain(exc, path) from None
            failed = True
            continue
        return passphrase, db
    raise WrongPassphraseError(
        f"The passphrase does not open {path} ({MAX_PASSPHRASE_TRIES} tries); "
        "it has not been changed."
    )


def _check_identity(path: Path, passphrase: str | None = None) -> None:
    """Refuse a file that is not a Contact Journal, or is from a newer version, unchanged."""
    # No pragmas and only reads, so nothing is written; not mode=ro, because a read-only
    # connection cannot remove the -wal/-shm files it creates next to a WAL database.
    probe = _database(path, passphrase, {})
    try:
        probe.connect()
        _check_identity_of(probe, path)
    except Exception as exc:
        if _is_database_error(exc):
            raise _explain(exc, path) from exc
        raise
    finally:
        probe.close()


def _check_identity_of(probe: peewee.SqliteDatabase, path: Path) -> None:
    app_id = int(run_sql(probe, "PRAGMA application_id").fetchone()[0])
    if app_id != APPLICATION_ID:
        raise NotAJournalError(
            f"{path} is a SQLite database, but not a Contact Journal; it has not been changed."
        )
    migrations.check_not_too_new(probe, path)


def explain(exc: Exception, path: Path | None = None) -> Exception:
    """A SQLite error as a StoreError the user can act on; the open journal's file by default."""
    if path is None:
        bound = database_proxy.obj
        if bound is None:
            path = Path("the journal")
        elif bound in _read_only_files:
            path = _read_only_files[bound]
            if _refused_write(exc):
                return readonly.refused(path)
        else:
            path = Path(bound.database)
    return _explain(exc, path)


def opened_read_only() -> bool:
    """True when the journal the models are bound to was opened read-only, or as a reader
    without the writer lock (beside the app): this program must not write it."""
    bound = database_proxy.obj
    return bound is not None and (bound in _read_only_files or bound in _readers)


def _refused_write(exc: Exception) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text


def is_database_error(exc: BaseException) -> bool:
    """True for an error from SQLite (or SQLCipher), as opposed to a bug in our code."""
    return isinstance(exc, Exception) and _is_database_error(exc)


def _explain(exc: Exception, path: Path) -> Exception:
    text = str(exc).lower()
    if "malformed" in text and path.exists() and not crypto.is_encrypted(path):
        from journal.store.integrity import damaged_error

        return damaged_error(path, [str(exc)], None)
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return NotAJournalError(
            f"{path} is not a readable Contact Journal file (SQLite says: {exc}). "
            "It has not been changed."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return ReadOnlyJournalError(
            f"Cannot write to {path}: the file or its folder is read-only ({exc}). Check the "
            "folder's permissions, or that the disk is not mounted read-only; nothing was written."
        )
    if "locked" in text or "busy" in text:
        return JournalUnavailableError(f"{path} is busy in another program: {exc}.")
    if "full" in text:
        return DiskFullError(
            f"The disk holding {path} is full; nothing was written. Free some space and try again."
        )
    return JournalUnavailableError(f"Cannot open {path}: {exc}")
