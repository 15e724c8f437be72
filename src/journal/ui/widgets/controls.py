"""Small controls made the same way everywhere: named buttons, search boxes, banners."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLineEdit, QPushButton, QWidget


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


def banner_frame(
    frame: QFrame, name: str, background: QPalette.ColorRole, text: QPalette.ColorRole
) -> None:
    """Make `frame` a strip set apart in two of the palette's paired roles (legible in every
    theme): Highlight with HighlightedText, or ToolTipBase with ToolTipText."""
    frame.setObjectName(name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setAutoFillBackground(True)
    palette = frame.palette()
    palette.setColor(QPalette.ColorRole.Window, palette.color(background))
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(text))
    frame.setPalette(palette)
