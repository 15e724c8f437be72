"""The Contacts page: search as you type, filters, the lazy list and the selected person."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QProcess,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon, QKeyEvent, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journal.core import contacts, trash
from journal.core.changes import Area, Changes
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.contact_queries import (
    ContactFilter,
    all_tags,
    contact_count,
    contact_names,
)
from journal.core.stage_names import stages_in_use
from journal.resources import resource
from journal.ui import labels
from journal.ui.bus import JournalBus
from journal.ui.models.contact_list_model import ContactListModel
from journal.ui.undo import delete_undoably
from journal.ui.views.contact_detail import ContactDetail
from journal.ui.widgets.column_memory import HandSizedColumns
from journal.ui.widgets.controls import search_box
from journal.ui.widgets.key_bindings import bind_list_keys, focus_first
from journal.ui.widgets.tables import read_only_table, text_width


class WelcomePanel(QWidget):
    """What an empty journal shows: how to start, and a living demo to look around in."""

    add_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        logo = QLabel(self)
        logo.setPixmap(QIcon(str(resource("icons", "contact-journal.svg"))).pixmap(96, 96))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("<h1>Welcome to your contact journal</h1>"), self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr(
                "Keep the people you meet, how you met them, what they need and what they "
                "offer, and every conversation since. Note the groups you belong to and see "
                "which ones are worth your evenings."
            ),
            self,
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setFixedWidth(520)
        # A wrapped label in a stacked page does not get its height for width by itself.
        text.setMinimumHeight(text.heightForWidth(520))
        add = QPushButton(self.tr("&Add your first contact"), self)
        add.setObjectName("welcomeAdd")
        add.setDefault(True)
        add.clicked.connect(self.add_requested)
        bring = QPushButton(self.tr("&Import contacts…"), self)
        bring.setObjectName("welcomeImport")
        bring.setToolTip(
            self.tr("From your phone or address book (vCard), LinkedIn or Google Contacts")
        )
        bring.clicked.connect(self.import_requested)
        demo = QPushButton(self.tr("Explore a &demo journal"), self)
        demo.setObjectName("welcomeDemo")
        demo.setToolTip(
            self.tr("Opens a separate window on made-up people; your journal stays empty")
        )
        demo.clicked.connect(self._open_demo)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(add)
        buttons.addWidget(bring)
        buttons.addWidget(demo)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(logo)
        layout.addWidget(title)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def _open_demo(self) -> None:
        import sys

        # A separate process keeps the demo's made-up people out of the user's journal.
        if getattr(sys, "frozen", False):
            QProcess.startDetached(sys.executable, ["demo"])
        else:
            QProcess.startDetached(sys.executable, ["-m", "journal", "demo"])


class UndoBar(QFrame):
    """A line above the list saying what was just done, with a button to take it back."""

    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = QLabel(self)
        self.message.setObjectName("undoMessage")
        self.message.setWordWrap(True)
        self.undo = QPushButton(self.tr("&Undo"), self)
        self.undo.setObjectName("undoButton")
        self.undo.clicked.connect(self.undo_requested)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(self.tr("Hide this message"))
        close.setAccessibleName(self.tr("Hide this message"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.undo)
        layout.addWidget(close)
        self.hide()

    def say(self, text: str) -> None:
        """Show what was done."""
        self.message.setText(text)
        self.show()


# The widths the list's columns are given (the name stretches over the rest).
COLUMN_WIDTHS = {
    ContactListModel.ORGANISATION: 160,
    ContactListModel.STAGE: 105,
    ContactListModel.TAGS: 110,
    ContactListModel.LAST_CONTACT: 105,
}
# In a narrow list these give way, the first named last, so that the name keeps room for
# a usual full name (NAME_SAMPLE) and nothing scrolls sideways; the card beside the list
# shows each of them.
YIELDING_COLUMNS = (ContactListModel.LAST_CONTACT, ContactListModel.STAGE, ContactListModel.TAGS)
NAME_SAMPLE = "Amara García"


class ContactTable(QTableView):
    """The contact list's table: tells its model when a paint is done, and drops columns
    it has no room for.

    The first paint after a reset reads its rows on the GUI thread (typing shows results,
    not placeholders); every later one, a scroll's, leaves the reading to the worker.
    """

    def __init__(self, model: ContactListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._list = model

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._list.painted()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Show the yielding columns that fit beside the name's room, in their order."""
        header = self.horizontalHeader()
        name_room = text_width(self, NAME_SAMPLE)
        organisation = header.sectionSize(ContactListModel.ORGANISATION)  # as the user left it
        room = self.viewport().width() - name_room - organisation
        for column in YIELDING_COLUMNS:
            # The width the user gave it, if shown; else the one it starts with.
            width = header.sectionSize(column) or COLUMN_WIDTHS[column]
            fits = room >= width
            room -= width if fits else 0
            if self.isColumnHidden(column) == fits:
                self.setColumnHidden(column, not fits)  # shown again at the width it had

    def selectionCommand(
        self, index: QModelIndex | QPersistentModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        # Ctrl+Home and Ctrl+End go to the first or last person and select them (with Shift,
        # everyone from the anchor on), as lists do; in extended selection Qt reads the Ctrl
        # as "keep the selection" and would move only the current row, the card then
        # following a row that is not highlighted.
        if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End):
            flags = QItemSelectionModel.SelectionFlag
            command = flags.ClearAndSelect | flags.Rows
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                command |= flags.Current
            return command
        return super().selectionCommand(index, event)


