"""Reads of the journal on a worker thread, so the window never waits for SQLite.

Today's snapshot and the contact list's rows are read here. One worker thread at a time
(a QThreadPool of one) runs the reads in the order asked, on that thread's own connection
(Peewee keeps one per thread; an encrypted journal's is keyed as it opens). The answers
come back to the GUI thread as a signal. Anything asked before forget() is dropped there,
so an answer read before a write, a new search or a swapped file is never shown. The bus's
`replacing_file` makes every reader finish and close its connection before the file goes.
While the journal is held for a swap on another thread (store/hold.py), reads asked wait,
and start once the bus calls resume_readers().
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from typing import Any

import peewee
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from journal.store.database import INTERACTIVE_CACHE_KIB
from journal.store.proxy import database_proxy

Read = Callable[[], Any]
_Job = tuple[int, Any, Read]  # generation, token, read


def resume_readers() -> None:
    """Start the reads asked while the journal was held (the bus, once it is released)."""
    for reader in list(_waiting):
        reader.resume()
    _waiting.clear()


class _Delivery(QObject):
    """Carries an answer from the worker thread back to the GUI thread (a queued signal)."""

    done = Signal(int, object, object)  # generation, token, value
    failed = Signal(int, object, str)  # generation, token, message


class _Jobs:
    """The reads asked and not done yet: shared by the GUI thread and the worker."""

    def __init__(self, linger_s: float) -> None:
        self.linger_s = linger_s
        self.queue: deque[_Job] = deque()
        self.lock = threading.Condition()
        self.draining = False  # a _Drain is running or queued in the pool
        self.reading = False  # a read is in progress
        self.stopping = False

    def next_job(self) -> _Job | None:
        """The next read, waiting up to linger_s for one; None when the worker should end."""
        deadline = time.monotonic() + self.linger_s
        with self.lock:
            while not self.queue:
                remaining = deadline - time.monotonic()
                if self.stopping or remaining <= 0:
                    self.draining = False  # the next ask() starts a new drain
                    return None
                self.lock.wait(remaining)
            self.reading = True
            return self.queue.popleft()

    def job_done(self) -> None:
        """The worker finished a read (its answer is on its way to the GUI thread)."""
        with self.lock:
            self.reading = False
            self.lock.notify_all()

    def set_stopping(self, stopping: bool) -> None:
        """Make the worker end once the queue is empty, without lingering (or stop doing so)."""
        with self.lock:
            self.stopping = stopping
            self.lock.notify_all()


class _Drain(QRunnable):
    """Runs the reads queued, then lingers a while for more, then closes its connection."""

    def __init__(self, jobs: _Jobs, delivery: _Delivery, cache_kib: int) -> None:
        super().__init__()
        self.jobs = jobs
        self.delivery = delivery
        self.cache_kib = cache_kib

    def run(self) -> None:
        opened: peewee.Database | None = None
        try:
            while (job := self.jobs.next_job()) is not None:
                generation, token, read = job
                try:
                    if opened is None:
                        opened = database_proxy.obj
                        # The journal's usual 8 MB page cache would only add to the app's
                        # peak memory, for reads that are no slower with less.
                        database_proxy.execute_sql(f"PRAGMA cache_size = -{self.cache_kib}")
                    value = read()
                except Exception as error:  # shown by the owner; the app must not die for a read
                    self.delivery.failed.emit(generation, token, str(error))
                else:
                    self.delivery.done.emit(generation, token, value)
                finally:
                    self.jobs.job_done()
        finally:
            # This thread's own connection: the one it opened, even if the proxy has since
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
        self,
        parent: QObject | None = None,
        *,
        linger_s: float = 0.0,
        cache_kib: int = INTERACTIVE_CACHE_KIB,
    ) -> None:
        super().__init__(parent)
        self.cache_kib = cache_kib
        self._jobs = jobs = _Jobs(linger_s)
        self._generation = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # The pool waits for its thread when it is deleted with this reader: tell a
        # lingering worker to end now (this runs before the children are deleted).
        self.destroyed.connect(lambda: jobs.set_stopping(True))
        # Python-owned, without a parent: a drain still finishing may emit on it.
        self._delivery = _Delivery()
        self._delivery.done.connect(self._done)
        self._delivery.failed.connect(self._failed)

    def ask(self, token: Any, read: Read) -> None:
        """Run `read` on the worker; `answered` brings back `token` and its value."""
        jobs = self._jobs
        with jobs.lock:
            jobs.queue.append((self._generation, token, read))
            jobs.lock.notify_all()
        if database_proxy.held():
            _waiting.add(self)  # a worker would only be refused: it starts on release
        else:
            self.resume()

    def resume(self) -> None:
        """Start a worker for the reads waiting, if none is running (after a hold)."""
        jobs = self._jobs
        with jobs.lock:
            start = bool(jobs.queue) and not jobs.draining
            jobs.draining = jobs.draining or start
        if start:
            self._pool.start(_Drain(jobs, self._delivery, self.cache_kib))

    def forget(self) -> None:
        """Drop the answers to everything asked so far (the journal or the question changed)."""
        with self._jobs.lock:
            self._generation += 1
            self._jobs.queue.clear()

    def stop(self) -> None:
        """Block until every read asked is done and the worker's connection is closed."""
        self._jobs.set_stopping(True)
        self._pool.waitForDone()
        self._jobs.set_stopping(False)

    def busy(self) -> bool:
        """Whether a read is running or waiting to run."""
        with self._jobs.lock:
            return self._jobs.reading or bool(self._jobs.queue)

    def wait_until_read(self, timeout_s: float = 10.0) -> bool:
        """Block until nothing asked is left to read (tests and benchmarks); True if so."""
        jobs = self._jobs
        deadline = time.monotonic() + timeout_s
        with jobs.lock:
            while jobs.reading or jobs.queue:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                jobs.lock.wait(remaining)
        return True

    # --- on the GUI thread ------------------------------------------------------------------

    def _done(self, generation: int, token: Any, value: Any) -> None:
        if generation == self._generation:
            self.answered.emit(token, value)

    def _failed(self, generation: int, token: Any, message: str) -> None:
        if generation == self._generation:
            self.failed.emit(token, message)


# Readers with reads asked while the journal was held.
_waiting: weakref.WeakSet[JournalReader] = weakref.WeakSet()
