"""Recording group meetings and whether the user was there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from journal.core import validate
from journal.core.changes import Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import NotFoundError, ValidationError
from journal.core.groups import require_group
from journal.core.vocabulary import ATTENDANCE, MEETING_RATINGS
from journal.store.fields import stored
from journal.store.models import Contact, GroupMember, Meeting, MeetingPerson, database_proxy
from journal.store.rows import tuples


@dataclass
class MeetingDraft:
    """One meeting of a group as the user records it."""

    group_id: int
    held_on: dt.date
    attendance: str = "attended"
    rating: str = ""
    minutes: int | None = None
    notes: str = ""
    people_ids: list[int] = field(default_factory=list)


# Attendance that means you were not there, and so met nobody. (Sent a substitute may
# list who went for you.)
NOT_THERE = frozenset({"missed", "excused"})
# How far ahead apologies for a meeting can be sent.
APOLOGIES_AHEAD = dt.timedelta(days=366)


def _clean(draft: MeetingDraft, today: dt.date, meeting_id: int | None) -> dict[str, object]:
    group = require_group(draft.group_id)
    attendance = validate.choice("attendance", draft.attendance, ATTENDANCE)
    held = draft.held_on
    validate.not_ancient("date", held)
    if group.joined_on and held < group.joined_on:
        raise ValidationError(
            "date",
            f"{held.isoformat()} is before you joined {group.name} ({group.joined_on.isoformat()})",
        )
    if group.left_on and held > group.left_on:
        raise ValidationError(
            "date",
            f"{held.isoformat()} is after you left {group.name} ({group.left_on.isoformat()})",
        )
    if held > today and attendance != "excused":
        raise ValidationError(
            "date", f"{held.isoformat()} has not happened yet; only apologies can be sent ahead"
        )
    if held > today + APOLOGIES_AHEAD:
        raise ValidationError(
            "date",
            f"{held.isoformat()} is more than a year ahead; apologies can be sent up to "
            f"{(today + APOLOGIES_AHEAD).isoformat()}",
        )
    if draft.people_ids and attendance in NOT_THERE:
        # Else a meeting you missed counts among what the group gave you (people first met).
        raise ValidationError(
            "people met", f"you were not at this meeting ({attendance}), so you met nobody there"
        )
    clash = Meeting.select().where((Meeting.group == group.id) & (Meeting.held_on == held))
    if meeting_id is not None and clash.where(Meeting.id != meeting_id).exists():
        raise ValidationError("date", f"{group.name} already has a meeting on {held.isoformat()}")
    return {
        "group": group.id,
        "held_on": held,
        "attendance": attendance,
        "rating": validate.choice("rating", draft.rating, MEETING_RATINGS),
        "minutes": validate.int_range("length (minutes)", draft.minutes, 0, 1440),
        "notes": validate.text("notes", draft.notes, limit=validate.MAX_LONG),
    }


def _write_people(meeting_id: int, group_id: int, held_on: dt.date, ids: list[int]) -> None:
    wanted = list(dict.fromkeys(ids))
    found = {c.id for c in Contact.select(Contact.id).where(Contact.id.in_(wanted))}
    for cid in wanted:
        if cid not in found:
            raise ValidationError("people met", f"no contact with id {cid}")
    MeetingPerson.delete().where(MeetingPerson.meeting == meeting_id).execute()
    if wanted:
        MeetingPerson.insert_many([{"meeting": meeting_id, "contact": c} for c in wanted]).execute()
        # Someone met at a group's meeting is a member of that group.
        GroupMember.insert_many(
            [{"group": group_id, "contact": c, "since": held_on} for c in wanted]
        ).on_conflict_ignore().execute()


def _changes(group_id: int, people: list[int]) -> Changes:
    areas = {Area.MEETINGS, Area.GROUPS}
    if people:
        areas.add(Area.CONTACTS)
    return Changes(frozenset(areas), contact_ids=frozenset(people), group_ids=frozenset({group_id}))


def record_meeting(draft: MeetingDraft, clock: Clock = SYSTEM_CLOCK) -> Result[int]:
    """Record a meeting; recording the same group and day again updates that meeting."""
    values = _clean(draft, clock.today(), None)
    with database_proxy.atomic():
        existing = Meeting.get_or_none(
            (Meeting.group == draft.group_id) & (Meeting.held_on == draft.held_on)
        )
        if existing is None:
            meeting_id = Meeting.insert(created_at=clock.now(), **values).execute()
        else:
            meeting_id = existing.id
            Meeting.update(**values).where(Meeting.id == meeting_id).execute()
        _write_people(meeting_id, draft.group_id, draft.held_on, draft.people_ids)
    return Result(meeting_id, _changes(draft.group_id, draft.people_ids))


def note_attendance(
    group_id: int, day: dt.date, attendance: str, clock: Clock = SYSTEM_CLOCK
) -> Result[int]:
    """Your attendance at the group's meeting on `day`: records the meeting, or sets it on
    the recorded one, keeping what was already noted about it (rating, length, notes,
    people). One click must not wipe what a form wrote."""
    with database_proxy.atomic():
        existing = Meeting.get_or_none((Meeting.group == group_id) & (Meeting.held_on == day))
        if existing is None:
            return record_meeting(MeetingDraft(group_id, day, attendance), clock)
        draft = load_meeting_draft(existing.id)
        draft.attendance = attendance
        return edit_meeting(existing.id, draft, clock)


def note_attended(group_id: int, day: dt.date, clock: Clock = SYSTEM_CLOCK) -> Result[int]:
    """You were at the group's meeting on `day` (see note_attendance)."""
    return note_attendance(group_id, day, "attended", clock)


def edit_meeting(meeting_id: int, draft: MeetingDraft, clock: Clock = SYSTEM_CLOCK) -> Result[int]:
    """Change a recorded meeting (its date, attendance, rating, notes, people)."""
    values = _clean(draft, clock.today(), meeting_id)
    with database_proxy.atomic():
        stored_meeting = require_meeting(meeting_id)
        if stored_meeting.group_id != draft.group_id:
            # A meeting is one group's: its entries and their balance count on that. Moving
            # it would carry another group's entries along.
            raise ValidationError(
                "group",
                "a meeting stays with its group; record it in the other group instead",
            )
        Meeting.update(**values).where(Meeting.id == meeting_id).execute()
        _write_people(meeting_id, draft.group_id, draft.held_on, draft.people_ids)
    return Result(meeting_id, _changes(draft.group_id, draft.people_ids))


def delete_meeting(meeting_id: int) -> Result[int]:
    """Remove a recorded meeting."""
    with database_proxy.atomic():
        meeting = require_meeting(meeting_id)
        Meeting.delete().where(Meeting.id == meeting_id).execute()
    return Result(meeting_id, _changes(meeting.group_id, []))


def require_meeting(meeting_id: int) -> Meeting:
    """The stored meeting, or NotFoundError naming the id."""
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise NotFoundError(f"There is no meeting with id {meeting_id}.")
    return meeting


def load_meeting_draft(meeting_id: int) -> MeetingDraft:
    """The stored meeting as a draft, ready for an edit form."""
    m = require_meeting(meeting_id)
    people = [
        row[0]
        for row in tuples(
            MeetingPerson.select(MeetingPerson.contact).where(MeetingPerson.meeting == meeting_id)
        )
    ]
    return MeetingDraft(
        m.group_id, stored(m.held_on), m.attendance, m.rating, m.minutes, m.notes, people
    )
