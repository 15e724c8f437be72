"""Item models of the review: the people worth keeping (checkable, with an editable cadence)
and the decisions of past reviews."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from journal.core.recommend import follows, hours_text
from journal.core.review import KeptPerson, PastDecision
from journal.ui import review_texts
from journal.ui.formatting import plain_date
from journal.ui.models.group_models import percent
from journal.ui.models.row_table import RowTableModel

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_Display = Qt.ItemDataRole.DisplayRole
_Edit = Qt.ItemDataRole.EditRole
_Check = Qt.ItemDataRole.CheckStateRole
_ToolTip = Qt.ItemDataRole.ToolTipRole
IdRole = Qt.ItemDataRole.UserRole + 1
MAX_DAYS = 3650


class PeopleToKeepModel(RowTableModel[KeptPerson]):
    """People worth keeping: tick who to stay in touch with, and how often (days)."""

    KEEP, NAME, GROUPS, WHY, EVERY = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: dict[int, str] = {}
        self._keep: list[bool] = []
        self._days: list[int] = []
        self._headers = [
            self.tr("Keep in touch"),
            self.tr("Name"),
            self.tr("Through"),
            self.tr("Why"),
            self.tr("Every"),
        ]

    def set_people(self, people: list[KeptPerson], group_names: dict[int, str]) -> None:
        """Offer these people; those without a rhythm yet are ticked, with the one suggested."""
        self.beginResetModel()
        self._rows = list(people)
        self._groups = dict(group_names)
        self._keep = [k.person.stay_in_touch_days is None for k in self._rows]
        self._days = [k.person.suggested_days for k in self._rows]
        self.endResetModel()

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.KEEP:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == self.EVERY:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = _Display) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = index.row()
        kept = self._rows[row]
        person = kept.person
        column = index.column()
        if role == IdRole:
            return person.contact_id
        if column == self.KEEP and role == _Check:
            return Qt.CheckState.Checked if self._keep[row] else Qt.CheckState.Unchecked
        if column == self.EVERY and role == _Edit:
            return self._days[row]
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.KEEP:
            return self._headers[self.KEEP]
        if role not in (_Display, _ToolTip):
            return None
        if column == self.KEEP:
            # Words beside the box: a check mark alone is easy to miss in a dark palette.
            if self._keep[row]:
                return self.tr("Keep")
            # Unticked leaves a rhythm as it is: "No" read as if the reminders would stop.
            return self.tr("Already") if person.stay_in_touch_days is not None else self.tr("No")
        if column == self.NAME:
            return person.name
        if column == self.GROUPS:
            return ", ".join(self._groups.get(g, "") for g in kept.group_ids)
        if column == self.WHY:
            return self._why(kept)
        if column == self.EVERY:
            text = self.tr("every %n day(s)", "", self._days[row])
            now = person.stay_in_touch_days
            if now is not None and now == self._days[row]:
                text += self.tr(", as now")
            elif now is not None:
                text += self.tr(" (now every %n)", "", now)
            return text
        return None

    def _why(self, kept: KeptPerson) -> str:
        p = kept.person
        parts = []
        if p.touches:
            part = self.tr("in touch %n time(s)", "", p.touches)
            if p.last_on is not None:
                part += self.tr(", last %1").replace("%1", plain_date(p.last_on))
            parts.append(part)
        if p.support_received:
            parts.append(self.tr("supported you %n time(s)", "", p.support_received))
        if p.support_given:
            parts.append(self.tr("you supported them %n time(s)", "", p.support_given))
        return "; ".join(parts)

    def setData(self, index: _Index, value: Any, role: int = _Edit) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row, column = index.row(), index.column()
        if column == self.KEEP and role == _Check:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, True)
            self._keep[row] = checked
        elif column == self.EVERY and role == _Edit:
            try:
                days = int(value)
            except (TypeError, ValueError):
                return False
            if not 1 <= days <= MAX_DAYS:
                return False
            self._days[row] = days
            self._keep[row] = True  # choosing a rhythm means keeping in touch
            self.dataChanged.emit(self.index(row, self.KEEP), self.index(row, self.KEEP))
        else:
            return False
        self.dataChanged.emit(index, index)
        return True

    def cadences(self) -> dict[int, int]:
        """Contact id -> days, for the people ticked."""
        return {
            kept.person.contact_id: self._days[row]
            for row, kept in enumerate(self._rows)
            if self._keep[row]
        }


def _dig(figures: dict[str, object], *path: str) -> Any:
    value: Any = figures
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


class PastDecisionsModel(RowTableModel[PastDecision]):
    """Decisions of past reviews with the figures as they stood, latest review first."""

    AS_OF, GROUP, SUGGESTED, DECIDED, HOURS, COSTS, BUSINESS, ATTENDANCE, IN_TOUCH, NOTE = range(10)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = [
            self.tr("As of"),
            self.tr("Group"),
            self.tr("Suggested"),
            self.tr("Decided"),
            self.tr("Hours"),
            self.tr("Costs"),
            self.tr("Business"),
            self.tr("Attendance"),
            self.tr("In touch with"),
            self.tr("Note"),
        ]

    def decision(self, row: int) -> PastDecision | None:
        """The decision on a row."""
        return self.row_at(row)

    def data(self, index: _Index, role: int = _Display) -> Any:
        d = self.cell_row(index)
        if d is None:
            return None
        if role == IdRole:
            return d.review_id
        if (
            role == _ToolTip
            and index.column() == self.DECIDED
            and not follows(d.decision, d.recommendation)
        ):
            return self.tr("You decided otherwise than suggested")
        if role != _Display:
            return None
        return self._text(d, index.column())

    def _text(self, d: PastDecision, column: int) -> str:
        if column == self.AS_OF:
            return plain_date(d.as_of)
        if column == self.GROUP:
            return d.group_name
        if column == self.SUGGESTED:
            return review_texts.recommendations().get(d.recommendation, d.recommendation)
        if column == self.DECIDED:
            return review_texts.decisions().get(d.decision, d.decision)
        if column == self.HOURS:
            try:
                hours = Decimal(str(_dig(d.figures, "hours", "total")))
            except InvalidOperation:
                return ""
            # As the balance shows hours ("120 h"); normalize() alone read "1.2E+2".
            return hours_text(hours) if hours.is_finite() else ""
        if column == self.COSTS:
            costs = _dig(d.figures, "costs")
            return review_texts.money_list(costs) if costs else ""
        if column == self.BUSINESS:
            business = _dig(d.figures, "returns", "business")
            return review_texts.money_list(business) if business else ""
        if column == self.ATTENDANCE:
            pct = _dig(d.figures, "attendance", "pct")
            return percent(pct) if isinstance(pct, int) else ""
        if column == self.IN_TOUCH:
            people = _dig(d.figures, "returns", "relationships")
            return str(len(people)) if isinstance(people, list) else ""
        if column == self.NOTE:
            return d.note.splitlines()[0] if d.note else ""
        return ""
