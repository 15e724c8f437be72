"""Progress of a long command on one line of standard error, when that is a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

# Work done sooner than this says nothing: most commands finish before a line would help.
SHOW_AFTER = 0.5
# The line is rewritten at most this often, so a fast loop does not spend its time on it.
REDRAW_EVERY = 0.1


class TerminalProgress:
    """A progress(done, total) callback that keeps one line up to date ("Importing… 40%",
    or "Encrypting… 1 of 4 files" with a `unit`), and wipes it when the work ends.

    Silent when the stream is not a terminal (a pipe, a file, a test): scripts read stderr
    for errors, not for a line of carriage returns.
    """

    def __init__(
        self,
        what: str,
        unit: str = "",
        *,
        stream: TextIO | None = None,
        show_after: float | None = None,  # None: SHOW_AFTER
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._live = _is_terminal(self._stream)
        self._what = what
        self._unit = unit
        self._clock = clock
        self._show_from = clock() + (SHOW_AFTER if show_after is None else show_after)
        self._drawn_at: float | None = None
        self._width = 0

    def __call__(self, done: int, total: int) -> None:
        if not self._live:
            return
        now = self._clock()
        if now < self._show_from:
            return
        if self._drawn_at is not None and now - self._drawn_at < REDRAW_EVERY and done < total:
            return
        self._drawn_at = now
        self._draw(f"{self._what}… {self._amount(done, total)}")

    def _amount(self, done: int, total: int) -> str:
        if self._unit:
            return f"{min(done + 1, total) if total else 0} of {total} {self._unit}"
        return f"{100 * done // total if total else 0}%"

    def _draw(self, text: str) -> None:
        # Padded over what was there: "9%" after "10%" would leave a "%" behind.
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = len(text)

    def finish(self) -> None:
        """Wipe the line, so that what the command prints next starts clean."""
        if self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed, or a stand-in without isatty
        return False


@contextmanager
def terminal_progress(
    what: str, unit: str = "", show_after: float | None = None
) -> Iterator[TerminalProgress]:
    """A TerminalProgress on standard error that is wiped however the work ends."""
    progress = TerminalProgress(what, unit, show_after=show_after)
    try:
        yield progress
    finally:
        progress.finish()
