"""Errors raised when a journal file cannot be opened or written, phrased for the user."""

from __future__ import annotations


class StoreError(Exception):
    """A journal file problem the user can act on; str() is the message to show."""


class NotAJournalError(StoreError):
    """The file exists but is not a Contact Journal (or not SQLite at all)."""


class JournalTooNewError(StoreError):
    """The journal was written by a newer version of the app; it is left untouched."""


class JournalUnavailableError(StoreError):
    """The file or its folder cannot be read or written (permissions, read-only disk, lock)."""
