"""Follow-ups: something to do for someone by a date. Add, finish, snooze, reschedule, list.

Due dates are plain local dates, never instants: "follow up on the 3rd" means the 3rd
wherever the user is. A snooze hides a follow-up until a later day without forgetting the
date it was first due; rescheduling moves the due date itself.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum

from journal.core import validate
from journal.core.changes import Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import NotFoundError, ValidationError
from journal.core.interactions import InteractionDraft, log_interaction
from journal.core.periods import add_months
from journal.store.fields import parse_utc
from journal.store.models import Contact, FollowUp, database_proxy

_OFFSET = re.compile(
    r"^\s*(\d{1,4})\s*(d|day|days|w|wk|week|weeks|m|mo|month|months|y|year|years)\s*$"
)
# More than this far ahead is almost surely a typo in the year.
_HORIZON_YEARS = 10
# A new due day further back than this is a slip of the year (2020 for 2026), which
# then showed as "2,186 days overdue"; catching up on last month's promises is fine.
_LONGEST_LATE = dt.timedelta(days=366)


class Status(str, Enum):
    """Where a follow-up stands on a given day."""

    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    DONE = "done"


def parse_offset(field_name: str, text: str, start: dt.date) -> dt.date:
    """The day "3d", "2w", "1m" or "1y" after `start` (months and years are calendar ones;
    "0d" is `start` itself)."""
    match = _OFFSET.match(text.casefold())
    if match is None:
        raise ValidationError(
            field_name, f"'{text}' is not a span of time (use e.g. 3d, 2w, 1m or 1y)"
        )
    amount, unit = int(match.group(1)), match.group(2)[0]
    # "0d" is today, as `--due today` and quick add's ">0d" are; a snooze refuses it itself.
    if unit == "d":
        days = amount
    elif unit == "w":
        days = amount * 7
    else:
        months = amount * (12 if unit == "y" else 1)
        if months > _HORIZON_YEARS * 12:
            raise ValidationError(field_name, f"'{text}' is more than {_HORIZON_YEARS} years ahead")
        return add_months(start, months)
    if days > _HORIZON_YEARS * 366:
        raise ValidationError(field_name, f"'{text}' is more than {_HORIZON_YEARS} years ahead")
    return start + dt.timedelta(days=days)


@dataclass
class FollowUpDraft:
    """A follow-up as a form, the command line or the interaction form describes it."""

    due_on: dt.date
    text: str = ""
    contact_id: int | None = None
    interaction_id: int | None = None


@dataclass(frozen=True)
class FollowUpRow:
    """One follow-up as lists show it."""

    id: int
    contact_id: int | None
    contact_name: str
    text: str
    due_on: dt.date
    snoozed_until: dt.date | None
    done_at: dt.datetime | None
    interaction_id: int | None
    created_at: dt.datetime

    @property
    def shows_on(self) -> dt.date:
        """The day it comes back to the user's attention: its due date, or the snooze's end."""
        if self.snoozed_until is not None and self.snoozed_until > self.due_on:
            return self.snoozed_until
        return self.due_on

    def status(self, today: dt.date) -> Status:
        """Overdue, due today, upcoming (or snoozed), or done."""
        if self.done_at is not None:
            return Status.DONE
        if self.shows_on < today:
            return Status.OVERDUE
        if self.shows_on == today:
            return Status.DUE
        return Status.UPCOMING

    def days_overdue(self, today: dt.date) -> int:
        """Whole local days since it was due (0 when not late)."""
        return max(0, (today - self.shows_on).days)


def _changes(contact_ids: list[int | None]) -> Changes:
    return Changes(
        frozenset({Area.FOLLOWUPS}),
        contact_ids=frozenset(c for c in contact_ids if c is not None),
    )


def _check_due(
    field_name: str, day: dt.date | None, today: dt.date, kept: dt.date | None = None
) -> dt.date:
    """A due day not too far ahead, nor (unless it is the one already `kept`) long past."""
    if day is None:
        raise ValidationError(field_name, "is required")
    if day.year < 1900:
        raise ValidationError(field_name, f"{day.isoformat()} is before 1900")
    if day < today - _LONGEST_LATE and day != kept:
        raise ValidationError(
            field_name, f"{day.isoformat()} is more than a year ago; check the year"
        )
    if day > add_months(today, _HORIZON_YEARS * 12):
        raise ValidationError(
            field_name, f"{day.isoformat()} is more than {_HORIZON_YEARS} years ahead"
        )
    return day


# A follow-up's text when only its person was given.
FOLLOW_UP = "Follow up"


def _clean(
    draft: FollowUpDraft, today: dt.date, kept_due: dt.date | None = None
) -> dict[str, object]:
    due = _check_due("due date", draft.due_on, today, kept_due)
    text = validate.text("follow-up", draft.text, limit=2000)
    if (
        draft.contact_id is not None
        and not Contact.select().where(Contact.id == draft.contact_id).exists()
    ):
        raise ValidationError("contact", f"no contact with id {draft.contact_id}")
    if not text and draft.contact_id is None:
        raise ValidationError("follow-up", "say what to do, or for whom")
    return {
        "due_on": due,
        # For whom alone: said as such, so no list shows a bare date with nothing to do.
        "text": text or FOLLOW_UP,
        "contact": draft.contact_id,
        "interaction": draft.interaction_id,
    }


def require_followup(followup_id: int) -> FollowUp:
    """The stored follow-up, or NotFoundError naming the id."""
    found = FollowUp.get_or_none(FollowUp.id == followup_id)
    if found is None:
        raise NotFoundError(f"There is no follow-up with id {followup_id}.")
    return found


def add_followup(draft: FollowUpDraft, clock: Clock = SYSTEM_CLOCK) -> Result[int]:
    """Plan something to do by a date; returns the follow-up's id."""
    values = _clean(draft, clock.today())
    with database_proxy.atomic():
        followup_id = int(FollowUp.insert(created_at=clock.now(), **values).execute())
    return Result(followup_id, _changes([draft.contact_id]))


