"""Writing contacts: validation naming the field, atomic writes, archive, delete, drafts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from journal.core import contacts as contacts_module
from journal.core.changes import Area
from journal.core.clock import FixedClock
from journal.core.contact_queries import ContactFilter, contact_ids
from journal.core.contacts import (
    ChannelDraft,
    ChannelError,
    ContactDraft,
    create_contact,
    delete_contact,
    exists,
    find_by_name,
    load_draft,
    require_contact,
    set_archived,
    tag_ids,
    update_contact,
)
from journal.core.errors import JournalError, NotFoundError, ValidationError
from journal.core.groups import add_members
from journal.core.meetings import MeetingDraft, record_meeting
from journal.store import Journal
from journal.store.models import (
    Contact,
    ContactChannel,
    ContactTag,
    GroupMember,
    Interaction,
    InteractionParticipant,
    MeetingPerson,
    Tag,
)

AddContact = Callable[..., int]
CountRows = Callable[[str], int]


def _refused(draft: ContactDraft, clock: FixedClock) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        create_contact(draft, clock)
    return raised.value


# -- create -------------------------------------------------------------------------------------


def test_create_stores_every_field(journal: Journal, clock: FixedClock) -> None:
    draft = ContactDraft(
        given_name="  Jane ",
        family_name="Doe",
        nickname="JD",
        organisation="Northwind",
        title="Owner",
        how_met="introduced by Omar",
        where_met="chamber breakfast",
        met_on=dt.date(2026, 11, 20),
        met_mode="in_person",
        stage="client",
        know=3,
        like=4,
        trust=5,
        needs="bookkeeper",
        offers="web design",
        notes="two kids",
        first_impression="sharp",
        first_impression_on=dt.date(2026, 11, 20),
        birthday=dt.date(1980, 2, 29),
        stay_in_touch_days=30,
    )
    result = create_contact(draft, clock)
    c = Contact.get_by_id(result.value)
    assert c.given_name == "Jane"  # trimmed
    assert c.display_name == "Jane Doe"
    assert c.sort_name == "jane doe"
    assert (c.nickname, c.organisation, c.title) == ("JD", "Northwind", "Owner")
    assert (c.how_met, c.where_met, c.met_mode) == (
        "introduced by Omar",
        "chamber breakfast",
        "in_person",
    )
    assert c.met_on == dt.date(2026, 11, 20)
    assert (c.stage, c.know, c.like, c.trust) == ("client", 3, 4, 5)
    assert (c.needs, c.offers, c.notes, c.first_impression) == (
        "bookkeeper",
        "web design",
        "two kids",
        "sharp",
    )
    assert c.first_impression_on == dt.date(2026, 11, 20)
    assert c.birthday == dt.date(1980, 2, 29)
    assert c.stay_in_touch_days == 30
    assert c.archived is False
    assert c.created_at == clock.now() == c.updated_at


def test_create_returns_the_id_and_what_changed(journal: Journal, clock: FixedClock) -> None:
    result = create_contact(ContactDraft(given_name="Jane"), clock)
    assert exists(result.value)
    assert result.changes.areas == {Area.CONTACTS, Area.TAGS}
    assert result.changes.contact_ids == {result.value}
    assert result.changes.touches(Area.CONTACTS)
    assert not result.changes.touches(Area.GROUPS)


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"given_name": "Jane", "family_name": "Doe"}, "Jane Doe"),
        ({"family_name": "Doe"}, "Doe"),
        ({"nickname": "JD"}, "JD"),
        ({"organisation": "Northwind"}, "Northwind"),
        ({"given_name": "小明", "family_name": "王"}, "王小明"),
    ],
)
def test_display_name_falls_back(
    journal: Journal, clock: FixedClock, fields: dict[str, str], shown: str
) -> None:
    cid = create_contact(ContactDraft(**fields), clock).value  # type: ignore[arg-type]
    assert Contact.get_by_id(cid).display_name == shown


def test_channels_are_stored_in_order_and_empty_rows_skipped(
    journal: Journal, clock: FixedClock
) -> None:
    draft = ContactDraft(
        given_name="Jane",
        channels=[
            ChannelDraft("email", " jane@example.com ", "work"),
            ChannelDraft("phone", "   "),  # an empty form row
            ChannelDraft("url", "https://jane.example"),
        ],
    )
    cid = create_contact(draft, clock).value
    stored = [
        (ch.kind, ch.value, ch.label, ch.position)
        for ch in ContactChannel.select()
        .where(ContactChannel.contact == cid)
        .order_by(ContactChannel.position)
    ]
    assert stored == [
        ("email", "jane@example.com", "work", 0),
        ("url", "https://jane.example", "", 1),
    ]


def test_tags_are_deduplicated_regardless_of_case_and_hash(
    journal: Journal, clock: FixedClock
) -> None:
    cid = create_contact(
        ContactDraft(given_name="Jane", tags=["#Design", "design", " friend ", "DESIGN"]),
        clock,
    ).value
    assert sorted(load_draft(cid).tags) == ["Design", "friend"]
    assert Tag.select().count() == 2


@pytest.mark.parametrize("empty", ["", "   ", "#", "##"])
def test_a_tag_without_a_name_is_refused_and_nothing_is_written(
    journal: Journal, clock: FixedClock, empty: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        create_contact(ContactDraft(given_name="Jane", tags=["design", empty]), clock)
    assert (refused.value.field, refused.value.problem) == (
        "tag",
        "cannot be empty: give the tag a name",
    )
    assert not exists(1)
    cid = create_contact(ContactDraft(given_name="Omar", tags=["design"]), clock).value
    with pytest.raises(ValidationError, match="tag: cannot be empty"):
        update_contact(cid, ContactDraft(given_name="Omar", tags=["design", empty]), clock)
    assert load_draft(cid).tags == ["design"]


def test_a_tag_holding_a_comma_stays_one_tag(journal: Journal, clock: FixedClock) -> None:
    cid = create_contact(ContactDraft(given_name="Jane", tags=["a,b", "c"]), clock).value
    assert sorted(load_draft(cid).tags) == ["a,b", "c"]


def test_tags_are_shared_between_contacts_regardless_of_case(
    journal: Journal, clock: FixedClock
) -> None:
    jane = create_contact(ContactDraft(given_name="Jane", tags=["Design"]), clock).value
    omar = create_contact(ContactDraft(given_name="Omar", tags=["design"]), clock).value
    assert Tag.select().count() == 1
    assert load_draft(jane).tags == load_draft(omar).tags == ["Design"]


def test_non_ascii_tags_are_shared_regardless_of_case(journal: Journal, clock: FixedClock) -> None:
    create_contact(ContactDraft(given_name="Jane", tags=["Économie"]), clock)
    create_contact(ContactDraft(given_name="Omar", tags=["économie"]), clock)
    assert [t.name for t in Tag.select()] == ["Économie"]


def test_tag_ids_creates_missing_tags_once(journal: Journal) -> None:
    first = tag_ids(["alpha", "Beta"])
    again = tag_ids(["ALPHA", "beta", "gamma"])
    assert again[:2] == first
    assert len(set(again)) == 3
    assert Tag.select().count() == 3


# -- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field_name"),
    [
        ({}, "name"),
        ({"given_name": "   ", "family_name": "\t"}, "name"),
        ({"given_name": "Jane", "know": 0}, "know"),
        ({"given_name": "Jane", "know": 6}, "know"),
        ({"given_name": "Jane", "like": 0}, "like"),
        ({"given_name": "Jane", "like": 6}, "like"),
        ({"given_name": "Jane", "trust": -1}, "trust"),
        ({"given_name": "Jane", "trust": 10}, "trust"),
        ({"given_name": "Jane", "know": True}, "know"),
        ({"given_name": "Jane", "met_on": dt.date(2026, 11, 25)}, "date met"),
        ({"given_name": "Jane", "birthday": dt.date(2027, 1, 1)}, "birthday"),
        ({"given_name": "Jane", "met_mode": "telepathy"}, "met in person or online"),
        ({"given_name": "Jane", "stage": ""}, "stage"),
        ({"given_name": "Jane", "stage": "x" * 41}, "stage"),
        ({"given_name": "Jane", "stay_in_touch_days": 0}, "stay in touch every"),
        ({"given_name": "J" * 301}, "given name"),
        ({"given_name": "Jane", "notes": "a\x00b"}, "notes"),
        ({"given_name": "Jane", "met_through_id": 999}, "met through"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(
    journal: Journal,
    clock: FixedClock,
    count_rows: CountRows,
    fields: dict[str, object],
    field_name: str,
) -> None:
    error = _refused(ContactDraft(**fields), clock)  # type: ignore[arg-type]
    assert error.field == field_name
    assert str(error).startswith(f"{field_name}: ")
    assert isinstance(error, JournalError)
    assert count_rows("contact") == 0


def test_ratings_at_the_edges_are_accepted(journal: Journal, clock: FixedClock) -> None:
    cid = create_contact(ContactDraft(given_name="Jane", know=1, like=5, trust=1), clock).value
    assert (Contact.get_by_id(cid).know, Contact.get_by_id(cid).like) == (1, 5)


def test_met_today_is_not_the_future(journal: Journal, clock: FixedClock) -> None:
    cid = create_contact(ContactDraft(given_name="Jane", met_on=clock.today()), clock).value
    assert Contact.get_by_id(cid).met_on == clock.today()


def test_a_bad_email_channel_names_the_channel(
    journal: Journal, clock: FixedClock, count_rows: CountRows
) -> None:
    draft = ContactDraft(
        given_name="Jane",
        channels=[ChannelDraft("email", "jane@example.com"), ChannelDraft("email", "not-an-email")],
        tags=["friend"],
    )
    error = _refused(draft, clock)
    assert isinstance(error, ChannelError) and error.position == 1  # the second row
    assert str(error) == "e-mail: 'not-an-email' does not look like an e-mail address"
    # Nothing of the contact was written: not the row, not the first channel, not the tag.
    for table in ("contact", "contact_channel", "tag", "contact_tag", "contact_fts"):
        assert count_rows(table) == 0, table


def test_an_unknown_channel_kind_is_refused(journal: Journal, clock: FixedClock) -> None:
    error = _refused(ContactDraft(given_name="Jane", channels=[ChannelDraft("fax", "123")]), clock)
    assert isinstance(error, ChannelError) and error.position == 0
    assert error.field == "channel" and "fax" in error.problem


@pytest.mark.parametrize(
    ("kind", "value", "refusal"),
    [
        ("phone", "abc", "phone: 'abc' is not a phone number: it needs its digits"),
        ("phone", "12", "phone: '12' is not a phone number"),
        ("url", "not a url", "website: 'not a url' is not a web address"),
        ("url", "acme", "website: 'acme' is not a web address"),
    ],
)
def test_a_typed_phone_without_digits_or_website_with_spaces_is_refused(
    journal: Journal, clock: FixedClock, kind: str, value: str, refusal: str
) -> None:
    draft = ContactDraft(given_name="Jane", channels=[ChannelDraft("email", "j@x.org")])
    draft.channels.append(ChannelDraft(kind, value))
    error = _refused(draft, clock)
    assert str(error).startswith(refusal)
    assert isinstance(error, ChannelError) and error.position == 1


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("phone", "112"),
        ("phone", "1-800-FLOWERS"),
        ("phone", "+44 (0)20 7946 0958 ext. 12"),
        ("url", "acme.example"),
        ("url", "https://acme.example/"),
        ("url", "http://localhost:8080"),
        ("social", "@jane"),
    ],
)
def test_typed_channels_people_write_are_accepted(
    journal: Journal, clock: FixedClock, kind: str, value: str
) -> None:
    draft = ContactDraft(given_name="Jane", channels=[ChannelDraft(kind, value)])
    contact_id = create_contact(draft, clock).value
    assert [(c.kind, c.value) for c in load_draft(contact_id).channels] == [(kind, value)]


def test_an_imported_odd_channel_does_not_stop_an_edit(journal: Journal, clock: FixedClock) -> None:
    """A stored "n/a" phone (as files bring them) is let be; a new one is checked."""
    contact_id = create_contact(ContactDraft(given_name="Jane"), clock).value
    ContactChannel.insert(contact=contact_id, kind="phone", value="n/a", position=0).execute()
    draft = load_draft(contact_id)
    draft.notes = "Met at the fair"
    update_contact(contact_id, draft, clock)
    assert load_draft(contact_id).notes == "Met at the fair"
    draft.channels.append(ChannelDraft("phone", "ask her"))
    with pytest.raises(ChannelError, match="'ask her' is not a phone number"):
        update_contact(contact_id, draft, clock)


def test_a_contact_cannot_have_met_through_themselves(
    add_contact: AddContact, clock: FixedClock
) -> None:
    cid = add_contact("Jane")
    with pytest.raises(ValidationError) as raised:
        update_contact(cid, ContactDraft(given_name="Jane", met_through_id=cid), clock)
    assert raised.value.field == "met through"
    assert Contact.get_by_id(cid).met_through_id is None


def test_met_through_another_contact(add_contact: AddContact, clock: FixedClock) -> None:
    omar = add_contact("Omar")
    jane = add_contact("Jane", met_through_id=omar)
    assert Contact.get_by_id(jane).met_through_id == omar


# -- atomicity ----------------------------------------------------------------------------------


def test_create_is_one_transaction(
    journal: Journal, clock: FixedClock, count_rows: CountRows, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_tags(contact_id: int, names: list[str]) -> None:
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(contacts_module, "_write_tags", broken_tags)
    draft = ContactDraft(
        given_name="Jane", channels=[ChannelDraft("email", "jane@example.com")], tags=["x"]
    )
    with pytest.raises(RuntimeError):
        create_contact(draft, clock)
    for table in ("contact", "contact_channel", "contact_fts"):
        assert count_rows(table) == 0, table


def test_update_is_one_transaction(
    add_contact: AddContact, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    cid = add_contact("Jane", "Doe", channels=[ChannelDraft("email", "jane@example.com")])
    before = load_draft(cid)

    def broken_tags(contact_id: int, names: list[str]) -> None:
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(contacts_module, "_write_tags", broken_tags)
    with pytest.raises(RuntimeError):
        update_contact(
            cid,
            ContactDraft(given_name="Janet", channels=[ChannelDraft("phone", "555")]),
            clock,
        )
    assert load_draft(cid) == before
    assert contact_ids(ContactFilter(search="jane@example")) == [cid]


# -- update -------------------------------------------------------------------------------------


def test_update_replaces_fields_channels_and_tags(add_contact: AddContact) -> None:
    cid = add_contact(
        "Jane",
        "Doe",
        channels=[ChannelDraft("email", "jane@example.com")],
        tags=["friend", "design"],
    )
    created = Contact.get_by_id(cid).created_at
    later = FixedClock(dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.timezone.utc))
    draft = ContactDraft(
        given_name="Jane",
        family_name="Smith",
        channels=[ChannelDraft("phone", "+1 555 0100", "mobile")],
        tags=["mentor"],
    )
    result = update_contact(cid, draft, later)
    assert result.value == cid
    assert result.changes.areas == {Area.CONTACTS, Area.TAGS}
    assert result.changes.contact_ids == {cid}

    stored = load_draft(cid)
    assert stored.family_name == "Smith"
    assert stored.channels == [ChannelDraft("phone", "+1 555 0100", "mobile")]
    assert stored.tags == ["mentor"]
    row = Contact.get_by_id(cid)
    assert row.display_name == "Jane Smith"
    assert row.sort_name == "jane smith"
    assert row.created_at == created
    assert row.updated_at == later.now()


def test_load_draft_round_trips_through_update(add_contact: AddContact, clock: FixedClock) -> None:
    omar = add_contact("Omar")
    cid = add_contact(
        "Jane",
        "Doe",
        met_through_id=omar,
        know=2,
        met_on=dt.date(2025, 1, 2),
        channels=[ChannelDraft("email", "a@b.c", "home")],
        tags=["b", "a"],
    )
    draft = load_draft(cid)
    assert draft.met_through_id == omar
    assert draft.tags == ["a", "b"]
    update_contact(cid, draft, clock)
    assert load_draft(cid) == draft


@pytest.mark.parametrize(
    "call",
    [
        lambda clock: update_contact(424242, ContactDraft(given_name="Jane"), clock),
        lambda clock: set_archived(424242, True, clock),
        lambda clock: delete_contact(424242),
        lambda clock: load_draft(424242),
        lambda clock: require_contact(424242),
    ],
    ids=["update", "archive", "delete", "load", "require"],
)
def test_missing_contacts_raise_not_found(
    journal: Journal, clock: FixedClock, call: Callable[[FixedClock], object]
) -> None:
    with pytest.raises(NotFoundError, match="424242"):
        call(clock)


def test_update_validates_before_writing(add_contact: AddContact, clock: FixedClock) -> None:
    cid = add_contact("Jane", know=3)
    with pytest.raises(ValidationError) as raised:
        update_contact(cid, ContactDraft(given_name="Jane", know=9), clock)
    assert raised.value.field == "know"
    assert Contact.get_by_id(cid).know == 3


# -- archive ------------------------------------------------------------------------------------


def test_archive_hides_from_the_default_list(add_contact: AddContact, clock: FixedClock) -> None:
    jane = add_contact("Jane")
    omar = add_contact("Omar")
    result = set_archived(jane, True, clock)
    assert result.value == jane
    assert result.changes.areas == {Area.CONTACTS}
    assert result.changes.contact_ids == {jane}
    assert Contact.get_by_id(jane).archived is True
    assert contact_ids() == [omar]
    assert contact_ids(ContactFilter(include_archived=True)) == [jane, omar]
    assert contact_ids(ContactFilter(search="jane")) == []
    assert contact_ids(ContactFilter(search="jane", include_archived=True)) == [jane]

    set_archived(jane, False, clock)
    assert contact_ids() == [jane, omar]


# -- delete -------------------------------------------------------------------------------------


def test_delete_cascades_but_keeps_the_timeline(
    add_contact: AddContact,
    add_group: Callable[..., int],
    log: Callable[..., int],
    clock: FixedClock,
    count_rows: CountRows,
) -> None:
    jane = add_contact("Jane", channels=[ChannelDraft("email", "j@example.com")], tags=["friend"])
    omar = add_contact("Omar", met_through_id=jane)
    gid = add_group("Chamber")
    add_members(gid, [jane])
    record_meeting(MeetingDraft(gid, dt.date(2026, 11, 20), people_ids=[jane]), clock)
    together = log("coffee", people=[jane, omar])
    alone = log("call", people=[jane])

    result = delete_contact(jane)

    assert result.value == jane
    assert result.changes.areas == {Area.CONTACTS, Area.INTERACTIONS, Area.GROUPS}
    assert result.changes.contact_ids == {jane}
    assert not exists(jane)
    assert ContactChannel.select().count() == 0
    assert ContactTag.select().count() == 0
    assert GroupMember.select().count() == 0
    assert MeetingPerson.select().count() == 0
    assert {i.id for i in Interaction.select()} == {together, alone}
    assert [p.contact_id for p in InteractionParticipant.select()] == [omar]
    assert Contact.get_by_id(omar).met_through_id is None
    assert contact_ids(ContactFilter(search="jane", include_archived=True)) == []
    assert count_rows("contact_fts") == 1


# -- finding ------------------------------------------------------------------------------------


def test_find_by_name_ignores_case_and_accents(add_contact: AddContact) -> None:
    emile = add_contact("Émile", "Zola")
    add_contact("Emilia", "Zola")
    other = add_contact("emile", "zola")
    assert find_by_name("EMILE ZOLA") == [emile, other]
    assert find_by_name("  émile zola ") == [emile, other]
    assert find_by_name("Emile") == []


def test_exists(add_contact: AddContact) -> None:
    cid = add_contact("Jane")
    assert exists(cid)
    assert not exists(cid + 1)
