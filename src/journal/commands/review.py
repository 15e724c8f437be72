"""`journal review` (the balance of each membership, recommendations, people to keep; record
decisions; past reviews) and `journal settings` (the value of an hour, the review cadence)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.commands.common import (
    ATTENDANCE_WORDS,
    JsonObject,
    Output,
    Subparsers,
    add_command,
    as_code,
    attendance_word,
    code_label,
    counted,
    field_lines,
    format_money,
    iso_day,
    iso_instant,
    local_time,
    parse_day,
    parse_whole,
    resolve_contact,
    resolve_group,
    text_table,
    window_text,
)
from journal.commands.quick import change_desktop_setting, desktop_settings
from journal.core.clock import SYSTEM_CLOCK
from journal.core.errors import JournalError, NotFoundError, ValidationError

if TYPE_CHECKING:
    from journal.core.balance import Balance
    from journal.core.review import GroupReview, PastDecision, PastReview, ReviewReport
    from journal.core.settings import ReviewSettings

_MARKS = {"for": "+", "against": "-", "info": "·"}


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`review` with its actions, and `settings`."""
    review = add_command(
        subparsers,
        parent,
        "review",
        "the periodic review: each membership's balance, a recommendation and why",
        _report,
        reads_only=True,
    )
    review.add_argument("--as-of", metavar="DATE", help="review as of this day (default: today)")
    review.add_argument(
        "--group",
        action="append",
        metavar="GROUP",
        help="only this group, with its quarterly trend; repeat for several",
    )
    actions = review.add_subparsers(dest="action", metavar="ACTION")
    decide = add_command(
        actions, parent, "decide", "record a review deciding about one group", _decide
    )
    decide.add_argument("group", metavar="GROUP", help="id or name")
    decide.add_argument(
        "decision", metavar="DECISION", help="keep, reduce, leave, or later (not yet)"
    )
    decide.add_argument("--note", default="", help="why you decided so")
    decide.add_argument(
        "--as-of",
        metavar="DATE",
        # Not None by default: that overwrote `journal review --as-of DATE decide ...`.
        default=argparse.SUPPRESS,
        help="the review's day (default: today)",
    )
    decide.add_argument(
        "--apply-status",
        action="store_true",
        help="also change the membership: leave ends it on the review's day (and withdraws "
        "apologies sent for meetings ahead), reduce marks it",
    )
    record = add_command(
        actions, parent, "record", "record a whole review from a JSON file", _record
    )
    record.add_argument(
        "--json-file", required=True, metavar="FILE", help="the review as JSON ('-': stdin)"
    )
    add_command(actions, parent, "list", "past reviews, latest first", _list, reads_only=True)
    show = add_command(
        actions, parent, "show", "one past review with its figures", _show, reads_only=True
    )
    show.add_argument("review", metavar="ID", help="the review's id (see journal review list)")
    history = add_command(
        actions,
        parent,
        "history",
        "a group's decisions across reviews, to compare",
        _history,
        reads_only=True,
    )
    history.add_argument("group", metavar="GROUP", help="id or name")

    settings = add_command(
        subparsers,
        parent,
        "settings",
        "the value of an hour and the review's rhythm",
        _settings,
        reads_only=True,  # shows them; `settings set` writes
    )
    settings_actions = settings.add_subparsers(dest="action", metavar="ACTION")
    change = add_command(settings_actions, parent, "set", "change one setting", _set)
    change.add_argument(
        "name",
        metavar="NAME",
        help="hour-value, review-cadence, relationship-months, review-months, "
        "default-currency (of quick add) or start-at-login",
    )
    change.add_argument(
        "values",
        nargs="+",
        metavar="VALUE",
        help="hour-value: AMOUNT CURRENCY (or none); review-cadence: monthly, quarterly, "
        "twice-yearly or yearly; relationship-months, review-months: a number of months; "
        "default-currency: a code such as EUR (or none); start-at-login: on or off",
    )


# ---------------------------------------------------------------- the report


