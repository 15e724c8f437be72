"""Completion for a line of comma-separated tags: the tag being typed, not the whole line."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from journal.core.tag_text import tag_being_typed, with_tag_completed


class TagsCompleter(QCompleter):
    """Offers the journal's tags for the one after the last comma, keeping those before it."""

    def __init__(self, tags: list[str], line: QLineEdit) -> None:
        super().__init__(tags, line)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._line = line

    def splitPath(self, path: str) -> list[str]:
        return [tag_being_typed(path)[1]]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return with_tag_completed(self._line.text(), super().pathFromIndex(index))
