"""Help → Keyboard shortcuts: every menu command that has keys, read from the menus
themselves (so the list cannot fall behind them), and the keys lists answer to."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

Section = tuple[str, list[tuple[str, str]]]


def _plain(text: str) -> str:
    """A menu text without its mnemonic marker ("&Find…" → "Find…"; "&&" stays one "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _keys(action: QAction) -> str:
    return ", ".join(
        sequence.toString(QKeySequence.SequenceFormat.NativeText)
        for sequence in action.shortcuts()
        if not sequence.isEmpty()
    )


def menu_shortcuts(window: QMainWindow) -> list[Section]:
    """(menu title, [(command, keys)]) for each menu of the window's bar with keyed commands."""
    sections: list[Section] = []

    def walk(menu: QMenu, prefix: str, rows: list[tuple[str, str]]) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{prefix}{_plain(action.text())} → ", rows)
            elif not action.isSeparator() and _keys(action):
                rows.append((prefix + _plain(action.text()), _keys(action)))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            rows: list[tuple[str, str]] = []
            walk(menu, "", rows)
            if rows:
                sections.append((_plain(top.text()), rows))
    return sections


def list_keys() -> Section:
    """The plain keys bound to the lists and search boxes (widgets/key_bindings.py)."""
    tr = lambda text: QCoreApplication.translate("ShortcutsDialog", text)  # noqa: E731
    native = lambda key: QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)  # noqa: E731
    return (
        tr("In lists"),
        [
            (
                tr("Open or edit the selected row"),
                f"{native(Qt.Key.Key_Return)}, {native(Qt.Key.Key_F2)}",
            ),
            (tr("Delete the selected row (asks first)"), native(Qt.Key.Key_Delete)),
            (tr("Clear the search box"), native(Qt.Key.Key_Escape)),
            (tr("Go to a field or button"), tr("Alt + its underlined letter")),
        ],
    )


class ShortcutsDialog(QDialog):
    """A read-only list of the app's keyboard shortcuts, grouped by menu."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutList")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for title, rows in [*menu_shortcuts(window), list_keys()]:
            heading = QTreeWidgetItem(self.tree, [title])
            heading.setFirstColumnSpanned(True)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for command, keys in rows:
                item = QTreeWidgetItem(self.tree, [command, keys])
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        # As tall as the list needs, up to a comfortable height (it scrolls beyond that).
        lines = self.tree.topLevelItemCount() + 1  # the header too
        needed = lines * max(self.tree.sizeHintForRow(0), 1) + buttons.sizeHint().height() + 48
        self.resize(560, min(needed, 640))

    def rows(self) -> list[tuple[str, str]]:
        """Every line as shown: (command or heading, keys)."""
        root = self.tree.invisibleRootItem()
        return [(root.child(i).text(0), root.child(i).text(1)) for i in range(root.childCount())]
