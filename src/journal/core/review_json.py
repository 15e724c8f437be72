"""The balance and the review as JSON-ready dicts: one shape for `--json` and stored figures.

Conventions are the command line's: plain dates "YYYY-MM-DD", amounts as exact decimal
strings next to their currency, lists of amounts never added across currencies.
"""

from __future__ import annotations

from decimal import Decimal

from journal.core.balance import AttendanceWindow, Balance, Money
from journal.core.periods import quarter_label


def money_json(money: Money) -> list[dict[str, str]]:
    """[{"amount": "620.00", "currency": "USD"}, ...] in currency order."""
    return [{"amount": str(amount), "currency": code} for code, amount in sorted(money.items())]


def attendance_json(a: AttendanceWindow) -> dict[str, object]:
    """The attendance over the rolling window against the group's rule (review, group show)."""
    return {
        "window": a.counted,
        "attended": a.attended,
        "pct": a.pct,
        "required_pct": a.required_pct,
        "status": a.status,
        "misses_allowed": a.misses_allowed,
    }


def _hours(value: Decimal) -> str:
    return str(value)


def balance_json(b: Balance) -> dict[str, object]:
    """One group's figures over one period."""
    hour = b.hour_value
    a = b.attendance
    m = b.meetings
    return {
        "group": {"id": b.group_id, "name": b.name},
        "period": {"start": b.period.start.isoformat(), "end": b.period.end.isoformat()},
        "membership_days": b.membership_days,
        "meetings": {
            "recorded": m.recorded,
            "attended": m.attended,
            "substitute": m.substitute,
            "missed": m.missed,
            "excused": m.excused,
            "expected": m.expected,
            "pct": m.pct,
        },
        "hours": {
            "meetings": _hours(b.hours.meetings),
            "travel": _hours(b.hours.travel),
            "role": _hours(b.hours.role),
            "total": _hours(b.hours.total),
        },
        "hour_value": {"amount": str(hour.amount), "currency": hour.currency} if hour else None,
        "time_cost": (
            {"amount": str(b.time_cost), "currency": hour.currency}
            if hour is not None and b.time_cost is not None
            else None
        ),
        "dues": money_json(b.dues),
        "costs": money_json(b.costs),
        "attendance": attendance_json(a),
        "ratings": {
            "worth_it": b.ratings.worth_it,
            "so_so": b.ratings.so_so,
            "waste": b.ratings.waste,
        },
        "returns": {
            "entries": b.linked_entries,
            "referrals_received": b.referrals_received,
            "referrals_given": b.referrals_given,
            "referral_quota": str(b.referral_quota) if b.referral_quota is not None else None,
            "business": money_json(b.business),
            "estimated": money_json(b.estimated),
            "introductions": b.introductions,
            "learning": b.learning,
            "support_received": b.support_received,
            "new_contacts": [
                {"id": n.contact_id, "name": n.name, "first_met_on": n.first_met_on.isoformat()}
                for n in b.new_contacts
            ],
            "relationships": [
                {
                    "id": r.contact_id,
                    "name": r.name,
                    "touches": r.touches,
                    "last_contact_on": r.last_on.isoformat(),
                }
                for r in b.relationships
            ],
            "relationship_months": b.relationship_months,
        },
    }


def trend_json(points: list[Balance]) -> list[dict[str, object]]:
    """The quarter-by-quarter trend, oldest first (what the group view's chart shows)."""
    return [
        {
            "quarter": quarter_label(p.period),
            "start": p.period.start.isoformat(),
            "end": p.period.end.isoformat(),
            "hours": str(p.hours.total),
            "costs": money_json(p.costs),
            "business": money_json(p.business),
            "attendance_pct": p.meetings.pct,
            "meetings": p.meetings.recorded,
        }
        for p in points
    ]
