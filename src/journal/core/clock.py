"""An injectable clock, so anything "due" or "overdue" can be tested at any date and zone."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from journal.core.timeutil import local_zone


class Clock(Protocol):
    """Where "now" comes from."""

    def now(self) -> dt.datetime:
        """The current instant, time-zone aware."""
        ...

    def today(self) -> dt.date:
        """The user's local calendar date."""
        ...

    def zone(self) -> dt.tzinfo:
        """The user's time zone: instants become local calendar days in it."""
        ...


class SystemClock:
    """The real clock, in the machine's local time zone."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.timezone.utc)

    def today(self) -> dt.date:
        return dt.datetime.now().astimezone().date()

    def zone(self) -> dt.tzinfo:
        return local_zone()


class FixedClock:
    """A clock stopped at one instant (for tests and `--as-of`).

    Its zone is the instant's own unless another is given, so
    FixedClock(datetime(..., tzinfo=ZoneInfo("Europe/Berlin"))) is a user in Berlin.
    """

    def __init__(self, instant: dt.datetime, zone: dt.tzinfo | None = None) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.instant = instant
        self._zone: dt.tzinfo = zone if zone is not None else instant.tzinfo

    def now(self) -> dt.datetime:
        return self.instant

    def today(self) -> dt.date:
        return self.instant.astimezone(self._zone).date()

    def zone(self) -> dt.tzinfo:
        return self._zone


SYSTEM_CLOCK = SystemClock()
