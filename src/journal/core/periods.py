"""Calendar periods for the balance: months added with clamping, quarters, inclusive spans."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier); the 31st becomes the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Period:
    """A span of calendar days, both ends included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        """How many days the period holds."""
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def clip(self, start: dt.date | None, end: dt.date | None) -> Period | None:
        """The part of this period between `start` and `end` (None: unbounded), if any."""
        first = max(self.start, start) if start is not None else self.start
        last = min(self.end, end) if end is not None else self.end
        return Period(first, last) if first <= last else None


def months_back(end: dt.date, months: int) -> Period:
    """The `months` months that end on `end` (12 months to 2026-11-24: from 2025-11-25)."""
    return Period(add_months(end, -months) + dt.timedelta(days=1), end)


def quarter_of(day: dt.date) -> Period:
    """The calendar quarter a day falls in."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    return Period(start, add_months(start, 3) - dt.timedelta(days=1))


def quarter_label(period: Period) -> str:
    """ "2026 Q3": the same in every language, so the CLI and the chart agree."""
    return f"{period.start.year} Q{(period.start.month - 1) // 3 + 1}"


def last_quarters(end: dt.date, count: int) -> list[Period]:
    """The `count` calendar quarters up to the one holding `end`, oldest first.

    The last one is cut at `end`: the current quarter so far.
    """
    quarters: list[Period] = []
    current = quarter_of(end)
    for _ in range(count):
        quarters.append(current)
        current = quarter_of(current.start - dt.timedelta(days=1))
    quarters.reverse()
    last = quarters[-1]
    quarters[-1] = Period(last.start, min(last.end, end))
    return quarters
