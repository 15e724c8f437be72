"""The balance as pure arithmetic over facts: hours, dues, returns, attendance, the trend."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.core.balance import (
    WINDOW_MEETINGS,
    Demands,
    DemandSpan,
    EntryFact,
    GroupFacts,
    MeetingFact,
    attendance_window,
    compute_balance,
    trend,
)
from journal.core.keepers import people_to_keep
from journal.core.periods import Period
from journal.core.recommend import RECOMMENDATIONS, recommend
from journal.core.settings import HourValue, ReviewSettings

YEAR = Period(dt.date(2025, 11, 25), dt.date(2026, 11, 24))
EUR80 = ReviewSettings(hour_value=HourValue(Decimal(80), "EUR"))


def _facts(**kw: object) -> GroupFacts:
    kw.setdefault("group_id", 1)
    kw.setdefault("name", "Club")
    return GroupFacts(**kw)  # type: ignore[arg-type]


def _weekly(first: dt.date, count: int, attendance: str = "attended") -> tuple[MeetingFact, ...]:
    return tuple(MeetingFact(first + dt.timedelta(weeks=k), attendance) for k in range(count))


# -- hours and money ------------------------------------------------------------------------


def test_hours_count_attended_meetings_travel_and_role() -> None:
    demands = Demands(meeting_minutes=90, travel_minutes=30, role_hours_per_month=6)
    facts = _facts(
        joined_on=dt.date(2020, 1, 1),
        demands=(DemandSpan(None, demands),),
        meetings=(
            MeetingFact(dt.date(2026, 1, 6), "attended"),
            MeetingFact(dt.date(2026, 1, 13), "attended", minutes=120),  # a long one
            MeetingFact(dt.date(2026, 1, 20), "substitute"),  # someone else's time
            MeetingFact(dt.date(2026, 1, 27), "missed"),
            MeetingFact(dt.date(2024, 1, 27), "attended"),  # before the period
        ),
    )
    b = compute_balance(facts, YEAR, ReviewSettings())
    assert b.hours.meetings == Decimal("3.5")
    assert b.hours.travel == Decimal("1.0")
    assert b.hours.role == Decimal("72.0")  # 6 h a month over a full year
    assert b.hours.total == Decimal("76.5")
    assert b.time_cost is None  # no value of an hour set: time is not priced


def test_time_is_priced_in_the_hour_currency_only_and_dues_keep_theirs() -> None:
    demands = Demands(
        meeting_minutes=60, dues_amount=Decimal(620), dues_currency="USD", dues_period="year"
    )
    facts = _facts(
        joined_on=dt.date(2020, 1, 1),
        demands=(DemandSpan(None, demands),),
        meetings=_weekly(dt.date(2026, 1, 5), 10),
    )
    b = compute_balance(facts, YEAR, EUR80)
    assert b.time_cost == Decimal("800.00")
    assert b.dues == {"USD": Decimal("620.00")}
    # Never one total: each currency on its own.
    assert b.costs == {"EUR": Decimal("800.00"), "USD": Decimal("620.00")}


def test_dues_are_spread_over_the_days_of_membership_in_the_period() -> None:
    demands = Demands(dues_amount=Decimal(30), dues_currency="EUR", dues_period="month")
    joined = dt.date(2026, 5, 28)  # 181 days before the period ends
    facts = _facts(joined_on=joined, demands=(DemandSpan(None, demands),))
    b = compute_balance(facts, YEAR, ReviewSettings())
    assert b.membership_days == 181
    assert b.dues == {"EUR": (Decimal(360) * 181 / 365).quantize(Decimal("0.01"))}


def test_an_undated_membership_pays_dues_from_the_first_day_the_journal_knows_of_it() -> None:
    demands = Demands(dues_amount=Decimal(40), dues_currency="USD", dues_period="month")
    spans = (DemandSpan(None, demands),)
    # Added on the period's last day, no day joined, no meeting: one day, not a whole year.
    added_today = _facts(added_on=YEAR.end, demands=spans)
    b = compute_balance(added_today, YEAR, ReviewSettings())
    assert b.membership_days == 1
    assert b.dues == {"USD": (Decimal(480) / 365).quantize(Decimal("0.01"))}
    # A meeting or an entry linked to the group before the day added moves the start back.
    met = _facts(added_on=YEAR.end, demands=spans, meetings=_weekly(dt.date(2026, 5, 28), 1))
    assert compute_balance(met, YEAR, ReviewSettings()).membership_days == 181
    referral = EntryFact("referral_received", dt.date(2026, 5, 28), linked=True)
    told = _facts(added_on=YEAR.end, demands=spans, entries=(referral,))
    assert compute_balance(told, YEAR, ReviewSettings()).membership_days == 181
    # A day joined is the start, whatever else is known.
    joined = _facts(joined_on=dt.date(2026, 11, 20), added_on=dt.date(2026, 1, 1), demands=spans)
    assert compute_balance(joined, YEAR, ReviewSettings()).membership_days == 5


def test_a_one_off_fee_counts_in_the_period_of_joining_only() -> None:
    demands = Demands(dues_amount=Decimal(250), dues_currency="GBP", dues_period="once")
    joined = dt.date(2026, 3, 1)
    facts = _facts(joined_on=joined, demands=(DemandSpan(None, demands),))
    assert compute_balance(facts, YEAR, ReviewSettings()).dues == {"GBP": Decimal("250.00")}
    later = Period(dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    assert compute_balance(facts, later, ReviewSettings()).dues == {}


def test_nothing_is_spent_after_leaving() -> None:
    demands = Demands(
        role_hours_per_month=10, dues_amount=Decimal(100), dues_currency="EUR", dues_period="month"
    )
    facts = _facts(
        joined_on=dt.date(2020, 1, 1),
        left_on=dt.date(2025, 6, 30),
        demands=(DemandSpan(None, demands),),
    )
    b = compute_balance(facts, YEAR, EUR80)
    assert b.membership_days == 0
    assert (b.hours.total, b.dues, b.costs) == (Decimal(0), {}, {})


def test_demands_follow_their_history() -> None:
    before = Demands(role_hours_per_month=10, meeting_minutes=60)
    after = Demands(role_hours_per_month=0, meeting_minutes=120)
    change = dt.date(2026, 5, 25)
    facts = _facts(
        joined_on=dt.date(2020, 1, 1),
        demands=(DemandSpan(None, before), DemandSpan(change, after)),
        meetings=(
            MeetingFact(dt.date(2026, 1, 5), "attended"),  # 60 minutes then
            MeetingFact(dt.date(2026, 6, 1), "attended"),  # 120 minutes now
        ),
    )
    b = compute_balance(facts, YEAR, ReviewSettings())
    assert b.hours.meetings == Decimal("3.0")
    days_with_role = (change - YEAR.start).days
    assert b.hours.role == (Decimal(10 * 12 * days_with_role) / 365).quantize(Decimal("0.1"))
    assert facts.demands_on(dt.date(2026, 5, 24)) == before
    assert facts.demands_on(change) == after


# -- returns --------------------------------------------------------------------------------


def test_business_is_actual_amounts_per_currency_and_estimates_stay_apart() -> None:
    day = dt.date(2026, 6, 1)
    facts = _facts(
        joined_on=dt.date(2020, 1, 1),
        entries=(
            EntryFact("business_won", day, True, amount=Decimal(4500), currency="EUR"),
            EntryFact("referral_received", day, True, amount=Decimal(1200), currency="USD"),
            EntryFact("referral_received", day, True, estimated=Decimal(900), currency="USD"),
            EntryFact("referral_given", day, True, amount=Decimal(300), currency="USD"),
            EntryFact("business_won", day, False, amount=Decimal(99), currency="EUR"),  # not ours
            EntryFact("introduction", day, True),
            EntryFact("learning", day, True),
        ),
    )
    b = compute_balance(facts, YEAR, ReviewSettings())
    assert b.business == {"EUR": Decimal("4500.00"), "USD": Decimal("1200.00")}
    assert b.estimated == {"USD": Decimal("900.00")}
    assert (b.referrals_received, b.referrals_given) == (2, 1)
    assert (b.introductions, b.learning, b.linked_entries) == (1, 1, 6)


def test_support_counts_entries_from_members_or_through_the_group() -> None:
    day = dt.date(2026, 6, 1)
    facts = _facts(
        joined_on=dt.date(2020, 1, 1),
        names={7: "Jane"},
        entries=(
            EntryFact("support", day, False, members=(7,)),
            EntryFact("help_received", day, True),
            EntryFact("help_received", day, False),  # from someone outside the group
            EntryFact("help_given", day, False, members=(7,)),  # given, not received
        ),
    )
    assert compute_balance(facts, YEAR, ReviewSettings()).support_received == 2


def test_real_relationships_are_members_in_touch_outside_meetings_within_the_window() -> None:
    recent, old = dt.date(2026, 10, 1), dt.date(2026, 1, 1)
    facts = _facts(
        joined_on=dt.date(2020, 1, 1),
        names={1: "Jane", 2: "Omar", 3: "Priya", 4: "Lucas"},
        entries=(
            EntryFact("coffee", recent, False, members=(1,)),
            EntryFact("call", recent - dt.timedelta(days=3), False, members=(1, 2)),
            EntryFact("met", recent, True, at_meeting=True, members=(3,)),  # at a meeting
            EntryFact("note", recent, False, members=(4,)),  # a note is not being in touch
            EntryFact("coffee", old, False, members=(4,)),  # before the 6-month window
        ),
    )
    b = compute_balance(facts, YEAR, ReviewSettings(relationship_months=6))
    assert [(r.name, r.touches, r.last_on) for r in b.relationships] == [
        ("Jane", 2, recent),
        ("Omar", 1, recent - dt.timedelta(days=3)),
    ]
    wider = compute_balance(facts, YEAR, ReviewSettings(relationship_months=12))
    assert {r.name for r in wider.relationships} == {"Jane", "Omar", "Lucas"}


def test_new_contacts_are_those_first_met_in_the_period() -> None:
    facts = _facts(
        joined_on=dt.date(2020, 1, 1),
        names={1: "Jane", 2: "Omar"},
        first_met={1: dt.date(2026, 2, 3), 2: dt.date(2024, 2, 3)},
    )
    b = compute_balance(facts, YEAR, ReviewSettings())
    assert [(n.contact_id, n.name) for n in b.new_contacts] == [(1, "Jane")]


def test_ratings_and_counts_by_attendance() -> None:
    facts = _facts(
        joined_on=dt.date(2020, 1, 1),
        meetings=(
            MeetingFact(dt.date(2026, 1, 5), "attended", "worth_it"),
            MeetingFact(dt.date(2026, 1, 12), "attended", "waste"),
            MeetingFact(dt.date(2026, 1, 19), "excused"),
            MeetingFact(dt.date(2026, 1, 26), "missed"),
            MeetingFact(dt.date(2026, 2, 2), "substitute", "so_so"),
        ),
    )
    b = compute_balance(facts, YEAR, ReviewSettings())
    assert (b.ratings.worth_it, b.ratings.so_so, b.ratings.waste) == (1, 1, 1)
    m = b.meetings
    assert (m.recorded, m.counted, m.attended, m.substitute, m.pct) == (5, 4, 2, 1, 75)


# -- attendance window ----------------------------------------------------------------------


def test_attendance_window_ok_at_risk_and_below() -> None:
    as_of = dt.date(2026, 11, 24)
    start = as_of - dt.timedelta(weeks=9)
    ten = _weekly(start, 10)  # ten attended meetings
    assert attendance_window(ten, 80, as_of).status == "ok"
    # 8 of 10 = 80 %: one more miss would make 8 of 11 (72.7 %), below 80 %.
    eight = (*_weekly(start, 8), *_weekly(start + dt.timedelta(weeks=8), 2, "missed"))
    window = attendance_window(eight, 80, as_of)
    assert (window.status, window.pct, window.misses_allowed) == ("at_risk", 80, 0)
    seven = (*_weekly(start, 7), *_weekly(start + dt.timedelta(weeks=7), 3, "missed"))
    assert attendance_window(seven, 80, as_of).status == "below"


def test_attendance_window_keeps_the_latest_meetings_of_the_last_year_only() -> None:
    as_of = dt.date(2026, 11, 24)
    old_misses = _weekly(dt.date(2025, 1, 6), 10, "missed")  # more than a year ago
    early_misses = _weekly(as_of - dt.timedelta(weeks=40), 5, "missed")  # pushed out by 12 newer
    recent = _weekly(as_of - dt.timedelta(weeks=11), WINDOW_MEETINGS)
    excused = (MeetingFact(as_of, "excused"),)
    window = attendance_window((*old_misses, *early_misses, *recent, *excused), 80, as_of)
    assert (window.counted, window.attended, window.status) == (12, 12, "ok")
    assert window.misses_allowed == 2  # 10 of 12 is 83 %, 9 of 12 is 75 %


def test_attendance_window_without_a_rule_or_meetings() -> None:
    as_of = dt.date(2026, 11, 24)
    assert attendance_window((), 80, as_of).status == "no_meetings"
    assert attendance_window((), 80, as_of).pct is None
    free = attendance_window(_weekly(dt.date(2026, 9, 1), 3, "missed"), None, as_of)
    assert (free.status, free.pct, free.misses_allowed) == ("no_requirement", 0, None)
    zero = attendance_window(_weekly(dt.date(2026, 9, 1), 3, "missed"), 0, as_of)
    assert (zero.status, zero.misses_allowed) == ("ok", None)


def test_full_attendance_required_leaves_no_miss() -> None:
    as_of = dt.date(2026, 11, 24)
    window = attendance_window(_weekly(dt.date(2026, 9, 1), 5), 100, as_of)
    assert (window.status, window.misses_allowed) == ("at_risk", 0)


# -- the trend ------------------------------------------------------------------------------


def test_without_a_day_joined_costs_run_from_the_first_meeting_in_table_and_trend() -> None:
    demands = Demands(
        role_hours_per_month=6, dues_amount=Decimal(20), dues_currency="GBP", dues_period="month"
    )
    first = dt.date(2026, 10, 8)  # 48 days to the end of the period, both counted
    facts = _facts(demands=(DemandSpan(None, demands),), meetings=_weekly(first, 7, "missed"))
    b = compute_balance(facts, YEAR, ReviewSettings())
    assert b.membership_days == 48
    assert b.hours.role == (Decimal(72) * 48 / 365).quantize(Decimal("0.1"))  # not 72 h
    assert b.dues == {"GBP": (Decimal(240) * 48 / 365).quantize(Decimal("0.01"))}
    # The quarters of the trend add up to the same: one start for both.
    points = trend(facts, ReviewSettings(), YEAR.end)
    assert sum(p.hours.role for p in points) == b.hours.role
    assert sum(p.dues["GBP"] for p in points) == b.dues["GBP"]
    # With no meeting either, nothing says when it began: the whole period, as before.
    alone = compute_balance(_facts(demands=(DemandSpan(None, demands),)), YEAR, ReviewSettings())
    assert alone.hours.role == Decimal("72.0")


def test_trend_runs_by_quarter_from_when_the_membership_began() -> None:
    facts = _facts(
        joined_on=dt.date(2026, 2, 10),
        demands=(DemandSpan(None, Demands(meeting_minutes=60)),),
        meetings=_weekly(dt.date(2026, 2, 16), 30),
    )
    points = trend(facts, ReviewSettings(), dt.date(2026, 11, 24))
    assert [p.period.start for p in points] == [
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 1),
        dt.date(2026, 7, 1),
        dt.date(2026, 10, 1),
    ]
    assert points[-1].period.end == dt.date(2026, 11, 24)
    assert sum(p.meetings.attended for p in points) == 30


def test_no_trend_before_anything_happened() -> None:
    assert trend(_facts(), ReviewSettings(), dt.date(2026, 11, 24)) == []
    future = _facts(joined_on=dt.date(2027, 1, 1))
    assert trend(future, ReviewSettings(), dt.date(2026, 11, 24)) == []


# -- nothing ever raises --------------------------------------------------------------------

_days = st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2027, 12, 31))
_money = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=2))
_small = st.one_of(st.none(), st.integers(min_value=0, max_value=1440))
_demands = st.builds(
    Demands,
    meeting_cadence=st.sampled_from(
        ["", "weekly", "fortnightly", "monthly", "quarterly", "yearly"]
    ),
    meeting_weekday=st.one_of(st.none(), st.integers(0, 6)),
    required_attendance_pct=st.one_of(st.none(), st.integers(0, 100)),
    meeting_minutes=_small,
    travel_minutes=_small,
    dues_amount=_money,
    dues_currency=st.sampled_from(["", "EUR", "USD"]),
    dues_period=st.sampled_from(["", "month", "quarter", "year", "once"]),
    role_hours_per_month=st.one_of(st.none(), st.integers(0, 744)),
    referral_quota_per_month=st.one_of(st.none(), st.integers(0, 1000)),
)
_meeting = st.builds(
    MeetingFact,
    held_on=_days,
    attendance=st.sampled_from(["attended", "missed", "excused", "substitute"]),
    rating=st.sampled_from(["", "worth_it", "so_so", "waste"]),
    minutes=_small,
)
_entry = st.builds(
    EntryFact,
    kind=st.sampled_from(
        [
            "referral_received",
            "referral_given",
            "business_won",
            "support",
            "help_received",
            "help_given",
            "introduction",
            "learning",
            "coffee",
            "note",
        ]
    ),
    day=_days,
    linked=st.booleans(),
    at_meeting=st.booleans(),
    members=st.lists(st.integers(1, 5), max_size=3).map(tuple),
    amount=_money,
    estimated=_money,
    currency=st.sampled_from(["", "EUR", "USD", "JPY"]),
)


@settings(max_examples=150, deadline=None)
@given(
    demands=st.lists(st.tuples(_days, _demands), min_size=1, max_size=3),
    meetings=st.lists(_meeting, max_size=30),
    entries=st.lists(_entry, max_size=30),
    joined=st.one_of(st.none(), _days),
    start=_days,
    length=st.integers(0, 800),
    hour=st.one_of(st.none(), st.decimals(min_value=0, max_value=1000, places=2)),
)
def test_figures_never_raise_on_any_mix(
    demands: list[tuple[dt.date, Demands]],
    meetings: list[MeetingFact],
    entries: list[EntryFact],
    joined: dt.date | None,
    start: dt.date,
    length: int,
    hour: Decimal | None,
) -> None:
    spans = sorted(demands, key=lambda pair: pair[0])
    facts = _facts(
        joined_on=joined,
        demands=tuple(DemandSpan(None if i == 0 else d, x) for i, (d, x) in enumerate(spans)),
        meetings=tuple(sorted(meetings, key=lambda m: m.held_on)),
        entries=tuple(entries),
        names={i: f"P{i}" for i in range(1, 6)},
    )
    chosen = ReviewSettings(hour_value=HourValue(hour, "EUR") if hour is not None else None)
    period = Period(start, start + dt.timedelta(days=length))
    b = compute_balance(facts, period, chosen)
    assert all(amount >= 0 for amount in (*b.costs.values(), *b.business.values()))
    assert b.hours.total >= 0
    assert b.attendance.pct is None or 0 <= b.attendance.pct <= 100
    verdict = recommend(b, facts.joined_on, facts.first_meeting)
    assert verdict.code in RECOMMENDATIONS
    assert verdict.reasons and all(r.message for r in verdict.reasons)
    people_to_keep(facts, b)
    trend(facts, chosen, period.end)
