"""Editing how a contact relates to other people: one row per person, with what they are."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal.core.contact_queries import contact_names
from journal.core.contacts import RelationDraft
from journal.ui.widgets.contact_picker import ContactPicker
from journal.ui.widgets.controls import tab_through_before


class _RelationRow(QWidget):
    """One relationship: the other person, what they are to each other, a remove button."""

    def __init__(self, editor: RelationEditor, other_id: int, name: str, kind: str) -> None:
        super().__init__(editor)
        self.other_id = other_id
        self.name = QLabel(name, self)
        self.kind = QLineEdit(kind, self)
        self.kind.setPlaceholderText(self.tr("spouse, colleague, business partner…"))
        self.kind.setAccessibleName(self.tr("Relationship to %1").replace("%1", name))
        remove = QToolButton(self)
        self.remove = remove
        remove.setText("✕")
        remove.setToolTip(self.tr("Remove this relationship"))
        remove.setAccessibleName(self.tr("Remove the relationship with %1").replace("%1", name))
        remove.clicked.connect(lambda: editor.remove_row(self))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name, 1)
        layout.addWidget(self.kind, 1)
        layout.addWidget(remove)

    def draft(self) -> RelationDraft:
        return RelationDraft(self.other_id, self.kind.text())


class RelationEditor(QWidget):
    """The people a contact is related to; pick someone to add a row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_RelationRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        # Said above the picker: alone, an empty box on an empty page explained nothing.
        self.hint = QLabel(
            self.tr(
                "People in your journal this person is related to: a spouse, a colleague, "
                "a business partner. Type a name and pick them, then say how."
            ),
            self,
        )
        self.hint.setObjectName("relationHint")
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._layout.addWidget(self.hint)
        # Picking someone adds their row at once; the picker is then ready for the next.
        self.picker = ContactPicker(self, single=True)
        self.picker.setObjectName("relationPicker")
        self.picker.setAccessibleName(self.tr("Add a related person"))
        self.picker.changed.connect(self._add_picked)
        self._layout.addWidget(self.picker)

    def _add_picked(self) -> None:
        picked = self.picker.contact_ids()
        if not picked:
            return
        names = contact_names(picked)
        for other in picked:
            if all(row.other_id != other for row in self._rows):
                self.add_row(other, names.get(other, f"#{other}"), "")
        self.picker.set_contact_ids([])
        if self._rows:
            self._rows[-1].kind.setFocus()

    def add_row(self, other_id: int, name: str, kind: str) -> None:
        """Show one relationship."""
        row = _RelationRow(self, other_id, name, kind)
        self._rows.append(row)
        self._layout.insertWidget(len(self._rows), row)  # after the hint, before the picker
        tab_through_before(self.picker, [w for r in self._rows for w in (r.kind, r.remove)])

    def remove_row(self, row: _RelationRow) -> None:
        """Forget one relationship (saved with the form)."""
        self._rows.remove(row)
        row.deleteLater()

    def set_relations(self, relations: list[tuple[int, str, str]]) -> None:
        """Show (other id, name, kind) rows."""
        for row in list(self._rows):
            self.remove_row(row)
        for other, name, kind in relations:
            self.add_row(other, name, kind)

    def relations(self) -> list[RelationDraft]:
        """What the rows say."""
        return [row.draft() for row in self._rows]
