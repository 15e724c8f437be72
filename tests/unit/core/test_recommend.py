"""The recommendation over whole journals: the four stories the review must get right, and
the rules between them. Every scenario is written through the core, as the app would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from journal.core.clock import FixedClock
from journal.core.groups import add_members
from journal.core.meetings import MeetingDraft, record_meeting
from journal.core.periods import Period
from journal.core.recommend import _plural, follows, money_text, recommend
from journal.core.review import GroupReview, group_review
from journal.core.settings import ReviewSettings, SettingsDraft, load_settings, save_settings
from journal.store import Journal

AddContact = Callable[..., int]
AddGroup = Callable[..., int]
Log = Callable[..., int]
TODAY = dt.date(2026, 11, 24)  # the fixed clock's day
UTC = dt.timezone.utc


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), UTC)


def _meetings(
    group_id: int,
    clock: FixedClock,
    first: dt.date,
    count: int,
    step: int = 7,
    pattern: tuple[str, ...] = ("attended",),
    rating: str = "",
) -> list[int]:
    ids = []
    for k in range(count):
        day = first + dt.timedelta(days=step * k)
        attendance = pattern[k % len(pattern)]
        draft = MeetingDraft(group_id, day, attendance, rating=rating)
        ids.append(record_meeting(draft, clock).value)
    return ids


def _review(group_id: int) -> GroupReview:
    return group_review(group_id, TODAY, load_settings(), UTC, TODAY)


def _hour_value(amount: str, currency: str) -> None:
    save_settings(SettingsDraft(hour_amount=amount, hour_currency=currency))


def test_a_demanding_group_that_returns_nothing_should_be_left(
    journal: Journal, add_group: AddGroup, add_contact: AddContact, clock: FixedClock
) -> None:
    _hour_value("80", "EUR")
    gid = add_group(
        "Tuesday Referral Club",
        kind="referral_club",
        joined_on=dt.date(2025, 1, 7),
        meeting_cadence="weekly",
        meeting_weekday=1,
        required_attendance_pct=80,
        meeting_minutes=90,
        travel_minutes=30,
        dues_amount="620",
        dues_currency="USD",
        dues_period="year",
        role="Treasurer",
        role_hours_per_month=4,
        referral_quota_per_month=1,
    )
    add_contact("Stranger")  # in the journal, but nothing to do with the club
    _meetings(gid, clock, dt.date(2025, 12, 2), 50, rating="waste")
    review = _review(gid)
    verdict = review.recommendation
    assert verdict.code == "leave"
    assert verdict.rule == "returns_nothing"
    codes = verdict.codes()
    assert codes[0] == "returns_nothing"
    assert "meetings_waste" in codes
    assert "referral_quota_unmet" in codes
    # Time in euros and dues in dollars: two separate reasons, never one sum.
    costs = [r for r in verdict.reasons if r.code == "costs_more_than_returns"]
    assert {r.data["currency"] for r in costs} == {"EUR", "USD"}
    b = review.balance
    assert b.hours.meetings == Decimal(75) and b.hours.travel == Decimal(25)
    assert b.costs["USD"] == Decimal("620.00")
    assert b.costs["EUR"] == ((b.hours.total) * 80).quantize(Decimal("0.01"))
    assert review.people == ()


def test_a_group_that_brought_business_should_be_kept(
    journal: Journal, add_group: AddGroup, add_contact: AddContact, log: Log, clock: FixedClock
) -> None:
    _hour_value("80", "USD")
    gid = add_group(
        "Chamber of Commerce",
        kind="chamber",
        joined_on=dt.date(2024, 3, 1),
        meeting_cadence="monthly",
        meeting_minutes=120,
        travel_minutes=20,
        dues_amount="350",
        dues_currency="USD",
        dues_period="year",
    )
    _meetings(gid, clock, dt.date(2025, 12, 10), 12, step=28, rating="worth_it")
    client = add_contact("Bakery", "Owner")
    log(
        "referral_received",
        _at(dt.date(2026, 3, 2)),
        [client],
        group_id=gid,
        amount="1200",
        currency="USD",
    )
    log(
        "business_won",
        _at(dt.date(2026, 5, 2)),
        [client],
        group_id=gid,
        amount="4500",
        currency="USD",
    )
    review = _review(gid)
    verdict = review.recommendation
    assert (verdict.code, verdict.rule) == ("keep", "pays_for_itself")
    assert "brought_business" in verdict.codes()
    assert "costs_more_than_returns" not in verdict.codes()
    b = review.balance
    assert b.business == {"USD": Decimal("5700.00")}
    # 12 meetings of 2 h 20 min at 80 USD, plus the year's dues.
    assert b.costs == {"USD": Decimal("2240.00") + Decimal("350.00")}


def test_low_attendance_but_real_friendships_means_reduce_and_keep_the_friends(
    journal: Journal, add_group: AddGroup, add_contact: AddContact, log: Log, clock: FixedClock
) -> None:
    gid = add_group(
        "Women in Business Circle",
        kind="association",
        joined_on=dt.date(2023, 9, 1),
        meeting_cadence="monthly",
        required_attendance_pct=75,
        meeting_minutes=120,
    )
    jane, omar, quiet = add_contact("Jane", "Doe"), add_contact("Omar"), add_contact("Quiet")
    ids = _meetings(gid, clock, dt.date(2025, 12, 15), 11, step=30, pattern=("attended", "missed"))
    record_meeting(
        MeetingDraft(gid, dt.date(2025, 12, 15), "attended", people_ids=[jane, omar, quiet]), clock
    )
    assert ids
    log("coffee", _at(dt.date(2026, 10, 2)), [jane], summary="Coffee, talked about kids")
    log("call", _at(dt.date(2026, 11, 2)), [jane], summary="Catch-up")
    log("help_received", _at(dt.date(2026, 9, 9)), [omar], summary="Checked my contract")
    review = _review(gid)
    verdict = review.recommendation
    assert (verdict.code, verdict.rule) == ("reduce", "mixed_returns")
    codes = verdict.codes()
    assert {"attendance_below", "real_relationships", "support_received"} <= set(codes)
    kept = {p.contact_id: p for p in review.people}
    assert set(kept) == {jane, omar}  # the quiet member met at a meeting is not listed
    assert kept[jane].touches == 2 and kept[jane].suggested_days == 90
    assert kept[omar].support_received == 1


def test_a_brand_new_group_is_too_early_to_judge(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    gid = add_group(
        "Founders Mastermind",
        joined_on=TODAY - dt.timedelta(days=20),
        meeting_cadence="fortnightly",
        required_attendance_pct=75,
    )
    _meetings(gid, clock, TODAY - dt.timedelta(days=14), 2, step=14, pattern=("missed",))
    verdict = _review(gid).recommendation
    assert (verdict.code, verdict.codes()) == ("too_early", ["joined_recently"])
    assert verdict.reasons[0].data == {"days": 20}


def test_a_group_with_no_meetings_is_too_early_never_a_division_by_zero(
    journal: Journal, add_group: AddGroup
) -> None:
    old = add_group("Old Circle", joined_on=dt.date(2020, 1, 1), required_attendance_pct=80)
    undated = add_group("Undated Circle", meeting_cadence="weekly", required_attendance_pct=100)
    for gid in (old, undated):
        review = _review(gid)
        assert review.recommendation.code == "too_early"
        assert review.recommendation.codes() == ["nothing_recorded"]
        assert review.balance.attendance.pct is None
        assert review.balance.meetings.pct is None


def test_people_worth_it_and_no_trouble_keeps_a_group_that_brings_no_money(
    journal: Journal, add_group: AddGroup, add_contact: AddContact, log: Log, clock: FixedClock
) -> None:
    _hour_value("80", "EUR")  # time is priced, yet the people weigh more
    gid = add_group(
        "Alumni", joined_on=dt.date(2019, 1, 1), meeting_cadence="quarterly", meeting_minutes=180
    )
    friend = add_contact("Old", "Friend")
    _meetings(gid, clock, dt.date(2026, 1, 20), 4, step=91)
    record_meeting(MeetingDraft(gid, dt.date(2026, 1, 20), "attended", people_ids=[friend]), clock)
    log("lunch", _at(dt.date(2026, 8, 1)), [friend])
    verdict = _review(gid).recommendation
    assert (verdict.code, verdict.rule) == ("keep", "people_worth_it")
    assert "costs_more_than_returns" in verdict.codes()  # said, but not decisive


def test_business_in_one_currency_never_covers_dues_in_another(
    journal: Journal, add_group: AddGroup, log: Log, clock: FixedClock
) -> None:
    gid = add_group(
        "Expat Club",
        joined_on=dt.date(2020, 1, 1),
        dues_amount="1200",
        dues_currency="EUR",
        dues_period="year",
    )
    _meetings(gid, clock, dt.date(2026, 2, 1), 3, step=60)
    log("business_won", _at(dt.date(2026, 6, 1)), group_id=gid, amount="90000", currency="JPY")
    review = _review(gid)
    verdict = review.recommendation
    assert "pays_for_itself" not in verdict.codes()
    assert verdict.code == "reduce"
    assert money_text(review.balance.business) == "90,000 JPY"
    assert money_text({"USD": Decimal(5), "EUR": Decimal("2.50")}) == "2.50 EUR and 5 USD"


def test_attendance_one_miss_from_the_rule_stops_people_from_keeping_it(
    journal: Journal, add_group: AddGroup, add_contact: AddContact, log: Log, clock: FixedClock
) -> None:
    gid = add_group(
        "Breakfast Club",
        joined_on=dt.date(2020, 1, 1),
        meeting_cadence="weekly",
        required_attendance_pct=80,
    )
    friend = add_contact("Best", "Friend")
    # 8 of the last 10 meetings: exactly 80 %, one miss from below.
    _meetings(
        gid, clock, TODAY - dt.timedelta(weeks=10), 10, pattern=("attended",) * 4 + ("missed",)
    )
    record_meeting(
        MeetingDraft(gid, TODAY - dt.timedelta(weeks=10), "attended", people_ids=[friend]), clock
    )
    log("coffee", _at(TODAY - dt.timedelta(days=3)), [friend])
    verdict = _review(gid).recommendation
    assert "attendance_at_risk" in verdict.codes()
    assert verdict.code == "reduce"


def test_recommend_says_the_same_for_the_same_figures(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    gid = add_group("Steady", joined_on=dt.date(2020, 1, 1), required_attendance_pct=50)
    _meetings(gid, clock, dt.date(2026, 1, 1), 5, step=30)
    first, second = _review(gid), _review(gid)
    assert first.recommendation == second.recommendation
    again = recommend(first.balance, dt.date(2020, 1, 1))
    assert again == first.recommendation


@pytest.mark.parametrize(
    ("started", "expected"),
    [(TODAY - dt.timedelta(days=89), "too_early"), (TODAY - dt.timedelta(days=90), "leave")],
)
def test_too_early_lasts_ninety_days(
    journal: Journal, add_group: AddGroup, clock: FixedClock, started: dt.date, expected: str
) -> None:
    gid = add_group("Edge", joined_on=started)
    _meetings(gid, clock, started, 3, step=7)
    facts_review = _review(gid)
    assert facts_review.recommendation.code == expected
    assert facts_review.balance.period == Period(dt.date(2025, 11, 25), TODAY)
    assert ReviewSettings().lookback_months == 12


def _messages(review: GroupReview) -> dict[str, str]:
    return {r.code: r.message for r in review.recommendation.reasons}


def test_counts_of_one_read_in_the_singular(
    journal: Journal, add_group: AddGroup, add_contact: AddContact, log: Log, clock: FixedClock
) -> None:
    save_settings(SettingsDraft(relationship_months=1))
    gid = add_group(
        "Small",
        joined_on=dt.date(2025, 1, 1),
        meeting_cadence="yearly",
        required_attendance_pct=75,
        referral_quota_per_month=1,
    )
    friend = add_contact("Friend")
    add_members(gid, [friend])
    record_meeting(
        MeetingDraft(gid, TODAY - dt.timedelta(days=40), "attended", rating="worth_it"), clock
    )
    log("coffee", _at(TODAY - dt.timedelta(days=3)), [friend])
    messages = _messages(_review(gid))
    assert messages["meetings_worth_it"] == "The one meeting you rated was worth it."
    assert "its last 1 meeting;" in messages["attendance_at_risk"]
    assert "with 1 member (last 1 month): Friend." in messages["real_relationships"]
    # A quota of one a month over the year is about 12 referrals: plural, plain digits.
    assert "about 12 referrals from you" in messages["referral_quota_unmet"]


def test_a_single_wasted_meeting_and_one_recorded_of_several_read_right(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    gid = add_group("Dull", joined_on=dt.date(2025, 1, 1), meeting_cadence="monthly")
    record_meeting(
        MeetingDraft(gid, TODAY - dt.timedelta(days=40), "attended", rating="waste"), clock
    )
    for days in (70, 100):  # unrated: 3 recorded, enough to judge
        record_meeting(MeetingDraft(gid, TODAY - dt.timedelta(days=days), "attended"), clock)
    messages = _messages(_review(gid))
    assert messages["meetings_waste"] == "The one meeting you rated was a waste of time."
    assert (
        "about 12 meetings in this period; the journal has 3 recorded"
        in (messages["unrecorded_meetings"])
    )
    assert "are recorded" not in messages["unrecorded_meetings"]


def test_an_evening_or_two_recorded_of_many_is_too_early_to_judge(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    # Joined long ago, monthly: about 12 meetings in the year, and the journal has 1, then 2.
    gid = add_group("Sparse", joined_on=dt.date(2024, 1, 1), meeting_cadence="monthly")
    _meetings(gid, clock, TODAY - dt.timedelta(days=40), 1, rating="waste")
    verdict = _review(gid).recommendation
    assert (verdict.code, verdict.codes()) == ("too_early", ["too_little_recorded"])
    assert verdict.reasons[0].data == {"expected": 12, "recorded": 1}
    assert "about 12 meetings in this period, and the journal has 1 recorded" in (
        verdict.reasons[0].message
    )
    _meetings(gid, clock, TODAY - dt.timedelta(days=70), 1)
    assert _review(gid).recommendation.rule == "too_little_recorded"
    # A third evening is enough to weigh it: nothing came back, so leave.
    _meetings(gid, clock, TODAY - dt.timedelta(days=100), 1)
    assert _review(gid).recommendation.code == "leave"


def test_a_rhythm_of_few_meetings_is_judged_from_what_there_is(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    # Yearly: 1 expected, 1 recorded; quarterly: 4 expected, 3 recorded.
    gid = add_group("Gala", joined_on=dt.date(2024, 1, 1), meeting_cadence="yearly")
    _meetings(gid, clock, TODAY - dt.timedelta(days=40), 1)
    assert _review(gid).recommendation.rule != "too_little_recorded"
    seasons = add_group("Seasons", joined_on=dt.date(2024, 1, 1), meeting_cadence="quarterly")
    _meetings(seasons, clock, TODAY - dt.timedelta(days=300), 3, step=91)
    assert _review(seasons).recommendation.rule != "too_little_recorded"
    # Without a rhythm nothing is expected, so nothing is missing.
    loose = add_group("Loose", joined_on=dt.date(2024, 1, 1))
    _meetings(loose, clock, TODAY - dt.timedelta(days=40), 1)
    assert _review(loose).recommendation.rule != "too_little_recorded"


def test_decide_later_follows_too_early_and_nothing_else() -> None:
    assert follows("later", "too_early") and follows("keep", "keep")
    assert not follows("keep", "too_early") and not follows("later", "keep")


def test_a_quota_of_exactly_one_referral_is_singular_and_ten_is_not_1e1() -> None:
    assert _plural(Decimal("1.0"), "referral", "referrals") == "1 referral"
    assert _plural(Decimal("10.0"), "referral", "referrals") == "10 referrals"
    assert _plural(Decimal("0.5"), "referral", "referrals") == "0.5 referrals"


def test_without_a_join_date_the_review_says_so_rather_than_joined_0_days_ago(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    gid = add_group("Undated")
    record_meeting(MeetingDraft(gid, TODAY, "attended"), clock)
    verdict = _review(gid).recommendation
    assert verdict.code == "too_early"
    assert verdict.codes() == ["no_join_date"]
    message = verdict.reasons[0].message
    assert "the day you joined is not set" in message and TODAY.isoformat() in message
    assert "days ago" not in message
    assert dict(verdict.reasons[0].data) == {"first_meeting": TODAY.isoformat()}


def test_an_undated_group_met_long_ago_is_judged_on_its_figures(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    gid = add_group("Old undated")
    _meetings(gid, clock, TODAY - dt.timedelta(days=200), 5, step=30)
    assert _review(gid).recommendation.code == "leave"


def test_an_undated_group_added_lately_with_an_entry_is_too_early_to_judge(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    from journal.core.interactions import InteractionDraft, log_interaction

    gid = add_group(
        "New", meeting_cadence="weekly", dues_amount="40", dues_currency="USD", dues_period="month"
    )
    log_interaction(InteractionDraft("note", clock.now(), "Met them", group_id=gid), clock)
    verdict = _review(gid).recommendation
    # Its figures cover the one day the journal has known of it: no ground for a verdict.
    assert (verdict.code, verdict.codes()) == ("too_early", ["no_join_date"])
    assert dict(verdict.reasons[0].data) == {"known_since": TODAY.isoformat()}
    assert f"the journal has known of this group since {TODAY.isoformat()}" in (
        verdict.reasons[0].message
    )
    # A meeting long before it was written down says it is no new membership.
    record_meeting(MeetingDraft(gid, TODAY - dt.timedelta(days=200)), clock)
    assert "no_join_date" not in _review(gid).recommendation.codes()


def test_a_group_joined_after_the_review_day_is_not_judged_by_its_days(
    journal: Journal, add_group: AddGroup, clock: FixedClock
) -> None:
    gid = add_group("Later", joined_on=dt.date(2026, 6, 1))
    as_of = dt.date(2020, 1, 1)
    verdict = group_review(gid, as_of, load_settings(), UTC, TODAY).recommendation
    assert verdict.code == "too_early"
    assert verdict.codes() == ["not_joined_yet"]
    assert verdict.reasons[0].message == (
        "Too early to judge: on 2020-01-01 you had not joined yet (you joined on 2026-06-01)."
    )
