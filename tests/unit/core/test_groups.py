"""Writing groups: validation, demand history, members, delete, lookups."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal

import pytest

from journal.core import groups as groups_module
from journal.core.changes import Area
from journal.core.clock import FixedClock
from journal.core.errors import NotFoundError, ValidationError
from journal.core.groups import (
    DEMAND_FIELDS,
    GroupDraft,
    add_members,
    apologies_withdrawn,
    create_group,
    delete_group,
    find_group,
    load_group_draft,
    remove_member,
    remove_members,
    require_group,
    update_group,
)
from journal.core.meetings import MeetingDraft, record_meeting
from journal.store import Journal
from journal.store.models import (
    Contact,
    Group,
    GroupDemandChange,
    GroupMember,
    Interaction,
    Meeting,
)

AddContact = Callable[..., int]
AddGroup = Callable[..., int]
CountRows = Callable[[str], int]
LATER = FixedClock(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc))


def _history(group_id: int) -> list[dict[str, object]]:
    rows = (
        GroupDemandChange.select()
        .where(GroupDemandChange.group == group_id)
        .order_by(GroupDemandChange.id)
    )
    return [json.loads(r.demands_json) for r in rows]


def _refused(draft: GroupDraft, clock: FixedClock) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        create_group(draft, clock)
    return raised.value


# -- create -------------------------------------------------------------------------------------


def test_create_stores_the_group_and_starts_its_demand_history(
    journal: Journal, clock: FixedClock
) -> None:
    draft = GroupDraft(
        name="  BNI Downtown ",
        kind="referral_club",
        joined_on=dt.date(2024, 1, 9),
        meeting_cadence="weekly",
        meeting_weekday=1,
        required_attendance_pct=80,
        meeting_minutes=90,
        travel_minutes=30,
        dues_amount="620.00",
        dues_currency="usd",
        dues_period="year",
        role="Vice president",
        role_hours_per_month=6,
        referral_quota_per_month=1,
        rules="no more than 3 absences in 6 months",
    )
    result = create_group(draft, clock)
    assert result.changes.areas == {Area.GROUPS}
    assert result.changes.group_ids == {result.value}
    g = Group.get_by_id(result.value)
    assert g.name == "BNI Downtown"
    assert (g.kind, g.status, g.joined_on) == ("referral_club", "active", dt.date(2024, 1, 9))
    assert g.dues_amount == Decimal("620.00")
    assert g.dues_currency == "USD"
    assert g.created_at == clock.now()

    history = _history(result.value)
    assert len(history) == 1
    assert set(history[0]) == set(DEMAND_FIELDS)
    assert history[0]["required_attendance_pct"] == 80
    assert history[0]["dues_amount"] == "620.00"


@pytest.mark.parametrize(
    ("fields", "field_name"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "G", "required_attendance_pct": 101}, "required attendance %"),
        ({"name": "G", "required_attendance_pct": -1}, "required attendance %"),
        ({"name": "G", "dues_amount": "-5", "dues_currency": "EUR", "dues_period": "year"}, "dues"),
        (
            {"name": "G", "dues_amount": "abc", "dues_currency": "EUR", "dues_period": "year"},
            "dues",
        ),
        ({"name": "G", "dues_amount": "50", "dues_currency": "EUR"}, "dues period"),
        ({"name": "G", "dues_amount": "50", "dues_period": "year"}, "dues currency"),
        (
            {"name": "G", "dues_amount": "50", "dues_currency": "EURO", "dues_period": "year"},
            "dues currency",
        ),
        ({"name": "G", "dues_period": "fortnight"}, "dues period"),
        ({"name": "G", "kind": "cult"}, "kind"),
        ({"name": "G", "status": "gone"}, "status"),
        ({"name": "G", "meeting_cadence": "hourly"}, "meeting cadence"),
        ({"name": "G", "meeting_weekday": 7}, "meeting weekday"),
        ({"name": "G", "meeting_minutes": 1441}, "meeting length (minutes)"),
        ({"name": "G", "travel_minutes": -1}, "travel time (minutes)"),
        ({"name": "G", "role_hours_per_month": 745}, "role hours per month"),
        ({"name": "G", "referral_quota_per_month": -1}, "referral quota per month"),
        ({"name": "G", "joined_on": dt.date(2026, 11, 25)}, "joined"),
        ({"name": "G", "left_on": dt.date(2026, 11, 25)}, "left"),
        (
            {"name": "G", "joined_on": dt.date(2025, 5, 1), "left_on": dt.date(2025, 4, 30)},
            "left",
        ),
    ],
)
def test_create_refuses_bad_input_naming_the_field(
    journal: Journal,
    clock: FixedClock,
    count_rows: CountRows,
    fields: dict[str, object],
    field_name: str,
) -> None:
    error = _refused(GroupDraft(**fields), clock)  # type: ignore[arg-type]
    assert error.field == field_name
    assert count_rows("membership_group") == 0
    assert count_rows("group_demand_change") == 0


def test_free_dues_need_no_period(journal: Journal, clock: FixedClock) -> None:
    gid = create_group(GroupDraft(name="Free club", dues_amount="0", dues_currency="EUR"), clock)
    assert Group.get_by_id(gid.value).dues_amount == Decimal("0")


@pytest.mark.parametrize("second", ["bni downtown", "BNI DOWNTOWN", "  Bni Downtown  "])
def test_duplicate_names_are_refused_regardless_of_case(
    add_group: AddGroup, clock: FixedClock, second: str
) -> None:
    add_group("BNI Downtown")
    error = _refused(GroupDraft(name=second), clock)
    assert error.field == "name"
    assert Group.select().count() == 1


def test_duplicate_non_ascii_names_are_refused_regardless_of_case(
    add_group: AddGroup, clock: FixedClock
) -> None:
    add_group("Über Networkers")
    error = _refused(GroupDraft(name="über networkers"), clock)
    assert error.field == "name"
    assert Group.select().count() == 1


def test_a_leaving_date_ends_the_membership(journal: Journal, clock: FixedClock) -> None:
    gid = create_group(
        GroupDraft(name="Old club", joined_on=dt.date(2024, 1, 1), left_on=dt.date(2025, 1, 1)),
        clock,
    ).value
    assert Group.get_by_id(gid).status == "left"


def test_left_without_a_day_left_today(journal: Journal, clock: FixedClock) -> None:
    draft = GroupDraft(name="Old club", joined_on=dt.date(2024, 1, 1))
    gid = create_group(draft, clock).value
    draft.status = "left"
    update_group(gid, draft, clock)
    group = Group.get_by_id(gid)
    assert (group.status, group.left_on) == ("left", clock.today())
    # A day given is kept, and a group not left has none.
    draft.left_on = dt.date(2025, 3, 1)
    update_group(gid, draft, clock)
    assert Group.get_by_id(gid).left_on == dt.date(2025, 3, 1)
    other = create_group(GroupDraft(name="New club", status="reduced"), clock).value
    assert Group.get_by_id(other).left_on is None


# -- update -------------------------------------------------------------------------------------


def test_update_changes_fields_and_keeps_its_own_name(add_group: AddGroup) -> None:
    gid = add_group("Chamber", notes="old")
    result = update_group(gid, GroupDraft(name="chamber", notes="new"), LATER)
    assert result.value == gid
    assert result.changes.areas == {Area.GROUPS}
    assert result.changes.group_ids == {gid}
    g = Group.get_by_id(gid)
    assert (g.name, g.notes) == ("chamber", "new")
    assert g.updated_at == LATER.now()


def test_update_refuses_the_name_of_another_group(add_group: AddGroup) -> None:
    add_group("Chamber")
    gid = add_group("Mastermind")
    with pytest.raises(ValidationError) as raised:
        update_group(gid, GroupDraft(name="CHAMBER"), LATER)
    assert raised.value.field == "name"
    assert Group.get_by_id(gid).name == "Mastermind"


def test_demand_history_grows_only_when_demands_change(add_group: AddGroup) -> None:
    gid = add_group("BNI", required_attendance_pct=80, meeting_cadence="weekly")
    assert len(_history(gid)) == 1

    # Notes and status are not demands.
    update_group(
        gid,
        GroupDraft(name="BNI", required_attendance_pct=80, meeting_cadence="weekly", notes="x"),
        LATER,
    )
    assert len(_history(gid)) == 1

    update_group(
        gid, GroupDraft(name="BNI", required_attendance_pct=90, meeting_cadence="weekly"), LATER
    )
    history = _history(gid)
    assert len(history) == 2
    assert history[-1]["required_attendance_pct"] == 90

    update_group(
        gid, GroupDraft(name="BNI", required_attendance_pct=90, meeting_cadence="weekly"), LATER
    )
    assert len(_history(gid)) == 2

    update_group(
        gid,
        GroupDraft(
            name="BNI",
            required_attendance_pct=90,
            meeting_cadence="weekly",
            dues_amount="100",
            dues_currency="EUR",
            dues_period="month",
        ),
        LATER,
    )
    history = _history(gid)
    assert len(history) == 3
    assert (history[-1]["dues_amount"], history[-1]["dues_period"]) == ("100", "month")
    assert GroupDemandChange.select().order_by(GroupDemandChange.id.desc()).first().changed_at == (
        LATER.now()
    )


def test_update_of_a_missing_group_raises_not_found(journal: Journal) -> None:
    with pytest.raises(NotFoundError, match="999"):
        update_group(999, GroupDraft(name="Ghost"), LATER)
    assert Group.select().count() == 0


def test_load_group_draft_round_trips(add_group: AddGroup) -> None:
    gid = add_group(
        "BNI",
        kind="referral_club",
        joined_on=dt.date(2024, 1, 1),
        dues_amount="620",
        dues_currency="USD",
        dues_period="year",
        required_attendance_pct=80,
    )
    draft = load_group_draft(gid)
    assert draft.name == "BNI"
    assert draft.dues_amount == Decimal("620")
    assert draft.required_attendance_pct == 80
    update_group(gid, draft, LATER)
    assert load_group_draft(gid) == draft
    assert len(_history(gid)) == 1  # nothing changed, so no new history entry


# -- delete -------------------------------------------------------------------------------------


def test_delete_removes_meetings_and_members_but_keeps_the_timeline(
    add_group: AddGroup, add_contact: AddContact, log: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact("Jane")
    gid = add_group("Chamber")
    meeting = record_meeting(MeetingDraft(gid, dt.date(2026, 11, 20), people_ids=[jane]), clock)
    iid = log("meeting", group_id=gid, meeting_id=meeting.value, people=[jane])

    result = delete_group(gid)

    assert result.value == gid
    assert result.changes.areas == {Area.GROUPS, Area.MEETINGS, Area.INTERACTIONS}
    assert result.changes.group_ids == {gid}
    assert Group.select().count() == 0
    assert Meeting.select().count() == 0
    assert GroupMember.select().count() == 0
    assert GroupDemandChange.select().count() == 0
    kept = Interaction.get_by_id(iid)
    assert (kept.group_id, kept.meeting_id) == (None, None)
    assert Contact.select().count() == 1


def test_delete_of_a_missing_group_raises_not_found(journal: Journal) -> None:
    with pytest.raises(NotFoundError):
        delete_group(999)


# -- members ------------------------------------------------------------------------------------


def test_add_members_keeps_known_members(add_group: AddGroup, add_contact: AddContact) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    gid = add_group("Chamber")
    first = add_members(gid, [jane], since=dt.date(2025, 1, 1))
    assert first.changes.areas == {Area.GROUPS, Area.CONTACTS}
    assert first.changes.contact_ids == {jane}
    assert first.changes.group_ids == {gid}
    add_members(gid, [jane, omar, omar], since=dt.date(2026, 1, 1))
    members = {m.contact_id: m.since for m in GroupMember.select()}
    assert members == {jane: dt.date(2025, 1, 1), omar: dt.date(2026, 1, 1)}


def test_add_members_refuses_unknown_contacts_atomically(
    add_group: AddGroup, add_contact: AddContact
) -> None:
    jane = add_contact("Jane")
    gid = add_group("Chamber")
    with pytest.raises(ValidationError) as raised:
        add_members(gid, [jane, 4242])
    assert raised.value.field == "member"
    assert "4242" in str(raised.value)
    assert GroupMember.select().count() == 0


def test_add_members_to_a_missing_group(add_contact: AddContact) -> None:
    jane = add_contact("Jane")
    with pytest.raises(NotFoundError):
        add_members(999, [jane])


def test_remove_member_keeps_the_person(add_group: AddGroup, add_contact: AddContact) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    gid = add_group("Chamber")
    add_members(gid, [jane, omar])
    result = remove_member(gid, jane)
    assert result.changes.areas == {Area.GROUPS, Area.CONTACTS}
    assert result.changes.contact_ids == {jane}
    assert [m.contact_id for m in GroupMember.select()] == [omar]
    assert Contact.select().count() == 2


def test_remove_members_is_all_or_nothing(add_group: AddGroup, add_contact: AddContact) -> None:
    jane, omar, li = add_contact("Jane"), add_contact("Omar"), add_contact("Li")
    gid = add_group("Chamber")
    add_members(gid, [jane, omar])
    with pytest.raises(ValidationError) as raised:
        remove_members(gid, [jane, li])
    assert raised.value.field == "member"
    assert str(li) in raised.value.problem
    assert sorted(m.contact_id for m in GroupMember.select()) == [jane, omar]
    result = remove_members(gid, [jane, omar, jane])
    assert result.changes.contact_ids == {jane, omar}
    assert GroupMember.select().count() == 0


def test_remove_members_from_a_missing_group(add_contact: AddContact) -> None:
    with pytest.raises(NotFoundError):
        remove_members(999, [add_contact("Jane")])


# -- lookups ------------------------------------------------------------------------------------


def test_find_group_by_id_or_name(add_group: AddGroup) -> None:
    gid = add_group("Chamber of Commerce")
    assert find_group(str(gid)).id == gid
    assert find_group(" chamber of commerce ").id == gid
    with pytest.raises(NotFoundError):
        find_group("Rotary")
    with pytest.raises(NotFoundError):
        find_group(str(gid + 100))
    assert require_group(gid).name == "Chamber of Commerce"
    with pytest.raises(NotFoundError):
        require_group(gid + 100)


# -- atomicity ----------------------------------------------------------------------------------


def _broken_history(values: dict[str, object]) -> str:
    raise RuntimeError("disk full while writing the demand history")


def test_create_is_one_transaction(
    journal: Journal, clock: FixedClock, count_rows: CountRows, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(groups_module, "_demands_json", _broken_history)
    with pytest.raises(RuntimeError):
        create_group(GroupDraft(name="BNI"), clock)
    assert count_rows("membership_group") == 0
    assert count_rows("group_demand_change") == 0


def test_update_is_one_transaction(add_group: AddGroup, monkeypatch: pytest.MonkeyPatch) -> None:
    gid = add_group("BNI", required_attendance_pct=80)
    monkeypatch.setattr(groups_module, "_demands_json", _broken_history)
    with pytest.raises(RuntimeError):
        update_group(gid, GroupDraft(name="BNI renamed", required_attendance_pct=90), LATER)
    g = Group.get_by_id(gid)
    assert (g.name, g.required_attendance_pct) == ("BNI", 80)
    assert len(_history(gid)) == 1


def test_membership_dates_cannot_strand_recorded_meetings(
    add_group: AddGroup, clock: FixedClock
) -> None:
    gid = add_group("Club", joined_on=dt.date(2026, 1, 1))
    record_meeting(MeetingDraft(gid, dt.date(2026, 3, 3)), clock)
    record_meeting(MeetingDraft(gid, dt.date(2026, 5, 5)), clock)
    draft = load_group_draft(gid)
    draft.joined_on = dt.date(2026, 4, 1)
    with pytest.raises(ValidationError) as refused:
        update_group(gid, draft, clock)
    assert refused.value.field == "joined"
    assert "a meeting is recorded on 2026-03-03, before 2026-04-01" in str(refused.value)
    draft = load_group_draft(gid)
    draft.left_on = dt.date(2026, 4, 1)
    with pytest.raises(ValidationError, match="left: a meeting is recorded on 2026-05-05, after"):
        update_group(gid, draft, clock)
    assert load_group_draft(gid).left_on is None  # nothing changed
    draft.left_on = dt.date(2026, 3, 3)  # the day of a meeting is still a member's day
    draft.joined_on = dt.date(2026, 3, 3)
    with pytest.raises(ValidationError, match="after 2026-03-03"):
        update_group(gid, draft, clock)


def test_leaving_withdraws_the_apologies_sent_for_meetings_ahead(
    add_group: AddGroup, clock: FixedClock
) -> None:
    """Apologies for a meeting you will no longer belong to are moot, not an obstacle."""
    gid = add_group("Club", joined_on=dt.date(2026, 1, 1))
    today = clock.today()
    record_meeting(MeetingDraft(gid, today - dt.timedelta(days=7)), clock)
    ahead = [today + dt.timedelta(days=7), today + dt.timedelta(days=35)]
    for day in ahead:
        record_meeting(MeetingDraft(gid, day, "excused"), clock)
    draft = load_group_draft(gid)
    assert apologies_withdrawn(gid, draft, today) == []  # not leaving: nothing withdrawn
    draft.status = "left"  # no day given: today
    assert apologies_withdrawn(gid, draft, today) == ahead
    result = update_group(gid, draft, clock)
    assert Area.MEETINGS in result.changes.areas
    assert Area.INTERACTIONS in result.changes.areas  # an entry logged at one loses its link
    assert Group.get_by_id(gid).left_on == today
    held = [m.held_on for m in Meeting.select().where(Meeting.group == gid)]
    assert held == [today - dt.timedelta(days=7)]  # the past meeting stays
    draft = load_group_draft(gid)
    draft.notes = "still left"
    assert not update_group(gid, draft, clock).changes.touches(Area.MEETINGS)


def test_a_meeting_attended_ahead_is_no_apology_to_withdraw(
    add_group: AddGroup, clock: FixedClock
) -> None:
    """Only an archive can hold one (the app records only apologies ahead): leaving is
    refused rather than the meeting deleted."""
    gid = add_group("Club", joined_on=dt.date(2026, 1, 1))
    ahead = clock.today() + dt.timedelta(days=3)
    Meeting.insert(
        group=gid, held_on=ahead, attendance="attended", created_at=clock.now()
    ).execute()
    draft = load_group_draft(gid)
    draft.status = "left"
    assert apologies_withdrawn(gid, draft, clock.today()) == []
    with pytest.raises(ValidationError, match=f"a meeting is recorded on {ahead.isoformat()}"):
        update_group(gid, draft, clock)
    assert Meeting.select().where(Meeting.group == gid).count() == 1


def test_joining_before_1900_is_a_typing_slip(journal: Journal, clock: FixedClock) -> None:
    # Else the next quarterly review comes due in 1800.
    with pytest.raises(ValidationError) as refused:
        create_group(GroupDraft(name="Chamber", joined_on=dt.date(1800, 1, 1)), clock)
    assert refused.value.field == "joined" and "before 1900" in refused.value.problem