def _report(args: argparse.Namespace) -> Output:
    from journal.core.review import review_report

    report = review_report(SYSTEM_CLOCK, as_of=parse_day("as of", args.as_of))
    chosen = [resolve_group(g) for g in args.group or []]
    groups = report.groups
    if chosen:
        missing = [g for g in chosen if g not in {r.group_id for r in groups}]
        if missing:
            raise JournalError(
                f"group #{missing[0]} is not a current membership on {report.as_of.isoformat()}"
            )
        groups = tuple(r for r in groups if r.group_id in chosen)
    data = report_json(report, groups)
    return Output(data, _report_text(report, groups, detailed=bool(chosen)))


def report_json(report: ReviewReport, groups: tuple[GroupReview, ...]) -> JsonObject:
    """`journal review --json`."""
    names = {g.group_id: g.name for g in report.groups}
    wanted = {g.group_id for g in groups}
    due = report.due
    return {
        "as_of": report.as_of.isoformat(),
        "period": {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()},
        "settings": settings_json(report.settings),
        "due": {
            "due_on": iso_day(due.due_on),
            "is_due": due.is_due,
            "last_review": (
                {"id": due.last_review_id, "as_of": iso_day(due.last_as_of)}
                if due.last_review_id is not None
                else None
            ),
        },
        "groups": [group_review_json(g) for g in groups],
        "people_to_keep": [
            {
                **kept.person.to_json(),
                "groups": [{"id": gid, "name": names[gid]} for gid in kept.group_ids],
            }
            for kept in report.people()
            if set(kept.group_ids) & wanted
        ],
    }


def group_review_json(review: GroupReview) -> JsonObject:
    """One membership in `journal review --json`."""
    from journal.core.review_json import balance_json, trend_json

    verdict = review.recommendation
    return {
        "group": {"id": review.group_id, "name": review.name},
        "status": review.facts.status,
        "recommendation": verdict.code,
        "rule": verdict.rule,
        "reasons": [r.to_json() for r in verdict.reasons],
        "figures": balance_json(review.balance),
        "people_to_keep": [p.to_json() for p in review.people],
        "upcoming_meetings": [
            {"date": m.day.isoformat(), "attendance": m.attendance} for m in review.upcoming
        ],
        "trend": trend_json(review.trend),
    }


def _report_text(report: ReviewReport, groups: tuple[GroupReview, ...], detailed: bool) -> str:
    due = report.due
    lines = [
        f"Review as of {report.as_of.isoformat()}: figures for "
        f"{report.period.start.isoformat()} to {report.period.end.isoformat()}",
        _hour_line(report.settings),
    ]
    if due.due_on is not None:
        last = f"; the last one was as of {due.last_as_of.isoformat()}" if due.last_as_of else ""
        cadence = code_label(report.settings.cadence)
        day = due.due_on.isoformat()
        if due.is_overdue:
            when = f"The {cadence} review is overdue since {day}"
        elif due.is_due:
            when = f"The {cadence} review is due today ({day})"
        else:
            when = f"Next {cadence} review due {day}"
        lines.append(f"{when}{last}.")
    if not groups and report.as_of < due.today:
        lines += [
            "",
            f"No membership had begun by {report.as_of.isoformat()}: groups joined after that "
            "day, or added after it without a join date, are left out.",
        ]
        return "\n".join(lines)
    if not groups:
        lines += ["", "No current memberships to review. Add one with: journal group add NAME"]
        return "\n".join(lines)
    for review in groups:
        lines += ["", group_text(review, detailed)]
    return "\n".join(lines)


def _hour_line(settings: ReviewSettings) -> str:
    hour = settings.hour_value
    if hour is None:
        return (
            "Value of an hour: not set, so time is not weighed against money "
            "(journal settings set hour-value AMOUNT CURRENCY)."
        )
    return f"Value of an hour: {format_money(hour.amount, hour.currency)}."


def _money_list(money: dict[str, Any]) -> str:
    from journal.core.recommend import money_text

    return money_text(money)


