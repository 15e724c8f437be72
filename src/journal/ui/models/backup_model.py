"""The backups of a journal as a lazy table: when, why, how big, encrypted or not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from journal.store.backup import BackupInfo, list_backups
from journal.ui.formatting import local_datetime

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_Display = Qt.ItemDataRole.DisplayRole
PAGE = 50


def reason_label(reason: str) -> str:
    """Why a backup was taken, for people."""
    tr = QCoreApplication.translate
    labels = {
        "daily": tr("backups", "Automatic (daily)"),
        "manual": tr("backups", "Made by you"),
        "before-migration": tr("backups", "Before an upgrade"),
        "before-import": tr("backups", "Before an import"),
        "before-merge": tr("backups", "Before a merge (command line)"),
        "before-restore": tr("backups", "Before a restore"),
        "before-encryption-change": tr("backups", "Before a change of encryption"),
        "damaged": tr("backups", "Damaged journal, kept as it was"),
    }
    for code, label in labels.items():
        if reason == code or reason.startswith(code + "-"):
            return label
    return reason


def size_label(size: int) -> str:
    """A file size in the user's locale (KB, MB)."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


class BackupListModel(QAbstractTableModel):
    """Backups, newest first; rows are handed to the view a page at a time (fetchMore)."""

    TAKEN, REASON, SIZE, ENCRYPTED = range(4)

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._home = home
        self._all: list[BackupInfo] = []
        self._shown = 0
        self._headers = [self.tr("Taken"), self.tr("Reason"), self.tr("Size"), self.tr("Encrypted")]
        self.reload()

    def reload(self) -> None:
        """Read the backups folder again."""
        self.beginResetModel()
        self._all = list_backups(self._home)
        self._shown = min(PAGE, len(self._all))
        self.endResetModel()

    def backup(self, row: int) -> BackupInfo | None:
        """The backup on `row`, if shown."""
        return self._all[row] if 0 <= row < self._shown else None

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: _Index = _ROOT) -> bool:
        return not parent.isValid() and self._shown < len(self._all)

    def fetchMore(self, parent: _Index = _ROOT) -> None:
        if parent.isValid():
            return
        more = min(PAGE, len(self._all) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(_ROOT, self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _Display) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == _Display and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = _Display) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        backup = self._all[index.row()]
        column = index.column()
        if role == _Display:
            if column == self.TAKEN:
                return local_datetime(backup.taken_at)
            if column == self.REASON:
                return reason_label(backup.reason)
            if column == self.SIZE:
                return size_label(backup.size)
            if column == self.ENCRYPTED:
                return self.tr("Yes") if backup.encrypted else self.tr("No")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
