"""Encryption at rest: opening with a passphrase, converting safely, never leaking the secret."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest

from journal.store import crypto, open_journal
from journal.store.errors import (
    NotAJournalError,
    PassphraseNeededError,
    WrongPassphraseError,
)
from journal.store.keys import Answer, AskReason, GivenKey, Keychain, KeychainKeys
from journal.store.location import journal_path
from journal.store.models import Contact

SECRET = "correct horse battery staple ünïcødé 'quoted'"


def _add(name: str) -> int:
    return int(
        Contact.insert(
            given_name=name,
            display_name=name,
            sort_name=name.casefold(),
            created_at="2026-01-01T00:00:00.000000Z",
            updated_at="2026-01-01T00:00:00.000000Z",
        ).execute()
    )


# Long enough that encrypted (random-looking) bytes never hold it by chance: a name as short
# as "Ada" turns up in about one 300 KB file in sixty.
NAME = "Ada Lovelace-Byron"


def _encrypted_journal(home: Path, passphrase: str = SECRET) -> Path:
    """A journal with one contact, encrypted with `passphrase`; returns the file."""
    journal = open_journal(home)
    _add(NAME)
    journal.close()
    path = journal_path(home)
    crypto.checkpoint(path, None)
    new = path.with_name("converted")
    crypto.export_copy(path, None, new, passphrase)
    crypto.swap_in(new, path)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sqlcipher_is_installed_for_the_tests() -> None:
    assert crypto.sqlcipher_available()


def test_encrypted_files_are_told_apart_by_their_header(home: Path) -> None:
    path = _encrypted_journal(home)
    assert crypto.is_encrypted(path)
    assert b"SQLite format 3" not in path.read_bytes()[:100]
    assert NAME.encode() not in path.read_bytes()
    assert not crypto.is_encrypted(home / "missing.sqlite3")


class _Asked:
    """A key provider that notes that it was asked, and gives a wrong passphrase."""

    def __init__(self) -> None:
        self.asked = 0

    def passphrase(self, path: Path, failed: bool) -> str | None:
        self.asked += 1
        return None if failed else "a guess"

    def opened(self, path: Path, passphrase: str) -> None:
        raise AssertionError("nothing should open")


@pytest.mark.parametrize(
    "content",
    [
        b"Dear diary,\nthis is not a database at all.\n" * 200,  # 8,800 bytes
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEND:VCARD\r\n" * 128,  # 6,144 bytes
        bytes(range(256)) * 39,  # 9,984 bytes: not whole pages
        b"\x8f" * 100,  # less than the smallest page
    ],
    ids=["text", "text-whole-pages", "binary-not-pages", "short"],
)
def test_a_file_that_cannot_be_an_encrypted_journal_is_refused_without_a_passphrase(
    home: Path, content: bytes
) -> None:
    # SQLCipher writes whole pages of random bytes: text, or a size no page size divides,
    # is not one, and asking for its passphrase (then calling it wrong) misleads.
    home.mkdir(parents=True)
    path = journal_path(home)
    path.write_bytes(content)
    keys = _Asked()
    with pytest.raises(NotAJournalError, match="not been changed"):
        open_journal(home, keys)
    assert keys.asked == 0
    assert path.read_bytes() == content
    assert not crypto.is_encrypted(path)


def test_an_encrypted_journal_opens_with_its_passphrase(home: Path) -> None:
    _encrypted_journal(home)
    journal = open_journal(home, GivenKey(SECRET))
    assert journal.encrypted
    assert [c.display_name for c in Contact.select()] == [NAME]
    _add("Grace Brewster Hopper")
    journal.close()
    assert b"Grace Brewster Hopper" not in journal_path(home).read_bytes()


def test_a_wrong_passphrase_is_refused_and_the_file_left_unchanged(home: Path) -> None:
    path = _encrypted_journal(home)
    before = _digest(path)
    with pytest.raises(WrongPassphraseError, match="does not open"):
        open_journal(home, GivenKey("not it"))
    assert _digest(path) == before
    journal = open_journal(home, GivenKey(SECRET))  # still whole
    assert Contact.select().count() == 1
    journal.close()


def test_without_a_key_provider_an_encrypted_journal_is_refused(home: Path) -> None:
    _encrypted_journal(home)
    with pytest.raises(NotAJournalError, match="encrypted"):
        open_journal(home)


def test_the_keychain_gives_the_passphrase(home: Path, memory_keyring: object) -> None:
    path = _encrypted_journal(home)
    Keychain().set(path, SECRET)
    asked: list[AskReason] = []
    journal = open_journal(home, KeychainKeys(lambda p, r, k: asked.append(r) or None))
    assert journal.encrypted and asked == []
    journal.close()


def test_a_typed_passphrase_is_remembered_in_the_keychain(
    home: Path, memory_keyring: object
) -> None:
    path = _encrypted_journal(home)
    reasons: list[AskReason] = []

    def ask(p: Path, reason: AskReason, keychain_usable: bool) -> Answer:
        reasons.append(reason)
        assert keychain_usable
        return Answer(SECRET if len(reasons) > 1 else "typo", remember=True)

    journal = open_journal(home, KeychainKeys(ask))
    journal.close()
    assert reasons == [AskReason.NOT_IN_KEYCHAIN, AskReason.WRONG]
    assert Keychain().get(path) == SECRET


def test_without_a_keychain_the_user_is_asked_and_told_why(home: Path) -> None:
    _encrypted_journal(home)
    seen: list[tuple[AskReason, bool]] = []

    def ask(p: Path, reason: AskReason, keychain_usable: bool) -> Answer:
        seen.append((reason, keychain_usable))
        return Answer(SECRET)

    open_journal(home, KeychainKeys(ask)).close()
    assert seen == [(AskReason.NO_KEYCHAIN, False)]


def test_a_locked_keychain_is_explained(home: Path, locked_keyring: object) -> None:
    _encrypted_journal(home)
    seen: list[AskReason] = []
    open_journal(home, KeychainKeys(lambda p, r, k: seen.append(r) or Answer(SECRET))).close()
    assert seen == [AskReason.KEYCHAIN_LOCKED]


def test_an_outdated_keychain_entry_asks_again(home: Path, memory_keyring: object) -> None:
    path = _encrypted_journal(home)
    Keychain().set(path, "an old passphrase")
    seen: list[AskReason] = []
    open_journal(home, KeychainKeys(lambda p, r, k: seen.append(r) or Answer(SECRET))).close()
    assert seen == [AskReason.KEYCHAIN_OUTDATED]
    assert Keychain().get(path) == SECRET


def test_cancelling_the_question_leaves_the_journal_closed(home: Path) -> None:
    path = _encrypted_journal(home)
    before = _digest(path)
    with pytest.raises(PassphraseNeededError):
        open_journal(home, KeychainKeys(lambda p, r, k: None))
    assert _digest(path) == before


def test_export_copy_refuses_a_wrong_key_before_writing(home: Path) -> None:
    path = _encrypted_journal(home)
    target = home / "copy.sqlite3"
    with pytest.raises(WrongPassphraseError):
        crypto.export_copy(path, "wrong", target, None)
    assert not target.exists()


def test_export_copy_decrypts_and_changes_keys_faithfully(home: Path) -> None:
    path = _encrypted_journal(home)
    plain = home / "plain.sqlite3"
    crypto.export_copy(path, SECRET, plain, None)
    assert not crypto.is_encrypted(plain)
    rekeyed = home / "rekeyed.sqlite3"
    crypto.export_copy(path, SECRET, rekeyed, "new secret")
    assert crypto.passphrase_opens(rekeyed, "new secret")
    assert not crypto.passphrase_opens(rekeyed, SECRET)


def test_the_passphrase_is_never_logged_or_left_on_disk(
    home: Path,
    memory_keyring: object,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    path = _encrypted_journal(home)
    with pytest.raises(WrongPassphraseError) as wrong:
        open_journal(home, GivenKey(SECRET + "x"))
    journal = open_journal(home, KeychainKeys(lambda p, r, k: Answer(SECRET)))
    _add("Linus")
    journal.close()
    out, err = capfd.readouterr()
    secret_bytes = SECRET.encode()
    assert SECRET not in caplog.text and SECRET not in out + err
    assert SECRET not in str(wrong.value) and SECRET not in repr(journal)
    for file in path.parent.rglob("*"):
        if file.is_file():
            assert secret_bytes not in file.read_bytes(), file


def test_without_sqlcipher_an_encrypted_journal_says_how_to_get_it(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.store import encryption
    from journal.store.errors import EncryptionUnavailableError

    path = _encrypted_journal(home)
    before = _digest(path)
    monkeypatch.setattr(crypto, "sqlcipher_available", lambda: False)
    with pytest.raises(EncryptionUnavailableError, match="encryption extra") as refused:
        open_journal(home, GivenKey(SECRET))
    assert "has not been changed" in str(refused.value)
    assert _digest(path) == before

    plain_home = home.parent / "plain"
    plain = open_journal(plain_home)
    try:
        monkeypatch.setattr("builtins.__import__", _refusing_sqlcipher(__import__))
        with pytest.raises(EncryptionUnavailableError, match="pip install"):
            encryption.encrypt(plain, "a long enough passphrase")
        assert not plain.encrypted and not crypto.is_encrypted(plain.path)
    finally:
        monkeypatch.undo()
        plain.close()


def _refusing_sqlcipher(real_import: object) -> object:
    """An __import__ that fails for sqlcipher3, as on a platform without its wheels."""

    def fake(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("sqlcipher3"):
            raise ImportError("No module named 'sqlcipher3'")
        return real_import(name, *args, **kwargs)  # type: ignore[operator]

    return fake


def test_a_swap_that_fails_half_way_puts_the_old_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, new, old = tmp_path / "journal.sqlite3", tmp_path / "new", tmp_path / "journal.old"
    path.write_bytes(b"the journal as it was")
    new.write_bytes(b"the converted copy")
    real_replace = crypto.os.replace
    calls: list[tuple[str, str]] = []

    def failing_second(source: object, target: object) -> None:
        calls.append((str(source), str(target)))
        if len(calls) == 2:  # the new file into place: the disk gives up
            raise OSError(5, "Input/output error")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(crypto.os, "replace", failing_second)
    with pytest.raises(OSError):
        crypto.swap_in(new, path, keep_old_as=old)
    assert path.read_bytes() == b"the journal as it was"
    assert not old.exists()
    assert new.read_bytes() == b"the converted copy"  # nothing lost either way


def test_a_journal_cut_off_between_the_two_renames_is_put_back_at_the_next_open(
    home: Path,
) -> None:
    journal = open_journal(home)
    _add(NAME)
    journal.close()
    path = journal_path(home)
    # A crash after the journal went aside as .old and before the new file took its place.
    path.rename(path.with_name(path.name + ".old"))
    again = open_journal(home)
    assert [c.display_name for c in Contact.select()] == [NAME]  # not a new, empty journal
    assert not path.with_name(path.name + ".old").exists()
    again.close()


def test_putting_back_happens_once_and_only_with_the_journal_missing(home: Path) -> None:
    journal = open_journal(home)
    _add(NAME)
    journal.close()
    path = journal_path(home)
    old = path.with_name(path.name + ".old")
    path.rename(old)
    assert crypto.recover_interrupted_swap(path)
    assert path.exists() and not old.exists()
    assert not crypto.recover_interrupted_swap(path)  # a journal in place: nothing to do
