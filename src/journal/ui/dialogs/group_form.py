"""The group form (a membership and what it asks of you) and the "add members" dialog."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journal.core.changes import Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import ValidationError
from journal.core.groups import (
    GroupDraft,
    add_members,
    apologies_withdrawn,
    check_group,
    create_group,
    load_group_draft,
    update_group,
)
from journal.ui import labels
from journal.ui.bus import JournalBus
from journal.ui.dialogs.form_support import ErrorBanner, show_starts
from journal.ui.formatting import editable_amount, plain_date, preferred_currency, typed_amount
from journal.ui.widgets.contact_picker import ContactPicker
from journal.ui.widgets.optional_date import OptionalDateEdit

T = TypeVar("T")

COMMON_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CAD", "AUD", "NZD", "JPY", "SEK", "NOK", "DKK")


def plain(label: str) -> str:
    """A label without its mnemonic marker, for messages."""
    return label.replace("&&", "\x00").replace("&", "").replace("\x00", "&")


def to_qdate(day: dt.date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> dt.date:
    """A QDate as a Python date."""
    return dt.date(day.year(), day.month(), day.day())


def optional_spin(maximum: int, special: str, suffix: str = "") -> QSpinBox:
    """A spin box whose lowest value (-1) means "not set", shown as `special`."""
    spin = QSpinBox()
    spin.setRange(-1, maximum)
    spin.setSpecialValueText(special)
    spin.setSuffix(suffix)
    spin.setValue(-1)
    spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
    return spin


def spin_value(spin: QSpinBox) -> int | None:
    """The spin box's number, or None at its "not set" value."""
    return None if spin.value() == spin.minimum() else spin.value()


def set_spin(spin: QSpinBox, value: int | None) -> None:
    """Show a stored number, or "not set"."""
    spin.setValue(spin.minimum() if value is None else value)


def select_data(combo: QComboBox, value: object) -> None:
    """Select the item carrying `value` (stored code), if there is one."""
    position = combo.findData(value)
    if position >= 0:
        combo.setCurrentIndex(position)


