"""Errors raised when a journal file cannot be opened or written, phrased for the user."""

from __future__ import annotations


class HintedError(Exception):
    """An error whose message may end with a command to type (`command_hint`).

    str() is the whole message, as the command line prints it; the app shows the message
    without the command (`without_command`) and words its own advice where it has one.
    """

    def __init__(self, *args: object, command_hint: str = "") -> None:
        if command_hint and args:
            args = (f"{args[0]} {command_hint}", *args[1:])
        super().__init__(*args)
        self.command_hint = command_hint

    @property
    def without_command(self) -> str:
        """The message without the command to type (the whole message when it has none)."""
        return str(self).removesuffix(f" {self.command_hint}") if self.command_hint else str(self)


class StoreError(HintedError):
    """A journal file problem the user can act on; str() is the message to show."""


class NotAJournalError(StoreError):
    """The file exists but is not a Contact Journal (or not SQLite at all)."""


class JournalTooNewError(StoreError):
    """The journal was written by a newer version of the app; it is left untouched."""


class EmptyHomeError(StoreError):
    """--home or JOURNAL_HOME names no folder at all (an empty string); nothing was opened."""


class JournalUnavailableError(StoreError):
    """The file or its folder cannot be read or written (permissions, read-only disk, lock)."""


class JournalLockedError(JournalUnavailableError):
    """Another process holds the journal's writer lock; the message names it."""

    def __init__(self, message: str, holder: str = "") -> None:
        super().__init__(message)
        # Who holds it, as it described itself: "Contact Journal (process 4242 on …)".
        self.holder = holder


class DiskFullError(JournalUnavailableError):
    """The disk holding the journal is full; the write was rolled back."""


class ReadOnlyJournalError(JournalUnavailableError):
    """The journal or its folder cannot be written (read-only disk or permissions)."""


class DamagedJournalError(NotAJournalError):
    """The journal failed its integrity check; `backup` is the latest good backup, if any."""

    def __init__(
        self, message: str, backup: object | None = None, *, command_hint: str = ""
    ) -> None:
        super().__init__(message, command_hint=command_hint)
        self.backup = backup


class EncryptionError(StoreError):
    """An encrypted journal cannot be opened or converted; nothing was changed."""


class EncryptionUnavailableError(EncryptionError):
    """This installation has no SQLCipher, so encrypted journals cannot be read or made."""


class PassphraseNeededError(EncryptionError):
    """The journal is encrypted and no passphrase was given (the user cancelled, or none)."""


class WrongPassphraseError(EncryptionError):
    """The passphrase given does not open the journal."""


class JournalBusyError(JournalUnavailableError):
    """The journal's file is being replaced on another thread; nothing was read or written."""
