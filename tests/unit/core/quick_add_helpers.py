"""Reading back what quick add stored, to compare it with the preview it showed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from journal.core.quick_add import QuickEntry, QuickOutcome
from journal.store.fields import stored
from journal.store.models import (
    Contact,
    ContactTag,
    FollowUp,
    Interaction,
    InteractionParticipant,
    Tag,
)


@dataclass(frozen=True)
class Seen:
    """An entry as the preview shows it, or as the journal holds it."""

    kind: str
    occurred_at: dt.datetime
    summary: str
    direction: str
    people: tuple[str, ...]
    group_id: int | None
    amount: Decimal | None
    currency: str
    tags_per_person: tuple[frozenset[str], ...]
    follow_up: tuple[dt.date, str, str | None] | None


def previewed(entry: QuickEntry, tags_before: dict[int, frozenset[str]]) -> Seen:
    """What the preview promises, given the tags the existing people had before."""
    tags = frozenset(t.casefold() for t in entry.tags)
    person = entry.follow_up_person
    return Seen(
        kind=entry.kind,
        occurred_at=entry.occurred_at,
        summary=entry.summary,
        direction=entry.direction,
        people=tuple(p.name for p in entry.people),
        group_id=entry.group.id if entry.group else None,
        amount=entry.amount,
        currency=entry.currency,
        tags_per_person=tuple(
            tags | (tags_before[p.contact_id] if p.contact_id is not None else frozenset())
            for p in entry.people
        ),
        follow_up=(
            (entry.follow_up_on, entry.follow_up_text, person.name if person else None)
            if entry.follow_up_on
            else None
        ),
    )


def tags_of(contact_id: int) -> frozenset[str]:
    """A contact's tags, case folded."""
    query = Tag.select(Tag.name).join(ContactTag).where(ContactTag.contact == contact_id)
    return frozenset(t.name.casefold() for t in query)


def stored_entry(outcome: QuickOutcome) -> Seen:
    """What the journal holds after apply()."""
    row = Interaction.get_by_id(outcome.interaction_id)
    participants = {
        p.contact_id
        for p in InteractionParticipant.select().where(InteractionParticipant.interaction == row.id)
    }
    assert participants == set(outcome.contact_ids)
    names = {c.id: c.display_name for c in Contact.select().where(Contact.id.in_(participants))}
    follow = FollowUp.get_or_none(FollowUp.interaction == row.id)
    return Seen(
        kind=row.kind,
        occurred_at=stored(row.occurred_at),
        summary=row.summary,
        direction=row.direction,
        people=tuple(names[c] for c in outcome.contact_ids),
        group_id=row.group_id,
        amount=row.amount,
        currency=row.currency,
        tags_per_person=tuple(tags_of(c) for c in outcome.contact_ids),
        follow_up=(
            (
                stored(follow.due_on),
                follow.text,
                names.get(follow.contact_id) if follow.contact_id else None,
            )
            if follow is not None
            else None
        ),
    )


def tags_before(entry: QuickEntry) -> dict[int, frozenset[str]]:
    """The tags the entry's existing people carry now (before apply)."""
    return {p.contact_id: tags_of(p.contact_id) for p in entry.people if p.contact_id is not None}
