"""Tags typed on one line: commas separate them, quotes keep a tag with a comma whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from journal.core.tag_text import tags_as_text, tags_from_text


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