def figures_lines(b: Balance) -> list[tuple[str, str]]:
    """The balance as label-value pairs for people."""
    from journal.core.recommend import hours_text

    h = b.hours
    time = (
        f"{hours_text(h.total)} (meetings {hours_text(h.meetings)}, travel "
        f"{hours_text(h.travel)}, role {hours_text(h.role)})"
    )
    if b.hour_value is not None and b.time_cost is not None:
        time += f", worth {format_money(b.time_cost, b.hour_value.currency)}"
    m = b.meetings
    parts = [f"{m.recorded} recorded"] + [
        f"{count} {label}"
        for count, label in (
            (m.attended, "attended"),
            (m.substitute, ATTENDANCE_WORDS["substitute"]),
            (m.missed, "missed"),
            (m.excused, "excused"),
        )
        if count
    ]
    meetings = ", ".join(parts)
    if m.expected is not None:
        meetings += f"; about {m.expected} expected"
    r = b.ratings
    if r.rated:
        meetings += f"; rated {r.worth_it} worth it, {r.so_so} so-so, {r.waste} waste"
    attendance = window_text(b.attendance)
    returns = [
        f"{counted(b.referrals_received, 'referral')} received, {b.referrals_given} given",
        f"business {_money_list(b.business)}" if b.business else "no business",
    ]
    if b.estimated:
        returns.append(f"estimated {_money_list(b.estimated)}")
    if b.introductions:
        returns.append(counted(b.introductions, "introduction"))
    if b.learning:
        returns.append(f"{counted(b.learning, 'thing')} learnt")
    people = (
        f"{counted(len(b.relationships), 'member')} in touch outside meetings (last "
        f"{counted(b.relationship_months, 'month')}), support "
        f"{counted(b.support_received, 'time')}, "
        f"{counted(len(b.new_contacts), 'new contact')} first met there"
    )
    return [
        ("Time", time),
        ("Money", f"{_money_list(b.dues)} of dues" if b.dues else "no dues"),
        ("Meetings", meetings),
        ("Attendance", attendance),
        ("Returns", "; ".join(returns)),
        ("People", people),
    ]


def group_text(review: GroupReview, detailed: bool = False) -> str:
    """One membership's section of `journal review`."""
    verdict = review.recommendation
    title = f"{review.name} (#{review.group_id}): {code_label(verdict.code).upper()}"
    lines = [title, _indent(field_lines(figures_lines(review.balance)))]
    lines.append("  Why")
    lines += [f"    {_MARKS.get(r.stance, '·')} {r.message}" for r in verdict.reasons]
    if "no_join_date" in verdict.codes():
        lines.append(f"    To set it: journal group edit {review.group_id} --joined YYYY-MM-DD")
    if review.people:
        lines.append("  People to keep")
        table = text_table(
            ("ID", "NAME", "IN TOUCH", "LAST", "SUPPORT IN/OUT", "STAY IN TOUCH"),
            [
                (
                    str(p.contact_id),
                    p.name,
                    str(p.touches),
                    iso_day(p.last_on) or "",
                    f"{p.support_received}/{p.support_given}",
                    _cadence(p.stay_in_touch_days, p.suggested_days),
                )
                for p in review.people
            ],
        )
        lines.append(_indent(table, 4))
    if detailed:
        if review.upcoming:
            days = ", ".join(
                m.day.isoformat() + (f" ({attendance_word(m.attendance)})" if m.attendance else "")
                for m in review.upcoming
            )
            lines.append(f"  Next meetings  {days}")
        if review.trend:
            lines.append("  By quarter")
            lines.append(_indent(_trend_table(review.trend), 4))
    return "\n".join(lines)


def _cadence(current: int | None, suggested: int) -> str:
    if current is not None:
        return f"every {counted(current, 'day')}"
    return f"every {counted(suggested, 'day')} (suggested)"


def _trend_table(points: list[Balance]) -> str:
    from journal.core.periods import quarter_label
    from journal.core.recommend import hours_text

    return text_table(
        ("QUARTER", "HOURS", "COSTS", "BUSINESS", "ATTENDANCE"),
        [
            (
                quarter_label(p.period),
                hours_text(p.hours.total),
                _money_list(p.costs) if p.costs else "",
                _money_list(p.business) if p.business else "",
                f"{p.meetings.pct}%" if p.meetings.pct is not None else "",
            )
            for p in points
        ],
    )


def _indent(text: str, spaces: int = 2) -> str:
    return "\n".join((" " * spaces + line) if line else line for line in text.splitlines())


