"""Quick add against a real journal: reading a line, and storing exactly what it previewed."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.core import quick_add as qa
from journal.core import settings
from journal.core.changes import Area
from journal.core.clock import FixedClock
from journal.core.contacts import delete_contact, set_archived
from journal.core.errors import ValidationError
from journal.core.quick_add import BAD_DEFAULT_CURRENCY, QuickContext, apply, parse, quick_add
from journal.store.models import Contact, FollowUp, Interaction, database_proxy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quick_add_helpers import previewed, stored_entry, tags_before, tags_of

AddContact = Callable[..., int]
AddGroup = Callable[..., int]
Log = Callable[..., int]
UTC = dt.timezone.utc
NOW = dt.datetime(2026, 11, 24, 10, 30, tzinfo=UTC)  # the `clock` fixture: a Tuesday


@pytest.fixture
def context(journal: object, clock: FixedClock) -> QuickContext:
    """Read lines at FIXED_NOW, in UTC, with US dollars as the default currency."""
    return QuickContext(clock, zone=UTC, default_currency="USD")


@pytest.fixture
def jane(add_contact: AddContact) -> int:
    return add_contact("Jane", "Doe")


@pytest.fixture
def omar(add_contact: AddContact) -> int:
    return add_contact("Omar", "Haddad")


@pytest.fixture
def bni(add_group: AddGroup) -> int:
    return add_group("BNI Downtown")


@pytest.fixture
def chamber(add_group: AddGroup) -> int:
    return add_group("Chamber of Commerce")


def problems(entry: qa.QuickEntry) -> list[str]:
    return [str(p) for p in entry.problems]


def warnings(entry: qa.QuickEntry) -> list[str]:
    return [str(w) for w in entry.warnings]


def round_trip(entry: qa.QuickEntry, clock: FixedClock) -> qa.QuickOutcome:
    """Apply the entry and check the journal holds exactly what the preview showed."""
    before = tags_before(entry)
    outcome = apply(entry, clock).value
    assert stored_entry(outcome) == previewed(entry, before)
    return outcome


# --- the examples ---------------------------------------------------------------------


def test_coffee_with_a_person_a_group_a_tag_and_a_follow_up(
    context: QuickContext, clock: FixedClock, jane: int, bni: int
) -> None:
    entry = parse('coffee @"Jane Doe" ~BNI needs a bookkeeper #accounting >2w', context)

    assert entry.ok, problems(entry)
    assert entry.kind == "coffee"
    assert [(p.name, p.contact_id) for p in entry.people] == [("Jane Doe", jane)]
    assert entry.group == qa.GroupRef(bni, "BNI Downtown")
    assert entry.tags == ("accounting",)
    assert entry.summary == "needs a bookkeeper"
    assert entry.follow_up_on == dt.date(2026, 12, 8)
    assert entry.occurred_at == NOW
    outcome = round_trip(entry, clock)
    assert tags_of(jane) == {"accounting"}
    follow = FollowUp.get_by_id(outcome.follow_up_id)
    assert (follow.contact_id, follow.interaction_id) == (jane, outcome.interaction_id)


def test_intro_between_two_people(
    context: QuickContext, clock: FixedClock, jane: int, omar: int
) -> None:
    entry = parse("intro @Jane @Omar", context)

    assert entry.ok and entry.kind == "introduction"
    assert [p.contact_id for p in entry.people] == [jane, omar]
    assert entry.summary == ""
    round_trip(entry, clock)


def test_referral_with_a_value_and_a_group(
    context: QuickContext, clock: FixedClock, omar: int, chamber: int
) -> None:
    entry = parse("referral @Omar $1,200 ~Chamber", context)

    assert entry.ok, problems(entry)
    assert (entry.kind, entry.direction) == ("referral_given", "gave")
    assert (entry.amount, entry.currency) == (Decimal("1200"), "USD")
    assert entry.group is not None and entry.group.id == chamber
    outcome = round_trip(entry, clock)
    assert Interaction.get_by_id(outcome.interaction_id).direction == "gave"


# --- people --------------------------------------------------------------------------------------


def test_an_unknown_name_becomes_a_new_contact(context: QuickContext, clock: FixedClock) -> None:
    entry = parse('met @"Zoë  van Dijk" at the fair #design', context)

    (person,) = entry.people
    assert person.is_new and person.name == "Zoë van Dijk"
    assert entry.new_people == (person,)
    outcome = round_trip(entry, clock)
    (new_id,) = outcome.new_contact_ids
    made = Contact.get_by_id(new_id)
    assert (made.given_name, made.family_name) == ("Zoë", "van Dijk")
    assert tags_of(new_id) == {"design"}


def test_a_new_cjk_name_typed_family_name_first_is_stored_that_way(
    context: QuickContext, clock: FixedClock
) -> None:
    outcome = round_trip(parse('met @"王 小明" and @"Ana Lima"', context), clock)
    wang, ana = (Contact.get_by_id(cid) for cid in outcome.new_contact_ids)
    assert (wang.given_name, wang.family_name, wang.display_name) == ("小明", "王", "王小明")
    assert (ana.given_name, ana.family_name) == ("Ana", "Lima")  # other scripts as before


def test_a_cjk_name_stored_as_one_word_is_found_by_its_family_name(
    context: QuickContext, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    # "王小明" typed as one word (the usual way to write it) is stored as a given name.
    wang = add_contact("王小明")
    for typed in ("@王", "@王小明", '@"王 小明"'):
        entry = parse(f"coffee {typed}", context)
        (person,) = entry.people
        assert (person.contact_id, person.is_new) == (wang, False), typed
    assert round_trip(parse("coffee @王", context), clock).new_contact_ids == ()
    # Not someone else's: 李 is no start of 王小明; nor a name in words (Wang Wei).
    add_contact("Wang Wei")
    assert parse("coffee @李", context).people[0].is_new


def test_a_known_cjk_name_typed_in_words_or_by_family_name_is_that_person(
    context: QuickContext, clock: FixedClock, add_contact: Callable[..., int]
) -> None:
    wang = add_contact("小明", "王")
    for typed in ('@"王 小明"', "@王小明", "@王"):
        entry = parse(f"lunch {typed}", context)
        (person,) = entry.people
        assert (person.contact_id, person.name, entry.problems) == (wang, "王小明", ()), typed
    outcome = round_trip(parse('lunch @"王 小明"', context), clock)
    assert outcome.new_contact_ids == ()
    assert Contact.select().count() == 1, "no second 王小明"
    # Stored with its space (as an imported card's FN may be): found as typed, too.
    yamada = add_contact("山田 太郎")
    (person,) = parse('call @"山田 太郎"', context).people
    assert (person.contact_id, person.name) == (yamada, "山田 太郎")


@pytest.mark.parametrize(
    ("line", "summary"),
    [
        ("coffee with @Jane about the deck", "about the deck"),
        ("met @Jane and @Omar at the fair", "at the fair"),
        ("call w/ @Jane", ""),
        ("lunch with the team, then @Jane", "with the team, then"),  # "with" not before a name
        ("note with @#99999 about it", "with about it"),  # no such contact: the text stays
    ],
)
def test_a_word_joining_a_name_goes_with_the_name(
    context: QuickContext, line: str, summary: str
) -> None:
    assert parse(line, context).summary == summary


def test_a_name_typed_twice_is_one_person(context: QuickContext, clock: FixedClock) -> None:
    entry = parse("call @Zed @zed @ZED", context)
    assert len(entry.people) == 1
    outcome = round_trip(entry, clock)
    assert len(outcome.new_contact_ids) == 1


def test_first_names_match_and_exact_names_win(
    context: QuickContext, add_contact: AddContact
) -> None:
    ann_lee = add_contact("Ann", "Lee")
    ann = add_contact("Ann")
    assert [p.contact_id for p in parse("@Ann", context).people] == [ann]
    assert [p.contact_id for p in parse("@ann lee", context).people] == [ann]  # "lee" is text
    assert [p.contact_id for p in parse('@"ann lee"', context).people] == [ann_lee]
    assert not parse("@Ann", context).warnings


def test_matching_ignores_accents_and_case(context: QuickContext, add_contact: AddContact) -> None:
    emile = add_contact("Émile", "Zola")
    assert [p.contact_id for p in parse("@emile", context).people] == [emile]
    assert [p.contact_id for p in parse('@"EMILE ZOLA"', context).people] == [emile]


def test_a_partial_word_is_a_new_person(context: QuickContext, jane: int) -> None:
    (person,) = parse("@Jan", context).people
    assert person.is_new


def test_an_ambiguous_name_picks_the_latest_contact_and_says_so(
    context: QuickContext, add_contact: AddContact, log: Log
) -> None:
    doe = add_contact("Jane", "Doe")
    roe = add_contact("Jane", "Roe")
    log("call", NOW - dt.timedelta(days=30), [doe])
    log("call", NOW - dt.timedelta(days=2), [roe])

    entry = parse("call @Jane", context)

    assert [p.contact_id for p in entry.people] == [roe]
    (warning,) = warnings(entry)
    assert "could be 2 people" in warning and "Jane Roe" in warning and "Jane Doe" in warning
    assert entry.ok
    # Two people of the same name are told apart by their ids.
    other_roe = add_contact("Jane", "Roe")
    (warning,) = warnings(parse('call @"Jane Roe"', context))
    assert (
        f"chose Jane Roe (#{roe}), the one you were in touch with last, over "
        f"Jane Roe (#{other_roe})." in warning
    )


def test_people_by_id(context: QuickContext, jane: int) -> None:
    assert [p.contact_id for p in parse(f"call @#{jane}", context).people] == [jane]
    assert problems(parse("call @#999", context)) == ["@#999: there is no contact with id 999"]
    assert not parse("call @#" + "9" * 40, context).ok


def test_an_archived_match_is_said(context: QuickContext, clock: FixedClock, jane: int) -> None:
    set_archived(jane, True, clock)
    entry = parse("@Jane", context)
    assert [p.contact_id for p in entry.people] == [jane]
    assert warnings(entry) == ["@Jane: Jane Doe is archived"]


def test_an_empty_quoted_name_is_text(context: QuickContext) -> None:
    entry = parse('note @"" here', context)
    assert entry.people == ()
    assert entry.summary == '@"" here'


def test_an_unterminated_quote_is_a_warning(context: QuickContext) -> None:
    entry = parse('met @"Jane Doe', context)
    assert [p.name for p in entry.people] == ["Jane Doe"]
    assert "no closing quote" in warnings(entry)[0]


def test_a_name_too_long_is_a_problem(context: QuickContext) -> None:
    assert "at most 300" in problems(parse("@" + "x" * 301, context))[0]


# --- groups -----------------------------------------------------------------------------------


def test_groups_by_name_start_or_word(context: QuickContext, bni: int, chamber: int) -> None:
    for typed in ("~bni", "~BNI", "~Downtown", '~"bni downtown"', "~b"):
        entry = parse(f"meeting {typed}", context)
        assert entry.group is not None and entry.group.id == bni, typed


def test_an_unknown_or_ambiguous_group_is_a_problem(
    context: QuickContext, add_group: AddGroup
) -> None:
    add_group("Chamber of Commerce")
    add_group("Chamber Music Club")
    assert problems(parse("~Rotary hello", context)) == ["~Rotary: there is no group 'Rotary'"]
    (problem,) = problems(parse("~Chamber hello", context))
    assert "could be 2 groups" in problem


def test_a_group_left_counts_only_when_no_current_one_matches(
    context: QuickContext, add_group: AddGroup
) -> None:
    old = add_group("Rotary North", status="left")
    new = add_group("Rotary South")
    assert parse("~Rotary x", context).group == qa.GroupRef(new, "Rotary South")
    assert parse("~Rotary-N x", context).group is None
    assert parse('~"Rotary North" x', context).group == qa.GroupRef(old, "Rotary North")


def test_one_group_per_entry(context: QuickContext, bni: int, chamber: int) -> None:
    assert "one group" in problems(parse("~BNI ~Chamber x", context))[0]
    assert parse("~BNI ~bni x", context).ok


# --- tags -------------------------------------------------------------------------------------


def test_tags_go_on_every_person_and_keep_their_tags(
    context: QuickContext, clock: FixedClock, add_contact: AddContact
) -> None:
    jane = add_contact("Jane", tags=["Design"])
    entry = parse("lunch @Jane @Omar #design #bookkeeping", context)
    assert entry.tags == ("Design", "bookkeeping")  # the journal's spelling of an old tag
    round_trip(entry, clock)
    assert tags_of(jane) == {"design", "bookkeeping"}


def test_tags_without_people_stay_in_the_summary(context: QuickContext) -> None:
    entry = parse("read a book #learning about sales", context)
    assert entry.tags == ()
    assert entry.summary == "read a book #learning about sales"
    assert "stay in the summary" in warnings(entry)[0]


def test_numbers_after_a_hash_are_text(context: QuickContext, jane: int) -> None:
    entry = parse("@Jane is #1", context)
    assert entry.tags == ()
    assert entry.summary == "is #1"


# --- amounts -----------------------------------------------------------------------------------


def test_an_amount_uses_the_default_currency_unless_given(context: QuickContext) -> None:
    assert parse("won $5k", context).currency == "USD"
    entry = parse("won $4,500EUR", context)
    assert (entry.amount, entry.currency) == (Decimal("4500"), "EUR")


def test_without_a_default_currency_an_amount_needs_one(journal: object, clock: FixedClock) -> None:
    context = QuickContext(clock, zone=UTC)
    (problem,) = problems(parse("won $1,200 the website", context))
    assert problem.startswith("$1,200: which currency?")
    settings.set_default_currency("chf")
    assert parse("won $1,200 the website", context).currency == "CHF"


def test_a_currency_that_is_no_code_is_a_problem_before_saving(
    context: QuickContext, clock: FixedClock
) -> None:
    assert problems(parse("won $40UDS the website", context)) == [
        "$40UDS: 'UDS' is not a currency code (did you mean USD?)"
    ]
    # A default saved before codes were checked: the problem says where the code came from.
    slipped = QuickContext(clock, zone=UTC, default_currency="UDS")
    (notice,) = parse("won $40 the website", slipped).problems
    assert (notice.code, notice.detail) == (
        BAD_DEFAULT_CURRENCY,
        "'UDS' is not a currency code (did you mean USD?)",
    )
    assert str(notice) == (
        "$40: the default currency 'UDS' is not a currency code (did you mean USD?): write "
        "the currency after the amount ($1,200EUR), or choose another default (Preferences, "
        "or `journal settings set default-currency EUR`)"
    )
    assert parse("won $40chf the website", slipped).problems == ()  # typed: no default needed


def test_one_amount_per_entry(context: QuickContext) -> None:
    assert problems(parse("won $1 $2", context)) == ["$2: give an amount only once"]


def test_an_implausible_amount_is_a_problem(context: QuickContext) -> None:
    assert not parse("won $" + "9" * 16, context).ok


# --- dates ------------------------------------------------------------------------------------


def test_when_it_happened(context: QuickContext) -> None:
    assert parse("call x <yesterday", context).occurred_at == dt.datetime(
        2026, 11, 23, 12, tzinfo=UTC
    )
    assert parse("call x <9:15", context).occurred_at == dt.datetime(
        2026, 11, 24, 9, 15, tzinfo=UTC
    )
    assert parse("call x <today", context).occurred_at == NOW
    assert parse("call x", context).occurred_at == NOW


def test_the_future_has_not_happened(context: QuickContext) -> None:
    assert problems(parse("call x <2026-12-01", context)) == ["<2026-12-01: has not happened yet"]
    assert problems(parse("call x <23:00", context)) == ["<23:00: has not happened yet"]
    # "tomorrow" is a date, one to come: not words to keep in the summary.
    tomorrow = parse("call x <tomorrow", context)
    assert problems(tomorrow) == ["<tomorrow: has not happened yet"]
    assert "tomorrow" not in tomorrow.summary
    assert "before 1900" in problems(parse("call x <1850-01-01", context))[0]


def test_days_are_local_days(journal: object) -> None:
    # 23:30 in Auckland on 25 November is 10:30 UTC on the 25th; "yesterday" is the 24th there.
    auckland = ZoneInfo("Pacific/Auckland")
    clock = FixedClock(dt.datetime(2026, 11, 25, 10, 30, tzinfo=UTC))
    context = QuickContext(clock, zone=auckland, default_currency="USD")
    entry = parse("call x <yesterday >1d", context)
    assert entry.occurred_at == dt.datetime(2026, 11, 24, 12, tzinfo=auckland).astimezone(UTC)
    assert entry.follow_up_on == dt.date(2026, 11, 26)


def test_days_across_a_daylight_saving_change(journal: object) -> None:
    berlin = ZoneInfo("Europe/Berlin")  # clocks went forward at 02:00 on 29 March 2026
    clock = FixedClock(dt.datetime(2026, 3, 30, 8, 0, tzinfo=UTC))
    context = QuickContext(clock, zone=berlin)
    entry = parse("call x <yesterday >1w", context)
    assert entry.occurred_at == dt.datetime(2026, 3, 29, 10, 0, tzinfo=UTC)  # noon CEST
    assert entry.follow_up_on == dt.date(2026, 4, 6)
    # A time that never was there: refused, as `journal log --when` refuses it. It was
    # moved by the change without a word (to 01:30).
    skipped = parse("call x <2026-03-29T02:30", context)
    assert problems(skipped) == [
        "<2026-03-29T02:30: does not exist here: the clocks went forward that night; give a "
        "time an hour later or earlier"
    ]
    assert parse("call x <2026-03-29T03:30", context).ok


def test_follow_ups(context: QuickContext, clock: FixedClock, jane: int, omar: int) -> None:
    entry = parse("intro @Omar @Jane >friday", context)
    assert entry.follow_up_on == dt.date(2026, 11, 27)
    assert entry.follow_up_text == "Introduction"
    assert entry.follow_up_person is not None and entry.follow_up_person.contact_id == omar
    round_trip(entry, clock)


def test_a_follow_up_without_people_is_about_the_entry(
    context: QuickContext, clock: FixedClock
) -> None:
    outcome = round_trip(parse("send the proposal >3d", context), clock)
    follow = FollowUp.get_by_id(outcome.follow_up_id)
    assert follow.contact_id is None and follow.text == "send the proposal"


def test_a_past_follow_up_is_a_warning_and_far_ones_a_problem(context: QuickContext) -> None:
    entry = parse("call x >2026-11-01", context)
    assert entry.ok and "already past" in warnings(entry)[0]
    assert "ten years" in problems(parse("call x >20y", context))[0]
    assert problems(parse("call x >1w >2w", context)) == [">2w: give a follow-up date only once"]


def test_words_that_are_not_dates_stay_in_the_summary(context: QuickContext) -> None:
    entry = parse("great talk <3 >soon", context)
    assert entry.summary == "great talk <3 >soon"
    assert entry.ok and len(entry.warnings) == 2


def test_impossible_dates_are_problems(context: QuickContext) -> None:
    assert "not a real date" in problems(parse("x >2026-02-30", context))[0]
    assert "too far away" in problems(parse("x >99999999d", context))[0]


# --- kinds and summary --------------------------------------------------------------------------


def test_the_kind_is_only_the_first_word(context: QuickContext) -> None:
    assert parse("Talked about coffee", context).kind == "note"
    assert parse("Talked about coffee", context).summary == "Talked about coffee"
    assert parse("Coffee with friends", context).kind == "coffee"
    assert parse("helped @Jane move", context).kind == "help_given"
    assert parse("Lunch: tacos", context).summary == "tacos"


def test_leftover_punctuation_is_tidied(context: QuickContext, jane: int, omar: int) -> None:
    assert parse("met @Jane, @Omar, and talked.", context).summary == "and talked."


def test_an_empty_line_is_a_problem(context: QuickContext) -> None:
    for text in ("", "   ", "coffee", "~"):
        entry = parse(text, context)
        if text == "~":
            assert entry.ok  # a lone sigil is just a word
        else:
            assert problems(entry) == ["say what happened, or who it was with (@Name)"], text


def test_a_summary_too_long_is_a_problem(context: QuickContext) -> None:
    assert "too long" in problems(parse("x" * 1001, context))[0]


def test_non_latin_and_right_to_left_text(context: QuickContext, clock: FixedClock) -> None:
    entry = parse('met @"王小明" @مريم ناقشنا المشروع 🎉 #设计', context)
    assert [p.name for p in entry.people] == ["王小明", "مريم"]
    assert entry.summary == "ناقشنا المشروع 🎉"
    assert entry.tags == ("设计",)
    round_trip(entry, clock)


# --- storing -----------------------------------------------------------------------------------


def test_an_entry_with_problems_is_refused_and_nothing_is_written(
    context: QuickContext, clock: FixedClock, count_rows: Callable[[str], int]
) -> None:
    entry = parse("call @Newbie ~Nowhere", context)
    with pytest.raises(ValidationError, match="no group"):
        apply(entry, clock)
    assert count_rows("contact") == count_rows("interaction") == 0


def test_apply_is_one_transaction(
    context: QuickContext,
    clock: FixedClock,
    count_rows: Callable[[str], int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*args: object) -> None:
        raise ValidationError("follow-up", "refused for the test")

    monkeypatch.setattr(qa, "add_followup", fail)
    with pytest.raises(ValidationError, match="refused for the test"):
        apply(parse("met @Newbie #x >2w", context), clock)
    assert count_rows("contact") == count_rows("interaction") == count_rows("tag") == 0


def test_a_stale_preview_is_refused_whole(
    context: QuickContext, clock: FixedClock, jane: int, count_rows: Callable[[str], int]
) -> None:
    entry = parse("call @Jane @Newbie", context)
    delete_contact(jane)
    with pytest.raises(ValidationError, match=f"no contact with id {jane} named Jane Doe"):
        apply(entry, clock)
    assert count_rows("contact") == count_rows("interaction") == 0


def test_a_renamed_group_is_refused(
    context: QuickContext, clock: FixedClock, bni: int, count_rows: Callable[[str], int]
) -> None:
    entry = parse("meeting ~BNI weekly", context)
    database_proxy.execute_sql("UPDATE membership_group SET name = 'BNI Uptown'")
    with pytest.raises(ValidationError, match="no longer"):
        apply(entry, clock)
    assert count_rows("interaction") == 0


def test_what_changed(context: QuickContext, clock: FixedClock, jane: int, bni: int) -> None:
    result = apply(parse("coffee @Jane @Newbie ~BNI #x >1w", context), clock)
    changes = result.changes
    assert changes.touches(Area.INTERACTIONS, Area.CONTACTS, Area.GROUPS, Area.FOLLOWUPS, Area.TAGS)
    assert set(changes.contact_ids) == set(result.value.contact_ids)
    assert changes.interaction_ids == {result.value.interaction_id}
    assert changes.group_ids == {bni}


def test_quick_add_parses_and_stores(context: QuickContext, jane: int) -> None:
    outcome = quick_add("call @Jane about the website", context).value
    assert Interaction.get_by_id(outcome.interaction_id).summary == "about the website"
    with pytest.raises(ValidationError):
        quick_add("", context)


def test_a_notice_names_its_people_so_a_screen_can_set_them_apart(
    context: QuickContext, add_contact: AddContact, add_group: AddGroup
) -> None:
    doe = add_contact("Jane", "Doe")
    odd = add_contact("Jane", "{} Roe")  # a brace in a name stays a brace
    (warning,) = parse("call @Jane", context).warnings
    assert set(warning.names) == {"Jane Doe", "Jane {} Roe"}
    marked = warning.shown(str.upper, lambda name: f"[{name}]")
    # The words are the message's, each name marked once, next to its own id.
    assert "JANE" not in marked  # the names went through `name` only, never `text`
    assert f"[Jane {{}} Roe] (#{odd})" in marked and f"[Jane Doe] (#{doe})" in marked
    assert marked.startswith("COULD BE 2 PEOPLE")
    # Without marks, it is the plain message the command line prints.
    assert warning.shown(str, str) == warning.message
    add_group("Chamber of Commerce")
    add_group("Chamber Music Club")
    (problem,) = parse("~Chamber hello", context).problems
    assert problem.shown(str, lambda n: f"<{n}>").endswith(
        "<Chamber Music Club>, <Chamber of Commerce>"
    ) or problem.shown(str, lambda n: f"<{n}>").endswith(
        "<Chamber of Commerce>, <Chamber Music Club>"
    )
