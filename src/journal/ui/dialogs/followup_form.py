"""Plan or change a follow-up: for whom, what, and by when."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from journal.core import followups
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import ValidationError
from journal.core.followups import FollowUpDraft
from journal.ui.bus import JournalBus
from journal.ui.dialogs.form_support import ErrorBanner, save_cancel_buttons, stack
from journal.ui.widgets.contact_picker import ContactPicker
from journal.ui.widgets.typed_date import DateInput, typed_date_time


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class FollowUpForm(QDialog):
    """The form for one follow-up. Saves through the bus; stays open on a mistake."""

    def __init__(
        self,
        bus: JournalBus,
        followup_id: int | None = None,
        *,
        contact_id: int | None = None,
        clock: Clock = SYSTEM_CLOCK,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("followUpForm")
        self.bus = bus
        self.clock = clock
        self.followup_id = followup_id
        self.saved_id: int | None = None
        self.setWindowTitle(
            self.tr("Follow up") if followup_id is None else self.tr("Edit follow-up")
        )
        self.banner = ErrorBanner(self)
        self.person = ContactPicker(self, single=True)
        self.person.setAccessibleName(self.tr("With"))
        self.text = QLineEdit(self)
        self.text.setObjectName("followUpText")
        self.text.setAccessibleName(self.tr("What to do"))
        self.text.setPlaceholderText(self.tr("e.g. send the proposal, ask how the move went"))
        self.due = DateInput(self)
        self.due.setObjectName("followUpDue")
        self.due.setAccessibleName(self.tr("Due"))
        form = QFormLayout()
        form.addRow(self.tr("&With:"), self.person)
        form.addRow(self.tr("&What:"), self.text)
        form.addRow(self.tr("&Due:"), self.due)
        buttons, self.save_button = save_cancel_buttons(self, self.save, "saveFollowUp")
        stack(self, self.banner, form, buttons)
        self.resize(460, 220)
        if followup_id is not None:
            row = followups.followup_row(followup_id)
            if row.contact_id is not None:
                self.person.set_contact_ids([row.contact_id])
            self.text.setText(row.text)
            self.due.setDate(_qdate(row.due_on))
        else:
            if contact_id is not None:
                self.person.set_contact_ids([contact_id])
            self.due.setDate(_qdate(clock.today() + dt.timedelta(days=7)))
        self.text.setFocus()

    def draft(self) -> FollowUpDraft:
        """What the form says now."""
        q = typed_date_time(self.due, "due date").date()
        self.person.choose_typed("contact")
        people = self.person.contact_ids()
        return FollowUpDraft(
            due_on=dt.date(q.year(), q.month(), q.day()),
            text=self.text.text(),
            contact_id=people[0] if people else None,
        )

    def save(self) -> None:
        """Validate and store; on a mistake, say which field and keep the form open."""
        self.banner.clear_error()
        try:
            if self.followup_id is None:
                result = self.bus.run(
                    followups.add_followup,
                    self.draft(),
                    self.clock,
                    parent=self,
                    raise_validation=True,
                )
            else:
                result = self.bus.run(
                    followups.edit_followup,
                    self.followup_id,
                    self.draft(),
                    self.clock,
                    parent=self,
                    raise_validation=True,
                )
        except ValidationError as error:
            self.banner.show_error(error)
            widget = {"due date": self.due, "contact": self.person.line}.get(error.field, self.text)
            widget.setFocus()
            return
        if result is not None:
            self.saved_id = result.value
            self.accept()
