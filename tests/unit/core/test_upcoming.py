"""Upcoming group meetings on Today: each active group's next meeting within the week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from journal.core.clock import FixedClock
from journal.core.meetings import MeetingDraft, record_meeting
from journal.core.upcoming import upcoming_meetings

TUE, THU = 1, 3
TODAY = dt.date(2026, 11, 24)  # a Tuesday


def test_upcoming_meetings_of_active_groups(
    add_group: Callable[..., int], clock: FixedClock
) -> None:
    bni = add_group("BNI", meeting_cadence="weekly", meeting_weekday=THU)
    chamber = add_group(
        "Chamber", meeting_cadence="monthly", meeting_weekday=TUE, joined_on=dt.date(2026, 1, 1)
    )
    record_meeting(MeetingDraft(chamber, dt.date(2026, 11, 10)), clock)
    add_group("Freelancers", meeting_cadence="irregular")
    add_group("Just added", meeting_cadence="quarterly")  # nothing places it: not "today"
    add_group("Old club", meeting_cadence="weekly", meeting_weekday=TUE, status="left")
    within_week = upcoming_meetings(7, clock)
    assert [(m.group_id, m.on) for m in within_week] == [(bni, dt.date(2026, 11, 26))]
    within_month = upcoming_meetings(20, clock)
    assert [(m.group_name, m.on, m.last_meeting_on) for m in within_month] == [
        ("BNI", dt.date(2026, 11, 26), None),
        # Monthly on the second Tuesday stays on the second Tuesday.
        ("Chamber", dt.date(2026, 12, 8), dt.date(2026, 11, 10)),
    ]


def test_a_meeting_recorded_today_is_not_upcoming(
    add_group: Callable[..., int], clock: FixedClock
) -> None:
    bni = add_group("BNI", meeting_cadence="weekly", meeting_weekday=TUE)
    assert [m.on for m in upcoming_meetings(7, clock)] == [TODAY]
    record_meeting(MeetingDraft(bni, TODAY), clock)
    assert [m.on for m in upcoming_meetings(7, clock)] == [dt.date(2026, 12, 1)]


def test_apologies_sent_ahead_are_shown(add_group: Callable[..., int], clock: FixedClock) -> None:
    bni = add_group("BNI", meeting_cadence="weekly", meeting_weekday=THU)
    record_meeting(MeetingDraft(bni, dt.date(2026, 11, 26), attendance="excused"), clock)
    [coming] = upcoming_meetings(7, clock)
    assert (coming.on, coming.attendance) == (dt.date(2026, 11, 26), "excused")
