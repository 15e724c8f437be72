"""The notice across the top of the window when the journal is open read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from journal import APP_NAME
from journal.ui.widgets.controls import banner_frame


class ReadOnlyNotice(QFrame):
    """Says the journal can be read but not changed here, and what to do to change it."""

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The tooltip colours: a note set apart from the content, not a call to act.
        role = QPalette.ColorRole
        banner_frame(self, "readOnlyNotice", role.ToolTipBase, role.ToolTipText)
        self.text = QLabel(
            self.tr(
                "This journal is read-only: %1. You can read it, but nothing you change can be "
                "saved. Copy its folder somewhere you can write to change it."
            ).replace("%1", path),
            self,
        )
        self.text.setObjectName("readOnlyNoticeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(self.tr("The journal is read-only"))
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)


def show_read_only(window: QMainWindow) -> ReadOnlyNotice:
    """Put the notice above the window's content and say "read-only" in its title."""
    content = window.takeCentralWidget()  # taken, so setCentralWidget does not delete it
    outer = QWidget(window)
    layout = QVBoxLayout(outer)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    notice = ReadOnlyNotice(str(window.journal.path), outer)  # type: ignore[attr-defined]
    layout.addWidget(notice)
    if content is not None:
        layout.addWidget(content, 1)
    window.setCentralWidget(outer)
    window.setWindowTitle(window.tr("%1 (read-only)").replace("%1", APP_NAME))
    return notice
