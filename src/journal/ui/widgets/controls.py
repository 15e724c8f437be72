"""Small controls made the same way everywhere: named buttons and search boxes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget


def push_button(
    parent: QWidget, name: str, text: str, clicked: Callable[[], object] | None = None
) -> QPushButton:
    """A named button that never becomes the default (Return belongs to the focused list)."""
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAutoDefault(False)
    if clicked is not None:
        button.clicked.connect(clicked)
    return button


def search_box(parent: QWidget, name: str, placeholder: str, accessible: str) -> QLineEdit:
    """A search field with a clear button, named for tests and screen readers."""
    box = QLineEdit(parent)
    box.setObjectName(name)
    box.setClearButtonEnabled(True)
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(accessible)
    return box
