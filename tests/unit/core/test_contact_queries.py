"""Reading contacts: search, filters, every sort order, list rows and the contact card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from journal.core.clock import FixedClock
from journal.core.contact_queries import (
    ContactFilter,
    ContactSort,
    all_tags,
    contact_card,
    contact_count,
    contact_ids,
    contact_names,
    contact_rows,
)
from journal.core.contacts import ChannelDraft, set_archived
from journal.core.errors import NotFoundError
from journal.core.groups import add_members
from journal.core.stage_names import stages_in_use
from journal.store import Journal

AddContact = Callable[..., int]
UTC = dt.timezone.utc


def _at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def found(search: str, **kw: object) -> list[int]:
    return contact_ids(ContactFilter(search=search, **kw))  # type: ignore[arg-type]


# -- search -------------------------------------------------------------------------------------


def test_prefix_words_find_a_name(add_contact: AddContact) -> None:
    jane = add_contact("Jane", "Doe")
    baker = add_contact("Jane", "Baker")
    john = add_contact("John", "Doe")
    add_contact("Omar")
    assert found("jan do") == [jane]
    assert found("DOE JANE") == [jane]
    assert found("jane   doe ") == [jane]
    assert found("j") == [baker, jane, john]  # one letter is a prefix too
    assert found("jane dorian") == []


@pytest.mark.parametrize(
    ("fields", "search"),
    [
        ({"organisation": "Northwind Consulting"}, "northw"),
        ({"title": "Chief Gardener"}, "gardener"),
        ({"notes": "Loves sailing on weekends"}, "sailing"),
        ({"how_met": "sat next to each other"}, "next"),
        ({"where_met": "Lisbon summit"}, "lisbon"),
        ({"first_impression": "very generous"}, "generous"),
        ({"needs": "bookkeeper for the bakery"}, "bookkeep"),
        ({"offers": "photography workshops"}, "photog"),
        ({"nickname": "Skipper"}, "skip"),
        ({"channels": [ChannelDraft("email", "jd@acme-studio.example")]}, "acme"),
        ({"channels": [ChannelDraft("email", "jd@acme-studio.example")]}, "jd@acme"),
        ({"channels": [ChannelDraft("phone", "+1 555 0199")]}, "0199"),
        ({"tags": ["referral-partner"]}, "referral"),
        ({"tags": ["Speaker"]}, "speaker"),
    ],
)
def test_search_covers_every_part_of_a_contact(
    add_contact: AddContact, fields: dict[str, object], search: str
) -> None:
    cid = add_contact("Jane", "Doe", **fields)
    add_contact("Someone", "Else")
    assert found(search) == [cid]


def test_accents_do_not_matter_either_way(add_contact: AddContact) -> None:
    emile = add_contact("Émile", "Lefèvre")
    plain = add_contact("Emile", "Lefevre")
    assert sorted(found("emile")) == sorted([emile, plain])
    assert sorted(found("ÉMILE lefe")) == sorted([emile, plain])
    assert sorted(found("lefèvre")) == sorted([emile, plain])


def test_names_in_other_scripts_are_found(add_contact: AddContact) -> None:
    wang = add_contact("王", "小明")
    sato = add_contact("佐藤", "健")
    muhammad = add_contact("محمد", "العلي")
    dmitri = add_contact("Дмитрий", "Соколов")
    add_contact("Jane", "Doe")
    assert found("小明") == [wang]
    assert found("王") == [wang]
    assert found("佐藤") == [sato]
    assert found("محمد") == [muhammad]
    assert found("العلي") == [muhammad]
    assert found("дмит") == [dmitri]  # Cyrillic case-folds too


def test_emoji_in_names_do_not_break_search(add_contact: AddContact) -> None:
    cid = add_contact("Jane 🌻", "Doe")
    assert found("jane") == [cid]
    assert found("jane 🌻") == [cid]  # a word without letters or digits is not a condition


@pytest.mark.parametrize("typed", ["!!!", "  -- ", "***", '""', "()", "^", "+-", "@", ".", ":"])
def test_punctuation_only_matches_nothing(add_contact: AddContact, typed: str) -> None:
    add_contact("Jane", "Doe")
    assert found(typed) == []
    assert contact_count(ContactFilter(search=typed)) == 0


def test_blank_search_matches_everyone(add_contact: AddContact) -> None:
    ids = [add_contact("Jane"), add_contact("Omar")]
    assert found("") == ids
    assert found("   ") == ids


@pytest.mark.parametrize(
    "typed",
    [
        "jane AND doe",
        "jane OR omar",
        "NOT jane",
        "NEAR(jane doe)",
        'jane "doe',
        '"jane doe"',
        "ja*",
        "*jane",
        "name: jane",
        "name:jane",
        "{name}: jane",
        "jane^",
        "^jane",
        "jane -doe",
        "jane + doe",
        "(jane",
        "jane)",
        "AND",
        "OR OR OR",
        "NEAR",
        "jane\x00doe",
        "'; DROP TABLE contact; --",
    ],
)
def test_fts_syntax_typed_by_a_user_never_raises(add_contact: AddContact, typed: str) -> None:
    jane = add_contact("Jane", "Doe")
    result = found(typed)
    assert set(result) <= {jane}
    assert contact_count(ContactFilter(search=typed)) == len(result)


def test_operator_words_are_searched_as_words(add_contact: AddContact) -> None:
    cid = add_contact("Andrea", "Orwell", notes="near the station")
    add_contact("Jane", "Doe")
    assert found("AND") == [cid]  # a prefix of "Andrea"
    assert found("OR") == [cid]
    assert found("NEAR") == [cid]


# -- filters ------------------------------------------------------------------------------------


def test_tag_filter_ignores_case(add_contact: AddContact) -> None:
    jane = add_contact("Jane", tags=["Design", "friend"])
    add_contact("Omar", tags=["friend"])
    add_contact("Priya")
    assert contact_ids(ContactFilter(tag="design")) == [jane]
    assert len(contact_ids(ContactFilter(tag="FRIEND"))) == 2
    assert contact_ids(ContactFilter(tag="nobody")) == []


def test_stage_filter(add_contact: AddContact) -> None:
    client = add_contact("Jane", stage="client")
    add_contact("Omar", stage="friend")
    assert contact_ids(ContactFilter(stage="client")) == [client]


def test_group_filter(add_contact: AddContact, add_group: Callable[..., int]) -> None:
    jane, omar = add_contact("Jane"), add_contact("Omar")
    add_contact("Priya")
    chamber, bni = add_group("Chamber"), add_group("BNI")
    add_members(chamber, [jane, omar])
    add_members(bni, [omar])
    assert contact_ids(ContactFilter(group_id=chamber)) == [jane, omar]
    assert contact_ids(ContactFilter(group_id=bni)) == [omar]


def test_filters_combine(
    add_contact: AddContact, add_group: Callable[..., int], clock: FixedClock
) -> None:
    jane = add_contact("Jane", "Doe", stage="client", tags=["design"])
    add_contact("Jane", "Smith", stage="client")
    add_contact("Jane", "Baker", stage="friend", tags=["design"])
    archived = add_contact("Jane", "Archer", stage="client", tags=["design"])
    set_archived(archived, True, clock)
    gid = add_group("Chamber")
    add_members(gid, [jane, archived])
    flt = ContactFilter(search="jane", stage="client", tag="design", group_id=gid)
    assert contact_ids(flt) == [jane]
    assert contact_count(flt) == 1
    with_archived = ContactFilter(
        search="jane", stage="client", tag="design", group_id=gid, include_archived=True
    )
    assert contact_ids(with_archived) == [archived, jane]
    assert contact_count(with_archived) == 2


# -- sorting ------------------------------------------------------------------------------------


def test_sort_by_name_ignores_case_and_accents(add_contact: AddContact) -> None:
    zoe = add_contact("zoë")
    emile = add_contact("Émile")
    adam = add_contact("adam")
    bea = add_contact("Bea")
    assert contact_ids(sort=ContactSort.NAME) == [adam, bea, emile, zoe]
    assert contact_ids(sort=ContactSort.NAME, descending=True) == [zoe, emile, bea, adam]


def test_sort_by_organisation_ignores_case(add_contact: AddContact) -> None:
    acme = add_contact("Zed", organisation="acme")
    blue = add_contact("Yan", organisation="Blue Fern")
    cedar = add_contact("Xia", organisation="CEDAR")
    assert contact_ids(sort=ContactSort.ORGANISATION) == [acme, blue, cedar]
    assert contact_ids(sort=ContactSort.ORGANISATION, descending=True) == [cedar, blue, acme]


def test_sort_by_stage(add_contact: AddContact) -> None:
    partner = add_contact("A", stage="partner")
    client = add_contact("B", stage="client")
    friend = add_contact("C", stage="friend")
    assert contact_ids(sort=ContactSort.STAGE) == [client, friend, partner]
    assert contact_ids(sort=ContactSort.STAGE, descending=True) == [partner, friend, client]


def test_sort_by_met_on_puts_unknown_dates_last_both_ways(add_contact: AddContact) -> None:
    unknown = add_contact("Ann")
    old = add_contact("Bob", met_on=dt.date(2020, 5, 1))
    recent = add_contact("Cid", met_on=dt.date(2026, 1, 1))
    assert contact_ids(sort=ContactSort.MET_ON) == [old, recent, unknown]
    assert contact_ids(sort=ContactSort.MET_ON, descending=True) == [recent, old, unknown]


def test_sort_by_last_contact_treats_never_as_oldest(
    add_contact: AddContact, log: Callable[..., int]
) -> None:
    never = add_contact("Ann")
    long_ago = add_contact("Bob")
    lately = add_contact("Cid")
    log("call", _at(1), [long_ago])
    log("coffee", _at(20), [lately])
    log("email", _at(2), [lately, long_ago])
    assert contact_ids(sort=ContactSort.LAST_CONTACT) == [never, long_ago, lately]
    assert contact_ids(sort=ContactSort.LAST_CONTACT, descending=True) == [lately, long_ago, never]


def test_ties_break_by_name_then_id(add_contact: AddContact) -> None:
    b1 = add_contact("Bea", stage="client")
    a = add_contact("Ann", stage="client")
    b2 = add_contact("bea", stage="client")
    assert contact_ids(sort=ContactSort.STAGE) == [a, b1, b2]
    # Names reverse with the column; equal names keep a stable order by id.
    assert contact_ids(sort=ContactSort.STAGE, descending=True) == [b1, b2, a]


@pytest.mark.parametrize("sort", list(ContactSort))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_returns_every_match_once(
    add_contact: AddContact, sort: ContactSort, descending: bool
) -> None:
    ids = [
        add_contact("Jane", "Doe", organisation="Acme", met_on=dt.date(2025, 1, 1)),
        add_contact("Omar", stage="client"),
        add_contact("王", "小明", organisation="Orbit"),
        add_contact("Émile"),
    ]
    result = contact_ids(sort=sort, descending=descending)
    assert sorted(result) == sorted(ids)
    assert contact_ids(ContactFilter(search="jane"), sort, descending) == [ids[0]]


# -- rows, card and lists -----------------------------------------------------------------------


def test_contact_rows(add_contact: AddContact, log: Callable[..., int], clock: FixedClock) -> None:
    jane = add_contact(
        "Jane", "Doe", organisation="Northwind", title="Owner", stage="client", tags=["b", "a"]
    )
    omar = add_contact("Omar")
    set_archived(omar, True, clock)
    log("call", _at(3), [jane])
    log("coffee", _at(10, 15), [jane])

    rows = contact_rows([jane, omar, 999])
    assert set(rows) == {jane, omar}
    row = rows[jane]
    assert (row.id, row.display_name, row.organisation, row.title, row.stage) == (
        jane,
        "Jane Doe",
        "Northwind",
        "Owner",
        "client",
    )
    assert row.archived is False
    assert sorted(row.tags.split(", ")) == ["a", "b"]
    assert row.last_contact_at == _at(10, 15)
    assert rows[omar].archived is True
    assert rows[omar].tags == ""
    assert rows[omar].last_contact_at is None
    assert contact_rows([]) == {}


def test_contact_rows_for_many_ids_at_once(add_contact: AddContact) -> None:
    ids = [add_contact(f"Person {n}") for n in range(1200)]
    rows = contact_rows(ids)
    assert len(rows) == 1200
    assert rows[ids[-1]].display_name == "Person 1199"


def test_contact_card(
    add_contact: AddContact,
    add_group: Callable[..., int],
    log: Callable[..., int],
) -> None:
    omar = add_contact("Omar", "Haddad")
    jane = add_contact(
        "Jane",
        "Doe",
        met_through_id=omar,
        channels=[
            ChannelDraft("email", "jane@example.com", "work"),
            ChannelDraft("phone", "+1 555 0100", "mobile"),
        ],
        tags=["friend", "Design"],
    )
    zeta, alpha = add_group("Zeta Club"), add_group("Alpha Circle")
    add_members(zeta, [jane])
    add_members(alpha, [jane])
    log("call", _at(1), [jane])
    log("coffee", _at(5, 16), [jane, omar])
    log("email", _at(7), [omar])

    card = contact_card(jane)
    assert card.contact.id == jane
    assert card.contact.display_name == "Jane Doe"
    assert [(c.kind, c.value, c.label) for c in card.channels] == [
        ("email", "jane@example.com", "work"),
        ("phone", "+1 555 0100", "mobile"),
    ]
    assert card.tags == ["Design", "friend"]
    assert card.groups == [(alpha, "Alpha Circle"), (zeta, "Zeta Club")]
    assert card.met_through_name == "Omar Haddad"
    assert card.interaction_count == 2
    assert card.last_contact_at == _at(5, 16)
    assert isinstance(card.last_contact_at, dt.datetime)


def test_contact_card_of_someone_never_contacted(add_contact: AddContact) -> None:
    cid = add_contact("Priya")
    card = contact_card(cid)
    assert card.channels == [] and card.tags == [] and card.groups == []
    assert card.met_through_name is None
    assert card.interaction_count == 0
    assert card.last_contact_at is None


def test_contact_card_of_a_missing_contact(journal: Journal) -> None:
    with pytest.raises(NotFoundError):
        contact_card(12345)


def test_all_tags_sorted_regardless_of_case(add_contact: AddContact) -> None:
    add_contact("Jane", tags=["tech", "Design"])
    add_contact("Omar", tags=["accounting", "design"])
    assert all_tags() == ["accounting", "Design", "tech"]


def test_stages_in_use(add_contact: AddContact) -> None:
    add_contact("Jane", stage="friend")
    add_contact("Omar", stage="client")
    add_contact("Priya", stage="client")
    assert stages_in_use() == ["client", "friend"]


def test_contact_names(add_contact: AddContact) -> None:
    jane, omar = add_contact("Jane", "Doe"), add_contact("Omar")
    assert contact_names([jane, omar, 999]) == {jane: "Jane Doe", omar: "Omar"}
    assert contact_names([]) == {}
