"""Record or edit one meeting of a group: the day, whether you went, how it was, who you met."""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.group_queries import likely_meeting_day, meeting_rows
from journal.core.groups import load_group_draft
from journal.core.meetings import MeetingDraft, edit_meeting, load_meeting_draft, record_meeting
from journal.ui import labels
from journal.ui.bus import JournalBus
from journal.ui.dialogs.group_form import (
    FormDialog,
    optional_spin,
    plain,
    set_spin,
    spin_value,
    to_date,
    to_qdate,
)
from journal.ui.widgets.contact_picker import ContactPicker
from journal.ui.widgets.typed_date import DateInput, typed_date_time


class MeetingForm(FormDialog):
    """One meeting of a group; a new one defaults to its latest meeting day not recorded
    yet (else today) and "attended"."""

    def __init__(
        self,
        bus: JournalBus,
        group_id: int,
        clock: Clock = SYSTEM_CLOCK,
        meeting_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(bus, parent)
        self._clock = clock
        self.group_id = group_id
        self.meeting_id = meeting_id
        self.setObjectName("meetingForm")
        group = load_group_draft(group_id)
        self._group_name = group.name
        self.setWindowTitle(self.tr("Meeting of %1").replace("%1", group.name))
        # Days that already have a meeting: recording one of them again replaces it.
        self._recorded = {row.held_on: row.id for row in meeting_rows(group_id)}
        today = clock.today()

        self.date_edit = DateInput(self)
        self.date_edit.setObjectName("meetingDate")
        if group.joined_on is not None:
            self.date_edit.setMinimumDate(to_qdate(group.joined_on))
        # Recording after the evening: last Thursday's meeting, not one "today" (Tuesday).
        self.date_edit.setDate(to_qdate(likely_meeting_day(group_id, today)))
        self.same_day_note = QLabel(self)
        self.same_day_note.setObjectName("sameDayNote")
        self.same_day_note.setWordWrap(True)
        self.same_day_note.setText(
            self.tr("A meeting on this day is already recorded; saving replaces it.")
        )
        # Opened to record the meeting of a day already recorded (today, mostly): that one
        # is opened to edit, so saving cannot wipe what was noted about it.
        if meeting_id is None:
            meeting_id = self._recorded.get(to_date(self.date_edit.date()))
        if meeting_id is not None:
            self._editing(meeting_id)
        self.edit_recorded = QPushButton(self.tr("&Edit that meeting instead"), self)
        self.edit_recorded.setObjectName("editRecordedMeeting")
        self.edit_recorded.setAutoDefault(False)
        self.edit_recorded.clicked.connect(self._edit_recorded)

        self.attendance_box = QGroupBox(self.tr("&Were you there?"), self)
        self.attendance_group = QButtonGroup(self)
        self.attendance_buttons: dict[str, QRadioButton] = {}
        box_layout = QHBoxLayout(self.attendance_box)
        for code, text in labels.attendance().items():
            button = QRadioButton(text, self.attendance_box)
            button.setObjectName(f"attendance_{code}")
            button.setAccessibleName(text)
            self.attendance_group.addButton(button)
            self.attendance_buttons[code] = button
            box_layout.addWidget(button)
        self.attendance_buttons["attended"].setChecked(True)

        self.rating_combo = QComboBox(self)
        self.rating_combo.setObjectName("meetingRating")
        for code, text in labels.meeting_ratings().items():
            self.rating_combo.addItem(text if code else self.tr("Not rated"), code)
        usual = (
            self.tr("usual (%1 min)").replace("%1", str(group.meeting_minutes))
            if group.meeting_minutes is not None
            else self.tr("usual length")
        )
        self.minutes_spin = optional_spin(1440, usual, self.tr(" min"))
        self.minutes_spin.setObjectName("meetingMinutes")
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("meetingNotes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(70)
        self.people = ContactPicker(self)
        self.people.setObjectName("meetingPeople")

        form = QFormLayout()
        self._row(form, "date", self.tr("&Date"), self.date_edit)
        form.addRow("", self.same_day_note)
        form.addRow("", self.edit_recorded)
        form.addRow(self.attendance_box)
        first_choice = self.attendance_buttons["attended"]
        self._fields["attendance"] = (plain(self.attendance_box.title()), first_choice)
        self._row(form, "rating", self.tr("&How was it?"), self.rating_combo)
        self._row(form, "length (minutes)", self.tr("&Length"), self.minutes_spin)
        self._row(form, "notes", self.tr("N&otes"), self.notes_edit)
        self._row(form, "people met", self.tr("&People met"), self.people, self.people.line)
        self._fields["people met"] = (plain(self.tr("&People met")), self.people.line)
        body = QVBoxLayout()
        body.addLayout(form)
        self._set_body(body)

        order: list[QWidget] = [
            self.date_edit,
            *self.attendance_buttons.values(),
            self.rating_combo,
            self.minutes_spin,
            self.notes_edit,
            self.people.line,
            self.save_button,
            self.cancel_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        if meeting_id is not None:
            self._load(meeting_id)
        self.date_edit.dateChanged.connect(self._date_changed)
        self._date_changed(self.date_edit.date())
        self.date_edit.setFocus()

    def _load(self, meeting_id: int) -> None:
        draft = load_meeting_draft(meeting_id)
        self.date_edit.setDate(to_qdate(draft.held_on))
        button = self.attendance_buttons.get(draft.attendance)
        if button is not None:
            button.setChecked(True)
        position = self.rating_combo.findData(draft.rating)
        self.rating_combo.setCurrentIndex(max(position, 0))
        set_spin(self.minutes_spin, draft.minutes)
        self.notes_edit.setPlainText(draft.notes)
        self.people.set_contact_ids(draft.people_ids)

    def _date_changed(self, day: QDate) -> None:
        other = self._recorded.get(to_date(day))
        clash = other is not None and other != self.meeting_id
        self.same_day_note.setVisible(clash)
        self.edit_recorded.setVisible(clash and self.meeting_id is None)

    def _editing(self, meeting_id: int) -> None:
        """From now on the form edits this recorded meeting (loaded by the caller)."""
        self.meeting_id = meeting_id
        self.setWindowTitle(self.tr("Edit meeting of %1").replace("%1", self._group_name))
        self.same_day_note.setText(
            self.tr("Another meeting is recorded on this day: choose another day.")
        )

    def _edit_recorded(self) -> None:
        """Switch to editing the meeting already recorded on the day chosen."""
        other = self._recorded.get(to_date(self.date_edit.date()))
        if other is None:
            return
        self._editing(other)
        self._load(other)
        self._date_changed(self.date_edit.date())

    def attendance(self) -> str:
        """The attendance code ticked."""
        return next(
            (code for code, b in self.attendance_buttons.items() if b.isChecked()), "attended"
        )

    def draft(self) -> MeetingDraft:
        """What the form says, as the core's draft."""
        self.people.choose_typed("people met")
        return MeetingDraft(
            group_id=self.group_id,
            held_on=to_date(typed_date_time(self.date_edit, "date").date()),
            attendance=self.attendance(),
            rating=self.rating_combo.currentData(),
            minutes=spin_value(self.minutes_spin),
            notes=self.notes_edit.toPlainText(),
            people_ids=self.people.contact_ids(),
        )

    def save(self) -> bool:
        draft = self.draft()
        if self.meeting_id is None:
            result = self.run_write(record_meeting, draft, clock=self._clock)
        else:
            result = self.run_write(edit_meeting, self.meeting_id, draft, clock=self._clock)
        if result is None:
            return False
        self.meeting_id = result.value
        return True

    def held_on(self) -> dt.date:
        """The day in the form."""
        return to_date(self.date_edit.date())
