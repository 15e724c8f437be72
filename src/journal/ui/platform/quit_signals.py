"""Quitting cleanly when told to by the system: SIGTERM (a session ending, `kill`) and SIGINT
(Ctrl+C in the terminal that started the app).

Python runs its signal handlers only between its own bytecodes, and Qt's event loop can wait
in C++ for a long time; without help a SIGTERM killed the app where it stood (the journal
not closed, its socket left in the temporary folder). The signal is written to a socket
pair whose reading end Qt watches, which wakes Python, which runs the handler: the same
quit as File → Quit.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier


class QuitOnSignal(QObject):
    """Calls `quit` on the event loop when SIGTERM or SIGINT arrives."""

    def __init__(self, quit: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quit = quit
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        signal.set_wakeup_fd(self._writer.fileno())
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, self._handle)

    def _handle(self, number: int, frame: FrameType | None) -> None:
        self._quit()

    def _drain(self) -> None:
        # The bytes only woke the loop; Python has run (or is about to run) the handler.
        with contextlib.suppress(BlockingIOError, InterruptedError):
            self._reader.recv(64)


def quit_on_signals(quit: Callable[[], None], parent: QObject | None = None) -> QuitOnSignal | None:
    """Install QuitOnSignal; None where signals cannot be handled (not the main thread)."""
    try:
        return QuitOnSignal(quit, parent)
    except (ValueError, OSError):
        return None
