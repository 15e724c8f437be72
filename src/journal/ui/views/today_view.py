"""The Today page: what deserves attention now, each item acted on where it stands.

The day's snapshot (core.today) is read on a worker thread, so even a journal of twenty
thousand people never freezes the window; each section then shows its rows lazily. The
first read starts once the page is on screen, and the core modules behind the snapshot and
the actions are imported only then (on the worker) or when an action runs: the window's
start pays for the page's widgets alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal.core.changes import Area, Changes
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.ui.bus import JournalBus
from journal.ui.formatting import plain_date
from journal.ui.models.today_models import (
    FadingModel,
    FollowUpsModel,
    IntroductionsModel,
    MeetingsModel,
    NewPeopleModel,
    ReviewModel,
    SectionModel,
)
from journal.ui.reader import JournalReader
from journal.ui.widgets.key_bindings import KeyBindings, focus_list
from journal.ui.widgets.snooze_menu import snooze_menu

if TYPE_CHECKING:
    from journal.core.today import TodaySnapshot

VISIBLE_ROWS = 6
STAY_IN_TOUCH = "stay_in_touch"  # keep_in_touch.REMINDER, without importing it at start
_WATCHED = (
    Area.FOLLOWUPS,
    Area.CONTACTS,
    Area.INTERACTIONS,
    Area.GROUPS,
    Area.MEETINGS,
    Area.SETTINGS,
    Area.TAGS,
    Area.REVIEWS,
)


def _read_snapshot(clock: Clock) -> TodaySnapshot:
    """The day's snapshot, read on the reader's worker thread."""
    from journal.core.today import today_snapshot  # on that thread, after start-up

    return today_snapshot(clock)


class TodaySection(QWidget):
    """One part of the day: a title with its count, the list (or what empty means), actions."""

    def __init__(
        self,
        title: str,
        empty_text: str,
        model: SectionModel[Any],
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._title = title
        self.model = model
        self.heading = QLabel(self)
        self.heading.setObjectName(f"{name}Title")
        self.list = QListView(self)
        self.list.setObjectName(f"{name}List")
        self.list.setAccessibleName(title)
        self.list.setModel(model)
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        row_height = self.fontMetrics().height() + 8
        self.list.setFixedHeight(row_height * VISIBLE_ROWS + 6)
        self.empty = QLabel(empty_text, self)
        self.empty.setObjectName(f"{name}Empty")
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)  # the palette's quiet text, legible light or dark
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self._actions: list[tuple[str, Callable[[], None] | QMenu]] = []
        self._needs_item: list[QWidget] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(self.buttons)
        self.list.selectionModel().currentChanged.connect(lambda *_: self.update_state())
        model.modelReset.connect(self.update_state)

    def add_action(
        self, text: str, act: Callable[[], None] | QMenu, name: str, *, needs_item: bool = True
    ) -> QWidget:
        """A button under the list (and the same entry in the list's context menu)."""
        push = QPushButton(text, self)
        if isinstance(act, QMenu):
            # A push button keeps room for its menu arrow; a tool button drew it over the text.
            push.setMenu(act)
        else:
            push.clicked.connect(lambda _=False: act())
        button: QWidget = push
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        self.buttons.addWidget(button)
        self._actions.append((text, act))
        if needs_item:
            self._needs_item.append(button)
        return button

    def finish(self) -> None:
        """Call once every action is added."""
        self.buttons.addStretch(1)
        self.update_state()

    def current(self) -> Any:
        """The row object under the cursor, or None."""
        index = self.list.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def update_state(self) -> None:
        """Count in the title, list or empty text; buttons shown with the list, enabled when
        something is chosen."""
        total = self.model.total()
        self.heading.setText(f"<b>{self._title}</b>" + (f"  ({total})" if total else ""))
        self.list.setVisible(total > 0)
        self.empty.setVisible(total == 0)
        if total and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(0, 0))
        chosen = self.current() is not None
        for widget in self._needs_item:
            widget.setEnabled(chosen)
            # A row of greyed buttons under "nothing due" is noise: they come with the list.
            widget.setVisible(total > 0)

    def context_menu(self) -> QMenu | None:
        """The actions of the buttons, for the item under the cursor (None without one)."""
        if self.current() is None:
            return None
        menu = QMenu(self)
        for text, act in self._actions:
            if isinstance(act, QMenu):
                sub = menu.addMenu(text)
                act.aboutToShow.emit()  # menus fill themselves when they open
                for action in act.actions():
                    sub.addAction(action)
            else:
                menu.addAction(text, act)
        return menu

    def _context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        if menu is not None:
            menu.exec(self.list.viewport().mapToGlobal(position))
            menu.deleteLater()


