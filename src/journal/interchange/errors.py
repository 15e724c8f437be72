"""The one error the readers raise: a file that is not what it claims to be."""

from __future__ import annotations

from dataclasses import dataclass

from journal.core.errors import JournalError


class ImportFileError(JournalError):
    """The file as a whole cannot be read; names the file, the line and the problem."""

    def __init__(self, source: str, line: int | None, problem: str) -> None:
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Problem:
    """One card or row that could not be read; the rest of the file still imports."""

    line: int
    reason: str
    name: str = ""  # who the row is about, when that much could be read


# How much of a value a note or a problem quotes: enough to find it in the file.
QUOTED_LENGTH = 40


def quoted_start(value: str) -> str:
    """A value as a note quotes it: in single quotes, its first QUOTED_LENGTH characters
    (a whole paragraph pasted into a date cell would fill the report)."""
    shown = value.replace("\x00", "")
    if len(shown) > QUOTED_LENGTH:
        shown = shown[: QUOTED_LENGTH - 1] + "…"
    return f"'{shown}'"