def edit_followup(
    followup_id: int, draft: FollowUpDraft, clock: Clock = SYSTEM_CLOCK
) -> Result[int]:
    """Change a follow-up's text, person or due date (a new date also ends any snooze)."""
    values = _clean(draft, clock.today(), require_followup(followup_id).due_on)
    with database_proxy.atomic():
        before = require_followup(followup_id)
        if before.due_on != draft.due_on:
            values["snoozed_until"] = None
        values.pop("interaction")  # where it came from does not change
        FollowUp.update(**values).where(FollowUp.id == followup_id).execute()
    return Result(followup_id, _changes([before.contact_id, draft.contact_id]))


def reschedule_followup(
    followup_id: int, due_on: dt.date, clock: Clock = SYSTEM_CLOCK
) -> Result[int]:
    """Move the due date itself (and forget any snooze)."""
    due = _check_due("due date", due_on, clock.today())
    with database_proxy.atomic():
        before = require_followup(followup_id)
        FollowUp.update(due_on=due, snoozed_until=None).where(FollowUp.id == followup_id).execute()
    return Result(followup_id, _changes([before.contact_id]))


def snooze_followup(followup_id: int, until: dt.date, clock: Clock = SYSTEM_CLOCK) -> Result[int]:
    """Put a follow-up out of sight until a later day, keeping the day it was due."""
    today = clock.today()
    day = _check_due("snooze until", until, today)
    if day <= today:
        raise ValidationError("snooze until", f"{day.isoformat()} is not after today")
    with database_proxy.atomic():
        before = require_followup(followup_id)
        if before.done_at is not None:
            raise ValidationError("follow-up", f"#{followup_id} is already done")
        if before.due_on is not None and day <= before.due_on:
            # Snoozing to a day before the due day would change nothing: it is out of
            # sight until it is due anyway. Saying so beats a silent "snoozed".
            raise ValidationError(
                "snooze until",
                f"#{followup_id} is not due until {before.due_on.isoformat()}, so it stays "
                "out of sight until then anyway; to move that day, reschedule it",
            )
        FollowUp.update(snoozed_until=day).where(FollowUp.id == followup_id).execute()
    return Result(followup_id, _changes([before.contact_id]))


def complete_followup(followup_id: int, clock: Clock = SYSTEM_CLOCK) -> Result[int]:
    """Mark a follow-up done now (done twice keeps the first time)."""
    with database_proxy.atomic():
        before = require_followup(followup_id)
        if before.done_at is None:
            FollowUp.update(done_at=clock.now()).where(FollowUp.id == followup_id).execute()
    return Result(followup_id, _changes([before.contact_id]))


def reopen_followup(followup_id: int) -> Result[int]:
    """Undo "done": the follow-up is open again, due when it was."""
    with database_proxy.atomic():
        before = require_followup(followup_id)
        FollowUp.update(done_at=None).where(FollowUp.id == followup_id).execute()
    return Result(followup_id, _changes([before.contact_id]))


def delete_followup(followup_id: int) -> Result[int]:
    """Forget a follow-up altogether."""
    with database_proxy.atomic():
        before = require_followup(followup_id)
        FollowUp.delete().where(FollowUp.id == followup_id).execute()
    return Result(followup_id, _changes([before.contact_id]))


@dataclass
class FollowUpPlan:
    """ "Follow up by this day" attached to a newly logged interaction."""

    due_on: dt.date
    text: str = ""


