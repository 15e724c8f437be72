"""One writer per journal: an OS advisory lock on `journal.sqlite3.lock`, held while writing.

We use the operating system's own locks (fcntl.flock on POSIX, msvcrt.locking on Windows)
rather than the `filelock` package: they are in the standard library, they vanish with the
process that held them (so a crash never leaves a stale lock behind), and we need one extra
thing filelock does not offer: the lock file names the process holding it, so a second
writer can say who is in the way.

Within one process the lock is re-entrant: the app, its restore and its tests may open the
same journal more than once; SQLite itself serialises writers inside a process.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from journal.store.errors import JournalLockedError, JournalUnavailableError

LOCK_SUFFIX = ".lock"
# Windows locks are mandatory byte ranges: the holder's description is written past the
# locked byte, so another process can still read who holds it.
_INFO_OFFSET = 16

# errno values of a file system that has no locks at all (as opposed to a lock being held).
_NO_LOCKS_HERE = {errno.ENOLCK, errno.ENOTSUP, errno.EOPNOTSUPP}

_held: dict[Path, _Held] = {}
_guard = threading.Lock()


@dataclass
class _Held:
    fd: int
    count: int


def lock_path(journal_file: Path) -> Path:
    """The lock file beside a journal file."""
    return journal_file.with_name(journal_file.name + LOCK_SUFFIX)


class JournalLock:
    """The one-writer lock on a journal; release() (or process exit) lets the next writer in."""

    def __init__(self, journal_file: Path, program: str = "journal", wait: float = 0.0) -> None:
        """Take the lock for `program`. When another run of the same program holds it,
        wait up to `wait` seconds for it to finish: two scripted commands in a row must not
        fail for having overlapped. The app holds the lock for hours, so it is never
        waited for."""
        self.path = lock_path(journal_file)
        self._key = self.path.resolve()
        self._released = False
        with _guard:
            held = _held.get(self._key)
            if held is not None:
                held.count += 1
                return
            fd = _open(self.path)
            try:
                _take(fd, program, time.monotonic() + wait)
            except BlockingIOError:
                holder = _read_holder(fd)
                os.close(fd)
                raise JournalLockedError(_locked_message(journal_file, holder), holder) from None
            except OSError as exc:
                if exc.errno not in _NO_LOCKS_HERE:
                    os.close(fd)
                    raise
                # A file system without locks (some network and FUSE mounts): SQLite's own
                # locking is all there is; refusing the journal would help nobody.
            except BaseException:
                os.close(fd)
                raise
            _write_holder(fd, program)
            _held[self._key] = _Held(fd, 1)

    def release(self) -> None:
        """Give the lock up (once; later calls do nothing)."""
        if self._released:
            return
        self._released = True
        with _guard:
            held = _held.get(self._key)
            if held is None:
                return
            held.count -= 1
            if held.count == 0:
                del _held[self._key]
                with contextlib.suppress(OSError):  # closing the file drops the lock anyway
                    _unlock(held.fd)
                os.close(held.fd)


# How often a waiting writer tries the lock again.
_RETRY_SECONDS = 0.05


def _take(fd: int, program: str, deadline: float) -> None:
    """Lock `fd`, trying again until `deadline` while the holder is `program` (BlockingIOError
    when it stays held). The process lock (_guard) stays taken meanwhile: the command line
    has one thread, and the app does not wait."""
    while True:
        try:
            _try_lock(fd)
            return
        except BlockingIOError:
            holder = _read_holder(fd)
            # An empty description: a writer that has the lock but has not yet said who it is.
            ours = not holder or holder.startswith(f"{program} (")
            if not ours or time.monotonic() >= deadline:
                raise
            time.sleep(_RETRY_SECONDS)


def holder_of(journal_file: Path) -> str | None:
    """Who holds the journal's lock right now, or None when nobody does."""
    path = lock_path(journal_file)
    if not path.exists():
        return None
    if path.resolve() in _held:
        return _describe_self()
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        try:
            _try_lock(fd)
        except BlockingIOError:
            return _read_holder(fd) or "another program"
        _unlock(fd)
        return None
    finally:
        os.close(fd)


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise JournalUnavailableError(
            f"Cannot write beside the journal ({path}): {exc.strerror}. "
            "Check that the folder is writable and the disk is not full."
        ) from exc


def _describe_self(program: str = "journal") -> str:
    started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    return f"{program} (process {os.getpid()} on {socket.gethostname()}, since {started})"


def _write_holder(fd: int, program: str) -> None:
    text = _describe_self(program).encode("utf-8")
    try:
        os.ftruncate(fd, _INFO_OFFSET)
        os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
        os.write(fd, text)
    except OSError:
        pass  # the lock is what matters; the description is a courtesy


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
        return os.read(fd, 512).decode("utf-8", "replace").strip()
    except OSError:
        return ""


def _locked_message(journal_file: Path, holder: str) -> str:
    who = holder or "another program"
    return (
        f"The journal {journal_file} is open for writing in {who}. "
        "Close it there first (only one program may change a journal at a time); "
        "nothing was changed."
    )


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            raise BlockingIOError(str(exc)) from exc

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> None:
        # flock, not lockf: an fcntl record lock is dropped when *any* descriptor of the file
        # closes in this process, which holder_of() does.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
