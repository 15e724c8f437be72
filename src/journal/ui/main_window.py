"""The main window: navigation between Today, Contacts, Timeline and Groups, menus, shortcuts,
and the daily digest.

The window appears with its navigation and menus alone: each page (and the modules behind
it) is built on its first visit, the page it opens on once the event loop runs, just after
the window is up; the digest's first check waits until then too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QSystemTrayIcon,
    QWidget,
)

from journal import APP_NAME, __version__
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.overview import has_contacts
from journal.resources import notices_file, resource
from journal.store import Journal
from journal.ui.bus import JournalBus
from journal.ui.digest import DigestScheduler
from journal.ui.platform.notifier import Notifier, make_notifier
from journal.ui.safety import install_safety_actions
from journal.ui.theme import THEMES, apply_theme
from journal.ui.widgets.column_memory import load_widths, save_widths
from journal.ui.widgets.navigation import style_navigation

if TYPE_CHECKING:
    from journal.ui.quick_add_dialog import QuickAddDialog
    from journal.ui.views.contacts_view import ContactsView
    from journal.ui.views.groups_view import GroupsView
    from journal.ui.views.timeline_view import TimelineView
    from journal.ui.views.today_view import TodayView

TODAY, CONTACTS, TIMELINE, GROUPS = range(4)
PAGE_NAMES = ("today", "contacts", "timeline", "groups")
Page = TypeVar("Page", bound=QWidget)


class MainWindow(QMainWindow):
    """Today, Contacts, Timeline and Groups I belong to, one page at a time.

    `tray` is the app's tray icon when it has one: the daily digest speaks through it, and
    without one the digest stays silent (it never makes a tray icon of its own).
    """

    hidden_to_tray = Signal()  # closed, but the app lives on in the tray
    # Contacts, the page most visited, is built this long after the first page opens.
    prebuild_after_ms = 1500
    opened = Signal()  # the page the window opens on is built (just after it first shows)
    painted = Signal()  # ... and the window has been painted with it (once)
    ready = Signal()  # ... and shows its content (Today's arrives from a worker's read)
    # Work waiting for the first paint runs anyway this long after the first page, in case
    # no paint comes (a window that is never exposed).
    first_paint_wait_ms = 1000

    def __init__(
        self,
        journal: Journal,
        bus: JournalBus,
        clock: Clock = SYSTEM_CLOCK,
        parent: QWidget | None = None,
        *,
        tray: QSystemTrayIcon | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.journal = journal
        self.bus = bus
        self.clock = clock
        self.settings = QSettings(str(journal.home / "window.ini"), QSettings.Format.IniFormat)
        self.setWindowTitle(APP_NAME)
        # Set by journal.ui.desktop.Desktop when the app has a tray; alone, the window
        # behaves as an ordinary one (closing it closes it, Quit closes it).
        self.tray_available = False
        self.keep_in_tray: Callable[[], bool] = lambda: False
        self.on_quit: Callable[[], None] | None = None
        self.on_quick_add: Callable[[], None] | None = None
        self.quitting = False
        self._quick_add: QuickAddDialog | None = None

        self.digest = DigestScheduler(bus, Notifier(self), clock, self)
        self.use_tray_icon(tray)
        self.digest.active = not journal.read_only
        self.digest.snapshot_wanted.connect(lambda: self.today.reload())

        # Each page is built on its first visit (see `_page`); until then a placeholder
        # stands in. While the window is being made, not even the page it opens on is
        # built: that waits for the event loop, so the window shows first.
        self._built: dict[int, QWidget] = {}
        self._opening = True
        self._painted = False
        self.pages = QStackedWidget(self)
        for _ in PAGE_NAMES:
            self.pages.addWidget(QWidget(self))
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Sections"))
        for title, name in (
            (self.tr("Today"), "today"),
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
        style_navigation(self.nav)
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
        if journal.read_only:
            from journal.ui.widgets.read_only_notice import show_read_only

            show_read_only(self)
            # What can only write is greyed out, saying why, rather than failing on Save.
            for action in (
                self.new_contact_action,
                self.log_action,
                self.new_group_action,
                self.attend_action,
                self.quick_add_action,
                self.followup_action,
                self.import_action,
                self.merge_action,
            ):
                action.setEnabled(False)
                action.setStatusTip(self.tr("The journal is read-only"))
        self.nav.setCurrentRow(TODAY)
        self._restore_layout()
        self._opening = False
        QTimer.singleShot(0, self._open_current_page)
        self.after_first_paint(self.digest.start)  # its first check waits for the window

    def use_tray_icon(self, tray: QSystemTrayIcon | None) -> None:
        """Let the daily digest speak through `tray` (None: stay silent).

        The desktop makes its tray icon after the window's first page, then hands it here.
        """
        self.notifier = make_notifier(tray, self)
        self.notifier.clicked.connect(self.show_today)
        self.digest.notifier = self.notifier

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
        self.quick_add_action = self._action(
            self.tr("Quick &add…"), "Ctrl+Shift+N", self.open_quick_add
        )
        self.followup_action = self._action(
            self.tr("Plan a &follow-up…"), "Ctrl+Shift+F", self.plan_followup
        )
        for action in (
            self.quick_add_action,
            self.new_contact_action,
            self.log_action,
            self.followup_action,
            self.new_group_action,
            self.attend_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.import_action = self._action(
            self.tr("&Import contacts…"), "Ctrl+I", self.import_contacts
        )
        self.export_action = self._action(self.tr("E&xport contacts…"), "Ctrl+E", self.export)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        self.export_calendar_action = self._action(
            self.tr("&Export follow-ups to calendar…"), None, self.export_calendar
        )
        file_menu.addAction(self.export_calendar_action)
        file_menu.addSeparator()
        self.review_action = self._action(
            self.tr("&Review my memberships…"), "Ctrl+Shift+R", self.start_review
        )
        self.past_reviews_action = self._action(
            self.tr("&Past reviews…"), None, self.show_past_reviews
        )
        self.review_settings_action = self._action(
            self.tr("Review &settings…"), None, self.edit_review_settings
        )
        for action in (self.review_action, self.past_reviews_action, self.review_settings_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        # With a tray, closing the window leaves the app running there; Quit ends it.
        file_menu.addAction(
            self._action(self.tr("&Close window"), QKeySequence.StandardKey.Close, self.close)
        )
        file_menu.addAction(
            self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.quit_app)
        )

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(
            self._action(self.tr("&Find…"), QKeySequence.StandardKey.Find, self.find)
        )
        self.merge_action = self._action(
            self.tr("&Merge selected contacts…"), "Ctrl+M", self.merge_contacts
        )
        edit_menu.addAction(self.merge_action)
        edit_menu.addSeparator()
        edit_menu.addAction(
            self._action(self.tr("Stay-in-touch &rhythms…"), None, self.edit_rhythms)
        )
        edit_menu.addAction(self._action(self.tr("Daily &digest…"), None, self.edit_digest))
        self.preferences_action = self._action(self.tr("&Preferences…"), "Ctrl+,", self.preferences)
        edit_menu.addAction(self.preferences_action)
        install_safety_actions(self, file_menu, edit_menu)  # backups, encryption, undo

        view_menu = bar.addMenu(self.tr("&View"))
        for number, title in enumerate(
            (
                self.tr("T&oday"),
                self.tr("&Contacts"),
                self.tr("&Timeline"),
                self.tr("&Groups I belong to"),
            )
        ):
            view_menu.addAction(
                self._action(
                    title, f"Ctrl+{number + 1}", lambda _=False, n=number: self.go_to_page(n)
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
        help_menu.addAction(
            self._action(self.tr("&Keyboard shortcuts"), "Ctrl+/", self.show_shortcuts)
        )
        if notices_file() is not None:  # the bundle's; from source each package has its own
            help_menu.addAction(
                self._action(self.tr("Third-party &licences"), None, self.show_notices)
            )
        help_menu.addAction(self._action(self.tr("&About Contact Journal"), None, self.about))

    @property
    def today(self) -> TodayView:
        """The Today page (built when first needed)."""
        return self._page(TODAY, self._make_today)

    @property
    def contacts(self) -> ContactsView:
        """The Contacts page (built when first needed)."""
        return self._page(CONTACTS, self._make_contacts)

    @property
    def timeline(self) -> TimelineView:
        """The Timeline page (built when first needed)."""
        return self._page(TIMELINE, self._make_timeline)

    @property
    def groups(self) -> GroupsView:
        """The Groups page (built when first needed)."""
        return self._page(GROUPS, self._make_groups)

    def _page(self, index: int, make: Callable[[], Page]) -> Page:
        """The page at `index`, built and put in place of its placeholder the first time."""
        page = self._built.get(index)
        if page is None:
            page = make()
            self._built[index] = page
            placeholder = self.pages.widget(index)
            current = self.pages.currentIndex()
            self.pages.insertWidget(index, page)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages.setCurrentIndex(current)
        return cast("Page", page)

    def _make_today(self) -> TodayView:
        from journal.ui.views.today_view import TodayView

        view = TodayView(self.bus, self.clock, self)
        view.contact_requested.connect(self.open_contact)
        view.group_requested.connect(self.open_group)
        view.review_requested.connect(self.start_review)
        view.loaded.connect(self.digest.consider)
        view.said.connect(self._say)
        return view

    def _say(self, line: str) -> None:
        """A line in the status bar about what was just done, for ten seconds."""
        self.statusBar().showMessage(line, 10_000)

    def _make_contacts(self) -> ContactsView:
        from journal.ui.views.contacts_view import ContactsView

        view = ContactsView(self.bus, self.clock, self)
        view.log_requested.connect(self.log_interaction)
        view.interaction_activated.connect(self.edit_interaction)
        view.import_requested.connect(self.import_contacts)
        split = self.settings.value("contactsSplitter")
        if isinstance(split, QByteArray):
            view.splitter.restoreState(split)
        card_height = str(self.settings.value("contactCardHeight", ""))
        if card_height.isdigit() and 0 < int(card_height) < 10_000:  # a damaged value: none
            view.detail.place_divider(int(card_height))
        view.hand_sized.restore(load_widths(self.settings, "contactsColumns"))
        return view

    def _make_timeline(self) -> TimelineView:
        from journal.ui.views.timeline_view import TimelineView

        view = TimelineView(self.bus, self.clock, self)
        view.edit_requested.connect(self.edit_interaction)
        view.log_requested.connect(self.log_interaction)
        view.hand_sized.restore(load_widths(self.settings, "timelineColumns"))
        return view

    def _make_groups(self) -> GroupsView:
        from journal.ui.views.groups_view import GroupsView

        view = GroupsView(self.bus, self.clock, self)
        view.contact_activated.connect(self.open_contact)
        view.said.connect(self._say)
        view.list_hand_sized.restore(load_widths(self.settings, "groupsColumns"))
        view.log_hand_sized.restore(load_widths(self.settings, "meetingLogColumns"))
        # A damaged state is refused by Qt, changing nothing.
        view.restore_dividers(
            self.settings.value("groupsSplitter"), self.settings.value("groupDetail")
        )
        return view

    def _switch_to(self, index: int) -> None:
        if self._opening:
            self.pages.setCurrentIndex(index)  # its placeholder; built once the loop runs
            return
        self.pages.setCurrentWidget(self._view(index))

    def _view(self, index: int) -> TodayView | ContactsView | TimelineView | GroupsView:
        """The page at `index`, built now if this is its first visit."""
        if index == TODAY:
            return self.today
        if index == CONTACTS:
            return self.contacts
        return self.timeline if index == TIMELINE else self.groups

    def after_first_paint(self, work: Callable[[], None]) -> None:
        """Run `work` once the window has been painted with its first page, so that what
        the window does not need on screen never holds its first frame back. A window not
        shown when its first page is built (a start in the tray) does not wait; after the
        first paint, `work` runs on the next turn of the event loop."""
        if self._painted:
            QTimer.singleShot(0, work)
        else:
            self.painted.connect(work)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            # Once the whole window has painted and gone to the screen (this event is its
            # first part): the next turn of the event loop.
            QTimer.singleShot(0, self._first_paint_done)

    def _first_paint_done(self) -> None:
        if not self._painted:
            self._painted = True
            self.painted.emit()

    def _open_current_page(self) -> None:
        self._switch_to(self.nav.currentRow())
        self.opened.emit()
        if not self.isVisible():
            self._first_paint_done()  # nothing to paint (started in the tray): no waiting
        else:
            QTimer.singleShot(self.first_paint_wait_ms, self._first_paint_done)
        if TODAY in self._built and self.pages.currentIndex() == TODAY:
            self.today.loaded.connect(self._first_page_loaded)
        else:  # the other pages read what they show as they are built
            self.ready.emit()
        QTimer.singleShot(self.prebuild_after_ms, self._prebuild_contacts)

    def _first_page_loaded(self) -> None:
        self.today.loaded.disconnect(self._first_page_loaded)
        self.ready.emit()

    def _prebuild_contacts(self) -> None:
        """Build Contacts while the user reads the first page: its first visit then costs a
        switch, not the 150-200 ms of imports, a query and a table."""
        # Not while File → Encryption holds the journal: building reads it on this thread.
        if self.isVisible() and CONTACTS not in self._built and not self.bus.busy:
            self._page(CONTACTS, self._make_contacts)

    def show_page(self, page: int) -> None:
        """Switch to Today, Contacts, Timeline or Groups."""
        self.nav.setCurrentRow(page)

    def go_to_page(self, page: int) -> None:
        """Ctrl+1 to Ctrl+4: switch to a page and into its list, so that the keys act at
        once (the focus would stay in the sidebar, or on a page no longer shown)."""
        self.show_page(page)
        self._view(page).focus_main()

    def show_today(self) -> None:
        """Bring the window up on Today (a click on the daily digest)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.show_page(TODAY)

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

    def start_review(self) -> None:
        """Ctrl+Shift+R: the periodic review of every current membership."""
        self.show_page(GROUPS)
        self.groups.start_review()

    def show_past_reviews(self) -> None:
        """Browse past reviews and their decisions."""
        self.show_page(GROUPS)
        self.groups.show_past_reviews()

    def edit_review_settings(self) -> None:
        """The value of an hour and the review's rhythm."""
        self.show_page(GROUPS)
        self.groups.edit_review_settings()

    def log_interaction(self, contact_ids: list[int] | None = None) -> None:
        """Ctrl+L: log an entry, with the selected contact already filled in."""
        if not contact_ids and self.pages.currentIndex() in (TODAY, CONTACTS):
            selected = (
                self.contacts.selected_id()
                if self.pages.currentIndex() == CONTACTS
                else self.today.focused_contact()
            )
            contact_ids = [selected] if selected is not None else []
        from journal.ui.dialogs.interaction_form import InteractionForm

        form = InteractionForm(
            self.bus, contact_ids=list(contact_ids or []), clock=self.clock, parent=self
        )
        form.exec()

    def import_contacts(self) -> None:
        """Ctrl+I: the import wizard."""
        from journal.ui.dialogs.import_wizard import ImportWizard

        ImportWizard(self.bus, self.journal, self.clock, self).exec()

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

    def open_quick_add(self) -> None:
        """Ctrl+Shift+N: the Quick add line (the tray's own window when the app has one)."""
        if self.on_quick_add is not None:
            self.on_quick_add()
            return
        if self._quick_add is None:
            from journal.ui.quick_add_dialog import QuickAddDialog

            self._quick_add = QuickAddDialog(self.bus, self.clock, self)
        self._quick_add.start()

    def preferences(self) -> None:
        """Ctrl+,: default currency, keeping the app in the tray, starting at login."""
        from journal.autostart import for_this_platform
        from journal.ui.dialogs.preferences import PreferencesDialog

        PreferencesDialog(
            self.bus,
            self.settings,
            autostart=for_this_platform(),
            home=self.journal.home,
            tray_available=self.tray_available,
            parent=self,
        ).exec()

    def quit_app(self) -> None:
        """Ctrl+Q: quit, even when closing the window would only hide it in the tray."""
        self.quitting = True
        if self.on_quit is not None:
            self.on_quit()
        else:
            self.close()

    def edit_interaction(self, interaction_id: int) -> None:
        """Open a timeline entry's form."""
        from journal.ui.dialogs.interaction_form import InteractionForm

        InteractionForm(self.bus, interaction_id, clock=self.clock, parent=self).exec()

    def open_contact(self, contact_id: int) -> None:
        """Show a contact's card (from a group's member list, for instance)."""
        self.show_page(CONTACTS)
        self.contacts.select_contact(contact_id)

    def open_group(self, group_id: int) -> None:
        """Show a group (from an upcoming meeting on Today)."""
        self.show_page(GROUPS)
        self.groups.select_group(group_id)

    def plan_followup(self) -> None:
        """Ctrl+Shift+F: a follow-up, with the selected contact filled in."""
        from journal.ui.dialogs.followup_form import FollowUpForm

        contact = self.contacts.selected_id() if self.pages.currentIndex() == CONTACTS else None
        FollowUpForm(self.bus, contact_id=contact, clock=self.clock, parent=self).exec()

    def export_calendar(self) -> None:
        """Write the open follow-ups to an .ics file the user chooses."""
        from journal.core.followups import all_followups
        from journal.interchange.ical import followups_calendar, write_calendar

        path = self.bus.dialogs.save_file(
            self,
            self.tr("Export follow-ups to calendar"),
            "follow-ups.ics",
            self.tr("iCalendar files (*.ics)"),
        )
        if path is None:
            return
        if path.suffix == "":
            path = path.with_suffix(".ics")
        rows = all_followups(include_done=False)
        try:
            write_calendar(path, followups_calendar(rows, self.clock.now()))
        except OSError as error:
            self.bus.dialogs.error(
                self,
                self.tr("Could not export"),
                self.tr("Could not write %1: %2")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error)),
            )
            return
        self.statusBar().showMessage(
            self.tr("%n follow-up(s) written to %1", "", len(rows)).replace("%1", str(path)),
            8000,
        )

    def edit_rhythms(self) -> None:
        """The default stay-in-touch rhythms by stage and tag."""
        from journal.ui.dialogs.rhythms_dialog import RhythmsDialog

        RhythmsDialog(self.bus, parent=self).exec()

    def edit_digest(self) -> None:
        """Whether and when the daily digest comes."""
        from journal.ui.dialogs.digest_dialog import DigestDialog

        DigestDialog(self.bus, parent=self).exec()

    def set_theme(self, theme: str) -> None:
        """Switch and remember the palette."""
        self.settings.setValue("theme", theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)

    def show_shortcuts(self) -> None:
        """Help → Keyboard shortcuts: the menus' keys and the lists' keys, in one list."""
        from journal.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_notices(self) -> None:
        """Help → Third-party licences: the licences of what the bundle ships."""
        from journal.ui.dialogs.notices_dialog import NoticesDialog

        path = notices_file()
        if path is not None:
            NoticesDialog(path, self).exec()

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
        # The page by name: numbers shifted when Today became the first page.
        page = str(self.settings.value("pageName", "today"))
        if not has_contacts():
            page = "contacts"  # an empty journal: the welcome, with its first steps
        self.show_page(PAGE_NAMES.index(page) if page in PAGE_NAMES else TODAY)

    def save_layout(self) -> None:
        """Remember geometry, splitter, hand-sized columns and page in window.ini."""
        self.settings.setValue("geometry", self.saveGeometry())
        if CONTACTS in self._built:  # else the saved state stays as it was
            self.settings.setValue("contactsSplitter", self.contacts.splitter.saveState())
            card_height = self.contacts.detail.placed_at
            if card_height is not None:  # else it keeps following the window
                self.settings.setValue("contactCardHeight", card_height)
            save_widths(self.settings, "contactsColumns", self.contacts.hand_sized.widths)
        if TIMELINE in self._built:
            save_widths(self.settings, "timelineColumns", self.timeline.hand_sized.widths)
        if GROUPS in self._built:
            save_widths(self.settings, "groupsColumns", self.groups.list_hand_sized.widths)
            save_widths(self.settings, "meetingLogColumns", self.groups.log_hand_sized.widths)
            self.settings.setValue("groupsSplitter", self.groups.splitter.saveState())
            self.settings.setValue("groupDetail", self.groups.detail_splitter.saveState())
        self.settings.setValue("pageName", PAGE_NAMES[self.pages.currentIndex()])
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if not self.quitting and self.keep_in_tray():
            # The app lives on in the tray: hide instead of closing.
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        if TODAY in self._built:  # not while hidden in the tray: only when closing
            self.today.wait_until_idle()
        if CONTACTS in self._built:  # its reader may be lingering with a connection open
            self.contacts.model.stop_reading()
        super().closeEvent(event)
