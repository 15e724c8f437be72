"""The seam for message boxes: the app shows real ones, tests answer them (as Picard does)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class DialogService(Protocol):
    """Questions and messages the GUI puts to the user."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user something went wrong."""
        ...

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user something worth knowing."""
        ...

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        """Ask before doing something that cannot be taken back; `action` names the button."""
        ...

    def open_path(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        """A file to read, or None when the user changed their mind."""
        ...

    def save_path(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        """Where to write a file, or None when the user changed their mind."""
        ...


class QtDialogService:
    """Real message boxes."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def open_path(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        chosen, _filter = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(chosen) if chosen else None

    def save_path(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(chosen) if chosen else None


class ScriptedDialogService:
    """Answers dialogs from a script and records what was shown (for tests)."""

    def __init__(self, confirm_answers: list[bool] | None = None) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.confirm_answers = list(confirm_answers or [])
        self.path_answers: list[Path | None] = []  # for open_path and save_path, in order

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("error", title, text))

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        self.shown.append(("confirm", title, text))
        if not self.confirm_answers:
            raise AssertionError(f"unexpected confirmation asked: {title}: {text}")
        return self.confirm_answers.pop(0)

    def open_path(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        return self._path("open", title)

    def save_path(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        return self._path("save", title)

    def _path(self, kind: str, title: str) -> Path | None:
        self.shown.append((kind, title, ""))
        if not self.path_answers:
            raise AssertionError(f"unexpected file dialog: {title}")
        return self.path_answers.pop(0)
