"""What a reader hands to the importer: one record per card or row, and the problems met."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from journal.core.contacts import ChannelDraft, ContactDraft
from journal.interchange.errors import Problem


@dataclass
class ContactRecord:
    """One person read from a file, with the line where they start."""

    line: int
    draft: ContactDraft
    uid: str = ""
    # vCard properties the journal does not model, unfolded, kept to be written back.
    extra: list[str] = field(default_factory=list)
    archived: bool = False
    met_through_uid: str = ""  # who introduced them, by their card's UID
    # What the reader could not read and left out of the draft, and why (an import's note).
    left_out: str = ""


@dataclass
class ChannelColumn:
    """One channel of every row of a table: its kind, and each row's label and value.

    A row without this channel has "" for its value.
    """

    kind: str
    labels: list[str]
    values: list[str]


@dataclass
class ContactTable:
    """Plain rows of a file a column each: LinkedIn's connections, Google's contacts, the
    plain cards of a vCard file.

    Each row is the record `record()` gives; kept as columns, an import checks and matches
    tens of thousands of rows with a few calls in C per column (core.import_table) instead
    of a record, a draft and a state per row. A row's channels are those of `channels`
    with a value, in that order.
    """

    lines: list[int]
    given_name: list[str]
    family_name: list[str]
    organisation: list[str]
    title: list[str]
    channels: list[ChannelColumn]
    nickname: list[str]
    notes: list[str]
    met_on: list[dt.date | None]
    birthday: list[dt.date | None]
    tags: list[tuple[str, ...]]  # as read, before clean_tags
    met_mode: str = ""
    where_met: str = ""
    uids: list[str] = field(default_factory=list)  # each row's vCard UID; empty: none has one
    # Rows (by position) with a value the reader could not read and left out, and why.
    left_out: dict[int, str] = field(default_factory=dict)

    def record(self, row: int) -> ContactRecord:
        """The row as a record."""
        draft = ContactDraft(
            given_name=self.given_name[row],
            family_name=self.family_name[row],
            nickname=self.nickname[row],
            organisation=self.organisation[row],
            title=self.title[row],
            notes=self.notes[row],
            met_on=self.met_on[row],
            met_mode=self.met_mode,
            where_met=self.where_met,
            birthday=self.birthday[row],
            tags=list(self.tags[row]),
        )
        for column in self.channels:
            value = column.values[row]
            if value:
                draft.channels.append(ChannelDraft(column.kind, value, column.labels[row]))
        uid = self.uids[row] if self.uids else ""
        return ContactRecord(self.lines[row], draft, uid, left_out=self.left_out.get(row, ""))

    def records(self) -> list[ContactRecord]:
        """Every row as a record."""
        return list(map(self.record, range(len(self.lines))))


@dataclass
class ReadResult:
    """Everything a reader found in one file.

    A reader that keeps plain rows as columns (read_linkedin_table, read_google_table)
    leaves them in `table`, for the importer; reading `records` turns them into records,
    once.
    """

    format: str
    listed: list[ContactRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    table: ContactTable | None = None

    @property
    def records(self) -> list[ContactRecord]:
        """Every person read, as records."""
        self.table_to_records()
        return self.listed

    def table_to_records(self) -> None:
        """Turn the table's rows, if any, into records."""
        if self.table is not None:
            self.listed.extend(self.table.records())
            self.table = None

    def count(self) -> int:
        """How many people were read."""
        return len(self.listed) + (len(self.table.lines) if self.table is not None else 0)
