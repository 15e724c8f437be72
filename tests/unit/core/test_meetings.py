"""Recording group meetings: dates against membership, one meeting a day, people met."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from journal.core.changes import Area
from journal.core.clock import FixedClock
from journal.core.errors import NotFoundError, ValidationError
from journal.core.groups import add_members
from journal.core.meetings import (
    MeetingDraft,
    delete_meeting,
    edit_meeting,
    load_meeting_draft,
    note_attended,
    record_meeting,
    require_meeting,
)
from journal.store import Journal
from journal.store.models import GroupMember, Interaction, Meeting, MeetingPerson

AddContact = Callable[..., int]
AddGroup = Callable[..., int]
CountRows = Callable[[str], int]
DAY = dt.date(2026, 11, 17)  # a week before the fixed clock's today


def _people(meeting_id: int) -> set[int]:
    rows = MeetingPerson.select().where(MeetingPerson.meeting == meeting_id)
    return {p.contact_id for p in rows}


def _members(group_id: int) -> dict[int, dt.date | None]:
    return {
        m.contact_id: m.since for m in GroupMember.select().where(GroupMember.group == group_id)
    }


def test_record_a_meeting(add_group: AddGroup, add_contact: AddContact, clock: FixedClock) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    gid = add_group("BNI")
    result = record_meeting(
        MeetingDraft(
            gid,
            DAY,
            attendance="attended",
            rating="worth_it",
            minutes=95,
            notes="  good one ",
            people_ids=[jane, omar, jane],
        ),
        clock,
    )
    m = Meeting.get_by_id(result.value)
    assert (m.group_id, m.held_on, m.attendance, m.rating, m.minutes, m.notes) == (
        gid,
        DAY,
        "attended",
        "worth_it",
        95,
        "good one",
    )
    assert m.created_at == clock.now()
    assert _people(result.value) == {jane, omar}
    assert result.changes.areas == {Area.MEETINGS, Area.GROUPS, Area.CONTACTS}
    assert result.changes.group_ids == {gid}
    assert result.changes.contact_ids == {jane, omar}


def test_a_meeting_without_people_does_not_touch_contacts(
    add_group: AddGroup, clock: FixedClock
) -> None:
    gid = add_group("BNI")
    result = record_meeting(MeetingDraft(gid, DAY, attendance="missed"), clock)
    assert result.changes.areas == {Area.MEETINGS, Area.GROUPS}
    assert result.changes.contact_ids == frozenset()


def test_people_met_become_members(
    add_group: AddGroup, add_contact: AddContact, clock: FixedClock
) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    gid = add_group("BNI")
    add_members(gid, [jane], since=dt.date(2020, 1, 1))
    record_meeting(MeetingDraft(gid, DAY, people_ids=[jane, omar]), clock)
    # Known members keep their date; new ones are members since the meeting.
    assert _members(gid) == {jane: dt.date(2020, 1, 1), omar: DAY}


def test_recording_the_same_day_again_updates(
    add_group: AddGroup, add_contact: AddContact, clock: FixedClock
) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    gid = add_group("BNI")
    first = record_meeting(MeetingDraft(gid, DAY, "attended", people_ids=[jane]), clock).value
    second = record_meeting(
        MeetingDraft(gid, DAY, "attended", rating="so_so", people_ids=[omar]), clock
    ).value
    assert second == first
    assert Meeting.select().count() == 1
    m = Meeting.get_by_id(first)
    assert (m.attendance, m.rating) == ("attended", "so_so")
    assert _people(first) == {omar}
    # A different group may meet the same day.
    other = add_group("Chamber")
    assert record_meeting(MeetingDraft(other, DAY), clock).value != first
    assert Meeting.select().count() == 2


def test_noting_you_attended_keeps_what_was_noted(
    add_group: AddGroup, add_contact: AddContact, clock: FixedClock
) -> None:
    jane = add_contact("Jane")
    gid = add_group("BNI")
    noted = MeetingDraft(gid, DAY, "substitute", "worth_it", 95, "pricing talk", [jane])
    first = record_meeting(noted, clock).value
    assert note_attended(gid, DAY, clock).value == first
    m = Meeting.get_by_id(first)
    assert (m.attendance, m.rating, m.minutes, m.notes) == (
        "attended",
        "worth_it",
        95,
        "pricing talk",
    )
    assert _people(first) == {jane}
    # A day with nothing recorded gets a new meeting, attended.
    other = note_attended(gid, DAY - dt.timedelta(days=7), clock).value
    assert Meeting.get_by_id(other).attendance == "attended"
    assert Meeting.select().count() == 2


@pytest.mark.parametrize(
    ("group", "meeting", "field_name"),
    [
        ({"joined_on": dt.date(2026, 1, 1)}, {"held_on": dt.date(2025, 12, 31)}, "date"),
        (
            {"joined_on": dt.date(2024, 1, 1), "left_on": dt.date(2025, 6, 30)},
            {"held_on": dt.date(2025, 7, 1)},
            "date",
        ),
        ({}, {"held_on": dt.date(2026, 11, 25)}, "date"),
        ({}, {"held_on": dt.date(2026, 12, 1), "attendance": "attended"}, "date"),
        ({}, {"attendance": "asleep"}, "attendance"),
        ({}, {"rating": "meh"}, "rating"),
        ({}, {"minutes": -5}, "length (minutes)"),
        ({}, {"minutes": 1441}, "length (minutes)"),
        ({}, {"people_ids": [999]}, "people met"),
    ],
)
def test_record_refuses_bad_input_naming_the_field(
    add_group: AddGroup,
    clock: FixedClock,
    count_rows: CountRows,
    group: dict[str, object],
    meeting: dict[str, object],
    field_name: str,
) -> None:
    gid = add_group("BNI", **group)
    values: dict[str, object] = {"group_id": gid, "held_on": DAY, **meeting}
    with pytest.raises(ValidationError) as raised:
        record_meeting(MeetingDraft(**values), clock)  # type: ignore[arg-type]
    assert raised.value.field == field_name
    assert count_rows("meeting") == 0
    assert count_rows("meeting_person") == 0
    assert count_rows("group_member") == 0


def test_dates_on_the_membership_edges_are_fine(add_group: AddGroup, clock: FixedClock) -> None:
    gid = add_group("BNI", joined_on=dt.date(2025, 1, 7), left_on=dt.date(2025, 6, 30))
    record_meeting(MeetingDraft(gid, dt.date(2025, 1, 7)), clock)
    record_meeting(MeetingDraft(gid, dt.date(2025, 6, 30)), clock)
    assert Meeting.select().count() == 2


def test_apologies_can_be_sent_ahead(add_group: AddGroup, clock: FixedClock) -> None:
    gid = add_group("BNI")
    mid = record_meeting(MeetingDraft(gid, dt.date(2026, 12, 1), attendance="excused"), clock)
    assert Meeting.get_by_id(mid.value).attendance == "excused"
    today = record_meeting(MeetingDraft(gid, clock.today()), clock)
    assert Meeting.get_by_id(today.value).held_on == clock.today()


def test_an_unknown_person_leaves_nothing_half_written(
    add_group: AddGroup, add_contact: AddContact, clock: FixedClock, count_rows: CountRows
) -> None:
    jane = add_contact("Jane")
    gid = add_group("BNI")
    with pytest.raises(ValidationError, match="4711"):
        record_meeting(MeetingDraft(gid, DAY, people_ids=[jane, 4711]), clock)
    assert count_rows("meeting") == 0
    assert count_rows("meeting_person") == 0
    assert count_rows("group_member") == 0


def test_record_for_a_missing_group(journal: Journal, clock: FixedClock) -> None:
    with pytest.raises(NotFoundError, match="999"):
        record_meeting(MeetingDraft(999, DAY), clock)


# -- edit and delete ----------------------------------------------------------------------------


def test_edit_a_meeting(add_group: AddGroup, add_contact: AddContact, clock: FixedClock) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    gid = add_group("BNI")
    mid = record_meeting(MeetingDraft(gid, DAY, people_ids=[jane]), clock).value
    moved = dt.date(2026, 11, 18)
    result = edit_meeting(
        mid, MeetingDraft(gid, moved, "substitute", notes="sent Omar", people_ids=[omar]), clock
    )
    assert result.value == mid
    assert result.changes.contact_ids == {omar}
    m = Meeting.get_by_id(mid)
    assert (m.held_on, m.attendance, m.notes) == (moved, "substitute", "sent Omar")
    assert _people(mid) == {omar}
    assert set(_members(gid)) == {jane, omar}  # having met someone once stays true


def test_edit_cannot_move_onto_another_meetings_day(add_group: AddGroup, clock: FixedClock) -> None:
    gid = add_group("BNI")
    record_meeting(MeetingDraft(gid, DAY), clock)
    other = record_meeting(MeetingDraft(gid, dt.date(2026, 11, 10)), clock).value
    with pytest.raises(ValidationError) as raised:
        edit_meeting(other, MeetingDraft(gid, DAY), clock)
    assert raised.value.field == "date"
    assert Meeting.get_by_id(other).held_on == dt.date(2026, 11, 10)
    # Saving a meeting on its own day is not a clash.
    edit_meeting(other, MeetingDraft(gid, dt.date(2026, 11, 10), "missed"), clock)
    assert Meeting.get_by_id(other).attendance == "missed"


def test_edit_cannot_move_a_meeting_to_another_group(
    add_group: AddGroup, clock: FixedClock
) -> None:
    bni, chamber = add_group("BNI"), add_group("Chamber")
    meeting = record_meeting(MeetingDraft(bni, DAY), clock).value
    with pytest.raises(ValidationError, match="stays with its group") as raised:
        edit_meeting(meeting, MeetingDraft(chamber, DAY), clock)
    assert raised.value.field == "group"
    assert Meeting.get_by_id(meeting).group_id == bni


def test_edit_is_atomic(add_group: AddGroup, add_contact: AddContact, clock: FixedClock) -> None:
    jane = add_contact("Jane")
    gid = add_group("BNI")
    mid = record_meeting(MeetingDraft(gid, DAY, "attended", people_ids=[jane]), clock).value
    with pytest.raises(ValidationError):
        edit_meeting(mid, MeetingDraft(gid, DAY, "missed", people_ids=[jane, 999]), clock)
    assert Meeting.get_by_id(mid).attendance == "attended"
    assert _people(mid) == {jane}


def test_edit_and_delete_of_a_missing_meeting(add_group: AddGroup, clock: FixedClock) -> None:
    gid = add_group("BNI")
    with pytest.raises(NotFoundError):
        edit_meeting(555, MeetingDraft(gid, DAY), clock)
    with pytest.raises(NotFoundError):
        delete_meeting(555)
    with pytest.raises(NotFoundError):
        load_meeting_draft(555)
    with pytest.raises(NotFoundError):
        require_meeting(555)
    assert Meeting.select().count() == 0


def test_delete_a_meeting_keeps_members_and_timeline(
    add_group: AddGroup, add_contact: AddContact, clock: FixedClock, log: Callable[..., int]
) -> None:
    jane = add_contact("Jane")
    gid = add_group("BNI")
    mid = record_meeting(MeetingDraft(gid, DAY, people_ids=[jane]), clock).value
    iid = log("meeting", group_id=gid, meeting_id=mid)
    result = delete_meeting(mid)
    assert result.changes.areas == {Area.MEETINGS, Area.GROUPS}
    assert result.changes.group_ids == {gid}
    assert Meeting.select().count() == 0
    assert MeetingPerson.select().count() == 0
    assert set(_members(gid)) == {jane}
    assert Interaction.get_by_id(iid).meeting_id is None


def test_load_meeting_draft_round_trips(
    add_group: AddGroup, add_contact: AddContact, clock: FixedClock
) -> None:
    jane = add_contact("Jane")
    gid = add_group("BNI")
    draft = MeetingDraft(gid, DAY, "attended", "waste", 120, "long", [jane])
    mid = record_meeting(draft, clock).value
    assert load_meeting_draft(mid) == draft


@pytest.mark.parametrize("attendance", ["missed", "excused"])
def test_nobody_is_met_at_a_meeting_you_were_not_at(
    add_group: AddGroup, add_contact: AddContact, clock: FixedClock, attendance: str
) -> None:
    # Else a missed meeting counts among what the group gave you (people first met there).
    jane = add_contact("Jane")
    gid = add_group("BNI")
    with pytest.raises(ValidationError) as refused:
        record_meeting(MeetingDraft(gid, DAY, attendance, people_ids=[jane]), clock)
    assert refused.value.field == "people met"
    assert attendance in refused.value.problem
    assert Meeting.select().count() == 0


def test_apologies_go_at_most_a_year_ahead(add_group: AddGroup, clock: FixedClock) -> None:
    gid = add_group("BNI")
    today = clock.today()
    record_meeting(MeetingDraft(gid, today + dt.timedelta(days=300), "excused"), clock)
    with pytest.raises(ValidationError) as refused:
        record_meeting(MeetingDraft(gid, today + dt.timedelta(days=400), "excused"), clock)
    assert refused.value.field == "date" and "a year ahead" in refused.value.problem
    assert Meeting.select().count() == 1


def test_a_meeting_before_1900_is_a_typing_slip(add_group: AddGroup, clock: FixedClock) -> None:
    gid = add_group("BNI")
    with pytest.raises(ValidationError) as refused:
        record_meeting(MeetingDraft(gid, dt.date(1850, 1, 1), "attended"), clock)
    assert refused.value.field == "date" and "before 1900" in refused.value.problem
