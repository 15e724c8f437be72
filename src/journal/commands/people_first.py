"""`journal today`, `followup`, `introduce`, `suggestions`, `keep-in-touch` and `digest`:
following up, staying in touch and giving first, from a terminal or a script."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from journal.commands.common import (
    JsonObject,
    Output,
    Subparsers,
    add_command,
    attendance_word,
    code_label,
    counted,
    iso_day,
    iso_instant,
    parse_day,
    parse_instant,
    parse_whole,
    resolve_contact,
    text_table,
)
from journal.core.clock import SYSTEM_CLOCK
from journal.core.contact_queries import contact_names
from journal.core.errors import ValidationError

if TYPE_CHECKING:
    from journal.core.followups import FollowUpRow
    from journal.core.introductions import Suggestion
    from journal.core.keep_in_touch import TouchRow
    from journal.core.today import NewPerson
    from journal.core.upcoming import UpcomingMeeting


_FOLLOW_UP_ID = "the follow-up's number, as `journal followup list` shows it"


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """The people-first commands."""
    add_command(subparsers, parent, "today", "what needs attention today", _today, reads_only=True)

    followup = add_command(subparsers, parent, "followup", "things to do for someone by a date")
    actions = followup.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = add_command(actions, parent, "add", "plan a follow-up", _followup_add)
    add.add_argument("contact", metavar="CONTACT", help="id or exact name")
    add.add_argument("text", nargs="*", metavar="TEXT", help="what to do")
    add.set_defaults(trailing_words="text")
    _when(add, "--due", "the day it is due")
    listing = add_command(
        actions, parent, "list", "open follow-ups, soonest first", _list, reads_only=True
    )
    listing.add_argument("--all", action="store_true", help="include done ones")
    listing.add_argument("--contact", metavar="CONTACT", help="only this person's")
    done = add_command(actions, parent, "done", "mark a follow-up done", _done)
    done.add_argument("id", type=int, metavar="ID", help=_FOLLOW_UP_ID)
    done.add_argument("--undo", action="store_true", help="open it again")
    snooze = add_command(actions, parent, "snooze", "put a follow-up off", _snooze)
    snooze.add_argument("id", type=int, metavar="ID", help=_FOLLOW_UP_ID)
    # --in too, as `followup add` and `reschedule` take it: "snooze --in 3d" is as natural.
    _when(snooze, "--until", "show it again on this day", span_flags=("--for", "--in"))
    move = add_command(actions, parent, "reschedule", "change the due date", _reschedule)
    move.add_argument("id", type=int, metavar="ID", help=_FOLLOW_UP_ID)
    _when(move, "--due", "the new due date")
    delete = add_command(actions, parent, "delete", "forget a follow-up", _delete)
    delete.add_argument("id", type=int, metavar="ID", help=_FOLLOW_UP_ID)

    introduce = add_command(
        subparsers, parent, "introduce", "log that you introduced two people", _introduce
    )
    introduce.add_argument("first", metavar="CONTACT", help="id or exact name")
    introduce.add_argument("second", metavar="CONTACT", help="id or exact name")
    introduce.add_argument("summary", nargs="*", metavar="SUMMARY", help="quotes optional")
    introduce.set_defaults(trailing_words="summary")
    introduce.add_argument("--when", metavar="DATE[THH:MM]", help="default: now")
    introduce.add_argument("--notes")

    suggest = add_command(
        subparsers,
        parent,
        "suggestions",
        "introductions worth making, best first",
        _suggestions,
        reads_only=True,
    )
    suggest.add_argument("--limit", type=int, default=20, metavar="N", help="(default 20)")
    suggest.add_argument("--contact", metavar="CONTACT", help="only those involving this person")
    # Optional: `journal suggestions` alone lists them.
    suggest_actions = suggest.add_subparsers(dest="action", metavar="[ACTION]")
    dismiss = add_command(suggest_actions, parent, "dismiss", "do not suggest this again", _dismiss)
    dismiss.add_argument("needer", metavar="NEEDER", help="who needs (id or exact name)")
    dismiss.add_argument("offerer", metavar="OFFERER", help="who offers (id or exact name)")
    dismiss.add_argument("need", metavar="NEED", help="the need, as shown")

    touch = add_command(subparsers, parent, "keep-in-touch", "who is due a word, and how often")
    touch_actions = touch.add_subparsers(dest="action", metavar="ACTION", required=True)
    touch_list = add_command(
        touch_actions,
        parent,
        "list",
        "due and overdue, the longest overdue first",
        _touch_list,
        reads_only=True,
    )
    touch_list.add_argument("--all", action="store_true", help="everyone with a rhythm")
    touch_snooze = add_command(
        touch_actions, parent, "snooze", "no reminder about someone until a day", _touch_snooze
    )
    touch_snooze.add_argument("contact", metavar="CONTACT", help="id or exact name")
    touch_snooze.add_argument(
        "--new", action="store_true", help="snooze the new-person nudge instead"
    )
    _when(touch_snooze, "--until", "remind again on this day", span_flags=("--for", "--in"))
    add_command(
        touch_actions,
        parent,
        "defaults",
        "the rhythms by stage and tag",
        _defaults,
        reads_only=True,
    )
    setter = add_command(
        touch_actions, parent, "set", "a stage's or tag's rhythm (or the new-person nudge)", _set
    )
    which = setter.add_mutually_exclusive_group(required=True)
    which.add_argument("--stage", help="e.g. friend, client, or a stage of your own")
    which.add_argument("--tag", help="a tag")
    which.add_argument(
        "--new-people", action="store_true", help="days after meeting someone before a nudge"
    )
    setter.add_argument("days", metavar="DAYS", help="a number of days, or 'none'")
    reset = add_command(touch_actions, parent, "reset", "a stage's built-in rhythm", _reset)
    reset.add_argument("--stage", required=True)

    digest = add_command(
        subparsers,
        parent,
        "digest",
        "the daily digest and when it comes",
        _digest,
        reads_only=_only_shows_the_digest,
    )
    digest.add_argument("--time", metavar="HH:MM", help="when the desktop app shows it")
    switch = digest.add_mutually_exclusive_group()
    switch.add_argument(
        "--on", dest="enabled", action="store_const", const=True, help="show it every day"
    )
    switch.add_argument(
        "--off", dest="enabled", action="store_const", const=False, help="stop showing it"
    )


def _when(
    parser: argparse.ArgumentParser,
    flag: str,
    summary: str,
    *,
    span_flags: tuple[str, ...] = ("--in",),
) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument(flag, dest="day", metavar="DATE", help=f"{summary} (YYYY-MM-DD)")
    group.add_argument(
        *span_flags, dest="span", metavar="SPAN", help="from today: 3d, 2w, 1m or 1y"
    )


def _day_or_span(args: argparse.Namespace, field: str) -> dt.date:
    from journal.core.followups import parse_offset

    if args.day is not None:
        day = parse_day(field, args.day)
        if day is None:
            raise ValidationError(field, "is required")
        return day
    return parse_offset(field, args.span, SYSTEM_CLOCK.today())


# ---------------------------------------------------------------- JSON shapes


def _person(contact_id: int | None, name: str) -> JsonObject | None:
    return {"id": contact_id, "name": name} if contact_id is not None else None


def followup_json(row: FollowUpRow, today: dt.date) -> JsonObject:
    """A follow-up."""
    return {
        "id": row.id,
        "contact": _person(row.contact_id, row.contact_name),
        "text": row.text,
        "due_on": iso_day(row.due_on),
        "snoozed_until": iso_day(row.snoozed_until),
        "shows_on": iso_day(row.shows_on),
        "status": row.status(today).value,
        "days_overdue": row.days_overdue(today) if row.done_at is None else 0,
        "done_at": iso_instant(row.done_at),
        "interaction_id": row.interaction_id,
        "created_at": iso_instant(row.created_at),
    }


def touch_json(row: TouchRow) -> JsonObject:
    """One person against their rhythm."""
    return {
        "contact": _person(row.contact_id, row.name),
        "stage": row.stage,
        "every_days": row.cadence_days,
        "rhythm_from": row.source,
        "last_contact_on": iso_day(row.last_contact_on),
        "due_on": iso_day(row.due_on),
        "days_left": row.days_left,
        "grade": row.grade.value,
        "snoozed_until": iso_day(row.snoozed_until),
    }


def _new_json(person: NewPerson) -> JsonObject:
    return {
        "contact": _person(person.contact_id, person.name),
        "met_on": iso_day(person.met_on),
        "where_met": person.where_met,
        "days_since": person.days_since,
    }


def suggestion_json(s: Suggestion) -> JsonObject:
    """An introduction worth making."""
    return {
        "needer": _person(s.needer_id, s.needer_name),
        "need": s.need,
        "offerer": _person(s.offerer_id, s.offerer_name),
        "offer": s.offer,
        "match": s.match,
        "score": s.score,
    }


def _meeting_json(m: UpcomingMeeting) -> JsonObject:
    return {
        "group": {"id": m.group_id, "name": m.group_name},
        "date": iso_day(m.on),  # as a group's `upcoming_meetings` and the review's
        "cadence": m.cadence,
        "last_meeting_on": iso_day(m.last_meeting_on),
        "attendance": m.attendance,
    }


# ---------------------------------------------------------------- text


def due_text(row: FollowUpRow, today: dt.date) -> str:
    """When a follow-up is due, as a list says it: "3 days overdue", "today", a day."""
    late = row.days_overdue(today)
    if row.done_at is not None:
        return "done " + row.done_at.astimezone().date().isoformat()
    if late:
        return f"{counted(late, 'day')} overdue"
    if row.shows_on == today:
        return "today"
    return row.shows_on.isoformat() + (" (snoozed)" if row.shows_on != row.due_on else "")


def _followup_table(rows: list[FollowUpRow], today: dt.date) -> str:
    return text_table(
        ("ID", "DUE", "WITH", "TO DO"),
        [(str(r.id), due_text(r, today), r.contact_name, r.text) for r in rows],
    )


def touch_text(row: TouchRow) -> str:
    """Where someone stands against their rhythm: "due in 3 days", "5 days overdue"."""
    if row.days_left > 0:
        return f"due in {counted(row.days_left, 'day')}"
    if row.days_left == 0:
        return "due today"
    return f"{counted(-row.days_left, 'day')} overdue"


def _touch_table(rows: list[TouchRow]) -> str:
    return text_table(
        ("ID", "NAME", "EVERY", "LAST CONTACT", "STATUS"),
        [
            (
                str(r.contact_id),
                r.name,
                f"{r.cadence_days} days",
                iso_day(r.last_contact_on) or "never",
                touch_text(r) + (f", snoozed until {r.snoozed_until}" if r.snoozed_until else ""),
            )
            for r in rows
        ],
    )


def _suggestion_table(rows: list[Suggestion]) -> str:
    return text_table(
        ("INTRODUCE", "WHO NEEDS", "TO", "WHO OFFERS", "MATCH"),
        [
            (
                f"{s.needer_name} (#{s.needer_id})",
                s.need,
                f"{s.offerer_name} (#{s.offerer_id})",
                s.offer,
                f"{round(s.match * 100)}%",
            )
            for s in rows
        ],
    )


# ---------------------------------------------------------------- handlers


def _today(args: argparse.Namespace) -> Output:
    from journal.core.today import today_snapshot

    snap = today_snapshot(SYSTEM_CLOCK)
    data = {
        "today": iso_day(snap.today),
        "followups": [followup_json(r, snap.today) for r in snap.followups],
        "fading": [touch_json(r) for r in snap.fading],
        "new_people": [_new_json(p) for p in snap.new_people],
        "introductions": [suggestion_json(s) for s in snap.introductions],
        "meetings": [_meeting_json(m) for m in snap.meetings],
        "review": (
            {
                "due_on": iso_day(snap.review.due_on),
                "last_as_of": iso_day(snap.review.last_as_of),
                "cadence": snap.review.cadence,
            }
            if snap.review is not None
            else None
        ),
    }
    if snap.is_empty:
        return Output(data, "Nothing needs you today.")
    parts: list[str] = []
    if snap.followups:
        parts.append("Follow-ups due\n" + _followup_table(snap.followups, snap.today))
    if snap.fading:
        shown = snap.fading[:20]
        more = len(snap.fading) - len(shown)
        parts.append(
            "Fading relationships\n"
            + _touch_table(shown)
            + (f"\n… and {more} more (journal keep-in-touch list)" if more else "")
        )
    if snap.new_people:
        parts.append(
            "New people to follow up\n"
            + text_table(
                ("ID", "NAME", "MET", "WHERE"),
                [
                    (
                        str(p.contact_id),
                        p.name,
                        f"{p.met_on} ({p.days_since} days ago)",
                        p.where_met,
                    )
                    for p in snap.new_people
                ],
            )
        )
    if snap.introductions:
        parts.append("Introductions worth making\n" + _suggestion_table(snap.introductions))
    if snap.meetings:
        parts.append(
            "Group meetings coming up\n"
            + text_table(
                ("ID", "GROUP", "ON", "ATTENDANCE"),
                [
                    (
                        str(m.group_id),
                        m.group_name,
                        m.on.strftime("%a %Y-%m-%d"),
                        attendance_word(m.attendance) if m.attendance else "",
                    )
                    for m in snap.meetings
                ],
            )
        )
    if snap.review is not None:
        review = snap.review
        when = f"overdue since {review.due_on}" if review.is_overdue else "due today"
        parts.append(f"Review due\nThe periodic review of your groups is {when} (journal review).")
    return Output(data, "\n\n".join(parts))


def _followup_add(args: argparse.Namespace) -> Output:
    from journal.core.followups import FollowUpDraft, add_followup, followup_row

    contact_id = resolve_contact(args.contact)
    due = _day_or_span(args, "due date")
    new_id = add_followup(FollowUpDraft(due, " ".join(args.text), contact_id)).value
    row = followup_row(new_id)
    today = SYSTEM_CLOCK.today()
    return Output(
        followup_json(row, today),
        f"Follow-up #{new_id} with {row.contact_name}, due {row.due_on.isoformat()}.",
    )


def _list(args: argparse.Namespace) -> Output:
    from journal.core.followups import all_followups

    contact_id = resolve_contact(args.contact) if args.contact else None
    rows = all_followups(contact_id=contact_id, include_done=args.all)
    today = SYSTEM_CLOCK.today()
    data = [followup_json(r, today) for r in rows]
    if not rows:
        return Output(data, "No follow-ups." if args.all else "No open follow-ups.")
    return Output(data, f"{_followup_table(rows, today)}\n{counted(len(rows), 'follow-up')}")


def _one(followup_id: int, message: str) -> Output:
    from journal.core.followups import followup_row

    row = followup_row(followup_id)
    return Output(followup_json(row, SYSTEM_CLOCK.today()), message.format(row=row))


def _done(args: argparse.Namespace) -> Output:
    from journal.core.followups import complete_followup, followup_row, reopen_followup

    # Said apart, so a second "done" (or "--undo") does not read as if it changed anything.
    done_before = followup_row(args.id).done_at
    if args.undo:
        reopen_followup(args.id)
        if done_before is None:
            return _one(args.id, "Follow-up #{row.id} was not done; it stays open.")
        return _one(args.id, "Follow-up #{row.id} is open again.")
    complete_followup(args.id)
    if done_before is not None:
        day = done_before.astimezone().date().isoformat()
        return _one(args.id, f"Follow-up #{{row.id}} was already done on {day}.")
    return _one(args.id, "Follow-up #{row.id} done.")


def _snooze(args: argparse.Namespace) -> Output:
    from journal.core.followups import snooze_followup

    snooze_followup(args.id, _day_or_span(args, "snooze until"))
    return _one(args.id, "Follow-up #{row.id} snoozed until {row.shows_on}.")


def _reschedule(args: argparse.Namespace) -> Output:
    from journal.core.followups import reschedule_followup

    reschedule_followup(args.id, _day_or_span(args, "due date"))
    return _one(args.id, "Follow-up #{row.id} now due {row.due_on}.")


def _delete(args: argparse.Namespace) -> Output:
    from journal.core.followups import delete_followup, followup_row

    # As `entry delete` and `meeting delete`: what was deleted, in its own shape.
    deleted = {**followup_json(followup_row(args.id), SYSTEM_CLOCK.today()), "deleted": True}
    delete_followup(args.id)
    return Output(deleted, f"Follow-up #{args.id} deleted.")


def _introduce(args: argparse.Namespace) -> Output:
    from journal.commands.common import entries_json
    from journal.core.introductions import introduce
    from journal.core.timeline import timeline_row

    first, second = resolve_contact(args.first), resolve_contact(args.second)
    when = parse_instant(args.when) if args.when else None
    entry_id = introduce(
        first,
        second,
        SYSTEM_CLOCK,
        summary=" ".join(args.summary),
        notes=args.notes or "",
        when=when,
    ).value
    # By its id: looked for among the first person's latest 50 entries, one dated earlier
    # than those was saved and then not found (a traceback, and a retry saved it twice).
    row = timeline_row(entry_id)
    names = contact_names([first, second])
    said = f"Introduced {names[first]} to {names[second]}"
    # The summary is what happened in the user's words: who was introduced, said too.
    text = row.summary if row.summary == said else f"{said}: {row.summary}"
    return Output(entries_json([row])[0], f"{text} (#{entry_id}).")


def _suggestions(args: argparse.Namespace) -> Output:
    from journal.core.introductions import suggestions

    if args.limit < 1:
        raise ValidationError("limit", f"must be at least 1 (got {args.limit})")
    contact_id = resolve_contact(args.contact) if args.contact else None
    rows = suggestions(SYSTEM_CLOCK, limit=args.limit, contact_id=contact_id)
    data = [suggestion_json(s) for s in rows]
    if not rows:
        return Output(data, "No introductions to suggest: note what people need and offer.")
    return Output(data, _suggestion_table(rows))


def _dismiss(args: argparse.Namespace) -> Output:
    from journal.core.introductions import dismiss_suggestion, need_key

    needer, offerer = resolve_contact(args.needer), resolve_contact(args.offerer)
    dismiss_suggestion(needer, offerer, args.need)
    names = contact_names([needer, offerer])
    data = {
        "needer": _person(needer, names[needer]),
        "offerer": _person(offerer, names[offerer]),
        "need": need_key(args.need),
        "dismissed": True,
    }
    return Output(data, "Dismissed; it will not be suggested again.")


def _touch_list(args: argparse.Namespace) -> Output:
    from journal.core.keep_in_touch import fading, touch_rows

    rows = touch_rows(SYSTEM_CLOCK) if args.all else fading(SYSTEM_CLOCK)
    data = [touch_json(r) for r in rows]
    if not rows:
        return Output(data, "Nobody is due a word.")
    return Output(data, f"{_touch_table(rows)}\n{counted(len(rows), 'person')}")


def _touch_snooze(args: argparse.Namespace) -> Output:
    from journal.core.keep_in_touch import REMINDER, snooze_reminder

    contact_id = resolve_contact(args.contact)
    until = _day_or_span(args, "snooze until")
    reminder = "new_contact" if args.new else REMINDER
    snooze_reminder(contact_id, until, SYSTEM_CLOCK, reminder=reminder)
    data = {
        "contact": _person(contact_id, contact_names([contact_id])[contact_id]),
        "reminder": reminder,
        "snoozed_until": iso_day(until),
    }
    return Output(data, f"No reminder until {until.isoformat()}.")


def _defaults_output() -> Output:
    from journal.core.keep_in_touch import cadence_defaults
    from journal.core.today import new_contact_days

    defaults = cadence_defaults()
    data: dict[str, Any] = {
        "stages": defaults.by_stage,
        "tags": defaults.by_tag,
        "new_people_after_days": new_contact_days(),
    }
    lines = [
        ("stage " + code_label(k), f"{v} days" if v else "no reminder")
        for k, v in sorted(defaults.by_stage.items())
    ]
    lines += [(f"tag #{k}", f"{v} days") for k, v in sorted(defaults.by_tag.items())]
    lines.append(("new people", f"nudge after {new_contact_days()} days"))
    return Output(data, text_table(("RHYTHM FOR", "EVERY"), lines))


def _defaults(args: argparse.Namespace) -> Output:
    return _defaults_output()


def _set(args: argparse.Namespace) -> Output:
    from journal.core.keep_in_touch import set_stage_cadence, set_tag_cadence
    from journal.core.today import set_new_contact_days

    none = args.days.strip().casefold() in ("none", "off", "")
    days = None if none else parse_whole("days", args.days)
    if args.new_people:
        set_new_contact_days(days if days is not None else 0)
    elif args.stage:
        set_stage_cadence(args.stage.strip().lower().replace(" ", "_"), days)
    else:
        set_tag_cadence(args.tag, days)
    return _defaults_output()


def _reset(args: argparse.Namespace) -> Output:
    from journal.core.keep_in_touch import reset_stage_cadence

    reset_stage_cadence(args.stage.strip().lower().replace(" ", "_"))
    return _defaults_output()


def _only_shows_the_digest(args: argparse.Namespace) -> bool:
    """`digest` alone shows; with --time, --on or --off it changes the settings."""
    return args.time is None and args.enabled is None


def _digest(args: argparse.Namespace) -> Output:
    from journal.core.digest import daily_digest, digest_settings, parse_time, set_digest

    if args.time is not None or args.enabled is not None:
        at = parse_time("digest time", args.time) if args.time is not None else None
        set_digest(enabled=args.enabled, at=at)
    settings = digest_settings()
    digest = daily_digest(SYSTEM_CLOCK)
    data = {
        "enabled": settings.enabled,
        "time": settings.at.strftime("%H:%M"),
        "last_shown_on": iso_day(settings.last_shown_on),
        "today": {
            "followups_due": digest.followups_due,
            "followups_overdue": digest.followups_overdue,
            "fading": digest.fading,
            "new_people": digest.new_people,
            "introductions": digest.introductions,
            "meetings_today": digest.meetings,
            "names": digest.names,
            "review_due": digest.review_due,
        },
    }
    when = f"at {settings.at.strftime('%H:%M')}" if settings.enabled else "off"
    summary = (
        "nothing due"
        if digest.is_empty
        else ", ".join(
            part
            for part in (
                counted(digest.followups_due, "follow-up") + " due" if digest.followups_due else "",
                f"{digest.fading} fading" if digest.fading else "",
                counted(digest.new_people, "new person") if digest.new_people else "",
                counted(digest.meetings, "meeting") + " today" if digest.meetings else "",
                "the review of your groups" if digest.review_due else "",
            )
            if part
        )
    )
    return Output(data, f"Daily digest: {when}.\nToday: {summary}.")
