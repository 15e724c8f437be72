"""Errors the domain raises for the user to read: what was wrong, and where."""

from __future__ import annotations

from journal.store.errors import HintedError


class JournalError(HintedError):
    """A user-facing problem with a request; str() is the message to show."""


class UsageError(JournalError):
    """The command line itself is wrong (options that do not go together): exit code 2."""


class ValidationError(JournalError):
    """Input refused: names the field and the problem."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class NotFoundError(JournalError):
    """The contact, interaction or group asked for does not exist (any more)."""
