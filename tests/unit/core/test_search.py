"""Turning typed text into a safe FTS5 query, checked against a real journal."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from journal.core.contact_queries import ContactFilter, contact_ids, search_hits
from journal.core.search import fts_query
from journal.core.timeline import TimelineFilter, timeline_count, timeline_page
from journal.store import Journal
from journal.store.models import database_proxy

# Any text a user could paste, NUL and control characters included (not lone surrogates,
# which cannot reach SQLite as UTF-8 in the first place).
typed_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
fixture_ok = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=300
)


@pytest.fixture
def populated(journal: Journal, add_contact: Callable[..., int], log: Callable[..., int]) -> int:
    jane = add_contact("Jane", "Doe", organisation="Northwind", notes="AND OR NEAR")
    add_contact("小明", "王")
    add_contact("Émile", "Zola", tags=["design"])
    log("coffee", dt.datetime(2026, 11, 1, 9, tzinfo=dt.timezone.utc), [jane], notes="near park")
    return jane


# -- shape of the query -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("jane", '"jane"*'),
        ("jan do", '"jan"* "do"*'),
        ("  jane   doe  ", '"jane"* "doe"*'),
        ("AND", '"AND"*'),
        ("jane OR doe", '"jane"* "OR"* "doe"*'),
        ('"jane"', '"jane"*'),
        ("ja*", '"ja"*'),
        ("o'brien", '"o\'brien"*'),
        ("jean-luc", '"jean luc"*'),
        ("name:jane", '"name jane"*'),
        ("jd@example.com", '"jd@example.com"*'),
        ("小明", '"小明"*'),
        ("a\x00b", '"a b"*'),
        # A phone number is looked for by its digits too (schema step 11).
        ("5554923566", '"5554923566"*'),
        ("555 492", '("555"* "492"*) OR "555492"*'),
        ("(555) 492-35", '("555"* "492 35"*) OR "55549235"*'),
        ("05554923566", '("05554923566"*) OR "5554923566"*'),
        ("+44 7700 900123", '("44"* "7700"* "900123"*) OR "447700900123"* OR "7700900123"*'),
        ("15554923566", '("15554923566"*) OR "5554923566"*'),  # a whole number, no "+"
        ("12 3", '"12"* "3"*'),  # too few digits to be a number begun
        ("555 492 ext", '"555"* "492"* "ext"*'),
    ],
)
def test_fts_query(typed: str, query: str) -> None:
    assert fts_query(typed) == query


@pytest.mark.parametrize("typed", ["", "   ", "!!!", "-", "*", '"', "( )", "+ - ^", "\x00", "…"])
def test_nothing_searchable_gives_none(typed: str) -> None:
    assert fts_query(typed) is None


_TERM = r'"[^"\x00]+"\*'
_EITHER = rf"\({_TERM} OR {_TERM}\)"
_WORDS = rf"(?:{_TERM}|{_EITHER})(?:(?: | AND )(?:{_TERM}|{_EITHER}))*"
# What looks like a phone number is also looked for by its digits.
_QUERY = re.compile(rf'{_WORDS}|\({_WORDS}\)(?: OR "[0-9]+"\*)+')


@given(typed_text)
def test_every_term_is_one_quoted_prefix(typed: str) -> None:
    # A quoted prefix per word; a word with ł, ø, ß… is either of its two spellings; a
    # number's digits are another way to match.
    query = fts_query(typed)
    if query is None:
        return
    assert _QUERY.fullmatch(query), query


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("łukasz", '("łukasz"* OR "lukasz"*)'),
        ("Søren Berg", '("Søren"* OR "Soren"*) AND "Berg"*'),
        ("straße", '("straße"* OR "strasse"*)'),
        ("Émile", '"Émile"*'),  # an accent FTS5 removes itself
    ],
)
def test_a_letter_of_its_own_is_searched_in_both_spellings(typed: str, query: str) -> None:
    assert fts_query(typed) == query


# -- against a real journal: nothing a user types makes SQLite raise ---------------------------


@fixture_ok
@given(typed=typed_text)
@example(typed="jane\x00")
@example(typed='NEAR("jane" doe, 2)')
@example(typed="{name organisation}: jane")
@example(typed="^jane AND - doe*")
def test_fts_query_never_makes_sqlite_raise(populated: int, typed: str) -> None:
    query = fts_query(typed)
    if query is None:
        return
    database_proxy.execute_sql(
        "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?", (query,)
    ).fetchall()
    database_proxy.execute_sql(
        "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?", (f"name : ({query})",)
    ).fetchall()
    database_proxy.execute_sql(
        "SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH ?", (query,)
    ).fetchall()


@fixture_ok
@given(typed=typed_text)
@example(typed="jane\x00doe")
def test_contact_and_timeline_search_never_raise(populated: int, typed: str) -> None:
    ids = contact_ids(ContactFilter(search=typed, include_archived=True))
    assert len(ids) == len(set(ids))
    hits = search_hits(typed)  # the contact list's way: the same people, unordered
    assert set(ids) == (
        set(contact_ids(ContactFilter(include_archived=True))) if hits is None else hits
    )
    rows, _cursor = timeline_page(TimelineFilter(search=typed))
    assert timeline_count(TimelineFilter(search=typed)) == len(rows)


latin_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèüößçñ", min_size=1, max_size=12)


@fixture_ok
@given(word=latin_words, cut=st.integers(min_value=1, max_value=12))
def test_a_prefix_of_a_name_finds_it(
    journal: Journal, add_contact: Callable[..., int], word: str, cut: int
) -> None:
    cid = add_contact(word, "Testperson")
    prefix = word[:cut]
    # Upper case where it maps letter for letter ("ß".upper() is "SS", another word).
    shouted = "".join(ch.upper() if len(ch.upper()) == 1 else ch for ch in prefix)
    try:
        assert cid in contact_ids(ContactFilter(search=prefix))
        assert cid in contact_ids(ContactFilter(search=shouted + " testp"))
    finally:
        database_proxy.execute_sql("DELETE FROM contact WHERE id = ?", (cid,))
