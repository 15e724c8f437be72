"""What every form shares: a banner naming the field a ValidationError is about, Save and
Cancel buttons, and the column the parts stand in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.core.errors import ValidationError


class ErrorBanner(QLabel):
    """A red message at the top of a form saying which field is wrong and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formError")
        self.setWordWrap(True)
        # Readable on light and dark palettes alike.
        self.setStyleSheet(
            "QLabel#formError { color: #ffffff; background: #b3261e;"
            " padding: 6px; border-radius: 4px; }"
        )
        self.setAccessibleName(self.tr("Problem with the form"))
        self.hide()

    def show_error(self, error: ValidationError) -> None:
        """Show the field and problem."""
        self.setText(f"{error.field.capitalize()}: {error.problem}")
        self.show()

    def show_message(self, text: str) -> None:
        """Show a problem that is not about one field (a file that cannot be read)."""
        self.setText(text)
        self.show()

    def clear_error(self) -> None:
        """Hide the banner."""
        self.clear()
        self.hide()


def save_cancel_buttons(
    dialog: QDialog, save: Callable[[], object], save_name: str
) -> tuple[QDialogButtonBox, QPushButton]:
    """Save (calling `save`, which decides whether to close) and Cancel (which rejects)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
    save_button.setObjectName(save_name)
    return buttons, save_button


def stack(dialog: QDialog, *parts: QWidget | QLayout) -> QVBoxLayout:
    """Lay the parts out top to bottom as the dialog's own layout."""
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    return layout
