"""Per person, the last time the user helped them and the last time they helped the user.

Deliberately no score and no balance: the journal remembers kindness, it does not keep
accounts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from journal.store.fields import parse_utc
from journal.store.models import database_proxy

GIVING_KINDS = ("help_given", "referral_given", "introduction")
RECEIVING_KINDS = ("help_received", "referral_received", "support")


@dataclass(frozen=True)
class GivingEntry:
    """One timeline entry where help went one way."""

    interaction_id: int
    kind: str
    occurred_at: dt.datetime
    summary: str


@dataclass(frozen=True)
class Giving:
    """The latest help each way with one person (either may be None)."""

    last_given: GivingEntry | None
    last_received: GivingEntry | None


def _latest(contact_id: int, kinds: tuple[str, ...], direction: str) -> GivingEntry | None:
    marks = ",".join("?" * len(kinds))
    sql = (
        "SELECT i.id, i.kind, i.occurred_at, i.summary FROM interaction i "
        "JOIN interaction_participant p ON p.interaction_id = i.id "
        f"WHERE p.contact_id = ? AND (i.kind IN ({marks}) OR i.direction = ?) "
        "ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1"
    )
    row = database_proxy.execute_sql(sql, [contact_id, *kinds, direction]).fetchone()
    if row is None:
        return None
    iid, kind, when, summary = row
    return GivingEntry(int(iid), str(kind), parse_utc(str(when)), str(summary))


def giving(contact_id: int) -> Giving:
    """When the user last gave to this person, and when they last gave to the user.

    Given: help or a referral given, or introducing them to someone, or any entry marked
    "I gave". Received: help, a referral or support received, or any entry marked
    "I received".
    """
    return Giving(
        _latest(contact_id, GIVING_KINDS, "gave"),
        _latest(contact_id, RECEIVING_KINDS, "received"),
    )