class TodayView(QWidget):
    """Follow-ups due, fading relationships, new people, introductions, group meetings."""

    contact_requested = Signal(int)
    group_requested = Signal(int)
    review_requested = Signal()
    loaded = Signal(object)  # TodaySnapshot
    said = Signal(str)  # what was just done, for the status bar

    def __init__(
        self, bus: JournalBus, clock: Clock = SYSTEM_CLOCK, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self.bus = bus
        self.clock = clock
        self.snapshot: TodaySnapshot | None = None
        self._dirty = True
        self._reload_queued = False
        self._read_when_painted = False
        self._focus_when_loaded = False
        # Each read closes its connection: the snapshot is read once, and the journal's
        # usual 8 MB page cache would only add to the peak memory (2 MB is as fast).
        self._reader = JournalReader(self)
        self._reader.answered.connect(self._arrived)
        self._reader.failed.connect(self._failed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self.reload)
        bus.replacing_file.connect(self.wait_until_idle)

        self.date_label = QLabel(self)
        self.date_label.setObjectName("todayDate")
        self.status = QLabel(self.tr("Reading your journal…"), self)
        self.status.setObjectName("todayStatus")
        self.status.setEnabled(False)
        header = QHBoxLayout()
        header.addWidget(self.date_label)
        header.addStretch(1)
        header.addWidget(self.status)

        self.followups = self._followups_section()
        self.fading = self._fading_section()
        self.new_people = self._new_people_section()
        self.introductions = self._introductions_section()
        self.meetings = self._meetings_section()
        self.review = self._review_section()
        self.sections = [
            self.followups,
            self.fading,
            self.new_people,
            self.introductions,
            self.meetings,
            self.review,
        ]
        body = QWidget(self)
        body.setObjectName("todayBody")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(4, 0, 12, 0)
        for section in self.sections:
            body_layout.addWidget(section)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        bus.changed.connect(self._journal_changed)
        self._show_date()
        # The first read waits until the page is shown and painted (showEvent, paintEvent):
        # the window appears before the worker starts competing with it. The digest asks
        # with reload().

    # --- sections ------------------------------------------------------------------------------

    def _section(self, title: str, empty: str, model: SectionModel[Any], name: str) -> TodaySection:
        section = TodaySection(title, empty, model, name, self)
        KeyBindings(section.list, {Qt.Key.Key_Return: lambda: self._open(section)})
        section.list.doubleClicked.connect(lambda _index: self._open(section))
        return section

    def _followups_section(self) -> TodaySection:
        s = self._section(
            self.tr("Follow-ups due"),
            self.tr("No follow-up is due. Plan one when you log an interaction."),
            FollowUpsModel(self),
            "followUps",
        )
        s.add_action(self.tr("Done"), self._complete_followup, "done")
        s.add_action(
            self.tr("Snooze"),
            snooze_menu(self, self.clock.today, self._snooze_followup),
            "snoozeFollowUp",
        )
        s.add_action(self.tr("Edit…"), self._edit_followup, "editFollowUp")
        s.add_action(self.tr("Log interaction…"), self._log_followup, "logFollowUp")
        s.add_action(self.tr("Open contact"), lambda: self._open(s), "openFollowUpContact")
        s.finish()
        return s

    def _fading_section(self) -> TodaySection:
        s = self._section(
            self.tr("Fading relationships"),
            self.tr("Everyone you keep in touch with has heard from you recently."),
            FadingModel(self),
            "fading",
        )
        s.add_action(self.tr("Log interaction…"), lambda: self._log_for(s), "logFading")
        s.add_action(
            self.tr("Snooze"),
            snooze_menu(self, self.clock.today, lambda day: self._snooze_person(s, day)),
            "snoozeFading",
        )
        s.add_action(self.tr("Open contact"), lambda: self._open(s), "openFading")
        s.finish()
        return s

    def _new_people_section(self) -> TodaySection:
        s = self._section(
            self.tr("New people to follow up"),
            self.tr("Everyone you met lately has heard from you since."),
            NewPeopleModel(self),
            "newPeople",
        )
        s.add_action(self.tr("Log interaction…"), lambda: self._log_for(s), "logNew")
        s.add_action(self.tr("Plan a follow-up…"), lambda: self._plan_for(s), "planNew")
        s.add_action(
            self.tr("Snooze"),
            snooze_menu(
                self,
                self.clock.today,
                lambda day: self._snooze_person(s, day, reminder="new_contact"),
            ),
            "snoozeNew",
        )
        s.add_action(self.tr("Open contact"), lambda: self._open(s), "openNew")
        s.finish()
        return s

    def _introductions_section(self) -> TodaySection:
        s = self._section(
            self.tr("Introductions worth making"),
            self.tr(
                "No introduction to suggest. Note what people need and what they offer, "
                "and matches appear here."
            ),
            IntroductionsModel(self),
            "introductions",
        )
        s.add_action(self.tr("Introduce…"), self._introduce, "introduce")
        s.add_action(self.tr("Dismiss"), self._dismiss, "dismissIntroduction")
        self._open_menu = QMenu(self)
        self._open_menu.aboutToShow.connect(self._fill_open_menu)
        s.add_action(self.tr("Open"), self._open_menu, "openIntroduction")
        s.finish()
        return s

    def _meetings_section(self) -> TodaySection:
        s = self._section(
            self.tr("Group meetings coming up"),
            self.tr("No group meeting in the coming week."),
            MeetingsModel(self),
            "meetings",
        )
        self.attended_button = s.add_action(self.tr("I was there"), self._attended, "attended")
        s.add_action(self.tr("Send apologies"), self._apologies, "apologies")
        s.add_action(self.tr("Open group"), lambda: self._open(s), "openGroup")
        s.finish()
        s.list.selectionModel().currentChanged.connect(lambda *_: self._meeting_state())
        s.model.modelReset.connect(self._meeting_state)
        return s

    def _review_section(self) -> TodaySection:
        s = self._section(
            self.tr("Review due"),
            self.tr("Your periodic review of the groups you belong to is not due yet."),
            ReviewModel(self),
            "review",
        )
        s.add_action(self.tr("Start the review…"), self.review_requested.emit, "startReview")
        s.finish()
        return s

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the day's snapshot again (on a worker thread); `loaded` says when it is in."""
        self._reader.forget()  # a read already asked for answers an older question
        self._dirty = False
        self._reload_queued = False
        self.status.setText(self.tr("Reading your journal…"))
        clock = self.clock
        self._reader.ask(None, lambda: _read_snapshot(clock))

    def wait_until_idle(self) -> None:
        """Block until no read is running (on closing, so no thread outlives the journal)."""
        self._reader.stop()

    def _arrived(self, _token: None, snapshot: TodaySnapshot) -> None:
        self.snapshot = snapshot
        self.status.setText("")
        self._show_date()
        today = snapshot.today
        self.followups.model.set_rows(snapshot.followups, today)
        self.fading.model.set_rows(snapshot.fading, today)
        self.new_people.model.set_rows(snapshot.new_people, today)
        self.introductions.model.set_rows(snapshot.introductions, today)
        self.meetings.model.set_rows(snapshot.meetings, today)
        self.review.model.set_rows([snapshot.review] if snapshot.review else [], today)
        if self._focus_when_loaded:
            self._focus_when_loaded = False
            if self.hasFocus():  # nobody has moved it meanwhile
                self.focus_main()
        self.loaded.emit(snapshot)

    def _failed(self, _token: None, message: str) -> None:
        self.status.setText(self.tr("Could not read today's list: %1").replace("%1", message))

    def _show_date(self) -> None:
        today = self.clock.today()
        self.date_label.setText(
            "<h2 style='margin:4px 0'>"
            + self.tr("Today, %1").replace("%1", plain_date(today))
            + "</h2>"
        )

    def _journal_changed(self, changes: Changes) -> None:
        if not changes.touches(*_WATCHED):
            return
        if self.isVisible():
            self._debounce.start()
        else:
            self._dirty = True  # read again when shown: nobody is looking now

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            # Once the page has been painted: the worker's read (Python, on another thread)
            # would otherwise compete with the window's first frame.
            self._dirty = False
            self._reload_queued = True
            self._read_when_painted = True
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._read_when_painted:
            self._read_when_painted = False
            QTimer.singleShot(0, self._queued_reload)  # once this frame is on the screen

    def _queued_reload(self) -> None:
        # Skipped when a read started meanwhile (the digest asks for one at start-up): the
        # whole snapshot is the heaviest read of the start, not to be done twice.
        if self._reload_queued:
            self.reload()

    def focus_main(self) -> None:
        """Put the focus in the first list with something in it; while the day's read is
        still on its way, on the page itself, and into a list once the rows are in."""
        for section in self.sections:
            if focus_list(section.list):
                return
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        # Rows on their way: read now, queued to read after the page paints (shown again
        # after a change), or waiting out the pause after the last change.
        self._focus_when_loaded = (
            self.snapshot is None
            or self._reader.busy()
            or self._reload_queued
            or self._dirty
            or self._debounce.isActive()
        )

    def focused_contact(self) -> int | None:
        """The contact of the item under the cursor in the list that has the focus."""
        for section in self.sections:
            if section.list.hasFocus():
                item = section.current()
                return section.model.contact_of(item) if item is not None else None
        return None

    # --- actions -------------------------------------------------------------------------------

    def _open(self, section: TodaySection) -> None:
        item = section.current()
        if section is self.review:
            self.review_requested.emit()
            return
        if section is self.meetings:
            self.group_requested.emit(item.group_id)
            return
        contact = section.model.contact_of(item) if item is not None else None
        if contact is not None:
            self.contact_requested.emit(contact)

    def _complete_followup(self) -> None:
        from journal.core.followups import FollowUpRow, complete_followup, reopen_followup
        from journal.ui.undo import run_undoably

        item = self.followups.current()
        if not isinstance(item, FollowUpRow):
            return
        followup_id, clock = item.id, self.clock
        # One click, next to Snooze: a slip is taken back with Ctrl+Z, and the status bar
        # says what went and how to bring it back.
        text = self.tr("Mark done: %1").replace("%1", item.text)
        if run_undoably(
            self.bus,
            lambda: complete_followup(followup_id, clock),
            lambda: reopen_followup(followup_id),
            text,
            self,
        ):
            self.said.emit(
                self.tr("Done: %1 (Edit → Undo brings it back).").replace("%1", item.text)
            )

    def _snooze_followup(self, day: dt.date) -> None:
        from journal.core.followups import FollowUpRow, snooze_followup

        item = self.followups.current()
        if isinstance(item, FollowUpRow):
            self.bus.run(snooze_followup, item.id, day, self.clock, parent=self)

    def _edit_followup(self) -> None:
        from journal.core.followups import FollowUpRow

        item = self.followups.current()
        if isinstance(item, FollowUpRow):
            from journal.ui.dialogs.followup_form import FollowUpForm

            FollowUpForm(self.bus, item.id, clock=self.clock, parent=self).exec()

    def _log_followup(self) -> None:
        from journal.core.followups import FollowUpRow

        item = self.followups.current()
        if isinstance(item, FollowUpRow):
            from journal.core.quick_syntax import kind_of_todo
            from journal.ui.dialogs.interaction_form import InteractionForm

            people = [item.contact_id] if item.contact_id is not None else []
            InteractionForm(
                self.bus,
                contact_ids=people,
                kind=kind_of_todo(item.text),
                summary=item.text,
                completes=[item.id],
                clock=self.clock,
                parent=self,
            ).exec()

    def _log_for(self, section: TodaySection) -> None:
        item = section.current()
        contact = section.model.contact_of(item) if item is not None else None
        if contact is not None:
            from journal.ui.dialogs.interaction_form import InteractionForm

            InteractionForm(self.bus, contact_ids=[contact], clock=self.clock, parent=self).exec()

    def _plan_for(self, section: TodaySection) -> None:
        from journal.core.today import NewPerson

        item = section.current()
        if isinstance(item, NewPerson):
            from journal.ui.dialogs.followup_form import FollowUpForm

            FollowUpForm(self.bus, contact_id=item.contact_id, clock=self.clock, parent=self).exec()

    def _snooze_person(
        self, section: TodaySection, day: dt.date, *, reminder: str = STAY_IN_TOUCH
    ) -> None:
        from journal.core.keep_in_touch import TouchRow, snooze_reminder
        from journal.core.today import NewPerson

        item = section.current()
        if isinstance(item, TouchRow | NewPerson):
            self.bus.run(
                snooze_reminder,
                item.contact_id,
                day,
                self.clock,
                reminder=reminder,
                parent=self,
            )

    def _introduce(self) -> None:
        from journal.core.introductions import Suggestion

        item = self.introductions.current()
        if isinstance(item, Suggestion):
            from journal.ui.dialogs.interaction_form import InteractionForm

            summary = (
                self.tr("Introduced %1 to %2")
                .replace("%1", item.needer_name)
                .replace("%2", item.offerer_name)
            )
            InteractionForm(
                self.bus,
                contact_ids=[item.needer_id, item.offerer_id],
                kind="introduction",
                summary=summary,
                clock=self.clock,
                parent=self,
            ).exec()

    def _dismiss(self) -> None:
        from journal.core.introductions import Suggestion, dismiss_suggestion

        item = self.introductions.current()
        if isinstance(item, Suggestion):
            self.bus.run(
                dismiss_suggestion,
                item.needer_id,
                item.offerer_id,
                item.need,
                self.clock,
                parent=self,
            )

    def _fill_open_menu(self) -> None:
        from journal.core.introductions import Suggestion

        self._open_menu.clear()
        item = self.introductions.current()
        if isinstance(item, Suggestion):
            for cid, name in (
                (item.needer_id, item.needer_name),
                (item.offerer_id, item.offerer_name),
            ):
                self._open_menu.addAction(name, lambda c=cid: self.contact_requested.emit(c))

    def _meeting_state(self) -> None:
        item = self.meetings.current()  # an UpcomingMeeting, or None
        self.attended_button.setEnabled(item is not None and item.on <= self.clock.today())

    def _record(self, attendance: str) -> None:
        item = self.meetings.current()
        if item is not None:
            from journal.core.meetings import note_attendance

            # Kept what a form already noted about that meeting (rating, notes, people).
            self.bus.run(
                note_attendance, item.group_id, item.on, attendance, self.clock, parent=self
            )

    def _attended(self) -> None:
        self._record("attended")

    def _apologies(self) -> None:
        self._record("excused")
