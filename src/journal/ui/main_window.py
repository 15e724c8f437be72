"""The main window: navigation between Contacts, Timeline and Groups, menus and shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from journal import APP_NAME, __version__
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.resources import resource
from journal.store import Journal
from journal.ui.bus import JournalBus
from journal.ui.theme import THEMES, apply_theme
from journal.ui.views.contacts_view import ContactsView

if TYPE_CHECKING:
    from journal.ui.views.groups_view import GroupsView
    from journal.ui.views.timeline_view import TimelineView

CONTACTS, TIMELINE, GROUPS = range(3)


class MainWindow(QMainWindow):
    """Contacts, Timeline and Groups I belong to, one page at a time."""

    def __init__(
        self,
        journal: Journal,
        bus: JournalBus,
        clock: Clock = SYSTEM_CLOCK,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.journal = journal
        self.bus = bus
        self.clock = clock
        self.settings = QSettings(str(journal.home / "window.ini"), QSettings.Format.IniFormat)
        self.setWindowTitle(APP_NAME)

        self.contacts = ContactsView(bus, clock, self)
        self.contacts.log_requested.connect(self.log_interaction)
        self.contacts.interaction_activated.connect(self.edit_interaction)
        self.contacts.import_requested.connect(self.import_contacts)
        self._timeline: TimelineView | None = None
        self._groups: GroupsView | None = None

        # Timeline and Groups are built on their first visit: start-up pays for one page.
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.contacts)
        self.pages.addWidget(QWidget(self))
        self.pages.addWidget(QWidget(self))
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Sections"))
        for title, name in (
            (self.tr("Contacts"), "contacts"),
            (self.tr("Timeline"), "timeline"),
            (self.tr("Groups I belong to"), "groups"),
        ):
            icon = QIcon(str(resource("icons", f"nav-{name}.svg")))
            # White on the highlight, so the icon of the current page stays visible.
            icon.addFile(
                str(resource("icons", f"nav-{name}-selected.svg")), mode=QIcon.Mode.Selected
            )
            QListWidgetItem(icon, title, self.nav)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet(
            "QListWidget#navigation { background: transparent; }"
            "QListWidget#navigation::item { padding: 8px 6px; border-radius: 6px; }"
            "QListWidget#navigation::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        self.nav.setFixedWidth(
            self.fontMetrics().horizontalAdvance(self.tr("Groups I belong to")) + 70
        )
        self.nav.currentRowChanged.connect(self._switch_to)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_menus()
        path_label = QLabel(str(journal.path), self)
        path_label.setObjectName("journalPath")
        self.statusBar().addPermanentWidget(path_label)
        self.nav.setCurrentRow(CONTACTS)
        self._restore_layout()

    # --- actions -----------------------------------------------------------------------

    def _action(self, text: str, shortcut: QKeySequence | str | None, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_contact_action = self._action(
            self.tr("&New contact…"), QKeySequence.StandardKey.New, self.new_contact
        )
        self.log_action = self._action(self.tr("&Log interaction…"), "Ctrl+L", self.log_interaction)
        self.new_group_action = self._action(self.tr("New &group…"), "Ctrl+Shift+G", self.new_group)
        self.attend_action = self._action(
            self.tr("I was at a group's meeting &today"), "Ctrl+Shift+A", self.attend_today
        )
        for action in (
            self.new_contact_action,
            self.log_action,
            self.new_group_action,
            self.attend_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.import_action = self._action(
            self.tr("&Import contacts…"), "Ctrl+I", self.import_contacts
        )
        self.export_action = self._action(self.tr("&Export…"), "Ctrl+E", self.export)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        )

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_merge_action = self._action(
            self.tr("&Undo merge"), QKeySequence.StandardKey.Undo, self.contacts.undo_merge
        )
        self.undo_merge_action.setEnabled(False)
        self.contacts.merge_undo_available.connect(self.undo_merge_action.setEnabled)
        edit_menu.addAction(self.undo_merge_action)
        edit_menu.addSeparator()
        edit_menu.addAction(
            self._action(self.tr("&Find…"), QKeySequence.StandardKey.Find, self.find)
        )
        self.merge_action = self._action(
            self.tr("&Merge selected contacts…"), "Ctrl+M", self.merge_contacts
        )
        edit_menu.addAction(self.merge_action)

        view_menu = bar.addMenu(self.tr("&View"))
        for number, title in enumerate(
            (self.tr("&Contacts"), self.tr("&Timeline"), self.tr("&Groups I belong to"))
        ):
            view_menu.addAction(
                self._action(
                    title, f"Ctrl+{number + 1}", lambda _=False, n=number: self.show_page(n)
                )
            )
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu(self.tr("T&heme"))
        themes = QActionGroup(self)
        names = {
            "system": self.tr("Follow the &desktop"),
            "light": self.tr("&Light"),
            "dark": self.tr("&Dark"),
        }
        current = str(self.settings.value("theme", "system"))
        for key in THEMES:
            action = QAction(names[key], self, checkable=True)
            action.setChecked(key == current)
            action.triggered.connect(lambda _=False, k=key: self.set_theme(k))
            themes.addAction(action)
            theme_menu.addAction(action)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About Contact Journal"), None, self.about))

    @property
    def timeline(self) -> TimelineView:
        """The Timeline page (built when first needed)."""
        if self._timeline is None:
            from journal.ui.views.timeline_view import TimelineView

            view = TimelineView(self.bus, self.clock, self)
            view.edit_requested.connect(self.edit_interaction)
            view.log_requested.connect(self.log_interaction)
            self._timeline = view
            self._place(TIMELINE, view)
        return self._timeline

    @property
    def groups(self) -> GroupsView:
        """The Groups page (built when first needed)."""
        if self._groups is None:
            from journal.ui.views.groups_view import GroupsView

            view = GroupsView(self.bus, self.clock, self)
            view.contact_activated.connect(self.open_contact)
            self._groups = view
            self._place(GROUPS, view)
        return self._groups

    def _place(self, index: int, page: QWidget) -> None:
        placeholder = self.pages.widget(index)
        current = self.pages.currentIndex()
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages.setCurrentIndex(current)

    def _switch_to(self, index: int) -> None:
        page = {CONTACTS: lambda: self.contacts, TIMELINE: lambda: self.timeline}.get(
            index, lambda: self.groups
        )()
        self.pages.setCurrentWidget(page)

    def show_page(self, page: int) -> None:
        """Switch to Contacts, Timeline or Groups."""
        self.nav.setCurrentRow(page)

    def find(self) -> None:
        """Ctrl+F: search on the current page (Contacts when the page has no search)."""
        if self.pages.currentIndex() == TIMELINE:
            self.timeline.focus_search()
        else:
            self.show_page(CONTACTS)
            self.contacts.focus_search()

    def new_contact(self) -> None:
        """Ctrl+N."""
        self.show_page(CONTACTS)
        self.contacts.new_contact()

    def new_group(self) -> None:
        """Ctrl+Shift+G."""
        self.show_page(GROUPS)
        self.groups.new_group()

    def attend_today(self) -> None:
        """Ctrl+Shift+A: one step to note today's meeting of the selected group."""
        self.show_page(GROUPS)
        self.groups.attend_today()

    def log_interaction(self, contact_ids: list[int] | None = None) -> None:
        """Ctrl+L: log an entry, with the selected contact already filled in."""
        if not contact_ids and self.pages.currentIndex() == CONTACTS:
            selected = self.contacts.selected_id()
            contact_ids = [selected] if selected is not None else []
        from journal.ui.dialogs.interaction_form import InteractionForm

        form = InteractionForm(
            self.bus, contact_ids=list(contact_ids or []), clock=self.clock, parent=self
        )
        form.exec()

    def import_contacts(self) -> None:
        """Ctrl+I: the import wizard."""
        from journal.ui.dialogs.import_wizard import ImportWizard

        ImportWizard(self.bus, self.clock, self).exec()

    def export(self) -> None:
        """Ctrl+E: export everyone, the selected contacts, or the whole journal."""
        from journal.core.contact_queries import ContactFilter, contact_count
        from journal.ui.dialogs.export_dialog import ExportDialog

        selected = self.contacts.selected_ids() if self.pages.currentIndex() == CONTACTS else []
        total = contact_count(ContactFilter(include_archived=True))
        ExportDialog(self.bus, selected, total, self.clock, self).exec()

    def merge_contacts(self) -> None:
        """Ctrl+M: merge the two contacts selected in the list."""
        self.show_page(CONTACTS)
        self.contacts.merge_selected()

    def edit_interaction(self, interaction_id: int) -> None:
        """Open a timeline entry's form."""
        from journal.ui.dialogs.interaction_form import InteractionForm

        InteractionForm(self.bus, interaction_id, clock=self.clock, parent=self).exec()

    def open_contact(self, contact_id: int) -> None:
        """Show a contact's card (from a group's member list, for instance)."""
        self.show_page(CONTACTS)
        self.contacts.select_contact(contact_id)

    def set_theme(self, theme: str) -> None:
        """Switch and remember the palette."""
        self.settings.setValue("theme", theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)

    def about(self) -> None:
        """Version and where the journal lives."""
        self.bus.dialogs.info(
            self,
            self.tr("About Contact Journal"),
            self.tr("Contact Journal %1\n\nYour journal: %2")
            .replace("%1", __version__)
            .replace("%2", str(self.journal.path)),
        )

    # --- layout memory -------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        split = self.settings.value("contactsSplitter")
        if isinstance(split, QByteArray):
            self.contacts.splitter.restoreState(split)
        page = self.settings.value("page", CONTACTS)
        self.show_page(int(page) if str(page).isdigit() else CONTACTS)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("contactsSplitter", self.contacts.splitter.saveState())
        self.settings.setValue("page", self.pages.currentIndex())
        self.settings.sync()
        super().closeEvent(event)
