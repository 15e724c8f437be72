"""The review's recommendation for one membership, and every reason behind it, in plain words.

The rules are few and in a fixed order, so anyone can check them (README.md, "How the
review decides", says the same in prose):

1. **Too early to judge** when the membership began less than 90 days before the review
   (or after it), or when nothing about the group was recorded in the period (no meeting,
   no entry naming it). Nothing else is weighed, so an empty group never divides by zero.
   Without a join date, the first meeting recorded stands for it (with no meeting for
   long enough, the first day the journal knew of the group), and the reason says the
   date is missing rather than counting days from a day that may not be the real one.
   Also too early when its rhythm suggests at least 4 meetings in the period and fewer
   than 3 are recorded: hours, attendance and what came back would all be judged from an
   evening or two.
2. **Leave** when nothing came back: no business or referral, no support from a member,
   no new contact, no member you are in touch with outside meetings, no introduction, no
   learning.
3. **Keep** when it pays for itself: it brought business, and in every currency it cost
   something (dues, plus time at the value of an hour when one is set) it brought at least
   as much in that currency.
4. **Keep** when the people are worth it: you are in touch with members outside meetings,
   or they supported you, and the group is not unhappy with you (attendance not below or
   one miss from below its rule) nor its meetings mostly a waste of time.
5. Otherwise **reduce your involvement**: something comes back, but not enough for what it
   asks. The people worth keeping are listed either way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from journal.core.balance import Balance, Money

RECOMMENDATIONS = ("keep", "reduce", "leave", "too_early")
# "later": the user saw the group and chose not to decide yet (the usual answer to "too
# early to judge"); it changes nothing, like "keep", but says so.
DECISIONS = ("keep", "reduce", "leave", "later")
# The decisions that can change a membership when applied ("keep" and "later" never do).
CHANGING_DECISIONS = ("reduce", "leave")
TOO_EARLY_DAYS = 90
# Too little recorded to judge: fewer than THIN_MIN_RECORDED meetings (the number below
# which the attendance page also speaks of "so far") where the rhythm suggests at least
# THIN_MIN_EXPECTED.
THIN_MIN_RECORDED = 3
THIN_MIN_EXPECTED = 4

FOR, AGAINST, INFO = "for", "against", "info"


@dataclass(frozen=True)
class Reason:
    """One plain-words reason: a stable code (for tests and translations) and its message."""

    code: str
    stance: str  # for | against | info
    message: str
    data: Mapping[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """The reason as stored and printed by `journal review --json`."""
        return {"code": self.code, "stance": self.stance, "message": self.message, **self.data}


@dataclass(frozen=True)
class Recommendation:
    """What the review suggests for a membership, the rule that decided, and all reasons."""

    code: str  # keep | reduce | leave | too_early
    rule: str  # the code of the deciding reason
    reasons: tuple[Reason, ...]

    def codes(self) -> list[str]:
        """The reasons' codes, in order."""
        return [r.code for r in self.reasons]


def amount_text(amount: Decimal, currency: str) -> str:
    """ "4,500 USD", "12.50 EUR": an amount with its currency, in plain digits."""
    text = f"{amount:,.2f}" if amount % 1 else f"{amount:,.0f}"
    return f"{text} {currency}".strip()


def money_text(money: Money) -> str:
    """Several currencies side by side, never added: "4,500 USD and 300 EUR"."""
    parts = [amount_text(a, c) for c, a in sorted(money.items()) if a]
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def hours_text(hours: Decimal) -> str:
    """ "52 h", "3.5 h"."""
    return f"{hours.normalize():f} h" if hours % 1 else f"{int(hours)} h"


def _plural(count: int | Decimal, one: str, many: str) -> str:
    """ "1 meeting", "3 meetings", "0.5 referrals" (only exactly one is singular)."""
    number = f"{count.normalize():f}" if isinstance(count, Decimal) else str(count)
    return f"{number} {one if count == 1 else many}"


def _money_json(money: Money) -> list[dict[str, str]]:
    return [{"amount": str(a), "currency": c} for c, a in sorted(money.items())]