# ---------------------------------------------------------------- recording


def _decide(args: argparse.Namespace) -> Output:
    from journal.core.review import DecisionDraft, ReviewDraft, record_review

    decision = DecisionDraft(
        group_id=resolve_group(args.group),
        decision=as_code(args.decision),
        note=args.note,
        apply_status=args.apply_status,
    )
    draft = ReviewDraft([decision], as_of=parse_day("as of", args.as_of))
    review_id = record_review(draft).value
    return _recorded(review_id)


def _record(args: argparse.Namespace) -> Output:
    from journal.core.review import record_review

    review_id = record_review(review_draft_from_json(_read_json(args.json_file))).value
    return _recorded(review_id)


def _read_json(name: str) -> object:
    where = "standard input" if name == "-" else name
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except OSError as error:
        raise JournalError(f"{where}: cannot read it ({error.strerror or error})") from None
    try:
        return json.loads(text)
    except ValueError as error:
        raise JournalError(f"{where}: not JSON ({error})") from None


def review_draft_from_json(data: object) -> Any:
    """A ReviewDraft from the JSON of `journal review record` (documented in README.md)."""
    from journal.core import validate
    from journal.core.keep_in_touch import MAX_DAYS
    from journal.core.recommend import DECISIONS
    from journal.core.review import DecisionDraft, ReviewDraft

    if not isinstance(data, dict):
        raise ValidationError("review", "the file must hold one JSON object")
    unknown = set(data) - {"as_of", "notes", "decisions", "stay_in_touch"}
    if unknown:
        raise ValidationError("review", f"unknown key '{sorted(unknown)[0]}'")
    decisions = data.get("decisions")
    if not isinstance(decisions, list):
        raise ValidationError("decisions", "must be a list of decisions")
    drafts = []
    for index, item in enumerate(decisions):  # counted from 0, as JSON paths are (jq, the archive)
        where = f"decisions[{index}]"
        if not isinstance(item, dict) or "group" not in item or "decision" not in item:
            raise ValidationError(where, 'must be an object with "group" and "decision"')
        decision = as_code(_text(f"{where}.decision", item["decision"]))
        # Checked here, not only in the core, so the message says which decision it is.
        validate.choice(f"{where}.decision", decision, DECISIONS)
        drafts.append(
            DecisionDraft(
                group_id=_named(f"{where}.group", resolve_group, item["group"]),
                decision=decision,
                note=_text(f"{where}.note", item.get("note", "")),
                apply_status=_flag(f"{where}.apply_status", item.get("apply_status", False)),
            )
        )
    stay: dict[int, int] = {}
    people = data.get("stay_in_touch", [])
    if not isinstance(people, list):
        raise ValidationError("stay_in_touch", "must be a list")
    for index, item in enumerate(people):
        where = f"stay_in_touch[{index}]"
        if not isinstance(item, dict) or "contact" not in item or "days" not in item:
            raise ValidationError(where, 'must be an object with "contact" and "days"')
        days = item["days"]
        if isinstance(days, bool) or not isinstance(days, int):
            raise ValidationError(f"{where}.days", f"must be a whole number, not {days!r}")
        # Checked here too, so the message says which entry it is (as for decisions).
        validate.int_range(f"{where}.days", days, 1, MAX_DAYS)
        contact_id = _named(f"{where}.contact", resolve_contact, item["contact"])
        if contact_id in stay:  # the last would have won without a word
            raise ValidationError(f"{where}.contact", f"#{contact_id} is listed twice")
        stay[contact_id] = days
    as_of = data.get("as_of")
    return ReviewDraft(
        decisions=drafts,
        as_of=parse_day("as_of", _text("as_of", as_of)) if as_of is not None else None,
        notes=_text("notes", data.get("notes", "")),
        stay_in_touch=stay,
    )


def _named(field: str, resolve: Callable[[str], int], value: object) -> int:
    """A group or contact named in the file; an unknown one is refused where it is."""
    try:
        return resolve(str(value))
    except ValidationError as error:  # an empty name: the file's place replaces the field
        raise ValidationError(field, error.problem) from None
    except NotFoundError as error:
        raise ValidationError(field, str(error)) from None


