"""Tags typed on one line: commas separate them, quotes keep a tag with a comma whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from journal.core.tag_text import (
    other_tags,
    tag_being_typed,
    tags_as_text,
    tags_from_text,
    with_tag_completed,
)


def test_plain_tags_are_comma_separated() -> None:
    assert tags_as_text(["accounting", "friend"]) == "accounting, friend"
    assert tags_from_text("accounting, friend") == ["accounting", "friend"]


def test_a_tag_with_a_comma_is_quoted_and_read_back_whole() -> None:
    assert tags_as_text(["a,b", "c"]) == '"a,b", c'
    assert tags_from_text('"a,b", c') == ["a,b", "c"]
    assert tags_from_text('c,"Smith, Jones"') == ["c", "Smith, Jones"]


def test_quotes_inside_a_quoted_tag_are_doubled() -> None:
    assert tags_as_text(['"x", y']) == '"""x"", y"'
    assert tags_from_text('"""x"", y"') == ['"x", y']


def test_a_quote_inside_a_word_is_only_a_character() -> None:
    assert tags_as_text(['5" screens']) == '5" screens'
    assert tags_from_text('5" screens, b') == ['5" screens', "b"]


def test_stray_commas_are_not_tags_but_a_quoted_empty_one_is_kept_for_the_core() -> None:
    assert tags_from_text(" , a,, b , ") == ["a", "b"]
    assert tags_from_text("") == []
    assert tags_from_text('a, ""') == ["a", ""]


def test_an_unclosed_quote_runs_to_the_end() -> None:
    assert tags_from_text('a, "b, c') == ["a", "b, c"]


@given(st.lists(st.text(min_size=1)))
def test_what_is_written_reads_back_the_same(tags: list[str]) -> None:
    assert tags_from_text(tags_as_text(tags)) == tags


def test_the_tag_being_typed_is_the_one_after_the_last_comma() -> None:
    assert tag_being_typed("") == (0, "")
    assert tag_being_typed("frie") == (0, "frie")
    assert tag_being_typed("friend, cl") == (7, "cl")
    assert tag_being_typed("friend,") == (7, "")
    assert tag_being_typed('"Smith, Jo') == (0, "Smith, Jo")  # inside quotes: no comma
    assert tag_being_typed('"a, b", "say ""hi') == (7, 'say "hi')
    assert tag_being_typed("friend, #cl") == (7, "cl")


def test_completing_keeps_the_tags_before_and_quotes_what_needs_it() -> None:
    assert with_tag_completed("cl", "client") == "client"
    assert with_tag_completed("friend, cl", "client") == "friend, client"
    assert with_tag_completed("friend,cl", "client") == "friend, client"
    assert with_tag_completed("friend, Sm", "Smith, Jones") == 'friend, "Smith, Jones"'


def test_the_tag_at_the_cursor_is_completed_and_the_others_kept() -> None:
    text = "friend, cl, vip"
    assert tag_being_typed(text, len("friend, cl")) == (7, "cl")
    assert tag_being_typed(text, len("friend, c")) == (7, "c")
    assert with_tag_completed(text, "client", len("friend, cl")) == "friend, client, vip"
    assert with_tag_completed("cl, vip", "Smith, Jones", 2) == '"Smith, Jones", vip'
    assert with_tag_completed('"a, b", x', "y", 1) == "y, x"  # the comma inside quotes
    assert with_tag_completed(text, "client", 999) == "friend, cl, client"  # past the end


def test_the_tags_held_besides_the_one_at_the_cursor() -> None:
    assert other_tags("friend, cl, #vip", len("friend, c")) == ["friend", "vip"]
    assert other_tags("friend, cl") == ["friend"]
    assert other_tags('"Smith, Jones", cl') == ["Smith, Jones"]
    assert other_tags("") == []


@given(
    st.lists(st.text(min_size=1).filter(str.strip), max_size=4),
    st.text(min_size=1).filter(str.strip),
    st.text(),
)
def test_a_completed_line_reads_back_as_the_tags_before_and_the_one_chosen(
    before: list[str], chosen: str, typed: str
) -> None:
    head = tags_as_text(before)
    text = f"{head}, {typed}" if head else typed
    completed = with_tag_completed(text, chosen)
    start, _typed = tag_being_typed(text)
    assert tags_from_text(completed)[-1] == chosen
    assert tags_from_text(completed[:start]) == tags_from_text(text[:start])
