"""The people worth keeping whatever happens to a membership, with a stay-in-touch cadence.

A member is worth keeping when you are in touch with them outside the group's meetings
(the balance's "real relationships"), or when support went either way between you at any
time: they supported you, helped you or sent you a referral; you helped them, sent them a
referral or introduced them.

The cadence offered is the one already set for the person; otherwise every 30 days for
someone you were in touch with about once a month or more over the relationship window,
and every 90 days for everyone else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from journal.core.balance import Balance, GroupFacts

RECEIVED_KINDS = frozenset({"support", "help_received", "referral_received"})
GIVEN_KINDS = frozenset({"help_given", "referral_given", "introduction"})
CLOSE_DAYS = 30
OTHER_DAYS = 90


@dataclass(frozen=True)
class PersonToKeep:
    """A member worth keeping in touch with, and why."""

    contact_id: int
    name: str
    touches: int  # entries with them outside meetings in the relationship window
    last_on: dt.date | None
    support_received: int  # from them, ever
    support_given: int  # to them, ever
    stay_in_touch_days: int | None  # as set on the contact now
    suggested_days: int

    def to_json(self) -> dict[str, object]:
        """As printed by `journal review --json`."""
        return {
            "id": self.contact_id,
            "name": self.name,
            "touches": self.touches,
            "last_contact_on": self.last_on.isoformat() if self.last_on else None,
            "support_received": self.support_received,
            "support_given": self.support_given,
            "stay_in_touch_days": self.stay_in_touch_days,
            "suggested_days": self.suggested_days,
        }


def people_to_keep(facts: GroupFacts, balance: Balance) -> tuple[PersonToKeep, ...]:
    """The group's people worth keeping as of the balance's last day, closest first."""
    as_of = balance.period.end
    received: dict[int, int] = {}
    given: dict[int, int] = {}
    for entry in facts.entries:
        if entry.day > as_of:
            continue
        if entry.kind in RECEIVED_KINDS:
            for cid in entry.members:
                received[cid] = received.get(cid, 0) + 1
        elif entry.kind in GIVEN_KINDS:
            for cid in entry.members:
                given[cid] = given.get(cid, 0) + 1
    touches = {r.contact_id: r for r in balance.relationships}
    people = []
    for cid in sorted(set(touches) | set(received) | set(given)):
        relation = touches.get(cid)
        count = relation.touches if relation else 0
        current = facts.stay_in_touch.get(cid)
        if current is not None:
            suggested = current
        elif count >= balance.relationship_months:
            suggested = CLOSE_DAYS
        else:
            suggested = OTHER_DAYS
        people.append(
            PersonToKeep(
                contact_id=cid,
                name=facts.names.get(cid, ""),
                touches=count,
                last_on=relation.last_on if relation else None,
                support_received=received.get(cid, 0),
                support_given=given.get(cid, 0),
                stay_in_touch_days=current,
                suggested_days=suggested,
            )
        )
    people.sort(
        key=lambda p: (
            -(p.touches + p.support_received + p.support_given),
            p.name.casefold(),
            p.contact_id,
        )
    )
    return tuple(people)