class ContactsView(QWidget):
    """Contacts: the list on the left, the selected person on the right."""

    log_requested = Signal(list)  # contact ids
    interaction_activated = Signal(int)
    import_requested = Signal()

    def __init__(
        self, bus: JournalBus, clock: Clock = SYSTEM_CLOCK, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.clock = clock
        self.search = search_box(
            self,
            "contactSearch",
            self.tr("Search names, organisations, notes, needs, emails… (Ctrl+F)"),
            self.tr("Search contacts"),
        )
        self.tag_filter = QComboBox(self)
        self.tag_filter.setObjectName("tagFilter")
        self.tag_filter.setAccessibleName(self.tr("Filter by tag"))
        self.stage_filter = QComboBox(self)
        self.stage_filter.setObjectName("stageFilter")
        self.stage_filter.setAccessibleName(self.tr("Filter by stage"))
        self.show_archived = QCheckBox(self.tr("Show a&rchived"), self)
        self.show_archived.setObjectName("showArchived")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("contactCount")
        new_button = QPushButton(self.tr("&New contact…"), self)
        new_button.setObjectName("newContact")
        new_button.clicked.connect(self.new_contact)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.tag_filter, 1)
        bar.addWidget(self.stage_filter, 1)
        bar.addWidget(self.show_archived)
        bar.addWidget(new_button)

        self.model = ContactListModel(self, today=clock.today())
        self.table = read_only_table(
            self, "contactTable", self.tr("Contacts"), self.model, ContactTable(self.model, self)
        )
        # The indicator first: enabling sorting re-sorts by it (Qt's default is descending),
        # and the model is already in name order, so this costs no query.
        self.table.horizontalHeader().setSortIndicator(
            ContactListModel.NAME, Qt.SortOrder.AscendingOrder
        )
        self.table.setSortingEnabled(True)
        # A click on Tags (no order of their own) left its arrow there, over rows in another
        # order: the arrow goes back to the column they are in order of.
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._show_true_order)
        # Several people can be selected (to merge or export them); the card shows the
        # current one.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ContactListModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        self.hand_sized = HandSizedColumns(header)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        # Rows next to those on screen load while the user pauses, not on the next paint.
        self.table.verticalScrollBar().valueChanged.connect(
            lambda _value: self.model.shown_from(max(0, self.table.rowAt(0)))
        )
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.detail = ContactDetail(self, clock)
        self.detail.followup_requested.connect(self.plan_followup)
        self.detail.edit_requested.connect(self.edit_contact)
        self.detail.log_requested.connect(lambda cid: self.log_requested.emit([cid]))
        self.detail.archive_requested.connect(self.archive_contact)
        self.detail.delete_requested.connect(self.delete_contact)
        self.detail.interaction_activated.connect(self.interaction_activated)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.count_label)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("contactsSplitter")
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 440])
        split.setChildrenCollapsible(False)
        self.splitter = split

        browse = QWidget(self)
        browse_layout = QVBoxLayout(browse)
        browse_layout.setContentsMargins(0, 0, 0, 0)
        browse_layout.addLayout(bar)
        self.undo_bar = UndoBar(self)
        self.undo_bar.undo_requested.connect(self.undo_last)
        self._offered_at: int | None = None  # the undo stack's index the bar speaks of
        browse_layout.addWidget(self.undo_bar)
        browse_layout.addWidget(split, 1)
        self.welcome = WelcomePanel(self)
        self.welcome.add_requested.connect(self.new_contact)
        self.welcome.import_requested.connect(self.import_requested)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(browse)
        self.pages.addWidget(self.welcome)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        bind_list_keys(self.table, self.search, self.delete_selected, self.edit_selected)
        self.search.textChanged.connect(self._apply_filter)
        self.tag_filter.currentIndexChanged.connect(self._apply_filter)
        self.stage_filter.currentIndexChanged.connect(self._apply_filter)
        self.show_archived.toggled.connect(self._apply_filter)
        # Down arrow from the search box goes straight into the results.
        self.search.returnPressed.connect(self._focus_results)
        bus.changed.connect(self._journal_changed)
        # The list's reader finishes and closes its connection before the file is swapped.
        bus.replacing_file.connect(self.model.stop_reading)
        self._fill_filters()
        self._update_state()
        # Open on a person rather than on an empty card, once the window is on screen.
        QTimer.singleShot(0, self._select_first)

    # --- public actions ----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The app may stay open for days (in the tray): "today" moves on.
        self.model.set_today(self.clock.today())

    def focus_main(self) -> None:
        """Put the focus in the list (the welcome's first button in an empty journal), so
        that Enter, F2 and Delete act at once after Ctrl+2."""
        if self.pages.currentWidget() is self.welcome:
            focus_first(self.welcome)
        elif self.model.rowCount():
            self._focus_results()
        else:  # the search or a filter found nobody: the search box, to change it
            self.search.setFocus()

    def focus_search(self) -> None:
        """Put the cursor in the search box (Ctrl+F)."""
        self.pages.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def new_contact(self) -> None:
        """Open the form for a new contact, and select them once saved."""
        from journal.ui.dialogs.contact_form import ContactForm

        form = ContactForm(self.bus, clock=self.clock, parent=self)
        if form.exec() and form.saved_id is not None:
            self.select_contact(form.saved_id)

    def edit_contact(self, contact_id: int) -> None:
        """Open the form for an existing contact."""
        from journal.ui.dialogs.contact_form import ContactForm

        form = ContactForm(self.bus, contact_id, clock=self.clock, parent=self)
        form.exec()

    def plan_followup(self, contact_id: int) -> None:
        """A follow-up with this person."""
        from journal.ui.dialogs.followup_form import FollowUpForm

        FollowUpForm(self.bus, contact_id=contact_id, clock=self.clock, parent=self).exec()

    def edit_selected(self) -> None:
        """Edit the contact under the cursor."""
        if self.selected_id() is not None:
            self.edit_contact(self.selected_id())  # type: ignore[arg-type]

    def archive_contact(self, contact_id: int, archived: bool) -> None:
        """Archive or bring back a contact."""
        self.bus.run(contacts.set_archived, contact_id, archived, self.clock, parent=self)

    def delete_contact(self, contact_id: int) -> None:
        """Delete a contact after asking."""
        name = contact_names([contact_id]).get(contact_id, "")
        confirmed = self.bus.dialogs.confirm(
            self,
            self.tr("Delete contact"),
            self.tr(
                "Delete %1 and their channels? Timeline entries stay, without them. "
                "Edit → Undo brings them back; archiving hides a contact and keeps everything."
            ).replace("%1", str(name)),
            self.tr("Delete"),
        )
        if not confirmed:
            return
        row = self.model.row_of(contact_id)
        undo_text = self.tr("Delete %1").replace("%1", str(name))
        if not delete_undoably(self.bus, trash.delete_contact, contact_id, undo_text, self):
            return
        self._offer_undo(self.tr("Deleted %1.").replace("%1", str(name)))
        # The one below it takes its place, as in a file manager: Delete again goes on.
        if row is not None and self.model.rowCount():
            self.select_contact(self.model.contact_id(min(row, self.model.rowCount() - 1)))  # type: ignore[arg-type]

    def delete_selected(self) -> None:
        """Delete the contact under the cursor (Delete key)."""
        contact_id = self.selected_id()
        if contact_id is not None:
            self.delete_contact(contact_id)

    def selected_id(self) -> int | None:
        """The contact under the cursor."""
        index = self.table.currentIndex()
        return self.model.contact_id(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        """Every selected contact, in list order (the current one alone if none is)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        ids = [cid for cid in (self.model.contact_id(row) for row in rows) if cid is not None]
        current = self.selected_id()
        return ids or ([current] if current is not None else [])

    def merge_selected(self) -> None:
        """Merge the two selected contacts, after asking which one to keep."""
        ids = self.selected_ids()
        if len(ids) != 2:
            self.bus.dialogs.info(
                self,
                self.tr("Merge two contacts"),
                self.tr("Select the two contacts to merge (Ctrl or Shift and click)."),
            )
            return
        from journal.ui.dialogs.merge_dialog import MergeDialog
        from journal.ui.undo import merge_undoably

        if ids[1] == self.selected_id():
            ids.reverse()  # the one on the card is offered as the one to keep
        dialog = MergeDialog(ids[0], ids[1], self)
        if not dialog.exec():
            return
        kept, merged = dialog.kept(), dialog.merged()
        names = contact_names([kept, merged])
        text = self.tr("Merge %1 into %2").replace("%1", names[merged]).replace("%2", names[kept])
        done = merge_undoably(self.bus, kept, merged, text, self, self.clock)
        if done is None:
            return
        self.select_contact(kept)
        self._offer_undo(
            self.tr("Merged %1 into %2.")
            .replace("%1", done.merged_name)
            .replace("%2", done.kept_name)
        )

    def _offer_undo(self, text: str) -> None:
        """Say what was just done in the bar above the list, with Undo."""
        from journal.ui.undo import undo_stack

        self.undo_bar.say(text)
        # The bar offers to undo it only while it is the last thing done.
        stack = undo_stack(self.bus)
        if self._offered_at is None:
            stack.indexChanged.connect(self._undo_stack_moved)
        self._offered_at = stack.index()

    def _undo_stack_moved(self, index: int) -> None:
        if index != self._offered_at:
            self.undo_bar.hide()

    def undo_last(self) -> None:
        """The bar's Undo: take back what it speaks of (the last thing done)."""
        from journal.ui.undo import undo_stack

        self.undo_bar.hide()
        undo_stack(self.bus).undo()

    def select_contact(self, contact_id: int) -> None:
        """Show and select a contact (clearing filters that would hide them)."""
        row = self.model.row_of(contact_id)
        if row is None:
            self.search.clear()
            self.tag_filter.setCurrentIndex(0)
            self.stage_filter.setCurrentIndex(0)
            self.show_archived.setChecked(True)
            row = self.model.row_of(contact_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    # --- internals -------------------------------------------------------------------------

    def _filter(self) -> ContactFilter:
        return ContactFilter(
            search=self.search.text(),
            tag=self.tag_filter.currentData(),
            stage=self.stage_filter.currentData(),
            include_archived=self.show_archived.isChecked(),
        )

    def _apply_filter(self) -> None:
        keep = self.selected_id()
        self.model.set_filter(self._filter())
        self._restore(keep)
        self._update_count()

    def _restore(self, contact_id: int | None) -> None:
        row = self.model.row_of(contact_id) if contact_id is not None else None
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        elif self.detail.contact_id is not None:  # the hint is up already: nothing to redo
            self.detail.show_contact(None)

    def _fill_filters(self) -> None:
        for combo, everything, options in (
            (self.tag_filter, self.tr("All tags"), [(t, f"#{t}") for t in all_tags()]),
            (
                self.stage_filter,
                self.tr("All stages"),
                [(s, labels.stage_label(s)) for s in stages_in_use()],
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for code, text in options:
                combo.addItem(text, code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        typed = self.search.text().strip()
        if shown == 0 and typed:
            # An empty list alone reads as a broken one: say what found nobody.
            self.count_label.setText(self.tr("No one matches “%1”").replace("%1", typed))
        else:
            self.count_label.setText(self.tr("%n contact(s)", "", shown))

    def _show_true_order(self, column: int, _order: Qt.SortOrder) -> None:
        shown, order = self.model.sorted_by()
        if column != shown:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(shown, order)
            header.blockSignals(False)

    def _select_first(self) -> None:
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.select_contact(self.model.contact_id(0))  # type: ignore[arg-type]

    def _update_state(self) -> None:
        empty = (
            self.model.rowCount() == 0 and contact_count(ContactFilter(include_archived=True)) == 0
        )
        self.pages.setCurrentIndex(1 if empty else 0)
        self._update_count()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_contact(
            self.model.contact_id(current.row()) if current.isValid() else None
        )

    def _focus_results(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.select_contact(self.model.contact_id(0))  # type: ignore[arg-type]

    def _journal_changed(self, changes: Changes) -> None:
        if changes.touches(Area.TAGS, Area.CONTACTS):
            self._fill_filters()
        # Tags too: the list shows them, searches find them, and the model keeps both.
        if changes.touches(Area.CONTACTS, Area.INTERACTIONS, Area.GROUPS, Area.TAGS):
            keep = self.selected_id()
            self.model.reload()
            self._restore(keep)
            self.detail.refresh()  # the person on show may be the one that changed
            self._update_state()
        elif changes.touches(Area.FOLLOWUPS, Area.SETTINGS):
            self.detail.refresh()  # their follow-ups or rhythm on the card
