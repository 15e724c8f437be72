"""What a reader hands to the importer: one record per card or row, and the problems met."""

from __future__ import annotations

from dataclasses import dataclass, field

from journal.core.contacts import ContactDraft
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
class ReadResult:
    """Everything a reader found in one file."""

    format: str
    records: list[ContactRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