def _returns(b: Balance) -> list[Reason]:
    found: list[Reason] = []
    if b.business or b.referrals_received:
        parts = []
        if b.referrals_received:
            parts.append(_plural(b.referrals_received, "referral", "referrals"))
        if b.business:
            parts.append(f"{money_text(b.business)} of business")
        found.append(
            Reason(
                "brought_business",
                FOR,
                f"It brought you {' and '.join(parts)}.",
                {"referrals": b.referrals_received, "business": _money_json(b.business)},
            )
        )
    if b.relationships:
        names = [r.name for r in b.relationships[:3]]
        more = len(b.relationships) - len(names)
        listed = ", ".join(names) + (f" and {more} more" if more else "")
        found.append(
            Reason(
                "real_relationships",
                FOR,
                f"You are in touch outside meetings with "
                f"{_plural(len(b.relationships), 'member', 'members')} "
                f"(last {_plural(b.relationship_months, 'month', 'months')}): {listed}.",
                {"count": len(b.relationships), "months": b.relationship_months, "names": names},
            )
        )
    if b.support_received:
        found.append(
            Reason(
                "support_received",
                FOR,
                f"Members reached out to support or help you "
                f"{_plural(b.support_received, 'time', 'times')}.",
                {"count": b.support_received},
            )
        )
    if b.new_contacts:
        found.append(
            Reason(
                "new_contacts",
                FOR,
                f"You first met {_plural(len(b.new_contacts), 'person', 'people')} through it.",
                {"count": len(b.new_contacts)},
            )
        )
    if b.introductions:
        found.append(
            Reason(
                "introductions",
                FOR,
                f"It led to {_plural(b.introductions, 'introduction', 'introductions')}.",
                {"count": b.introductions},
            )
        )
    if b.learning:
        found.append(
            Reason(
                "learning",
                FOR,
                f"You noted {_plural(b.learning, 'thing', 'things')} learnt there.",
                {"count": b.learning},
            )
        )
    r = b.ratings
    if r.rated and r.worth_it * 2 > r.rated:
        found.append(
            Reason(
                "meetings_worth_it",
                FOR,
                _rated_text(r.worth_it, r.rated, "worth it"),
                {"worth_it": r.worth_it, "rated": r.rated},
            )
        )
    return found


def _rated_text(count: int, rated: int, verdict: str) -> str:
    """ "The one meeting you rated was worth it.", "3 of the 4 meetings you rated were ..."."""
    if rated == 1:
        return f"The one meeting you rated was {verdict}."
    return f"{count} of the {rated} meetings you rated were {verdict}."


def _money_reasons(b: Balance) -> tuple[Reason | None, list[Reason]]:
    """The "pays for itself" reason, if any, and every currency where costs exceed returns.

    It pays for itself when it brought business and, in every currency it cost something,
    it brought at least as much: amounts in different currencies are never weighed
    against each other.
    """
    against: list[Reason] = []
    for currency, cost in sorted(b.costs.items()):
        business = b.business.get(currency, Decimal(0))
        if cost <= business:
            continue
        parts = []
        hour = b.hour_value
        if hour is not None and hour.currency == currency and b.time_cost:
            parts.append(
                f"{hours_text(b.hours.total)} at {amount_text(hour.amount, currency)} an hour"
            )
        if b.dues.get(currency):
            parts.append(f"{amount_text(b.dues[currency], currency)} of dues")
        against.append(
            Reason(
                "costs_more_than_returns",
                AGAINST,
                f"It cost {amount_text(cost, currency)} ({' plus '.join(parts)}) and brought "
                + (
                    f"back {amount_text(business, currency)}."
                    if business
                    else f"no business in {currency}."
                ),
                {"currency": currency, "cost": str(cost), "business": str(business)},
            )
        )
    if not b.business or against:
        return None, against
    costs = {c: a for c, a in b.costs.items() if a}
    message = (
        f"It pays for itself: {money_text(b.business)} of business against "
        f"{money_text(costs)} of costs."
        if costs
        else f"It brought {money_text(b.business)} of business and cost no money."
    )
    pays = Reason(
        "pays_for_itself",
        FOR,
        message,
        {"business": _money_json(b.business), "costs": _money_json(costs)},
    )
    return pays, against


