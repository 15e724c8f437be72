"""Plain keys (Delete, F2, Return, Escape) bound to a widget while it has the focus."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class KeyBindings(QObject):
    """An event filter: when `widget` gets one of the keys (no modifiers), call its action.

    Used instead of QShortcut for single keys, because those must only act on the focused
    list (Delete in the search box deletes text, not the selected contact).
    """

    def __init__(self, widget: QWidget, actions: dict[Qt.Key, Callable[[], object]]) -> None:
        super().__init__(widget)
        self._actions = actions
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            action = self._actions.get(Qt.Key(event.key()))
            if action is not None and modifiers == Qt.KeyboardModifier.NoModifier:
                action()
                return True
        return False


def bind_list_keys(
    table: QWidget,
    search: QLineEdit,
    delete: Callable[[], object],
    edit: Callable[[], object],
) -> None:
    """A searchable list's keys: Delete deletes, F2 and Return edit, Escape clears the search."""
    KeyBindings(table, {Qt.Key.Key_Delete: delete, Qt.Key.Key_F2: edit, Qt.Key.Key_Return: edit})
    KeyBindings(search, {Qt.Key.Key_Escape: search.clear})
