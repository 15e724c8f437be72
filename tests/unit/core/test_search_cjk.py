"""A word in Chinese, Japanese or Korean script is found inside a name or organisation too:
FTS5 keeps a run of such characters as one token, so a prefix search alone misses 小明 in
王小明 typed whole."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from journal.core.contact_list_cache import ContactListCache
from journal.core.contact_queries import ContactFilter, contact_ids, search_hits
from journal.store import Journal


@pytest.fixture
def people(journal: Journal, add_contact: Callable[..., int]) -> dict[str, int]:
    return {
        "whole": add_contact("王小明"),  # typed whole into one field
        "split": add_contact("小明", "李"),  # 李小明, given and family
        "firm": add_contact("Mei", organisation="阿里巴巴集团"),
        "jane": add_contact("Jane", "Doe", organisation="Acme"),
        "acme": add_contact("陈静", organisation="Acme"),
    }


@pytest.mark.parametrize(
    ("typed", "who"),
    [
        ("小明", ["split", "whole"]),  # a given name inside a whole name, and a token
        ("王小明", ["whole"]),
        ("明", ["split", "whole"]),
        ("集团", ["firm"]),
        ("阿里", ["firm"]),
        ("静 acme", ["acme"]),  # each word must match, the CJK one inside, acme as a prefix
        ("小明 acme", []),
        ("jane", ["jane"]),  # other scripts search exactly as before
        ("ac", ["acme", "jane"]),
    ],
)
def test_cjk_words_match_inside_names_and_organisations(
    people: dict[str, int], typed: str, who: list[str]
) -> None:
    expected = sorted(people[name] for name in who)
    assert sorted(contact_ids(ContactFilter(search=typed))) == expected
    assert sorted(search_hits(typed) or set()) == expected  # what the list's cache asks
    cached = ContactListCache().ids(ContactFilter(search=typed))
    assert sorted(cached) == expected
