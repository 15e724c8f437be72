"""Today's reads as schema 3 made them, kept as the reference the faster ones are held to.

Straightforward code: the last contact through the interaction table, every person measured
and graded, every introduction read. test_today_equivalence.py checks that Today, the
contact list and quick add give exactly these answers.
"""

from __future__ import annotations

import datetime as dt

from journal.core import introductions as intro
from journal.core.clock import Clock
from journal.core.keep_in_touch import Grade, TouchRow, cadence_defaults
from journal.store.fields import parse_utc
from journal.store.models import database_proxy

LAST_CONTACT = (
    "(SELECT MAX(i.occurred_at) FROM interaction_participant p "
    "JOIN interaction i ON i.id = p.interaction_id WHERE p.contact_id = c.id)"
)


def last_contacts() -> dict[int, dt.datetime]:
    sql = (
        "SELECT p.contact_id, MAX(i.occurred_at) FROM interaction_participant p "
        "JOIN interaction i ON i.id = p.interaction_id GROUP BY p.contact_id"
    )
    return {int(c): parse_utc(str(m)) for c, m in database_proxy.execute_sql(sql) if m}


def contact_ids_by_last_contact(descending: bool, include_archived: bool) -> list[int]:
    way = "DESC" if descending else "ASC"
    where = "" if include_archived else "WHERE c.archived = 0"
    sql = (
        f"SELECT c.id FROM contact c {where} "
        f"ORDER BY COALESCE({LAST_CONTACT}, '') {way}, c.sort_name {way}, c.id"
    )
    return [row[0] for row in database_proxy.execute_sql(sql)]


def last_contact_of(contact_id: int) -> str | None:
    sql = f"SELECT {LAST_CONTACT} FROM contact c WHERE c.id = ?"
    value = database_proxy.execute_sql(sql, [contact_id]).fetchone()[0]
    return str(value) if value else None


def _grade(days_left: int, cadence: int) -> Grade:
    window = max(1, min(7, cadence // 4))
    if days_left > window:
        return Grade.OK
    if days_left > 0:
        return Grade.DUE_SOON
    if -days_left <= window:
        return Grade.DUE
    return Grade.OVERDUE


_PEOPLE = """
SELECT c.id, c.display_name, c.stage, c.stay_in_touch_days, c.met_on, c.created_at,
  COALESCE((SELECT group_concat(t.name, char(31)) FROM contact_tag ct
            JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), ''),
  (SELECT s.snoozed_until FROM reminder_snooze s
   WHERE s.contact_id = c.id AND s.reminder = 'stay_in_touch')
FROM contact c WHERE c.archived = 0 {extra}
"""


def touch_rows(
    clock: Clock, last: dict[int, dt.datetime], contact_id: int | None = None
) -> list[TouchRow]:
    zone, today = clock.zone(), clock.today()
    defaults = cadence_defaults()
    extra, params = ("AND c.id = ?", [contact_id]) if contact_id is not None else ("", [])
    rows: list[TouchRow] = []
    for cid, name, stage, own, met_on, created, tags, snoozed in database_proxy.execute_sql(
        _PEOPLE.format(extra=extra), params
    ):
        cadence, source = defaults.for_contact(own, stage, tags.split("\x1f") if tags else [])
        if not cadence:
            continue
        latest = last.get(cid)
        last_day = latest.astimezone(zone).date() if latest else None
        if last_day is not None:
            since = last_day
        elif met_on:
            since = dt.date.fromisoformat(met_on)
        else:
            since = parse_utc(created).astimezone(zone).date()
        due = since + dt.timedelta(days=cadence)
        days_left = (due - today).days
        snooze = dt.date.fromisoformat(snoozed) if snoozed else None
        rows.append(
            TouchRow(
                contact_id=cid,
                name=name,
                stage=stage,
                cadence_days=cadence,
                source=source,
                last_contact_on=last_day,
                since=since,
                due_on=due,
                days_left=days_left,
                grade=_grade(days_left, cadence),
                snoozed_until=snooze if snooze and snooze > today else None,
            )
        )
    rows.sort(key=lambda r: (r.days_left, -r.cadence_days, r.name.casefold(), r.contact_id))
    return rows


def fading(clock: Clock, last: dict[int, dt.datetime]) -> list[TouchRow]:
    return [
        r
        for r in touch_rows(clock, last)
        if r.grade in (Grade.DUE, Grade.OVERDUE) and r.snoozed_until is None
    ]


def _closeness(ratings: tuple[int | None, ...], days_since: int | None) -> float:
    known = [r for r in ratings if r]
    strength = (sum(known) / len(known) - 1) / 4 if known else 0.25
    recency = 0.0 if days_since is None else max(0.0, 1 - max(0, days_since) / 365)
    return round(0.6 * strength + 0.4 * recency, 4)


def _introduced_pairs() -> set[frozenset[int]]:
    sql = (
        "SELECT a.contact_id, b.contact_id FROM interaction i "
        "JOIN interaction_participant a ON a.interaction_id = i.id "
        "JOIN interaction_participant b ON b.interaction_id = i.id AND b.contact_id > a.contact_id "
        "WHERE i.kind = 'introduction'"
    )
    return {frozenset((int(a), int(b))) for a, b in database_proxy.execute_sql(sql)}


def suggestions(
    clock: Clock, last: dict[int, dt.datetime], limit: int, contact_id: int | None = None
) -> list[intro.Suggestion]:
    zone, today = clock.zone(), clock.today()
    names: dict[int, str] = {}
    needs: dict[frozenset[str], list[tuple[float, int, str]]] = {}
    offers: dict[frozenset[str], list[tuple[float, int, str]]] = {}
    sql = (
        'SELECT id, display_name, needs, offers, know, "like", trust FROM contact '
        "WHERE archived = 0 AND (needs != '' OR offers != '')"
    )
    for cid, name, need_text, offer_text, know, like, trust in database_proxy.execute_sql(sql):
        names[cid] = name
        seen = last.get(cid)
        since = (today - seen.astimezone(zone).date()).days if seen else None
        near = _closeness((know, like, trust), since)
        for text, bucket in ((need_text, needs), (offer_text, offers)):
            for tag in intro.tags(text):
                key = intro.stems(tag)
                if key:
                    bucket.setdefault(key, []).append((near, cid, tag))
    # Which pairs match and the heap over them are unchanged: only reading the people,
    # their closeness and the introductions made changed with schema 4.
    sides = intro._sides(needs, offers, contact_id)
    return intro._best(sides, names, limit, contact_id, _introduced_pairs())
