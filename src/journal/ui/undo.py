"""Undo and redo for deletes, merges and marking done: a QUndoStack shared by every page,
in the Edit menu.

A delete runs through the bus as an undoable core write (journal.core.trash), which keeps
what it removed; undo puts it back through the bus too, so every page refreshes as for any
other write. A page wires a delete in with one call: `delete_undoably(bus, ...)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from journal.core.changes import EVERYTHING, Changes, Result
from journal.ui.bus import JournalBus

if TYPE_CHECKING:  # the merge code loads when a merge is first made, not at start-up
    from journal.core import trash
    from journal.core.clock import Clock
    from journal.core.merging import MergeUndo

_STACK_NAME = "journalUndoStack"


def undo_stack(bus: JournalBus) -> QUndoStack:
    """The one undo stack of this bus (made on first use, owned by the bus)."""
    found = bus.findChild(QUndoStack, _STACK_NAME)
    if isinstance(found, QUndoStack):
        return found
    stack = QUndoStack(bus)
    stack.setObjectName(_STACK_NAME)
    stack.setUndoLimit(50)

    def forget_after_a_whole_change(changes: Changes) -> None:
        # A restored backup (or anything that replaces the whole journal) makes what the
        # stack kept meaningless: undoing a delete would write into another journal's state.
        if changes.areas == EVERYTHING.areas:
            stack.clear()

    bus.changed.connect(forget_after_a_whole_change)
    return stack


class DeleteCommand(QUndoCommand):
    """A delete that keeps what it removed, so undo can put it all back."""

    def __init__(
        self,
        bus: JournalBus,
        delete: Callable[[int], Result[trash.Trashed]],
        row_id: int,
        text: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(text)
        self._bus = bus
        self._delete = delete
        self._row_id = row_id
        self._parent = parent
        self._trashed: trash.Trashed | None = None
        # Read after push(): an obsolete command is deleted there, its Qt side with it.
        self.done = False

    def redo(self) -> None:
        done = self._bus.run(self._delete, self._row_id, parent=self._parent)
        if done is None:
            self.setObsolete(True)  # nothing was deleted: nothing to undo
            return
        self._trashed = done.value
        self.done = True

    def undo(self) -> None:
        if self._trashed is None:
            return
        from journal.core.trash import restore  # read when undone, not at start-up

        back = self._bus.run(restore, self._trashed, parent=self._parent)
        if back is None:
            self.setObsolete(True)  # it can no longer be put back; the error was shown
            return
        self._row_id = back.value  # the same id, unless it had been taken meanwhile


def delete_undoably(
    bus: JournalBus,
    delete: Callable[[int], Result[trash.Trashed]],
    row_id: int,
    text: str,
    parent: QWidget | None = None,
) -> bool:
    """Delete through the bus and put the delete on the undo stack (`text`: "Delete Ada");
    whether it was deleted."""
    command = DeleteCommand(bus, delete, row_id, text, parent)
    undo_stack(bus).push(command)
    return command.done


class PairedCommand(QUndoCommand):
    """A core write and the one that takes it back (done, and open again)."""

    def __init__(
        self,
        bus: JournalBus,
        do: Callable[[], Result[object]],
        undo: Callable[[], Result[object]],
        text: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(text)
        self._bus = bus
        self._do = do
        self._undo = undo
        self._parent = parent
        self.done = False  # read after push(), as DeleteCommand's

    def redo(self) -> None:
        if self._bus.run(self._do, parent=self._parent) is None:
            self.setObsolete(True)  # nothing was done: nothing to undo
            return
        self.done = True

    def undo(self) -> None:
        if self._bus.run(self._undo, parent=self._parent) is None:
            self.setObsolete(True)  # it can no longer be taken back; the reason was shown


def run_undoably(
    bus: JournalBus,
    do: Callable[[], Result[object]],
    undo: Callable[[], Result[object]],
    text: str,
    parent: QWidget | None = None,
) -> bool:
    """Run `do` through the bus and put it on the undo stack, `undo` taking it back
    (`text`: "Mark done: Call Jane"); whether it was done."""
    command = PairedCommand(bus, do, undo, text, parent)
    undo_stack(bus).push(command)
    return command.done


def add_undo_actions(menu: QMenu, bus: JournalBus, owner: QObject) -> tuple[QAction, QAction]:
    """Edit → Undo and Redo (Ctrl+Z, Ctrl+Shift+Z), named after what they would do."""
    stack = undo_stack(bus)
    tr = QCoreApplication.translate
    undo = stack.createUndoAction(owner, tr("undo", "&Undo"))
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    undo.setObjectName("undoAction")
    redo = stack.createRedoAction(owner, tr("undo", "R&edo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setObjectName("redoAction")
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, undo)
    menu.insertAction(first, redo)
    if first is not None:
        menu.insertSeparator(first)
    if isinstance(owner, QWidget):
        owner.addAction(undo)
        owner.addAction(redo)
    return undo, redo


class MergeCommand(QUndoCommand):
    """Merging two contacts (journal.core.merging), which undo takes back."""

    def __init__(
        self,
        bus: JournalBus,
        kept: int,
        merged: int,
        text: str,
        parent: QWidget | None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(text)
        self._bus = bus
        self._kept = kept
        self._merged = merged
        self._parent = parent
        self._clock = clock
        self.done: MergeUndo | None = None

    def redo(self) -> None:
        from journal.core import merging
        from journal.core.clock import SYSTEM_CLOCK

        done = self._bus.run(
            merging.merge_contacts,
            self._kept,
            self._merged,
            self._clock or SYSTEM_CLOCK,
            parent=self._parent,
        )
        if done is None:
            self.setObsolete(True)  # nothing was merged: nothing to undo
            return
        self.done = done.value

    def undo(self) -> None:
        from journal.core import merging

        if self.done is None:
            return
        back = self._bus.run(merging.undo_merge, self.done, parent=self._parent)
        if back is None:
            self.setObsolete(True)  # it can no longer be taken back; the reason was shown
            return
        self._merged = back.value  # its old id, unless someone took it meanwhile
        self.done = None


def merge_undoably(
    bus: JournalBus,
    kept: int,
    merged: int,
    text: str,
    parent: QWidget | None = None,
    clock: Clock | None = None,
) -> MergeUndo | None:
    """Merge through the bus and put the merge on the undo stack; what it did, or None."""
    command = MergeCommand(bus, kept, merged, text, parent, clock)
    undo_stack(bus).push(command)
    return command.done
