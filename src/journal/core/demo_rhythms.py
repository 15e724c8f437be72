"""The demo's stay-in-touch story: most people with a rhythm were seen within it, a few fade.

The timeline generator spreads entries over the years without looking at anyone's rhythm,
so left alone most demo people would be "fading", the first ones by years. A real journal
of someone who uses rhythms looks otherwise: they keep up with most people, and a handful
slip, by days or weeks. This pass, run once the timeline is written, makes the demo tell
that story with catch-up entries (a call, a coffee, a message) within each kept rhythm.

It draws from a random generator of its own, so the rest of a seed's demo stays the same.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Collection

from journal.core.clock import FixedClock
from journal.core.keep_in_touch import touch_rows
from journal.store.fields import format_utc
from journal.store.models import Contact, Interaction, InteractionParticipant, database_proxy

# What keeping up looks like in a timeline, and how often each happens.
CATCH_UP_KINDS = {"call": 4, "coffee": 3, "message": 4, "email": 2, "lunch": 1}
# Someone left fading is late by at most this many days: lapses are recent.
LONGEST_LAPSE_DAYS = 60


def keep_up(
    rng: random.Random,
    today: dt.date,
    share: float,
    *,
    summary: Callable[[str], str],
    quiet: Collection[int] = (),
    recently_met: dt.date,
) -> int:
    """Add catch-up entries so that `share` of the people past their rhythm were kept up
    with, and the rest are late by weeks, not years; returns how many entries were added.

    `quiet` people (members of groups that give nothing) are never heard from: they get no
    rhythm. People met on or after `recently_met` are left as they are, so Today still has
    new people to follow up. `summary` words an entry of a kind.
    """
    if quiet:
        # Met once at a group and never followed up: still "new", which has no rhythm.
        Contact.update(stage="new", stay_in_touch_days=None).where(
            Contact.id.in_(list(quiet))
        ).execute()
    clock = FixedClock(dt.datetime.combine(today, dt.time(12), dt.timezone.utc))
    met = {
        cid: dt.date.fromisoformat(day)
        for cid, day in database_proxy.execute_sql("SELECT id, met_on FROM contact")
        if day
    }
    kinds, weights = list(CATCH_UP_KINDS), list(CATCH_UP_KINDS.values())
    entries: list[tuple[int, str, dt.datetime]] = []
    for row in touch_rows(clock):
        if row.days_left >= 0 or met.get(row.contact_id, dt.date.min) >= recently_met:
            continue
        if rng.random() < share:
            days_ago = rng.randint(1, max(1, row.cadence_days - 1))  # within the rhythm
        elif row.days_overdue > LONGEST_LAPSE_DAYS:
            days_ago = row.cadence_days + rng.randint(2, LONGEST_LAPSE_DAYS)
        else:
            continue  # late already, and lately
        kind = rng.choices(kinds, weights)[0]
        when = dt.datetime.combine(
            today - dt.timedelta(days=days_ago),
            dt.time(rng.randint(8, 18), rng.choice((0, 15, 30, 45))),
            dt.timezone.utc,
        )
        entries.append((row.contact_id, kind, when))
    _write(entries, summary)
    return len(entries)


def _write(entries: list[tuple[int, str, dt.datetime]], summary: Callable[[str], str]) -> None:
    """One insert per entry, each participant linked to the id SQLite gave it (a few
    hundred rows: no need to guess ids for a bulk insert)."""
    for cid, kind, when in entries:
        stamp = format_utc(when)
        iid = Interaction.insert(
            kind=kind,
            occurred_at=stamp,
            summary=summary(kind),
            notes="",
            direction="",
            amount=None,
            currency="",
            group=None,
            created_at=stamp,
            updated_at=stamp,
        ).execute()
        InteractionParticipant.insert(interaction=iid, contact=cid, occurred_at=stamp).execute()
