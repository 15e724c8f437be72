"""Upcoming group meetings for the Today page: each active group's next meeting days, from
the schedule its rhythm implies (core.schedule), within the coming days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from journal.core import schedule
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.store.models import database_proxy


@dataclass(frozen=True)
class UpcomingMeeting:
    """The next meeting of one group."""

    group_id: int
    group_name: str
    on: dt.date
    cadence: str
    last_meeting_on: dt.date | None
    attendance: str = ""  # already noted for that day ("excused": apologies sent ahead)


def upcoming_meetings(days: int = 7, clock: Clock = SYSTEM_CLOCK) -> list[UpcomingMeeting]:
    """Active groups' meetings within `days` days (today included while it is not recorded),
    soonest first; one line per group, its next meeting."""
    today = clock.today()
    groups = list(
        database_proxy.execute_sql(
            "SELECT id, name, meeting_cadence, meeting_weekday, joined_on, left_on "
            "FROM membership_group WHERE status IN ('active', 'reduced')"
        )
    )
    recorded: dict[int, dict[dt.date, str]] = {int(g[0]): {} for g in groups}
    for gid, held, attendance in database_proxy.execute_sql(
        "SELECT m.group_id, m.held_on, m.attendance FROM meeting m "
        "JOIN membership_group g ON g.id = m.group_id WHERE g.status IN ('active', 'reduced')"
    ):
        recorded[int(gid)][dt.date.fromisoformat(held)] = str(attendance)
    out: list[UpcomingMeeting] = []
    for gid, name, cadence, weekday, joined, left in groups:
        days_held = recorded[int(gid)]
        coming = schedule.upcoming_meetings(
            cadence,
            weekday,
            days_held,
            dt.date.fromisoformat(joined) if joined else None,
            dt.date.fromisoformat(left) if left else None,
            today,
            count=1,
        )
        if coming and (coming[0].day - today).days <= days:
            past = [d for d in days_held if d <= today]
            out.append(
                UpcomingMeeting(
                    int(gid),
                    str(name),
                    coming[0].day,
                    str(cadence),
                    max(past) if past else None,
                    coming[0].attendance,
                )
            )
    out.sort(key=lambda m: (m.on, m.group_name.casefold()))
    return out
