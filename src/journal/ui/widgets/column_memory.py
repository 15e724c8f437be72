"""Column widths the user sets by hand, kept apart from the widths the app fits, and
carried between runs in window.ini."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QHeaderView

# A saved width outside this range comes from a damaged or hand-edited window.ini: the
# column keeps the width the app gives it.
SANE_WIDTHS = range(20, 4001)


class HandSizedColumns(QObject):
    """The columns of one header that the user has dragged (or double-clicked to fit), with
    the width each was given; the app's own resizes go through `fitting()` and count not."""

    def __init__(self, header: QHeaderView) -> None:
        super().__init__(header)
        self._header = header
        self._app_resizing = False
        self.widths: dict[int, int] = {}
        header.sectionResized.connect(self._resized)

    @contextmanager
    def fitting(self) -> Iterator[None]:
        """Resizes made inside this block are the app's, not the user's."""
        before, self._app_resizing = self._app_resizing, True
        try:
            yield
        finally:
            self._app_resizing = before

    def __contains__(self, column: int) -> bool:
        return column in self.widths

    def _resized(self, column: int, old: int, new: int) -> None:
        # Hiding a column resizes it to 0 and showing it again resizes it back, and a
        # stretching column follows the window: none of these is the user's choice.
        if not self._app_resizing and old and new and self._user_sizes(column):
            self.widths[column] = new

    def _user_sizes(self, column: int) -> bool:
        header = self._header
        if header.isSectionHidden(column):
            return False
        if header.stretchLastSection() and column == self._last_shown():
            # Qt still calls it Interactive, but it fills the rest of the header.
            return False
        return header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive

    def _last_shown(self) -> int:
        header = self._header
        for visual in reversed(range(header.count())):
            column = header.logicalIndex(visual)
            if not header.isSectionHidden(column):
                return column
        return -1

    def restore(self, widths: dict[int, int]) -> None:
        """Give the columns the widths saved in an earlier run, as if the user had."""
        with self.fitting():
            for column, width in widths.items():
                if column < self._header.count() and self._user_sizes(column):
                    self._header.resizeSection(column, width)
                    self.widths[column] = width


def load_widths(settings: QSettings, key: str) -> dict[int, int]:
    """The widths saved under `key`, by column; a part that does not parse is skipped."""
    text = settings.value(key, "")
    widths: dict[int, int] = {}
    if not isinstance(text, str):
        return widths
    for part in text.split():
        column, _, width = part.partition(":")
        if column.isdigit() and width.isdigit() and int(width) in SANE_WIDTHS:
            widths[int(column)] = int(width)
    return widths


def save_widths(settings: QSettings, key: str, widths: dict[int, int]) -> None:
    """Keep `widths` under `key` ("1:160 3:90": INI turns a comma into a list)."""
    text = " ".join(f"{column}:{width}" for column, width in sorted(widths.items()))
    settings.setValue(key, text)
