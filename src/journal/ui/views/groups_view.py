"""The "Groups I belong to" page: each membership, what it asks of you, and what you gave it."""

from __future__ import annotations

import itertools
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journal.core import trash
from journal.core.changes import Area, Changes
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import NotFoundError
from journal.core.group_queries import group_card
from journal.core.groups import remove_member, require_group
from journal.core.meetings import note_attended
from journal.core.review import decision_history, review_due
from journal.ui import labels
from journal.ui.bus import JournalBus
from journal.ui.dialogs.group_form import AddMembersDialog, GroupForm
from journal.ui.dialogs.meeting_form import MeetingForm
from journal.ui.formatting import money, plain_date
from journal.ui.models.group_models import (
    GroupListModel,
    MeetingLogModel,
    MemberListModel,
    percent,
)
from journal.ui.undo import delete_undoably
from journal.ui.views.group_balance import GroupBalancePane
from journal.ui.widgets.column_memory import HandSizedColumns
from journal.ui.widgets.controls import push_button
from journal.ui.widgets.key_bindings import focus_list
from journal.ui.widgets.review_banner import ReviewBanner
from journal.ui.widgets.tables import text_width

if TYPE_CHECKING:
    from journal.store.models import Group


class GroupsView(QWidget):
    """Memberships on the left; the chosen one's demands, attendance, members and meetings."""

    contact_activated = Signal(int)  # a member was opened (double-click or Enter)
    said = Signal(str)  # what was just recorded (a review, today's meeting), for the status bar
    # Columns the list drops when narrow: the detail says both (its demands, its log).
    _OPTIONAL_LIST_COLUMNS = (GroupListModel.REQUIRED, GroupListModel.LAST_MEETING)

    def __init__(
        self, bus: JournalBus, clock: Clock = SYSTEM_CLOCK, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("groupsView")
        self._bus = bus
        self._clock = clock
        self._group_id: int | None = None
        self._restoring = False
        self.groups_model = GroupListModel(self, clock)
        self.members_model = MemberListModel(self)
        self.meetings_model = MeetingLogModel(self)

        self.banner = ReviewBanner(self)
        self.banner.start_requested.connect(self.start_review)
        self.pages = QStackedWidget(self)
        self.empty_page = self._build_empty_page()
        self.content = self._build_content()
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self._chain_tab_order()

        bus.changed.connect(self._on_changed)
        self.reload()

    # --- building -----------------------------------------------------------------------

    def _build_empty_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("groupsEmptyState")
        heading = QLabel(self.tr("No groups yet"), page)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr(
                "Clubs, chambers and circles each ask something of you: meetings, dues, "
                "roles, referrals. Note each one here, with whether you went, and see over "
                "time what it gives back and which people in it matter to you."
            ),
            page,
        )
        text.setObjectName("emptyStateText")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setFixedWidth(480)
        # Centred in a box layout, a wrapped label gets one line's height unless told:
        # the text was cut to a sliver between the heading and the button.
        text.setMinimumHeight(text.heightForWidth(480))
        self.add_first_button = QPushButton(self.tr("&Add the first group you belong to"), page)
        self.add_first_button.setObjectName("addFirstGroupButton")
        self.add_first_button.clicked.connect(self.new_group)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.add_first_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        return page

    def _build_content(self) -> QWidget:
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("groupsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_list_pane())
        self.splitter.addWidget(self._build_detail_pane())
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self._sized = False  # the splitter's first sizes wait for the page's real width
        self.splitter.installEventFilter(self)
        return self.splitter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The splitter's first real width, whenever it comes (the page may open on "No
        # groups yet"): then its panes are sized, once the splitter has laid itself out.
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self._stack_review_buttons(self._too_narrow_for_all_columns())
            if not self._sized:
                QTimer.singleShot(0, self._size_panes)
        if watched is self.groups_table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_list_columns()
        return super().eventFilter(watched, event)

    def _list_frame(self) -> int:
        table = self.groups_table
        return 2 * table.frameWidth() + table.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent
        )

    def _too_narrow_for_all_columns(self) -> bool:
        """Whether the page cannot hold the whole list beside the detail's least width."""
        return self.splitter.width() - self._list_columns_width - self._list_frame() < (
            self._detail_room
        )

    def _stack_review_buttons(self, stacked: bool) -> None:
        """The review buttons on two lines when the page is narrow: on one, they alone held
        the list at half a 1000-pixel page."""
        row, column = (1, 0) if stacked else (0, 1)
        if self._review_buttons.itemAtPosition(row, column) is not self._review_buttons_second:
            self._review_buttons.removeItem(self._review_buttons_second)
            self._review_buttons.addLayout(self._review_buttons_second, row, column, 1, 3 - column)

    def _fit_list_columns(self) -> None:
        """A list too narrow for all its columns keeps the name and the attendance whole and
        drops the required share and the last meeting, which the detail also shows; it used
        to cut them at its edge behind a sideways scroll bar."""
        narrow = self.groups_table.viewport().width() < self._list_columns_width
        # Showing a column gives the one that stretched in its place its width back.
        with self.list_hand_sized.fitting():
            for column in self._OPTIONAL_LIST_COLUMNS:
                if self.groups_table.isColumnHidden(column) != narrow:
                    self.groups_table.setColumnHidden(column, narrow)

    def restore_dividers(self, list_state: object, detail_state: object) -> None:
        """Put the dividers where they were left (saved splitter states; anything else is
        ignored). A restored list divider is the user's: the first sizing leaves it be."""
        if isinstance(list_state, QByteArray) and self.splitter.restoreState(list_state):
            self._sized = True
        if isinstance(detail_state, QByteArray):
            self.detail_splitter.restoreState(detail_state)

    def _size_panes(self) -> None:
        """Once, when the list first shows: as wide as its columns (no sideways scrolling),
        the rest for the detail, which is what the page is for. (Not before: a page that
        opens on "No groups yet" has no width for them, and its first group comes later.)"""
        total = sum(self.splitter.sizes())
        if self._sized or not self.splitter.isVisible() or total <= 0:
            return
        self._sized = True
        # The widths the columns were given, not their sizes now: the last one stretches
        # to whatever width the list had when this runs, which took the detail's room.
        columns = self._list_columns_width
        if self._too_narrow_for_all_columns():
            # A 1000-pixel window: the detail gets its room and the list keeps its name and
            # attendance; the other columns are in the detail.
            columns -= sum(self._list_column_widths[c] for c in self._OPTIONAL_LIST_COLUMNS)
        wanted = min(columns + self._list_frame(), total // 2)
        self.splitter.setSizes([wanted, total - wanted])

    def _build_list_pane(self) -> QWidget:
        pane = QWidget(self)
        self.groups_table = QTableView(pane)
        self.groups_table.setObjectName("groupList")
        self.groups_table.setAccessibleName(self.tr("Groups I belong to"))
        self.groups_table.setModel(self.groups_model)
        self._table_look(self.groups_table)
        header = self.groups_table.horizontalHeader()
        # Widths from the text each column holds at its widest (not measured over the rows,
        # which ResizeToContents would redo on every change); all can be widened by hand.
        # The name gets a fair width of its own; the kind is also in the detail pane, so a
        # narrow column will do.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._list_column_widths: dict[int, int] = {}
        for column, sample in (
            (GroupListModel.NAME, "Sunrise Breakfast Club"),
            (GroupListModel.ATTENDANCE, "117/123 (95%)"),
            (GroupListModel.REQUIRED, "Required"),
            (GroupListModel.LAST_MEETING, "Last meeting"),
        ):
            width = text_width(self.groups_table, sample)
            header.resizeSection(column, width)
            self._list_column_widths[column] = width
        self._list_columns_width = sum(self._list_column_widths.values())
        self._least_name_width = self._list_column_widths[GroupListModel.NAME]
        header.setStretchLastSection(True)
        # Widths dragged by hand are kept between runs; the last shown column stretches.
        self.list_hand_sized = HandSizedColumns(header)
        self.groups_table.viewport().installEventFilter(self)
        # The status and the kind are in the detail pane's first lines, and groups left
        # behind are greyed in the list: the list keeps its room for attendance.
        self.groups_table.hideColumn(GroupListModel.STATUS)
        self.groups_table.hideColumn(GroupListModel.KIND)
        self.groups_table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.groups_table.activated.connect(lambda _index: self.edit_group())
        for text, slot, key in (
            (self.tr("&Record meeting…"), self.record_meeting, None),
            (self.tr("&Edit group…"), self.edit_group, None),
            (self.tr("&Delete group…"), self.delete_group, QKeySequence.StandardKey.Delete),
        ):
            self._action(text, self.groups_table, key).triggered.connect(slot)
        caption = QLabel(self.tr("Your &groups"), pane)
        caption.setBuddy(self.groups_table)
        self.new_group_button = QPushButton(self.tr("&New group…"), pane)
        self.new_group_button.setObjectName("newGroupButton")
        self.new_group_button.setAutoDefault(False)
        self.new_group_button.clicked.connect(self.new_group)
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addStretch(1)
        top.addWidget(self.new_group_button)
        self.review_button = push_button(self, "reviewButton", self.tr("Re&view memberships…"))
        self.review_button.setToolTip(
            self.tr("Walk through each membership: what it asks, what it returns, and why")
        )
        self.review_button.clicked.connect(self.start_review)
        self.past_reviews_button = push_button(
            self, "pastReviewsButton", self.tr("&Past reviews…"), self.show_past_reviews
        )
        self.review_settings_button = push_button(
            self, "reviewSettingsButton", self.tr("Review &settings…"), self.edit_review_settings
        )
        self._review_buttons_second = QHBoxLayout()
        self._review_buttons_second.addWidget(self.past_reviews_button)
        self._review_buttons_second.addWidget(self.review_settings_button)
        bottom = QGridLayout()
        bottom.addWidget(self.review_button, 0, 0, Qt.AlignmentFlag.AlignLeft)
        bottom.addLayout(self._review_buttons_second, 0, 1, 1, 2)
        self._review_buttons_second.addStretch(1)
        bottom.setColumnStretch(2, 1)
        self._review_buttons = bottom
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.groups_table)
        layout.addLayout(bottom)
        return pane

    def _build_detail_pane(self) -> QWidget:
        self.detail_stack = QStackedWidget(self)
        self.hint_label = QLabel(
            self.tr(
                "Choose a group to see what it asks of you, how often you were there, "
                "and the people you know through it."
            ),
            self.detail_stack,
        )
        self.hint_label.setObjectName("noSelectionHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_stack.addWidget(self.hint_label)

        detail = QSplitter(Qt.Orientation.Vertical, self.detail_stack)
        detail.setObjectName("groupDetail")
        self.detail_splitter = detail  # between the balance and the logs (remembered)
        detail.setChildrenCollapsible(False)
        scroll = QScrollArea(detail)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._build_summary())
        detail.addWidget(scroll)
        self.detail_scroll = scroll
        detail.addWidget(self._build_logs())
        # The balance is what the page is for: it gets as much room as the logs at first.
        detail.setStretchFactor(0, 1)
        detail.setStretchFactor(1, 1)
        detail.setSizes([520, 280])
        self.detail_stack.addWidget(detail)
        self.detail_page = detail
        return self.detail_stack

    def _build_summary(self) -> QWidget:
        summary = QWidget(self)
        self.title_label = self._value_label("groupTitle", summary)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = self._value_label("groupSubtitle", summary)
        self.notes_label = self._value_label("groupNotesShown", summary)

        demands = QGroupBox(self.tr("Demands"), summary)
        demands.setObjectName("demandsBox")
        form = QFormLayout(demands)
        self.demand_labels: dict[str, QLabel] = {}
        for key, caption in (
            ("meetings", self.tr("Meetings")),
            ("attendance", self.tr("Required attendance")),
            ("time", self.tr("Time per meeting")),
            ("dues", self.tr("Dues")),
            ("role", self.tr("Role")),
            ("referrals", self.tr("Referral quota")),
            ("rules", self.tr("Rules")),
        ):
            value = self._value_label(f"demand_{key}", demands)
            value.setAccessibleName(caption)
            form.addRow(caption, value)
            self.demand_labels[key] = value

        self.attend_button = push_button(
            self, "attendTodayButton", self.tr("I was &at today's meeting")
        )
        self.attend_button.setToolTip(
            self.tr("Record that you attended today; today's meeting is updated if recorded")
        )
        self.attend_button.clicked.connect(self.attend_today)
        self.record_button = push_button(
            self, "recordMeetingButton", self.tr("&Record meeting…"), self.record_meeting
        )
        self.edit_button = push_button(
            self, "editGroupButton", self.tr("Ed&it group…"), self.edit_group
        )
        self.add_members_button = push_button(
            self, "addMembersButton", self.tr("Add &members…"), self.add_members
        )
        self.delete_button = push_button(
            self, "deleteGroupButton", self.tr("Delete gro&up…"), self.delete_group
        )
        # Two rows: what is done each week, then what changes the group itself. In one row
        # the five were wider than the pane and pushed it into scrolling sideways.
        weekly, group = QHBoxLayout(), QHBoxLayout()
        for row, row_buttons in (
            (weekly, (self.attend_button, self.record_button)),
            (group, (self.edit_button, self.add_members_button, self.delete_button)),
        ):
            for button in row_buttons:
                row.addWidget(button)
            row.addStretch(1)
        buttons = QVBoxLayout()
        buttons.addLayout(weekly)
        buttons.addLayout(group)

        # Attendance is said once, by the balance (over the window its rule judges, with
        # what the rule allows), right under the group's name; the page used to say it a
        # second time above the buttons.
        self.balance_pane = GroupBalancePane(self._clock, summary, attendance_lines=False)

        layout = QVBoxLayout(summary)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.balance_pane.window_label)
        layout.addWidget(self.balance_pane.upcoming_label)
        layout.addLayout(buttons)
        layout.addWidget(self.balance_pane)
        layout.addWidget(demands)
        layout.addStretch(1)
        return summary

    def _build_logs(self) -> QWidget:
        # Tabs, each as wide as the pane: side by side, the members had a sliver of it and
        # the meeting log scrolled sideways, even in a 1400-pixel window.
        logs = QTabWidget(self)
        logs.setObjectName("groupLogs")
        logs.setDocumentMode(True)
        self.logs_tabs = logs

        self.members_list = QListView(logs)
        self.members_list.setObjectName("memberList")
        self.members_list.setAccessibleName(self.tr("Members"))
        self.members_list.setModel(self.members_model)
        self.members_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # A long name is cut with "…" (its tooltip and the contact say it whole) rather than
        # the narrow list growing a sideways scroll bar.
        self.members_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.members_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.members_list.activated.connect(self._member_activated)
        self.open_member_action = self._action(self.tr("&Open contact"), self.members_list)
        self.open_member_action.triggered.connect(self._open_current_member)
        self.remove_member_action = self._action(
            self.tr("&Remove from this group"), self.members_list
        )
        self.remove_member_action.triggered.connect(self.remove_current_member)

        self.meetings_table = QTableView(logs)
        self.meetings_table.setObjectName("meetingLog")
        self.meetings_table.setAccessibleName(self.tr("Meetings"))
        self.meetings_table.setModel(self.meetings_model)
        self._table_look(self.meetings_table)
        log_header = self.meetings_table.horizontalHeader()
        for column, sample in (
            (MeetingLogModel.DATE, "2026-11-21"),
            (MeetingLogModel.ATTENDANCE, max(labels.attendance().values(), key=len)),
            (MeetingLogModel.RATING, max(labels.meeting_ratings().values(), key=len)),
            (MeetingLogModel.PEOPLE, "Omar Haddad"),
        ):
            log_header.resizeSection(column, text_width(self.meetings_table, sample))
        # Stretched, not merely the last section stretching: that one stays at least its
        # default width, and in a narrow pane pushed the log into scrolling sideways.
        log_header.setSectionResizeMode(MeetingLogModel.NOTES, QHeaderView.ResizeMode.Stretch)
        self.log_hand_sized = HandSizedColumns(log_header)
        # The detail's least width: the log's columns whole, a few words of notes, the bar.
        self._detail_room = (
            sum(log_header.sectionSize(c) for c in range(MeetingLogModel.NOTES))
            + 16 * self.meetings_table.fontMetrics().averageCharWidth()
            + self.meetings_table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        )
        self.meetings_table.activated.connect(self._meeting_activated)
        self.edit_meeting_action = self._action(self.tr("&Edit meeting…"), self.meetings_table)
        self.edit_meeting_action.triggered.connect(self.edit_current_meeting)
        self.delete_meeting_action = self._action(
            self.tr("&Delete meeting…"), self.meetings_table, QKeySequence.StandardKey.Delete
        )
        self.delete_meeting_action.triggered.connect(self.delete_current_meeting)
        logs.addTab(self.meetings_table, self.tr("Meeting &log"))
        logs.addTab(self.members_list, self.tr("Mem&bers"))
        return logs

    def _value_label(self, name: str, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names and rules are user text
        return label

    def _action(
        self,
        text: str,
        view: QAbstractItemView,
        shortcut: QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, view)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        view.addAction(action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        return action

    @staticmethod
    def _table_look(table: QTableView) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        table.verticalHeader().hide()
        table.setWordWrap(False)

    def _chain_tab_order(self) -> None:
        order: list[QWidget] = [
            self.banner.start_button,
            self.banner.later_button,
            self.new_group_button,
            self.groups_table,
            self.review_button,
            self.past_reviews_button,
            self.review_settings_button,
            self.attend_button,
            self.record_button,
            self.edit_button,
            self.add_members_button,
            self.delete_button,
            self.logs_tabs.tabBar(),
            self.meetings_table,
            self.members_list,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    # --- public slots -------------------------------------------------------------------

    def selected_group_id(self) -> int | None:
        """The group whose details are shown."""
        return self._group_id

    def focus_main(self) -> None:
        """Put the focus in the list of groups (on the first-group button when none)."""
        if self.pages.currentWidget() is self.empty_page:
            self.add_first_button.setFocus()
        else:
            focus_list(self.groups_table)

    def select_group(self, group_id: int) -> None:
        """Show one group (ignored when it is not in the list)."""
        row = self.groups_model.row_of(group_id)
        if row is None:
            return
        index = self.groups_model.index(row, GroupListModel.NAME)
        self.groups_table.setCurrentIndex(index)
        self.groups_table.scrollTo(index)
        if self._group_id != group_id:
            self._show(group_id)

    def new_group(self) -> None:
        """Open the form for a group the user belongs to; select it once saved."""
        form = GroupForm(self._bus, self._clock, parent=self)
        form.accepted.connect(lambda: self._select_saved(form.group_id))
        self._open(form)

    def edit_group(self) -> None:
        """Open the selected group's form."""
        if self._group_id is None:
            return
        try:
            form = GroupForm(self._bus, self._clock, group_id=self._group_id, parent=self)
        except NotFoundError as error:
            self._bus.dialogs.error(self, self.tr("Group not found"), str(error))
            return
        self._open(form)

    def record_meeting(self) -> None:
        """Open the meeting form for the selected group (today, attended, by default)."""
        group_id = self._chosen_group()
        if group_id is None:
            return
        try:
            form = MeetingForm(self._bus, group_id, self._clock, parent=self)
        except NotFoundError as error:
            self._bus.dialogs.error(self, self.tr("Group not found"), str(error))
            return
        self._open(form)

    def attend_today(self) -> None:
        """One click: you were at the selected group's meeting today."""
        group_id = self._chosen_group()
        if group_id is None:
            return
        # Keeps what was already noted about today's meeting (people, rating, notes).
        done = self._bus.run(
            note_attended, group_id, self._clock.today(), clock=self._clock, parent=self
        )
        if done is not None:
            name = require_group(group_id).name
            self.said.emit(self.tr("Noted: you were at %1's meeting today.").replace("%1", name))

    def start_review(self) -> None:
        """Open the periodic review of every current membership."""
        from journal.ui.dialogs.review_dialog import ReviewDialog, compute_report

        report = compute_report(self._clock, self)
        if report is None:
            return
        if not report.groups:
            self._bus.dialogs.info(
                self,
                self.tr("Nothing to review"),
                # Groups, all of them left, are not a journal without groups.
                self.tr(
                    "Every group here is one you have left: the review weighs the "
                    "memberships you still have."
                )
                if self.groups_model.rowCount()
                else self.tr("Add the groups you belong to first; the review weighs each one."),
            )
            return
        dialog = ReviewDialog(self._bus, report, self._clock, parent=self)
        dialog.accepted.connect(lambda: self.said.emit(dialog.recorded_line()))
        self._open(dialog)

    def show_past_reviews(self) -> None:
        """Browse past reviews (the selected group's first, when one is chosen)."""
        from journal.ui.dialogs.reviews_dialog import ReviewsDialog

        self._open(ReviewsDialog(self._group_id, parent=self))

    def edit_review_settings(self) -> None:
        """The value of an hour, the review's rhythm and windows."""
        from journal.ui.dialogs.review_settings_form import ReviewSettingsForm

        self._open(ReviewSettingsForm(self._bus, parent=self))

    def add_members(self) -> None:
        """Pick people who belong to the selected group too."""
        if self._group_id is None:
            return
        row = self.groups_model.group_row(self._group_id)
        name = row.name if row is not None else ""
        self._open(AddMembersDialog(self._bus, self._group_id, name, parent=self))

    def delete_group(self) -> None:
        """Delete the selected group and its meetings, after asking."""
        row = self.groups_model.group_row(self._group_id) if self._group_id is not None else None
        if row is None:
            return
        meetings = self.meetings_model.rowCount()
        text = self.tr("Delete %1 and its %n recorded meeting(s)?", "", meetings).replace(
            "%1", row.name
        )
        decided = len(decision_history(row.id))
        if decided:
            text += " " + self.tr("What %n past review(s) decided about it goes too.", "", decided)
        text += " " + self.tr("The people stay in your journal, and so do timeline entries.")
        text += " " + self.tr("Edit → Undo brings it all back.")
        if self._bus.dialogs.confirm(self, self.tr("Delete group"), text, self.tr("Delete group")):
            undo_text = self.tr("Delete %1").replace("%1", row.name)
            delete_undoably(self._bus, trash.delete_group, row.id, undo_text, self)

    def edit_current_meeting(self) -> None:
        """Open the selected meeting in the meeting form."""
        self._meeting_activated(self.meetings_table.currentIndex())

    def delete_current_meeting(self) -> None:
        """Delete the selected meeting, after asking."""
        index = self.meetings_table.currentIndex()
        meeting_id = self.meetings_model.meeting_id(index.row()) if index.isValid() else None
        if meeting_id is None:
            return
        day = self.meetings_model.index(index.row(), MeetingLogModel.DATE).data()
        text = self.tr("Delete the meeting of %1?").replace("%1", day)
        title = self.tr("Delete meeting")
        if self._bus.dialogs.confirm(self, title, text, self.tr("Delete meeting")):
            undo_text = self.tr("Delete the meeting of %1").replace("%1", day)
            delete_undoably(self._bus, trash.delete_meeting, meeting_id, undo_text, self)

    def remove_current_member(self) -> None:
        """The selected person no longer belongs to this group (they stay in the journal)."""
        index = self.members_list.currentIndex()
        contact_id = self.members_model.contact_id(index.row()) if index.isValid() else None
        if contact_id is None or self._group_id is None:
            return
        self._bus.run(remove_member, self._group_id, contact_id, parent=self)

    def _fit_name_column(self) -> None:
        """Before the panes are first sized: the name column as wide as the longest name,
        up to twice its usual width. "University Alumni Network" was cut to "University
        Alumni Netw…" while the detail pane beside it stood empty."""
        if self._sized or GroupListModel.NAME in self.list_hand_sized:
            return  # the panes are placed (or the user sized it): no jumping under the mouse
        names = (
            row.name
            for row in map(self.groups_model.row_at, range(self.groups_model.rowCount()))
            if row
        )
        longest = max(map(partial(text_width, self.groups_table), names), default=0)
        width = min(max(longest, self._least_name_width), 2 * self._least_name_width)
        with self.list_hand_sized.fitting():
            self.groups_table.horizontalHeader().resizeSection(GroupListModel.NAME, width)
        self._list_column_widths[GroupListModel.NAME] = width
        self._list_columns_width = sum(self._list_column_widths.values())

    def reload(self) -> None:
        """Read the memberships again, keeping the selected group by id."""
        keep = self._group_id
        self._restoring = True
        try:
            self.groups_model.reload()
            self._fit_name_column()
            row = self.groups_model.row_of(keep) if keep is not None else None
            if row is not None:
                self.groups_table.setCurrentIndex(self.groups_model.index(row, 0))
        finally:
            self._restoring = False
        has_groups = self.groups_model.rowCount() > 0
        self.pages.setCurrentWidget(self.content if has_groups else self.empty_page)
        self._show(keep if row is not None else None)
        self.banner.show_due(review_due(self._clock.today()))

    # --- reacting -----------------------------------------------------------------------

    def _chosen_group(self) -> int | None:
        """The selected group; without one, say so (these slots also run from menus)."""
        if self._group_id is not None:
            return self._group_id
        text = (
            self.tr("Choose the group in the list first.")
            if self.groups_model.rowCount()
            else self.tr("Add a group you belong to first.")
        )
        self._bus.dialogs.info(self, self.tr("No group chosen"), text)
        return None

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.GROUPS, Area.MEETINGS, Area.CONTACTS):
            self.reload()
        elif changes.touches(Area.INTERACTIONS, Area.SETTINGS, Area.REVIEWS):
            # Only the balance and the reminder move with entries, settings and reviews.
            self.balance_pane.show_group(self._group_id)
            self.banner.show_due(review_due(self._clock.today()))

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _select_saved(self, group_id: int | None) -> None:
        if group_id is not None:
            self.select_group(group_id)
            self.groups_table.setFocus()

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._restoring:
            return
        rows = {index.row() for index in self.groups_table.selectionModel().selectedRows()}
        group_id = self.groups_model.group_id(min(rows)) if rows else None
        self._show(group_id)

    def _member_activated(self, index: QModelIndex) -> None:
        contact_id = self.members_model.contact_id(index.row()) if index.isValid() else None
        if contact_id is not None:
            self.contact_activated.emit(contact_id)

    def _open_current_member(self) -> None:
        self._member_activated(self.members_list.currentIndex())

    def _meeting_activated(self, index: QModelIndex) -> None:
        meeting_id = self.meetings_model.meeting_id(index.row()) if index.isValid() else None
        if meeting_id is None or self._group_id is None:
            return
        try:
            form = MeetingForm(
                self._bus, self._group_id, self._clock, meeting_id=meeting_id, parent=self
            )
        except NotFoundError as error:
            self._bus.dialogs.error(self, self.tr("Meeting not found"), str(error))
            return
        self._open(form)

    # --- the detail pane ----------------------------------------------------------------

    def _show(self, group_id: int | None) -> None:
        card = None
        if group_id is not None:
            try:
                card = group_card(group_id)
            except NotFoundError:
                card = None
        row = self.groups_model.group_row(group_id) if group_id is not None else None
        if card is None or row is None:
            self._group_id = None
            self.members_model.set_members([])
            self.meetings_model.set_rows([])
            self.balance_pane.show_group(None)
            self.detail_stack.setCurrentWidget(self.hint_label)
            self._enable_actions(False)
            return
        another = group_id != self._group_id
        self._group_id = group_id
        group = card.group
        self.members_model.set_members(card.members)
        self.meetings_model.set_rows(card.meetings)
        self.title_label.setText(group.name)
        self.subtitle_label.setText(self._subtitle(group))
        self.notes_label.setText(group.notes)
        self.notes_label.setVisible(bool(group.notes))
        self._fill_demands(group)
        self.balance_pane.show_group(group_id)
        logs = self.logs_tabs
        count = str(len(card.meetings))
        logs.setTabText(0, self.tr("Meeting &log (%1)").replace("%1", count))
        logs.setTabText(1, self.tr("Mem&bers (%1)").replace("%1", str(len(card.members))))
        self.detail_stack.setCurrentWidget(self.detail_page)
        if another:  # from its name down; the same group shown again keeps its place
            self.detail_scroll.verticalScrollBar().setValue(0)
        self._enable_actions(True)
        left_before_today = group.left_on is not None and group.left_on < self._clock.today()
        self.attend_button.setEnabled(not left_before_today)

    def _enable_actions(self, enabled: bool) -> None:
        for widget in (
            self.attend_button,
            self.record_button,
            self.edit_button,
            self.add_members_button,
            self.delete_button,
        ):
            widget.setEnabled(enabled)

    def _subtitle(self, group: Group) -> str:
        parts = [
            labels.group_kinds().get(group.kind, group.kind),
            labels.group_statuses().get(group.status, group.status),
        ]
        if group.joined_on is not None:
            parts.append(self.tr("joined %1").replace("%1", plain_date(group.joined_on)))
        else:
            parts.append(self.tr("joining date not recorded"))
        if group.left_on is not None:
            parts.append(self.tr("left %1").replace("%1", plain_date(group.left_on)))
        return self.tr(" · ").join(parts)

    def _fill_demands(self, group: Group) -> None:
        values = self.demand_labels
        values["meetings"].setText(self._cadence_text(group))
        required = group.required_attendance_pct
        values["attendance"].setText(
            self.tr("%1 of meetings").replace("%1", percent(required))
            if required is not None
            else self.tr("Not required")
        )
        values["time"].setText(self._time_text(group.meeting_minutes, group.travel_minutes))
        if group.dues_amount is not None:
            dues = money(group.dues_amount, group.dues_currency)
            period = labels.dues_periods().get(group.dues_period, "") if group.dues_period else ""
            values["dues"].setText(f"{dues} {period}".strip())
        else:
            values["dues"].setText(self.tr("None"))
        values["role"].setText(self._role_text(group.role, group.role_hours_per_month))
        quota = group.referral_quota_per_month
        values["referrals"].setText(
            self.tr("%n per month", "", quota) if quota is not None else self.tr("None")
        )
        values["rules"].setText(group.rules or self.tr("None recorded"))

    def _cadence_text(self, group: Group) -> str:
        cadence = labels.cadences().get(group.meeting_cadence, "") if group.meeting_cadence else ""
        weekday = group.meeting_weekday
        day = labels.weekdays()[weekday] if weekday is not None and 0 <= weekday <= 6 else ""
        if cadence and day:
            return self.tr("%1, on %2").replace("%1", cadence).replace("%2", day)
        if day:
            return self.tr("On %1").replace("%1", day)
        return cadence or self.tr("Not set")

    def _duration(self, minutes: int) -> str:
        hours, rest = divmod(minutes, 60)
        if not hours:
            return self.tr("%1 min").replace("%1", str(rest))
        if not rest:
            return self.tr("%1 h").replace("%1", str(hours))
        return self.tr("%1 h %2 min").replace("%1", str(hours)).replace("%2", str(rest))

    def _time_text(self, meeting: int | None, travel: int | None) -> str:
        if meeting is not None and travel is not None:
            text = self.tr("%1 meeting + %2 travel")
            return text.replace("%1", self._duration(meeting)).replace("%2", self._duration(travel))
        if meeting is not None:
            return self.tr("%1 meeting").replace("%1", self._duration(meeting))
        if travel is not None:
            return self.tr("%1 travel").replace("%1", self._duration(travel))
        return self.tr("Not set")

    def _role_text(self, role: str, hours: int | None) -> str:
        if role and hours is not None:
            text = self.tr("%1, %2 h a month")
            return text.replace("%1", role).replace("%2", str(hours))
        if hours is not None:
            return self.tr("%1 h a month").replace("%1", str(hours))
        return role or self.tr("None")
