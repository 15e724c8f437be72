"""Folding many texts at once gives what folding each gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.store.folding import with_plain_copies, with_plain_copy

# Texts of plain letters, accented ones and those plain_letters() spells otherwise (ł, ß...).
_FOLDING_TEXT = st.text(st.sampled_from("aZ é\nłŁøßẞÆœıþĦ王öأإىةیک\u064eا"), max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(_FOLDING_TEXT, max_size=6))
def test_plain_copies_of_many_texts_are_each_texts_plain_copy(texts: list[str]) -> None:
    assert with_plain_copies(texts) == [with_plain_copy(text) for text in texts]
