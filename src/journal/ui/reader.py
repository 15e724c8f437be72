"""Reads of the journal on a worker thread, so the window never waits for SQLite.

Today's snapshot and the contact list's rows are read here. One worker thread at a time
(a QThreadPool of one) runs the reads in the order asked, on that thread's own connection
(Peewee keeps one per thread; an encrypted journal's is keyed as it opens). The answers
come back to the GUI thread as a signal. Anything asked before forget() is dropped there,
so an answer read before a write, a new search or a swapped file is never shown. The bus's
`replacing_file` makes every reader finish and close its connection before the file goes.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import peewee
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from journal.store.models import database_proxy

Read = Callable[[], Any]
_Job = tuple[int, Any, Read]  # generation, token, read


class _Delivery(QObject):
    """Carries an answer from the worker thread back to the GUI thread (a queued signal)."""

    done = Signal(int, object, object)  # generation, token, value
    failed = Signal(int, object, str)  # generation, token, message


class _Drain(QRunnable):
    """Runs the reads asked of a JournalReader, then lingers a while for more, then closes."""

    def __init__(self, reader: JournalReader) -> None:
        super().__init__()
        self.reader = reader

    def run(self) -> None:
        reader = self.reader
        opened: peewee.Database | None = None
        try:
            while (job := reader.next_job()) is not None:
                generation, token, read = job
                try:
                    if opened is None:
                        opened = database_proxy.obj
                        # The journal's usual 8 MB page cache would only add to the app's
                        # peak memory, for reads that are no slower with less.
                        database_proxy.execute_sql(f"PRAGMA cache_size = -{reader.cache_kib}")
                    value = read()
                except Exception as error:  # shown by the owner; the app must not die for a read
                    reader.delivery.failed.emit(generation, token, str(error))
                else:
                    reader.delivery.done.emit(generation, token, value)
                finally:
                    reader.job_done()
        finally:
            # This thread's own connection; the one it opened, even if the proxy has since
            # been pointed at another journal.
            if opened is not None and not opened.is_closed():
                opened.close()


class JournalReader(QObject):
    """Runs reads of the journal on one worker thread and hands back the current answers.

    ask(token, read) queues `read` (a callable that queries through the models); `answered`
    brings (token, value) to the GUI thread, `failed` (token, message). forget() drops every
    answer to what was asked before it. The worker keeps its connection `linger_s` seconds
    after its last read (opening one costs a key derivation on an encrypted journal), then
    closes it. stop() blocks until the reads asked are done and the connection is closed.
    """

    answered = Signal(object, object)  # token, value
    failed = Signal(object, str)  # token, message

    def __init__(
        self, parent: QObject | None = None, *, linger_s: float = 0.0, cache_kib: int = 2000
    ) -> None:
        super().__init__(parent)
        self.linger_s = linger_s
        self.cache_kib = cache_kib
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: deque[_Job] = deque()
        self._lock = threading.Condition()
        self._generation = 0
        self._draining = False  # a _Drain is running or queued in the pool
        self._reading = False  # a read is in progress
        self._stopping = False
        # Python-owned, without a parent: a drain still finishing may emit on it.
        self.delivery = _Delivery()
        self.delivery.done.connect(self._done)
        self.delivery.failed.connect(self._failed)

    def ask(self, token: Any, read: Read) -> None:
        """Run `read` on the worker; `answered` brings back `token` and its value."""
        with self._lock:
            self._jobs.append((self._generation, token, read))
            self._lock.notify_all()
            start = not self._draining
            self._draining = True
        if start:
            self._pool.start(_Drain(self))

    def forget(self) -> None:
        """Drop the answers to everything asked so far (the journal or the question changed)."""
        with self._lock:
            self._generation += 1
            self._jobs.clear()

    def stop(self) -> None:
        """Block until every read asked is done and the worker's connection is closed."""
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        self._pool.waitForDone()
        with self._lock:
            self._stopping = False

    def busy(self) -> bool:
        """Whether a read is running or waiting to run."""
        with self._lock:
            return self._reading or bool(self._jobs)

    def wait_until_read(self, timeout_s: float = 10.0) -> bool:
        """Block until nothing asked is left to read (tests and benchmarks); True if so."""
        deadline = time.monotonic() + timeout_s
        with self._lock:
            while self._reading or self._jobs:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)
        return True

    # --- on the worker thread ---------------------------------------------------------------

    def next_job(self) -> _Job | None:
        """The next read, waiting up to linger_s for one; None when the worker should end."""
        deadline = time.monotonic() + self.linger_s
        with self._lock:
            while not self._jobs:
                remaining = deadline - time.monotonic()
                if self._stopping or remaining <= 0:
                    self._draining = False  # the next ask() starts a new drain
                    return None
                self._lock.wait(remaining)
            self._reading = True
            return self._jobs.popleft()

    def job_done(self) -> None:
        """The worker finished a read (its answer is on its way to the GUI thread)."""
        with self._lock:
            self._reading = False
            self._lock.notify_all()

    # --- on the GUI thread ------------------------------------------------------------------

    def _done(self, generation: int, token: Any, value: Any) -> None:
        if generation == self._generation:
            self.answered.emit(token, value)

    def _failed(self, generation: int, token: Any, message: str) -> None:
        if generation == self._generation:
            self.failed.emit(token, message)
