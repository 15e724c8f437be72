"""Log or edit a timeline entry: what happened, when, with whom, and what it was worth."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from journal.core import followups, interactions
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import ValidationError
from journal.core.group_queries import group_names, meeting_rows
from journal.core.interactions import InteractionDraft
from journal.ui import labels
from journal.ui.bus import JournalBus
from journal.ui.dialogs.form_support import ErrorBanner, save_cancel_buttons, show_starts, stack
from journal.ui.formatting import editable_amount, plain_date, preferred_currency, typed_amount
from journal.ui.widgets.contact_picker import ContactPicker
from journal.ui.widgets.followup_when import FollowUpWhen
from journal.ui.widgets.typed_date import DateTimeInput, typed_date_time

CURRENCIES = ("", "EUR", "USD", "GBP", "CHF", "CAD", "AUD", "JPY", "INR", "SEK")


class InteractionForm(QDialog):
    """The form for one timeline entry. Saves through the bus; stays open on a mistake."""

    def __init__(
        self,
        bus: JournalBus,
        interaction_id: int | None = None,
        *,
        contact_ids: list[int] | None = None,
        group_id: int | None = None,
        kind: str | None = None,
        summary: str = "",
        completes: list[int] | None = None,
        clock: Clock = SYSTEM_CLOCK,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("interactionForm")
        self.bus = bus
        self.clock = clock
        self.interaction_id = interaction_id
        self.saved_id: int | None = None
        # Follow-ups this entry answers: marked done when it is saved, in the same write.
        self.completes = list(completes or [])
        self.setWindowTitle(
            self.tr("Log an interaction") if interaction_id is None else self.tr("Edit entry")
        )
        self.banner = ErrorBanner(self)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        self.kind.setAccessibleName(self.tr("Kind"))
        for code, text in labels.interaction_kinds().items():
            self.kind.addItem(text, code)
        self.when = DateTimeInput(self)
        self.when.setObjectName("when")
        self.when.setAccessibleName(self.tr("When"))
        self.people = ContactPicker(self)
        self.people.setObjectName("people")
        self.people.line.setObjectName("peopleInput")
        self.people.setAccessibleName(self.tr("People"))
        self.summary = QLineEdit(self)
        self.summary.setObjectName("summary")
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setPlaceholderText(self.tr("What happened, in a line"))
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.direction = QComboBox(self)
        self.direction.setAccessibleName(self.tr("Direction"))
        for code, text in labels.directions().items():
            self.direction.addItem(text, code)
        self.amount = QLineEdit(self)
        self.amount.setObjectName("amount")
        self.amount.setAccessibleName(self.tr("Business value"))
        self.amount.setPlaceholderText(self.tr("e.g. 1200"))
        self.currency = QComboBox(self)
        self.currency.setObjectName("currency")
        self.currency.setEditable(True)
        self.currency.addItems(list(CURRENCIES))
        self.currency.setAccessibleName(self.tr("Currency"))
        # A value not known for sure yet (a referral's likely worth): the timeline shows it
        # as "≈ 1,200 USD" and the review keeps it apart from money that changed hands.
        self.estimated = QLineEdit(self)
        self.estimated.setObjectName("estimated")
        self.estimated.setAccessibleName(self.tr("Estimated value"))
        self.estimated.setPlaceholderText(self.tr("if not known for sure yet, e.g. 800"))
        money_row = QHBoxLayout()
        money_row.addWidget(self.amount, 1)
        money_row.addWidget(self.currency)
        self.group = QComboBox(self)
        self.group.setObjectName("group")
        self.group.setAccessibleName(self.tr("Group"))
        self.group.addItem(self.tr("(none)"), None)
        for gid, name in group_names():
            self.group.addItem(name, gid)
        self.meeting = QComboBox(self)
        self.meeting.setObjectName("meeting")
        self.meeting.setAccessibleName(self.tr("Meeting"))
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&When:"), self.when)
        form.addRow(self.tr("&People:"), self.people)
        form.addRow(self.tr("&Summary:"), self.summary)
        form.addRow(self.tr("&Notes:"), self.notes)
        form.addRow(self.tr("&Direction:"), self.direction)
        value_label = QLabel(self.tr("&Amount:"), self)  # as its errors name it
        value_label.setBuddy(self.amount)  # a row holding a layout gets no buddy by itself
        form.addRow(value_label, money_row)
        form.addRow(self.tr("Es&timated:"), self.estimated)
        form.addRow(self.tr("&Group:"), self.group)
        form.addRow(self.tr("M&eeting:"), self.meeting)
        self.form_layout = form
        self._fill_meetings()
        self.group.currentIndexChanged.connect(self._fill_meetings)
        self.follow_up = FollowUpWhen(clock.today(), self)
        self.follow_up.setAccessibleName(self.tr("Follow up"))
        self.follow_up_text = QLineEdit(self)
        self.follow_up_text.setObjectName("followUpText")
        self.follow_up_text.setAccessibleName(self.tr("What to follow up on"))
        self.follow_up_text.setPlaceholderText(self.tr("What to do then (default: the summary)"))
        self.follow_up_text.setVisible(False)
        self.follow_up.changed.connect(
            lambda: self.follow_up_text.setVisible(self.follow_up.value() is not None)
        )
        if interaction_id is None:
            form.addRow(self.tr("&Follow up:"), self.follow_up)
            form.addRow("", self.follow_up_text)
        else:
            self.follow_up.hide()
        buttons, self.save_button = save_cancel_buttons(self, self.save, "saveInteraction")
        stack(self, self.banner, form, buttons)
        self.resize(520, 460)
        if interaction_id is not None:
            self._load(interactions.load_interaction_draft(interaction_id))
        else:
            self._set_when(clock.now())
            self.currency.setCurrentText(preferred_currency())
            self.people.set_contact_ids(contact_ids or [])
            if kind is not None:
                self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
            self.summary.setText(summary)
            if group_id is not None:
                self.group.setCurrentIndex(max(0, self.group.findData(group_id)))
        self.kind.setFocus()

    def _set_when(self, instant: dt.datetime) -> None:
        self.when.setDateTime(
            QDateTime.fromSecsSinceEpoch(int(instant.timestamp()), QTimeZone.systemTimeZone())
        )

    def _load(self, draft: InteractionDraft) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(draft.kind)))
        self._set_when(draft.occurred_at)
        self.people.set_contact_ids(draft.participant_ids)
        self.summary.setText(draft.summary)
        show_starts(self.summary)
        self.notes.setPlainText(draft.notes)
        self.direction.setCurrentIndex(max(0, self.direction.findData(draft.direction)))
        self.amount.setText(editable_amount(draft.amount))
        # An entry without an amount has no currency: one typed now starts in the usual one.
        self.currency.setCurrentText(draft.currency or preferred_currency())
        self.group.setCurrentIndex(max(0, self.group.findData(draft.group_id)))
        # Not in the list when an older version left it linked to another group's meeting:
        # it then shows (and saves) as no meeting.
        self.meeting.setCurrentIndex(max(0, self.meeting.findData(draft.meeting_id)))
        self.estimated.setText(editable_amount(draft.estimated_amount))

    def _fill_meetings(self) -> None:
        """Offer only the chosen group's meetings; with no group, no meeting row at all."""
        group_id = self.group.currentData()
        self.meeting.clear()  # a meeting is one group's: a new group lets go of the old one's
        self.meeting.addItem(self.tr("(none)"), None)
        if group_id is not None:
            attendance = labels.attendance()
            template = self.tr("%1 (%2)", "a meeting's day and whether you were there")
            for row in meeting_rows(group_id):
                said = attendance.get(row.attendance, row.attendance)
                text = template.replace("%1", plain_date(row.held_on)).replace("%2", said)
                self.meeting.addItem(text, row.id)
        self.form_layout.setRowVisible(self.meeting, group_id is not None)

    def draft(self) -> InteractionDraft:
        """What the form says now."""
        seconds = typed_date_time(self.when, "when").toSecsSinceEpoch()
        self.people.choose_typed("people")
        return InteractionDraft(
            kind=str(self.kind.currentData()),
            occurred_at=dt.datetime.fromtimestamp(seconds, dt.timezone.utc),
            summary=self.summary.text(),
            notes=self.notes.toPlainText(),
            direction=str(self.direction.currentData()),
            # Read here, where the locale is known: "1.200" is 1200 in German, 1.2 in English.
            amount=typed_amount("amount", self.amount.text()),
            estimated_amount=typed_amount("estimated amount", self.estimated.text()),
            # The currency box starts filled in: it means something only beside an amount.
            currency=self.currency.currentText()
            if self.amount.text().strip() or self.estimated.text().strip()
            else "",
            group_id=self.group.currentData(),
            meeting_id=self.meeting.currentData(),
            participant_ids=self.people.contact_ids(),
        )

    def save(self) -> None:
        """Validate and store; on a mistake, say which field and keep the form open."""
        self.banner.clear_error()
        try:
            if self.interaction_id is None:
                due = self.follow_up.value("follow up")
                plan = (
                    followups.FollowUpPlan(due, self.follow_up_text.text())
                    if due is not None
                    else None
                )
                logged = self.bus.run(
                    followups.log_with_followup,
                    self.draft(),
                    plan,
                    self.completes,
                    self.clock,
                    parent=self,
                    raise_validation=True,
                )
                if logged is not None:
                    self.saved_id = logged.value.interaction_id
                    self.accept()
                return
            else:
                result = self.bus.run(
                    interactions.edit_interaction,
                    self.interaction_id,
                    self.draft(),
                    self.clock,
                    parent=self,
                    raise_validation=True,
                )
        except ValidationError as error:
            self.banner.show_error(error)
            fields = {
                "summary": self.summary,
                "amount": self.amount,
                "estimated": self.estimated,
                "currency": self.currency,
                "when": self.when,
                "people": self.people.line,
                "kind": self.kind,
                "group": self.group,
                "meeting": self.meeting,
                "follow": self.follow_up,
            }
            for name, widget in fields.items():
                if error.field.startswith(name):
                    widget.setFocus()
                    break
            return
        if result is not None:
            self.saved_id = result.value.id
            self.accept()
