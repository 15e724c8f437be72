"""The Today view's sections as list models: each holds the rows of one part of the day's
snapshot and hands them to its view a page at a time (canFetchMore / fetchMore), so a
journal with fifteen thousand fading relationships paints only what is on screen."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from journal.ui.formatting import isolated, plain_date, relative_days
from journal.ui.theme import warning_color

if TYPE_CHECKING:
    # Only names for the rows: the modules that make them are read on the worker thread
    # after the window is up (core.today alone pulls in the review and the balance).
    from journal.core.followups import FollowUpRow
    from journal.core.introductions import Suggestion
    from journal.core.keep_in_touch import TouchRow
    from journal.core.review import ReviewDue
    from journal.core.today import NewPerson
    from journal.core.upcoming import UpcomingMeeting

ItemRole = Qt.ItemDataRole.UserRole + 1  # the row object itself
ContactRole = Qt.ItemDataRole.UserRole + 2  # the contact the row is mostly about, or None
PAGE = 50

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
T = TypeVar("T")

# One mark between the parts of a row (who, what, when, where, how it stands), in every
# section: rows mixed "—", a spaced "·" and a tight "·" for the same meaning.
SEPARATOR = "  ·  "


def joined(*parts: str) -> str:
    """The parts that say something, with the one separator between them."""
    return SEPARATOR.join(p for p in parts if p)


def _t(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("today", text, None, n)


class SectionModel(QAbstractListModel, Generic[T]):
    """One section's rows; subclasses say how a row reads and whom it is about."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._shown = 0
        self.today = dt.date.today()

    # --- filling ---------------------------------------------------------------------------

    def set_rows(self, rows: list[T], today: dt.date) -> None:
        """Replace every row (after the snapshot was read again)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(PAGE, len(self._rows))
        self.today = today
        self.endResetModel()

    def total(self) -> int:
        """How many rows the section holds, fetched or not."""
        return len(self._rows)

    def item(self, row: int) -> T | None:
        """The row object at a fetched row."""
        return self._rows[row] if 0 <= row < self._shown else None

    # --- Qt's model interface ----------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: _Index = _ROOT) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: _Index = _ROOT) -> None:
        if parent.isValid():
            return
        more = min(PAGE, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(_ROOT, self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < self._shown:
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return self.detail(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(warning_color()) if self.urgent(row) else None
        if role == ItemRole:
            return row
        if role == ContactRole:
            return self.contact_of(row)
        return None

    # --- what subclasses say ----------------------------------------------------------------

    def text(self, row: T) -> str:
        """The line shown."""
        raise NotImplementedError

    def detail(self, row: T) -> str:
        """More about the row, for tooltips and screen readers."""
        return self.text(row)

    def urgent(self, row: T) -> bool:
        """Shown in the warning colour."""
        return False

    def contact_of(self, row: T) -> int | None:
        """The contact the row is about (opened by "Open contact")."""
        return None


def _late(days: int) -> str:
    return _t("%n day(s) overdue", days)


class FollowUpsModel(SectionModel["FollowUpRow"]):
    """Overdue and due follow-ups, the longest overdue first."""

    def text(self, row: FollowUpRow) -> str:
        late = row.days_overdue(self.today)
        when = _late(late) if late else _t("today")
        # Names and texts set apart, so a right-to-left one leaves the figures after it be.
        who = isolated(row.contact_name) or _t("(no one in particular)")
        return joined(who, isolated(row.text), when)

    def detail(self, row: FollowUpRow) -> str:
        due = _t("Due %1").replace("%1", plain_date(row.due_on))
        if row.shows_on != row.due_on:
            due = joined(due, _t("snoozed until %1").replace("%1", plain_date(row.shows_on)))
        return f"{self.text(row)}\n{due}"

    def urgent(self, row: FollowUpRow) -> bool:
        return row.shows_on < self.today

    def contact_of(self, row: FollowUpRow) -> int | None:
        return row.contact_id


class FadingModel(SectionModel["TouchRow"]):
    """Relationships due or overdue for a word, the longest overdue first."""

    def text(self, row: TouchRow) -> str:
        last = (
            _t("last in touch %1").replace("%1", relative_days(row.last_contact_on, self.today))
            if row.last_contact_on
            else _t("no contact yet")
        )
        state = _late(row.days_overdue) if row.days_overdue else _t("due today")
        return joined(isolated(row.name), last, state)

    def detail(self, row: TouchRow) -> str:
        every = _t("Every %n day(s)", row.cadence_days)
        if row.source.startswith("tag:"):
            every += " " + _t("(tag %1)").replace("%1", "#" + row.source[4:])
        elif row.source == "stage":
            every += " " + _t("(the default for their stage)")
        return f"{self.text(row)}\n{every}"

    def urgent(self, row: TouchRow) -> bool:
        return row.grade == "overdue"  # Grade is a str enum: Grade.OVERDUE

    def contact_of(self, row: TouchRow) -> int | None:
        return row.contact_id


class NewPeopleModel(SectionModel["NewPerson"]):
    """People met recently, with nothing logged since."""

    def text(self, row: NewPerson) -> str:
        met = _t("met %1").replace("%1", relative_days(row.met_on, self.today))
        return joined(isolated(row.name), met, isolated(row.where_met))

    def detail(self, row: NewPerson) -> str:
        return self.text(row) + "\n" + _t("Nothing logged with them since you met.")

    def contact_of(self, row: NewPerson) -> int | None:
        return row.contact_id


class IntroductionsModel(SectionModel["Suggestion"]):
    """Introductions worth making, best first."""

    def text(self, row: Suggestion) -> str:
        pair = _t("Introduce %1 to %2").replace("%1", isolated(row.needer_name))
        pair = pair.replace("%2", isolated(row.offerer_name))
        need, offer = isolated(row.need), isolated(row.offer)
        if row.need.strip().casefold() == row.offer.strip().casefold():
            # The same words: said once, with who needs and who offers ("· investors" alone
            # left the reader to guess which of the two was looking).
            return joined(pair, _t("needs %1 → offers it").replace("%1", need))
        return joined(pair, _t("needs %1 → offers %2").replace("%1", need).replace("%2", offer))

    def detail(self, row: Suggestion) -> str:
        return (
            _t("%1 needs: %2\n%3 offers: %4")
            .replace("%1", row.needer_name)
            .replace("%2", row.need)
            .replace("%3", row.offerer_name)
            .replace("%4", row.offer)
        )

    def contact_of(self, row: Suggestion) -> int | None:
        return row.needer_id


class MeetingsModel(SectionModel["UpcomingMeeting"]):
    """Group meetings in the coming days."""

    _noted: dict[str, str] | None = None  # attendance code -> how it reads, once needed

    def text(self, row: UpcomingMeeting) -> str:
        name = isolated(row.group_name)
        line = joined(name, f"{plain_date(row.on)} ({relative_days(row.on, self.today)})")
        if not row.attendance:
            return line
        # What is already noted for that day shows at once: Send apologies answers visibly.
        if self._noted is None:
            # The labels load with the first noted row, not with the page (test_startup_path).
            from journal.ui import labels

            self._noted = {**labels.attendance(), "excused": _t("apologies sent")}
        noted = self._noted.get(row.attendance)
        return joined(line, noted or "")

    def urgent(self, row: UpcomingMeeting) -> bool:
        return False


class ReviewModel(SectionModel["ReviewDue"]):
    """The periodic review of memberships, when it is due (one row or none)."""

    def text(self, row: ReviewDue) -> str:
        since = plain_date(row.due_on) if row.due_on else ""
        if row.last_as_of is not None:
            text = (
                _t("The periodic review of your groups is overdue since %1 (the last was as of %2)")
                if row.is_overdue
                else _t("The periodic review of your groups is due today (the last was as of %2)")
            )
            return text.replace("%1", since).replace("%2", plain_date(row.last_as_of))
        if row.is_overdue:
            return _t("Your first review of the groups you belong to is overdue since %1").replace(
                "%1", since
            )
        return _t("Your first review of the groups you belong to is due today")

    def detail(self, row: ReviewDue) -> str:
        return (
            self.text(row)
            + "\n"
            + _t("What each group asks and gives back, and the people worth keeping.")
        )
