"""Quick add never fails on any text, and what it previews is exactly what it stores."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from journal.core.clock import FixedClock
from journal.core.errors import ValidationError
from journal.core.quick_add import QuickContext, QuickEntry, apply, parse
from journal.store import Journal
from journal.store.models import database_proxy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quick_add_helpers import previewed, stored_entry, tags_before

fixture_ok = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
    max_examples=200,
)
# Any text a user could type or paste, NUL and control characters included (not lone
# surrogates, which cannot reach SQLite as UTF-8 in the first place).
any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=200)
names = st.sampled_from(
    ["Jane", "jane doe", "Jane Doe", "Omar", "Zoë", "王小明", "مريم", "Ann", "Ann Lee", "🙂"]
)
words = st.sampled_from(
    ["coffee", "met", "intro", "referral", "gave", "note", "lunch", "about", "the", "a,", "-",
     "bookkeeper", "ناقشنا", "项目", "🎉", "x"]
)  # fmt: skip
pieces = st.one_of(
    words,
    names.map(lambda n: f'@"{n}"'),
    names.filter(lambda n: " " not in n).map(lambda n: "@" + n),
    st.sampled_from(["~BNI", "~Chamber", '~"Chamber of Commerce"', "~Nowhere"]),
    st.sampled_from(["#design", "#Design", "#设计", "#1", "#x" * 40]),
    st.sampled_from(["$1,200", "$5k", "$3EUR", "$1.200,50", "$" + "9" * 18, "$abc"]),
    st.sampled_from([">2w", ">3d", ">friday", ">2026-12-01", ">tomorrow", ">2026-02-30", ">x"]),
    st.sampled_from(["<yesterday", "<3d", "<2026-11-20", "<9:00", "<2027-01-01", "<monday"]),
    st.sampled_from(['@"unterminated', '~"open', "@#1", "@#99", "@", "<3", "$", "@,"]),
    any_text.filter(lambda t: not t.isspace()).map(lambda t: t[:12]),
)
lines = st.lists(pieces, max_size=9).map(" ".join)


@pytest.fixture
def world(
    journal: Journal,
    add_contact: Callable[..., int],
    add_group: Callable[..., int],
    log: Callable[..., int],
) -> Iterator[None]:
    """A few people (two Janes, an Ann and an Ann Lee) and two groups."""
    doe = add_contact("Jane", "Doe", tags=["design"])
    add_contact("Jane", "Roe")
    add_contact("Ann")
    add_contact("Ann", "Lee")
    add_contact("Omar", "Haddad")
    add_group("BNI Downtown")
    add_group("Chamber of Commerce")
    log("call", dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc), [doe])
    yield


@pytest.fixture
def context(world: None, clock: FixedClock) -> QuickContext:
    return QuickContext(clock, zone=dt.timezone.utc, default_currency="USD")


def _apply_and_roll_back(entry: QuickEntry, clock: FixedClock) -> None:
    """Apply, compare with the preview, and undo, so each example starts from the same journal."""
    with database_proxy.atomic() as transaction:
        before = tags_before(entry)
        outcome = apply(entry, clock).value
        assert stored_entry(outcome) == previewed(entry, before)
        transaction.rollback()


@fixture_ok
@given(text=any_text)
@example(text='@"')
@example(text='~"')
@example(text="$" + "9" * 5000)
@example(text=">" + "9" * 5000 + "d")
@example(text="<" + "9" * 5000 + "y")
@example(text="@#" + "9" * 5000)
@example(text="@#² @#٣ #² >²d")
@example(text="\u202eمرحبا @\u202e #\u200f")
@example(text="\x00@\x00 #\x00 ~\x00")
def test_any_text_reads_without_failing(
    context: QuickContext, clock: FixedClock, text: str
) -> None:
    entry = parse(text, context)
    assert entry.text == text
    if entry.ok:
        _apply_and_roll_back(entry, clock)


@fixture_ok
@given(text=lines)
@example(text='coffee @"Jane Doe" ~BNI needs a bookkeeper #accounting >2w')
@example(text="intro @Jane @Omar")
@example(text="referral @Omar $1,200 ~Chamber")
def test_what_it_previews_is_what_it_stores(
    context: QuickContext, clock: FixedClock, text: str
) -> None:
    entry = parse(text, context)
    event("stored" if entry.ok else "refused")
    if entry.ok:
        _apply_and_roll_back(entry, clock)
    else:
        with pytest.raises(ValidationError):
            apply(entry, clock)


@fixture_ok
@given(text=lines)
def test_reading_a_line_twice_gives_the_same_preview(context: QuickContext, text: str) -> None:
    assert parse(text, context) == parse(text, context)
