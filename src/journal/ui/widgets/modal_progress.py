"""Long work that keeps the window painting: a window-modal progress dialog.

modal_progress() is for work that must stay on the GUI thread but reports its progress in
steps (a backup's copy, the review's figures): the dialog appears only if the work lasts,
and while it shows each step lets the window repaint; Cancel stops the work at its next step.

wait_with_progress() is for work on a worker thread (a BackgroundTask) that cannot report in
small steps (a change of encryption: one SQLite statement per file): the event loop runs
throughout, and the same dialog blocks the window until the work has ended.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

from journal.core.progress import Cancelled

if TYPE_CHECKING:
    from journal.ui.bus import BackgroundTask

# Quick work never flashes a dialog (as the review's progress).
SHOW_AFTER_MS = 400


@contextmanager
def modal_progress(
    parent: QWidget | None,
    title: str,
    label: str,
    name: str,
    after_events: Callable[[], None] | None = None,
) -> Iterator[Callable[[int, int], None]]:
    """Yields progress(done, total) for the work to call; it raises Cancelled once the user
    has cancelled. The dialog (object name `name`) is gone when the block ends.

    `after_events` runs after each step's events, before the work goes on: a restore stops
    again any reader a repaint may have started, since the file is about to be replaced.
    """
    dialog = _dialog(QProgressDialog, parent, title, label, name)

    def progress(done: int, total: int) -> None:
        if dialog.wasCanceled():
            raise Cancelled
        dialog.setMaximum(max(total, 1))
        # Modal and shown: this lets the window repaint (QProgressDialog processes events).
        dialog.setValue(min(done, max(total, 1)))
        if after_events is not None:
            after_events()
        if dialog.wasCanceled():
            raise Cancelled

    try:
        yield progress
    finally:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()


def _dialog(
    kind: type[QProgressDialog], parent: QWidget | None, title: str, label: str, name: str
) -> QProgressDialog:
    cancel = QCoreApplication.translate("modal_progress", "Cancel")
    dialog = kind(label, cancel, 0, 0, parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


class _StaysOpen(QProgressDialog):
    """A progress dialog that Escape or the window's close button never takes away: they
    ask to stop, as Cancel does, and the window stays blocked until the work has ended."""

    def reject(self) -> None:
        self.canceled.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.canceled.emit()


def wait_with_progress(
    parent: QWidget | None,
    title: str,
    label: str,
    name: str,
    task: BackgroundTask,
    stoppable: Callable[[int, int], bool],
    stopping: str,
) -> None:
    """Run the event loop until `task` has finished, behind a window-modal progress dialog
    (object name `name`) that shows if the work lasts and follows `task.progressed`.

    Cancel is offered while `stoppable(done, total)` holds for the latest progress; once
    asked, the task is told to stop and the label says `stopping` until it has.
    """
    dialog = _dialog(_StaysOpen, parent, title, label, name)
    latest = [0, 0]
    asked = [False]

    def progressed(done: int, total: int) -> None:
        latest[:] = [done, total]
        # Until the first part is done, a moving (busy) bar: that part may be the longest
        # (a journal's own copy, one statement), and "0 %" for all of it looked stuck.
        dialog.setMaximum(max(total, 1) if done else 0)
        dialog.setValue(min(done, max(total, 1)))
        if not stoppable(done, total):
            dialog.setCancelButton(None)  # type: ignore[arg-type]

    def cancel() -> None:
        if not asked[0] and stoppable(*latest):
            asked[0] = True
            task.cancel()
            dialog.setLabelText(stopping)
            dialog.setCancelButton(None)  # type: ignore[arg-type]
        # QProgressDialog hides itself on Cancel; the work goes on until it can stop.
        dialog.show()

    task.progressed.connect(progressed)
    dialog.canceled.connect(cancel)
    loop = QEventLoop()
    task.finished.connect(loop.quit)
    dialog.setValue(0)  # starts the clock for SHOW_AFTER_MS
    try:
        if task.is_running():
            loop.exec()
        if task.is_running():
            # The application is quitting (that ends every event loop): the file must be
            # whole before anything else runs, so wait, then hear the outcome.
            task.wait(24 * 60 * 60 * 1000)
            QCoreApplication.sendPostedEvents()
    finally:
        task.progressed.disconnect(progressed)
        dialog.canceled.disconnect(cancel)
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
