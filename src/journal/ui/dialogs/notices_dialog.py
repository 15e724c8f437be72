"""Help → Third-party licences: the notices file the bundle carries, to read and search."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QTextOption
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget


class NoticesDialog(QDialog):
    """The licences of the libraries the app ships, in a read-only text view."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Third-party licences"))
        self.resize(760, 620)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("noticesText")
        self.text.setAccessibleName(self.tr("Licences of the libraries Contact Journal includes"))
        self.text.setReadOnly(True)
        # Licence texts are laid out for a fixed-width font, 70 to 80 columns wide.
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setWordWrapMode(QTextOption.WrapMode.NoWrap)
        try:
            self.text.setPlainText(path.read_text(encoding="utf-8", errors="replace"))
        except OSError as error:
            self.text.setPlainText(
                self.tr("The licences file cannot be read (%1): %2")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error))
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