class FormDialog(QDialog):
    """A form that writes through the bus; a refused field is named at the top, form kept open."""

    def __init__(self, bus: JournalBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._fields: dict[str, tuple[str, QWidget]] = {}
        self.error_label = ErrorBanner(self)  # the house's red banner, legible in any theme
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote user text
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("&Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.buttons.accepted.connect(self._save_and_close)
        self.buttons.rejected.connect(self.reject)

    def _set_body(self, body: QLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_label)
        layout.addLayout(body)
        layout.addWidget(self.buttons)

    def _field(self, code: str, label: str, widget: QWidget, caption: str = "") -> QWidget:
        """Register `widget` as where the core's field `code` is typed (for error messages).

        `caption`: the row's caption when the widget shares a row with others (errors name
        what the user sees; the screen reader still hears `label`).
        """
        self._fields[code] = (plain(caption or label), widget)
        widget.setAccessibleName(plain(label))
        return widget

    def _row(
        self,
        form: QFormLayout,
        code: str,
        label: str,
        widget: QWidget,
        buddy: QWidget | None = None,
    ) -> None:
        """A captioned row whose mnemonic jumps to `buddy` (or the widget itself)."""
        # "Name:", as every form of the app captions its rows (the field keeps "Name");
        # a question ("How was it?") is a caption already, and "?:" would read as a slip.
        text = label if label.endswith((":", "?")) else self.tr("%1:").replace("%1", label)
        caption = QLabel(text, self)
        caption.setBuddy(buddy or widget)
        form.addRow(caption, widget)
        self._field(code, label, widget)

    def save(self) -> bool:
        """Write the form through the bus; True when stored."""
        raise NotImplementedError

    def _save_and_close(self) -> None:
        try:
            saved = self.save()
        except ValidationError as error:  # a field the form could not read (a half-typed date)
            self.show_error(error.field, error.problem)
            return
        if saved:
            self.accept()

    def run_write(
        self, operation: Callable[..., Result[T]], *args: Any, **kwargs: Any
    ) -> Result[T] | None:
        """One core write; a ValidationError is shown in the form instead of a message box."""
        try:
            return self._bus.run(operation, *args, parent=self, raise_validation=True, **kwargs)
        except ValidationError as error:
            self.show_error(error.field, error.problem)
            return None

    def show_error(self, field: str, problem: str) -> None:
        """Name the field and the problem at the top, and put the cursor where it can be fixed."""
        label, widget = self._fields.get(field, (field, None))
        self.error_label.show_message(self.tr("%1: %2").replace("%1", label).replace("%2", problem))
        if widget is not None:
            self.error_label.clear_when_edited(widget)
            if isinstance(widget, OptionalDateEdit):
                widget.focus_date()
                return
            target = widget.focusProxy() or widget
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(target, (QLineEdit, QAbstractSpinBox)):
                target.selectAll()

    def error_text(self) -> str:
        """The message shown at the top ("" when none)."""
        return self.error_label.text() if not self.error_label.isHidden() else ""


class GroupForm(FormDialog):
    """Create or edit a group the user belongs to, with everything it demands."""

    def __init__(
        self,
        bus: JournalBus,
        clock: Clock = SYSTEM_CLOCK,
        group_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(bus, parent)
        self._clock = clock
        self.group_id = group_id
        self.setObjectName("groupForm")
        self.setWindowTitle(self.tr("New group") if group_id is None else self.tr("Edit group"))
        today = clock.today()

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("groupName")
        self.name_edit.setPlaceholderText(self.tr("e.g. Thursday breakfast club"))
        self.kind_combo = self._combo("groupKind", labels.group_kinds())
        self.status_combo = self._combo("groupStatus", labels.group_statuses())
        self.joined = self._date_field("joined", today)
        self.joined.edit.setMaximumDate(to_qdate(today))
        self.left = self._date_field("left", today)
        # A leaving date ends the membership; show it rather than let the core change it.
        self._loading = False
        self.left.known.toggled.connect(self._left_ticked)
        self.status_combo.currentIndexChanged.connect(self._status_chosen)
        self.notes_edit = self._text_box("groupNotes")

        self.cadence_combo = self._combo("meetingCadence", labels.cadences())
        self.weekday_combo = QComboBox(self)
        self.weekday_combo.setObjectName("meetingWeekday")
        self.weekday_combo.addItem(self.tr("Any day"), None)
        for number, day_name in enumerate(labels.weekdays()):
            self.weekday_combo.addItem(day_name, number)
        self.required_spin = optional_spin(100, self.tr("not required"), self.tr("%"))
        self.required_spin.setObjectName("requiredAttendance")
        self.meeting_spin = optional_spin(1440, self.tr("not set"), self.tr(" min"))
        self.meeting_spin.setObjectName("meetingMinutes")
        self.travel_spin = optional_spin(1440, self.tr("not set"), self.tr(" min"))
        self.travel_spin.setObjectName("travelMinutes")
        self.dues_edit = QLineEdit(self)
        self.dues_edit.setObjectName("duesAmount")
        self.dues_edit.setPlaceholderText(self.tr("none"))
        self.dues_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000000.00"))
        # No validator: it dropped a decimal comma as it was typed ("12,50" became 1250) and a
        # minus sign ("-50" became 50). The amount is read on saving, the locale's way
        # (typed_amount), and a mistake is named at the field.
        self.currency_combo = QComboBox(self)
        self.currency_combo.setObjectName("duesCurrency")
        self.currency_combo.setEditable(True)
        self.currency_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency_combo.addItems(list(COMMON_CURRENCIES))
        self.currency_combo.lineEdit().setValidator(
            QRegularExpressionValidator(QRegularExpression(r"^[A-Za-z]{0,3}$"))
        )
        self.currency_combo.setEditText(preferred_currency())
        self.period_combo = self._combo("duesPeriod", labels.dues_periods())
        self.role_edit = QLineEdit(self)
        self.role_edit.setObjectName("role")
        self.role_edit.setPlaceholderText(self.tr("e.g. treasurer, host, none"))
        self.role_hours_spin = optional_spin(744, self.tr("not set"), self.tr(" h"))
        self.role_hours_spin.setObjectName("roleHours")
        self.referral_spin = optional_spin(1000, self.tr("no quota"))
        self.referral_spin.setObjectName("referralQuota")
        self.rules_edit = self._text_box("rules")

        membership = QGroupBox(self.tr("Membership"), self)
        form = QFormLayout(membership)
        self._row(form, "name", self.tr("&Name"), self.name_edit)
        self._row(form, "kind", self.tr("&Kind"), self.kind_combo)
        self._row(form, "status", self.tr("S&tatus"), self.status_combo)
        self._row(form, "joined", self.tr("&Joined on"), self.joined, self.joined.known)
        self._row(form, "left", self.tr("&Left on"), self.left, self.left.known)
        self._row(form, "notes", self.tr("N&otes"), self.notes_edit)

        demands = QGroupBox(self.tr("What it asks of you"), self)
        form = QFormLayout(demands)
        self._row(form, "meeting cadence", self.tr("&Meets"), self.cadence_combo)
        self._row(form, "meeting weekday", self.tr("On &day"), self.weekday_combo)
        row = self._row
        row(form, "required attendance %", self.tr("&Required attendance"), self.required_spin)
        row(form, "meeting length (minutes)", self.tr("Meeting len&gth"), self.meeting_spin)
        row(form, "travel time (minutes)", self.tr("Tra&vel time"), self.travel_spin)
        dues_row = QHBoxLayout()
        dues_row.addWidget(self.dues_edit, 2)
        dues_row.addWidget(self.currency_combo, 1)
        dues_row.addWidget(self.period_combo, 2)
        dues_label = QLabel(self.tr("D&ues:"), self)
        dues_label.setBuddy(self.dues_edit)
        form.addRow(dues_label, dues_row)
        self._field("dues", self.tr("Dues"), self.dues_edit)
        # One "Dues:" row holds the amount, the currency and how often: errors say "Dues".
        self._field("dues currency", self.tr("Dues currency"), self.currency_combo, self.tr("Dues"))
        self._field("dues period", self.tr("Dues paid"), self.period_combo, self.tr("Dues"))
        row(form, "role", self.tr("&Your role"), self.role_edit)
        row(form, "role hours per month", self.tr("Role &hours per month"), self.role_hours_spin)
        row(form, "referral quota per month", self.tr("Re&ferrals per month"), self.referral_spin)
        row(form, "rules", self.tr("Rul&es"), self.rules_edit)

        body = QHBoxLayout()
        body.addWidget(membership, 1)
        body.addWidget(demands, 1)
        self._set_body(body)
        self.resize(max(self.sizeHint().width(), 820), self.sizeHint().height())
        self._chain_tab_order()
        if group_id is not None:
            self._load(group_id)
        self.name_edit.setFocus()

    # --- building -----------------------------------------------------------------------

    def _date_field(self, name: str, today: dt.date) -> OptionalDateEdit:
        field = OptionalDateEdit(self.tr("known"), self)
        field.setObjectName(name)
        field.known.setObjectName(f"{name}Known")
        field.edit.setObjectName(f"{name}On")
        field.edit.setDate(to_qdate(today))  # shown while unknown; never stored unticked
        return field

    def _combo(self, name: str, choices: dict[str, str]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for code, text in choices.items():
            combo.addItem(text, code)
        return combo

    def _text_box(self, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setObjectName(name)
        box.setTabChangesFocus(True)  # Tab leaves the box, as in every other field
        box.setMinimumHeight(60)
        return box

    def _chain_tab_order(self) -> None:
        order: list[QWidget] = [
            self.name_edit,
            self.kind_combo,
            self.status_combo,
            self.joined.known,
            self.joined.edit,
            self.left.known,
            self.left.edit,
            self.notes_edit,
            self.cadence_combo,
            self.weekday_combo,
            self.required_spin,
            self.meeting_spin,
            self.travel_spin,
            self.dues_edit,
            self.currency_combo,
            self.period_combo,
            self.role_edit,
            self.role_hours_spin,
            self.referral_spin,
            self.rules_edit,
            self.save_button,
            self.cancel_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _left_ticked(self, known: bool) -> None:
        if self._loading:
            return
        if known:
            select_data(self.status_combo, "left")
        elif self.status_combo.currentData() == "left":
            # Unticking the day left is rejoining. Left as "Left", Save made the day left
            # today, charging the months since as a member.
            select_data(self.status_combo, "active")

    def _status_chosen(self) -> None:
        if self._loading:
            return
        # Back in a group left before: the day left goes too. Kept, it made the core read
        # the membership as ended, and Save put the status back to "Left" without a word.
        # Choosing "Left" again shows the day left again (the date kept its value): Save
        # made it today.
        self.left.known.setChecked(self.status_combo.currentData() == "left")

    def _load(self, group_id: int) -> None:
        draft = load_group_draft(group_id)
        self._loading = True  # the status and the day left as stored, not as each implies
        self.name_edit.setText(draft.name)
        select_data(self.kind_combo, draft.kind)
        select_data(self.status_combo, draft.status)
        self.joined.set_value(draft.joined_on)
        self.left.set_value(draft.left_on)
        self._loading = False
        self.notes_edit.setPlainText(draft.notes)
        select_data(self.cadence_combo, draft.meeting_cadence)
        select_data(self.weekday_combo, draft.meeting_weekday)
        set_spin(self.required_spin, draft.required_attendance_pct)
        set_spin(self.meeting_spin, draft.meeting_minutes)
        set_spin(self.travel_spin, draft.travel_minutes)
        if draft.dues_amount is not None:
            self.dues_edit.setText(editable_amount(draft.dues_amount))
        self.currency_combo.setEditText(draft.dues_currency)
        select_data(self.period_combo, draft.dues_period)
        self.role_edit.setText(draft.role)
        set_spin(self.role_hours_spin, draft.role_hours_per_month)
        set_spin(self.referral_spin, draft.referral_quota_per_month)
        self.rules_edit.setPlainText(draft.rules)
        show_starts(self.name_edit, self.role_edit)

    # --- saving -------------------------------------------------------------------------

    def draft(self) -> GroupDraft:
        """What the form says, as the core's draft."""
        # Read here, where the locale is known: "1.200" is 1200 in German, 1.2 in English.
        amount = typed_amount("dues", self.dues_edit.text())
        return GroupDraft(
            name=self.name_edit.text(),
            kind=self.kind_combo.currentData(),
            status=self.status_combo.currentData(),
            joined_on=self.joined.value("joined"),
            left_on=self.left.value("left"),
            notes=self.notes_edit.toPlainText(),
            meeting_cadence=self.cadence_combo.currentData(),
            meeting_weekday=self.weekday_combo.currentData(),
            required_attendance_pct=spin_value(self.required_spin),
            meeting_minutes=spin_value(self.meeting_spin),
            travel_minutes=spin_value(self.travel_spin),
            dues_amount=amount,
            dues_currency=self.currency_combo.currentText().strip() if amount is not None else "",
            dues_period=self.period_combo.currentData(),
            role=self.role_edit.text(),
            role_hours_per_month=spin_value(self.role_hours_spin),
            referral_quota_per_month=spin_value(self.referral_spin),
            rules=self.rules_edit.toPlainText(),
        )

    def save(self) -> bool:
        draft = self.draft()
        if self.group_id is None:
            result = self.run_write(create_group, draft, clock=self._clock)
        else:
            if not self._withdraw_apologies(self.group_id, draft):
                return False
            result = self.run_write(update_group, self.group_id, draft, clock=self._clock)
        if result is None:
            return False
        self.group_id = result.value
        return True

    def _withdraw_apologies(self, group_id: int, draft: GroupDraft) -> bool:
        """Whether to save a leaving that withdraws apologies sent for meetings ahead:
        asked, as it removes them from the meeting log."""
        today = self._clock.today()
        days = apologies_withdrawn(group_id, draft, today)
        if not days:
            return True
        try:
            check_group(group_id, draft, today)
        except ValidationError:
            return True  # saving names the problem in the form: nothing to ask yet
        shown = ", ".join(map(plain_date, days))
        return self._bus.dialogs.confirm(
            self,
            self.tr("Withdraw your apologies?"),
            self.tr(
                "You sent apologies for %n meeting(s) still ahead: %1. Leaving the group "
                "withdraws them from its meeting log.",
                "",
                len(days),
            ).replace("%1", shown),
            self.tr("Leave and withdraw"),
        )


class AddMembersDialog(FormDialog):
    """Note people who belong to a group too: pick them, then Add."""

    def __init__(
        self, bus: JournalBus, group_id: int, group_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(bus, parent)
        self._group_id = group_id
        self.setObjectName("addMembersDialog")
        self.setWindowTitle(self.tr("Add members to %1").replace("%1", group_name))
        self.save_button.setText(self.tr("&Add"))
        self.picker = ContactPicker(self)
        self.picker.setObjectName("memberPicker")
        caption = QLabel(
            self.tr("&People who belong to %1").replace("%1", group_name.replace("&", "&&")), self
        )
        caption.setBuddy(self.picker.line)
        self._field("member", self.tr("People"), self.picker.line)
        body = QVBoxLayout()
        body.addWidget(caption)
        body.addWidget(self.picker)
        self._set_body(body)
        self.picker.line.setFocus()

    def save(self) -> bool:
        self.picker.choose_typed("member")
        chosen = self.picker.contact_ids()
        if not chosen:
            self.show_error("member", self.tr("choose at least one person"))
            return False
        return self.run_write(add_members, self._group_id, chosen) is not None
