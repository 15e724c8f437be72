"""What every form shares: a banner naming the field a ValidationError is about, Save and
Cancel buttons, and the column the parts stand in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMetaObject, QObject, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextEdit,
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
        self._watching: QMetaObject.Connection | None = None
        self.hide()

    def show_error(self, error: ValidationError) -> None:
        """Show the field and problem."""
        # Only its first letter raised: capitalize() lowered the rest, and with it the
        # names in a field ("Relationship with omar haddad").
        self.show_message(f"{error.field[:1].upper()}{error.field[1:]}: {error.problem}")

    def show_message(self, text: str) -> None:
        """Show a problem that is not about one field (a file that cannot be read)."""
        self.setText(text)
        self.show()
        self._make_room()

    def clear_error(self) -> None:
        """Hide the banner."""
        self._stop_watching()
        self.clear()
        self.hide()

    def clear_when_edited(self, field: QWidget) -> None:
        """Hide the banner as soon as the field it is about is changed.

        A message about a field the user has already put right ("Name: is required" above
        a typed name) reads as if the form still refused it.
        """
        self._stop_watching()
        signal = edited_signal(field)
        if signal is not None:
            self._watching = signal.connect(self.clear_error)

    def _stop_watching(self) -> None:
        if self._watching is not None:
            QObject.disconnect(self._watching)
            self._watching = None

    def _make_room(self) -> None:
        """Grow the dialog when the banner needs room its current height lacks.

        A word-wrapped label asks for its height only for a given width, which a layout's
        minimum size does not include: without this, the banner squeezes the fields.
        """
        window = self.window()
        layout = window.layout() if window is not self else None
        if layout is None or not window.isVisible():
            return
        layout.activate()
        width = window.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if window.height() < needed:
            window.resize(width, needed)


def edited_signal(field: QWidget) -> SignalInstance | None:
    """The signal a field sends when the user changes what it holds (None: none known)."""
    if isinstance(field, QLineEdit):
        return field.textEdited
    if isinstance(field, (QPlainTextEdit, QTextEdit)):
        return field.textChanged
    if isinstance(field, QComboBox):
        return field.currentTextChanged
    if isinstance(field, QDateTimeEdit):
        return field.dateTimeChanged
    if isinstance(field, QSpinBox):
        return field.valueChanged
    if isinstance(field, QAbstractSpinBox):
        return field.editingFinished
    if isinstance(field, QAbstractButton):
        return field.toggled
    changed = getattr(field, "changed", None)  # the house's composite fields
    return changed if isinstance(changed, SignalInstance) else None


def show_starts(*edits: QLineEdit) -> None:
    """Scroll filled one-line fields back to their start: setText leaves the cursor at the
    end, so a long organisation showed only its last words when the form opened."""
    for edit in edits:
        edit.setCursorPosition(0)


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
