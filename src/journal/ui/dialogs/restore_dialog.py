"""File → Restore from a backup: the backups with their date, reason and size; restore one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from journal.core.progress import Cancelled
from journal.core.safekeeping import restore_backup
from journal.store.backup import BackupInfo, backup_passphrase_works
from journal.store.database import Journal
from journal.ui.bus import JournalBus
from journal.ui.formatting import local_datetime
from journal.ui.models.backup_model import BackupListModel
from journal.ui.widgets.modal_progress import modal_progress


class RestoreDialog(QDialog):
    """Pick a backup and put it in place of the journal; the journal is backed up first."""

    def __init__(self, journal: Journal, bus: JournalBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.resize(640, 420)
        self.journal = journal
        self.bus = bus
        intro = QLabel(
            self.tr(
                "Restoring puts the chosen backup in place of your journal. The journal as it "
                "is now is backed up first, so a restore can itself be undone by restoring "
                "that copy. Backups are kept in %1."
            ).replace("%1", str(journal.home / "backups")),
            self,
        )
        intro.setWordWrap(True)
        self.model = BackupListModel(journal.home, self)
        self.table = QTableView(self)
        self.table.setObjectName("backupList")
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to Restore, arrows move inside
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.empty = QLabel(
            self.tr("There are no backups yet. One is taken every day the app runs."), self
        )
        self.empty.setObjectName("noBackups")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(self.tr("&Restore…"), self)
        self.restore_button.setObjectName("restoreButton")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(lambda _=False: self.restore_selected())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.model.modelReset.connect(self._update)
        self._select_first()
        self._update()

    def _select_first(self) -> None:
        if self.model.rowCount() > 0:
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.setFocus()

    def _update(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.empty.setVisible(not has_rows)
        self.table.setVisible(has_rows)
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> BackupInfo | None:
        """The backup under the cursor."""
        index: QModelIndex = self.table.currentIndex()
        return self.model.backup(index.row()) if index.isValid() else None

    def select(self, path: Path) -> bool:
        """Put the cursor on the backup stored at `path`; False if there is none."""
        for row in range(self.model.rowCount()):
            found = self.model.backup(row)
            if found is not None and found.path == path:
                self.table.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def restore_selected(self, question: str | None = None) -> bool:
        """Ask (`question`, with %1 for when the backup was taken, says why), then restore
        the selected backup; True once it is in place."""
        backup = self.selected()
        if backup is None:
            return False
        when = local_datetime(backup.taken_at)
        asked = question or self.tr(
            "Put the backup of %1 in place of your journal? Everything written since "
            "then will be replaced; the journal as it is now is backed up first."
        )
        if not self.bus.dialogs.confirm(
            self, self.tr("Restore from a backup"), asked.replace("%1", when), self.tr("Restore")
        ):
            return False
        key = None
        if backup.encrypted and not backup_passphrase_works(backup, self.journal.passphrase):
            key = self._ask_backup_passphrase(backup)
            if key is None:
                return False
        # Two copies of the whole journal (a second or more each on a large one): a
        # progress bar, a window that keeps painting, and Cancel before the swap.
        try:
            with modal_progress(
                self,
                self.tr("Restore from a backup"),
                self.tr("Restoring the backup of %1…").replace("%1", when),
                "restoreProgress",
                after_events=self.bus.replacing_file.emit,
            ) as progress:
                done = self.bus.run_replacing_file(
                    restore_backup,
                    self.journal,
                    backup,
                    backup_passphrase=key,
                    progress=progress,
                    parent=self,
                )
        except Cancelled:
            self.model.reload()  # a copy of the journal, if it was taken before the cancel
            return False
        if done is None:
            return False
        self.model.reload()
        kept = done.value
        self.bus.dialogs.info(
            self,
            self.tr("Restored"),
            self.tr("Your journal is as it was on %1. The journal as it was is kept as %2.")
            .replace("%1", when)
            .replace("%2", kept.path.name if kept is not None else ""),
        )
        self.accept()
        return True

    def _ask_backup_passphrase(self, backup: BackupInfo) -> str | None:
        from journal.store.keys import AskReason
        from journal.ui.dialogs.passphrase_dialog import PassphraseDialog

        dialog = PassphraseDialog(backup.path, AskReason.KEYCHAIN_OUTDATED, False, self)
        dialog.reason.setText(
            self.tr("This backup was made with another passphrase; type that one.")
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        answer = dialog.answer()
        return answer.passphrase if answer is not None else None
