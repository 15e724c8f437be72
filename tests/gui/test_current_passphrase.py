"""File → Encryption asks for the current passphrase before changing or removing it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from journal.core import safekeeping
from journal.core.contact_queries import contact_ids
from journal.core.contacts import ContactDraft, create_contact
from journal.store import Journal, crypto
from journal.ui.dialogs import encryption_dialog
from journal.ui.dialogs.encryption_dialog import EncryptionDialog
from journal.ui.dialogs.passphrase_dialog import CurrentPassphraseDialog

OLD = "a long enough passphrase"
NEW = "another fine passphrase"

pytestmark = pytest.mark.skipif(not crypto.sqlcipher_available(), reason="needs SQLCipher")


@pytest.fixture
def encrypted(journal: Journal) -> Journal:
    """The test's journal with one contact, encrypted with OLD (no keychain holds it)."""
    create_contact(ContactDraft(given_name="Ada"))
    safekeeping.encrypt_journal(journal, OLD)
    return journal


@pytest.fixture
def new_passphrase_asked(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Records each time the New passphrase dialog would open (it is then cancelled)."""
    asked: list[bool] = []

    def cancelled(self: QDialog) -> int:
        asked.append(True)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(encryption_dialog.NewPassphraseDialog, "exec", cancelled)
    return asked


def _open(qtbot, journal: Journal, bus) -> EncryptionDialog:  # type: ignore[no-untyped-def]
    dialog = EncryptionDialog(journal, bus)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.change_button.isVisible() and dialog.decrypt_button.isVisible()
    return dialog


def _type_wrong_then_cancel(qtbot) -> Callable[[QDialog], None]:  # type: ignore[no-untyped-def]
    def act(asked: QDialog) -> None:
        assert isinstance(asked, CurrentPassphraseDialog)
        assert not asked.banner.isVisible()
        qtbot.keyClicks(asked.passphrase, "not it at all")
        qtbot.mouseClick(asked.ok_button, Qt.MouseButton.LeftButton)
        assert asked.isVisible()  # refused: still asking
        assert asked.banner.isVisible()
        assert "not the journal's passphrase" in asked.banner.text()
        assert asked.passphrase.text() == ""
        qtbot.mouseClick(asked.cancel_button, Qt.MouseButton.LeftButton)

    return act


@pytest.mark.parametrize("button", ["change_button", "decrypt_button"])
def test_a_wrong_current_passphrase_is_refused_and_nothing_changes(  # type: ignore[no-untyped-def]
    qtbot, encrypted, bus, dialogs, on_dialog, new_passphrase_asked, button: str
) -> None:
    dialog = _open(qtbot, encrypted, bus)
    before = encrypted.path.read_bytes()
    problems = on_dialog(_type_wrong_then_cancel(qtbot))
    qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert problems == []
    # Neither a new passphrase nor a confirmation was asked for (the scripted confirm
    # would have failed the test), and the journal is as it was.
    assert new_passphrase_asked == [] and dialogs.shown == []
    assert encrypted.passphrase == OLD and encrypted.path.read_bytes() == before
    assert crypto.is_encrypted(encrypted.path) and crypto.passphrase_opens(encrypted.path, OLD)


@pytest.mark.parametrize("button", ["change_button", "decrypt_button"])
def test_cancel_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, encrypted, bus, dialogs, on_dialog, new_passphrase_asked, button: str
) -> None:
    dialog = _open(qtbot, encrypted, bus)

    def cancel(asked: QDialog) -> None:
        assert isinstance(asked, CurrentPassphraseDialog)
        qtbot.keyClicks(asked.passphrase, OLD)  # even the right one, then Escape
        qtbot.keyClick(asked.passphrase, Qt.Key.Key_Escape)

    problems = on_dialog(cancel)
    qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert problems == []
    assert new_passphrase_asked == [] and dialogs.shown == []
    assert encrypted.passphrase == OLD and crypto.is_encrypted(encrypted.path)


def test_the_right_current_passphrase_lets_it_change(  # type: ignore[no-untyped-def]
    qtbot, encrypted, bus, dialogs, on_dialog
) -> None:
    dialog = _open(qtbot, encrypted, bus)

    def choose_new(new: QDialog) -> None:
        qtbot.keyClicks(new.first, NEW)  # type: ignore[attr-defined]
        qtbot.keyClicks(new.second, NEW)  # type: ignore[attr-defined]
        new._check()  # type: ignore[attr-defined]

    def current(asked: QDialog) -> None:
        assert isinstance(asked, CurrentPassphraseDialog)
        qtbot.keyClicks(asked.passphrase, "not it at all")
        qtbot.keyClick(asked.passphrase, Qt.Key.Key_Return)
        assert asked.isVisible() and asked.banner.isVisible()  # a wrong try, then the right
        on_dialog(choose_new)
        qtbot.keyClicks(asked.passphrase, OLD)
        qtbot.keyClick(asked.passphrase, Qt.Key.Key_Return)

    problems = on_dialog(current)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert dialogs.shown[-1][2].startswith("The journal's passphrase is changed.")
    assert encrypted.passphrase == NEW
    assert crypto.passphrase_opens(encrypted.path, NEW)
    assert not crypto.passphrase_opens(encrypted.path, OLD)
    assert contact_ids()  # readable through the reopened connection


def test_the_right_current_passphrase_lets_it_stop_encrypting(  # type: ignore[no-untyped-def]
    qtbot, encrypted, bus, dialogs, on_dialog
) -> None:
    dialog = _open(qtbot, encrypted, bus)

    def current(asked: QDialog) -> None:
        assert isinstance(asked, CurrentPassphraseDialog)
        qtbot.keyClicks(asked.passphrase, OLD)
        qtbot.mouseClick(asked.ok_button, Qt.MouseButton.LeftButton)

    dialogs.confirm_answers = [True]
    problems = on_dialog(current)
    qtbot.mouseClick(dialog.decrypt_button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert [kind for kind, _title, _text in dialogs.shown] == ["confirm", "info"]
    assert not encrypted.encrypted and not crypto.is_encrypted(encrypted.path)
    assert contact_ids()
