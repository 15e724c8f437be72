"""One app per journal: a later start hands its request over, even after a crash."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalServer

from journal.ui.platform.single_instance import (
    NAMED_PIPES,
    QUICK_ADD,
    SHOW,
    SingleInstance,
    send,
    server_name,
    socket_path,
)

SEND = (
    "import sys; from journal.ui.platform.single_instance import send; "
    "sys.exit(0 if send(sys.argv[1], sys.argv[2]) else 3)"
)


def _send_from_another_process(name: str, message: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", SEND, name, message])


@pytest.fixture
def instance(qapp, tmp_path: Path):  # type: ignore[no-untyped-def]
    made = SingleInstance(tmp_path / "journal.sqlite3")
    yield made
    made.close()


def test_names_depend_on_the_journal_file_not_its_spelling(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    one = server_name(tmp_path / "a" / "journal.sqlite3")
    assert one == server_name(tmp_path / "a" / ".." / "a" / "journal.sqlite3")
    assert one != server_name(tmp_path / "b" / "journal.sqlite3")
    assert one.startswith("contact-journal-") and "/" not in one


def test_the_first_start_listens(instance: SingleInstance) -> None:
    assert instance.claim(SHOW) is True
    assert instance.listening()


def test_a_later_start_hands_over_and_is_answered(qtbot, instance: SingleInstance) -> None:  # type: ignore[no-untyped-def]
    instance.claim(SHOW)
    with qtbot.waitSignal(instance.received, timeout=10_000) as got:
        child = _send_from_another_process(instance.name, QUICK_ADD)
    assert got.args == [QUICK_ADD]
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=10_000)
    assert child.returncode == 0  # it was told "ok", so it can exit


def test_nobody_listening_means_no_handover(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert send(server_name(tmp_path / "nobody.sqlite3"), SHOW, timeout_ms=500) is False


def test_unknown_messages_are_answered_but_ignored(qtbot, instance: SingleInstance) -> None:  # type: ignore[no-untyped-def]
    instance.claim(SHOW)
    seen: list[str] = []
    instance.received.connect(seen.append)
    child = _send_from_another_process(instance.name, "format-disk")
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=10_000)
    assert child.returncode == 0 and seen == []


def test_a_socket_left_by_a_crash_is_taken_over(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    journal_file = tmp_path / "journal.sqlite3"
    stale = Path(QDir.tempPath()) / server_name(journal_file)
    # What a crashed app leaves: the socket file, with nobody behind it.
    left = socket.socket(socket.AF_UNIX)
    left.bind(str(stale))
    left.close()
    assert stale.exists()
    survivor = SingleInstance(journal_file)
    try:
        assert survivor.claim(SHOW) is True
        assert survivor.listening()
    finally:
        survivor.close()
        QLocalServer.removeServer(survivor.name)


@pytest.mark.skipif(NAMED_PIPES, reason="Unix sockets")
def test_a_socket_path_that_cannot_be_removed_still_lets_the_app_start(  # type: ignore[no-untyped-def]
    qapp, tmp_path: Path
) -> None:
    # Something in the way that is not ours to remove (here a folder; in a shared /tmp,
    # another user's file): the app runs without the handover, as when it cannot listen,
    # rather than failing to start.
    journal_file = tmp_path / "journal.sqlite3"
    blocker = Path(socket_path(server_name(journal_file)))
    blocker.mkdir()
    try:
        instance = SingleInstance(journal_file)
        try:
            assert instance.claim(SHOW) is True  # raised IsADirectoryError
            assert not instance.listening()
        finally:
            instance.close()
        assert blocker.is_dir()
    finally:
        blocker.rmdir()


@pytest.mark.skipif(NAMED_PIPES, reason="Unix sockets")
def test_a_running_app_too_busy_to_answer_keeps_its_socket(  # type: ignore[no-untyped-def]
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first start is still opening the journal (a long migration) when the user starts
    # again: its socket takes the connection but nobody answers yet. It is not a crashed
    # app's: removing it left the running app unreachable by every later start.
    from journal.ui.platform import single_instance

    real_send = single_instance.send
    monkeypatch.setattr(single_instance, "send", lambda name, message: real_send(name, message, 50))
    journal_file = tmp_path / "journal.sqlite3"
    path = Path(socket_path(server_name(journal_file)))
    busy = socket.socket(socket.AF_UNIX)
    busy.bind(str(path))
    busy.listen(5)  # never accepts
    try:
        later = SingleInstance(journal_file)
        try:
            later.claim(SHOW)
            assert not later.listening()
        finally:
            later.close()
        assert path.exists() and path.stat().st_ino == busy_inode(busy)
    finally:
        busy.close()
        path.unlink(missing_ok=True)


def busy_inode(listener: socket.socket) -> int:
    """The inode of the socket file `listener` is bound to."""
    import os

    return os.stat(listener.getsockname()).st_ino


def test_the_socket_lives_in_the_users_own_runtime_folder(tmp_path: Path) -> None:
    import os
    import shutil
    import tempfile

    journal_file = tmp_path / "journal.sqlite3"
    bare = server_name(journal_file, "")
    assert "/" not in bare  # no runtime folder: a bare name, in Qt's temporary folder
    runtime = tempfile.mkdtemp(prefix="cj-run-")  # short, as /run/user/<uid> is; 0700
    try:
        assert server_name(journal_file, runtime) == os.path.join(runtime, bare)
        os.chmod(runtime, 0o755)  # others may look in: not a runtime folder to trust
        assert server_name(journal_file, runtime) == bare
        assert server_name(journal_file, runtime + "-missing") == bare
    finally:
        shutil.rmtree(runtime)


def test_a_runtime_folder_too_deep_for_a_socket_path_is_not_used(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True, mode=0o700)
    deep.chmod(0o700)
    bare = server_name(tmp_path / "journal.sqlite3", "")
    assert server_name(tmp_path / "journal.sqlite3", str(deep)) == bare


# The first start of a journal, in a process of its own: whether QtNetwork is loaded once it
# listens, and again once a later start has knocked and been answered.
LISTEN = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from journal.ui.platform.single_instance import SHOW, SingleInstance

app = QCoreApplication([])
first = SingleInstance(Path(sys.argv[1]))
assert first.claim(SHOW) and first.listening()
print("listening", "PySide6.QtNetwork" in sys.modules, flush=True)
def got(message):
    print("received", message, "PySide6.QtNetwork" in sys.modules, flush=True)
    app.quit()
first.received.connect(got)
app.exec()
first.close()
"""


