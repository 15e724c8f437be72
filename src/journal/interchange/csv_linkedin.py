"""Reading LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data).

The file starts with a few lines of notes about missing e-mail addresses, then the header
First Name, Last Name, URL, Email Address, Company, Position, Connected On. Each connection
becomes a person met online on LinkedIn on the day you connected, with their profile as a
LinkedIn link.
"""

from __future__ import annotations

import datetime as dt

from journal.core.contacts import ChannelDraft, ContactDraft
from journal.interchange.csv_rows import Columns, numbered_rows, parse_day
from journal.interchange.errors import ImportFileError, Problem
from journal.interchange.records import ContactRecord, ReadResult

HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
HEADER_SEARCH_ROWS = 30  # the notes before the header are a handful of lines


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
    """Every connection in the file; bad rows are reported and skipped."""
    rows = numbered_rows(text, source)
    columns: Columns | None = None
    for count, (_line, row) in enumerate(rows):
        if is_header(row):
            columns = Columns(row)
            break
        if count >= HEADER_SEARCH_ROWS:
            break
    if columns is None:
        raise ImportFileError(
            source,
            None,
            "this is not LinkedIn's Connections.csv: no header row with "
            + ", ".join(HEADER)
            + " near the top",
        )
    # A missing column reads from one empty cell past the end of every (padded) row.
    blank = columns.size
    first, last, profile_at, email_at, company, position, connected_at = (
        _or(columns.position(name), blank) for name in HEADER
    )
    padding = [""] * (columns.size + 1)
    days: dict[str, dt.date | None] = {}  # a few thousand distinct days in any file
    result = ReadResult("linkedin")
    for line, row in rows:
        if not any(row) or not "".join(row).strip():
            continue
        if len(row) > columns.size:
            result.problems.append(
                Problem(
                    line,
                    f"the row has {len(row)} cells; the header has {columns.size}",
                    _name(row, first, last),
                )
            )
            continue
        row += padding[len(row) :]
        connected = row[connected_at].strip()
        met_on = None
        if connected:
            if connected not in days:
                days[connected] = parse_day(connected)
            met_on = days[connected]
            if met_on is None:
                reason = f"Connected On: {connected!r} is not a date"
                result.problems.append(Problem(line, reason, _name(row, first, last)))
                continue
        draft = ContactDraft(
            given_name=row[first].strip(),
            family_name=row[last].strip(),
            organisation=row[company].strip(),
            title=row[position].strip(),
            met_on=met_on,
            met_mode="online",
            where_met="LinkedIn",
        )
        email = row[email_at].strip()
        if email:
            draft.channels.append(ChannelDraft("email", email))
        profile = row[profile_at].strip()
        if profile:
            draft.channels.append(ChannelDraft("social", profile, "linkedin"))
        result.records.append(ContactRecord(line, draft))
    return result
