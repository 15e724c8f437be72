"""Completion for the quick-add line: people, groups and tags by what is being typed."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.core.quick_lookup import (
    Suggestion,
    matching_contacts,
    name_token,
    suggest_groups,
    suggest_people,
    suggest_tags,
)


def test_name_tokens_quote_when_needed() -> None:
    assert name_token("@", "Jane") == "@Jane"
    assert name_token("@", "Jane Doe") == '@"Jane Doe"'
    assert name_token("~", "BNI") == "~BNI"
    assert name_token("@", "Jane,") == '@"Jane,"'
    assert name_token("@", "王小明") == "@王小明"


def test_people_by_name_start_then_by_word(add_contact: Callable[..., int]) -> None:
    add_contact("Jane", "Doe", organisation="Acme")
    add_contact("Mary", "Jameson")
    labels = [s.label for s in suggest_people("ja")]
    assert labels == ["Jane Doe — Acme", "Mary Jameson"]
    assert suggest_people("ja")[0].token == '@"Jane Doe"'
    assert suggest_people("") == []


def test_namesakes_are_told_apart_by_id(add_contact: Callable[..., int]) -> None:
    first = add_contact("Ann")
    second = add_contact("Ann")
    assert suggest_people("ann") == [
        Suggestion(f"Ann (#{first})", f"@#{first}"),
        Suggestion(f"Ann (#{second})", f"@#{second}"),
    ]


def test_matching_prefers_exact_names(add_contact: Callable[..., int]) -> None:
    lee = add_contact("Ann", "Lee")
    ann = add_contact("Ann")
    assert [cid for cid, _ in matching_contacts("ann")] == [ann, lee]
    assert matching_contacts("  ") == []


def test_cjk_names_match_typed_in_words_or_by_the_family_name(
    add_contact: Callable[..., int],
) -> None:
    wang = add_contact("小明", "王")
    wang_wu = add_contact("五", "王")
    sato = add_contact("健", "佐藤")
    xiao = add_contact("Xiao", "王")  # not shown family name first: its own words
    assert [cid for cid, _ in matching_contacts("王 小明")] == [wang]
    assert {cid for cid, _ in matching_contacts("王")} == {wang, wang_wu}
    assert [cid for cid, _ in matching_contacts("佐藤")] == [sato]
    # A family name is a whole word: part of one, or part of a given name, is not a match.
    assert matching_contacts("佐") == []
    assert matching_contacts("王小") == []
    assert xiao not in {cid for cid, _ in matching_contacts("王")}


def test_groups_by_start_or_word(add_group: Callable[..., int]) -> None:
    add_group("BNI Downtown")
    add_group("Chamber of Commerce")
    add_group("Old Club", status="left")
    assert [s.token for s in suggest_groups("down")] == ['~"BNI Downtown"']
    assert [s.label for s in suggest_groups("")] == [
        "BNI Downtown",
        "Chamber of Commerce",
        "Old Club",  # groups you left come last
    ]


def test_tags_by_start(add_contact: Callable[..., int]) -> None:
    add_contact("Jane", tags=["Design", "dev", "accounting"])
    assert [s.token for s in suggest_tags("de")] == ["#Design", "#dev"]
    assert [s.token for s in suggest_tags("")] == ["#accounting", "#Design", "#dev"]


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=150
)
@given(typed=st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_suggestions_never_fail(add_contact: Callable[..., int], typed: str) -> None:
    for found in (suggest_people(typed), suggest_groups(typed), suggest_tags(typed)):
        assert all(s.token[:1] in "@~#" for s in found)
    assert isinstance(matching_contacts(typed), list)


def test_a_cjk_name_stored_with_its_space_is_found_as_typed(
    add_contact: Callable[..., int],
) -> None:
    # An imported card's FN, or a Korean organisation: the space is part of the name.
    yamada = add_contact("山田 太郎")
    seoul = add_contact(organisation="서울 대학교")
    assert [cid for cid, _ in matching_contacts("山田 太郎")] == [yamada]
    assert [cid for cid, _ in matching_contacts("서울 대학교")] == [seoul]
    assert [cid for cid, _ in matching_contacts("山田")] == [yamada]  # its first word
