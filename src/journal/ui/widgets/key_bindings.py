"""Plain keys (Delete, F2, Return, Escape) bound to a widget while it has the focus."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget


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


def focus_first(container: QWidget) -> bool:
    """Give the focus to the first widget inside `container` that Tab would stop at.

    For a page whose main list is not there (an empty state): its first button, say.
    Returns whether a widget took the focus.
    """
    widget = container.nextInFocusChain()
    while widget is not container and widget is not None:
        if (
            container.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        widget = widget.nextInFocusChain()
    return False


def focus_list(view: QAbstractItemView) -> bool:
    """Give the focus to a list or table that shows rows, on its first row when no row is
    current (Enter, F2 and Delete act on the current row). Returns whether it took it."""
    model = view.model()
    if model is None or not view.isVisible() or model.rowCount() == 0:
        return False
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    if not view.currentIndex().isValid():
        view.setCurrentIndex(model.index(0, 0))
    return True
