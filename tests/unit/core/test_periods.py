"""Calendar periods: months added with clamping, quarters, spans."""

from __future__ import annotations

import datetime as dt

import pytest

from journal.core.periods import (
    Period,
    add_months,
    last_quarters,
    months_back,
    quarter_label,
    quarter_of,
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2026-01-31", 1, "2026-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2026-11-24", 3, "2027-02-24"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-01-15", -13, "2024-12-15"),
    ],
)
def test_add_months(day: str, months: int, expected: str) -> None:
    assert add_months(dt.date.fromisoformat(day), months).isoformat() == expected


def test_a_period_includes_both_ends() -> None:
    p = Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert p.days == 31
    assert dt.date(2026, 1, 1) in p and dt.date(2026, 1, 31) in p
    assert dt.date(2026, 2, 1) not in p and "2026-01-05" not in p
    with pytest.raises(ValueError, match="before it starts"):
        Period(dt.date(2026, 2, 1), dt.date(2026, 1, 1))


def test_clip() -> None:
    p = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert p.clip(None, None) == p
    assert p.clip(dt.date(2026, 6, 1), None) == Period(dt.date(2026, 6, 1), p.end)
    assert p.clip(None, dt.date(2025, 1, 1)) is None


def test_months_back_and_quarters() -> None:
    today = dt.date(2026, 11, 24)
    assert months_back(today, 12) == Period(dt.date(2025, 11, 25), today)
    assert quarter_of(today) == Period(dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    quarters = last_quarters(today, 3)
    assert [quarter_label(q) for q in quarters] == ["2026 Q2", "2026 Q3", "2026 Q4"]
    assert quarters[-1].end == today
    assert quarters[0] == Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30))
