"""Editing a contact's channels: one row per email, phone, link or address."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal.core.contacts import ChannelDraft
from journal.ui import labels
from journal.ui.widgets.controls import tab_through_before


class _ChannelRow(QWidget):
    """One channel: kind, label, value, and a remove button."""

    def __init__(self, editor: ChannelEditor, channel: ChannelDraft) -> None:
        super().__init__(editor)
        self.kind = QComboBox(self)
        for code, text in labels.channel_kinds().items():
            self.kind.addItem(text, code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(channel.kind)))
        self.kind.setAccessibleName(self.tr("Channel kind"))
        self.label = QLineEdit(channel.label, self)
        self.label.setPlaceholderText(self.tr("work, home…"))
        self.label.setAccessibleName(self.tr("Channel label"))
        self.label.setMaximumWidth(120)
        self.value = QLineEdit(channel.value, self)
        self.value.setCursorPosition(0)  # a long link shows its start, not its end
        self.value.setPlaceholderText(self.tr("address, number or link"))
        self.value.setAccessibleName(self.tr("Channel value"))
        remove = QToolButton(self)
        self.remove = remove
        remove.setText("✕")
        remove.setToolTip(self.tr("Remove this channel"))
        remove.setAccessibleName(self.tr("Remove this channel"))
        remove.clicked.connect(lambda: editor.remove_row(self))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.label)
        layout.addWidget(self.value, 1)
        layout.addWidget(remove)

    def draft(self) -> ChannelDraft:
        return ChannelDraft(str(self.kind.currentData()), self.value.text(), self.label.text())


class ChannelEditor(QWidget):
    """A growing list of channel rows with an "Add" button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_ChannelRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self.tr("&Add a way to reach them"), self)
        self.add_button.setObjectName("addChannel")
        self.add_button.clicked.connect(lambda: self.add_row(ChannelDraft("email", "")))
        self._layout.addWidget(self.add_button)
        self._layout.addStretch(1)

    def set_channels(self, channels: list[ChannelDraft]) -> None:
        """Show these channels (and one empty email row when there are none)."""
        for row in list(self._rows):
            self.remove_row(row)
        for channel in channels or [ChannelDraft("email", ""), ChannelDraft("phone", "")]:
            self.add_row(channel)

    def channels(self) -> list[ChannelDraft]:
        """What the rows say (empty rows are dropped by the core)."""
        return [row.draft() for row in self._rows]

    def add_row(self, channel: ChannelDraft) -> QLineEdit:
        """Add a row and return its value field (to focus it)."""
        row = _ChannelRow(self, channel)
        self._layout.insertWidget(len(self._rows), row)
        self._rows.append(row)
        tab_through_before(
            self.add_button,
            [w for r in self._rows for w in (r.kind, r.label, r.value, r.remove)],
        )
        return row.value

    def remove_row(self, row: QWidget) -> None:
        """Drop a row."""
        if row in self._rows:
            self._rows.remove(row)  # type: ignore[arg-type]
            row.setParent(None)
            row.deleteLater()

    def value_field(self, position: int) -> QLineEdit | None:
        """The value field of a row (for focusing the one a validation error names)."""
        return self._rows[position].value if 0 <= position < len(self._rows) else None
