"""Everyone not archived, read in one pass for Today: what its sections need of each person.

Staying in touch and introductions each measure every current contact (20,000 on a large
journal). One scan of the contact table, with each person's last contact taken from the
participant index on the way (schema step 4), serves both, and gives the last contacts
the other sections share: three reads of the same rows cost half as much again as one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from journal.store.fields import parse_utc
from journal.store.models import database_proxy

# The columns of a row, in order.
ID, NAME, STAGE, OWN_DAYS, MET_ON, CREATED_AT = range(6)
SORT_NAME, NEEDS, OFFERS, KNOW, LIKE, TRUST, LAST = range(6, 13)

# A scan of the table, not a walk of the (archived, sort_name) index: nearly every contact
# is read, and the walk's lookups cost about twice the scan. Rows come in rowid order.
_EVERYONE = """
SELECT c.id, c.display_name, c.stage, c.stay_in_touch_days, c.met_on, c.created_at,
  c.sort_name, c.needs, c.offers, c.know, c."like", c.trust,
  (SELECT MAX(p.occurred_at) FROM interaction_participant p WHERE p.contact_id = c.id)
FROM contact c {where}
"""

Row = tuple[Any, ...]


def everyone(contact_id: int | None = None) -> list[Row]:
    """Every contact not archived (or only this one, if not archived), in rowid order."""
    if contact_id is None:
        where, params = "NOT INDEXED WHERE c.archived = 0", []
    else:
        where, params = "WHERE c.id = ? AND c.archived = 0", [contact_id]
    rows: list[Row] = database_proxy.execute_sql(_EVERYONE.format(where=where), params).fetchall()
    return rows


def last_of(rows: list[Row]) -> dict[int, dt.datetime]:
    """The last contact of each of these people who has one (as last_contacts() gives it)."""
    return {row[ID]: parse_utc(row[LAST]) for row in rows if row[LAST]}
