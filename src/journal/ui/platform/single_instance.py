"""One app per journal: the first start listens on a local socket, later ones hand over.

The socket's name comes from the journal file's path, so two different journals can be
open at once but the same one only once. A later start sends one line (`show` or `quick`)
and exits when the first answers `ok`. A socket left behind by a crash answers nobody: it
is removed and the new start takes over.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

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


def send(name: str, message: str, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Deliver a message to the instance listening on `name`; False if none answered."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(message.encode("ascii") + b"\n")
    socket.flush()
    answer = b""
    while not answer.endswith(b"\n"):
        if not socket.waitForReadyRead(timeout_ms):
            break
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answer == _REPLY


class SingleInstance(QObject):
    """The listening side: emits `received` with each message a later start sends."""

    received = Signal(str)

    def __init__(self, journal_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(journal_file)
        self.server = QLocalServer(self)
        # Only this user may connect (the socket file is 0700 on Unix).
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def claim(self, message: str) -> bool:
        """Become the one instance, or hand `message` to the running one.

        True: we listen now and the caller goes on starting. False: another instance took
        the message, and the caller should exit.
        """
        for attempt in range(3):
            if send(self.name, message):
                return False
            if self.server.listen(self.name):
                return True
            if self.server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
                break  # cannot listen at all: run without the handover rather than not at all
            if attempt:
                # Still nobody answering on a name in use: a socket left by a crash. (On the
                # first round, another start may only just have begun to listen.)
                QLocalServer.removeServer(self.name)
        return True

    def listening(self) -> bool:
        """Whether later starts can reach us."""
        return self.server.isListening()

    def close(self) -> None:
        """Stop listening (and remove the socket), e.g. just before quitting."""
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                return
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.canReadLine():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data()).decode("ascii", "replace").strip()
        socket.write(_REPLY)
        socket.flush()
        socket.disconnectFromServer()
        if line in MESSAGES:
            self.received.emit(line)
