"""Encryption at rest with SQLCipher: detecting it, opening with a passphrase, converting safely.

SQLCipher comes from the optional `sqlcipher3` package (the `encryption` extra). Without it
the app still runs on plaintext journals, and says how encryption can be had.

The passphrase is a secret: it is passed to SQLCipher as a bound parameter or through the
driver's own `PRAGMA key` on a raw connection, never through Peewee's `execute_sql` (which
logs its SQL at debug level), never into an exception message, a setting or a file.

Converting a journal (encrypt, decrypt, change the passphrase) never rewrites it in place:
a new file is written beside it with `sqlcipher_export`, checked (integrity and row counts),
and only then swapped in with an atomic rename. A failure at any step leaves the journal as it
was; a wrong passphrase is found out before anything is written.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee

from journal.store.errors import (
    EncryptionError,
    EncryptionUnavailableError,
    JournalUnavailableError,
    NotAJournalError,
    WrongPassphraseError,
)
from journal.store.location import create_private

PLAIN_HEADER = b"SQLite format 3\x00"
_quieted = False

HOW_TO_GET_ENCRYPTION = (
    "Encryption needs SQLCipher: install the app with its encryption extra "
    "(pip install 'contact-journal[encryption]', which adds the sqlcipher3 package); "
    "the installers for Windows, macOS and Linux include it."
)


def sqlcipher_available() -> bool:
    """True when this installation can read and write encrypted journals."""
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def require_sqlcipher() -> Any:
    """The sqlcipher3 DB-API module, or EncryptionUnavailableError saying how to get it."""
    global _quieted
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise EncryptionUnavailableError(
            "This installation of Contact Journal cannot read or write encrypted journals. "
            + HOW_TO_GET_ENCRYPTION
        ) from None
    if not _quieted:
        # SQLCipher logs every failed key to stderr; a wrong passphrase is ours to explain.
        probe = dbapi2.connect(":memory:")
        try:
            probe.execute("PRAGMA cipher_log_level = NONE").fetchall()
        finally:
            probe.close()
        _quieted = True
    return dbapi2


def is_encrypted(path: Path) -> bool:
    """True when `path` looks like a SQLCipher file: not plaintext SQLite, whole random pages.

    A missing or empty file is a new journal, not an encrypted one. SQLCipher writes whole
    pages (512 bytes at the least) that start with a random salt, so a text file, or one of
    a size no page divides (random bytes, a file cut short), is not one: it is refused as
    not a journal instead of being asked a passphrase that could never open it.
    """
    try:
        with path.open("rb") as f:
            head = f.read(_TEXT_PROBE)
            size = os.fstat(f.fileno()).st_size
    except FileNotFoundError:
        return False
    if not head or head.startswith(PLAIN_HEADER):
        return False
    return size % _SMALLEST_PAGE == 0 and not _looks_like_text(head)


_SMALLEST_PAGE = 512
_TEXT_PROBE = 64
# Printable ASCII and the usual white space; random bytes are all of these 64 times in a
# row with a chance of about 1 in 10^27.
_TEXT_BYTES = frozenset(range(0x20, 0x7F)) | frozenset(b"\t\n\r")


def _looks_like_text(head: bytes) -> bool:
    return all(byte in _TEXT_BYTES for byte in head)


def raw_connect(path: Path, passphrase: str | None, address: str | None = None) -> Any:
    """A sqlcipher3 connection to `path`, keyed when `passphrase` is given (plaintext if None).

    `address` is a SQLite URI to open instead of the path (a read-only journal's).
    """
    dbapi2 = require_sqlcipher()
    conn = dbapi2.connect(address or str(path), isolation_level=None, timeout=5, uri=True)
    try:
        if passphrase is not None:
            _key(conn, passphrase)
    except BaseException:
        conn.close()
        raise
    return conn


def _key(conn: Any, passphrase: str) -> None:
    # PRAGMA takes no bound parameters; quoting is SQLite's: double the single quotes.
    conn.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")


def passphrase_opens(path: Path, passphrase: str) -> bool:
    """True when `passphrase` decrypts the journal at `path` (read only; nothing is written)."""
    conn = raw_connect(path, passphrase)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as exc:
        if "not a database" in str(exc).lower() or "encrypted" in str(exc).lower():
            return False
        raise NotAJournalError(
            f"{path} cannot be read: {type(exc).__name__}. It has not been changed."
        ) from None
    finally:
        conn.close()
    return True


def encrypted_database(
    path: Path, passphrase: str, pragmas: dict[str, Any], address: str | None = None
) -> peewee.SqliteDatabase:
    """A Peewee database over an encrypted file, keyed on every connection it opens.

    `address` is a SQLite URI to open instead of the path (a read-only journal's).
    """
    require_sqlcipher()
    from playhouse.sqlcipher_ext import SqlCipherDatabase

    db: peewee.SqliteDatabase = SqlCipherDatabase(
        address or str(path), passphrase=passphrase, pragmas=pragmas, timeout=5, uri=True
    )
    return db


# ---------------------------------------------------------------- converting a file


def table_counts(conn: Any) -> dict[str, int]:
    """Rows per table (FTS shadow tables included): what a faithful copy must match."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    ]
    return {
        name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names
    }


def _header(conn: Any) -> tuple[int, int]:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    return version, app_id


def export_copy(source: Path, source_key: str | None, target: Path, target_key: str | None) -> None:
    """Write `target` as a verified copy of `source` with another key ("" or None: plaintext).

    `target` must not exist. Raises WrongPassphraseError before writing anything when
    `source_key` does not open `source`; any failure removes the half-written target.
    """
    if target.exists():
        raise EncryptionError(f"{target} is in the way; move it elsewhere and try again.")
    if source_key and not passphrase_opens(source, source_key):
        raise WrongPassphraseError(
            "The passphrase does not open this journal; nothing was changed."
        )
    create_private(target)
    conn = raw_connect(source, source_key or None)
    try:
        expected = table_counts(conn)
        version, app_id = _header(conn)
        conn.execute("ATTACH DATABASE ? AS target KEY ?", (str(target), target_key or ""))
        conn.execute("SELECT sqlcipher_export('target')")
        # sqlcipher_export copies schema and rows; the header values travel separately.
        conn.execute(f"PRAGMA target.user_version = {int(version)}")
        conn.execute(f"PRAGMA target.application_id = {int(app_id)}")
        conn.execute("DETACH DATABASE target")
    except Exception as exc:
        conn.close()
        cleanup_leftover(target)
        raise _conversion_failed(target, exc) from None
    conn.close()
    try:
        verify_copy(target, target_key or None, expected, (version, app_id))
    except BaseException:
        cleanup_leftover(target)
        raise


def verify_copy(
    path: Path, passphrase: str | None, expected: dict[str, int], header: tuple[int, int]
) -> None:
    """Check a fresh copy: it opens with its key, passes integrity_check, and holds every row."""
    conn = raw_connect(path, passphrase)
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            raise EncryptionError(
                f"The new copy failed its integrity check ({'; '.join(result[:3])}); "
                "the journal was not changed."
            )
        if table_counts(conn) != expected or _header(conn) != header:
            raise EncryptionError(
                "The new copy does not hold the same rows as the journal; it was not changed."
            )
    finally:
        conn.close()


def checkpoint(path: Path, passphrase: str | None) -> None:
    """Fold the write-ahead log into the file, so the file alone holds every committed write."""
    if not path.exists():
        return
    conn = raw_connect(path, passphrase)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.close()
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise JournalUnavailableError(
            f"{path} is still in use by another program; close it there and try again."
        )


def swap_in(new: Path, path: Path, keep_old_as: Path | None = None) -> None:
    """Atomically put `new` in place of `path`; the old file moves to `keep_old_as` first if given.

    Both renames are within one folder, so each is atomic; between them, the old file is
    still whole at `keep_old_as`, and `new` is whole beside it.
    """
    for suffix in ("-wal", "-shm"):
        stale = path.with_name(path.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            # checkpoint() has emptied the log; an empty -wal or an -shm left behind would
            # otherwise be read as the new file's.
            stale.unlink()
    if keep_old_as is not None and path.exists():
        os.replace(path, keep_old_as)
        try:
            os.replace(new, path)
        except BaseException:
            # The old file goes back where it was: else the caller's reopen would make an
            # empty journal at `path`, and the next conversion clear the old one away.
            os.replace(keep_old_as, path)
            raise
    else:
        os.replace(new, path)
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable."""
    # A rename is durable only once its folder is flushed (POSIX); Windows has no such call.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def recover_interrupted_swap(path: Path) -> bool:
    """Put the journal back from `<journal>.old` when a swap_in was cut between its two
    renames (a crash, a power cut): the file is missing and `.old` holds it whole.

    Called by the writer that has just taken the lock, so no conversion is running. Without
    this, opening would create an empty journal in its place, and the next conversion
    would delete `.old` as a leftover. Returns whether anything was put back.
    """
    old = path.with_name(path.name + ".old")
    if _has_content(path) or not _has_content(old):
        return False
    for suffix in ("-wal", "-shm"):
        # An empty journal's companions, made by an open since the crash: not the old file's.
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()
    os.replace(old, path)
    sync_folder(path.parent)
    return True


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def cleanup_leftover(path: Path) -> None:
    """Remove a half-made file and its SQLite companions, if any."""
    for candidate in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(OSError):
            candidate.unlink()


def _conversion_failed(target: Path, exc: Exception) -> Exception:
    text = str(exc).lower()
    if "full" in text:
        return JournalUnavailableError(
            f"The disk holding {target.parent} is full; the journal was not changed."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return JournalUnavailableError(
            f"Cannot write in {target.parent}; check its permissions. The journal was not changed."
        )
    # The driver's message names the SQLite problem, never the SQL (which holds the key).
    return EncryptionError(f"Could not write the new copy ({exc}); the journal was not changed.")


@contextlib.contextmanager
def cleanup_on_error(*paths: Path) -> Iterator[None]:
    """Remove these (half-made) files if the block fails."""
    try:
        yield
    except BaseException:
        for path in paths:
            cleanup_leftover(path)
        raise
