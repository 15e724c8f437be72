"""One app per journal: the first start listens on a local socket, later ones hand over.

The socket's name comes from the journal file's path, so two different journals can be
open at once but the same one only once. A later start sends one line (`show` or `quick`)
and exits when the first answers `ok`. A socket left behind by a crash answers nobody: it
is removed and the new start takes over.

On Linux and macOS a start knocks and listens with a plain Unix socket, where Qt's
QLocalServer would put its own, and hands the listening socket to a QLocalServer only when
a later start knocks: QtNetwork (about 14 ms of loading and enums) then never delays the
window. On Windows, whose local sockets are named pipes, QLocalServer listens from the start.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import socket
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QObject, QSocketNotifier, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

SHOW = "show"
QUICK_ADD = "quick"
STAY = "stay"  # a start in the tray (at login) only checks that the app runs
MESSAGES = (SHOW, QUICK_ADD, STAY)
_REPLY = b"ok\n"
TIMEOUT_MS = 3000


MAX_SOCKET_PATH = 100  # of the 107 bytes a Unix socket's path may have, with a margin


def server_name(journal_file: Path, runtime_dir: str | None = None) -> str:
    """A socket name for this user and journal file (the same for every spelling of its path).

    On Linux and the BSDs the socket lives in the user's own runtime folder
    (XDG_RUNTIME_DIR, or `runtime_dir`): readable by nobody else, emptied at logout. In the
    shared temporary folder, where Qt puts a bare name, another user could take the name
    first and answer for us, and a killed app's socket stayed for good.
    """
    resolved = os.path.normcase(str(journal_file.expanduser().resolve()))
    digest = hashlib.sha256(f"{_user()}\0{resolved}".encode()).hexdigest()[:24]
    name = f"contact-journal-{digest}"
    folder = runtime_dir if runtime_dir is not None else os.environ.get("XDG_RUNTIME_DIR", "")
    if folder and sys.platform != "win32" and sys.platform != "darwin" and _private(folder):
        path = os.path.join(folder, name)
        # A Unix socket's path has room for 107 bytes; past that, listening fails.
        if len(os.fsencode(path)) <= MAX_SOCKET_PATH:
            return path
    return name


def _private(folder: str) -> bool:
    """A folder of ours that no one else may enter (as XDG_RUNTIME_DIR must be)."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def _user() -> str:
    """Who runs the app: two users of one computer never share an instance."""
    if hasattr(os, "getuid"):
        return str(os.getuid())
    return os.environ.get("USERNAME", "")


NAMED_PIPES = sys.platform == "win32"  # QLocalServer's local sockets there


def socket_path(name: str) -> str:
    """Where the socket named `name` lives on Unix: the name when it is a path, else in
    Qt's temporary folder, where QLocalServer and QLocalSocket put a bare name."""
    if name.startswith("/"):
        return name
    return os.path.join(QDir.cleanPath(QDir.tempPath()), name)


