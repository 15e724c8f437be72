"""Backups with SQLite's online backup API: taken, listed, thinned on a schedule, restored.

Every backup is a whole journal file in `backups/` beside the journal, named
`journal-<UTC stamp>-<reason>.sqlite3` (`journal-<stamp>-<n>-<reason>.sqlite3` for the nth
after the first in the same second; lists go by stamp, then n). It is written under a
temporary name, checked with `PRAGMA quick_check`, and only then renamed into place, so a
half-written backup never appears in the list. A backup of an encrypted journal is
encrypted with the same key, unless the caller asks for a plaintext one.

Automatic backups (reason "daily") are thinned by `keep()`: the newest of each of the last 7
days, 4 weeks and 12 months that have one. Backups taken by hand, before a migration, an
import, a restore or a change of encryption are never deleted by the app.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.store import crypto, readonly
from journal.store.errors import (
    DamagedJournalError,
    JournalUnavailableError,
    NotAJournalError,
    WrongPassphraseError,
)
from journal.store.location import backups_dir, create_private, make_private_folder

if TYPE_CHECKING:
    from journal.store.database import Journal

DAILY = "daily"
MANUAL = "manual"
BEFORE_MIGRATION = "before-migration"
BEFORE_IMPORT = "before-import"
BEFORE_MERGE = "before-merge"
BEFORE_RESTORE = "before-restore"
BEFORE_ENCRYPTION = "before-encryption-change"
DAMAGED = "damaged"

STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^journal-(\d{8}T\d{6}Z)(?:-(\d+))?-([a-z0-9-]+)\.sqlite3$")
# The serial of any file a backup of that second left, finished or not.
_SERIAL = re.compile(r"^journal-\d{8}T\d{6}Z(?:-(\d+))?-[a-z0-9]")
# The name copies taken before a migration had before backups were a feature of their own.
_OLD_MIGRATION_NAME = re.compile(r"^journal-schema(\d+)-before-migration-(\d{8}T\d{6}Z)\.sqlite3$")
_REASON = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
DAY = dt.timedelta(days=1)

# progress(pages copied, pages in all), between steps of a copy; raising from it stops the
# copy, and the partial file is removed.
CopyProgress = Callable[[int, int], None]
# Pages per step when someone follows the copy: 4 MiB at SQLite's 4 KiB pages, a few
# milliseconds each, so the window that shows the progress stays responsive.
COPY_STEP_PAGES = 1024


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where, when (UTC), why, how big, and whether it is encrypted."""

    path: Path
    taken_at: dt.datetime
    reason: str
    size: int
    encrypted: bool
    # Which backup of its second this is (0 for the first): names carry seconds only.
    serial: int = 0

    @property
    def automatic(self) -> bool:
        """A scheduled backup, which the schedule may later thin out."""
        return self.reason == DAILY

    @property
    def order(self) -> tuple[dt.datetime, int, str]:
        """Sorts backups by when they were taken: the second, then which of that second.

        The name last, only so that two backups numbered alike in one second (named before
        the numbers ran across reasons) always come in the same order.
        """
        return (self.taken_at, self.serial, self.path.name)


# ---------------------------------------------------------------- naming and listing


def backup_name(taken_at: dt.datetime, reason: str, serial: int = 0) -> str:
    """The file name of a backup taken at `taken_at` for `reason` (a lower-case slug)."""
    if not _REASON.match(reason):
        raise ValueError(f"a backup reason is a lower-case slug, not {reason!r}")
    stamp = taken_at.astimezone(dt.timezone.utc).strftime(STAMP_FORMAT)
    middle = f"{stamp}-{serial}" if serial else stamp
    return f"journal-{middle}-{reason}.sqlite3"


def parse_name(name: str) -> tuple[dt.datetime, str] | None:
    """(taken at, reason) from a backup file's name; None for a file that is not a backup."""
    parsed = _parse(name)
    return None if parsed is None else (parsed[0], parsed[2])


def _parse(name: str) -> tuple[dt.datetime, int, str] | None:
    """(taken at, which of its second, reason) from a backup file's name, or None."""
    found = _NAME.match(name)
    if found:
        stamp, serial, reason = found.group(1), int(found.group(2) or 0), found.group(3)
    else:
        old = _OLD_MIGRATION_NAME.match(name)
        if not old:
            return None
        stamp, serial, reason = old.group(2), 0, f"{BEFORE_MIGRATION}-schema{old.group(1)}"
    when = dt.datetime.strptime(stamp, STAMP_FORMAT).replace(tzinfo=dt.timezone.utc)
    return when, serial, reason


