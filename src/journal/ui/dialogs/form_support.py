"""What every form shares: a banner naming the field a ValidationError is about."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

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
