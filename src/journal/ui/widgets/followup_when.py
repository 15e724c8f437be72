"""“Follow up in…”: none, a few days, a week or two, a month, or a day of one's choosing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from journal.core.followups import parse_offset
from journal.ui.widgets.typed_date import DateInput, typed_date_time

# Codes understood by core.followups.parse_offset; "" is none, "date" a day picked below.
CHOICES = ("", "3d", "1w", "2w", "1m", "date")


class FollowUpWhen(QWidget):
    """A choice of when to follow up, relative to today, or a chosen date."""

    changed = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.choice = QComboBox(self)
        self.choice.setObjectName("followUpIn")
        labels = {
            "": self.tr("No follow-up"),
            "3d": self.tr("In 3 days"),
            "1w": self.tr("In a week"),
            "2w": self.tr("In two weeks"),
            "1m": self.tr("In a month"),
            "date": self.tr("On a date…"),
        }
        for code in CHOICES:
            self.choice.addItem(labels[code], code)
        self.date = DateInput(self)
        self.date.setObjectName("followUpDate")
        soon = today + dt.timedelta(days=7)
        self.date.setDate(QDate(soon.year, soon.month, soon.day))
        self.date.setVisible(False)
        self.choice.currentIndexChanged.connect(self._choice_changed)
        self.date.dateChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choice, 1)
        layout.addWidget(self.date, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # or "&Follow up:" would not reach it
        self.setFocusProxy(self.choice)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.choice.setAccessibleName(name)
        self.date.setAccessibleName(self.tr("Follow-up date"))

    def _choice_changed(self) -> None:
        self.date.setVisible(self.choice.currentData() == "date")
        self.changed.emit()

    def set_code(self, code: str) -> None:
        """Pick one of CHOICES."""
        self.choice.setCurrentIndex(max(0, self.choice.findData(code)))

    def value(self, field: str | None = None) -> dt.date | None:
        """The day to follow up by, or None for no follow-up.

        A form names its `field`: a date half typed is then taken in as shown, and one the
        editor cannot take is a ValidationError (see typed_date_time).
        """
        code = str(self.choice.currentData() or "")
        if not code:
            return None
        if code == "date":
            q = self.date.date() if field is None else typed_date_time(self.date, field).date()
            return dt.date(q.year(), q.month(), q.day())
        return parse_offset("follow up", code, self.today)
