"""The quick-add line's syntax on its own: tokens, kind words, dates and amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.core import quick_syntax as syntax
from journal.core.quick_syntax import Amount, QuickSyntaxError, Token, Typing, When, typing_at

TUESDAY = dt.date(2026, 11, 24)


def test_tokens_split_sigils_from_words() -> None:
    found = syntax.tokens('coffee @"Jane Doe" ~BNI needs #accounting $1,200 >2w <yesterday')
    assert [(t.sigil, t.value) for t in found] == [
        ("", "coffee"),
        ("@", "Jane Doe"),
        ("~", "BNI"),
        ("", "needs"),
        ("#", "accounting"),
        ("$", "1,200"),
        (">", "2w"),
        ("<", "yesterday"),
    ]
    assert found[1] == Token("@", "Jane Doe", '@"Jane Doe"', quoted=True)


def test_trailing_punctuation_is_not_part_of_a_name() -> None:
    found = syntax.tokens("met @Jane, @Omar. and ~BNI!")
    assert [t.value for t in found if t.sigil] == ["Jane", "Omar", "BNI"]


def test_an_unterminated_quote_runs_to_the_end() -> None:
    (token,) = syntax.tokens('@"Jane Doe at the')
    assert token.value == "Jane Doe at the"
    assert token.quoted and not token.closed


def test_sigils_inside_words_are_text() -> None:
    found = syntax.tokens("mail jane@example.org about 5>3 and a#b")
    assert all(t.sigil == "" for t in found)


def test_a_lone_sigil_is_a_word() -> None:
    assert [(t.sigil, t.value) for t in syntax.tokens("@ ~ # $ > <")] == [("", s) for s in "@~#$><"]


@given(st.text())
def test_tokens_never_fail_and_lose_nothing_but_space(text: str) -> None:
    found = syntax.tokens(text)
    position = 0
    for token in found:  # each token is the text itself, in order, from where the last ended
        start = text.index(token.raw, position)
        assert text[position:start].isspace() or position == start
        position = start + len(token.raw)
    assert text[position:].strip() == ""


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("met", "met"),
        ("Coffee", "coffee"),
        ("CALL", "call"),
        ("intro", "introduction"),
        ("referral", "referral_given"),
        ("referral-received", "referral_received"),
        ("referral_received", "referral_received"),
        ("gave", "help_given"),
        ("helped", "help_given"),
        ("help-received", "help_received"),
        ("won", "business_won"),
        ("note", "note"),
        ("lunch", "lunch"),
        ("meeting", "meeting"),
        ("message", "message"),
        ("email", "email"),
    ],
)
def test_kind_words(word: str, kind: str) -> None:
    assert syntax.kind_for(word) == kind


@pytest.mark.parametrize("word", ["Jane", "with", "coffees", "", "referral-"])
def test_other_words_are_no_kind(word: str) -> None:
    assert syntax.kind_for(word) is None


@pytest.mark.parametrize(
    ("todo", "kind"),
    [
        ("Send the deck", "email"),
        ("Call Omar back", "call"),
        ("call: about the lease", "call"),
        ("Coffee in March", "coffee"),
        ("Introduce her to Priya", "introduction"),
        ("Text Mei the address", "message"),
        ("Email the proposal", "email"),
        ("Ask about the board seat", "note"),
        ("Sendai trip photos", "note"),
        ("", "note"),
        ("   ", "note"),
    ],
)
def test_the_kind_a_todo_is_logged_as(todo: str, kind: str) -> None:
    assert syntax.kind_of_todo(todo) == kind


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2w", dt.date(2026, 12, 8)),
        ("3d", dt.date(2026, 11, 27)),
        ("1m", dt.date(2026, 12, 24)),
        ("1y", dt.date(2027, 11, 24)),
        ("10days", dt.date(2026, 12, 4)),
        ("2weeks", dt.date(2026, 12, 8)),
        ("today", TUESDAY),
        ("tomorrow", dt.date(2026, 11, 25)),
        ("friday", dt.date(2026, 11, 27)),
        ("Fri", dt.date(2026, 11, 27)),
        ("tuesday", dt.date(2026, 12, 1)),  # today is Tuesday: the next one
        ("monday", dt.date(2026, 11, 30)),
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("2026-12-1", dt.date(2026, 12, 1)),
    ],
)
def test_due_days(text: str, due: dt.date) -> None:
    assert syntax.due_day(text, TUESDAY) == due


def test_months_clamp_to_the_end_of_the_month() -> None:
    assert syntax.due_day("1m", dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)
    assert syntax.due_day("1m", dt.date(2028, 1, 31)) == dt.date(2028, 2, 29)


@pytest.mark.parametrize("text", ["soon", "2", "w", "2x", "next", "3 d"])
def test_words_that_are_no_dates(text: str) -> None:
    assert syntax.due_day(text, TUESDAY) is None
    assert syntax.when(text, TUESDAY) is None


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "9999999d", "99999y", "999999w"])
def test_dates_that_cannot_be(text: str) -> None:
    with pytest.raises(QuickSyntaxError):
        syntax.due_day(text, TUESDAY)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("yesterday", When(dt.date(2026, 11, 23))),
        ("today", When(TUESDAY)),
        ("3d", When(dt.date(2026, 11, 21))),
        ("2w", When(dt.date(2026, 11, 10))),
        ("monday", When(dt.date(2026, 11, 23))),
        ("tuesday", When(dt.date(2026, 11, 17))),  # the last one, not today
        ("2026-11-20", When(dt.date(2026, 11, 20))),
        ("2026-11-20T14:30", When(dt.date(2026, 11, 20), dt.time(14, 30))),
        ("9:05", When(TUESDAY, dt.time(9, 5))),
    ],
)
def test_when(text: str, moment: When) -> None:
    assert syntax.when(text, TUESDAY) == moment


@pytest.mark.parametrize("text", ["25:00", "2026-11-20T9:75", "2026-11-20Tnoon"])
def test_times_that_cannot_be(text: str) -> None:
    with pytest.raises(QuickSyntaxError):
        syntax.when(text, TUESDAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,200", Amount(Decimal("1200"), "")),
        ("1200.50", Amount(Decimal("1200.50"), "")),
        ("1.200,50", Amount(Decimal("1200.50"), "")),
        ("5k", Amount(Decimal("5000"), "")),
        ("1.5k", Amount(Decimal("1500"), "")),
        ("1,200EUR", Amount(Decimal("1200"), "EUR")),
        ("5kusd", Amount(Decimal("5000"), "USD")),
        ("300kes", Amount(Decimal("300"), "KES")),
    ],
)
def test_amounts(text: str, expected: Amount) -> None:
    assert syntax.amount(text) == expected


@pytest.mark.parametrize("text", ["abc", "EUR", "1,200 EUR", "12eu", "-5"])
def test_not_amounts(text: str) -> None:
    assert syntax.amount(text) is None


@pytest.mark.parametrize("text", ["1" * 30, "999999999999999999", "1..2"])
def test_amounts_that_cannot_be(text: str) -> None:
    with pytest.raises(QuickSyntaxError):
        syntax.amount(text)


@pytest.mark.parametrize(
    ("text", "cursor", "expected"),
    [
        ("call @Ja", 8, Typing("@", "Ja", 5, 8)),
        ("call @Ja", 6, Typing("@", "", 5, 8)),
        ("call @Ja", 5, None),  # before the sigil
        ("call @Jane today", 7, Typing("@", "J", 5, 10)),
        ('call @"Jane D', 13, Typing("@", "Jane D", 5, 13)),
        ('call @"Jane Doe" x', 16, Typing("@", "Jane Doe", 5, 16)),
        ("x ~bn", 5, Typing("~", "bn", 2, 5)),
        ("x #acc", 6, Typing("#", "acc", 2, 6)),
        ("x #", 3, Typing("#", "", 2, 3)),
        ("x $12", 5, None),
        ("coffee", 3, None),
        ("", 0, None),
    ],
)
def test_what_is_being_typed(text: str, cursor: int, expected: Typing | None) -> None:
    assert typing_at(text, cursor) == expected


@given(st.text(), st.integers(min_value=0, max_value=300))
def test_typing_at_never_fails(text: str, cursor: int) -> None:
    found = typing_at(text, min(cursor, len(text)))
    assert found is None or text[found.start] == found.sigil
