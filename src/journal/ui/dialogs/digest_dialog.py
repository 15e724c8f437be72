"""Whether the daily digest comes, and at what time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QTimeEdit,
    QWidget,
)

from journal.core.digest import digest_settings, set_digest
from journal.ui.bus import JournalBus
from journal.ui.dialogs.form_support import save_cancel_buttons, stack


class DigestDialog(QDialog):
    """The daily digest's switch and time."""

    def __init__(self, bus: JournalBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("digestDialog")
        self.setWindowTitle(self.tr("Daily digest"))
        self.bus = bus
        settings = digest_settings()
        text = QLabel(
            self.tr(
                "Once a day, one notification says what is due: follow-ups, people to get "
                "back in touch with, new people to follow up, today's group meetings. "
                "Click it to open Today."
            ),
            self,
        )
        text.setWordWrap(True)
        self.enabled = QCheckBox(self.tr("&Show the daily digest"), self)
        self.enabled.setObjectName("digestEnabled")
        self.enabled.setChecked(settings.enabled)
        self.time = QTimeEdit(self)
        self.time.setObjectName("digestTime")
        self.time.setDisplayFormat("HH:mm")
        self.time.setTime(QTime(settings.at.hour, settings.at.minute))
        self.time.setAccessibleName(self.tr("Digest time"))
        self.time.setEnabled(settings.enabled)
        self.enabled.toggled.connect(self.time.setEnabled)
        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow(self.tr("&At:"), self.time)
        buttons, _save = save_cancel_buttons(self, self.save, "saveDigest")
        stack(self, text, form, buttons)

    def save(self) -> None:
        """Store the switch and the time."""
        at = self.time.time()
        if self.bus.run(
            set_digest, self.enabled.isChecked(), dt.time(at.hour(), at.minute()), parent=self
        ):
            self.accept()