def list_backups(home: Path) -> list[BackupInfo]:
    """Every backup of the journal in `home`, newest first."""
    folder = backups_dir(home)
    found: list[BackupInfo] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        parsed = _parse(path.name)
        if parsed is None or not path.is_file():
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        when, serial, reason = parsed
        found.append(BackupInfo(path, when, reason, size, crypto.is_encrypted(path), serial))
    # Not by name alone: `…Z-1-before-import`, the second of its second, sorts before
    # `…Z-before-import`, the first.
    found.sort(key=lambda b: b.order, reverse=True)
    return found


def find_backup(home: Path, name: str) -> BackupInfo:
    """A backup named by its file name (or path), or the newest with `latest`."""
    backups = list_backups(home)
    if name == "latest":
        if not backups:
            raise JournalUnavailableError(f"There are no backups in {backups_dir(home)} yet.")
        return backups[0]
    wanted = Path(name).name
    for backup in backups:
        if backup.path.name == wanted:
            return backup
    raise JournalUnavailableError(
        f"There is no backup named {wanted} in {backups_dir(home)} "
        "(journal restore --list shows them)."
    )


# ---------------------------------------------------------------- the schedule


def keep(
    backups: Iterable[tuple[str, dt.datetime]],
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
    tz: dt.tzinfo | None = None,
) -> set[str]:
    """Which backups the schedule keeps: the newest of each of the last `daily` days,
    `weekly` ISO weeks and `monthly` months that have a backup, and always the newest one.

    `backups` are (name, aware instant); days, weeks and months are those of `tz`
    (the local time zone when None), as the user lives them. Backups of the same instant
    are taken to be given newest first, as `list_backups` gives them.
    """
    ordered = sorted(backups, key=lambda b: b[1], reverse=True)  # stable: keeps that order
    kept: set[str] = set()
    if not ordered:
        return kept
    kept.add(ordered[0][0])

    def newest_per(period: Any, count: int) -> None:
        seen: list[object] = []
        for name, when in ordered:
            key = period(when.astimezone(tz))
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            kept.add(name)

    newest_per(lambda t: t.date(), daily)
    newest_per(lambda t: t.isocalendar()[:2], weekly)
    newest_per(lambda t: (t.year, t.month), monthly)
    return kept


STALE_PARTIAL = dt.timedelta(hours=1)


