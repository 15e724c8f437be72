"""Reading the facts a group's balance is computed from (a few indexed queries per group).

"First met through a group" is decided here. A person counts as first met through a group
when the earliest day the journal knows for them (the day you met, if recorded; their
first timeline entry; the first meeting of any group they were noted at) is a day on which
they were noted at one of this group's meetings or took part in an entry linked to it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from journal.core.balance import Demands, DemandSpan, EntryFact, GroupFacts, MeetingFact
from journal.core.groups import DEMAND_FIELDS, require_group
from journal.core.timeutil import local_date
from journal.store.fields import parse_utc
from journal.store.models import Group, database_proxy

_CHUNK = 500  # SQLite's parameter limit is far above; this keeps statements small


def _rows(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    return list(database_proxy.execute_sql(sql, list(params)).fetchall())


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _amount(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _demands_of(values: dict[str, Any]) -> Demands:
    return Demands(
        meeting_cadence=str(values.get("meeting_cadence") or ""),
        meeting_weekday=_int(values.get("meeting_weekday")),
        required_attendance_pct=_int(values.get("required_attendance_pct")),
        meeting_minutes=_int(values.get("meeting_minutes")),
        travel_minutes=_int(values.get("travel_minutes")),
        dues_amount=_amount(values.get("dues_amount")),
        dues_currency=str(values.get("dues_currency") or ""),
        dues_period=str(values.get("dues_period") or ""),
        role_hours_per_month=_int(values.get("role_hours_per_month")),
        referral_quota_per_month=_int(values.get("referral_quota_per_month")),
    )


def _demand_spans(group: Group, zone: dt.tzinfo | None) -> tuple[DemandSpan, ...]:
    """The demand history as spans; the group's own row is the authority for the latest."""
    current = _demands_of({name: getattr(group, name) for name in DEMAND_FIELDS})
    history = _rows(
        "SELECT changed_at, demands_json FROM group_demand_change WHERE group_id = ?"
        " ORDER BY changed_at, id",
        (group.id,),
    )
    spans: list[DemandSpan] = []
    for changed_at, text in history[:-1]:
        try:
            values = json.loads(text)
        except ValueError:
            continue
        if not isinstance(values, dict) or not set(DEMAND_FIELDS) <= set(values):
            continue  # an incomplete snapshot says nothing reliable about that time
        since = local_date(parse_utc(changed_at), zone) if spans else None
        spans.append(DemandSpan(since, _demands_of(values)))
    latest_since = local_date(parse_utc(history[-1][0]), zone) if history and spans else None
    spans.append(DemandSpan(latest_since, current))
    return tuple(spans)


def load_facts(
    group_id: int, zone: dt.tzinfo | None = None, since: dt.date | None = None
) -> GroupFacts:
    """Everything the balance of one group needs, read from the journal.

    `since` bounds only the search for people first met through the group (the costliest
    part): pass the first day any figure will be asked for.
    """
    group = require_group(group_id)
    meetings = _rows(
        "SELECT id, held_on, attendance, rating, minutes FROM meeting WHERE group_id = ?"
        " ORDER BY held_on",
        (group_id,),
    )
    meeting_ids = {row[0] for row in meetings}
    members = {
        cid
        for (cid,) in _rows("SELECT contact_id FROM group_member WHERE group_id = ?", (group_id,))
    }
    # Members' participations (through the participant index), then the entries themselves.
    present: dict[int, list[int]] = {}
    for iid, cid in _rows(
        "SELECT p.interaction_id, p.contact_id FROM interaction_participant p"
        " JOIN group_member m ON m.contact_id = p.contact_id WHERE m.group_id = ?",
        (group_id,),
    ):
        present.setdefault(iid, []).append(cid)
    columns = "id, kind, occurred_at, amount, estimated_amount, currency, group_id, meeting_id"
    rows = _rows(f"SELECT {columns} FROM interaction WHERE group_id = ?", (group_id,))
    linked_ids = {row[0] for row in rows}
    others = [iid for iid in present if iid not in linked_ids]
    for chunk in _chunks(others):
        rows += _rows(f"SELECT {columns} FROM interaction WHERE id IN ({_marks(chunk)})", chunk)
    entries = tuple(
        EntryFact(
            kind=kind,
            day=local_date(parse_utc(occurred), zone),
            linked=gid == group_id,
            # Through the group too: an older version could leave an entry moved to another
            # group (or to none) linked to this group's meeting, which it no longer was at.
            at_meeting=gid == group_id and mid in meeting_ids,
            members=tuple(sorted(present.get(iid, ()))),
            amount=_amount(amount),
            estimated=_amount(estimated),
            currency=currency or "",
        )
        for iid, kind, occurred, amount, estimated, currency, gid, mid in rows
    )
    first_met = _first_met(group_id, zone, since)
    people = sorted(members | set(first_met))
    names: dict[int, str] = {}
    stay: dict[int, int | None] = {}
    for chunk in _chunks(people):
        for cid, name, days in _rows(
            "SELECT id, display_name, stay_in_touch_days FROM contact"
            f" WHERE id IN ({_marks(chunk)})",
            chunk,
        ):
            names[cid] = name
            stay[cid] = days
    return GroupFacts(
        group_id=group.id,
        name=group.name,
        status=group.status,
        joined_on=group.joined_on,
        left_on=group.left_on,
        demands=_demand_spans(group, zone),
        meetings=tuple(
            MeetingFact(dt.date.fromisoformat(held), attendance, rating or "", minutes)
            for _mid, held, attendance, rating, minutes in meetings
        ),
        entries=entries,
        names=names,
        first_met=first_met,
        stay_in_touch=stay,
        added_on=local_date(group.created_at, zone) if group.created_at else None,
    )


