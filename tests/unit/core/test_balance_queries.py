"""Reading a group's facts: entries linked or with members, meeting ties, demand history,
and who was first met through the group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from journal.core.balance_queries import active_group_ids, load_facts
from journal.core.clock import FixedClock
from journal.core.groups import GroupDraft, add_members, load_group_draft, update_group
from journal.core.meetings import MeetingDraft, record_meeting
from journal.store import Journal
from journal.store.models import GroupDemandChange, Interaction

AddContact = Callable[..., int]
AddGroup = Callable[..., int]
Log = Callable[..., int]
UTC = dt.timezone.utc


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), UTC)


def test_entries_linked_to_the_group_or_with_its_members(
    journal: Journal, add_group: AddGroup, add_contact: AddContact, log: Log, clock: FixedClock
) -> None:
    gid = add_group("Club", joined_on=dt.date(2025, 1, 1))
    other = add_group("Other")
    jane, stranger = add_contact("Jane"), add_contact("Stranger")
    add_members(gid, [jane])
    meeting = record_meeting(MeetingDraft(gid, dt.date(2026, 3, 3), "attended"), clock).value
    log("coffee", _at(dt.date(2026, 3, 4)), [jane, stranger])
    log(
        "referral_received",
        _at(dt.date(2026, 3, 5)),
        [stranger],
        group_id=gid,
        amount="1,200.50",
        currency="usd",
    )
    log("met", _at(dt.date(2026, 3, 3)), [jane], group_id=gid, meeting_id=meeting)
    log("call", _at(dt.date(2026, 3, 6)), [stranger], group_id=other)  # neither
    facts = load_facts(gid, UTC)
    by_kind = {e.kind: e for e in facts.entries}
    assert set(by_kind) == {"coffee", "referral_received", "met"}
    assert by_kind["coffee"].members == (jane,) and not by_kind["coffee"].linked
    referral = by_kind["referral_received"]
    assert (referral.linked, referral.amount, referral.currency) == (
        True,
        Decimal("1200.50"),
        "USD",
    )
    assert by_kind["met"].at_meeting
    assert facts.names[jane] == "Jane"


def test_an_entry_moved_away_from_the_groups_meeting_is_not_at_it(
    journal: Journal, add_group: AddGroup, add_contact: AddContact, log: Log, clock: FixedClock
) -> None:
    gid, other = add_group("Club"), add_group("Other")
    jane = add_contact("Jane")
    add_members(gid, [jane])
    day = dt.date(2026, 3, 3)
    meeting = record_meeting(MeetingDraft(gid, day, "attended"), clock).value
    moved = log("coffee", _at(day), [jane], group_id=other)
    loose = log("lunch", _at(day), [jane])
    # As the entry form of an older version left them, moved off the Club but still linked.
    Interaction.update(meeting=meeting).where(Interaction.id.in_([moved, loose])).execute()
    facts = load_facts(gid, UTC)
    assert sorted((e.kind, e.at_meeting) for e in facts.entries) == [
        ("coffee", False),
        ("lunch", False),
    ]


def test_an_entry_day_is_the_local_day(journal: Journal, add_group: AddGroup, log: Log) -> None:
    gid = add_group("Club")
    log("learning", dt.datetime(2026, 3, 4, 23, 30, tzinfo=UTC), group_id=gid)
    tokyo = dt.timezone(dt.timedelta(hours=9))
    assert [e.day for e in load_facts(gid, UTC).entries] == [dt.date(2026, 3, 4)]
    assert [e.day for e in load_facts(gid, tokyo).entries] == [dt.date(2026, 3, 5)]


def test_demand_history_becomes_spans_with_the_group_row_last(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    gid = add_group("Club", role_hours_per_month=10, meeting_minutes=60)
    later = FixedClock(dt.datetime(2027, 2, 1, 9, tzinfo=UTC))
    draft = load_group_draft(gid)
    draft.role_hours_per_month = None
    draft.dues_amount = "30"
    draft.dues_currency = "EUR"
    draft.dues_period = "month"
    update_group(gid, draft, later)
    facts = load_facts(gid, UTC)
    assert [s.since for s in facts.demands] == [None, dt.date(2027, 2, 1)]
    assert facts.demands[0].demands.role_hours_per_month == 10
    assert facts.current_demands.role_hours_per_month is None
    assert facts.current_demands.dues_amount == Decimal(30)


def test_incomplete_demand_snapshots_are_ignored(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    gid = add_group("Club", meeting_minutes=45)
    GroupDemandChange.create(group=gid, changed_at=clock.now(), demands_json="{}")
    GroupDemandChange.create(group=gid, changed_at=clock.now(), demands_json="not json")
    facts = load_facts(gid, UTC)
    assert [s.demands.meeting_minutes for s in facts.demands] == [45, 45]


def test_first_met_through_the_group(
    journal: Journal, add_group: AddGroup, add_contact: AddContact, log: Log, clock: FixedClock
) -> None:
    gid = add_group("Club", joined_on=dt.date(2025, 1, 1))
    day = dt.date(2026, 3, 3)
    new_at_meeting = add_contact("New", "AtMeeting")
    same_day_met_on = add_contact("Met", "SameDay", met_on=day)
    known_before = add_contact("Known", "Before", met_on=dt.date(2020, 5, 5))
    seen_elsewhere = add_contact("Seen", "Elsewhere")
    by_entry = add_contact("Via", "Entry")
    seen_before_and_after = add_contact("Seen", "BeforeAndAfter")
    log("coffee", _at(dt.date(2026, 1, 1)), [seen_elsewhere])
    # Known before the meeting: their first entry counts, not their latest.
    log("coffee", _at(dt.date(2025, 12, 1)), [seen_before_and_after])
    log("call", _at(dt.date(2026, 5, 1)), [seen_before_and_after])
    record_meeting(
        MeetingDraft(
            gid,
            day,
            "attended",
            people_ids=[
                new_at_meeting,
                same_day_met_on,
                known_before,
                seen_elsewhere,
                seen_before_and_after,
            ],
        ),
        clock,
    )
    log("introduction", _at(dt.date(2026, 4, 1)), [by_entry], group_id=gid)
    facts = load_facts(gid, UTC)
    assert facts.first_met == {
        new_at_meeting: day,
        same_day_met_on: day,
        by_entry: dt.date(2026, 4, 1),
    }
    assert facts.names[by_entry] == "Via Entry"  # named even though not a member


def test_active_groups_on_a_day(journal: Journal, add_group: AddGroup, clock: FixedClock) -> None:
    current = add_group("Current", joined_on=dt.date(2024, 1, 1))
    undated = add_group("Undated")
    left = add_group("Left", joined_on=dt.date(2020, 1, 1), left_on=dt.date(2025, 1, 1))
    later = add_group("Later", joined_on=dt.date(2026, 6, 1))
    reduced = add_group("Reduced", status="reduced")
    assert set(active_group_ids(dt.date(2026, 11, 24))) == {current, undated, later, reduced}
    # Undated and Reduced have no join date and were added on the clock's day (2026-11-24):
    # nothing of them is known in 2024, so a review as of then leaves them out.
    assert set(active_group_ids(dt.date(2024, 6, 1))) == {current, left}
    # Left without a date: from the clock's day on (it was the machine's, so the test
    # failed once the real date passed 2026-11-24).
    status_only = update_group(undated, GroupDraft(name="Undated", status="left"), clock).value
    assert status_only not in active_group_ids(dt.date(2026, 11, 24))


def test_an_undated_group_is_current_from_the_first_day_anything_of_it_is_known(
    journal: Journal, add_group: AddGroup, clock: FixedClock, log: Log
) -> None:
    bare = add_group("Bare")  # created on the clock's day, 2026-11-24
    by_meeting = add_group("By meeting")
    record_meeting(MeetingDraft(by_meeting, dt.date(2025, 3, 4), "attended"), clock)
    by_entry = add_group("By entry")
    log("learning", _at(dt.date(2025, 5, 6)), [], group_id=by_entry)
    assert active_group_ids(dt.date(2025, 3, 3)) == []
    assert active_group_ids(dt.date(2025, 3, 4)) == [by_meeting]
    assert set(active_group_ids(dt.date(2025, 5, 6))) == {by_meeting, by_entry}
    assert set(active_group_ids(dt.date(2026, 11, 24))) == {bare, by_meeting, by_entry}
    # The balance begins the membership on the same days.
    assert load_facts(bare).started_on == dt.date(2026, 11, 24)
    assert load_facts(by_meeting).started_on == dt.date(2025, 3, 4)
    assert load_facts(by_entry).started_on == dt.date(2025, 5, 6)
