"""The seam for message boxes: the app shows real ones, tests answer them (as Picard does)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QMessageBox, QWidget


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


class ScriptedDialogService:
    """Answers dialogs from a script and records what was shown (for tests)."""

    def __init__(self, confirm_answers: list[bool] | None = None) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.confirm_answers = list(confirm_answers or [])

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("error", title, text))

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        self.shown.append(("confirm", title, text))
        if not self.confirm_answers:
            raise AssertionError(f"unexpected confirmation asked: {title}: {text}")
        return self.confirm_answers.pop(0)
