"""File → Encryption: is the journal encrypted, where its key is; encrypt, change, or stop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.core import safekeeping
from journal.core.changes import Result
from journal.store import crypto
from journal.store.database import Journal
from journal.store.encryption import Conversion
from journal.store.keys import Keychain, KeychainUnavailableError, same_passphrase
from journal.ui.bus import JournalBus
from journal.ui.dialogs.passphrase_dialog import CurrentPassphraseDialog, NewPassphraseDialog
from journal.ui.widgets.modal_progress import wait_with_progress


class EncryptionDialog(QDialog):
    """Encryption at rest for this journal: the state, and the three changes one can make."""

    def __init__(
        self,
        journal: Journal,
        bus: JournalBus,
        keychain: Keychain | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("encryptionDialog")
        self.setWindowTitle(self.tr("Encryption"))
        self.journal = journal
        self.bus = bus
        self.keychain = keychain or Keychain()
        self.state = QLabel(self)
        self.state.setObjectName("encryptionState")
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.encrypt_button = QPushButton(self.tr("&Encrypt…"), self)
        self.encrypt_button.setObjectName("encryptButton")
        self.change_button = QPushButton(self.tr("&Change passphrase…"), self)
        self.change_button.setObjectName("changePassphraseButton")
        self.decrypt_button = QPushButton(self.tr("&Stop encrypting…"), self)
        self.decrypt_button.setObjectName("decryptButton")
        self.encrypt_button.clicked.connect(self.encrypt)
        self.change_button.clicked.connect(self.change_passphrase)
        self.decrypt_button.clicked.connect(self.decrypt)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in (self.encrypt_button, self.change_button, self.decrypt_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.refresh()

    def refresh(self) -> None:
        """Describe the journal as it is now and offer what fits."""
        available = crypto.sqlcipher_available()
        encrypted = self.journal.encrypted
        parts: list[str] = []
        if encrypted:
            parts.append(
                self.tr(
                    "Your journal is encrypted: without its passphrase the file "
                    "and its backups cannot be read."
                )
            )
            parts.append(self._where_is_the_key())
        else:
            parts.append(
                self.tr(
                    "Your journal is not encrypted: anyone who can read your "
                    "files can read it. Encrypting it protects the journal and "
                    "its backups with a passphrase."
                )
            )
        if not available:
            parts.append(
                self.tr(
                    "This installation cannot encrypt: it lacks SQLCipher. Install the app with "
                    "its encryption extra (pip install 'contact-journal[encryption]'); the "
                    "installers for Windows, macOS and Linux include it."
                )
            )
        self.state.setText("\n\n".join(parts))
        self.encrypt_button.setVisible(not encrypted)
        self.encrypt_button.setEnabled(available)
        self.change_button.setVisible(encrypted)
        self.decrypt_button.setVisible(encrypted)

    def _where_is_the_key(self) -> str:
        problem = self.keychain.problem()
        if problem is None:
            try:
                if self.keychain.get(self.journal.path) is not None:
                    return self.tr("Its passphrase is kept in the system keychain.")
            except KeychainUnavailableError:
                return self.tr("The system keychain is locked, so the passphrase is asked for.")
            return self.tr(
                "Its passphrase is not in the system keychain: it is asked for at each start."
            )
        return self.tr("This system has no keychain, so the passphrase is asked for at each start.")

    def _knows_the_passphrase(self, prompt: str) -> bool:
        """True once the user has typed the current passphrase; False when cancelled."""
        # The keychain opens the journal for anyone at an unlocked computer; changing how it
        # is protected takes knowing the passphrase.
        current = self.journal.passphrase
        dialog = CurrentPassphraseDialog(
            prompt, lambda typed: same_passphrase(typed, current), self
        )
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _new_passphrase(self) -> str | None:
        dialog = NewPassphraseDialog(self.keychain.usable(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase()

    def _run(self, operation: Callable[..., Result[Conversion]], *args: object) -> None:
        rekeyed = self.journal.encrypted and operation is safekeeping.change_passphrase
        # A worker thread, not SQLite's progress handler pumping events from inside the
        # copy: the event loop then runs as usual (no slot ever runs inside a SQLite call,
        # and the key derivations of each file opened do not freeze the window either).
        # The journal is held meanwhile (bus.start_replacing_file): no repaint, timer or
        # tray action can read the file being swapped.
        outcome: dict[str, object] = {}
        task = self.bus.start_replacing_file(operation, self.journal, *args, parent=self)
        task.succeeded.connect(lambda value: outcome.setdefault("done", value))
        task.failed.connect(lambda message: outcome.setdefault("failed", message))
        wait_with_progress(
            self,
            self.tr("Encryption"),
            self.tr("Writing the journal and its backups with the new key…"),
            "encryptionProgress",
            task,
            # One statement per file: Cancel is honoured between the journal's copy and its
            # swap, the last moment nothing has changed yet; after that, no Cancel at all.
            stoppable=lambda done, _total: done == 0,
            stopping=self.tr("Stopping: nothing has been changed…"),
        )
        if self.journal.cache_kib is not None:
            # The worker reopened the journal on its own connection; this thread's opens
            # again on its next query, with the page cache it was given.
            self.journal.use_cache(self.journal.cache_kib)
        if "failed" in outcome:
            self.bus.dialogs.error(
                self, self.tr("Could not change the encryption"), str(outcome["failed"])
            )
        elif isinstance(outcome.get("done"), Conversion):
            self._report(outcome["done"], rekeyed)  # type: ignore[arg-type]
        self.refresh()

    def encrypt(self) -> None:
        """Choose a passphrase and encrypt the journal and its backups."""
        passphrase = self._new_passphrase()
        if passphrase is not None:
            self._run(safekeeping.encrypt_journal, passphrase)

    def change_passphrase(self) -> None:
        """Choose a new passphrase; the journal and its backups are encrypted again with it."""
        if not self._knows_the_passphrase(
            self.tr("To change the passphrase, first type the one the journal has now.")
        ):
            return
        passphrase = self._new_passphrase()
        if passphrase is not None:
            self._run(safekeeping.change_passphrase, passphrase)

    def decrypt(self) -> None:
        """Store the journal unencrypted, after the current passphrase and a confirmation."""
        if not self._knows_the_passphrase(
            self.tr("To stop encrypting the journal, first type its passphrase.")
        ):
            return
        if self.bus.dialogs.confirm(
            self,
            self.tr("Stop encrypting"),
            self.tr(
                "Store the journal and its backups unencrypted? Anyone who can read your "
                "files will be able to read it."
            ),
            self.tr("Stop encrypting"),
        ):
            self._run(safekeeping.decrypt_journal)

    def _report(self, done: Conversion, rekeyed: bool = False) -> None:
        if rekeyed:
            text = self.tr("The journal's passphrase is changed.")
        elif done.encrypted:
            text = self.tr("The journal is now encrypted.")
        else:
            text = self.tr("The journal is no longer encrypted.")
        # Worded without a verb that agrees with the count ("1 backup were converted").
        if done.backups_converted:
            text += " " + self.tr("Backups converted too: %n.", "", done.backups_converted)
        if done.backups_left:
            text += " " + self.tr(
                "Backups left as they were (another passphrase, or damaged): %n.",
                "",
                len(done.backups_left),
            )
        if done.encrypted and not done.in_keychain:
            text += " " + self.tr(
                "Keep the passphrase somewhere safe: it is asked for at each "
                "start, and nothing can open the journal without it."
            )
        self.bus.dialogs.info(self, self.tr("Encryption"), text)
