"""Meeting days computed from a group's cadence: upcoming meetings and expected counts."""

from __future__ import annotations

import datetime as dt

from journal.core.periods import Period
from journal.core.schedule import (
    UpcomingMeeting,
    anchor_day,
    expected_count,
    has_schedule,
    is_placed,
    latest_unrecorded_day,
    meeting_days,
    upcoming_meetings,
)

TODAY = dt.date(2026, 11, 24)  # a Tuesday


def _days(cadence: str, weekday: int | None, anchor: dt.date, start: str, end: str) -> list[str]:
    span = Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    return [d.isoformat() for d in meeting_days(cadence, weekday, anchor, span)]


def test_weekly_on_the_groups_weekday() -> None:
    # Anchored on a Monday, but the group meets on Thursdays.
    days = _days("weekly", 3, dt.date(2026, 11, 2), "2026-11-01", "2026-11-30")
    assert days == ["2026-11-05", "2026-11-12", "2026-11-19", "2026-11-26"]


def test_fortnightly_runs_both_ways_from_the_anchor() -> None:
    days = _days("fortnightly", None, dt.date(2026, 11, 10), "2026-10-01", "2026-12-01")
    assert days == ["2026-10-13", "2026-10-27", "2026-11-10", "2026-11-24"]


def test_monthly_on_the_same_nth_weekday() -> None:
    # 2026-09-08 is the second Tuesday of September.
    days = _days("monthly", 1, dt.date(2026, 9, 8), "2026-10-01", "2027-01-31")
    assert days == ["2026-10-13", "2026-11-10", "2026-12-08", "2027-01-12"]


def test_monthly_on_the_fifth_weekday_falls_back_to_the_last() -> None:
    # 2026-09-29 is the fifth Tuesday; October's last Tuesday is the 27th.
    assert _days("monthly", 1, dt.date(2026, 9, 29), "2026-10-01", "2026-10-31") == ["2026-10-27"]


def test_monthly_on_a_day_of_the_month_clamps_short_months() -> None:
    days = _days("monthly", None, dt.date(2026, 1, 31), "2026-02-01", "2026-04-30")
    assert days == ["2026-02-28", "2026-03-31", "2026-04-30"]


def test_quarterly_and_yearly() -> None:
    assert _days("quarterly", None, dt.date(2026, 2, 15), "2026-01-01", "2026-12-31") == [
        "2026-02-15",
        "2026-05-15",
        "2026-08-15",
        "2026-11-15",
    ]
    assert _days("yearly", None, dt.date(2020, 6, 1), "2025-01-01", "2026-12-31") == [
        "2025-06-01",
        "2026-06-01",
    ]


def test_no_schedule_without_a_rhythm() -> None:
    for cadence in ("", "irregular", "unknown"):
        assert not has_schedule(cadence)
        assert _days(cadence, 1, TODAY, "2026-01-01", "2026-12-31") == []
        assert expected_count(cadence, 1, TODAY, Period(TODAY, TODAY)) is None


def test_anchor_is_the_latest_meeting_up_to_today() -> None:
    recorded = [dt.date(2026, 11, 3), dt.date(2026, 11, 17), dt.date(2026, 12, 1)]
    assert anchor_day("weekly", None, recorded, dt.date(2020, 1, 1), TODAY) == dt.date(2026, 11, 17)
    assert anchor_day("weekly", None, [], dt.date(2020, 1, 1), TODAY) == dt.date(2020, 1, 1)
    assert anchor_day("weekly", None, [], None, TODAY) == TODAY


def _weeks_back(last: dt.date, count: int) -> list[dt.date]:
    return [last - dt.timedelta(days=7 * k) for k in range(count)]


def test_one_extra_meeting_on_another_day_does_not_move_the_schedule() -> None:
    thursdays = _weeks_back(dt.date(2026, 11, 19), 5)
    extra = dt.date(2026, 11, 23)  # a Monday evening, once
    assert anchor_day("weekly", None, [*thursdays, extra], None, TODAY) == thursdays[0]
    days = upcoming_meetings("weekly", None, dict.fromkeys([*thursdays, extra], "attended"),
                             None, None, TODAY, count=2)  # fmt: skip
    assert [m.day for m in days] == [dt.date(2026, 11, 26), dt.date(2026, 12, 3)]
    # Fortnightly: a meeting in the off week does not swap the weeks.
    fortnights = [dt.date(2026, 11, 19) - dt.timedelta(days=14 * k) for k in range(3)]
    off_week = dt.date(2026, 11, 12)
    assert anchor_day("fortnightly", 3, [*fortnights, off_week], None, TODAY) == fortnights[0]
    # Monthly on the 13th, with one meeting moved to the 20th.
    months = [dt.date(2026, m, 13) for m in (7, 8, 9, 11)]
    moved = dt.date(2026, 10, 20)
    assert anchor_day("monthly", None, [*months, moved], None, TODAY) == dt.date(2026, 11, 13)
    # And the meeting it expects for this week is Thursday's, not another Monday.
    held = [*thursdays, extra]
    assert latest_unrecorded_day("weekly", None, held, None, dt.date(2026, 11, 27)) == (
        dt.date(2026, 11, 26)
    )


