"""Date editors that never store a date other than the one the user typed.

A QDateEdit keeps its last good value while a section is half typed ("2024-05-3" still
reads as 10 May), and when it loses focus with a text it cannot take (a year typed as "19"
is before its first day) it puts the old date back without a word. Saving a form by a
click on Save is exactly such a loss of focus: the form would store the old date and close.
These editors remember a text they had to drop, and `typed_date_time` refuses it by name.

A QDateEdit also takes in a date that does not exist by typing another one: the "0" of
"30" typed into February's day is ignored (the 3rd), "31" into April's becomes the 30th,
and the "3" of month "13" is ignored. These editors notice a digit that did not land as
typed, and remember the date as it was typed ("1990-02-30") until that part is typed again.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QFocusEvent, QHideEvent, QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

from journal.core.errors import ValidationError

_NUMBERS = re.compile(r"\d+")
# Keys that take back what was typed.
_ERASING = (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
# The display formats' parts, longest first, and the sections they show.
_FORMAT_SECTIONS = (
    ("yyyy", QDateTimeEdit.Section.YearSection),
    ("MM", QDateTimeEdit.Section.MonthSection),
    ("dd", QDateTimeEdit.Section.DaySection),
    ("HH", QDateTimeEdit.Section.HourSection),
    ("mm", QDateTimeEdit.Section.MinuteSection),
)


def _numbers(text: str) -> list[int]:
    return [int(n) for n in _NUMBERS.findall(text)]


class _RemembersDroppedText:
    """For a date editor: keep a typed text that losing focus put back, until the next edit.

    Mixed in before QDateEdit or QDateTimeEdit, whose methods `super()` and `self` reach.
    """

    dropped_text = ""
    # The section a digit did not land in as typed, and its digits as typed.
    _refused: tuple[QDateTimeEdit.Section, str] | None = None
    _digits = ""  # the digits typed into the current section so far
    _digits_section = QDateTimeEdit.Section.NoSection
    _separator_typed = False
    _moved_on_by_itself = False
    _typing = False
    # A section the last digit completed by putting a 0 before it, and the digits typed.
    _padded: tuple[QDateTimeEdit.Section, str] | None = None

    def _start(self, display_format: str) -> None:
        editor: QDateTimeEdit = self  # type: ignore[assignment]
        editor.setDisplayFormat(display_format)
        editor.setCalendarPopup(True)
        editor.lineEdit().textEdited.connect(self._forget_dropped)
        editor.dateTimeChanged.connect(self._forget_dropped)
        editor.dateTimeChanged.connect(self._forget_refused_unless_typed)

    # Losing focus and being hidden (another tab of the form shown) both make the editor
    # take its text in, or put its last date back.
    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._noting_drop(lambda: super(_RemembersDroppedText, self).focusOutEvent(event))  # type: ignore[misc]

    def hideEvent(self, event: QHideEvent) -> None:
        self._noting_drop(lambda: super(_RemembersDroppedText, self).hideEvent(event))  # type: ignore[misc]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Qt's date editor takes a typed separator ("-", ":", the space before the time) as
        # a move to the next section, through focusNextPrevChild, as it takes Tab. But a
        # section typed full ("2026") moves on by itself: the "-" typed next would skip the
        # month, and "2026-11-17" typed as shown became 2026-01-11. That "-" is passed over.
        editor: QDateTimeEdit = self  # type: ignore[assignment]
        typed = event.text()
        padded, self._padded = self._padded, None  # only the very next key continues it
        separator = bool(typed) and not typed[0].isalnum()
        if separator and self._moved_on_by_itself and self._just_after(typed[0]):
            self._moved_on_by_itself = False
            event.accept()
            return
        section = editor.currentSection()
        # A digit typed over a selection (a section clicked or tabbed into) starts it anew.
        fresh = section != self._digits_section or editor.lineEdit().hasSelectedText()
        if fresh or not typed.isdigit():
            self._digits, self._digits_section = "", section
        before = editor.text()
        self._separator_typed = separator
        self._typing = True
        try:
            super().keyPressEvent(event)  # type: ignore[misc]
        finally:
            self._separator_typed = False
            self._typing = False
        self._moved_on_by_itself = typed.isdigit() and editor.currentSection() != section
        if typed.isdigit() and len(typed) == 1:
            if padded is not None:
                # "3" into February's day reads as the 3rd and moves on to the hour; a digit
                # typed next meant the 30th.
                self._refuse(padded[0], padded[1] + typed)
            self._digit_typed(section, typed)
        elif self._refused_in(section) and event.key() in _ERASING and editor.text() != before:
            self._forget_refused()  # the part that was wrong is being typed again

    def _digit_typed(self, section: QDateTimeEdit.Section, digit: str) -> None:
        """Note a digit that did not land as typed: ignored, or the section's number
        changed into another (a day past the month's last clamped to it)."""
        editor: QDateTimeEdit = self  # type: ignore[assignment]
        self._digits += digit
        shown = editor.sectionText(section)
        if shown.endswith(digit):
            if editor.currentSection() != section and len(shown) > len(self._digits):
                self._padded = (section, self._digits)  # completed with a 0 before it
            elif self._refused_in(section):
                self._forget_refused()
            return
        self._refuse(section, self._digits)

    def _refuse(self, section: QDateTimeEdit.Section, digits: str) -> None:
        if self._refused is None:  # the first slip stands; the keys after it went astray
            self._refused = (section, digits)

    def _refused_in(self, section: QDateTimeEdit.Section) -> bool:
        return self._refused is not None and self._refused[0] == section

    @property
    def refused_text(self) -> str:
        """The text as typed, when a digit did not land as typed ("" when all did)."""
        if self._refused is None:
            return ""
        editor: QDateTimeEdit = self  # type: ignore[assignment]
        refused, digits = self._refused
        text = editor.displayFormat()
        for token, section in _FORMAT_SECTIONS:
            text = text.replace(
                token, digits if section == refused else editor.sectionText(section)
            )
        return text

    def _forget_refused(self) -> None:
        self._refused = None

    def _forget_refused_unless_typed(self) -> None:
        if not self._typing:  # a date set by the form, or picked from the calendar
            self._forget_refused()

    def _just_after(self, separator: str) -> bool:
        """Whether the section now being typed comes just after `separator`."""
        editor: QDateTimeEdit = self  # type: ignore[assignment]
        line = editor.lineEdit()
        start = line.selectionStart() if line.hasSelectedText() else line.cursorPosition()
        return start > 0 and line.text()[start - 1] == separator

    def focusNextPrevChild(self, next: bool) -> bool:
        if self._separator_typed:
            # "2026-11-17" typed whole, as the field shows it: on to the next section.
            return super().focusNextPrevChild(next)  # type: ignore[misc,no-any-return]
        # Tab leaves the field, as it does every other field of a form. Qt's date editor
        # would walk its sections first (year, month, day, hour, minute: five Tabs to get
        # past a time); typing fills them in turn, and the arrow keys move between them.
        return QWidget.focusNextPrevChild(self, next)  # type: ignore[arg-type]

    def _noting_drop(self, handle: Callable[[], None]) -> None:
        editor: QDateTimeEdit = self  # type: ignore[assignment]
        typed = editor.text()
        handle()
        if _numbers(typed) != _numbers(editor.text()):
            self.dropped_text = typed

    def _forget_dropped(self) -> None:
        self.dropped_text = ""


class DateInput(_RemembersDroppedText, QDateEdit):
    """A QDateEdit (YYYY-MM-DD, with its calendar) that remembers a date it had to drop."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start("yyyy-MM-dd")


class DateTimeInput(_RemembersDroppedText, QDateTimeEdit):
    """A QDateTimeEdit (YYYY-MM-DD HH:MM, with its calendar) with the same memory."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start("yyyy-MM-dd HH:mm")


def typed_date_time(edit: QDateTimeEdit, field: str) -> QDateTime:
    """The date (and time) on screen in `edit`; a ValidationError naming `field` when what
    was typed there is not a date it can take.

    A half-typed section is taken in as shown first. Plain QDateEdits are read too, but only
    the editors above know what a loss of focus has already dropped.
    """
    dropped = getattr(edit, "refused_text", "") or getattr(edit, "dropped_text", "")
    typed = edit.text()
    edit.interpretText()
    if dropped or _numbers(typed) != _numbers(edit.text()):
        shape = edit.displayFormat().upper()
        raise ValidationError(
            field,
            f"“{dropped or typed}” is not a date this field can take: type it as {shape}, "
            "or pick it from the calendar",
        )
    return edit.dateTime()
