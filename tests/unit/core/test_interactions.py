"""Writing the timeline: log, edit, delete; validation, money, participants, atomicity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from journal.core import interactions as interactions_module
from journal.core.changes import Area
from journal.core.clock import FixedClock
from journal.core.errors import NotFoundError, ValidationError
from journal.core.interactions import (
    InteractionDraft,
    delete_interaction,
    edit_interaction,
    load_interaction_draft,
    log_interaction,
    require_interaction,
)
from journal.core.meetings import MeetingDraft, record_meeting
from journal.core.timeline import timeline_row
from journal.store import Journal
from journal.store.models import Interaction, InteractionParticipant

AddContact = Callable[..., int]
CountRows = Callable[[str], int]
UTC = dt.timezone.utc
WHEN = dt.datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


def _draft(**fields: object) -> InteractionDraft:
    values: dict[str, object] = {"kind": "coffee", "occurred_at": WHEN, "summary": "Coffee"}
    values.update(fields)
    return InteractionDraft(**values)  # type: ignore[arg-type]


def _participants(interaction_id: int) -> set[int]:
    rows = InteractionParticipant.select().where(
        InteractionParticipant.interaction == interaction_id
    )
    return {p.contact_id for p in rows}


# -- log ----------------------------------------------------------------------------------------


def test_log_stores_the_entry_and_its_people(
    add_contact: AddContact, add_group: Callable[..., int], clock: FixedClock
) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    gid = add_group("BNI")
    result = log_interaction(
        _draft(
            kind="referral_received",
            summary="  Sent me a client ",
            notes="bakery refit",
            direction="received",
            amount="1,250.50",
            estimated_amount=Decimal("3000"),
            currency="eur",
            group_id=gid,
            participant_ids=[jane, omar, jane],
        ),
        clock,
    )
    i = Interaction.get_by_id(result.value)
    assert (i.kind, i.summary, i.notes, i.direction) == (
        "referral_received",
        "Sent me a client",
        "bakery refit",
        "received",
    )
    assert i.occurred_at == WHEN
    assert i.amount == Decimal("1250.50")
    assert i.estimated_amount == Decimal("3000")
    assert i.currency == "EUR"
    assert i.group_id == gid
    assert i.created_at == i.updated_at == clock.now()
    assert _participants(result.value) == {jane, omar}

    assert result.changes.areas == {Area.INTERACTIONS, Area.CONTACTS, Area.GROUPS}
    assert result.changes.interaction_ids == {result.value}
    assert result.changes.contact_ids == {jane, omar}
    assert result.changes.group_ids == {gid}


def test_log_without_a_group_does_not_touch_groups(
    add_contact: AddContact, clock: FixedClock
) -> None:
    jane = add_contact("Jane")
    result = log_interaction(_draft(participant_ids=[jane]), clock)
    assert result.changes.areas == {Area.INTERACTIONS, Area.CONTACTS}
    assert result.changes.group_ids == frozenset()


def test_times_in_other_zones_are_kept_as_the_same_instant(
    journal: Journal, clock: FixedClock
) -> None:
    local = dt.datetime(2026, 11, 20, 8, 30, tzinfo=ZoneInfo("America/New_York"))
    iid = log_interaction(_draft(occurred_at=local), clock).value
    stored = Interaction.get_by_id(iid).occurred_at
    assert stored == local
    assert stored.utcoffset() == dt.timedelta(0)
    assert stored.hour == 13


def test_an_entry_with_only_people_needs_no_summary(
    add_contact: AddContact, clock: FixedClock
) -> None:
    jane = add_contact("Jane")
    iid = log_interaction(_draft(summary="", participant_ids=[jane]), clock).value
    assert Interaction.get_by_id(iid).summary == ""


def test_a_meeting_can_be_linked(
    add_group: Callable[..., int], clock: FixedClock, journal: Journal
) -> None:
    gid = add_group("BNI")
    meeting = record_meeting(MeetingDraft(gid, dt.date(2026, 11, 17)), clock).value
    iid = log_interaction(_draft(kind="meeting", group_id=gid, meeting_id=meeting), clock).value
    assert Interaction.get_by_id(iid).meeting_id == meeting


# -- group and meeting --------------------------------------------------------------------------


@pytest.fixture
def two_meetings(
    add_group: Callable[..., int], clock: FixedClock, journal: Journal
) -> tuple[int, int, int, int]:
    """BNI and the Chamber, with one meeting each: (bni, bni_meeting, chamber, chamber_meeting)."""
    bni, chamber = add_group("BNI"), add_group("Chamber")
    bni_meeting = record_meeting(MeetingDraft(bni, dt.date(2026, 11, 17)), clock).value
    chamber_meeting = record_meeting(MeetingDraft(chamber, dt.date(2026, 11, 18)), clock).value
    return bni, bni_meeting, chamber, chamber_meeting


def test_log_refuses_another_groups_meeting(
    two_meetings: tuple[int, int, int, int], clock: FixedClock, count_rows: CountRows
) -> None:
    bni, _, _, chamber_meeting = two_meetings
    with pytest.raises(ValidationError) as raised:
        log_interaction(_draft(group_id=bni, meeting_id=chamber_meeting), clock)
    assert raised.value.field == "meeting"
    assert raised.value.problem == (
        "the meeting of 2026-11-18 is Chamber's, not BNI's; "
        "choose one of BNI's meetings, or no meeting"
    )
    assert count_rows("interaction") == 0


def test_a_meeting_given_without_a_group_brings_its_group(
    two_meetings: tuple[int, int, int, int], clock: FixedClock
) -> None:
    _, _, chamber, chamber_meeting = two_meetings
    result = log_interaction(_draft(meeting_id=chamber_meeting), clock)
    stored = Interaction.get_by_id(result.value)
    assert (stored.group_id, stored.meeting_id) == (chamber, chamber_meeting)
    assert result.changes.group_ids == {chamber}  # the group's balance counts it


def test_a_new_group_lets_go_of_the_old_groups_meeting_and_says_so(
    two_meetings: tuple[int, int, int, int], clock: FixedClock
) -> None:
    bni, bni_meeting, chamber, _ = two_meetings
    moved = log_interaction(_draft(group_id=bni, meeting_id=bni_meeting), clock).value
    left = log_interaction(_draft(group_id=bni, meeting_id=bni_meeting), clock).value
    # As a form or `entry edit` sends it: the group changed, the meeting as loaded.
    result = edit_interaction(moved, _draft(group_id=chamber, meeting_id=bni_meeting), clock)
    assert result.value.id == moved
    assert result.value.unlinked_meeting_id == bni_meeting
    assert result.changes.group_ids == {bni, chamber}
    stored = Interaction.get_by_id(moved)
    assert (stored.group_id, stored.meeting_id) == (chamber, None)
    # Out of any group, out of any meeting too.
    out = edit_interaction(left, _draft(meeting_id=bni_meeting), clock).value
    assert out.unlinked_meeting_id == bni_meeting
    stored = Interaction.get_by_id(left)
    assert (stored.group_id, stored.meeting_id) == (None, None)


def test_an_edit_keeping_group_and_meeting_keeps_the_link(
    two_meetings: tuple[int, int, int, int], clock: FixedClock
) -> None:
    bni, bni_meeting, _, _ = two_meetings
    iid = log_interaction(_draft(group_id=bni, meeting_id=bni_meeting), clock).value
    result = edit_interaction(iid, _draft(summary="Changed", group_id=bni, meeting_id=bni_meeting))
    assert result.value.unlinked_meeting_id is None
    assert Interaction.get_by_id(iid).meeting_id == bni_meeting


def test_edit_refuses_choosing_another_groups_meeting(
    two_meetings: tuple[int, int, int, int], clock: FixedClock
) -> None:
    bni, bni_meeting, _, chamber_meeting = two_meetings
    at_none = log_interaction(_draft(group_id=bni), clock).value
    at_bni = log_interaction(_draft(group_id=bni, meeting_id=bni_meeting), clock).value
    for iid in (at_none, at_bni):
        with pytest.raises(ValidationError) as raised:
            edit_interaction(
                iid, _draft(summary="Changed", group_id=bni, meeting_id=chamber_meeting)
            )
        assert raised.value.field == "meeting"
        assert "choose one of BNI's meetings" in raised.value.problem
    stored = [
        (i.summary, i.group_id, i.meeting_id) for i in Interaction.select().order_by(Interaction.id)
    ]
    assert stored == [("Coffee", bni, None), ("Coffee", bni, bni_meeting)]


def test_a_link_an_older_version_let_go_astray_reads_as_none_and_heals_on_edit(
    two_meetings: tuple[int, int, int, int], clock: FixedClock
) -> None:
    bni, _, _, chamber_meeting = two_meetings
    iid = log_interaction(_draft(group_id=bni), clock).value
    # What the old entry form wrote after the entry moved from the Chamber to BNI.
    Interaction.update(meeting=chamber_meeting).where(Interaction.id == iid).execute()
    row = timeline_row(iid)
    assert (row.group_id, row.meeting_id, row.meeting_on) == (bni, None, None)
    draft = load_interaction_draft(iid)
    draft.summary = "Changed"
    assert edit_interaction(iid, draft, clock).value.unlinked_meeting_id == chamber_meeting
    stored = Interaction.get_by_id(iid)
    assert (stored.summary, stored.group_id, stored.meeting_id) == ("Changed", bni, None)


def test_the_timeline_row_names_the_meeting(
    two_meetings: tuple[int, int, int, int], clock: FixedClock
) -> None:
    bni, bni_meeting, _, _ = two_meetings
    iid = log_interaction(_draft(group_id=bni, meeting_id=bni_meeting), clock).value
    row = timeline_row(iid)
    assert (row.meeting_id, row.meeting_on) == (bni_meeting, dt.date(2026, 11, 17))


# -- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field_name"),
    [
        ({"kind": "dinner party"}, "kind"),
        ({"occurred_at": dt.datetime(2026, 11, 20, 14, 0)}, "when"),
        ({"occurred_at": dt.datetime(2028, 1, 1, tzinfo=UTC)}, "when"),
        ({"occurred_at": dt.datetime(1899, 12, 31, tzinfo=UTC)}, "when"),
        ({"summary": "", "notes": ""}, "summary"),
        ({"summary": "   ", "notes": "  "}, "summary"),
        ({"summary": "x" * 1001}, "summary"),
        ({"direction": "sideways"}, "direction"),
        ({"amount": "-1", "currency": "EUR"}, "amount"),
        ({"amount": "ten", "currency": "EUR"}, "amount"),
        ({"amount": "NaN", "currency": "EUR"}, "amount"),
        ({"amount": "1e15", "currency": "EUR"}, "amount"),
        ({"estimated_amount": "-0.01", "currency": "EUR"}, "estimated amount"),
        ({"amount": "100"}, "currency"),
        ({"estimated_amount": "100"}, "currency"),
        ({"amount": "100", "currency": "EURO"}, "currency"),
        ({"amount": "100", "currency": "E1R"}, "currency"),
        ({"amount": "100", "currency": "$"}, "currency"),
        ({"group_id": 999}, "group"),
        ({"meeting_id": 999}, "meeting"),
        ({"participant_ids": [999]}, "people"),
    ],
)
def test_log_refuses_bad_input_naming_the_field(
    journal: Journal,
    clock: FixedClock,
    count_rows: CountRows,
    fields: dict[str, object],
    field_name: str,
) -> None:
    with pytest.raises(ValidationError) as raised:
        log_interaction(_draft(**fields), clock)
    assert raised.value.field == field_name
    assert count_rows("interaction") == 0
    assert count_rows("interaction_participant") == 0


def test_unknown_participant_is_named(add_contact: AddContact, clock: FixedClock) -> None:
    jane = add_contact("Jane")
    with pytest.raises(ValidationError, match="777"):
        log_interaction(_draft(participant_ids=[jane, 777]), clock)
    assert Interaction.select().count() == 0


def test_an_entry_has_happened_by_now(journal: Journal, clock: FixedClock) -> None:
    # Later today was taken: it then sat at the top of the timeline, above everything
    # logged after it, and counted as the latest contact. Quick add refused it already.
    local_now = clock.now().astimezone(clock.zone())
    assert log_interaction(_draft(occurred_at=local_now), clock).value  # now itself is fine
    later = local_now + dt.timedelta(minutes=1)
    for when, said in (
        (later, f"{later:%H:%M} today"),
        (local_now + dt.timedelta(days=1), (local_now + dt.timedelta(days=1)).date().isoformat()),
    ):
        with pytest.raises(ValidationError) as raised:
            log_interaction(_draft(occurred_at=when), clock)
        assert raised.value.field == "when"
        assert (
            raised.value.problem == f"{said} has not happened yet; plan it as a follow-up instead"
        )
    assert Interaction.select().count() == 1


def test_zero_amount_with_currency_is_fine(journal: Journal, clock: FixedClock) -> None:
    iid = log_interaction(_draft(amount="0", currency="USD"), clock).value
    assert Interaction.get_by_id(iid).amount == Decimal("0")


def test_money_is_exact(journal: Journal, clock: FixedClock) -> None:
    iid = log_interaction(
        _draft(amount=Decimal("0.1") + Decimal("0.2"), currency="EUR"), clock
    ).value
    assert Interaction.get_by_id(iid).amount == Decimal("0.3")


def test_log_is_one_transaction(
    add_contact: AddContact,
    clock: FixedClock,
    count_rows: CountRows,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    jane = add_contact("Jane")

    def broken(interaction_id: int, ids: list[int]) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(interactions_module, "_write_participants", broken)
    with pytest.raises(RuntimeError):
        log_interaction(_draft(participant_ids=[jane]), clock)
    assert count_rows("interaction") == 0
    assert count_rows("interaction_fts") == 0


# -- edit ---------------------------------------------------------------------------------------


def test_edit_replaces_fields_and_people(
    add_contact: AddContact, add_group: Callable[..., int], clock: FixedClock
) -> None:
    jane, omar, priya = add_contact("Jane"), add_contact("Omar"), add_contact("Priya")
    old_group, new_group = add_group("BNI"), add_group("Chamber")
    iid = log_interaction(_draft(participant_ids=[jane, omar], group_id=old_group), clock).value
    later = FixedClock(dt.datetime(2026, 11, 25, tzinfo=UTC))

    result = edit_interaction(
        iid,
        _draft(kind="lunch", summary="Lunch", participant_ids=[priya], group_id=new_group),
        later,
    )

    i = Interaction.get_by_id(iid)
    assert (i.kind, i.summary, i.group_id) == ("lunch", "Lunch", new_group)
    assert i.updated_at == later.now()
    assert i.created_at == clock.now()
    assert _participants(iid) == {priya}
    # Everyone whose "last contact" may have moved, and both groups, are reported.
    assert result.changes.contact_ids == {jane, omar, priya}
    assert result.changes.group_ids == {old_group, new_group}
    assert result.changes.interaction_ids == {iid}
    assert Area.GROUPS in result.changes.areas


def test_edit_of_a_missing_entry_raises_not_found(journal: Journal, clock: FixedClock) -> None:
    with pytest.raises(NotFoundError, match="31337"):
        edit_interaction(31337, _draft(), clock)


def test_edit_validates_before_writing(add_contact: AddContact, clock: FixedClock) -> None:
    jane = add_contact("Jane")
    iid = log_interaction(_draft(participant_ids=[jane]), clock).value
    with pytest.raises(ValidationError) as raised:
        edit_interaction(iid, _draft(summary="Changed", participant_ids=[jane, 999]), clock)
    assert raised.value.field == "people"
    assert Interaction.get_by_id(iid).summary == "Coffee"
    assert _participants(iid) == {jane}


def test_edit_is_one_transaction(
    add_contact: AddContact, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    iid = log_interaction(_draft(participant_ids=[jane]), clock).value

    def broken(interaction_id: int, ids: list[int]) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(interactions_module, "_write_participants", broken)
    with pytest.raises(RuntimeError):
        edit_interaction(iid, _draft(summary="Changed", participant_ids=[omar]), clock)
    assert Interaction.get_by_id(iid).summary == "Coffee"
    assert _participants(iid) == {jane}


def test_load_interaction_draft_round_trips(
    add_contact: AddContact, add_group: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact("Jane")
    gid = add_group("BNI")
    original = _draft(
        kind="business_won",
        amount="1500.00",
        currency="USD",
        direction="received",
        group_id=gid,
        participant_ids=[jane],
        notes="signed",
    )
    iid = log_interaction(original, clock).value
    draft = load_interaction_draft(iid)
    assert draft.kind == "business_won"
    assert draft.amount == Decimal("1500.00")
    assert draft.occurred_at == WHEN
    assert draft.participant_ids == [jane]
    edit_interaction(iid, draft, clock)
    assert load_interaction_draft(iid) == draft


# -- delete -------------------------------------------------------------------------------------


def test_delete_removes_the_entry_and_reports_who_was_in_it(
    add_contact: AddContact, add_group: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact("Jane")
    gid = add_group("BNI")
    iid = log_interaction(_draft(participant_ids=[jane], group_id=gid), clock).value
    keep = log_interaction(_draft(summary="Other"), clock).value

    result = delete_interaction(iid)

    assert result.value == iid
    assert result.changes.contact_ids == {jane}
    assert result.changes.group_ids == {gid}
    assert result.changes.interaction_ids == {iid}
    assert result.changes.areas == {Area.INTERACTIONS, Area.CONTACTS, Area.GROUPS}
    assert [i.id for i in Interaction.select()] == [keep]
    assert InteractionParticipant.select().count() == 0
    with pytest.raises(NotFoundError):
        require_interaction(iid)


def test_delete_of_a_missing_entry_raises_not_found(journal: Journal) -> None:
    with pytest.raises(NotFoundError):
        delete_interaction(4040)
    with pytest.raises(NotFoundError):
        load_interaction_draft(4040)