@dataclass
class LoggedWithFollowUps:
    """The interaction logged and the follow-ups planned or finished with it."""

    interaction_id: int
    followup_ids: list[int] = field(default_factory=list)


def log_with_followup(
    draft: InteractionDraft,
    plan: FollowUpPlan | None = None,
    completes: list[int] | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> Result[LoggedWithFollowUps]:
    """Log an interaction, plan a follow-up with each person in it, and mark done the
    follow-ups it answers: all in one transaction, all or nothing.

    The follow-up's text defaults to the interaction's summary.
    """
    today = clock.today()
    if plan is not None:
        _check_due("follow up by", plan.due_on, today)
        validate.text("follow-up", plan.text, limit=2000)
    with database_proxy.atomic():
        logged = log_interaction(draft, clock)
        changes = logged.changes
        out = LoggedWithFollowUps(logged.value)
        if plan is not None:
            text = plan.text.strip() or draft.summary.strip()
            people: list[int | None] = list(dict.fromkeys(draft.participant_ids)) or [None]
            for person in people:
                made = add_followup(
                    FollowUpDraft(plan.due_on, text or FOLLOW_UP, person, logged.value), clock
                )
                out.followup_ids.append(made.value)
                changes = changes | made.changes
        for followup_id in completes or []:
            changes = changes | complete_followup(followup_id, clock).changes
    return Result(out, changes)


_SELECT = """
SELECT f.id, f.contact_id, COALESCE(c.display_name, ''), f.text, f.due_on, f.snoozed_until,
       f.done_at, f.interaction_id, f.created_at
FROM follow_up f LEFT JOIN contact c ON c.id = f.contact_id
"""
# The day a follow-up shows again: its due date, or a later snooze's end.
_SHOWS_ON = "MAX(f.due_on, COALESCE(f.snoozed_until, f.due_on))"


def _row(values: tuple[object, ...]) -> FollowUpRow:
    fid, cid, name, text, due, snoozed, done, iid, created = values
    return FollowUpRow(
        id=int(str(fid)),
        contact_id=int(str(cid)) if cid is not None else None,
        contact_name=str(name),
        text=str(text),
        due_on=dt.date.fromisoformat(str(due)),
        snoozed_until=dt.date.fromisoformat(str(snoozed)) if snoozed else None,
        done_at=parse_utc(str(done)) if done else None,
        interaction_id=int(str(iid)) if iid is not None else None,
        created_at=parse_utc(str(created)),
    )


def _query(
    where: list[str], params: list[object], order: str, limit: int | None
) -> list[FollowUpRow]:
    sql = _SELECT
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order}"
    if limit:
        sql += " LIMIT ?"
        params = [*params, limit]
    return [_row(tuple(r)) for r in database_proxy.execute_sql(sql, params)]


def open_followups(
    *,
    until: dt.date | None = None,
    contact_id: int | None = None,
    limit: int | None = None,
) -> list[FollowUpRow]:
    """Follow-ups not done, soonest first; `until` keeps those showing on or before that day."""
    where = ["f.done_at IS NULL"]
    params: list[object] = []
    if until is not None:
        where.append(f"{_SHOWS_ON} <= ?")
        params.append(until.isoformat())
    if contact_id is not None:
        where.append("f.contact_id = ?")
        params.append(contact_id)
    return _query(where, params, f"{_SHOWS_ON}, f.id", limit)


def due_followups(clock: Clock = SYSTEM_CLOCK) -> list[FollowUpRow]:
    """Overdue and due today, the longest overdue first."""
    return open_followups(until=clock.today())


def upcoming_followups(days: int = 7, clock: Clock = SYSTEM_CLOCK) -> list[FollowUpRow]:
    """Open follow-ups showing in the next `days` days (not today's)."""
    today = clock.today()
    rows = open_followups(until=today + dt.timedelta(days=days))
    return [r for r in rows if r.shows_on > today]


def all_followups(
    *, contact_id: int | None = None, include_done: bool = True, limit: int | None = None
) -> list[FollowUpRow]:
    """Every follow-up: open ones soonest first, then done ones, latest done first."""
    where: list[str] = []
    params: list[object] = []
    if contact_id is not None:
        where.append("f.contact_id = ?")
        params.append(contact_id)
    if not include_done:
        where.append("f.done_at IS NULL")
    order = f"f.done_at IS NOT NULL, {_SHOWS_ON}, f.done_at DESC, f.id"
    return _query(where, params, order, limit)


def followup_row(followup_id: int) -> FollowUpRow:
    """One follow-up as lists show it."""
    rows = _query(["f.id = ?"], [followup_id], "f.id", None)
    if not rows:
        raise NotFoundError(f"There is no follow-up with id {followup_id}.")
    return rows[0]
