"""Follow-ups as an iCalendar file (RFC 5545), so they appear in any calendar app.

Each open follow-up is an all-day event on the day it shows (its due date, or the end of
its snooze): all-day events are what every calendar displays, whereas to-dos (VTODO) are
ignored by several. The UID is built from the follow-up's id and creation instant, so
importing a newer export updates the same events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import icalendar

from journal import __version__
from journal.core.followups import FOLLOW_UP, FollowUpRow
from journal.interchange.destination import destination

PRODID = f"-//Contact Journal//Contact Journal {__version__}//EN"
UID_DOMAIN = "contact-journal.invalid"  # .invalid: never a real host, per RFC 2606


def followup_uid(row: FollowUpRow) -> str:
    """A UID stable for the life of the follow-up and unique across journals."""
    created = row.created_at.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return f"followup-{row.id}-{created}@{UID_DOMAIN}"


def _summary(row: FollowUpRow) -> str:
    # A follow-up given a person and no words is stored as FOLLOW_UP: "Follow up with
    # Jane Doe", not "Follow up with Jane Doe: Follow up".
    if row.contact_name and row.text and row.text != FOLLOW_UP:
        return f"Follow up with {row.contact_name}: {row.text}"
    if row.contact_name:
        return f"Follow up with {row.contact_name}"
    return f"Follow up: {row.text}"


def followups_calendar(rows: Iterable[FollowUpRow], now: dt.datetime) -> bytes:
    """The calendar file's bytes for these follow-ups (done ones are left out)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Contact Journal follow-ups")
    stamp = now.astimezone(dt.timezone.utc)
    for row in rows:
        if row.done_at is not None:
            continue
        event = icalendar.Event()
        event.add("uid", followup_uid(row))
        event.add("dtstamp", stamp)
        event.add("dtstart", row.shows_on)
        event.add("dtend", row.shows_on + dt.timedelta(days=1))
        event.add("summary", _summary(row))
        details = [row.text] if row.text else []
        if row.snoozed_until is not None and row.shows_on != row.due_on:
            details.append(f"First due {row.due_on.isoformat()}, snoozed.")
        if details:
            event.add("description", "\n".join(details))
        event.add("categories", ["Follow-up"])
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: leaves the day free
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def write_calendar(path: Path, data: bytes) -> None:
    """Write the file whole or not at all: a failure never leaves half a calendar behind."""
    path, in_place = destination(path)
    if in_place:
        with open(path, "wb") as out:
            out.write(data)
        return
    folder = path.parent
    handle, temporary = tempfile.mkstemp(prefix=".followups-", suffix=".ics", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
