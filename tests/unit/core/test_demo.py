"""The demo journal: the promised size, the same journal for the same seed, valid and searchable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journal.core import demo, demo_rhythms
from journal.core.clock import FixedClock
from journal.core.contact_queries import ContactFilter, contact_ids
from journal.core.contacts import load_draft, update_contact
from journal.core.groups import load_group_draft, update_group
from journal.core.interactions import edit_interaction, load_interaction_draft
from journal.core.meetings import edit_meeting, load_meeting_draft
from journal.core.names import display_name, sort_key
from journal.store import Journal, open_journal
from journal.store.models import (
    Contact,
    ContactChannel,
    Group,
    GroupDemandChange,
    GroupMember,
    Interaction,
    InteractionParticipant,
    Meeting,
    MeetingPerson,
    Tag,
    database_proxy,
)

# A fixed day in the past, so the journal does not depend on when the test runs.
TODAY = dt.date(2025, 6, 30)
END_OF_TODAY = dt.datetime(2025, 6, 30, 23, 59, tzinfo=dt.timezone.utc)


@pytest.fixture
def generated(journal: Journal) -> Journal:
    demo.generate(demo.SMALL, seed=7, today=TODAY)
    return journal


def _count(table: str) -> int:
    return int(database_proxy.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _snapshot() -> dict[str, list[tuple[object, ...]]]:
    """Everything generated except the creation stamps, which come from the real clock."""
    queries = {
        "contact": "SELECT id, display_name, sort_name, organisation, title, met_on, stage, know, "
        "needs, offers, archived FROM contact ORDER BY id",
        "channel": "SELECT contact_id, kind, value FROM contact_channel ORDER BY id",
        "tag": "SELECT contact_id, tag_id FROM contact_tag ORDER BY contact_id, tag_id",
        "group": "SELECT id, name, joined_on, dues_amount FROM membership_group ORDER BY id",
        "member": "SELECT group_id, contact_id FROM group_member ORDER BY group_id, contact_id",
        "meeting": "SELECT group_id, held_on, attendance, rating FROM meeting ORDER BY id",
        "interaction": "SELECT id, kind, occurred_at, summary, amount, group_id FROM interaction "
        "ORDER BY id",
        "participant": "SELECT interaction_id, contact_id FROM interaction_participant "
        "ORDER BY interaction_id, contact_id",
    }
    return {name: list(database_proxy.execute_sql(sql)) for name, sql in queries.items()}


def _generate_elsewhere(home: Path, seed: int) -> dict[str, list[tuple[object, ...]]]:
    other = open_journal(home)
    try:
        demo.generate(demo.SMALL, seed=seed, today=TODAY)
        return _snapshot()
    finally:
        other.close()


def test_small_journal_has_the_promised_size(generated: Journal) -> None:
    size = demo.SMALL
    assert Contact.select().count() == size.contacts == 320
    # The timeline's entries, and the catch-ups that keep most rhythms (core.demo_rhythms).
    entries = Interaction.select().count()
    assert size.interactions == 2600
    assert size.interactions < entries <= size.interactions * 1.1
    assert Group.select().count() == size.groups == 7
    assert GroupDemandChange.select().count() == size.groups
    assert 0 < Tag.select().count() <= len(demo.TAGS)
    assert Meeting.select().count() > 0
    assert GroupMember.select().count() >= 8 * size.groups
    assert InteractionParticipant.select().count() >= entries
    # The search indexes were filled by the triggers, one row per contact and entry.
    assert _count("contact_fts") == size.contacts
    assert _count("interaction_fts") == entries


def test_every_contact_is_named_and_reachable(generated: Journal) -> None:
    for c in Contact.select():
        assert c.display_name, c.id
        assert c.display_name == display_name(c.given_name, c.family_name, "", c.organisation)
        assert c.sort_name == sort_key(c.display_name)
    with_email = {
        ch.contact_id for ch in ContactChannel.select().where(ContactChannel.kind == "email")
    }
    assert with_email == {c.id for c in Contact.select()}


def test_every_entry_has_someone_and_happened_in_the_window(generated: Journal) -> None:
    without_people = database_proxy.execute_sql(
        "SELECT COUNT(*) FROM interaction i WHERE NOT EXISTS "
        "(SELECT 1 FROM interaction_participant p WHERE p.interaction_id = i.id)"
    ).fetchone()[0]
    assert without_people == 0
    start = dt.datetime.combine(
        TODAY - dt.timedelta(days=365 * demo.SMALL.years), dt.time(), dt.timezone.utc
    )
    for i in Interaction.select(Interaction.occurred_at):
        assert start <= i.occurred_at <= END_OF_TODAY
    for m in Meeting.select(Meeting.held_on):
        assert m.held_on <= TODAY


def test_entries_happen_in_the_day_not_at_night(generated: Journal) -> None:
    hours = {i.occurred_at.hour for i in Interaction.select(Interaction.occurred_at)}
    assert hours and min(hours) >= 7 and max(hours) <= 19


def test_people_met_at_meetings_are_members(generated: Journal) -> None:
    orphans = database_proxy.execute_sql(
        "SELECT COUNT(*) FROM meeting_person p JOIN meeting m ON m.id = p.meeting_id "
        "WHERE NOT EXISTS (SELECT 1 FROM group_member g "
        "                  WHERE g.group_id = m.group_id AND g.contact_id = p.contact_id)"
    ).fetchone()[0]
    assert MeetingPerson.select().count() > 0
    assert orphans == 0
    met_away = database_proxy.execute_sql(
        "SELECT COUNT(*) FROM meeting_person p JOIN meeting m ON m.id = p.meeting_id "
        "WHERE m.attendance IN ('missed', 'excused')"
    ).fetchone()[0]
    assert met_away == 0  # nobody is met at a meeting you were not at


def test_nobody_was_met_after_their_first_entry(generated: Journal) -> None:
    # Else someone shows as met three weeks ago and not heard from for two years.
    met_late = database_proxy.execute_sql(
        "SELECT COUNT(*) FROM contact c WHERE c.met_on > (SELECT substr(MIN(p.occurred_at), 1, 10)"
        " FROM interaction_participant p WHERE p.contact_id = c.id)"
    ).fetchone()[0]
    assert met_late == 0
    for how, where, mode in Contact.select(
        Contact.how_met, Contact.where_met, Contact.met_mode
    ).tuples():
        at = "on" if where == "LinkedIn" else "at"
        assert how in ("", f"Introduced {at} {where}"), (how, where)
        # Met on LinkedIn or at a webinar is met online; at the gym, in person.
        online = where in ("LinkedIn", "a webinar") or where.startswith("Freelancers Online")
        assert mode == ("online" if online else "in_person"), (where, mode)


def test_a_met_entry_names_where_the_card_says_they_were_met(generated: Journal) -> None:
    # A card read "a webinar · Online" while its first entry said "Met at a conference in Lyon".
    met = database_proxy.execute_sql(
        "SELECT i.summary, c.where_met FROM interaction i"
        " JOIN interaction_participant p ON p.interaction_id = i.id"
        " JOIN contact c ON c.id = p.contact_id WHERE i.kind = 'met'"
    ).fetchall()
    assert met
    for summary, where in met:
        at = "on" if where == "LinkedIn" else "at"
        assert summary.endswith(f" {at} {where}"), (summary, where)


def test_names_in_several_scripts_are_included(generated: Journal) -> None:
    shown = {c.display_name for c in Contact.select()}
    assert "王小明" in shown  # family name first, as written
    assert "محمد العلي" in shown


def test_search_finds_generated_names(generated: Journal) -> None:
    everyone = ContactFilter(include_archived=True)
    for c in Contact.select():
        found = contact_ids(ContactFilter(search=c.display_name, include_archived=True))
        assert c.id in found, c.display_name
    assert contact_ids(ContactFilter(search="小明", include_archived=True))
    mullers = contact_ids(ContactFilter(search="Müller", include_archived=True))
    assert mullers
    assert contact_ids(ContactFilter(search="muller", include_archived=True)) == mullers
    assert len(contact_ids(everyone)) == 320


def test_generated_data_passes_core_validation(generated: Journal) -> None:
    clock = FixedClock(END_OF_TODAY)
    for c in Contact.select(Contact.id):
        update_contact(c.id, load_draft(c.id), clock)
    for g in Group.select(Group.id):
        update_group(g.id, load_group_draft(g.id), clock)
    for m in Meeting.select(Meeting.id):
        edit_meeting(m.id, load_meeting_draft(m.id), clock)
    for i in Interaction.select(Interaction.id).limit(300):
        edit_interaction(i.id, load_interaction_draft(i.id), clock)


def test_progress_is_reported(journal: Journal) -> None:
    said: list[str] = []
    demo.generate(
        demo.DemoSize(contacts=30, interactions=50, groups=2, years=1),
        today=TODAY,
        progress=said.append,
    )
    assert said == ["people", "groups", "timeline", "follow-ups", "review"]
    assert Contact.select().count() == 30
    assert Interaction.select().count() == 50
    assert Group.select().count() == 2


def test_same_seed_same_journal(tmp_path: Path) -> None:
    first = _generate_elsewhere(tmp_path / "one", seed=7)
    second = _generate_elsewhere(tmp_path / "two", seed=7)
    assert first == second
    assert len(first["contact"]) == 320


def test_another_seed_another_journal(tmp_path: Path) -> None:
    first = _generate_elsewhere(tmp_path / "one", seed=7)
    other = _generate_elsewhere(tmp_path / "two", seed=8)
    assert first["contact"] != other["contact"]
    assert first["interaction"] != other["interaction"]
    assert len(other["contact"]) == len(first["contact"])


def test_the_demo_today_page_is_alive(journal: Journal) -> None:
    from journal.core.today import today_snapshot

    demo.generate(today=TODAY)
    clock = FixedClock(dt.datetime.combine(TODAY, dt.time(12), dt.timezone.utc))
    snap = today_snapshot(clock)
    assert len(snap.overdue_followups) >= 3
    assert any(f.shows_on == TODAY for f in snap.followups)
    # Someone who keeps rhythms: a handful fading lately, not most people for years.
    assert 10 <= len(snap.fading) <= 0.15 * demo.SMALL.contacts
    assert max(row.days_overdue for row in snap.fading) <= demo_rhythms.LONGEST_LAPSE_DAYS
    assert len(snap.introductions) >= 5
    assert len(snap.new_people) >= 3, "a few people met lately, not yet followed up"
    assert snap.meetings, "a weekly group meets within the week"


def test_members_of_groups_that_give_nothing_have_no_rhythm(generated: Journal) -> None:
    from journal.core.keep_in_touch import touch_rows

    empty = {t[0] for t in demo.GROUP_TEMPLATES if t[-1] == "empty"}
    quiet = {
        m.contact_id for m in GroupMember.select().join(Group).where(Group.name.in_(list(empty)))
    }
    assert quiet, "the demo has a group that gives nothing back"
    # Met once at its meetings and never heard from again: still new, which has no rhythm,
    # so Today does not list them as fading for years.
    stages = {c.stage for c in Contact.select().where(Contact.id.in_(list(quiet)))}
    assert stages == {"new"}
    with_rhythm = {row.contact_id for row in touch_rows(FixedClock(END_OF_TODAY))}
    assert not quiet & with_rhythm
    assert (
        not InteractionParticipant.select()
        .where(InteractionParticipant.contact.in_(list(quiet)))
        .exists()
    )


def test_a_size_that_keeps_up_with_nobody_writes_exactly_its_entries(journal: Journal) -> None:
    size = demo.DemoSize(contacts=40, interactions=120, groups=2, years=2)
    assert size.kept_up == 0
    demo.generate(size, today=TODAY)
    assert Interaction.select().count() == 120
    assert demo.LARGE.kept_up == 0, "the benchmarks' journal keeps its exact counts"
