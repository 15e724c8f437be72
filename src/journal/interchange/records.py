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


@dataclass
class ContactTable:
    """Plain rows of a file a column each, texts trimmed: LinkedIn's connections.

    Each row is the record `record()` gives; kept as columns, an import checks and matches
    tens of thousands of rows with a few calls in C per column (core.import_table) instead
    of a record, a draft and a state per row.
    """

    lines: list[int]
    given_name: list[str]
    family_name: list[str]
    organisation: list[str]
    title: list[str]
    met_on: list[dt.date | None]
    emails: list[str]  # "" for a row without one
    links: list[str]  # the profile link, "" for a row without one
    met_mode: str = ""
    where_met: str = ""
    link_label: str = ""

    def record(self, row: int) -> ContactRecord:
        """The row as a record: an e-mail channel, then a social one for the link."""
        draft = ContactDraft(
            given_name=self.given_name[row],
            family_name=self.family_name[row],
            organisation=self.organisation[row],
            title=self.title[row],
            met_on=self.met_on[row],
            met_mode=self.met_mode,
            where_met=self.where_met,
        )
        email, link = self.emails[row], self.links[row]
        if email:
            draft.channels.append(ChannelDraft("email", email))
        if link:
            draft.channels.append(ChannelDraft("social", link, self.link_label))
        return ContactRecord(self.lines[row], draft)

    def records(self) -> list[ContactRecord]:
        """Every row as a record."""
        return list(map(self.record, range(len(self.lines))))


@dataclass
class ReadResult:
    """Everything a reader found in one file.

    A reader that keeps plain rows as columns (read_linkedin_table) leaves them in `table`,
    for the importer; reading `records` turns them into records, once.
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