def _first_met(group_id: int, zone: dt.tzinfo | None, since: dt.date | None) -> dict[int, dt.date]:
    """Contacts first met through this group (see the module's docstring), with the day.

    Only days from `since` on are looked for. Each test drops candidates before the next,
    costlier one: the day met, then meetings, then the whole timeline.
    """
    through: dict[int, dt.date] = {}

    def note(cid: int, day: dt.date) -> None:
        through[cid] = min(through.get(cid, day), day)

    for cid, held in _rows(
        "SELECT mp.contact_id, MIN(m.held_on) FROM meeting_person mp"
        " JOIN meeting m ON m.id = mp.meeting_id WHERE m.group_id = ? GROUP BY mp.contact_id",
        (group_id,),
    ):
        note(cid, dt.date.fromisoformat(held))
    for cid, occurred in _rows(
        "SELECT p.contact_id, MIN(i.occurred_at) FROM interaction i"
        " JOIN interaction_participant p ON p.interaction_id = i.id"
        " WHERE i.group_id = ? GROUP BY p.contact_id",
        (group_id,),
    ):
        note(cid, local_date(parse_utc(occurred), zone))
    if since is not None:
        through = {cid: day for cid, day in through.items() if day >= since}
    checks = (
        "SELECT id, met_on FROM contact WHERE id IN ({marks})",
        "SELECT mp.contact_id, MIN(m.held_on) FROM meeting_person mp"
        " JOIN meeting m ON m.id = mp.meeting_id WHERE mp.contact_id IN ({marks})"
        " GROUP BY mp.contact_id",
        # Each participation keeps its entry's time (schema step 4): read off the index on
        # (contact_id, occurred_at), without a lookup into the timeline per participation.
        "SELECT contact_id, MIN(occurred_at) FROM interaction_participant"
        " WHERE contact_id IN ({marks}) GROUP BY contact_id",
    )
    for sql in checks:
        earlier: set[int] = set()
        for chunk in _chunks(sorted(through)):
            for cid, value in _rows(sql.format(marks=_marks(chunk)), chunk):
                if not value:
                    continue
                day = (
                    local_date(parse_utc(value), zone)
                    if "T" in value
                    else dt.date.fromisoformat(value)
                )
                if day < through[cid]:
                    earlier.add(cid)
        through = {cid: day for cid, day in through.items() if cid not in earlier}
        if not through:
            break
    return through


def active_group_ids(as_of: dt.date, zone: dt.tzinfo | None = None) -> list[int]:
    """Memberships current on a day: begun by then and not left before it.

    Without a join date, a membership counts as begun by the first day the journal knows
    anything of it: the group's creation, its first meeting, its first entry.
    """
    found = []
    for gid, status, joined_text, left_text, created_text in _rows(
        "SELECT id, status, joined_on, left_on, created_at FROM membership_group"
        " ORDER BY name COLLATE NOCASE, id"
    ):
        joined, left = _day(joined_text), _day(left_text)
        if joined is not None and joined > as_of:
            continue
        if joined is None and not _known_by(gid, created_text, as_of, zone):
            continue
        if (left is None and status != "left") or (left is not None and left > as_of):
            found.append(gid)
    return found


def _known_by(
    group_id: int, created_text: str | None, as_of: dt.date, zone: dt.tzinfo | None
) -> bool:
    """Whether the journal knows anything of a group on or before a day (see above)."""
    if not created_text or local_date(parse_utc(created_text), zone) <= as_of:
        return True
    meeting = _rows(
        "SELECT 1 FROM meeting WHERE group_id = ? AND held_on <= ? LIMIT 1",
        (group_id, as_of.isoformat()),
    )
    if meeting:
        return True
    first = _rows("SELECT MIN(occurred_at) FROM interaction WHERE group_id = ?", (group_id,))
    return bool(first and first[0][0]) and local_date(parse_utc(first[0][0]), zone) <= as_of
