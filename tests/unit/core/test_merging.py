"""Merging two contacts keeps everything of both, and the merge can be taken back exactly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from journal.core.clock import FixedClock
from journal.core.contact_queries import ContactFilter, contact_ids
from journal.core.contacts import (
    ChannelDraft,
    ContactDraft,
    create_contact,
    exists,
    load_draft,
    update_contact,
)
from journal.core.errors import JournalError, NotFoundError, ValidationError
from journal.core.groups import add_members
from journal.core.meetings import MeetingDraft, record_meeting
from journal.core.merging import merge_contacts, undo_merge
from journal.store import Journal
from journal.store.models import (
    Contact,
    ContactRelation,
    FollowUp,
    GroupMember,
    InteractionParticipant,
    IntroductionDismissal,
    MeetingPerson,
    ReminderSnooze,
)

Dump = Callable[[], dict[str, list[tuple[object, ...]]]]


@pytest.fixture
def pair(
    journal: Journal,
    clock: FixedClock,
    add_contact: Callable[..., int],
    add_group: Callable[..., int],
    log: Callable[..., int],
) -> tuple[int, int, int]:
    """Jane (kept) and J. Doe (merged away), each with links of their own and in common."""
    omar = add_contact("Omar", "Haddad")
    jane = add_contact(
        "Jane",
        "Doe",
        organisation="Acme",
        title="Founder",
        notes="Loves sailing",
        met_on=dt.date(2024, 5, 1),
        channels=[ChannelDraft("email", "jane@acme.example", "work")],
        tags=["design"],
    )
    other = add_contact(
        "J.",
        "Doe",
        organisation="Kite",
        nickname="JD",
        notes="Two kids",
        met_on=dt.date(2023, 1, 9),
        channels=[
            ChannelDraft("email", "JANE@acme.example", ""),
            ChannelDraft("phone", "+1 555 0100", "mobile"),
        ],
        tags=["friend"],
        met_through_id=omar,
    )
    Contact.update(vcard_uid="urn:uuid:other", vcard_extra="ROLE:Treasurer").where(
        Contact.id == other
    ).execute()
    log("coffee", people=[jane, other])  # both were there
    log("call", people=[other])
    group = add_group("Chamber", joined_on=dt.date(2020, 1, 1))
    add_members(group, [jane, other])
    record_meeting(MeetingDraft(group, dt.date(2026, 11, 17), people_ids=[other]), clock)
    FollowUp.create(contact=other, due_on=dt.date(2026, 12, 1), created_at=clock.now())
    ContactRelation.create(contact=other, other=omar, kind="colleague")
    ContactRelation.create(contact=jane, other=other, kind="same person?")
    ReminderSnooze.create(
        contact=other, reminder="stay_in_touch", snoozed_until=dt.date(2026, 12, 8)
    )
    ReminderSnooze.create(contact=jane, reminder="new_contact", snoozed_until=dt.date(2026, 12, 1))
    ReminderSnooze.create(contact=other, reminder="new_contact", snoozed_until=dt.date(2026, 12, 9))
    IntroductionDismissal.create(needer=other, offerer=omar, need="x", dismissed_at=clock.now())
    IntroductionDismissal.create(needer=jane, offerer=other, need="y", dismissed_at=clock.now())
    introduced = add_contact(
        "Priya",
        "Sharma",
        met_through_id=other,
        channels=[ChannelDraft("email", "priya@example.org")],  # channel ids after theirs
    )
    return jane, other, introduced


def test_merging_keeps_everything_of_both(clock: FixedClock, pair: tuple[int, int, int]) -> None:
    jane, other, introduced = pair
    merge_contacts(jane, other, clock)
    assert not exists(other)
    draft = load_draft(jane)
    assert (draft.given_name, draft.nickname, draft.organisation) == ("Jane", "JD", "Acme")
    assert draft.notes == (
        "Loves sailing\n\nTwo kids\n\nFrom the merged entry: given name: J.; organisation: Kite"
    )
    assert draft.met_on == dt.date(2023, 1, 9)  # when you first met: the earlier day
    assert [(c.value, c.label) for c in draft.channels] == [
        ("jane@acme.example", "work"),
        ("+1 555 0100", "mobile"),
    ]
    assert sorted(draft.tags) == ["design", "friend"]
    kept = Contact.get_by_id(jane)
    assert (kept.vcard_uid, kept.vcard_extra) == ("urn:uuid:other", "ROLE:Treasurer")
    assert draft.met_through_id is not None  # Omar introduced the other one
    assert (
        InteractionParticipant.select().where(InteractionParticipant.contact == jane).count() == 2
    )
    assert GroupMember.select().where(GroupMember.contact == jane).count() == 1
    assert MeetingPerson.select().where(MeetingPerson.contact == jane).count() == 1
    assert FollowUp.get().contact_id == jane
    assert [(r.contact_id, r.kind) for r in ContactRelation.select()] == [(jane, "colleague")]
    # Reminders follow (the kept contact's own stays where both had one); a dismissed
    # suggestion between the two of them is about one person now, and goes.
    snoozes = {(s.contact_id, s.reminder, s.snoozed_until) for s in ReminderSnooze.select()}
    assert snoozes == {
        (jane, "stay_in_touch", dt.date(2026, 12, 8)),
        (jane, "new_contact", dt.date(2026, 12, 1)),
    }
    assert [(d.needer_id, d.need) for d in IntroductionDismissal.select()] == [(jane, "x")]
    assert load_draft(introduced).met_through_id == jane
    assert contact_ids(ContactFilter(search="kids")) == [jane]


def test_undo_puts_everything_back_exactly(
    clock: FixedClock, pair: tuple[int, int, int], journal_dump: Dump
) -> None:
    jane, other, _introduced = pair
    before = journal_dump()
    undo = merge_contacts(jane, other, clock).value
    assert journal_dump() != before
    assert undo_merge(undo).value == other
    assert journal_dump() == before


def test_undo_is_refused_once_the_kept_contact_was_edited(
    clock: FixedClock, pair: tuple[int, int, int]
) -> None:
    jane, other, _introduced = pair
    undo = merge_contacts(jane, other, clock).value
    later = FixedClock(clock.now() + dt.timedelta(minutes=5))
    update_contact(jane, ContactDraft(given_name="Janet"), later)
    with pytest.raises(JournalError, match="was changed after the merge"):
        undo_merge(undo)
    assert not exists(other)


def test_undo_gives_a_new_id_when_the_old_one_was_taken(
    journal: Journal, clock: FixedClock
) -> None:
    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    other = create_contact(ContactDraft(given_name="Jane", family_name="D."), clock).value
    undo = merge_contacts(jane, other, clock).value
    newcomer = create_contact(ContactDraft(given_name="Newcomer"), clock).value
    assert newcomer == other  # SQLite gave the freed id away
    restored = undo_merge(undo).value
    assert restored not in (jane, other)
    assert load_draft(restored).family_name == "D."
    assert load_draft(newcomer).given_name == "Newcomer"


def test_a_contact_cannot_be_merged_with_itself_or_with_nobody(
    journal: Journal, clock: FixedClock
) -> None:
    jane = create_contact(ContactDraft(given_name="Jane"), clock).value
    with pytest.raises(ValidationError, match="two different contacts"):
        merge_contacts(jane, jane, clock)
    with pytest.raises(NotFoundError):
        merge_contacts(jane, jane + 100, clock)


@pytest.mark.parametrize(
    ("kept", "other", "shown", "noted"),
    [
        (("Jane", ""), ("Jane", "Doe"), "Jane Doe", ""),  # the part that agrees lets Doe in
        (("", "Doe"), ("Jane", "Doe"), "Jane Doe", ""),
        (("", ""), ("Jane", "Doe"), "Jane Doe", ""),
        (("Jane Doe", ""), ("Jane", "Doe"), "Jane Doe", "family name: Doe"),  # not Jane Doe Doe
        (("王小明", ""), ("小明", "王"), "王小明", "family name: 王"),
    ],
)
def test_a_name_is_merged_as_a_whole(
    journal: Journal,
    clock: FixedClock,
    kept: tuple[str, str],
    other: tuple[str, str],
    shown: str,
    noted: str,
) -> None:
    keep_id = create_contact(ContactDraft(*kept, nickname="JD"), clock).value
    other_id = create_contact(ContactDraft(*other), clock).value
    merge_contacts(keep_id, other_id, clock)
    merged = Contact.get_by_id(keep_id)
    assert merged.display_name == shown
    assert (noted in merged.notes) if noted else ("name" not in merged.notes)