def _text(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {value!r}")
    return value


def _flag(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(field, f"must be true or false, not {value!r}")
    return value


def _recorded(review_id: int) -> Output:
    from journal.core.review import past_review

    review = past_review(review_id)
    decided = "; ".join(f"{d.group_name}: {d.decision}" for d in review.decisions)
    return Output(past_review_json(review), f"Recorded review #{review_id}: {decided}.")


# ---------------------------------------------------------------- past reviews


def past_review_json(review: PastReview) -> JsonObject:
    """A past review: `review list`, `review show`, and what `review decide` prints."""
    return {
        "id": review.id,
        "held_at": iso_instant(review.held_at),
        "as_of": review.as_of.isoformat(),
        "notes": review.notes,
        "decisions": [past_decision_json(d) for d in review.decisions],
    }


def past_decision_json(d: PastDecision) -> JsonObject:
    """One decision of a past review, with the figures and reasons stored with it."""
    return {
        "review": {"id": d.review_id, "as_of": d.as_of.isoformat()},
        "group": {"id": d.group_id, "name": d.group_name},
        "recommendation": d.recommendation,
        "decision": d.decision,
        "note": d.note,
        "reasons": d.reasons,
        "figures": d.figures,
    }


def _list(args: argparse.Namespace) -> Output:
    from journal.core.review import past_reviews

    reviews = past_reviews()
    data = [past_review_json(r) for r in reviews]
    if not reviews:
        return Output(data, "No review recorded yet. See where you stand with: journal review")
    table = text_table(
        ("ID", "AS OF", "HELD", "DECISIONS"),
        [
            (
                str(r.id),
                r.as_of.isoformat(),
                local_time(r.held_at),
                "; ".join(_decision_words(d) for d in r.decisions),
            )
            for r in reviews
        ],
    )
    return Output(data, table)


def _decision_words(d: PastDecision) -> str:
    from journal.core.recommend import follows

    suggested = code_label(d.recommendation)
    overruled = "" if follows(d.decision, d.recommendation) else f" (suggested {suggested})"
    return f"{d.group_name}: {code_label(d.decision)}{overruled}"


def _show(args: argparse.Namespace) -> Output:
    from journal.core.review import past_review

    number = parse_whole("review", args.review.lstrip("#"))
    review = past_review(number if number is not None else -1)
    lines = [f"Review #{review.id} as of {review.as_of.isoformat()}"]
    if review.notes:
        lines.append(review.notes)
    for d in review.decisions:
        lines += ["", _past_decision_text(d)]
    return Output(past_review_json(review), "\n".join(lines))


def _dig(figures: dict[str, object], *path: str) -> Any:
    """A value deep in stored figures, or None where the path is missing (older figures)."""
    value: Any = figures
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _past_decision_text(d: PastDecision) -> str:
    pct = _dig(d.figures, "attendance", "pct")
    relationships = _dig(d.figures, "returns", "relationships")
    pairs = [
        ("Suggested", code_label(d.recommendation)),
        ("Decided", code_label(d.decision)),
        ("Note", d.note),
        ("Hours", _stored_hours(d.figures)),
        ("Costs", _stored_money(_dig(d.figures, "costs"))),
        ("Business", _stored_money(_dig(d.figures, "returns", "business"))),
        ("Attendance", f"{pct}%" if pct is not None else ""),
        (
            "In touch with",
            counted(len(relationships), "member") if isinstance(relationships, list) else "",
        ),
    ]
    reasons = [
        f"    {_MARKS.get(str(r.get('stance')), '·')} {r.get('message', '')}"
        for r in d.reasons
        if isinstance(r, dict)
    ]
    return "\n".join([f"{d.group_name} (#{d.group_id})", _indent(field_lines(pairs)), *reasons])


def _stored_hours(figures: dict[str, object]) -> str:
    """Stored hours ("74.0") as `journal review` prints them ("74 h"); "" where missing."""
    from journal.core.recommend import hours_text

    try:
        hours = Decimal(str(_dig(figures, "hours", "total")))
    except InvalidOperation:
        return ""
    return hours_text(hours) if hours.is_finite() else ""


def _stored_money(value: object) -> str:
    if not isinstance(value, list):
        return ""
    parts = []
    for item in value:
        if not isinstance(item, dict):
            continue
        try:
            amount = Decimal(str(item.get("amount")))
        except InvalidOperation:
            continue
        parts.append(format_money(amount, str(item.get("currency", ""))))
    return ", ".join(parts)


def _history(args: argparse.Namespace) -> Output:
    from journal.core.review import decision_history

    group_id = resolve_group(args.group)
    decisions = decision_history(group_id)
    data = [past_decision_json(d) for d in decisions]
    if not decisions:
        return Output(data, "No review has decided about this group yet.")

    table = text_table(
        ("AS OF", "SUGGESTED", "DECIDED", "HOURS", "COSTS", "BUSINESS", "ATTENDANCE", "NOTE"),
        [
            (
                d.as_of.isoformat(),
                code_label(d.recommendation),
                code_label(d.decision),
                _stored_hours(d.figures),
                _stored_money(_dig(d.figures, "costs")),
                _stored_money(_dig(d.figures, "returns", "business")),
                f"{_dig(d.figures, 'attendance', 'pct')}%"
                if _dig(d.figures, "attendance", "pct") is not None
                else "",
                d.note,
            )
            for d in decisions
        ],
    )
    return Output(data, table)


# ---------------------------------------------------------------- settings


def settings_json(settings: ReviewSettings) -> JsonObject:
    """The review's settings: part of `journal settings --json`, and those a review used."""
    hour = settings.hour_value
    return {
        "hour_value": {"amount": str(hour.amount), "currency": hour.currency} if hour else None,
        "review_cadence": settings.cadence,
        "relationship_months": settings.relationship_months,
        "review_months": settings.lookback_months,
    }


def _settings_output(settings: ReviewSettings) -> Output:
    hour = settings.hour_value
    desktop, desktop_lines = desktop_settings()  # quick add's and the desktop's
    text = field_lines(
        [
            ("hour-value", format_money(hour.amount, hour.currency) if hour else "not set"),
            ("review-cadence", settings.cadence.replace("_", "-")),
            ("relationship-months", str(settings.relationship_months)),
            ("review-months", str(settings.lookback_months)),
            *desktop_lines,
        ]
    )
    return Output({**settings_json(settings), **desktop}, text)


def _settings(args: argparse.Namespace) -> Output:
    from journal.core.settings import load_settings

    return _settings_output(load_settings())


def _set(args: argparse.Namespace) -> Output:
    from journal.core.settings import REVIEW_CADENCES, draft_of, load_settings, save_settings

    draft = draft_of(load_settings())
    name = as_code(args.name)
    values: list[str] = args.values
    if change_desktop_setting(name, values, getattr(args, "home", None)):
        return _settings_output(load_settings())
    if name == "hour_value":
        if len(values) == 1 and values[0].strip().lower() in ("none", "off", ""):
            draft.hour_amount, draft.hour_currency = None, ""
        elif len(values) == 2:
            draft.hour_amount, draft.hour_currency = values
        else:
            raise ValidationError("hour-value", "give an amount and a currency (80 EUR), or none")
    elif len(values) != 1:
        raise ValidationError(args.name, "takes one value")
    elif name == "review_cadence":
        draft.cadence = as_code(values[0])
        if draft.cadence not in REVIEW_CADENCES:
            # Listed as typed here and shown by `settings` (twice-yearly), not as stored.
            known = ", ".join(code.replace("_", "-") for code in REVIEW_CADENCES)
            raise ValidationError("review-cadence", f"'{values[0]}' is not one of: {known}")
    elif name == "relationship_months":
        months = parse_whole("relationship-months", values[0])
        draft.relationship_months = months if months is not None else 0
    elif name == "review_months":
        months = parse_whole("review-months", values[0])
        draft.lookback_months = months if months is not None else 0
    else:
        raise ValidationError(
            "setting",
            f"'{args.name}' is not one of: hour-value, review-cadence, relationship-months, "
            "review-months, default-currency, start-at-login",
        )
    return _settings_output(save_settings(draft).value)
