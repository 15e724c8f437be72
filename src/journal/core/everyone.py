"""Everyone not archived, read in one pass for Today: what its sections need of each person.

Staying in touch and introductions each measure every current contact (20,000 on a large
journal). One scan of the contact table, with each person's last contact taken from the
participant index on the way (schema step 4), serves both and gives the last contacts the
other sections share: three reads of the same rows cost half as much again as one. The
rows come a batch at a time and each reader takes every batch in turn, so none of them
holds all 20,000 rows (about 14 MB as Python tuples).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from journal.store.fields import parse_utc
from journal.store.models import database_proxy

# A row's columns: id, display_name, stage, stay_in_touch_days, met_on, created_at,
# sort_name, needs, offers, know, like, trust, and the last contact (or None).
ID, LAST = 0, 12

# A scan of the table, not a walk of the (archived, sort_name) index: nearly every contact
# is read, and the walk's lookups cost about twice the scan. Rows come in rowid order.
_EVERYONE = """
SELECT c.id, c.display_name, c.stage, c.stay_in_touch_days, c.met_on, c.created_at,
  c.sort_name, c.needs, c.offers, c.know, c."like", c.trust,
  (SELECT MAX(p.occurred_at) FROM interaction_participant p WHERE p.contact_id = c.id)
FROM contact c {where}
"""

Row = tuple[Any, ...]
BATCH = 1000  # rows held at once


def batches(contact_id: int | None = None) -> Iterator[list[Row]]:
    """Every contact not archived (or only this one), in rowid order, a batch at a time."""
    if contact_id is None:
        where, params = "NOT INDEXED WHERE c.archived = 0", []
    else:
        where, params = "WHERE c.id = ? AND c.archived = 0", [contact_id]
    cursor = database_proxy.execute_sql(_EVERYONE.format(where=where), params)
    while rows := cursor.fetchmany(BATCH):
        yield rows


def last_of(rows: list[Row]) -> dict[int, dt.datetime]:
    """The last contact of each of these people who has one (as last_contacts() gives it)."""
    return {row[ID]: parse_utc(row[LAST]) for row in rows if row[LAST]}
