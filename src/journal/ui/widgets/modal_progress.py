"""Long work on the GUI thread that keeps the window painting: a modal progress dialog.

For work that must stay on the GUI thread but reports its progress in steps (a backup's
copy, the review's figures): the dialog appears only if the work lasts, and while it shows
each step lets the window repaint; Cancel stops the work at its next step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from journal.core.progress import Cancelled

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
    cancel = QCoreApplication.translate("modal_progress", "Cancel")
    dialog = QProgressDialog(label, cancel, 0, 0, parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

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
