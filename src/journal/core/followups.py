"""Follow-ups: something to do by a date, usually about a contact.

Kept minimal on purpose (creation only): quick add writes follow-ups through it, and the
follow-ups feature (due lists, done, snooze) grows around it.
"""

from __future__ import annotations

import datetime as dt

from journal.core import validate
from journal.core.changes import Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import ValidationError
from journal.store.models import Contact, FollowUp, Interaction, database_proxy

# A follow-up set this far ahead is almost surely a typo in the year.
MAX_AHEAD = dt.timedelta(days=3660)


def create_followup(
    contact_id: int | None,
    due_on: dt.date,
    text: str,
    interaction_id: int | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> Result[int]:
    """Add a follow-up due on a day, about a contact and/or a timeline entry; returns its id."""
    cleaned = validate.text("follow-up", text, limit=1000)
    if not isinstance(due_on, dt.date) or isinstance(due_on, dt.datetime):
        raise ValidationError("follow-up date", f"{due_on!r} is not a date")
    if due_on.year < 1900 or due_on - clock.today() > MAX_AHEAD:
        raise ValidationError("follow-up date", f"{due_on.isoformat()} is out of range")
    if contact_id is not None and not Contact.select().where(Contact.id == contact_id).exists():
        raise ValidationError("follow-up", f"no contact with id {contact_id}")
    if (
        interaction_id is not None
        and not Interaction.select().where(Interaction.id == interaction_id).exists()
    ):
        raise ValidationError("follow-up", f"no timeline entry with id {interaction_id}")
    with database_proxy.atomic():
        followup_id = FollowUp.insert(
            contact=contact_id,
            interaction=interaction_id,
            due_on=due_on,
            text=cleaned,
            created_at=clock.now(),
        ).execute()
    contacts = frozenset({contact_id} if contact_id is not None else ())
    return Result(followup_id, Changes(frozenset({Area.FOLLOWUPS}), contact_ids=contacts))
