"""The one way the GUI writes: call a core function, report its errors, announce what changed."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

from journal.core.changes import Changes, Result
from journal.core.errors import JournalError, ValidationError
from journal.core.progress import Cancelled
from journal.store.database import explain, is_database_error
from journal.store.errors import StoreError
from journal.store.proxy import database_proxy
from journal.ui.dialogs.service import DialogService
from journal.ui.error_text import in_app
from journal.ui.reader import resume_readers

T = TypeVar("T")


class JournalBus(QObject):
    """Carries every write to the core and broadcasts one "journal changed" signal.

    Views connect to `changed` and refresh only when the Changes touch what they show.
    """

    changed = Signal(object)  # Changes
    # The journal file is about to be swapped for another (encryption, restore): every
    # background reader finishes and closes its connection first. The swap runs SQLCipher's
    # own copy of SQLite beside Python's; two copies of SQLite in one process do not see
    # each other's locks, so a reader left open could have its shared memory truncated
    # under it (a bus error) -- see sqlite.org/howtocorrupt.html, "multiple copies".
    replacing_file = Signal()
    # True while a worker thread replaces the journal file (start_replacing_file): no other
    # thread may read it until False, when what waited goes on.
    holding = Signal(bool)

    def __init__(self, dialogs: DialogService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialogs = dialogs
        self.busy = False  # the journal is held: see `holding`

    def run(
        self,
        operation: Callable[..., Result[T]],
        *args: Any,
        parent: QWidget | None = None,
        raise_validation: bool = False,
        **kwargs: Any,
    ) -> Result[T] | None:
        """Run one core write; on success emit `changed`, on a user error show it and return None.

        Forms pass raise_validation=True to show a ValidationError next to the field instead.
        """
        try:
            result = operation(*args, **kwargs)
        except ValidationError as error:
            if raise_validation:
                raise
            self._report(parent, error)
            return None
        except (JournalError, StoreError) as error:
            self._report(parent, error)
            return None
        except Exception as error:
            if not is_database_error(error):
                raise
            # SQLite refused (a full disk, a read-only folder): the transaction was rolled
            # back, so nothing is half-written; say why in words.
            self._report(parent, explain(error))
            return None
        self.changed.emit(result.changes)
        return result

    def run_replacing_file(
        self,
        operation: Callable[..., Result[T]],
        *args: Any,
        parent: QWidget | None = None,
        **kwargs: Any,
    ) -> Result[T] | None:
        """As run(), for a write that swaps the journal file: readers are stopped first."""
        self.replacing_file.emit()  # direct connections: every slot has returned
        return self.run(operation, *args, parent=parent, **kwargs)

    def start_replacing_file(
        self,
        operation: Callable[..., Any],
        *args: Any,
        parent: QObject | None = None,
        **kwargs: Any,
    ) -> BackgroundTask:
        """As start(), for work that swaps the journal file: the journal is held meanwhile.

        Readers finish and close first (`replacing_file`), then this thread's connection;
        until the task has finished, every thread but the worker is refused the journal
        (store/hold.py), so a repaint, a timer or the tray cannot reopen it mid-swap.
        Readers asked meanwhile wait (ui/reader.py); `holding` tells the rest.
        """
        self.replacing_file.emit()  # direct connections: every slot has returned
        if not database_proxy.is_closed():
            database_proxy.close()  # this thread's own (Peewee keeps one per thread)
        database_proxy.hold()
        self.busy = True
        self.holding.emit(True)
        task = BackgroundTask(
            self, _claiming(operation), args, kwargs, parent or self, on_done=self._release
        )
        task.start()
        return task

    def _release(self) -> None:
        database_proxy.release()
        self.busy = False
        resume_readers()
        self.holding.emit(False)

    def start(
        self,
        operation: Callable[..., Any],
        *args: Any,
        parent: QObject | None = None,
        **kwargs: Any,
    ) -> BackgroundTask:
        """Run long core work (an import, an export) on a worker thread; see BackgroundTask.

        `operation` gets a `progress=` callback; when it returns a Result, `changed` is
        emitted on the GUI thread once it has succeeded, as run() does.
        """
        task = BackgroundTask(self, operation, args, kwargs, parent or self)
        task.start()
        return task

    def announce(self, changes: Changes) -> None:
        """Tell the views about changes made outside run() (e.g. a whole journal reloaded)."""
        self.changed.emit(changes)

    def _report(self, parent: QWidget | None, error: Exception) -> None:
        self.dialogs.error(parent, self.tr("Could not save"), in_app(error))


def _claiming(operation: Callable[..., T]) -> Callable[..., T]:
    """`operation`, run by the one thread that may use the held journal."""

    def claimed(*args: Any, **kwargs: Any) -> T:
        database_proxy.claim()
        return operation(*args, **kwargs)

    return claimed


class _Runner(QThread):
    """The worker thread: runs the operation, passes progress on, stops when told."""

    progressed = Signal(int, int)

    def __init__(
        self, operation: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        super().__init__()
        self.operation = operation
        self.args = args
        self.kwargs = kwargs
        self.stop = threading.Event()
        self.value: Any = None
        self.outcome = "failed"
        self.message = ""

    def _progress(self, done: int, total: int) -> None:
        if self.stop.is_set():
            raise Cancelled  # the operation's transaction rolls back
        self.progressed.emit(done, total)

    def run(self) -> None:
        try:
            self.value = self.operation(*self.args, progress=self._progress, **self.kwargs)
            self.outcome = "succeeded"
        except Cancelled:
            self.outcome = "cancelled"
        except (JournalError, StoreError) as error:
            self.message = in_app(error)
        except Exception as error:
            if is_database_error(error):  # a full disk, a read-only folder: rolled back
                self.message = str(explain(error))
            else:  # a bug: say so, and keep the trace for the report
                traceback.print_exc()
                self.message = f"Unexpected error: {error!r}"
        finally:
            # This thread's own connection to the journal (Peewee opens one per thread).
            if not database_proxy.is_closed():
                database_proxy.close()


class BackgroundTask(QObject):
    """Long core work on a worker thread, reporting progress; cancel() rolls it back.

    Exactly one of succeeded, failed or cancelled is emitted, then finished.
    """

    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object)  # the operation's value (a Result's value)
    failed = Signal(str)  # a message for the user
    cancelled = Signal()
    finished = Signal()

    def __init__(
        self,
        bus: JournalBus,
        operation: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        parent: QObject | None = None,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self._on_done = on_done  # runs first, before anyone hears of the outcome
        self._runner = _Runner(operation, args, kwargs)
        self._runner.progressed.connect(self.progressed)
        self._runner.finished.connect(self._done)
        self.done = False

    def start(self) -> None:
        """Begin (the bus does this)."""
        self._runner.start()

    def cancel(self) -> None:
        """Ask the work to stop; it rolls back at its next progress report."""
        self._runner.stop.set()

    def is_running(self) -> bool:
        """Whether the work has not finished yet."""
        return not self.done

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the worker thread ends (closing a window mid-way); True if it did."""
        return bool(self._runner.wait(milliseconds))

    def _done(self) -> None:
        self.done = True
        try:
            if self._on_done is not None:
                self._on_done()
        finally:
            # Whatever the release did, the outcome is told: a window-modal progress
            # waits for `finished` and would otherwise stay up for good.
            self._tell_outcome()

    def _tell_outcome(self) -> None:
        runner = self._runner
        if runner.outcome == "succeeded":
            value = runner.value
            if isinstance(value, Result):
                self.bus.changed.emit(value.changes)
                value = value.value
            self.succeeded.emit(value)
        elif runner.outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(runner.message)
        self.finished.emit()
