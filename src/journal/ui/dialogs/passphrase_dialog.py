"""Asking for an encrypted journal's passphrase, and choosing a new one; never echoed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from journal.store.encryption import MIN_PASSPHRASE
from journal.store.keys import Answer, Asker, AskReason
from journal.ui.dialogs.form_support import ErrorBanner


def secret_field(parent: QWidget, object_name: str, accessible_name: str) -> QLineEdit:
    """A field for a passphrase: never echoed, named for screen readers."""
    field = QLineEdit(parent)
    field.setObjectName(object_name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    return field


def ok_cancel(dialog: QDialog, on_ok: Callable[[], object]) -> QDialogButtonBox:
    """OK (which runs `on_ok`, deciding whether to close) and Cancel (which rejects)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def reason_text(reason: AskReason) -> str:
    """Why we ask, for people."""
    tr = QCoreApplication.translate
    return {
        AskReason.NO_KEYCHAIN: tr(
            "passphrase",
            "This system has no keychain to keep the passphrase in, so it is asked for "
            "each time the journal opens.",
        ),
        AskReason.KEYCHAIN_LOCKED: tr(
            "passphrase",
            "The system keychain is locked or did not answer, so the passphrase could not "
            "be read from it.",
        ),
        AskReason.NOT_IN_KEYCHAIN: tr(
            "passphrase", "The system keychain does not hold this journal's passphrase yet."
        ),
        AskReason.KEYCHAIN_OUTDATED: tr(
            "passphrase",
            "The passphrase kept in the system keychain no longer opens this journal "
            "(was it changed on another computer?).",
        ),
        AskReason.WRONG: tr("passphrase", "That passphrase does not open the journal. Try again."),
    }[reason]


class PassphraseDialog(QDialog):
    """The passphrase of an encrypted journal, with why we ask and whether to remember it."""

    def __init__(
        self,
        path: Path,
        reason: AskReason,
        keychain_usable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(self.tr("Encrypted journal"))
        self.setMinimumWidth(460)
        intro = QLabel(
            self.tr("The journal in %1 is encrypted.").replace("%1", str(path.parent)), self
        )
        intro.setWordWrap(True)
        self.reason = QLabel(reason_text(reason), self)
        self.reason.setObjectName("passphraseReason")
        self.reason.setWordWrap(True)
        self.passphrase = secret_field(self, "passphrase", self.tr("Passphrase"))
        self.remember = QCheckBox(self.tr("&Keep it in the system keychain"), self)
        self.remember.setObjectName("rememberPassphrase")
        self.remember.setChecked(keychain_usable)
        self.remember.setVisible(keychain_usable)
        buttons = ok_cancel(self, self.accept)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Open"))
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(buttons)
        self.passphrase.setFocus()

    def answer(self) -> Answer | None:
        """What the user typed (None when nothing was)."""
        text = self.passphrase.text()
        return Answer(text, self.remember.isChecked()) if text else None


def ask_passphrase(parent: QWidget | None = None) -> Asker:
    """An asker for KeychainKeys: shows PassphraseDialog and returns the Answer (or None)."""

    def ask(path: Path, reason: AskReason, keychain_usable: bool) -> Answer | None:
        dialog = PassphraseDialog(path, reason, keychain_usable, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer()

    return ask


class NewPassphraseDialog(QDialog):
    """A new passphrase, typed twice, with what happens to it."""

    def __init__(self, keychain_usable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newPassphraseDialog")
        self.setWindowTitle(self.tr("New passphrase"))
        self.banner = ErrorBanner(self)
        where = (
            self.tr("It will be kept in the system keychain, so you are not asked at every start.")
            if keychain_usable
            else self.tr(
                "This system has no keychain to keep it in: you will type it each time the "
                "journal opens."
            )
        )
        note = QLabel(
            self.tr(
                "Choose a passphrase of at least %1 characters; a few unrelated words are "
                "easy to remember and hard to guess. Without it the journal cannot be "
                "read by anyone, you included: keep it somewhere safe."
            ).replace("%1", str(MIN_PASSPHRASE))
            + " "
            + where,
            self,
        )
        note.setWordWrap(True)
        self.first = secret_field(self, "newPassphrase", self.tr("New passphrase"))
        self.second = secret_field(self, "repeatPassphrase", self.tr("New passphrase, once more"))
        form = QFormLayout()
        form.addRow(self.tr("&New passphrase:"), self.first)
        form.addRow(self.tr("&Once more:"), self.second)
        buttons = ok_cancel(self, self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _check(self) -> None:
        from journal.core.errors import ValidationError

        if len(self.first.text()) < MIN_PASSPHRASE:
            problem = self.tr("needs at least %1 characters").replace("%1", str(MIN_PASSPHRASE))
            self.banner.show_error(ValidationError(self.tr("new passphrase"), problem))
            self.first.setFocus()
            return
        if self.first.text() != self.second.text():
            problem = self.tr("differs from the first one")
            self.banner.show_error(ValidationError(self.tr("once more"), problem))
            self.second.setFocus()
            return
        self.accept()

    def passphrase(self) -> str:
        """The new passphrase (once accepted)."""
        return self.first.text()


class CurrentPassphraseDialog(QDialog):
    """The journal's current passphrase, asked before its protection changes; checked here."""

    def __init__(
        self, prompt: str, is_current: Callable[[str], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("currentPassphraseDialog")
        self.setWindowTitle(self.tr("Current passphrase"))
        self.setMinimumWidth(460)
        self.is_current = is_current
        self.banner = ErrorBanner(self)
        note = QLabel(prompt, self)
        note.setWordWrap(True)
        self.passphrase = secret_field(self, "currentPassphrase", self.tr("Current passphrase"))
        form = QFormLayout()
        form.addRow(self.tr("Current &passphrase:"), self.passphrase)
        buttons = ok_cancel(self, self._check)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Continue"))
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.passphrase.setFocus()

    def _check(self) -> None:
        if self.is_current(self.passphrase.text()):
            self.accept()
            return
        self.banner.show_message(
            self.tr("That is not the journal's passphrase; nothing was changed. Try again.")
        )
        self.passphrase.clear()
        self.passphrase.setFocus()
