"""Where an encrypted journal's passphrase comes from: the OS keychain, else the user.

The keychain entry is service "Contact Journal", user name the journal file's absolute path
(an encrypted file has nothing readable inside to name it by). A journal moved elsewhere
is simply asked for once more, and remembered under its new path.

`keyring` is imported only when a passphrase is needed, so plaintext journals never pay for
it at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from journal import APP_NAME

SERVICE = APP_NAME


class AskReason(str, Enum):
    """Why the user is asked for the passphrase (the GUI and the CLI phrase each for people)."""

    NO_KEYCHAIN = "no_keychain"  # no keychain backend on this system (headless Linux, ...)
    KEYCHAIN_LOCKED = "keychain_locked"  # a keychain exists but refused to answer
    NOT_IN_KEYCHAIN = "not_in_keychain"  # the keychain has nothing for this journal (path)
    KEYCHAIN_OUTDATED = "keychain_outdated"  # what the keychain holds no longer opens it
    WRONG = "wrong"  # the passphrase just typed did not open it


REASON_TEXT = {
    AskReason.NO_KEYCHAIN: "this system has no keychain to keep the passphrase in",
    AskReason.KEYCHAIN_LOCKED: "the system keychain is locked or did not answer",
    AskReason.NOT_IN_KEYCHAIN: "the keychain holds no passphrase for this journal",
    AskReason.KEYCHAIN_OUTDATED: "the passphrase in the keychain no longer opens this journal",
    AskReason.WRONG: "that passphrase does not open this journal",
}


@dataclass(frozen=True)
class Answer:
    """What the user typed, and whether to keep it in the keychain."""

    passphrase: str
    remember: bool = True

    def __repr__(self) -> str:  # never print a secret, even in a traceback
        return f"Answer(passphrase=<hidden>, remember={self.remember})"


Asker = Callable[[Path, AskReason, bool], "Answer | None"]
"""Ask the user for a journal's passphrase: (journal file, why, keychain usable) -> Answer."""


class KeyProvider(Protocol):
    """Gives open_journal passphrases to try for an encrypted journal."""

    def passphrase(self, path: Path, failed: bool) -> str | None:
        """A passphrase to try; `failed` when the last one did not open it. None gives up."""
        ...

    def opened(self, path: Path, passphrase: str) -> None:
        """The passphrase opened the journal (a chance to remember it)."""
        ...


class KeychainUnavailableError(Exception):
    """No keychain backend, or it is locked; the reason says which."""

    def __init__(self, reason: AskReason) -> None:
        super().__init__(REASON_TEXT[reason])
        self.reason = reason


class Keychain:
    """The OS keychain through `keyring` (Keychain, Credential Manager, Secret Service...)."""

    def __init__(self, backend: Any | None = None) -> None:
        self._backend = backend

    def _keyring(self) -> Any:
        if self._backend is not None:
            return self._backend
        import keyring

        return keyring.get_keyring()

    def usable(self) -> bool:
        """True when a real keychain backend exists (it may still turn out to be locked)."""
        return self.problem() is None

    def problem(self) -> AskReason | None:
        """Why the keychain cannot be used, or None."""
        try:
            backend = self._keyring()
        except Exception:
            return AskReason.NO_KEYCHAIN
        return AskReason.NO_KEYCHAIN if _is_fail_backend(backend) else None

    def get(self, journal_file: Path) -> str | None:
        """The stored passphrase, or None; KeychainUnavailableError when it cannot say."""
        backend = self._checked()
        try:
            value = backend.get_password(SERVICE, _user(journal_file))
        except Exception:
            raise KeychainUnavailableError(AskReason.KEYCHAIN_LOCKED) from None
        return None if value is None else str(value)

    def set(self, journal_file: Path, passphrase: str) -> bool:
        """Keep the passphrase; False (and nothing stored) when the keychain refuses."""
        try:
            self._checked().set_password(SERVICE, _user(journal_file), passphrase)
        except Exception:
            return False
        return True

    def delete(self, journal_file: Path) -> None:
        """Forget the journal's passphrase (nothing to forget is fine)."""
        try:
            self._checked().delete_password(SERVICE, _user(journal_file))
        except Exception:
            return

    def _checked(self) -> Any:
        problem = self.problem()
        if problem is not None:
            raise KeychainUnavailableError(problem)
        return self._keyring()


def _is_fail_backend(backend: Any) -> bool:
    from keyring.backends import chainer, fail

    if isinstance(backend, fail.Keyring):
        return True
    return isinstance(backend, chainer.ChainerBackend) and not backend.backends


def _user(journal_file: Path) -> str:
    return str(journal_file.expanduser().resolve())


class KeychainKeys:
    """The keychain first; then the user, told why; what opened the journal is remembered."""

    def __init__(self, ask: Asker | None, keychain: Keychain | None = None) -> None:
        self.ask = ask
        self.keychain = keychain or Keychain()
        self._tried_keychain = False
        self._from_keychain = False
        self._remember = False
        self.last_reason: AskReason | None = None

    @property
    def from_keychain(self) -> bool:
        """True when the last passphrase given came from the keychain, not from the user."""
        return self._from_keychain

    def passphrase(self, path: Path, failed: bool) -> str | None:
        reason: AskReason
        if not self._tried_keychain:
            self._tried_keychain = True
            try:
                stored = self.keychain.get(path)
            except KeychainUnavailableError as unavailable:
                reason = unavailable.reason
            else:
                if stored is not None:
                    self._from_keychain = True
                    return stored
                reason = AskReason.NOT_IN_KEYCHAIN
        elif self._from_keychain:
            reason = AskReason.KEYCHAIN_OUTDATED
        else:
            reason = AskReason.WRONG
        self._from_keychain = False
        self.last_reason = reason
        if self.ask is None:
            return None
        answer = self.ask(path, reason, self.keychain.usable())
        if answer is None:
            return None
        self._remember = answer.remember
        return answer.passphrase

    def opened(self, path: Path, passphrase: str) -> None:
        if not self._from_keychain and self._remember and self.keychain.usable():
            self.keychain.set(path, passphrase)


def same_passphrase(typed: str, actual: str | None) -> bool:
    """True when `typed` is the journal's passphrase `actual`, compared in constant time."""
    import hmac

    if actual is None:
        return False
    # compare_digest takes str only when it is ASCII; a passphrase may be any text.
    return hmac.compare_digest(typed.encode("utf-8"), actual.encode("utf-8"))


class GivenKey:
    """A passphrase already known (a conversion just set it, a test): tried once."""

    def __init__(self, passphrase: str) -> None:
        self._passphrase = passphrase

    def __repr__(self) -> str:
        return "GivenKey(<hidden>)"

    def passphrase(self, path: Path, failed: bool) -> str | None:
        return None if failed else self._passphrase

    def opened(self, path: Path, passphrase: str) -> None:
        return None
