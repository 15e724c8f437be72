"""Choose people by typing part of their name: completion from the journal's search index."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal.core.contact_queries import ContactFilter, contact_ids, contact_names, contact_rows
from journal.core.errors import ValidationError

SUGGESTIONS = 15


class ContactPicker(QWidget):
    """A line to type names into, and the chosen people as removable chips below it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, single: bool = False) -> None:
        super().__init__(parent)
        self._single = single
        self._chosen: dict[int, str] = {}
        self._suggested: dict[str, int] = {}
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("Type a name, then pick from the list"))
        self.line.setAccessibleName(self.tr("Add a person"))
        # A label's mnemonic (Alt+P for "&People:") and setFocus() reach the line. QLabel
        # only gives focus to a buddy whose own policy accepts it, whatever its proxy.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.line)
        self._completion = QStringListModel(self)
        self._completer = QCompleter(self._completion, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.line.setCompleter(self._completer)
        self.line.textEdited.connect(self._suggest)
        self._completer.activated[str].connect(self._pick_text)
        self.line.returnPressed.connect(self._pick_typed)
        # In a dialog, Enter on a typed name picks the person instead of saving the form;
        # on an empty line it still reaches the dialog's default button.
        self.line.installEventFilter(self)
        self._chips = QHBoxLayout()
        self._chips.setContentsMargins(0, 0, 0, 0)
        self._chips.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addLayout(self._chips)
        # As high as the line and the chips, no more: a form would give a Preferred height
        # its spare room, leaving the line far below its label.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.line
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.line.text().strip()
        ):
            self._pick_typed()
            return True
        return super().eventFilter(watched, event)

    def contact_ids(self) -> list[int]:
        """The chosen people, in the order they were added."""
        return list(self._chosen)

    def set_contact_ids(self, ids: list[int]) -> None:
        """Replace the chosen people."""
        names = contact_names(ids)
        self._chosen = {cid: names[cid] for cid in ids if cid in names}
        self._render()

    def add_contact(self, contact_id: int) -> None:
        """Add one person (ignored when already chosen)."""
        if contact_id in self._chosen:
            return
        names = contact_names([contact_id])
        if contact_id not in names:
            return
        if self._single:
            self._chosen.clear()
        self._chosen[contact_id] = names[contact_id]
        self._render()
        self.changed.emit()

    def choose_typed(self, field: str) -> None:
        """Choose the person whose name is typed but was not picked; refuse a name that fits
        nobody, or several people, with a ValidationError about `field`.

        Saving a form with "Jane" left in the line used to drop her without a word; the
        entry was stored without the person the user had named.
        """
        text = self.line.text().strip()
        if not text:
            return
        self._suggest(text)
        self._pick_typed()
        if not self.line.text().strip():
            return
        if self._suggested:
            problem = "'{0}' fits several people: pick one from the list that opens as you type"
        else:
            problem = "nobody in the journal is called '{0}' (add them as a contact first)"
        raise ValidationError(field, problem.format(text))

    def _suggest(self, text: str) -> None:
        ids = contact_ids(ContactFilter(search=text))[:SUGGESTIONS] if text.strip() else []
        rows = contact_rows(ids)
        self._suggested = {}
        for cid in ids:
            row = rows[cid]
            label = (
                f"{row.display_name} — {row.organisation}" if row.organisation else row.display_name
            )
            if label in self._suggested:
                label = f"{label} (#{cid})"
            self._suggested[label] = cid
        self._completion.setStringList(list(self._suggested))

    def _pick_text(self, label: str) -> None:
        cid = self._suggested.get(label)
        if cid is not None:
            self.add_contact(cid)
        self.line.clear()
        # On a real display the completer writes its choice into the line once more after
        # this (when its popup closes), so the next name typed was appended to the last
        # one: clear it again then, unless the user has typed something else meanwhile.
        # The line as context: the call is dropped if the form has closed meanwhile.
        line = self.line
        QTimer.singleShot(0, line, lambda: line.text() == label and line.clear())

    def _pick_typed(self) -> None:
        text = self.line.text().strip()
        if text in self._suggested:
            self._pick_text(text)
        elif len(self._suggested) == 1:
            self._pick_text(next(iter(self._suggested)))

    def _remove(self, contact_id: int) -> None:
        self._chosen.pop(contact_id, None)
        self._render()
        self.changed.emit()

    def _render(self) -> None:
        while self._chips.count() > 1:
            item = self._chips.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for position, (cid, name) in enumerate(self._chosen.items()):
            chip = QToolButton(self)
            chip.setText(f"{name}  ✕")
            chip.setAutoRaise(False)
            chip.setToolTip(self.tr("Remove %1").replace("%1", name))
            chip.setAccessibleName(self.tr("Remove %1").replace("%1", name))
            chip.clicked.connect(lambda _=False, c=cid: self._remove(c))
            self._chips.insertWidget(position, chip)
