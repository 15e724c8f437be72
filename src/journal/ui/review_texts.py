"""The review's words in the user's language: recommendations, decisions and every reason.

The core gives each reason a stable code and its figures; here each code has a translatable
sentence, so the reasons read the same in the review, in past reviews (stored as JSON) and,
once translated, in any language. An unknown code shows the core's English message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, QLocale

from journal.ui.formatting import money, plain_date


def _t(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("review", text, "", n)


def recommendations() -> dict[str, str]:
    """What the review can suggest."""
    return {
        "keep": _t("Keep"),
        "reduce": _t("Reduce your involvement"),
        "leave": _t("Leave"),
        "too_early": _t("Too early to judge"),
    }


def decisions() -> dict[str, str]:
    """What the user can decide."""
    return {
        "keep": _t("Keep"),
        "reduce": _t("Reduce involvement"),
        "leave": _t("Leave"),
        "later": _t("Decide later"),
    }


def stance_marks() -> dict[str, str]:
    """A short sign before each reason (and its name for screen readers)."""
    return {"for": "+", "against": "−", "info": "·"}


def stance_names() -> dict[str, str]:
    """What each sign means."""
    return {"for": _t("In its favour"), "against": _t("Against it"), "info": _t("Worth knowing")}


def money_list(value: object) -> str:
    """Stored amounts ([{"amount", "currency"}]) side by side, never added up."""
    parts = []
    if isinstance(value, list):
        for item in value:
            if not isinstance(item, Mapping):
                continue
            try:
                amount = Decimal(str(item.get("amount")))
            except InvalidOperation:
                continue
            parts.append(money(amount, str(item.get("currency", ""))))
    if not parts:
        return _t("nothing")
    if len(parts) == 1:
        return parts[0]
    return _t("%1 and %2").replace("%1", ", ".join(parts[:-1])).replace("%2", parts[-1])


def _int(data: Mapping[str, object], key: str) -> int:
    value = data.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _decimal(data: Mapping[str, object], key: str) -> Decimal | None:
    try:
        value = Decimal(str(data.get(key)))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _number(data: Mapping[str, object], key: str) -> str:
    value = _decimal(data, key)
    if value is None:
        return ""
    return QLocale().toString(float(value), "f", 1 if value % 1 else 0)


def _day(data: Mapping[str, object], key: str) -> str:
    try:
        return plain_date(dt.date.fromisoformat(str(data.get(key))))
    except ValueError:
        return ""


def _amount(data: Mapping[str, object], key: str, currency: str) -> str:
    try:
        return money(Decimal(str(data.get(key))), currency)
    except InvalidOperation:
        return ""


def reason_text(code: str, data: Mapping[str, object], fallback: str = "") -> str:
    """One reason in words, from its code and figures (as stored or as computed)."""
    n = _int
    currency = str(data.get("currency", ""))
    texts = {
        "joined_recently": lambda: _t(
            "Too early to judge: you joined %n day(s) ago; give it at least 90 days.",
            n(data, "days"),
        ),
        "not_joined_yet": lambda: _t(
            "Too early to judge: on the review's day you had not joined yet (you joined on %1)."
        ).replace("%1", _day(data, "joined_on")),
        "no_join_date": lambda: (
            _t(
                "Too early to judge: the day you joined is not set, and the first meeting "
                "recorded is on %1; give it at least 90 days. If you joined earlier, set "
                "“Joined on” with Edit group."
            ).replace("%1", _day(data, "first_meeting"))
            if "first_meeting" in data
            else _t(
                "Too early to judge: the day you joined is not set, and the journal has known "
                "of this group since %1; give it at least 90 days. If you joined earlier, set "
                "“Joined on” with Edit group."
            ).replace("%1", _day(data, "known_since"))
        ),
        "nothing_recorded": lambda: _t(
            "Too early to judge: no meeting and no entry about this group is recorded "
            "in the period."
        ),
        "too_little_recorded": lambda: _t(
            "Too early to judge: its rhythm suggests about %n meeting(s) in this period, and "
            "the journal has %1 recorded. Record its meetings (or correct how often it meets) "
            "for a suggestion.",
            n(data, "expected"),
        ).replace("%1", str(n(data, "recorded"))),
        "returns_nothing": lambda: _t(
            "Nothing came back that the journal can see: no business or referral, no support "
            "from a member, no new contact, no member you are in touch with outside meetings."
        ),
        "people_worth_it": lambda: _t(
            "The people in it matter to you, and it is not unhappy with you."
        ),
        "mixed_returns": lambda: _t(
            "Something comes back, but not enough for what it asks: give it less, and keep "
            "the people."
        ),
        "pays_for_itself": lambda: (
            _t("It pays for itself: %1 of business against %2 of costs.")
            .replace("%1", money_list(data.get("business")))
            .replace("%2", money_list(data.get("costs")))
            if data.get("costs")
            else _t("It brought %1 of business and cost no money.").replace(
                "%1", money_list(data.get("business"))
            )
        ),
        "brought_business": lambda: (
            # As the command line says it: no "0 referrals and" before the business.
            _t("It brought you %1 of business.").replace("%1", money_list(data.get("business")))
            if data.get("business") and not n(data, "referrals")
            else _t(
                "It brought you %n referral(s) and %1 of business.", n(data, "referrals")
            ).replace("%1", money_list(data.get("business")))
            if data.get("business")
            else _t("It brought you %n referral(s).", n(data, "referrals"))
        ),
        "real_relationships": lambda: (
            _t(
                "You are in touch outside meetings with %n member(s) (%1): %2.",
                n(data, "count"),
            )
            .replace("%1", _t("last %n month(s)", n(data, "months")))
            .replace("%2", _names(data))
        ),
        "support_received": lambda: _t(
            "Members reached out to support or help you %n time(s).", n(data, "count")
        ),
        "new_contacts": lambda: _t("You first met %n new contact(s) through it.", n(data, "count")),
        "introductions": lambda: _t("It led to %n introduction(s).", n(data, "count")),
        "learning": lambda: _t("You noted %n thing(s) learnt there.", n(data, "count")),
        "meetings_worth_it": lambda: (
            _t("The one meeting you rated was worth it.")
            if n(data, "rated") == 1
            else _t("%1 of the %n meetings you rated were worth it.", n(data, "rated")).replace(
                "%1", str(n(data, "worth_it"))
            )
        ),
        "meetings_waste": lambda: (
            _t("The one meeting you rated was a waste of time.")
            if n(data, "rated") == 1
            else _t(
                "%1 of the %n meetings you rated were a waste of time.", n(data, "rated")
            ).replace("%1", str(n(data, "waste")))
        ),
        "costs_more_than_returns": lambda: (
            _t("It cost %1 and brought back %2.")
            .replace("%1", _amount(data, "cost", currency))
            .replace("%2", _amount(data, "business", currency))
            if _number(data, "business") not in ("", "0")
            else _t("It cost %1 and brought no business in %2.")
            .replace("%1", _amount(data, "cost", currency))
            .replace("%2", currency)
        ),
        "attendance_below": lambda: (
            _t(
                "Your attendance over its last %n meeting(s) is %1%, below the %2% it requires: "
                "it may ask you to leave.",
                n(data, "counted"),
            )
            .replace("%1", str(n(data, "pct")))
            .replace("%2", str(n(data, "required")))
        ),
        "attendance_at_risk": lambda: (
            _t(
                "Your attendance is %1% of its last %n meeting(s); one more miss would take you "
                "below the %2% it requires.",
                n(data, "counted"),
            )
            .replace("%1", str(n(data, "pct")))
            .replace("%2", str(n(data, "required")))
        ),
        "referral_quota_unmet": lambda: (
            _t(
                "It expects about 1 referral from you in this period; you gave %n.",
                n(data, "given"),
            )
            if _decimal(data, "expected") == 1
            else _t(
                "It expects about %1 referrals from you in this period; you gave %n.",
                n(data, "given"),
            ).replace("%1", _number(data, "expected"))
        ),
        "hours_unpriced": lambda: _t(
            "You gave it %1 h; set the value of an hour to weigh that time against money."
        ).replace("%1", _number(data, "hours")),
        "estimated_returns": lambda: _t(
            "Estimated, not yet confirmed: %1 (not counted as business)."
        ).replace("%1", money_list(data.get("estimated"))),
        "unrecorded_meetings": lambda: _t(
            "Its rhythm suggests about %n meeting(s) in this period; the journal has %1 "
            "recorded, so the attendance may be incomplete.",
            n(data, "expected"),
        ).replace("%1", str(n(data, "recorded"))),
    }
    make = texts.get(code)
    return make() if make is not None else fallback


def _names(data: Mapping[str, object]) -> str:
    names = [str(x) for x in _list(data.get("names"))]
    more = _int(data, "count") - len(names)
    text = ", ".join(names)
    return text + _t(" and %n more", more) if more > 0 else text


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
