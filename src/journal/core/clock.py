"""An injectable clock, so anything "due" or "overdue" can be tested at any date and zone."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    """Where "now" comes from."""

    def now(self) -> dt.datetime:
        """The current instant, time-zone aware."""
        ...

    def today(self) -> dt.date:
        """The user's local calendar date."""
        ...


class SystemClock:
    """The real clock, in the machine's local time zone."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.timezone.utc)

    def today(self) -> dt.date:
        return dt.datetime.now().astimezone().date()


class FixedClock:
    """A clock stopped at one instant (for tests and `--as-of`)."""

    def __init__(self, instant: dt.datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.instant = instant

    def now(self) -> dt.datetime:
        return self.instant

    def today(self) -> dt.date:
        return self.instant.date()


SYSTEM_CLOCK = SystemClock()
