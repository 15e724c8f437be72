"""The daily digest: one message a day saying what is due, when the user wants it.

The GUI decides how to show it (a tray notification); this module decides what it says,
whether it is time, and remembers the day it was last shown so it comes at most once a day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journal.core.changes import Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import ValidationError
from journal.core.setting_store import get_setting, put_setting
from journal.store.models import database_proxy

if TYPE_CHECKING:
    # The desktop asks whether the digest is due every minute from its start; the
    # snapshot's modules (review, balance, introductions) load only to make one.
    from journal.core.today import TodaySnapshot

TIME_SETTING = "digest.time"
ENABLED_SETTING = "digest.enabled"
LAST_SHOWN_SETTING = "digest.last_shown_on"
DEFAULT_TIME = dt.time(9, 0)
_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class Digest:
    """What the day's message counts, and a few names to make it concrete."""

    day: dt.date
    followups_due: int
    followups_overdue: int
    fading: int
    new_people: int
    introductions: int
    meetings: int
    names: list[str]  # up to three people most in need of attention
    review_due: bool = False

    @property
    def total(self) -> int:
        """How many things the message is about."""
        return (
            self.followups_due
            + self.fading
            + self.new_people
            + self.meetings
            + (1 if self.review_due else 0)
        )

    @property
    def is_empty(self) -> bool:
        """Nothing is due: no message today."""
        return self.total == 0


def digest_from(snapshot: TodaySnapshot) -> Digest:
    """The digest of a Today snapshot (suggestions are counted but never make it urgent)."""
    names: list[str] = []
    for name in (
        *(f.contact_name for f in snapshot.followups),
        *(r.name for r in snapshot.fading),
        *(p.name for p in snapshot.new_people),
    ):
        if name and name not in names:
            names.append(name)
    return Digest(
        day=snapshot.today,
        followups_due=len(snapshot.followups),
        followups_overdue=len(snapshot.overdue_followups),
        fading=len(snapshot.fading),
        new_people=len(snapshot.new_people),
        introductions=len(snapshot.introductions),
        meetings=len([m for m in snapshot.meetings if m.on == snapshot.today]),
        names=names[:3],
        review_due=snapshot.review is not None,
    )


def daily_digest(clock: Clock = SYSTEM_CLOCK) -> Digest:
    """Today's digest."""
    from journal.core.today import today_snapshot

    return digest_from(today_snapshot(clock))


@dataclass(frozen=True)
class DigestSettings:
    """Whether and when the daily digest comes."""

    enabled: bool
    at: dt.time
    last_shown_on: dt.date | None


def parse_time(field: str, text: str) -> dt.time:
    """A local time of day typed as HH:MM."""
    match = _TIME.match(text)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValidationError(field, f"'{text}' is not a time of day (use HH:MM, e.g. 09:00)")
    return dt.time(int(match.group(1)), int(match.group(2)))


def digest_settings() -> DigestSettings:
    """The stored settings, with their defaults."""
    stored_time = get_setting(TIME_SETTING, None)
    try:
        at = parse_time("digest time", stored_time) if isinstance(stored_time, str) else None
    except ValidationError:
        at = None
    last = get_setting(LAST_SHOWN_SETTING, None)
    try:
        last_day = dt.date.fromisoformat(last) if isinstance(last, str) else None
    except ValueError:
        last_day = None
    return DigestSettings(
        enabled=get_setting(ENABLED_SETTING, True) is not False,
        at=at or DEFAULT_TIME,
        last_shown_on=last_day,
    )


def set_digest(enabled: bool | None = None, at: dt.time | None = None) -> Result[str]:
    """Turn the digest on or off, or change its time (only what is given changes)."""
    result = Result(TIME_SETTING)
    with database_proxy.atomic():
        if enabled is not None:
            result = put_setting(ENABLED_SETTING, bool(enabled))
        if at is not None:
            result = put_setting(TIME_SETTING, at.strftime("%H:%M"))
    return result


def digest_is_due(clock: Clock = SYSTEM_CLOCK) -> bool:
    """Enabled, the local time has reached the digest's, and not yet shown today."""
    settings = digest_settings()
    if not settings.enabled:
        return False
    local = clock.now().astimezone(clock.zone())
    if settings.last_shown_on is not None and settings.last_shown_on >= local.date():
        return False
    return local.time() >= settings.at


def mark_digest_shown(clock: Clock = SYSTEM_CLOCK) -> Result[str]:
    """Remember that today's digest was shown (or had nothing to say)."""
    return put_setting(LAST_SHOWN_SETTING, clock.today().isoformat())
