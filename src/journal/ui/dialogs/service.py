"""The seam for message boxes: the app shows real ones, tests answer them (as Picard does)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


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

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        """Ask where to write a file; None when the user cancels."""
        ...

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        """Ask which file to read; None when the user cancels."""
        ...


class QtDialogService:
    """Real message boxes.

    Qt's dialog classes are imported when one is first shown: each brings a dozen Python
    enums that take milliseconds to make, which the app's start does not need to pay.
    """

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getSaveFileName(
            parent, title, str(Path.home() / suggested), filters
        )
        return Path(chosen) if chosen else None

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), filters)
        return Path(chosen) if chosen else None


class ScriptedDialogService:
    """Answers dialogs from a script and records what was shown (for tests)."""

    def __init__(
        self,
        confirm_answers: list[bool] | None = None,
        save_paths: list[Path | None] | None = None,
        open_paths: list[Path | None] | None = None,
    ) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.confirm_answers = list(confirm_answers or [])
        self.save_paths = list(save_paths or [])
        self.open_paths = list(open_paths or [])

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("error", title, text))

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        self.shown.append(("confirm", title, text))
        if not self.confirm_answers:
            raise AssertionError(f"unexpected confirmation asked: {title}: {text}")
        return self.confirm_answers.pop(0)

    def save_file(
        self, parent: QWidget | None, title: str, suggested: str, filters: str
    ) -> Path | None:
        self.shown.append(("save", title, suggested))
        if not self.save_paths:
            raise AssertionError(f"unexpected file asked for: {title}")
        return self.save_paths.pop(0)

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        self.shown.append(("open", title, ""))
        if not self.open_paths:
            raise AssertionError(f"unexpected file asked for: {title}")
        return self.open_paths.pop(0)