def _demand_reasons(b: Balance) -> list[Reason]:
    found: list[Reason] = []
    a = b.attendance
    data = {"attended": a.attended, "counted": a.counted, "pct": a.pct, "required": a.required_pct}
    if a.status == "below":
        found.append(
            Reason(
                "attendance_below",
                AGAINST,
                f"Your attendance over its last {_plural(a.counted, 'meeting', 'meetings')} is "
                f"{a.pct}%, below the "
                f"{a.required_pct}% it requires: it may ask you to leave.",
                data,
            )
        )
    elif a.status == "at_risk":
        found.append(
            Reason(
                "attendance_at_risk",
                AGAINST,
                f"Your attendance is {a.pct}% of its last "
                f"{_plural(a.counted, 'meeting', 'meetings')}; one more miss "
                f"would take you below the {a.required_pct}% it requires.",
                data,
            )
        )
    r = b.ratings
    if r.rated and r.waste * 2 > r.rated:
        found.append(
            Reason(
                "meetings_waste",
                AGAINST,
                _rated_text(r.waste, r.rated, "a waste of time"),
                {"waste": r.waste, "rated": r.rated},
            )
        )
    quota = b.referral_quota
    if quota is not None and quota > 0 and b.referrals_given < quota:
        found.append(
            Reason(
                "referral_quota_unmet",
                AGAINST,
                f"It expects about {_plural(quota, 'referral', 'referrals')} from you in this "
                f"period; you gave {b.referrals_given}.",
                {"given": b.referrals_given, "expected": str(quota)},
            )
        )
    return found


def _info(b: Balance) -> list[Reason]:
    found: list[Reason] = []
    if b.hour_value is None and b.hours.total > 0:
        found.append(
            Reason(
                "hours_unpriced",
                INFO,
                f"You gave it {hours_text(b.hours.total)}; set the value of an hour to weigh "
                "that time against money.",
                {"hours": str(b.hours.total)},
            )
        )
    if b.estimated:
        found.append(
            Reason(
                "estimated_returns",
                INFO,
                f"Estimated, not yet confirmed: {money_text(b.estimated)} "
                "(not counted as business).",
                {"estimated": _money_json(b.estimated)},
            )
        )
    expected = b.meetings.expected
    if expected is not None and b.meetings.recorded < expected:
        found.append(
            Reason(
                "unrecorded_meetings",
                INFO,
                f"Its rhythm suggests about {_plural(expected, 'meeting', 'meetings')} in this "
                f"period; the journal has {b.meetings.recorded} recorded, so the attendance may "
                "be incomplete.",
                {"expected": expected, "recorded": b.meetings.recorded},
            )
        )
    return found


def _too_early(
    as_of: dt.date, joined_on: dt.date | None, first_meeting: dt.date | None
) -> Reason | None:
    """Rule 1 on the membership's start: joined (or first met) too recently, or not yet."""
    if joined_on is not None:
        days = (as_of - joined_on).days
        if days < 0:
            return Reason(
                "not_joined_yet",
                INFO,
                f"Too early to judge: on {as_of.isoformat()} you had not joined yet "
                f"(you joined on {joined_on.isoformat()}).",
                {"joined_on": joined_on.isoformat()},
            )
        if days < TOO_EARLY_DAYS:
            return Reason(
                "joined_recently",
                INFO,
                f"Too early to judge: you joined {_plural(days, 'day', 'days')} ago; "
                f"give it at least {TOO_EARLY_DAYS} days.",
                {"days": days},
            )
        return None
    if first_meeting is not None and (as_of - first_meeting).days < TOO_EARLY_DAYS:
        # The first meeting may be long after joining: say what is missing instead of
        # counting days from it.
        day = first_meeting.isoformat()
        return _no_join_date(f"the first meeting recorded is on {day}", {"first_meeting": day})
    return None


