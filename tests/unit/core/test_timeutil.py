"""Local calendar days and UTC instants, across daylight-saving changes."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import tzlocal

from journal.core.clock import SystemClock
from journal.core.errors import ValidationError
from journal.core.timeutil import day_end, day_start, local_date, local_zone, parse_date

UTC = dt.timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def machine_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run with the machine's local zone set to Europe/Berlin, restored afterwards."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    _forget_the_zone()
    yield
    monkeypatch.undo()
    _forget_the_zone()


def _forget_the_zone() -> None:
    time.tzset()
    tzlocal.reload_localzone()
    local_zone.cache_clear()


def test_ordinary_day_in_berlin() -> None:
    day = dt.date(2026, 11, 24)
    assert day_start(day, BERLIN) == dt.datetime(2026, 11, 23, 23, 0, tzinfo=UTC)
    assert day_end(day, BERLIN) == dt.datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    assert day_start(day, BERLIN).tzinfo == UTC


@pytest.mark.parametrize(
    ("zone", "day", "start", "hours"),
    [
        # Spring forward: the day is 23 hours long.
        (BERLIN, dt.date(2026, 3, 29), dt.datetime(2026, 3, 28, 23, 0, tzinfo=UTC), 23),
        (NEW_YORK, dt.date(2026, 3, 8), dt.datetime(2026, 3, 8, 5, 0, tzinfo=UTC), 23),
        # Fall back: 25 hours.
        (BERLIN, dt.date(2026, 10, 25), dt.datetime(2026, 10, 24, 22, 0, tzinfo=UTC), 25),
        (NEW_YORK, dt.date(2026, 11, 1), dt.datetime(2026, 11, 1, 4, 0, tzinfo=UTC), 25),
        # The days around them are ordinary.
        (BERLIN, dt.date(2026, 3, 28), dt.datetime(2026, 3, 27, 23, 0, tzinfo=UTC), 24),
        (BERLIN, dt.date(2026, 3, 30), dt.datetime(2026, 3, 29, 22, 0, tzinfo=UTC), 24),
        (NEW_YORK, dt.date(2026, 11, 2), dt.datetime(2026, 11, 2, 5, 0, tzinfo=UTC), 24),
    ],
)
def test_day_bounds_across_dst(
    zone: ZoneInfo, day: dt.date, start: dt.datetime, hours: int
) -> None:
    assert day_start(day, zone) == start
    assert day_end(day, zone) - day_start(day, zone) == hours * HOUR
    assert day_end(day, zone) == day_start(day + dt.timedelta(days=1), zone)


@pytest.mark.parametrize(
    ("zone", "day", "start", "hours"),
    [
        # Havana skips from 00:00 to 01:00: the day begins at 01:00, which is 05:00 UTC.
        ("America/Havana", dt.date(2026, 3, 8), dt.datetime(2026, 3, 8, 5, tzinfo=UTC), 23),
        # ...and repeats 00:00-01:00 in autumn: the day begins at the first midnight.
        ("America/Havana", dt.date(2026, 11, 1), dt.datetime(2026, 11, 1, 4, tzinfo=UTC), 25),
        ("America/Santiago", dt.date(2026, 9, 6), dt.datetime(2026, 9, 6, 4, tzinfo=UTC), 23),
    ],
)
def test_day_bounds_where_midnight_is_skipped_or_repeated(
    zone: str, day: dt.date, start: dt.datetime, hours: int
) -> None:
    tz = ZoneInfo(zone)
    assert day_start(day, tz) == start
    assert day_end(day, tz) - start == hours * HOUR
    assert day_end(day - dt.timedelta(days=1), tz) == start
    assert local_date(start, tz) == day
    assert local_date(start - dt.timedelta(microseconds=1), tz) == day - dt.timedelta(days=1)


def test_consecutive_days_tile_without_gaps() -> None:
    day = dt.date(2026, 3, 1)
    for _ in range(300):
        for zone in (BERLIN, NEW_YORK):
            assert day_end(day, zone) == day_start(day + dt.timedelta(days=1), zone)
            assert local_date(day_start(day, zone), zone) == day
            assert local_date(day_end(day, zone) - dt.timedelta(microseconds=1), zone) == day
        day += dt.timedelta(days=1)


def test_local_date() -> None:
    late_utc = dt.datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    assert local_date(late_utc, BERLIN) == dt.date(2026, 11, 25)
    assert local_date(late_utc, NEW_YORK) == dt.date(2026, 11, 24)
    early_utc = dt.datetime(2026, 11, 24, 3, 0, tzinfo=UTC)
    assert local_date(early_utc, NEW_YORK) == dt.date(2026, 11, 23)
    assert local_date(early_utc, UTC) == dt.date(2026, 11, 24)


def test_local_date_in_the_repeated_hour() -> None:
    # 00:30 and 01:30 UTC on 2026-10-25 are both 02:30 in Berlin, on the same day.
    first = dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert local_date(first, BERLIN) == local_date(first + HOUR, BERLIN) == dt.date(2026, 10, 25)


def test_machine_local_zone_is_used_without_a_zone(machine_zone: None) -> None:
    assert day_start(dt.date(2026, 3, 29)) == dt.datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    assert day_end(dt.date(2026, 3, 29)) - day_start(dt.date(2026, 3, 29)) == 23 * HOUR
    assert local_date(dt.datetime(2026, 11, 24, 23, 30, tzinfo=UTC)) == dt.date(2026, 11, 25)
    # Berlin is one or two hours ahead of UTC, depending on when this test runs.
    assert local_zone().utcoffset(dt.datetime.now()) in (HOUR, 2 * HOUR)


def test_the_machine_zone_keeps_summer_time_for_past_instants(machine_zone: None) -> None:
    # Half past midnight in Berlin on a summer night and on a winter night: each on its own
    # day whenever this runs (today's fixed offset puts one of them on the day before).
    zone = local_zone()
    summer = dt.datetime(2026, 7, 5, 22, 30, tzinfo=UTC)
    winter = dt.datetime(2026, 1, 5, 23, 30, tzinfo=UTC)
    assert summer.astimezone(zone).date() == dt.date(2026, 7, 6)
    assert winter.astimezone(zone).date() == dt.date(2026, 1, 6)
    assert SystemClock().zone() is zone


@pytest.mark.parametrize(
    ("text", "day"),
    [("2026-11-24", dt.date(2026, 11, 24)), ("  2024-02-29 ", dt.date(2024, 2, 29))],
)
def test_parse_date(text: str, day: dt.date) -> None:
    assert parse_date("birthday", text) == day


@pytest.mark.parametrize(
    "text",
    ["", "   ", "yesterday", "2026-13-01", "2026-02-30", "2025-02-29", "24/11/2026", "2026/11/24"],
)
def test_parse_date_errors_name_the_field(text: str) -> None:
    with pytest.raises(ValidationError) as raised:
        parse_date("birthday", text)
    assert raised.value.field == "birthday"
    assert "YYYY-MM-DD" in raised.value.problem
    assert raised.value.__suppress_context__  # a clean message, not a chained traceback
