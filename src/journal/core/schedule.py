"""A group's meeting days, computed from its cadence and weekday (never stored).

The schedule runs through an anchor: the group's latest recorded meeting up to today that
keeps the rhythm most of its recent meetings keep, else the day the user joined, else today.
So one extra meeting on another day (a special evening, a meeting moved once) does not move
the schedule; a group that moved its day for good does, once half its recent meetings are on
the new one. Weekly and fortnightly groups meet every 7 or 14 days
from the anchor (moved to the group's weekday when one is set). Monthly, quarterly and
yearly groups meet on the anchor's day of the month, or, with a weekday, on the same
"n-th weekday" of the month as the anchor (the second Tuesday; the fifth becomes the last).
Irregular groups, and groups without a cadence, have no schedule.

Before anything anchors it (no meeting recorded, no day joined), only a weekly group with
its weekday has known days: a monthly or quarterly one run from today would be a guess
shown as a fact ("Next meetings: today"), so its upcoming days are unknown until then.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from journal.core.periods import Period, add_months

_DAY_STEPS = {"weekly": 7, "fortnightly": 14}
_MONTH_STEPS = {"monthly": 1, "quarterly": 3, "yearly": 12}
_HORIZON_DAYS = 800  # how far ahead upcoming meetings are looked for


def has_schedule(cadence: str) -> bool:
    """True when the cadence implies meeting days."""
    return cadence in _DAY_STEPS or cadence in _MONTH_STEPS


# How many of the latest recorded meetings set the rhythm the schedule keeps.
_RHYTHM_MEETINGS = 6


def anchor_day(
    cadence: str,
    weekday: int | None,
    recorded: Iterable[dt.date],
    joined_on: dt.date | None,
    today: dt.date,
) -> dt.date:
    """The day the schedule runs through (see the module's docstring)."""
    recent = sorted({day for day in recorded if day <= today})[-_RHYTHM_MEETINGS:]
    if not recent:
        return joined_on or today
    places = [_place(cadence, weekday, day) for day in recent]
    kept = Counter(places)
    most = max(kept.values())
    # The latest meeting in the rhythm most meetings keep (of two as common, the latest's).
    return next(
        day
        for day, place in zip(reversed(recent), reversed(places), strict=True)
        if kept[place] == most
    )


def _place(cadence: str, weekday: int | None, day: dt.date) -> tuple[int, ...]:
    """Where `day` falls in the cadence's rhythm: two meetings in the same place give the
    schedule the same days (every Thursday; odd weeks; the second Tuesday of a quarter)."""
    if weekday is not None and 0 <= weekday <= 6:
        day += dt.timedelta(days=(weekday - day.weekday()) % 7)  # as meeting_days moves it
        within_month = min((day.day - 1) // 7 + 1, 5)  # the n-th weekday
    else:
        within_month = day.day
    if cadence in _DAY_STEPS:
        return (day.toordinal() % _DAY_STEPS[cadence],)
    if cadence in _MONTH_STEPS:
        return ((day.year * 12 + day.month - 1) % _MONTH_STEPS[cadence], within_month)
    return ()


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    last_day = calendar.monthrange(year, month)[1]
    day = 1 + offset + 7 * (nth - 1)
    while day > last_day:  # "the fifth Tuesday" is the last one in a short month
        day -= 7
    return dt.date(year, month, day)


def meeting_days(cadence: str, weekday: int | None, anchor: dt.date, span: Period) -> list[dt.date]:
    """The schedule's days within `span`, in order."""
    if weekday is not None and not 0 <= weekday <= 6:
        weekday = None
    if cadence in _DAY_STEPS:
        step = _DAY_STEPS[cadence]
        if weekday is not None:
            anchor += dt.timedelta(days=(weekday - anchor.weekday()) % 7)
        first = -((anchor - span.start).days // step)  # ceil((start - anchor) / step)
        last = (span.end - anchor).days // step
        return [anchor + dt.timedelta(days=step * k) for k in range(first, last + 1)]
    if cadence in _MONTH_STEPS:
        step = _MONTH_STEPS[cadence]
        nth = 0
        if weekday is not None:
            anchor += dt.timedelta(days=(weekday - anchor.weekday()) % 7)
            nth = min((anchor.day - 1) // 7 + 1, 5)
        low = ((span.start.year - anchor.year) * 12 + span.start.month - anchor.month) // step - 1
        high = ((span.end.year - anchor.year) * 12 + span.end.month - anchor.month) // step + 1
        days = []
        for k in range(low, high + 1):
            month = add_months(anchor.replace(day=1), step * k)
            if weekday is not None:
                day = _nth_weekday(month.year, month.month, weekday, nth)
            else:
                day = month.replace(
                    day=min(anchor.day, calendar.monthrange(month.year, month.month)[1])
                )
            if day in span:
                days.append(day)
        return days
    return []


def latest_unrecorded_day(
    cadence: str,
    weekday: int | None,
    recorded: Iterable[dt.date],
    joined_on: dt.date | None,
    today: dt.date,
) -> dt.date | None:
    """The schedule's latest day up to today when nothing is recorded for it yet: the
    meeting a user most likely means to record. None when it is recorded, or the days are
    not known."""
    held = set(recorded)
    if not has_schedule(cadence) or not is_placed(cadence, weekday, held, joined_on, today):
        return None
    step = _DAY_STEPS.get(cadence) or 31 * _MONTH_STEPS[cadence]
    span = Period(today - dt.timedelta(days=step - 1), today)
    days = meeting_days(
        cadence, weekday, anchor_day(cadence, weekday, held, joined_on, today), span
    )
    if not days or days[-1] in held:
        return None
    return days[-1]


@dataclass(frozen=True)
class UpcomingMeeting:
    """A meeting day the schedule expects, with what is already recorded for it."""

    day: dt.date
    attendance: str  # "" when nothing is recorded yet (an apology sent ahead is "excused")


def is_placed(
    cadence: str, weekday: int | None, recorded: Iterable[dt.date], joined_on: dt.date | None,
    today: dt.date,
) -> bool:  # fmt: skip
    """Whether the schedule's days are known (see the module's docstring)."""
    if joined_on is not None or any(day <= today for day in recorded):
        return True
    return cadence == "weekly" and weekday is not None and 0 <= weekday <= 6


def days_unknown(
    cadence: str, weekday: int | None, recorded: Iterable[dt.date], joined_on: dt.date | None,
    today: dt.date,
) -> bool:  # fmt: skip
    """Whether the cadence has meeting days that nothing places yet (shown as not known)."""
    return has_schedule(cadence) and not is_placed(cadence, weekday, recorded, joined_on, today)


def upcoming_meetings(
    cadence: str,
    weekday: int | None,
    recorded: dict[dt.date, str],
    joined_on: dt.date | None,
    left_on: dt.date | None,
    today: dt.date,
    count: int = 3,
) -> list[UpcomingMeeting]:
    """The next `count` meeting days from today (today too, while it is not recorded)."""
    if not has_schedule(cadence) or count <= 0:
        return []
    if not is_placed(cadence, weekday, recorded, joined_on, today):
        # Only what is recorded ahead (apologies already sent) is known.
        ahead = sorted(day for day in recorded if day >= today)[:count]
        return [UpcomingMeeting(day, recorded[day]) for day in ahead]
    anchor = anchor_day(cadence, weekday, recorded, joined_on, today)
    end = today + dt.timedelta(days=_HORIZON_DAYS)
    if left_on is not None:
        end = min(end, left_on)
    if end < today:
        return []
    found: list[UpcomingMeeting] = []
    for day in meeting_days(cadence, weekday, anchor, Period(today, end)):
        state = recorded.get(day, "")
        if day == today and state:
            continue  # today's meeting is already noted: it is no longer "upcoming"
        found.append(UpcomingMeeting(day, state))
        if len(found) == count:
            break
    return found


def expected_count(
    cadence: str,
    weekday: int | None,
    anchor: dt.date,
    span: Period,
) -> int | None:
    """How many meetings the schedule expects within `span`; None without a schedule."""
    if not has_schedule(cadence):
        return None
    return len(meeting_days(cadence, weekday, anchor, span))
