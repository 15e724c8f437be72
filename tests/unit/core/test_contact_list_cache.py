"""The contact list's cache: always the list contact_ids() gives, asking SQLite only once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

import journal.core.contact_list_cache as module
from journal.core.contact_list_cache import ContactListCache
from journal.core.contact_queries import ContactFilter, ContactSort, contact_ids, search_hits
from journal.core.contacts import ContactDraft, set_archived, update_contact
from journal.store.models import Contact

AddContact = Callable[..., int]

TYPED = ["", " ", "j", "ja", "jan", "jane", "jane ", "jane d", "o", "om", "!!", "acme", "a", "zz"]


@pytest.fixture
def people(add_contact: AddContact) -> list[int]:
    ids = [
        add_contact("Jane", "Doe", organisation="Acme", stage="client"),
        add_contact("Jane", "Baker", organisation="Bakery", tags=["friend"]),
        add_contact("Omar", "Haddad", organisation="Acme"),
        add_contact("Anna", "Olsen", notes="jazz and ", stage="client"),
        add_contact("Zoë", "Adams", tags=["friend"]),
    ]
    set_archived(ids[4], True)
    return ids


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often the cache asks SQLite for an order and for a search."""
    asked = {"order": 0, "search": 0}

    def order(*args: object) -> list[int]:
        asked["order"] += 1
        return contact_ids(*args)  # type: ignore[arg-type]

    def hits(typed: str) -> set[int] | None:
        asked["search"] += 1
        return search_hits(typed)

    monkeypatch.setattr(module, "contact_ids", order)
    monkeypatch.setattr(module, "search_hits", hits)
    return asked


@pytest.mark.parametrize("sort", list(ContactSort))
@pytest.mark.parametrize("descending", [False, True])
def test_the_same_list_as_contact_ids(
    people: list[int], sort: ContactSort, descending: bool
) -> None:
    cache = ContactListCache()
    for base in (
        ContactFilter(),
        ContactFilter(include_archived=True),
        ContactFilter(tag="friend", include_archived=True),
        ContactFilter(stage="client"),
    ):
        for typed in TYPED:
            flt = replace(base, search=typed)
            assert cache.ids(flt, sort, descending) == contact_ids(flt, sort, descending), flt


def test_every_share_of_hits_keeps_the_order(add_contact: AddContact) -> None:
    for n in range(30):
        add_contact(f"Person{29 - n:02}", "Smith" if n % 3 else "Jones")
    cache = ContactListCache()
    # Everyone, two thirds, a third, one, nobody.
    for typed in ("person", "smith", "jones", "person07", "nobody"):
        flt = ContactFilter(search=typed)
        assert cache.ids(flt) == contact_ids(flt), typed
    assert len(cache.ids(ContactFilter(search="person"))) == 30


def test_each_search_and_order_is_asked_once(people: list[int], counted: dict[str, int]) -> None:
    cache = ContactListCache()
    for typed in ("j", "ja", "jan", "jane", "jane ", "jan", "ja", "j", ""):
        cache.ids(ContactFilter(search=typed))
    # One order; four searches ("jane " is "jane"; Backspace and "" ask nothing).
    assert counted == {"order": 1, "search": 4}
    cache.ids(ContactFilter(search="ja"), ContactSort.ORGANISATION)
    assert counted == {"order": 2, "search": 5}


def test_clear_forgets_everything(people: list[int], counted: dict[str, int]) -> None:
    cache = ContactListCache()
    jane = ContactFilter(search="jane")
    before = cache.ids(jane)
    update_contact(people[0], ContactDraft(given_name="Janet", family_name="Doe"))
    assert cache.ids(jane) == before  # cached: the owner must say when the journal changed
    cache.clear()
    assert cache.ids(jane) == contact_ids(jane) == [people[1], people[0]]
    assert Contact.get_by_id(people[0]).display_name == "Janet Doe"
    assert counted == {"order": 2, "search": 2}


def test_what_it_keeps_is_bounded(
    people: list[int], counted: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(module, "IDS_KEPT", 3)
    cache = ContactListCache()
    for sort in ContactSort:
        cache.ids(ContactFilter(), sort)
    assert len(cache._orders) == module.ORDERS_KEPT
    for typed in ("j", "a", "o", "j"):
        cache.ids(ContactFilter(search=typed))
    assert sum(len(found) for found in cache._lists.values()) <= 3
    assert counted["search"] == 4  # "j" was pushed out by the others, so asked again


def test_search_hits_include_archived_and_nothing_for_punctuation(people: list[int]) -> None:
    assert search_hits("") is None
    assert search_hits("  ") is None
    assert search_hits("!!") == set()
    assert search_hits("zoe") == {people[4]}  # archived: the filter decides, not the search
    assert search_hits("acme") == {people[0], people[2]}
