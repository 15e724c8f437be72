"""Persistence: Peewee models over one SQLite file, migrations, search index. No Qt here."""

from journal.store.database import Journal, open_journal
from journal.store.errors import (
    JournalTooNewError,
    JournalUnavailableError,
    NotAJournalError,
    StoreError,
)

__all__ = [
    "Journal",
    "JournalTooNewError",
    "JournalUnavailableError",
    "NotAJournalError",
    "StoreError",
    "open_journal",
]