def prune(home: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete the automatic backups the schedule no longer keeps, and half-written ones left
    by a program that was killed mid-backup (an hour old: nobody is still writing them);
    returns what was deleted."""
    removed: list[Path] = []
    folder = backups_dir(home)
    moment = (now or dt.datetime.now(dt.timezone.utc)).timestamp()
    if folder.is_dir():
        for partial in folder.glob("*.partial"):
            with contextlib.suppress(OSError):
                if moment - partial.stat().st_mtime > STALE_PARTIAL.total_seconds():
                    _remove(partial)
                    removed.append(partial)
    automatic = [b for b in list_backups(home) if b.automatic]
    kept = keep((b.path.name, b.taken_at) for b in automatic)
    for backup in automatic:
        if backup.path.name not in kept:
            with contextlib.suppress(FileNotFoundError):
                backup.path.unlink()
                removed.append(backup.path)
    return removed


# The copies `journal contact merge` takes: the newest ones are kept, the way back from
# the last merges; a script that merges hundreds of pairs must not leave as many journals.
KEEP_BEFORE_MERGE = 10


def thin(home: Path, reason: str, newest: int) -> list[Path]:
    """Delete the backups taken for `reason` beyond the `newest` ones; returns what went."""
    removed: list[Path] = []
    for backup in [b for b in list_backups(home) if b.reason == reason][newest:]:
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
            removed.append(backup.path)
    return removed


def daily_backup_due(home: Path, now: dt.datetime) -> bool:
    """True when the newest automatic backup is a day old or more (or there is none)."""
    newest = next((b for b in list_backups(home) if b.automatic), None)
    return newest is None or now - newest.taken_at >= DAY


# ---------------------------------------------------------------- taking a backup


def backup_now(
    journal: Journal,
    reason: str,
    *,
    encrypted: bool = True,
    now: dt.datetime | None = None,
    progress: CopyProgress | None = None,
) -> BackupInfo:
    """Take a verified backup of the open journal now; returns it.

    Call it before anything that rewrites much of the journal (an import, a merge): the
    user can then restore the journal as it was. An encrypted journal's backup is encrypted
    with the same key unless `encrypted` is False.
    """
    return backup_file(
        journal.path,
        backups_dir(journal.home),
        reason,
        journal.passphrase,
        encrypted=encrypted,
        now=now,
        progress=progress,
    )


def backup_file(
    source: Path,
    folder: Path,
    reason: str,
    passphrase: str | None,
    *,
    encrypted: bool = True,
    now: dt.datetime | None = None,
    progress: CopyProgress | None = None,
) -> BackupInfo:
    """Copy the journal file `source` into `folder` through its own connection.

    Its own connection, so it may run on a worker thread while the app goes on. Without
    `progress` the copy is one step of the backup API, a consistent snapshot even while the
    app writes; with it, the copy goes in steps, and a write by another connection between
    two steps starts it again (SQLite's rule), so the backup is as consistent.
    """
    taken_at = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    taken_at = taken_at.replace(microsecond=0)
    try:
        make_private_folder(folder)
    except OSError as exc:
        raise JournalUnavailableError(
            f"Cannot create the backup folder {folder}: {exc.strerror}."
        ) from exc
    target, serial = _free_name(folder, taken_at, reason)
    partial = target.with_name(target.name + ".partial")
    _remove(partial)
    key = passphrase if encrypted else None
    try:
        if passphrase is not None and not encrypted:
            crypto.export_copy(source, passphrase, partial, None)
        else:
            copy_file(source, passphrase, partial, key, progress)
        problems = quick_check(partial, key)
        if problems:
            raise DamagedJournalError(
                f"The backup of {source} failed its check ({'; '.join(problems[:3])}); the "
                "journal itself may be damaged.",
                command_hint="Run `journal check` for details.",
            )
        os.replace(partial, target)
    except BaseException as exc:
        _remove(partial)
        if isinstance(exc, Exception) and _is_sqlite_error(exc):
            raise _explain_backup(exc, folder) from None
        raise
    return BackupInfo(target, taken_at, reason, target.stat().st_size, key is not None, serial)


def copy_connection(
    conn: Any, target: Path, passphrase: str | None, progress: CopyProgress | None = None
) -> None:
    """Copy the database behind `conn` (same driver, same key) into the new file `target`,
    reporting to `progress` between steps if given."""
    create_private(target)
    destination = _connect(target, passphrase)
    try:
        if progress is None:
            conn.backup(destination)
        else:
            conn.backup(
                destination,
                pages=COPY_STEP_PAGES,
                progress=lambda _status, left, total: progress(total - left, total),
            )
    finally:
        destination.close()


def copy_file(
    source: Path,
    passphrase: str | None,
    target: Path,
    target_key: str | None,
    progress: CopyProgress | None = None,
) -> None:
    """Copy the journal file `source` into `target` with the backup API (same key both sides;
    another key is an export, in one go: `progress` hears only of the backup API's steps)."""
    if passphrase != target_key:
        crypto.export_copy(source, passphrase, target, target_key)
        return
    conn = _connect(source, passphrase, reading=True)
    try:
        copy_connection(conn, target, passphrase, progress)
    finally:
        conn.close()


def _connect(path: Path, passphrase: str | None, reading: bool = False) -> Any:
    # A journal we only read may be read-only here: then it is opened without writing.
    where = readonly.source_address(path) if reading else str(path)
    if passphrase is None:
        return sqlite3.connect(where, timeout=5, uri=True)
    return crypto.raw_connect(path, passphrase, where)


def _free_name(folder: Path, taken_at: dt.datetime, reason: str) -> tuple[Path, int]:
    """A name for a backup taken at `taken_at` (whole seconds), and its serial.

    Two backups in the same second (a restore right after a backup, imports in a row) are
    numbered whatever their reasons, so their names tell which came last; a file still
    being written (`.partial`) counts too.
    """
    stamp = taken_at.astimezone(dt.timezone.utc).strftime(STAMP_FORMAT)
    serial = 0
    for path in folder.glob(f"journal-{stamp}-*"):
        found = _SERIAL.match(path.name)
        if found:
            serial = max(serial, int(found.group(1) or 0) + 1)
    return folder / backup_name(taken_at, reason, serial), serial


def discard(backup: BackupInfo) -> None:
    """Delete a backup that turned out not to be needed (an import that wrote nothing)."""
    _remove(backup.path)


def _remove(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(OSError):
            candidate.unlink()


def _is_sqlite_error(exc: Exception) -> bool:
    return isinstance(exc, sqlite3.Error) or type(exc).__module__.startswith("sqlcipher3")


def _explain_backup(exc: Exception, folder: Path) -> Exception:
    text = str(exc).lower()
    if "full" in text:
        return JournalUnavailableError(
            f"The disk holding {folder} is full; no backup was taken. Free some space."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return JournalUnavailableError(
            f"Cannot write in {folder}; check its permissions. No backup was taken."
        )
    return JournalUnavailableError(f"No backup was taken: {exc}.")


# ---------------------------------------------------------------- checking


def quick_check(path: Path, passphrase: str | None) -> list[str]:
    """The problems PRAGMA quick_check finds in the file at `path` (empty when it is sound)."""
    conn = _connect(path, passphrase, reading=True)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except Exception as exc:
        if not _is_sqlite_error(exc):
            raise
        return [str(exc)]
    finally:
        conn.close()
    problems = [str(r[0]) for r in rows]
    return [] if problems == ["ok"] else problems


def restore_problems(path: Path, passphrase: str | None) -> list[str]:
    """Why the file at `path` cannot become this journal (empty when it can).

    Damage first (quick_check), then what quick_check passes but the journal would refuse
    once swapped in: an empty file (a new, empty journal), another program's database, or
    a journal from a newer version of the app.
    """
    from journal.store.database import APPLICATION_ID
    from journal.store.migrations import SCHEMA_VERSION

    if path.stat().st_size == 0:
        return ["it is empty"]
    problems = quick_check(path, passphrase)
    if problems:
        return problems
    conn = _connect(path, passphrase, reading=True)
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
    if app_id != APPLICATION_ID:
        return ["it is a SQLite database, but not a Contact Journal"]
    if version > SCHEMA_VERSION:
        return [
            f"it was written by a newer version of Contact Journal (schema {version}; "
            f"this version knows up to {SCHEMA_VERSION})"
        ]
    return []


def _refuse_backup(backup: BackupInfo, problems: list[str]) -> NotAJournalError:
    if problems[0].startswith("it "):
        why = f"cannot be restored: {problems[0]}"
    else:
        why = f"is damaged ({'; '.join(problems[:2])})"
    return NotAJournalError(
        f"The backup {backup.path.name} {why}; choose another one. Nothing was changed."
    )


def backup_passphrase_works(backup: BackupInfo, passphrase: str | None) -> bool:
    """True when `passphrase` opens this backup (a plaintext backup needs none)."""
    if not backup.encrypted:
        return True
    return passphrase is not None and crypto.passphrase_opens(backup.path, passphrase)


def latest_good_backup(home: Path, passphrase: str | None) -> BackupInfo | None:
    """The newest backup that opens with `passphrase` (if encrypted) and passes quick_check."""
    for backup in list_backups(home):
        if backup.reason == DAMAGED:
            continue
        try:
            if not backup_passphrase_works(backup, passphrase):
                continue
            if not restore_problems(backup.path, passphrase if backup.encrypted else None):
                return backup
        except Exception:
            continue
    return None


# ---------------------------------------------------------------- restoring


def restore(
    journal: Journal,
    backup: BackupInfo,
    *,
    backup_passphrase: str | None = None,
    damaged: bool = False,
    progress: CopyProgress | None = None,
) -> BackupInfo | None:
    """Put `backup` in place of the open journal, which must hold the writer lock.

    The current state is backed up first (a damaged journal is kept as it is, reason
    "damaged"); returns that copy. The backup is copied beside the journal in the journal's
    own encryption, checked, then swapped in; the journal is then open on it (migrated if
    the backup is older). `progress` hears of both copies as one: raising from it before
    the swap leaves the journal as it was.
    """
    if journal.read_only:
        raise readonly.refused(journal.path)
    key = journal.passphrase
    source_key = backup_passphrase if backup_passphrase is not None else key
    if backup.encrypted:
        if source_key is None or not crypto.passphrase_opens(backup.path, source_key):
            raise WrongPassphraseError(
                f"The backup {backup.path.name} was made with another passphrase; "
                "give that passphrase to restore it. Nothing was changed."
            )
    else:
        source_key = None
    problems = restore_problems(backup.path, source_key)
    if problems:
        raise _refuse_backup(backup, problems)
    first_half, second_half = _in_two_halves(progress)
    safety = (
        keep_damaged(journal)
        if damaged
        else backup_now(journal, BEFORE_RESTORE, progress=first_half)
    )
    incoming = journal.path.with_name(journal.path.name + ".restoring")
    _remove(incoming)
    try:
        copy_file(backup.path, source_key, incoming, key, second_half)
        problems = quick_check(incoming, key)
        if problems:
            raise DamagedJournalError(f"The restored copy failed its check: {problems[0]}")
        journal.close(release_lock=False)
        crypto.swap_in(incoming, journal.path)
    except BaseException:
        _remove(incoming)
        if journal.db.is_closed():
            journal.reopen(key)
        raise
    journal.reopen(key)
    return safety


def _in_two_halves(
    progress: CopyProgress | None,
) -> tuple[CopyProgress | None, CopyProgress | None]:
    """One progress for two copies in a row: the first fills its first half, the second the
    rest (a restore's copy of the journal, then of the backup: about the same size)."""
    if progress is None:
        return None, None
    half = 1000

    def from_(start: int) -> CopyProgress:
        return lambda done, total: progress(start + half * done // max(total, 1), 2 * half)

    return from_(0), from_(half)


def keep_damaged(journal: Journal) -> BackupInfo:
    """Keep the damaged journal (and its write-ahead log) as they are, before replacing them."""
    journal.close(release_lock=False)
    return _copy_damaged(journal.home, journal.path, journal.encrypted)


def sizes(backups: Sequence[BackupInfo]) -> int:
    """The bytes all these backups take."""
    return sum(b.size for b in backups)


def restore_unopenable(home: Path, backup: BackupInfo, passphrase: str | None) -> BackupInfo:
    """Restore `backup` over a journal too damaged to open; returns the kept damaged copy.

    Takes the writer lock itself. The damaged file is copied into backups/ as it is, the
    backup is copied beside it (keeping its own encryption), checked, and swapped in.
    """
    from journal.store.location import journal_path
    from journal.store.lock import JournalLock

    path = journal_path(home)
    key = passphrase if backup.encrypted else None
    if backup.encrypted and (key is None or not crypto.passphrase_opens(backup.path, key)):
        raise WrongPassphraseError(
            f"The passphrase does not open the backup {backup.path.name}; nothing was changed."
        )
    problems = restore_problems(backup.path, key)
    if problems:
        raise _refuse_backup(backup, problems)
    lock = JournalLock(path)
    try:
        kept: BackupInfo | None = None
        if path.exists():
            kept = _copy_damaged(home, path, backup.encrypted)
        incoming = path.with_name(path.name + ".restoring")
        _remove(incoming)
        try:
            copy_file(backup.path, key, incoming, key)
            problems = quick_check(incoming, key)
            if problems:
                raise DamagedJournalError(f"The restored copy failed its check: {problems[0]}")
            crypto.swap_in(incoming, path)
        except BaseException:
            _remove(incoming)
            raise
    finally:
        lock.release()
    return kept if kept is not None else backup


def _copy_damaged(home: Path, path: Path, encrypted: bool) -> BackupInfo:
    import shutil

    folder = backups_dir(home)
    make_private_folder(folder)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    target, serial = _free_name(folder, now, DAMAGED)
    create_private(target)  # copyfile keeps an existing file's permissions
    shutil.copyfile(path, target)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        # Named so SQLite reads it as the copy's own log, should anyone open the copy.
        copied_wal = target.with_name(target.name + "-wal")
        create_private(copied_wal)
        shutil.copyfile(wal, copied_wal)
    return BackupInfo(target, now, DAMAGED, target.stat().st_size, encrypted, serial)
