"""A date that may be unknown: a checkbox says whether the date below it means anything."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QSizePolicy, QWidget

from journal.core.timeutil import NO_YEAR
from journal.ui.widgets.typed_date import DateInput, typed_date_time

# Where a day without its year waits in the editor: a leap year, so 29 February fits.
_EDITING_YEAR = 2000


class OptionalDateEdit(QWidget):
    """A QDateEdit that can be switched off, so no fake date is ever stored."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.known = QCheckBox(label, self)
        self.edit = DateInput(self)
        self.edit.setDate(QDate.currentDate())
        self.edit.setEnabled(False)
        self.known.toggled.connect(self.edit.setEnabled)
        self.known.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.edit, 1)
        # One line high, as a line edit is: a form would give a Preferred height its spare
        # room, centring the box and date below the row's label.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so a label's mnemonic reaches it
        self.setFocusProxy(self.known)

    def value(self, field: str | None = None) -> dt.date | None:
        """The date, or None when unknown.

        A form names its `field`: then a date half typed is taken in as shown, and one the
        editor cannot take is a ValidationError (see typed_date_time). Without, the last
        date the editor accepted (a filter follows dateChanged, which only ever has those).
        """
        if not self.known.isChecked():
            return None
        q = self.edit.date() if field is None else typed_date_time(self.edit, field).date()
        return dt.date(q.year(), q.month(), q.day())

    def focus_date(self) -> None:
        """Put the cursor where the date is fixed: in the date, or on "known" if unticked."""
        if self.known.isChecked():
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.edit.selectAll()
        else:
            self.known.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_value(self, value: dt.date | None) -> None:
        """Show a date, or mark it unknown."""
        self.known.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.known.setAccessibleName(name)


class BirthdayEdit(OptionalDateEdit):
    """An optional date whose year may be unknown too (stored as core.timeutil.NO_YEAR)."""

    def __init__(self, label: str, year_label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, parent)
        self.year_known = QCheckBox(year_label, self)
        self.year_known.setChecked(True)
        self.year_known.setEnabled(False)
        self.known.toggled.connect(self.year_known.setEnabled)
        self.year_known.toggled.connect(self._show_year)
        self.year_known.toggled.connect(self.changed)
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.addWidget(self.year_known)

    def _show_year(self, shown: bool) -> None:
        if not shown:
            # The hidden year must be a leap year, or Qt turns a typed 02-29 into 02-28.
            q = self.edit.date()
            self.edit.setDate(QDate(_EDITING_YEAR, q.month(), q.day()))
        self.edit.setDisplayFormat("yyyy-MM-dd" if shown else "MM-dd")

    def value(self, field: str | None = None) -> dt.date | None:
        """The birthday; in year NO_YEAR when its year is unknown."""
        day = super().value(field)
        if day is None or self.year_known.isChecked():
            return day
        return day.replace(year=NO_YEAR)

    def set_value(self, value: dt.date | None) -> None:
        """Show a birthday, with or without its year, or mark it unknown."""
        yearless = value is not None and value.year == NO_YEAR
        super().set_value(value.replace(year=_EDITING_YEAR) if value and yearless else value)
        self.year_known.setChecked(not yearless)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.year_known.setAccessibleName(self.year_known.text())