def test_a_group_that_moved_its_day_moves_the_schedule_once_half_its_meetings_do() -> None:
    thursdays = _weeks_back(dt.date(2026, 10, 29), 4)
    tuesdays = _weeks_back(dt.date(2026, 11, 17), 3)
    # Of the latest six, three on each day: the latest's day, Tuesday, wins.
    assert anchor_day("weekly", None, [*thursdays, *tuesdays], None, TODAY) == tuesdays[0]
    # Two Tuesdays of six: still Thursday.
    assert anchor_day("weekly", None, [*thursdays, *tuesdays[:2]], None, TODAY) == thursdays[0]
    # A weekday set on the group places every meeting: the latest anchors.
    assert anchor_day("weekly", 1, [*thursdays, *tuesdays[:2]], None, TODAY) == tuesdays[0]


def test_upcoming_meetings_show_what_is_already_noted() -> None:
    recorded = {dt.date(2026, 11, 17): "attended", dt.date(2026, 12, 1): "excused"}
    found = upcoming_meetings("weekly", 1, recorded, dt.date(2025, 1, 1), None, TODAY)
    assert found == [
        UpcomingMeeting(dt.date(2026, 11, 24), ""),  # today, not recorded yet
        UpcomingMeeting(dt.date(2026, 12, 1), "excused"),  # apologies sent ahead
        UpcomingMeeting(dt.date(2026, 12, 8), ""),
    ]
    recorded[TODAY] = "attended"
    after = upcoming_meetings("weekly", 1, recorded, None, None, TODAY, count=1)
    assert after == [UpcomingMeeting(dt.date(2026, 12, 1), "excused")]


def test_no_upcoming_meetings_after_leaving() -> None:
    left = dt.date(2026, 12, 5)
    found = upcoming_meetings("weekly", 1, {}, None, left, TODAY, count=5)
    assert [m.day for m in found] == [dt.date(2026, 11, 24), dt.date(2026, 12, 1)]
    assert upcoming_meetings("weekly", 1, {}, None, dt.date(2026, 1, 1), TODAY) == []
    assert upcoming_meetings("irregular", 1, {}, None, None, TODAY) == []


def test_a_monthly_group_with_nothing_to_run_from_has_no_days_yet() -> None:
    # No meeting recorded, no day joined: "Next meetings: today" would be a guess.
    for cadence in ("monthly", "quarterly", "yearly", "fortnightly"):
        assert not is_placed(cadence, None, [], None, TODAY)
        assert upcoming_meetings(cadence, None, {}, None, None, TODAY) == []
    # A weekday is not enough for a fortnight (which week?) nor a month (which Tuesday?).
    assert upcoming_meetings("monthly", 1, {}, None, None, TODAY) == []
    assert upcoming_meetings("fortnightly", 1, {}, None, None, TODAY) == []
    # Apologies already sent for a day ahead are known all the same.
    ahead = {dt.date(2027, 1, 12): "excused"}
    assert upcoming_meetings("quarterly", None, ahead, None, None, TODAY) == [
        UpcomingMeeting(dt.date(2027, 1, 12), "excused")
    ]
    # A meeting recorded, or the day joined, places them.
    held = {dt.date(2026, 10, 13): "attended"}
    assert [m.day for m in upcoming_meetings("monthly", None, held, None, None, TODAY)] == [
        dt.date(2026, 12, 13), dt.date(2027, 1, 13), dt.date(2027, 2, 13)
    ]  # fmt: skip
    joined = upcoming_meetings("quarterly", None, {}, dt.date(2026, 3, 2), None, TODAY, count=1)
    assert joined == [UpcomingMeeting(dt.date(2026, 12, 2), "")]
    # A meeting recorded only ahead does not: it may be the one apologised for.
    assert not is_placed("monthly", None, [dt.date(2027, 1, 12)], None, TODAY)
    # Weekly on a known weekday needs nothing else.
    assert is_placed("weekly", 3, [], None, TODAY)


def test_the_latest_meeting_day_not_recorded_is_the_one_to_record() -> None:
    thursday = dt.date(2026, 11, 19)
    held = [thursday - dt.timedelta(days=7)]
    assert latest_unrecorded_day("weekly", 3, held, None, TODAY) == thursday
    assert latest_unrecorded_day("weekly", 3, [*held, thursday], None, TODAY) is None
    # The meeting day itself is today's.
    assert latest_unrecorded_day("weekly", 3, held, None, thursday) == thursday
    # Monthly on the 13th: the 13th of this month; before it, nothing older than a month.
    assert latest_unrecorded_day("monthly", None, [dt.date(2026, 10, 13)], None, TODAY) == (
        dt.date(2026, 11, 13)
    )
    # Nothing places the days, or no rhythm: no such day.
    assert latest_unrecorded_day("monthly", None, [], None, TODAY) is None
    assert latest_unrecorded_day("irregular", None, held, None, TODAY) is None


def test_expected_count_over_a_year() -> None:
    year = Period(dt.date(2025, 11, 25), TODAY)
    assert expected_count("weekly", 1, TODAY, year) == 53
    assert expected_count("monthly", None, TODAY, year) == 12
