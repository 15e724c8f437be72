"""Small controls made the same way everywhere: named buttons, search boxes, filters,
banners."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QFrame, QLineEdit, QPushButton, QWidget

# Characters a filter shows before it elides; its list still shows each name whole.
FILTER_WIDTH_CHARS = 16


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


def filter_combo(parent: QWidget, name: str, accessible: str) -> QComboBox:
    """A filter list as narrow as its bar allows, whatever the length of the names in it.

    Sized to its contents, one group named in a whole sentence made the window wider
    than the screen, and the search box beside it shrank to nothing.
    """
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(FILTER_WIDTH_CHARS)
    return combo


def tab_through_before(anchor: QWidget, widgets: list[QWidget]) -> None:
    """Make Tab visit `widgets` in order, then `anchor`, from where `anchor` was.

    Rows added to a form after it was built (a contact's channels, its relationships) come
    last in Qt's focus chain, after Save and Cancel, though they are drawn above them.
    """
    if not widgets:
        return
    QWidget.setTabOrder(anchor, widgets[0])  # the rows take the anchor's place...
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
    QWidget.setTabOrder(widgets[-1], anchor)  # ...and the anchor follows them
