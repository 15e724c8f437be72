"""Upcoming group meetings from rhythm, weekday and the last meeting recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from journal.core.clock import FixedClock
from journal.core.meetings import MeetingDraft, record_meeting
from journal.core.upcoming import next_meeting, upcoming_meetings

TUE, THU = 1, 3
TODAY = dt.date(2026, 11, 24)  # a Tuesday


@pytest.mark.parametrize(
    ("cadence", "weekday", "last", "expected"),
    [
        ("weekly", TUE, dt.date(2026, 11, 17), dt.date(2026, 11, 24)),
        ("weekly", TUE, dt.date(2026, 11, 24), dt.date(2026, 12, 1)),
        ("weekly", None, dt.date(2026, 11, 20), dt.date(2026, 11, 27)),
        # Meetings not recorded for weeks: roll forward to the next one from today.
        ("weekly", TUE, dt.date(2026, 9, 1), dt.date(2026, 11, 24)),
        ("weekly", THU, dt.date(2026, 11, 17), dt.date(2026, 11, 26)),
        ("fortnightly", TUE, dt.date(2026, 11, 17), dt.date(2026, 12, 1)),
        ("fortnightly", None, dt.date(2026, 11, 10), dt.date(2026, 11, 24)),
        # Monthly on the second Tuesday stays on the second Tuesday.
        ("monthly", TUE, dt.date(2026, 11, 10), dt.date(2026, 12, 8)),
        # A fifth Thursday becomes the month's last.
        ("monthly", THU, dt.date(2026, 10, 29), dt.date(2026, 11, 26)),
        ("monthly", None, dt.date(2026, 10, 31), dt.date(2026, 11, 30)),
        ("quarterly", None, dt.date(2026, 9, 1), dt.date(2026, 12, 1)),
        ("yearly", None, dt.date(2025, 12, 3), dt.date(2026, 12, 3)),
        ("irregular", None, dt.date(2026, 11, 1), None),
        ("", TUE, dt.date(2026, 11, 1), None),
        # Nothing recorded yet: only a weekly weekday can be guessed.
        ("weekly", THU, None, dt.date(2026, 11, 26)),
        ("monthly", THU, None, None),
        ("weekly", None, None, None),
    ],
)
def test_next_meeting(
    cadence: str, weekday: int | None, last: dt.date | None, expected: dt.date | None
) -> None:
    assert next_meeting(cadence, weekday, last, None, TODAY) == expected


def test_next_meeting_waits_for_the_day_of_joining() -> None:
    joined = dt.date(2026, 12, 2)
    assert next_meeting("weekly", THU, None, joined, TODAY) == dt.date(2026, 12, 3)


def test_upcoming_meetings_of_active_groups(
    add_group: Callable[..., int], clock: FixedClock
) -> None:
    bni = add_group("BNI", meeting_cadence="weekly", meeting_weekday=THU)
    chamber = add_group("Chamber", meeting_cadence="monthly", meeting_weekday=TUE)
    record_meeting(MeetingDraft(chamber, dt.date(2026, 11, 10)), clock)
    add_group("Alumni", meeting_cadence="quarterly")  # nothing recorded: unknown
    left = add_group("Old club", meeting_cadence="weekly", meeting_weekday=TUE, status="left")
    assert left
    within_week = upcoming_meetings(7, clock)
    assert [(m.group_id, m.on) for m in within_week] == [(bni, dt.date(2026, 11, 26))]
    within_month = upcoming_meetings(20, clock)
    assert [(m.group_name, m.on) for m in within_month] == [
        ("BNI", dt.date(2026, 11, 26)),
        ("Chamber", dt.date(2026, 12, 8)),
    ]


def test_a_meeting_recorded_today_is_not_upcoming(
    add_group: Callable[..., int], clock: FixedClock
) -> None:
    bni = add_group("BNI", meeting_cadence="weekly", meeting_weekday=TUE)
    assert [m.on for m in upcoming_meetings(7, clock)] == [TODAY]
    record_meeting(MeetingDraft(bni, TODAY), clock)
    assert [m.on for m in upcoming_meetings(7, clock)] == [dt.date(2026, 12, 1)]
