"""Reading the timeline: newest first, filtered, fetched a page at a time (keyset paging)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from journal.core.errors import NotFoundError
from journal.core.search import prefix_query, split_cjk
from journal.store.fields import format_utc, parse_utc
from journal.store.models import database_proxy


@dataclass(frozen=True)
class TimelineFilter:
    """Which entries a timeline shows; every field narrows it further."""

    search: str = ""
    kinds: frozenset[str] = frozenset()
    contact_id: int | None = None
    group_id: int | None = None
    start: dt.datetime | None = None  # inclusive
    end: dt.datetime | None = None  # exclusive


@dataclass(frozen=True)
class TimelineCursor:
    """Where the last page ended; the next page starts strictly after it."""

    occurred_at: str
    id: int


@dataclass(frozen=True)
class TimelineRow:
    """One line of the timeline."""

    id: int
    kind: str
    occurred_at: dt.datetime
    summary: str
    notes: str
    direction: str
    amount: Decimal | None
    estimated_amount: Decimal | None
    currency: str
    group_id: int | None
    group_name: str
    people: str
    meeting_id: int | None = None  # one of the group's meetings it happened at
    meeting_on: dt.date | None = None  # that meeting's day


# The meeting is joined on the entry's group too: an older version could leave an entry
# linked to another group's meeting, which reads as no meeting (see _link in interactions).
_SELECT = """
SELECT i.id, i.kind, i.occurred_at, i.summary, i.notes, i.direction, i.amount,
       i.estimated_amount, i.currency, i.group_id, COALESCE(g.name, ''),
       COALESCE((SELECT group_concat(c.display_name, ', ') FROM interaction_participant p
                 JOIN contact c ON c.id = p.contact_id WHERE p.interaction_id = i.id), ''),
       m.id, m.held_on
FROM interaction i LEFT JOIN membership_group g ON g.id = i.group_id
LEFT JOIN meeting m ON m.id = i.meeting_id AND m.group_id = i.group_id
"""


def _where(flt: TimelineFilter) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if flt.search.strip():
        match, inside = split_cjk(flt.search)
        if match is None and not inside:
            clauses.append("0")
        if match is not None:
            # Each word may be in the entry's texts or in the name of someone in it: the
            # entry's search text holds its people's names (schema step 10).
            clauses.append(
                "i.id IN (SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH ?)"
            )
            params.append(match)
        for word in inside:
            # A word in CJK script may sit inside a longer run of such characters, which
            # FTS5 keeps as one token: it is looked for inside the texts too (a scan,
            # only for such words), and inside the shown names of the people in the entry.
            # The texts are scanned once, in their table's order, as a set (about 40 ms
            # for 200,000 entries): in the page's time order the scan cost ten times that.
            clauses.append(
                "(i.id IN (SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH ?)"
                " OR i.id IN (SELECT id FROM interaction"
                "  WHERE instr(summary, ?) > 0 OR instr(notes, ?) > 0)"
                " OR i.id IN (SELECT p.interaction_id FROM interaction_participant p"
                "  JOIN contact c ON c.id = p.contact_id WHERE instr(c.display_name, ?) > 0))"
            )
            params += [prefix_query(word), word, word, word]
    if flt.kinds:
        clauses.append(f"i.kind IN ({','.join('?' * len(flt.kinds))})")
        params += sorted(flt.kinds)
    if flt.contact_id is not None:
        clauses.append(
            "i.id IN (SELECT interaction_id FROM interaction_participant WHERE contact_id = ?)"
        )
        params.append(flt.contact_id)
    if flt.group_id is not None:
        clauses.append("i.group_id = ?")
        params.append(flt.group_id)
    if flt.start is not None:
        clauses.append("i.occurred_at >= ?")
        params.append(format_utc(flt.start))
    if flt.end is not None:
        clauses.append("i.occurred_at < ?")
        params.append(format_utc(flt.end))
    return clauses, params


def _row(values: tuple[object, ...]) -> TimelineRow:
    (
        iid,
        kind,
        when,
        summary,
        notes,
        direction,
        amount,
        estimated,
        currency,
        gid,
        gname,
        people,
        mid,
        held_on,
    ) = values
    return TimelineRow(
        id=int(iid),  # type: ignore[call-overload]
        kind=str(kind),
        occurred_at=parse_utc(str(when)),
        summary=str(summary),
        notes=str(notes),
        direction=str(direction),
        amount=Decimal(str(amount)) if amount not in (None, "") else None,
        estimated_amount=Decimal(str(estimated)) if estimated not in (None, "") else None,
        currency=str(currency),
        group_id=int(gid) if gid is not None else None,  # type: ignore[call-overload]
        group_name=str(gname),
        people=str(people),
        meeting_id=int(mid) if mid is not None else None,  # type: ignore[call-overload]
        meeting_on=dt.date.fromisoformat(str(held_on)) if held_on is not None else None,
    )


def timeline_page(
    flt: TimelineFilter = TimelineFilter(),
    after: TimelineCursor | None = None,
    limit: int = 200,
) -> tuple[list[TimelineRow], TimelineCursor | None]:
    """Up to `limit` entries, newest first, after the cursor; and the cursor for the next page.

    The cursor is None when there is nothing more to fetch.
    """
    clauses, params = _where(flt)
    if after is not None:
        clauses.append("(i.occurred_at, i.id) < (?, ?)")
        params += [after.occurred_at, after.id]
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    # Pick the page's ids first, then build its rows: SQLite computes every selected column
    # (the people subquery too) before sorting, so sorting the full rows of a common search
    # word (30,000 matches in the benchmark journal) did 30,000 subqueries for one page.
    order = "ORDER BY i.occurred_at DESC, i.id DESC"
    page_ids = f"SELECT i.id FROM interaction i {where} {order} LIMIT ?"
    sql = f"{_SELECT} WHERE i.id IN ({page_ids}) {order}"
    raw = list(database_proxy.execute_sql(sql, [*params, limit + 1]))
    more = len(raw) > limit
    rows = [_row(tuple(r)) for r in raw[:limit]]
    cursor = None
    if more and rows:
        last = raw[limit - 1]
        cursor = TimelineCursor(str(last[2]), int(last[0]))
    return rows, cursor


def timeline_row(interaction_id: int) -> TimelineRow:
    """One entry as its timeline line, or NotFoundError naming the id."""
    found = database_proxy.execute_sql(f"{_SELECT} WHERE i.id = ?", [interaction_id]).fetchone()
    if found is None:
        raise NotFoundError(f"There is no timeline entry with id {interaction_id}.")
    return _row(tuple(found))


def timeline_count(flt: TimelineFilter = TimelineFilter()) -> int:
    """How many entries the filter matches."""
    clauses, params = _where(flt)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    row = database_proxy.execute_sql(
        f"SELECT COUNT(*) FROM interaction i {where}", params
    ).fetchone()
    return int(row[0])


def participants_by_entry(interaction_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """(id, name) of the people in each entry, in name order, for ids that need them apart."""
    people: dict[int, list[tuple[int, str]]] = {iid: [] for iid in interaction_ids}
    unique = list(people)
    for start in range(0, len(unique), 500):  # well under SQLite's bound-variable limit
        chunk = unique[start : start + 500]
        sql = (
            "SELECT p.interaction_id, c.id, c.display_name FROM interaction_participant p "
            "JOIN contact c ON c.id = p.contact_id "
            f"WHERE p.interaction_id IN ({','.join('?' * len(chunk))}) ORDER BY c.sort_name, c.id"
        )
        for iid, cid, name in database_proxy.execute_sql(sql, chunk):
            people[int(iid)].append((int(cid), str(name)))
    return people
