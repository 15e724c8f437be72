"""CSV rows with the line each starts on, and columns found by name, never by position."""

from __future__ import annotations

import csv
import datetime as dt
import io
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, compress, repeat

from journal.interchange.errors import ImportFileError, Problem

# Line number where the row starts, and its cells.
NumberedRow = tuple[int, list[str]]


def numbered_rows(text: str, source: str) -> Iterator[NumberedRow]:
    """Every row of a CSV text (quoted cells may span lines: notes often do)."""
    return _numbered(io.StringIO(_ended(text), newline=""), source)


def _numbered(lines: Iterable[str], source: str, before: int = 0) -> Iterator[NumberedRow]:
    """The rows of these lines, which come after line `before` of the file."""
    reader = csv.reader(lines)
    last = before
    try:
        for row in reader:
            start = last + 1
            last = before + reader.line_num
            yield start, row
    except csv.Error as error:
        raise ImportFileError(source, last + 1, f"the CSV cannot be read: {error}") from None


def _ended(text: str) -> str:
    """The text with a line break at its end: a quote left open on the last line then shows
    as a line break in its cell, as one left open on any other line does."""
    return text if text.endswith(("\n", "\r")) or not text else text + "\n"


def numbered_table(text: str, source: str) -> tuple[list[int], list[list[str]]]:
    """numbered_rows as two lists (lines, rows), read in one call to the csv module.

    Each row starts on the line after the previous one, plus one for each line break its
    quoted cells hold (notes often do). A file the csv module refuses is read again one row
    at a time, to name the line of the fault.
    """
    text = _ended(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        rows = []
        joined = "\n"
    else:
        joined = "".join(map("".join, rows))
    if not rows and joined:  # refused: read again, to say on which line
        numbered = list(numbered_rows(text, source))
        return [line for line, _row in numbered], [row for _line, row in numbered]
    if "\n" in joined or "\r" in joined:
        # A row spans one line more for each line break in its cells ("\r\n" is one, as
        # the csv module reads lines). The rows holding one are found in C; only those
        # are counted one at a time, and the rows' first lines summed up.
        count = len(rows)
        broken: Iterable[int] = _holding(rows, "\n")
        if "\r" in joined:
            broken = sorted({*broken, *_holding(rows, "\r")})
        steps = [1] * count
        for row in broken:
            steps[row] += _breaks(rows[row])
        return list(accumulate(steps, initial=1))[:-1], rows
    return list(range(1, len(rows) + 1)), rows


def _holding(rows: list[list[str]], character: str) -> Iterable[int]:
    """The rows with `character` in one of their cells."""
    return compress(range(len(rows)), map(operator.contains, map("".join, rows), repeat(character)))


def _breaks(cells: list[str]) -> int:
    """How many line breaks these cells hold ("\\r\\n" is one, as the csv module reads lines)."""
    text = "".join(cells)
    return text.count("\n") + text.count("\r") - text.count("\r\n")


_RUNS_ON = "a quote opens and is not closed on its line, so the row runs on into the lines after it"


def runaway_rows(
    text: str,
    source: str,
    lines: list[int],
    rows: list[list[str]],
    one_line: dict[int, str],
    name: Callable[[list[str]], str],
    problems: list[Problem],
) -> tuple[list[int], list[list[str]]]:
    """The rows, less those a stray quote ran away with (a problem each); the lines such a
    row took in are read again on their own.

    A quote that opens a cell and is not closed on its line makes the csv module read on,
    over line breaks, to the next quote in the file or its end: the rows on the way become
    one cell. A line break in a cell of `one_line` (names, e-mail addresses...: {position:
    column name}) is the sign, unless the row's quotes all close where its cells end (a line
    break quoted on purpose). Reading again stops on a line where the first reading started
    a row too: from there on, the two agree.
    """
    # A row holds a line break when the next one starts more than a line after it (the last
    # row, before a 0, is always looked at).
    spans = map(operator.sub, [*lines[1:], 0], lines)
    suspects = compress(range(len(rows)), map(operator.ne, spans, repeat(1)))
    one_line = dict(sorted(one_line.items()))  # a row's first cell first
    if all(_broken_cell(rows[row], one_line) is None for row in suspects):
        return lines, rows
    physical = io.StringIO(_ended(text), newline="").readlines()  # as the csv module reads them
    first = {line: index for index, line in enumerate(lines)}
    kept_lines: list[int] = []
    kept: list[list[str]] = []
    index = 0
    again: Iterator[NumberedRow] | None = None  # the lines after a runaway row, read anew
    while True:
        if again is None:
            if index == len(rows):
                break
            line, row = lines[index], rows[index]
            index += 1
        else:
            found = next(again, None)
            if found is None:
                break
            line, row = found
            if line in first:  # back in step with the first reading
                index, again = first[line], None
                continue
        position = _broken_cell(row, one_line)
        if position is None or _closes(physical[line - 1 : line + _breaks(row)]):
            kept_lines.append(line)
            kept.append(row)
            continue
        problems.append(Problem(line, f"{one_line[position]}: {_RUNS_ON}", name(row[:position])))
        opened = line + _breaks(row[:position])  # the line the stray quote is on
        again = _numbered(map(physical.__getitem__, range(opened, len(physical))), source, opened)
    return kept_lines, kept


def _broken_cell(row: list[str], one_line: dict[int, str]) -> int | None:
    """The first cell of `one_line` that holds a line break (None: none does)."""
    for position in one_line:
        if position < len(row) and ("\n" in row[position] or "\r" in row[position]):
            return position
    return None


def _closes(lines: list[str]) -> bool:
    """Whether every quote of these lines closes where its cell ends (strict CSV)."""
    try:
        list(csv.reader(lines, strict=True))
    except csv.Error:
        return False
    return True


def regular_rows(
    lines: list[int],
    rows: list[list[str]],
    size: int,
    name: Callable[[list[str]], str],
    problems: list[Problem],
) -> tuple[list[int], list[list[str]]]:
    """The rows without the blank ones and those too long (a problem each), padded to `size`.

    `name` says who a row is about, for its problem.
    """
    padding = [""] * size
    kept_lines: list[int] = []
    kept: list[list[str]] = []
    for line, row in zip(lines, rows, strict=True):
        if not any(row) or not "".join(row).strip():
            continue
        if len(row) > size:
            reason = f"the row has {len(row)} cells; the header has {size}"
            problems.append(Problem(line, reason, name(row)))
            continue
        kept_lines.append(line)
        kept.append(row + padding[len(row) :])
    return kept_lines, kept


def table_columns(rows: list[list[str]], size: int) -> list[list[str]]:
    """The cells of rows all `size` long, a column each, trimmed; then one more column of
    blanks, for the columns a file lacks."""
    cells = [list(map(str.strip, column)) for column in zip(*rows, strict=True)]
    if not rows:
        cells = [[] for _column in range(size)]
    cells.append([""] * len(rows))
    return cells


def normalise(name: str) -> str:
    """A column name as compared: trimmed, case folded, inner spaces collapsed."""
    return " ".join(name.replace("\ufeff", "").split()).casefold()


class Columns:
    """A header row: find a column by any of its names."""

    def __init__(self, header: list[str]) -> None:
        self.size = len(header)
        self.names = [" ".join(name.replace("\ufeff", "").split()) for name in header]
        self.index: dict[str, int] = {}
        for position, name in enumerate(header):
            self.index.setdefault(normalise(name), position)

    def has(self, *names: str) -> bool:
        """Whether any of these columns is present."""
        return any(normalise(n) in self.index for n in names)

    def position(self, *names: str) -> int | None:
        """Where the first of these columns that exists is."""
        for name in names:
            found = self.index.get(normalise(name))
            if found is not None:
                return found
        return None

    def numbered(self, pattern: str) -> dict[int, dict[str, int]]:
        """Numbered column groups: "E-mail (\\d+) - (.+)" -> {1: {"value": 12, "label": 11}}."""
        matcher = re.compile(pattern, re.IGNORECASE)
        groups: dict[int, dict[str, int]] = {}
        for name, position in self.index.items():
            match = matcher.fullmatch(name)
            if match:
                groups.setdefault(int(match.group(1)), {})[match.group(2).casefold()] = position
        return dict(sorted(groups.items()))


def cell(row: list[str], position: int | None) -> str:
    """A cell's trimmed text ('' when the column is missing or the row is short)."""
    if position is None or position >= len(row):
        return ""
    return row[position].strip()


_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{2}|\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


def parse_day(text: str) -> dt.date | None:
    """Dates as exports write them: 2023-03-15, 15 Mar 2023, 15-Mar-23, 3/15/23 (US order).

    Month names are English whatever the machine's language (strptime's %b is not).
    """
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        match = _DAY_MONTH_YEAR.match(text)
        if match:
            month = _MONTHS.get(match.group(2).lower())
            if month is None:
                return None
            return dt.date(_year(match.group(3)), month, int(match.group(1)))
        match = _SLASHED.match(text)
        if match:
            return dt.date(_year(match.group(3)), int(match.group(1)), int(match.group(2)))
    except ValueError:
        return None
    return None


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year
