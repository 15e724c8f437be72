"""Writing the timeline: log, edit and delete interactions. Each call is one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from journal.core import validate
from journal.core.changes import Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import NotFoundError, ValidationError
from journal.core.vocabulary import DIRECTIONS, INTERACTION_KINDS
from journal.store.fields import stored
from journal.store.models import (
    Contact,
    Group,
    Interaction,
    InteractionParticipant,
    Meeting,
    database_proxy,
)
from journal.store.rows import tuples


@dataclass
class InteractionDraft:
    """One timeline entry as a form, the quick-add line or an import describes it."""

    kind: str
    occurred_at: dt.datetime
    summary: str = ""
    notes: str = ""
    direction: str = ""
    amount: Decimal | str | None = None
    estimated_amount: Decimal | str | None = None
    currency: str = ""
    group_id: int | None = None
    meeting_id: int | None = None
    participant_ids: list[int] = field(default_factory=list)


def _clean(draft: InteractionDraft, clock: Clock, kept_currency: str = "") -> dict[str, object]:
    v = validate
    kind = v.choice("kind", draft.kind, INTERACTION_KINDS)
    when = v.aware("when", draft.occurred_at)
    if when > clock.now():
        # An entry is something that happened: a future one (a typo in the year, or a plan)
        # would count as the latest contact, hold keep-in-touch reminders back for months,
        # and stay at the top of the timeline above everything logged after it. A plan is
        # a follow-up. Quick add reads its line by the same rule.
        local = when.astimezone(clock.zone())
        shown = (
            f"{local:%H:%M} today" if local.date() == clock.today() else local.date().isoformat()
        )
        raise ValidationError(
            "when", f"{shown} has not happened yet; plan it as a follow-up instead"
        )
    if when.year < 1900:
        raise ValidationError("when", f"{when.date().isoformat()} is before 1900")
    summary = v.text("summary", draft.summary, limit=1000)
    notes = v.text("notes", draft.notes, limit=v.MAX_LONG)
    if not summary and not notes and not draft.participant_ids:
        raise ValidationError("summary", "say what happened, or who it was with")
    amount = v.money("amount", draft.amount)
    estimated = v.money("estimated amount", draft.estimated_amount)
    has_money = amount is not None or estimated is not None
    return {
        "kind": kind,
        "occurred_at": when,
        "summary": summary,
        "notes": notes,
        "direction": v.choice("direction", draft.direction, DIRECTIONS),
        "amount": amount,
        "estimated_amount": estimated,
        "currency": v.currency("currency", draft.currency, required=has_money, kept=kept_currency),
    }


@dataclass(frozen=True)
class EntryLink:
    """The group and meeting an entry is stored with, and a stale meeting link let go."""

    group_id: int | None
    meeting_id: int | None
    unlinked_meeting_id: int | None = None


def _link(draft: InteractionDraft, kept_meeting_id: int | None) -> EntryLink:
    """Check the draft's group and meeting against each other; `kept_meeting_id` is the
    meeting the entry is stored with (None when logging), which the draft may only carry over.
    """
    group_id, meeting_id = draft.group_id, draft.meeting_id
    group = Group.get_or_none(Group.id == group_id) if group_id is not None else None
    if group_id is not None and group is None:
        raise ValidationError("group", f"no group with id {group_id}")
    if meeting_id is None:
        return EntryLink(group_id, None)
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise ValidationError("meeting", f"no meeting with id {meeting_id}")
    if meeting.group_id == group_id:
        return EntryLink(group_id, meeting_id)
    if meeting_id == kept_meeting_id:
        # The edit moved the entry to another group (or out of any) and said nothing about
        # the meeting: a meeting is one group's, so the link goes with the old group. The
        # same heals a link an older version let go astray.
        return EntryLink(group_id, None, unlinked_meeting_id=meeting_id)
    if group is None:
        return EntryLink(meeting.group_id, meeting_id)  # a meeting says which group it was
    held_by = Group.get_by_id(meeting.group_id).name
    raise ValidationError(
        "meeting",
        f"the meeting of {stored(meeting.held_on).isoformat()} is {held_by}'s, not "
        f"{group.name}'s; choose one of {group.name}'s meetings, or no meeting",
    )


@dataclass(frozen=True)
class EditedEntry:
    """What `edit_interaction` did: the entry's id and the meeting it is no longer at."""

    id: int
    unlinked_meeting_id: int | None = None


