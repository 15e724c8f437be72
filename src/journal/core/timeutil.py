"""Converting between the user's local calendar days and stored UTC instants."""

from __future__ import annotations

import datetime as dt
import functools

from journal.core.errors import ValidationError


@functools.cache
def local_zone() -> dt.tzinfo:
    """The machine's time zone with its rules, or today's offset when it has no name.

    Not datetime.now().astimezone().tzinfo: that is a fixed offset, today's, so an instant
    from the other side of a summer-time change would come out an hour off, and one just
    after midnight on the previous day. Asked once a run, as tzlocal itself does.
    """
    try:
        from tzlocal import get_localzone

        return get_localzone()
    # Conflicting settings (ValueError) or a zone name without its rules (zoneinfo's
    # ZoneInfoNotFoundError is a KeyError): today's offset is still better than none.
    except (ValueError, LookupError, OSError):
        fixed = dt.datetime.now().astimezone().tzinfo
        assert fixed is not None
        return fixed


def day_start(day: dt.date, zone: dt.tzinfo | None = None) -> dt.datetime:
    """The instant a local calendar day begins (aware, in UTC)."""
    local = dt.datetime.combine(day, dt.time.min)
    aware = local.replace(tzinfo=zone) if zone else local.astimezone()
    return aware.astimezone(dt.timezone.utc)


def day_end(day: dt.date, zone: dt.tzinfo | None = None) -> dt.datetime:
    """The instant a local calendar day ends (the next day's start)."""
    return day_start(day + dt.timedelta(days=1), zone)


def local_date(instant: dt.datetime, zone: dt.tzinfo | None = None) -> dt.date:
    """The local calendar day an instant falls on."""
    return instant.astimezone(zone).date() if zone else instant.astimezone().date()


# Said of a local time the clocks skipped that night (going forward).
SKIPPED_TIME = (
    "does not exist here: the clocks went forward that night; give a time an hour later or earlier"
)


def skipped_by_clocks(local: dt.datetime, zone: dt.tzinfo | None = None) -> bool:
    """Whether no instant shows this wall-clock time in `zone` (the machine's when None):
    the hour the clocks skip going forward. Converted, it would move an hour silently, and
    an entry would say a time nobody wrote."""
    aware = local.replace(tzinfo=zone) if zone else local.astimezone()
    back = aware.astimezone(dt.timezone.utc)
    seen = back.astimezone(zone) if zone else back.astimezone()
    return seen.replace(tzinfo=None) != local.replace(tzinfo=None)


def parse_date(field: str, text: str) -> dt.date:
    """A YYYY-MM-DD date typed by a user, or a ValidationError naming the field."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(field, f"'{text}' is not a date (use YYYY-MM-DD)") from None


# A birthday known without its year (vCard's --0315) is stored in this year, as Apple's
# address book does (X-APPLE-OMIT-YEAR=1604): a leap year long past, so 29 February fits
# and the date can never be "in the future". Displays leave the year out.
NO_YEAR = 1604


def has_year(day: dt.date) -> bool:
    """False for a birthday stored without its year (see NO_YEAR)."""
    return day.year != NO_YEAR


def parse_birthday(field: str, text: str) -> dt.date:
    """A birthday typed by a user: YYYY-MM-DD, or MM-DD (also vCard's --MM-DD) without a year."""
    stripped = text.strip()
    yearless = stripped.removeprefix("--")
    if len(yearless) == 5 and yearless[2] == "-":
        try:
            return dt.date.fromisoformat(f"{NO_YEAR}-{yearless}")
        except ValueError:
            pass
        raise ValidationError(field, f"'{text}' is not a day of the year (use MM-DD)")
    try:
        return dt.date.fromisoformat(stripped)
    except ValueError:
        raise ValidationError(
            field, f"'{text}' is not a date (use YYYY-MM-DD, or MM-DD without the year)"
        ) from None
