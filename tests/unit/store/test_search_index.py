"""The FTS5 indexes follow every write through triggers; foreign keys cascade as declared."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import peewee
import pytest

from journal.store import Journal
from journal.store.models import (
    Contact,
    ContactChannel,
    ContactRelation,
    ContactTag,
    FollowUp,
    Group,
    GroupDemandChange,
    GroupMember,
    Interaction,
    InteractionParticipant,
    Meeting,
    MeetingPerson,
    Review,
    ReviewDecision,
    Tag,
    database_proxy,
)

NOW = dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.timezone.utc)
NewContact = Callable[..., int]


def contacts_matching(query: str) -> set[int]:
    rows = database_proxy.execute_sql(
        "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?", (query,)
    )
    return {r[0] for r in rows}


def interactions_matching(query: str) -> set[int]:
    rows = database_proxy.execute_sql(
        "SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH ?", (query,)
    )
    return {r[0] for r in rows}


def assert_contact_index_in_sync() -> None:
    """The index holds exactly one row per contact, equal to its search document."""
    indexed = database_proxy.execute_sql(
        "SELECT rowid, name, organisation, notes, needs, offers, channels, tags FROM contact_fts"
    ).fetchall()
    expected = database_proxy.execute_sql("SELECT * FROM contact_search_doc").fetchall()
    assert sorted(indexed) == sorted(expected)


def assert_interaction_index_in_sync() -> None:
    indexed = database_proxy.execute_sql(
        "SELECT rowid, summary, notes FROM interaction_fts"
    ).fetchall()
    expected = database_proxy.execute_sql("SELECT id, summary, notes FROM interaction").fetchall()
    assert sorted(indexed) == sorted(expected)


def new_interaction(summary: str, notes: str = "", **values: object) -> int:
    row = {
        "kind": "call",
        "occurred_at": NOW,
        "summary": summary,
        "notes": notes,
        "created_at": NOW,
        "updated_at": NOW,
        **values,
    }
    return int(Interaction.insert(**row).execute())


def new_group(name: str) -> int:
    return int(Group.insert(name=name, created_at=NOW, updated_at=NOW).execute())


# -- contacts -----------------------------------------------------------------------------------


def test_a_new_contact_is_indexed(new_contact: NewContact) -> None:
    cid = new_contact("Jane", "Doe", organisation="Northwind", notes="loves sailing")
    assert contacts_matching("jane") == {cid}
    assert contacts_matching("northwind") == {cid}
    assert contacts_matching("sailing") == {cid}
    assert contacts_matching("nor*") == {cid}
    assert_contact_index_in_sync()


def test_every_searchable_column_is_indexed(new_contact: NewContact) -> None:
    cid = new_contact(
        "Alpha",
        "Beta",
        nickname="gamma",
        organisation="delta",
        title="epsilon",
        notes="zeta",
        how_met="eta",
        where_met="theta",
        first_impression="iota",
        needs="kappa",
        offers="lambda",
    )
    new_contact("Other", "Person")
    for word in (
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "zeta",
        "eta",
        "theta",
        "iota",
        "kappa",
        "lambda",
    ):
        assert contacts_matching(word) == {cid}, word
    assert contacts_matching("needs : kappa") == {cid}
    assert contacts_matching("offers : lambda") == {cid}
    assert contacts_matching("offers : kappa") == set()


def test_updating_a_contact_reindexes_it(new_contact: NewContact) -> None:
    cid = new_contact("Jane", "Doe")
    Contact.update(family_name="Smith", display_name="Jane Smith").where(
        Contact.id == cid
    ).execute()
    assert contacts_matching("doe") == set()
    assert contacts_matching("smith") == {cid}
    Contact.update(archived=True).where(Contact.id == cid).execute()  # any column re-indexes once
    assert contacts_matching("smith") == {cid}
    assert_contact_index_in_sync()


def test_deleting_a_contact_removes_it_from_the_index(new_contact: NewContact) -> None:
    cid = new_contact("Jane", "Doe")
    other = new_contact("John", "Doe")
    Contact.delete().where(Contact.id == cid).execute()
    assert contacts_matching("doe") == {other}
    assert_contact_index_in_sync()


def test_accents_are_ignored(new_contact: NewContact) -> None:
    cid = new_contact("Émile", "Zoë")
    assert contacts_matching("emile") == {cid}
    assert contacts_matching("zoe") == {cid}
    assert contacts_matching("ÉMILE") == {cid}


# -- channels -----------------------------------------------------------------------------------


def test_channels_follow_insert_update_delete(new_contact: NewContact) -> None:
    cid = new_contact("Jane", "Doe")
    channel = ContactChannel.create(contact=cid, kind="email", value="jane@northwind.example")
    assert contacts_matching('"jane@northwind.example"') == {cid}
    assert contacts_matching("channels : northwind") == {cid}
    assert_contact_index_in_sync()

    ContactChannel.update(value="jd@summit.example").where(
        ContactChannel.id == channel.id
    ).execute()
    assert contacts_matching("northwind") == set()
    assert contacts_matching("summit") == {cid}
    assert_contact_index_in_sync()

    ContactChannel.delete().where(ContactChannel.id == channel.id).execute()
    assert contacts_matching("summit") == set()
    assert contacts_matching("jane") == {cid}  # the contact itself stays indexed
    assert_contact_index_in_sync()


def test_several_channels_are_all_searchable(new_contact: NewContact) -> None:
    cid = new_contact("Jane", "Doe")
    ContactChannel.create(contact=cid, kind="email", value="jane@example.com")
    ContactChannel.create(contact=cid, kind="phone", value="+1 555 0100", position=1)
    ContactChannel.create(contact=cid, kind="url", value="https://janedoe.example", position=2)
    assert contacts_matching("0100") == {cid}
    assert contacts_matching("janedoe") == {cid}
    assert_contact_index_in_sync()


# -- tags ---------------------------------------------------------------------------------------


def test_tags_follow_links_and_renames(new_contact: NewContact) -> None:
    jane = new_contact("Jane", "Doe")
    omar = new_contact("Omar", "Haddad")
    tag = Tag.create(name="accounting")
    ContactTag.create(contact=jane, tag=tag)
    ContactTag.create(contact=omar, tag=tag)
    assert contacts_matching("tags : accounting") == {jane, omar}

    Tag.update(name="bookkeeping").where(Tag.id == tag.id).execute()
    assert contacts_matching("accounting") == set()
    assert contacts_matching("tags : bookkeeping") == {jane, omar}
    assert_contact_index_in_sync()

    ContactTag.delete().where((ContactTag.contact == jane) & (ContactTag.tag == tag)).execute()
    assert contacts_matching("bookkeeping") == {omar}
    assert_contact_index_in_sync()

    Tag.delete().where(Tag.id == tag.id).execute()  # cascades to the link, which re-indexes
    assert contacts_matching("bookkeeping") == set()
    assert contacts_matching("omar") == {omar}
    assert_contact_index_in_sync()


def test_tag_names_are_unique_regardless_of_ascii_case(journal: Journal) -> None:
    Tag.create(name="design")
    with pytest.raises(peewee.IntegrityError):
        Tag.create(name="Design")


# -- interactions -------------------------------------------------------------------------------


def test_interactions_follow_insert_update_delete(journal: Journal) -> None:
    iid = new_interaction("Coffee downtown", "talked about the bakery")
    other = new_interaction("Call about invoices")
    assert interactions_matching("coffee") == {iid}
    assert interactions_matching("bakery") == {iid}
    assert_interaction_index_in_sync()

    Interaction.update(summary="Lunch downtown").where(Interaction.id == iid).execute()
    assert interactions_matching("coffee") == set()
    assert interactions_matching("lunch") == {iid}
    Interaction.update(notes="talked about sailing").where(Interaction.id == iid).execute()
    assert interactions_matching("bakery") == set()
    assert interactions_matching("sailing") == {iid}
    # Columns outside the index leave it alone, and still correct.
    Interaction.update(kind="lunch").where(Interaction.id == iid).execute()
    assert interactions_matching("lunch") == {iid}
    assert_interaction_index_in_sync()

    Interaction.delete().where(Interaction.id == iid).execute()
    assert interactions_matching("lunch") == set()
    assert interactions_matching("invoices") == {other}
    assert_interaction_index_in_sync()


def test_interaction_search_ignores_accents(journal: Journal) -> None:
    iid = new_interaction("Café with Zoë")
    assert interactions_matching("cafe") == {iid}
    assert interactions_matching("zoe") == {iid}


# -- foreign keys and cascades ------------------------------------------------------------------


def test_foreign_keys_are_enforced(journal: Journal) -> None:
    with pytest.raises(peewee.IntegrityError):
        ContactChannel.create(contact=999, kind="email", value="x@example.com")


def test_deleting_a_contact_cascades_but_keeps_interactions(new_contact: NewContact) -> None:
    jane = new_contact("Jane", "Doe")
    omar = new_contact("Omar", "Haddad", met_through=jane)
    ContactChannel.create(contact=jane, kind="email", value="jane@example.com")
    ContactTag.create(contact=jane, tag=Tag.create(name="friend"))
    ContactRelation.create(contact=omar, other=jane, kind="colleague")
    gid = new_group("Chamber")
    GroupMember.create(group=gid, contact=jane)
    meeting = Meeting.create(
        group=gid, held_on=dt.date(2026, 11, 1), attendance="attended", created_at=NOW
    )
    MeetingPerson.create(meeting=meeting, contact=jane)
    iid = new_interaction("Coffee")
    InteractionParticipant.create(interaction=iid, contact=jane)
    InteractionParticipant.create(interaction=iid, contact=omar)
    FollowUp.create(contact=jane, due_on=dt.date(2026, 12, 1), created_at=NOW)

    Contact.delete().where(Contact.id == jane).execute()

    assert ContactChannel.select().count() == 0
    assert ContactTag.select().count() == 0
    assert Tag.select().count() == 1  # the tag itself stays
    assert ContactRelation.select().count() == 0
    assert GroupMember.select().count() == 0
    assert MeetingPerson.select().count() == 0
    assert FollowUp.select().count() == 0
    assert Contact.get_by_id(omar).met_through_id is None
    assert Interaction.select().count() == 1
    participants = [p.contact_id for p in InteractionParticipant.select()]
    assert participants == [omar]
    assert Meeting.select().count() == 1
    assert_contact_index_in_sync()


def test_deleting_a_group_cascades_and_unlinks_interactions(new_contact: NewContact) -> None:
    jane = new_contact("Jane", "Doe")
    gid = new_group("Chamber")
    GroupMember.create(group=gid, contact=jane)
    GroupDemandChange.create(group=gid, changed_at=NOW, demands_json="{}")
    meeting = Meeting.create(
        group=gid, held_on=dt.date(2026, 11, 1), attendance="attended", created_at=NOW
    )
    MeetingPerson.create(meeting=meeting, contact=jane)
    iid = new_interaction("Breakfast", group=gid, meeting=meeting.id)
    review = Review.create(held_at=NOW, as_of=dt.date(2026, 11, 24))
    ReviewDecision.create(review=review, group=gid, recommendation="keep", decision="keep")

    Group.delete().where(Group.id == gid).execute()

    assert Meeting.select().count() == 0
    assert MeetingPerson.select().count() == 0
    assert GroupMember.select().count() == 0
    assert GroupDemandChange.select().count() == 0
    assert ReviewDecision.select().count() == 0
    assert Review.select().count() == 1
    kept = Interaction.get_by_id(iid)
    assert kept.group_id is None
    assert kept.meeting_id is None
    assert Contact.select().count() == 1


def test_deleting_an_interaction_removes_participants_and_unlinks_follow_ups(
    new_contact: NewContact,
) -> None:
    jane = new_contact("Jane", "Doe")
    iid = new_interaction("Coffee")
    InteractionParticipant.create(interaction=iid, contact=jane)
    follow_up = FollowUp.create(
        contact=jane, interaction=iid, due_on=dt.date(2026, 12, 1), created_at=NOW
    )
    Interaction.delete().where(Interaction.id == iid).execute()
    assert InteractionParticipant.select().count() == 0
    assert FollowUp.get_by_id(follow_up.id).interaction_id is None
    assert Contact.select().count() == 1