def send(name: str, message: str, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Deliver a message to the instance listening on `name`; False if none answered."""
    if NAMED_PIPES:
        return _send_through_qt(name, message, timeout_ms)
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(timeout_ms / 1000)
    answer = b""
    try:
        client.connect(socket_path(name))
        client.sendall(message.encode("ascii") + b"\n")
        while not answer.endswith(b"\n"):
            chunk = client.recv(64)
            if not chunk:
                break
            answer += chunk
    except OSError:  # nobody there (no file, or a crashed app's), or no answer in time
        return False
    finally:
        client.close()
    return answer == _REPLY


def _send_through_qt(name: str, message: str, timeout_ms: int) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    client = QLocalSocket()
    client.connectToServer(name)
    if not client.waitForConnected(timeout_ms):
        return False
    client.write(message.encode("ascii") + b"\n")
    client.flush()
    answer = b""
    while not answer.endswith(b"\n"):
        if not client.waitForReadyRead(timeout_ms):
            break
        answer += bytes(client.readAll().data())
    client.disconnectFromServer()
    return answer == _REPLY


def _someone_listens(path: str) -> bool:
    """Whether a process listens on the Unix socket at `path` (answering or not): a crashed
    app's socket refuses the connection, a busy app's takes it."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.settimeout(TIMEOUT_MS / 1000)
    try:
        probe.connect(path)
    except OSError:
        return False
    finally:
        probe.close()
    return True


LISTENING, IN_USE, FAILED = "listening", "in use", "failed"


class SingleInstance(QObject):
    """The listening side: emits `received` with each message a later start sends."""

    received = Signal(str)

    def __init__(self, journal_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(journal_file)
        self.server: QLocalServer | None = None
        # Unix: the socket we listen on until a later start knocks, and the file it made.
        self._early: socket.socket | None = None
        self._knock: QSocketNotifier | None = None
        self._path: str | None = None
        if NAMED_PIPES:
            self._make_server()

    def claim(self, message: str) -> bool:
        """Become the one instance, or hand `message` to the running one.

        True: we listen now and the caller goes on starting. False: another instance took
        the message, and the caller should exit.
        """
        for attempt in range(3):
            if send(self.name, message):
                return False
            outcome = self._listen()
            if outcome != IN_USE:
                break  # listening; or cannot listen at all: run without the handover
            if attempt:
                # Still nobody answering on a name in use: a socket left by a crash. (On the
                # first round, another start may only just have begun to listen.)
                self._remove_stale()
        return True

    def listening(self) -> bool:
        """Whether later starts can reach us."""
        if self._early is not None:
            return True
        return self.server is not None and self.server.isListening()

    def close(self) -> None:
        """Stop listening (and remove the socket), e.g. just before quitting."""
        if self._knock is not None:
            self._knock.setEnabled(False)
            self._knock = None
        if self._early is not None:
            self._early.close()
            self._early = None
        if self.server is not None:
            self.server.close()
        if self._path is not None:
            # QLocalServer removes the file itself only on Linux, and only its own.
            with contextlib.suppress(FileNotFoundError):
                os.remove(self._path)
            self._path = None

    def _make_server(self) -> QLocalServer:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        # Only this user may connect (the socket file is 0700 on Unix).
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept)
        self.server = server
        return server

    def _listen(self) -> str:
        """LISTENING, IN_USE (the name is taken) or FAILED."""
        if self.server is not None:  # named pipes
            if self.server.listen(self.name):
                return LISTENING
            from PySide6.QtNetwork import QAbstractSocket

            in_use = self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError
            return IN_USE if in_use else FAILED
        path = socket_path(self.name)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        # Made for this user alone from the first instant, as QLocalServer's UserAccessOption.
        mask = os.umask(0o077)
        try:
            listener.bind(path)
            listener.listen(50)
        except OSError as error:
            listener.close()
            return IN_USE if error.errno == errno.EADDRINUSE else FAILED
        finally:
            os.umask(mask)
        self._early, self._path = listener, path
        self._knock = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._knock.activated.connect(self._hand_over_to_qt)
        return LISTENING

    def _remove_stale(self) -> None:
        if self.server is not None:
            type(self.server).removeServer(self.name)
            return
        if _someone_listens(socket_path(self.name)):
            # A running app too busy to answer yet (still opening its journal): its socket
            # stays, or no later start could reach it again.
            return
        # Not ours to remove (another user's file in a shared /tmp, a folder): the app then
        # runs without the handover, as QLocalServer.removeServer() let it.
        with contextlib.suppress(OSError):
            os.remove(socket_path(self.name))

    def _hand_over_to_qt(self) -> None:
        """A later start knocks: QLocalServer takes the listening socket over and answers."""
        if self._early is None or self._knock is None:
            return
        # Off before QLocalServer watches the same socket (two watchers make Qt warn).
        self._knock.setEnabled(False)
        self._knock.deleteLater()
        self._knock = None
        listener, self._early = self._early, None
        descriptor = listener.detach()
        if not self._make_server().listen(descriptor):
            # Nobody would accept on it: later starts would knock and wait out their time.
            # Closed, they are refused at once and say the journal is in use.
            os.close(descriptor)

    def _accept(self) -> None:
        server = self.server
        while server is not None and server.hasPendingConnections():
            peer = server.nextPendingConnection()
            if peer is None:
                return
            peer.readyRead.connect(lambda p=peer: self._read(p))
            peer.disconnected.connect(peer.deleteLater)
            if peer.canReadLine():
                self._read(peer)

    def _read(self, peer: QLocalSocket) -> None:
        if not peer.canReadLine():
            return
        line = bytes(peer.readLine().data()).decode("ascii", "replace").strip()
        peer.write(_REPLY)
        peer.flush()
        peer.disconnectFromServer()
        if line in MESSAGES:
            self.received.emit(line)