@pytest.mark.skipif(NAMED_PIPES, reason="Windows listens with QLocalServer from the start")
def test_qt_network_loads_only_when_a_later_start_knocks(tmp_path: Path) -> None:
    journal_file = tmp_path / "journal.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", LISTEN, str(journal_file)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().split() == ["listening", "False"]
        assert send(server_name(journal_file), QUICK_ADD, timeout_ms=10_000) is True
        assert child.stdout.readline().split() == ["received", QUICK_ADD, "True"]
        assert child.wait(timeout=10) == 0
    finally:
        if child.poll() is None:
            child.kill()
    assert not Path(socket_path(server_name(journal_file))).exists()  # removed on closing


@pytest.mark.skipif(NAMED_PIPES, reason="named pipes have no socket file")
def test_the_socket_file_is_the_users_alone_and_goes_with_the_app(
    qtbot, instance: SingleInstance
) -> None:  # type: ignore[no-untyped-def]
    assert instance.claim(SHOW) is True
    path = Path(socket_path(instance.name))
    assert path.is_socket() and path.stat().st_mode & 0o077 == 0
    instance.close()
    assert not path.exists() and not instance.listening()
    instance.close()  # twice is harmless (quitting, then leaving run_gui)


@pytest.mark.skipif(NAMED_PIPES, reason="named pipes have no socket file")
def test_after_a_handover_closing_still_removes_the_socket(qtbot, instance: SingleInstance) -> None:  # type: ignore[no-untyped-def]
    instance.claim(SHOW)
    with qtbot.waitSignal(instance.received, timeout=10_000):
        child = _send_from_another_process(instance.name, SHOW)
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=10_000)
    assert instance.server is not None and instance.listening()
    instance.close()
    assert not Path(socket_path(instance.name)).exists()


def test_a_handover_qt_cannot_take_leaves_no_socket_unanswered(  # type: ignore[no-untyped-def]
    qtbot, instance: SingleInstance, monkeypatch
) -> None:
    import socket

    instance.claim(SHOW)
    path = socket_path(instance.name)

    class Refusing:
        """A QLocalServer whose listen() on the handed-over socket fails."""

        def listen(self, _descriptor: int) -> bool:
            return False

    monkeypatch.setattr(instance, "_make_server", lambda: Refusing())
    instance._hand_over_to_qt()
    knock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        with pytest.raises(ConnectionRefusedError):  # not accepted into a queue nobody reads
            knock.connect(path)
    finally:
        knock.close()