def _clean_participants(ids: list[int]) -> list[int]:
    unique = list(dict.fromkeys(ids))
    if unique:
        found = {c.id for c in Contact.select(Contact.id).where(Contact.id.in_(unique))}
        missing = [i for i in unique if i not in found]
        if missing:
            raise ValidationError("people", f"no contact with id {missing[0]}")
    return unique


def _write_participants(interaction_id: int, ids: list[int]) -> None:
    InteractionParticipant.delete().where(
        InteractionParticipant.interaction == interaction_id
    ).execute()
    if ids:
        InteractionParticipant.insert_many(
            [{"interaction": interaction_id, "contact": c} for c in ids]
        ).execute()


def _changes(interaction_id: int, contacts: list[int], group_id: int | None) -> Changes:
    areas = {Area.INTERACTIONS, Area.CONTACTS}  # a contact's "last contact" moves
    if group_id is not None:
        areas.add(Area.GROUPS)
    return Changes(
        frozenset(areas),
        contact_ids=frozenset(contacts),
        interaction_ids=frozenset({interaction_id}),
        group_ids=frozenset({group_id} if group_id is not None else ()),
    )


def require_interaction(interaction_id: int) -> Interaction:
    """The stored interaction, or NotFoundError naming the id."""
    found = Interaction.get_or_none(Interaction.id == interaction_id)
    if found is None:
        raise NotFoundError(f"There is no timeline entry with id {interaction_id}.")
    return found


def log_interaction(draft: InteractionDraft, clock: Clock = SYSTEM_CLOCK) -> Result[int]:
    """Add an entry to the timeline; returns its id.

    A meeting given without a group puts the entry in the meeting's group; a meeting of
    another group than the one given is refused.
    """
    values = _clean(draft, clock)
    people = _clean_participants(draft.participant_ids)
    now = clock.now()
    with database_proxy.atomic():
        link = _link(draft, None)
        interaction_id = Interaction.insert(
            created_at=now, updated_at=now, group=link.group_id, meeting=link.meeting_id, **values
        ).execute()
        _write_participants(interaction_id, people)
    return Result(interaction_id, _changes(interaction_id, people, link.group_id))


def edit_interaction(
    interaction_id: int, draft: InteractionDraft, clock: Clock = SYSTEM_CLOCK
) -> Result[EditedEntry]:
    """Replace an entry's fields and participants.

    The group and meeting follow `log_interaction`'s rules, except that a draft moving the
    entry away from its meeting's group while keeping the stored meeting unlinks the
    meeting (reported as `unlinked_meeting_id`) rather than being refused.
    """
    before = require_interaction(interaction_id)
    values = _clean(draft, clock, kept_currency=before.currency)
    people = _clean_participants(draft.participant_ids)
    with database_proxy.atomic():
        link = _link(draft, before.meeting_id)
        old_people = _participant_ids(interaction_id)
        Interaction.update(
            updated_at=clock.now(), group=link.group_id, meeting=link.meeting_id, **values
        ).where(Interaction.id == interaction_id).execute()
        _write_participants(interaction_id, people)
    changes = _changes(interaction_id, people + old_people, link.group_id)
    if before.group_id is not None:
        changes = changes | _changes(interaction_id, [], before.group_id)
    return Result(EditedEntry(interaction_id, link.unlinked_meeting_id), changes)


def delete_interaction(interaction_id: int) -> Result[int]:
    """Remove an entry from the timeline."""
    with database_proxy.atomic():
        before = require_interaction(interaction_id)
        people = _participant_ids(interaction_id)
        Interaction.delete().where(Interaction.id == interaction_id).execute()
    return Result(interaction_id, _changes(interaction_id, people, before.group_id))


def _participant_ids(interaction_id: int) -> list[int]:
    query = InteractionParticipant.select(InteractionParticipant.contact).where(
        InteractionParticipant.interaction == interaction_id
    )
    return [row[0] for row in tuples(query)]


def load_interaction_draft(interaction_id: int) -> InteractionDraft:
    """The stored entry as a draft, ready for an edit form."""
    i = require_interaction(interaction_id)
    return InteractionDraft(
        kind=i.kind,
        occurred_at=stored(i.occurred_at),
        summary=i.summary,
        notes=i.notes,
        direction=i.direction,
        amount=i.amount,
        estimated_amount=i.estimated_amount,
        currency=i.currency,
        group_id=i.group_id,
        meeting_id=i.meeting_id,
        participant_ids=_participant_ids(interaction_id),
    )
