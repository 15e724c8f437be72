"""What a write changed, and the clocks that writes take."""

from __future__ import annotations

import datetime as dt

import pytest

from journal.core.changes import EVERYTHING, Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, FixedClock


def test_changes_combine() -> None:
    a = Changes(frozenset({Area.CONTACTS}), contact_ids=frozenset({1}))
    b = Changes(frozenset({Area.GROUPS}), contact_ids=frozenset({2}), group_ids=frozenset({7}))
    both = a | b
    assert both.areas == {Area.CONTACTS, Area.GROUPS}
    assert both.contact_ids == {1, 2}
    assert both.group_ids == {7}
    assert both.interaction_ids == frozenset()
    assert both.touches(Area.GROUPS)
    assert both.touches(Area.MEETINGS, Area.CONTACTS)
    assert not both.touches(Area.MEETINGS, Area.TAGS)
    assert not Changes().touches(*Area)


def test_everything_touches_every_area() -> None:
    assert all(EVERYTHING.touches(area) for area in Area)


def test_result_defaults_to_no_changes() -> None:
    result = Result(5)
    assert result.value == 5
    assert result.changes == Changes()


def test_fixed_clock() -> None:
    instant = dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    clock = FixedClock(instant)
    assert clock.now() == instant
    assert clock.today() == dt.date(2026, 11, 24)  # the day where the instant was given
    with pytest.raises(ValueError):
        FixedClock(dt.datetime(2026, 11, 24))


def test_system_clock_is_aware_and_current() -> None:
    before = dt.datetime.now(dt.timezone.utc)
    now = SYSTEM_CLOCK.now()
    assert now.tzinfo is not None
    assert before <= now <= dt.datetime.now(dt.timezone.utc)
    assert abs((SYSTEM_CLOCK.today() - dt.date.today()).days) <= 1
