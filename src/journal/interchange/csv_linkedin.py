"""Reading LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data).

The file starts with a few lines of notes about missing e-mail addresses, then the header
First Name, Last Name, URL, Email Address, Company, Position, Connected On. Each connection
becomes a person met online on LinkedIn on the day you connected, with their profile as a
LinkedIn link.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from functools import partial
from itertools import islice

from journal.interchange.csv_rows import (
    Columns,
    numbered_rows,
    numbered_table,
    parse_day,
    regular_rows,
    runaway_rows,
    table_columns,
)
from journal.interchange.errors import ImportFileError, Problem, quoted_start
from journal.interchange.records import ChannelColumn, ContactTable, ReadResult

HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
HEADER_SEARCH_ROWS = 30  # the notes before the header are a handful of lines
_LINE = operator.attrgetter("line")


def _or(position: int | None, blank: int) -> int:
    return blank if position is None else position


def _name(row: list[str], first: int, last: int) -> str:
    parts = (row[i].strip() for i in (first, last) if i < len(row))
    return " ".join(p for p in parts if p)


def is_header(row: list[str]) -> bool:
    """Whether a row is LinkedIn's connections header."""
    columns = Columns(row)
    return columns.has("First Name") and columns.has("Last Name") and columns.has("Connected On")


def read_linkedin(text: str, source: str) -> ReadResult:
    """Every connection in the file as a record; bad rows are reported and skipped."""
    result = read_linkedin_table(text, source)
    result.table_to_records()
    return result


def _header(rows: Sequence[list[str]]) -> tuple[Columns | None, int]:
    """The header among these first rows, and where it is."""
    for count, row in enumerate(rows):
        if is_header(row):
            return Columns(row), count
    return None, -1


def _not_linkedin(source: str) -> ImportFileError:
    return ImportFileError(
        source,
        None,
        "this is not LinkedIn's Connections.csv: no header row with "
        + ", ".join(HEADER)
        + " near the top",
    )


def read_linkedin_table(text: str, source: str) -> ReadResult:
    """read_linkedin, the connections kept as columns (ReadResult.table) for the importer.

    The whole file is parsed in one call and each column trimmed with one map(); rows are
    looked at one by one only when some are blank, short or long.
    """
    try:
        lines, rows = numbered_table(text, source)
    except ImportFileError as error:
        # Read row by row, as far as the header, to refuse the file as read_linkedin did:
        # a file with no header near the top is not LinkedIn's, wherever its fault is.
        top = islice(numbered_rows(text, source), HEADER_SEARCH_ROWS + 1)
        if _header([row for _line, row in top])[0] is not None:
            raise error from None
        raise _not_linkedin(source) from None
    columns, header_at = _header(rows[: HEADER_SEARCH_ROWS + 1])
    if columns is None:
        raise _not_linkedin(source)
    del lines[: header_at + 1], rows[: header_at + 1]
    # A missing column reads from one empty cell past the end of every (padded) row.
    size = blank = columns.size
    positions = [_or(columns.position(name), blank) for name in HEADER]
    first, last, profile_at, email_at, company, position, connected_at = positions
    name = partial(_name, first=first, last=last)
    result = ReadResult("linkedin")
    problems: list[Problem] = []
    # None of LinkedIn's cells may hold a line break: one there is a quote left open.
    one_line = {at: columns.names[at] for at in positions if at < size}
    lines, rows = runaway_rows(text, source, lines, rows, one_line, name, problems)
    sizes = set(map(len, rows))
    if sizes != {size} or not all(map(str.strip, map("".join, rows))):
        lines, rows = regular_rows(lines, rows, size, name, problems)
    cells = table_columns(rows, size)
    connected = cells[connected_at]
    days = {day: parse_day(day) for day in set(connected) if day}  # a few thousand at most
    days[""] = None
    # A day that is no date is left out, the connection kept; the note names the journal's
    # field, as every other left-out note does (the line number finds the cell).
    left_out = {
        row: f"date met left out: {quoted_start(day)} is not a date"
        for row, day in enumerate(connected)
        if day and days[day] is None
    }
    count = len(lines)
    empty: list[str] = [""] * count
    result.table = ContactTable(
        lines,
        cells[first],
        cells[last],
        cells[company],
        cells[position],
        [
            ChannelColumn("email", empty, cells[email_at]),
            ChannelColumn("social", ["linkedin"] * count, cells[profile_at]),
        ],
        nickname=empty,
        notes=empty,
        met_on=list(map(days.__getitem__, connected)),
        birthday=[None] * count,
        tags=[()] * count,
        met_mode="online",
        left_out=left_out,
        where_met="LinkedIn",
    )
    result.problems = sorted(problems, key=_LINE)
    return result
