"""One writer per journal: the lock, its message naming the holder, and crashes leaving none."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import peewee
import pytest

from journal.store import open_journal
from journal.store.database import opened_read_only
from journal.store.errors import JournalLockedError
from journal.store.location import journal_path
from journal.store.lock import JournalLock, holder_of, lock_path

SRC = str(Path(__file__).resolve().parents[3] / "src")
Unprivileged = Any


def _hold_in_child(
    home: Path, program: str = "journal-test-holder", seconds: float = 60
) -> subprocess.Popen[str]:
    """Another process that opens the journal as `program`'s writer, holds it for `seconds`
    (or until killed) and closes it."""
    code = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {SRC!r})
        from pathlib import Path
        from journal.store import open_journal
        journal = open_journal(Path({str(home)!r}), program={program!r})
        print("held", flush=True)
        time.sleep({seconds})
        journal.close()
        """
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    return child


def test_a_second_writer_process_is_refused_with_the_holder_named(home: Path) -> None:
    child = _hold_in_child(home)
    try:
        with pytest.raises(JournalLockedError) as refused:
            open_journal(home)
        message = str(refused.value)
        assert "journal-test-holder" in message
        assert f"process {child.pid}" in message
        assert refused.value.holder.startswith(f"journal-test-holder (process {child.pid} ")
        assert "nothing was changed" in message
        assert holder_of(journal_path(home)) is not None
    finally:
        child.kill()
        child.wait()


def test_a_reader_may_open_while_a_writer_holds_the_lock(home: Path) -> None:
    child = _hold_in_child(home)
    try:
        reader = open_journal(home, writer=False)
        assert reader.lock is None
        assert opened_read_only()  # so bookkeeping writes (vCard UIDs) do without
        assert reader.db.execute_sql("SELECT count(*) FROM contact").fetchone()[0] == 0
        # Without the lock it must not write: SQLite itself refuses, in every thread.
        with pytest.raises(peewee.OperationalError, match="readonly"):
            reader.db.execute_sql("INSERT INTO tag (name) VALUES ('x')")
        done: list[str] = []

        def write_in_a_thread() -> None:
            try:
                reader.db.execute_sql("INSERT INTO tag (name) VALUES ('y')")
            except peewee.OperationalError as error:
                done.append(str(error))
            finally:
                reader.db.close()

        thread = threading.Thread(target=write_in_a_thread)
        thread.start()
        thread.join()
        assert done and "readonly" in done[0]
        reader.close()
    finally:
        child.kill()
        child.wait()


def test_a_killed_writer_leaves_no_stale_lock(home: Path) -> None:
    child = _hold_in_child(home)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert lock_path(journal_path(home)).exists()  # the file stays; the OS lock went with it
    assert holder_of(journal_path(home)) is None
    journal = open_journal(home)
    assert journal.lock is not None
    journal.close()


def test_the_lock_is_released_on_close(home: Path) -> None:
    journal = open_journal(home)
    journal.close()
    code = (
        f"import sys; sys.path.insert(0, {SRC!r}); from pathlib import Path;"
        f"from journal.store import open_journal; open_journal(Path({str(home)!r})).close();"
        "print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ok", done.stderr


def test_the_lock_is_reentrant_within_one_process(home: Path) -> None:
    first = open_journal(home)
    second = open_journal(home)  # the app reopening after a restore, a test helper...
    assert first.lock is not None and second.lock is not None
    second.close()
    assert holder_of(first.path) is not None  # still held by `first`
    first.close()
    assert holder_of(first.path) is None


def test_release_twice_is_harmless(tmp_path: Path) -> None:
    lock = JournalLock(tmp_path / "journal.sqlite3")
    lock.release()
    lock.release()
    assert holder_of(tmp_path / "journal.sqlite3") is None


def test_a_read_only_folder_gets_a_clear_message(unprivileged: Unprivileged) -> None:
    folder = unprivileged.folder / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    done = unprivileged.run(
        f"""
        from journal.store.lock import JournalLock
        from journal.store.errors import JournalUnavailableError
        try:
            JournalLock(Path({str(folder)!r}) / "journal.sqlite3")
        except JournalUnavailableError as error:
            print(error)
        """
    )
    assert "Check that the folder is writable" in done
    assert not any(folder.iterdir())


def test_a_file_system_without_locks_still_opens(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from journal.store import lock

    def no_locks(fd: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock, "_try_lock", no_locks)
    journal = open_journal(home)
    assert journal.db.execute_sql("SELECT count(*) FROM contact").fetchone()[0] == 0
    journal.close()


def test_a_second_run_of_the_same_command_waits_for_the_first(home: Path) -> None:
    child = _hold_in_child(home, "the journal command", 0.5)
    try:
        # Without the wait this raises JournalLockedError: the first holds it for 0.5 s.
        journal = open_journal(home, program="the journal command", wait=30)
        assert journal.lock is not None
        journal.close()
    finally:
        child.kill()
        child.wait()


def test_another_program_is_not_waited_for(home: Path) -> None:
    # It lets go after a few seconds: had the command waited, it would have got in.
    child = _hold_in_child(home, "Contact Journal", 5)
    try:
        with pytest.raises(JournalLockedError):
            open_journal(home, program="the journal command", wait=30)
    finally:
        child.kill()
        child.wait()


def test_a_command_waits_only_as_long_as_it_was_told(home: Path) -> None:
    child = _hold_in_child(home, "the journal command", 60)
    try:
        with pytest.raises(JournalLockedError) as refused:
            open_journal(home, program="the journal command", wait=0.2)
        assert "the journal command (process" in str(refused.value)
        assert child.poll() is None
    finally:
        child.kill()
        child.wait()
