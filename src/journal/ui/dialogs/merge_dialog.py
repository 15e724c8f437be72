"""Merging two contacts: which one to keep (the other's channels, tags and notes join it)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from journal.core.contact_queries import ContactCard, contact_card
from journal.ui.formatting import isolated


def _who(card: ContactCard) -> list[str]:
    """The organisation and first e-mail address, each set apart from the text around it."""
    contact = card.contact
    parts = [contact.organisation] if contact.organisation else []
    emails = [c.value for c in card.channels if c.kind == "email"]
    if emails:
        parts.append(emails[0])
    return [isolated(p) for p in parts]


class MergeDialog(QDialog):
    """Two contacts, one to keep; nothing of the other is lost, and the merge can be undone."""

    def __init__(self, first: int, second: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Merge two contacts"))
        self.ids = (first, second)
        cards = (contact_card(first), contact_card(second))
        intro = QLabel(
            self.tr(
                "Keep one of them: the other one's channels, tags, notes, timeline entries and "
                "groups join it, and where they disagree, the other one's details go into the "
                "notes. Edit → Undo (Ctrl+Z) takes it back."
            ),
            self,
        )
        intro.setWordWrap(True)
        # The name on its radio button (which cannot wrap), the rest on a wrapped line under
        # it: a long name and organisation on one line stretched the dialog past 850 pixels.
        self.setMaximumWidth(640)
        self.choices: list[QRadioButton] = []
        group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for number, card in enumerate(cards):
            name = isolated(card.contact.display_name)
            choice = QRadioButton(self.tr("Keep %1").replace("%1", name), self)
            choice.setObjectName(f"keep{number}")
            group.addButton(choice)
            self.choices.append(choice)
            layout.addWidget(choice)
            counts = QLabel(
                " · ".join(
                    [
                        *_who(card),
                        self.tr("%n timeline entries", "", card.interaction_count),
                        self.tr("%n channel(s)", "", len(card.channels)),
                    ]
                ),
                self,
            )
            counts.setObjectName(f"about{number}")
            counts.setWordWrap(True)
            counts.setIndent(24)
            layout.addWidget(counts)
        self.choices[0].setChecked(True)
        buttons = QDialogButtonBox(self)
        merge = buttons.addButton(self.tr("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        merge.setObjectName("confirmMerge")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def kept(self) -> int:
        """The contact chosen to stay."""
        return self.ids[0] if self.choices[0].isChecked() else self.ids[1]

    def merged(self) -> int:
        """The contact that goes into the other."""
        return self.ids[1] if self.choices[0].isChecked() else self.ids[0]
