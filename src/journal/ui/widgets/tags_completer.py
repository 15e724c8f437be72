"""Completion for a line of comma-separated tags: the tag being typed, not the whole line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLineEdit

from journal.core.tag_text import other_tags, tag_being_typed, with_tag_completed


class TagsCompleter(QCompleter):
    """Offers the journal's tags for the one at the cursor, keeping the others, and never
    a tag the line holds already."""

    def __init__(self, tags: list[str], line: QLineEdit) -> None:
        super().__init__(line)
        self._tags = tags
        self._offered = QStringListModel(tags, self)
        self._held: frozenset[str] = frozenset()
        self.setModel(self._offered)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._line = line
        # QLineEdit says textEdited before it asks its completer, so the list is ready.
        line.textEdited.connect(self._offer_absent_tags)
        self.activated[str].connect(self._cursor_after_completed_tag)
        self._cursor_after = -1
        self._typed = ("", 0)

    def splitPath(self, path: str) -> list[str]:
        # The line as typed: going through the offers with the arrow keys puts each one
        # into the line, cursor at the end, and the next must replace the same tag.
        self._typed = (path, self._line.cursorPosition())
        return [tag_being_typed(*self._typed)[1]]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        text, cursor = self._typed
        tag = super().pathFromIndex(index)
        # The line takes the completed text whole, its cursor at the end: it goes back to
        # just after the tag chosen (see _cursor_after_completed_tag).
        self._cursor_after = len(with_tag_completed(text[:cursor], tag))
        return with_tag_completed(text, tag, cursor)

    def _offer_absent_tags(self, text: str) -> None:
        held = frozenset(tag.casefold() for tag in other_tags(text, self._line.cursorPosition()))
        if held != self._held:
            self._held = held
            self._offered.setStringList([tag for tag in self._tags if tag.casefold() not in held])

    def _cursor_after_completed_tag(self, _text: str) -> None:
        where = self._cursor_after
        if where >= 0:
            # After the line's own setText, connected to the same signal when the line
            # takes focus, so after this slot (and not at all once the line is gone).
            QTimer.singleShot(0, self._line, lambda: self._line.setCursorPosition(where))
