"""What deserves attention today, in one read: follow-ups due, relationships fading, new
people not yet followed up, introductions worth making, and group meetings coming up.

The Today view, `journal today` and the daily digest all read this one snapshot, so they
always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from journal.core import validate
from journal.core.changes import Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.everyone import batches, last_of
from journal.core.followups import FollowUpRow, due_followups
from journal.core.introductions import Gathering, Suggestion
from journal.core.keep_in_touch import Measuring, TouchRow, last_contacts
from journal.core.review import ReviewDue, review_due
from journal.core.setting_store import get_setting, put_setting
from journal.core.timeutil import day_start
from journal.core.upcoming import UpcomingMeeting, upcoming_meetings
from journal.store.fields import format_utc, parse_utc
from journal.store.models import database_proxy

NEW_CONTACT_DAYS_SETTING = "followups.new_contact_days"
DEFAULT_NEW_CONTACT_DAYS = 3
NEW_CONTACT_WINDOW_DAYS = 30  # people met longer ago than this are not "new" any more
MEETING_DAYS = 7
INTRODUCTIONS = 10


@dataclass(frozen=True)
class NewPerson:
    """Someone met recently with nothing logged since the day you met."""

    contact_id: int
    name: str
    met_on: dt.date
    where_met: str
    days_since: int


def new_contact_days() -> int:
    """Days after meeting someone before the journal nudges you to follow up."""
    value = get_setting(NEW_CONTACT_DAYS_SETTING, DEFAULT_NEW_CONTACT_DAYS)
    return value if isinstance(value, int) and 0 <= value <= NEW_CONTACT_WINDOW_DAYS else 3


def set_new_contact_days(days: int) -> Result[str]:
    """Change how many days after meeting someone the nudge comes."""
    checked = validate.int_range("follow up new people after", days, 0, NEW_CONTACT_WINDOW_DAYS)
    return put_setting(NEW_CONTACT_DAYS_SETTING, checked)


def new_people(
    clock: Clock = SYSTEM_CLOCK, *, last: dict[int, dt.datetime] | None = None
) -> list[NewPerson]:
    """People met (or added) in the last month, at least a few days ago, with no interaction
    on a later day, no follow-up planned or done, and no snoozed nudge; longest waiting first.
    """
    zone, today = clock.zone(), clock.today()
    oldest = today - dt.timedelta(days=NEW_CONTACT_WINDOW_DAYS)
    newest = today - dt.timedelta(days=new_contact_days())
    # A scan, not a walk of the (archived, sort_name) index and a lookup per contact: the
    # day conditions leave few rows, but only after reading them all.
    sql = (
        "SELECT c.id, c.display_name, c.met_on, c.created_at, c.where_met "
        "FROM contact c NOT INDEXED "
        "WHERE c.archived = 0 AND (c.met_on >= ? OR (c.met_on IS NULL AND c.created_at >= ?)) "
        "AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.contact_id = c.id) "
        "AND NOT EXISTS (SELECT 1 FROM reminder_snooze s WHERE s.contact_id = c.id "
        "  AND s.reminder = 'new_contact' AND s.snoozed_until > ?)"
    )
    params = [oldest.isoformat(), format_utc(day_start(oldest, zone)), today.isoformat()]
    if last is None:
        last = last_contacts()
    out: list[NewPerson] = []
    for cid, name, met_on, created, where in database_proxy.execute_sql(sql, params):
        met = (
            dt.date.fromisoformat(met_on) if met_on else parse_utc(created).astimezone(zone).date()
        )
        if not oldest <= met <= newest:
            continue
        seen = last.get(cid)
        if seen is not None and seen.astimezone(zone).date() > met:
            continue
        out.append(NewPerson(cid, name, met, where, (today - met).days))
    out.sort(key=lambda p: (p.met_on, p.name.casefold(), p.contact_id))
    return out


@dataclass(frozen=True)
class TodaySnapshot:
    """Everything the Today view shows, read at one moment."""

    today: dt.date
    followups: list[FollowUpRow]
    fading: list[TouchRow]
    new_people: list[NewPerson]
    introductions: list[Suggestion]
    meetings: list[UpcomingMeeting]
    review: ReviewDue | None = None  # the periodic review of memberships, when it is due

    @property
    def overdue_followups(self) -> list[FollowUpRow]:
        """The follow-ups already late."""
        return [f for f in self.followups if f.shows_on < self.today]

    @property
    def is_empty(self) -> bool:
        """Nothing at all needs attention."""
        return not (
            self.followups
            or self.fading
            or self.new_people
            or self.introductions
            or self.meetings
            or self.review
        )


def today_snapshot(
    clock: Clock = SYSTEM_CLOCK,
    *,
    introductions: int = INTRODUCTIONS,
    meeting_days: int = MEETING_DAYS,
) -> TodaySnapshot:
    """Read everything due today; everyone's rows and last contacts are read once and shared."""
    measuring = Measuring(clock, only_fading=True)
    gathering = Gathering(clock)
    last: dict[int, dt.datetime] = {}
    for people in batches():
        theirs = last_of(people)
        last.update(theirs)
        measuring.add(people, theirs)
        gathering.add(people, theirs)
    review = review_due(clock.today())
    return TodaySnapshot(
        today=clock.today(),
        followups=due_followups(clock),
        fading=measuring.rows(),
        new_people=new_people(clock, last=last),
        introductions=gathering.suggestions(introductions, None),
        meetings=upcoming_meetings(meeting_days, clock),
        review=review if review.is_due else None,
    )
