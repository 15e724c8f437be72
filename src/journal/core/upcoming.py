"""Upcoming group meetings, from each active group's rhythm, weekday and last recorded meeting.

A simple rule the user can predict: the next meeting is one rhythm after the last one
recorded (or after joining), moved to the group's usual weekday, and rolled forward past
meetings nobody recorded. Monthly groups meeting on a weekday keep their place in the month
(the second Tuesday stays the second Tuesday; a fifth one becomes the last).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.followups import add_months
from journal.store.models import database_proxy

_DAYS = {"weekly": 7, "fortnightly": 14}
_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


@dataclass(frozen=True)
class UpcomingMeeting:
    """The next meeting of one group."""

    group_id: int
    group_name: str
    on: dt.date
    cadence: str
    last_meeting_on: dt.date | None


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (1-based) weekday of a month; the last one when the month has fewer."""
    days = [
        d
        for d in calendar.Calendar().itermonthdates(year, month)
        if d.month == month and d.weekday() == weekday
    ]
    return days[min(nth, len(days)) - 1]


def _step(day: dt.date, cadence: str, weekday: int | None) -> dt.date:
    """One rhythm after `day`."""
    if cadence in _DAYS:
        return day + dt.timedelta(days=_DAYS[cadence])
    months = _MONTHS[cadence]
    if weekday is None:
        return add_months(day, months)
    nth = (day.day - 1) // 7 + 1
    target = add_months(day.replace(day=1), months)
    return _nth_weekday(target.year, target.month, weekday, nth)


def _on_weekday(day: dt.date, weekday: int | None) -> dt.date:
    """The first day on or after `day` that falls on the weekday."""
    if weekday is None:
        return day
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def next_meeting(
    cadence: str,
    weekday: int | None,
    last: dt.date | None,
    joined: dt.date | None,
    today: dt.date,
) -> dt.date | None:
    """The next meeting on or after today, or None for a group without a fixed rhythm."""
    if cadence not in _DAYS and cadence not in _MONTHS:
        return None
    if last is None:
        # Nothing recorded yet: only a weekly rhythm on a known weekday can be guessed; a
        # fortnightly one may be either week, a monthly one any week of the month.
        if cadence == "weekly" and weekday is not None:
            return _on_weekday(max(joined, today) if joined else today, weekday)
        return None
    day = _on_weekday(_step(last, cadence, weekday), weekday)
    for _ in range(5000):  # enough to roll forward over a decade of weekly meetings
        if day >= today:
            return day
        day = _on_weekday(_step(day, cadence, weekday), weekday)
    return None


def upcoming_meetings(days: int = 7, clock: Clock = SYSTEM_CLOCK) -> list[UpcomingMeeting]:
    """Active groups meeting within `days` days from today (today included), soonest first.

    A meeting already recorded for today is not upcoming any more.
    """
    today = clock.today()
    sql = (
        "SELECT g.id, g.name, g.meeting_cadence, g.meeting_weekday, g.joined_on, "
        "(SELECT MAX(m.held_on) FROM meeting m WHERE m.group_id = g.id) "
        "FROM membership_group g WHERE g.status IN ('active', 'reduced')"
    )
    out: list[UpcomingMeeting] = []
    for gid, name, cadence, weekday, joined, last in database_proxy.execute_sql(sql):
        last_day = dt.date.fromisoformat(last) if last else None
        joined_day = dt.date.fromisoformat(joined) if joined else None
        on = next_meeting(cadence, weekday, last_day, joined_day, today)
        if on is not None and (on - today).days <= days:
            out.append(UpcomingMeeting(gid, name, on, cadence, last_day))
    out.sort(key=lambda m: (m.on, m.group_name.casefold()))
    return out