def _no_join_date(known: str, data: dict[str, str]) -> Reason:
    """Too early, with no join date: what the journal knows of the start instead."""
    return Reason(
        "no_join_date",
        INFO,
        f"Too early to judge: the day you joined is not set, and {known}; give it at least "
        f"{TOO_EARLY_DAYS} days. If you joined earlier, set the day you joined.",
        data,
    )


def _known_lately(as_of: dt.date, started_on: dt.date | None) -> Reason | None:
    """Rule 1 for a group without a join date or an old meeting: the journal has known of
    it for too short a time (added lately, with an entry or two)."""
    if started_on is not None and (as_of - started_on).days < TOO_EARLY_DAYS:
        # Its figures cover days: a verdict on them would be a guess.
        day = started_on.isoformat()
        known = f"the journal has known of this group since {day}"
        return _no_join_date(known, {"known_since": day})
    return None


def follows(decision: str, recommendation: str) -> bool:
    """Whether a decision is the one suggested ("later" answers "too early to judge")."""
    return decision == recommendation or (decision, recommendation) == ("later", "too_early")


def _too_thin(b: Balance) -> Reason | None:
    """Rule 1 on the record: most of the meetings its rhythm suggests are not recorded."""
    expected, recorded = b.meetings.expected, b.meetings.recorded
    if expected is None or expected < THIN_MIN_EXPECTED or recorded >= THIN_MIN_RECORDED:
        return None
    return Reason(
        "too_little_recorded",
        INFO,
        f"Too early to judge: its rhythm suggests about "
        f"{_plural(expected, 'meeting', 'meetings')} in this period, and the journal has "
        f"{recorded} recorded. Record its meetings (or correct how often it meets) for a "
        "suggestion.",
        {"expected": expected, "recorded": recorded},
    )


def recommend(
    b: Balance,
    joined_on: dt.date | None,
    first_meeting: dt.date | None = None,
    started_on: dt.date | None = None,
) -> Recommendation:
    """Apply the rules (see the module's docstring) to a group's balance."""
    early = _too_early(b.period.end, joined_on, first_meeting)
    if early is not None:
        return Recommendation("too_early", early.code, (early,))
    if b.meetings.recorded == 0 and b.linked_entries == 0:
        reason = Reason(
            "nothing_recorded",
            INFO,
            "Too early to judge: no meeting and no entry about this group is recorded "
            "in the period.",
        )
        return Recommendation("too_early", reason.code, (reason,))
    lately = _known_lately(b.period.end, started_on) if joined_on is None else None
    if lately is not None:
        return Recommendation("too_early", lately.code, (lately,))
    thin = _too_thin(b)
    if thin is not None:
        return Recommendation("too_early", thin.code, (thin,))

    returns = _returns(b)
    pays, costs = _money_reasons(b)
    demands = _demand_reasons(b)
    info = _info(b)
    if pays is not None:
        returns.insert(0, pays)
    reasons = [*returns, *costs, *demands, *info]

    if not returns:
        verdict = Reason(
            "returns_nothing",
            AGAINST,
            "Nothing came back that the journal can see: no business or referral, no support "
            "from a member, no new contact, no member you are in touch with outside meetings.",
        )
        return Recommendation("leave", verdict.code, (verdict, *reasons))
    if pays is not None:
        return Recommendation("keep", pays.code, tuple(reasons))
    codes = {r.code for r in reasons}
    people = bool(codes & {"real_relationships", "support_received"})
    trouble = bool(codes & {"attendance_below", "attendance_at_risk", "meetings_waste"})
    if people and not trouble:
        verdict = Reason(
            "people_worth_it",
            FOR,
            "The people in it matter to you, and it is not unhappy with you.",
        )
        return Recommendation("keep", verdict.code, (verdict, *reasons))
    verdict = Reason(
        "mixed_returns",
        INFO,
        "Something comes back, but not enough for what it asks: give it less, and keep the people.",
    )
    return Recommendation("reduce", verdict.code, (verdict, *reasons))
