"""The duplicate rules: UID, e-mail, phone, link, close name at the same organisation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.core import matching
from journal.core.contacts import ChannelDraft
from journal.core.matching import (
    Keys,
    MatchIndex,
    NameKeys,
    index_journal,
    link_key,
    name_keys,
    organisation_key,
    person_keys,
    phone_key,
    phones_agree,
)
from journal.core.names import sort_key


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("+1 555 010 0123", "(555) 010-0123", True),  # country code on one side only
        ("+44 20 7946 0958", "020 7946 0958", True),  # the national trunk 0
        ("0044 20 7946 0958", "+44 (0)20 7946 0958"[:4] + "20 7946 0958", True),  # 00 is +
        ("+45 12 34 56 78", "12345678", True),  # an 8-digit national number
        ("+1 202 555 0143", "+44 202 555 0143", False),  # two countries, same digits
        ("+1 555 010 0123 ext. 12", "+1 555 010 0123", True),  # extensions left out
        ("555 0123", "555 0124", False),
        ("+1 555 010 0123", "+1 555 010 0199", False),
    ],
)
def test_phone_numbers(a: str, b: str, same: bool) -> None:
    key_a, key_b = phone_key(a), phone_key(b)
    assert key_a is not None and key_b is not None
    assert phones_agree(key_a, key_b) is same


def test_too_short_a_number_matches_nothing() -> None:
    assert phone_key("112") is None
    assert phone_key("ext 5") is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.linkedin.com/in/janedoe", "linkedin.com/in/janedoe/"),
        ("HTTP://Acme.example/Jane", "https://acme.example/jane"),
    ],
)
def test_links_compare_without_scheme_www_case_or_final_slash(a: str, b: str) -> None:
    assert link_key(a) == link_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Acme Studio Ltd.", "acme studio"), ("Société Générale S.A.", "Societe Generale SA")],
)
def test_organisations_compare_without_case_accents_or_legal_suffix(a: str, b: str) -> None:
    assert organisation_key(a) == organisation_key(b)


def _name(given: str, family: str, org: str = "") -> NameKeys:
    shown = f"{given} {family}" if given and family else given or family
    return name_keys(given, family, shown, org)


@pytest.mark.parametrize(
    ("first", "second", "close"),
    [
        (("Jane", "Doe", "Acme"), ("Jane", "Doe", "ACME Inc"), True),
        (("Jane", "Doe", "Acme"), ("J.", "Doe", "Acme"), True),  # an initial and family name
        (("J", "Doe", "Acme"), ("J.", "Doe", "Acme"), True),
        (("Jane", "Doe", ""), ("John", "Doe", ""), False),  # two given names must agree
        (("Jane", "Doe", "Acme"), ("Doe", "Jane", "Acme"), True),  # words in any order
        (("Émile", "Zola", ""), ("Emile", "ZOLA", ""), True),  # neither at an organisation
        (("Jane", "Doe", "Acme"), ("Jane", "Doe", "Kite"), False),  # another organisation
        (("Jane", "Doe", "Acme"), ("John", "Smith", "Acme"), False),
        (("Jane", "Doe", ""), ("Jane", "Doe", "Acme"), False),
    ],
)
def test_close_names(
    first: tuple[str, str, str], second: tuple[str, str, str], close: bool
) -> None:
    a, b = _name(*first), _name(*second)
    assert bool(set(a.filed) & set(b.sought)) is close
    assert bool(set(b.filed) & set(a.sought)) is close  # whichever comes first


_NAME_PART = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).map(
    str.strip
)


@settings(max_examples=300)
@given(given_name=_NAME_PART, family=_NAME_PART, org=st.sampled_from(["", "Acme"]))
def test_the_shortcut_for_given_then_family_words_changes_no_key(
    given_name: str, family: str, org: str
) -> None:
    """Splitting "given family" once gives the keys that splitting each part gives."""
    shown = f"{given_name} {family}" if given_name and family else given_name or family
    fast = name_keys(given_name, family, shown, org, sort_key(shown))
    with pytest.MonkeyPatch.context() as patch:
        # A given name whose words never start the shown name's: the long way, every time.
        patch.setattr(matching, "_given_words", lambda _given: ["\x00"])
        slow = name_keys(given_name, family, shown, org)
    assert fast == slow


def _keys(uid: str, channels: list[tuple[str, str]], given: str = "", family: str = "") -> Keys:
    shown = f"{given} {family}" if given and family else given or family
    return person_keys(uid, channels, given, family, shown, "")


def test_the_first_rule_that_holds_wins() -> None:
    index = MatchIndex()
    index.add(1, _keys("uid-1", [("email", "a@x.example")], "Ann", "Lee"))
    index.add(2, _keys("", [("phone", "+1 555 010 0123")], "Bob", "Ray"))
    match = index.find(_keys("uid-1", [("phone", "555 010 0123")]))
    assert match is not None and (match.target, match.rule) == (1, "uid")
    match = index.find(_keys("", [("phone", "555 010 0123"), ("email", "A@X.example")]))
    assert match is not None
    assert (match.target, match.rule, match.detail) == (1, "email", "A@X.example")
    match = index.find(_keys("", [("phone", "(555) 010-0123")], "Ann", "Lee"))
    assert match is not None and (match.target, match.rule) == (2, "phone")
    match = index.find(_keys("", [], "Bob", "Ray"))
    assert match is not None and (match.target, match.rule) == (2, "name")
    assert index.find(_keys("uid-2", [("email", "c@x.example")], "Cy", "Twombly")) is None


def test_index_of_the_journal_includes_archived_people(
    add_contact: Callable[..., int],
) -> None:
    from journal.core.contacts import set_archived

    jane = add_contact(
        "Jane", "Doe", organisation="Acme", channels=[ChannelDraft("email", "jane@acme.example")]
    )
    set_archived(jane, True)
    index, known = index_journal()
    match = index.find(_keys("", [("email", "JANE@acme.example")]))
    assert match is not None and match.target == jane
    assert known[jane].name == "Jane Doe"


def test_cards_of_one_file_with_different_uids_are_different_people() -> None:
    index = MatchIndex()
    index.add(-1, _keys("uid-a", [("email", "family@x.example")], "Ann", "Lee"))
    assert index.find(_keys("uid-b", [("email", "family@x.example")], "Ann", "Lee")) is None
    same = index.find(_keys("", [("email", "family@x.example")]))
    assert same is not None and same.target == -1  # without a UID, it may be the same
    index.add(7, _keys("uid-c", [("email", "shared@x.example")]))
    stored = index.find(_keys("uid-d", [("email", "shared@x.example")]))
    assert stored is not None and stored.target == 7  # a stored contact: another source


@settings(max_examples=300)
@given(
    st.one_of(
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
        st.text(st.sampled_from("ab1_ \t²é王-"), max_size=12),
    )
)
def test_name_words_split_on_spaces_exactly_as_the_word_pattern_finds_them(text: str) -> None:
    assert matching._name_words(text) == matching._WORD.findall(text)
