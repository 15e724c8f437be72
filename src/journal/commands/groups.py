"""`journal group ...` (the groups you belong to, their members) and `journal attend`."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import TYPE_CHECKING

from journal.commands.common import (
    WEEKDAYS,
    JsonObject,
    Output,
    Subparsers,
    add_command,
    apply_meeting_options,
    as_code,
    attendance_text,
    attendance_word,
    code_label,
    counted,
    field_lines,
    format_money,
    iso_amount,
    iso_day,
    meeting_json,
    meeting_on,
    meeting_said,
    parse_day,
    parse_weekday,
    parse_whole,
    resolve_contacts,
    resolve_group,
    text_table,
    window_text,
)
from journal.core.clock import SYSTEM_CLOCK
from journal.core.contact_queries import contact_names
from journal.core.errors import JournalError, UsageError
from journal.core.vocabulary import (
    CADENCES,
    DUES_PERIODS,
    GROUP_KINDS,
    GROUP_STATUSES,
    MEETING_RATINGS,
)

if TYPE_CHECKING:
    from journal.core.balance import AttendanceWindow
    from journal.core.groups import GroupDraft


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`group` with its actions, and `attend`."""
    group = add_command(subparsers, parent, "group", "the groups you belong to")
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    group_add = add_command(actions, parent, "add", "record a group you belong to", _add)
    group_add.add_argument("name", metavar="NAME")
    _group_fields(group_add)
    group_list = add_command(
        actions, parent, "list", "your groups, current ones first", _list, reads_only=True
    )
    group_list.add_argument("--current", action="store_true", help="leave out groups you left")
    group_show = add_command(
        actions, parent, "show", "one group: demands, members, meetings", _show, reads_only=True
    )
    group_show.add_argument("group", metavar="GROUP", help="id or name")
    group_show.add_argument(
        "--meetings",
        type=int,
        default=10,
        metavar="N",
        help="latest N meetings (default 10; 0: all)",
    )
    group_edit = add_command(
        actions, parent, "edit", "change a group (only the options given)", _edit
    )
    group_edit.add_argument("group", metavar="GROUP", help="id or name")
    group_edit.add_argument("--name", help="rename the group")
    group_edit.add_argument("--left", metavar="DATE", help="the day you left (sets status left)")
    _group_fields(group_edit)
    group_delete = add_command(
        actions, parent, "delete", "delete a group and its meetings for good", _delete
    )
    group_delete.add_argument("group", metavar="GROUP", help="id or name")
    group_delete.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    member = add_command(actions, parent, "member", "who else belongs to a group")
    member_actions = member.add_subparsers(dest="member_action", metavar="ACTION", required=True)
    for name, summary, handler in (
        ("add", "note that these contacts belong to the group", _member_add),
        ("remove", "these contacts no longer belong to the group", _member_remove),
    ):
        sub = add_command(member_actions, parent, name, summary, handler)
        sub.add_argument("group", metavar="GROUP", help="id or name")
        sub.add_argument("contacts", nargs="+", metavar="CONTACT", help="ids or exact names")

    attend = add_command(
        subparsers, parent, "attend", "record a group meeting and whether you were there", _attend
    )
    attend.add_argument("group", metavar="GROUP", help="id or name")
    attend.add_argument(
        "--date",
        metavar="DATE",
        help="the meeting day (default: its latest meeting day not recorded yet, else today)",
    )
    presence = attend.add_mutually_exclusive_group()
    for flag, code in (
        ("--attended", "attended"),  # the default for a new day; says so for a recorded one
        ("--missed", "missed"),
        ("--excused", "excused"),
        ("--substitute", "substitute"),
    ):
        presence.add_argument(flag, dest="attendance", action="store_const", const=code)
    attend.add_argument("--rating", help=", ".join(r for r in MEETING_RATINGS if r))
    attend.add_argument(
        "--met",
        action="append",
        metavar="CONTACT",
        help="someone you met there; repeat for several",
    )
    attend.add_argument("--minutes", metavar="N", help="how long it lasted, if unusual")
    attend.add_argument("--notes")


def _group_fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kind", help=", ".join(GROUP_KINDS))
    parser.add_argument("--status", help=", ".join(GROUP_STATUSES))
    parser.add_argument("--joined", metavar="DATE", help="the day you joined")
    parser.add_argument("--cadence", help=", ".join(c for c in CADENCES if c))
    parser.add_argument("--weekday", help="the usual meeting day, e.g. tuesday")
    parser.add_argument("--required-attendance", metavar="PCT", help="0 to 100")
    parser.add_argument("--meeting-minutes", metavar="N", help="how long a meeting lasts")
    parser.add_argument("--travel-minutes", metavar="N", help="travel time per meeting")
    parser.add_argument("--dues", metavar="AMOUNT")
    parser.add_argument("--currency", help="the dues' currency, e.g. USD")
    parser.add_argument("--dues-period", help=", ".join(p for p in DUES_PERIODS if p))
    parser.add_argument("--role", help="your role in the group, if any")
    parser.add_argument("--role-hours", metavar="N", help="hours a month the role takes")
    parser.add_argument("--referral-quota", metavar="N", help="referrals expected a month")
    parser.add_argument("--rules", metavar="TEXT")
    parser.add_argument("--notes")


def _apply_group(draft: GroupDraft, args: argparse.Namespace) -> None:
    """Copy the options given on the command line onto the draft; the rest stays as it is."""
    status = as_code(args.status) if args.status is not None else None
    if status is not None and status != "left":
        if getattr(args, "left", None):
            raise UsageError(
                f"--left says the membership ended; it does not go with --status {status}"
            )
        # Back in a group left before: the day left goes, or the core would read the
        # membership as ended and keep it left ("Updated", and nothing changed).
        draft.left_on = None
    codes = {"kind": "kind", "status": "status", "cadence": "meeting_cadence"}
    for option, attribute in codes.items():
        if getattr(args, option) is not None:
            setattr(draft, attribute, as_code(getattr(args, option)))
    texts = {
        "name": "name",
        "dues_period": "dues_period",
        "currency": "dues_currency",
        "role": "role",
        "rules": "rules",
        "notes": "notes",
    }
    for option, attribute in texts.items():
        value = getattr(args, option, None)
        if value is not None:
            setattr(draft, attribute, value)
    for option, attribute, field in (
        ("joined", "joined_on", "joined"),
        ("left", "left_on", "left"),
    ):
        value = getattr(args, option, None)
        if value is not None:
            setattr(draft, attribute, parse_day(field, value))
    for option, attribute, field in (
        ("required_attendance", "required_attendance_pct", "required attendance %"),
        ("meeting_minutes", "meeting_minutes", "meeting length (minutes)"),
        ("travel_minutes", "travel_minutes", "travel time (minutes)"),
        ("role_hours", "role_hours_per_month", "role hours per month"),
        ("referral_quota", "referral_quota_per_month", "referral quota per month"),
    ):
        if getattr(args, option) is not None:
            setattr(draft, attribute, parse_whole(field, getattr(args, option)))
    if args.weekday is not None:
        draft.meeting_weekday = parse_weekday(args.weekday)
    if args.dues is not None:
        draft.dues_amount = args.dues.strip() or None


def _add(args: argparse.Namespace) -> Output:
    from journal.core.groups import GroupDraft, create_group

    draft = GroupDraft(name=args.name)
    _apply_group(draft, args)
    group_id = create_group(draft).value
    data = _group_json(group_id, meetings=0)
    return Output(data, f"Added the group {data['name']} (#{group_id}).")


def _edit(args: argparse.Namespace) -> Output:
    from journal.core.groups import apologies_withdrawn, load_group_draft, update_group

    group_id = resolve_group(args.group)
    draft = load_group_draft(group_id)
    _apply_group(draft, args)
    withdrawn = apologies_withdrawn(group_id, draft, SYSTEM_CLOCK.today())
    update_group(group_id, draft)
    data = _group_json(group_id, meetings=0)
    data["apologies_withdrawn"] = [day.isoformat() for day in withdrawn]
    text = f"Updated the group {data['name']} (#{group_id})."
    if withdrawn:
        days = ", ".join(day.isoformat() for day in withdrawn)
        text += (
            f" Leaving withdrew your apologies for {counted(len(withdrawn), 'meeting')}: {days}."
        )
    return Output(data, text)


def _delete(args: argparse.Namespace) -> Output:
    from journal.core.groups import delete_group

    group_id = resolve_group(args.group)
    # As `contact delete`: what was deleted, in its own shape (with every meeting).
    data = {**_group_json(group_id, meetings=0), "deleted": True}
    name, held = data["name"], len(data["meetings"])
    if not args.yes:
        raise JournalError(
            f"deleting the group {name} (#{group_id}) removes it and its "
            f"{counted(held, 'meeting')} for good (timeline entries stay, without the "
            "group); add --yes to confirm, or keep its history and mark that you left: "
            f"journal group edit {group_id} --left DATE"
        )
    delete_group(group_id)
    return Output(
        data, f"Deleted the group {name} (#{group_id}) and its {counted(held, 'meeting')}."
    )


def _list(args: argparse.Namespace) -> Output:
    from journal.core.group_queries import group_rows

    rows = group_rows(include_left=not args.current)
    data = [
        {
            "id": r.id,
            "name": r.name,
            "kind": r.kind,
            "status": r.status,
            "joined_on": iso_day(r.joined_on),
            "member_count": r.member_count,
            "meetings_recorded": r.meetings_recorded,
            "meetings_attended": r.meetings_attended,
            "attendance_pct": r.attendance_pct,
            "required_attendance_pct": r.required_attendance_pct,
            "last_meeting_on": iso_day(r.last_meeting_on),
        }
        for r in rows
    ]
    if not rows:
        return Output(data, "No groups yet. Add one with: journal group add NAME")
    table = text_table(
        ("ID", "NAME", "KIND", "STATUS", "MEMBERS", "ATTENDANCE", "LAST MEETING"),
        [
            (
                str(r.id),
                r.name,
                code_label(r.kind),
                code_label(r.status),
                str(r.member_count),
                attendance_text(
                    r.meetings_attended,
                    r.meetings_recorded,
                    r.required_attendance_pct,
                    r.below_requirement,
                ),
                iso_day(r.last_meeting_on) or "",
            )
            for r in rows
        ],
    )
    return Output(data, table)


def _show(args: argparse.Namespace) -> Output:
    group_id = resolve_group(args.group)
    window = _attendance_window(group_id)
    data = _group_json(group_id, meetings=args.meetings, window=window)
    dues = data["dues"]
    meets = ", ".join(
        part
        for part in (
            code_label(data["meeting_cadence"]),
            WEEKDAYS[data["meeting_weekday"]].capitalize()
            if data["meeting_weekday"] is not None
            else "",
            f"{data['meeting_minutes']} min" if data["meeting_minutes"] is not None else "",
            f"{data['travel_minutes']} min travel" if data["travel_minutes"] else "",
        )
        if part
    )
    attendance = data["attendance"]
    fields = [
        ("Kind", code_label(data["kind"])),
        ("Status", code_label(data["status"])),
        ("Joined", data["joined_on"] or ""),
        ("Left", data["left_on"] or ""),
        ("Meets", meets),
        ("Attendance", window_text(window)),
        (
            "Dues",
            f"{format_money(Decimal(dues['amount']), dues['currency'])} a {dues['period']}"
            if dues
            else "",
        ),
        (
            "Role",
            data["role"]
            + (
                f", {data['role_hours_per_month']} h a month"
                if data["role_hours_per_month"]
                else ""
            ),
        ),
        (
            "Referral quota",
            f"{data['referral_quota_per_month']} a month"
            if data["referral_quota_per_month"] is not None
            else "",
        ),
        ("Rules", data["rules"]),
        ("Notes", data["notes"]),
        (
            "Next meetings",
            ", ".join(
                m["date"] + (f" ({attendance_word(m['attendance'])})" if m["attendance"] else "")
                for m in data["upcoming_meetings"]
            )
            or (
                "not known yet (record a meeting, or set --joined)"
                if data["upcoming_unknown"]
                else ""
            ),
        ),
    ]
    lines = [f"{data['name']} (#{group_id})", field_lines(fields)]
    members = data["members"]
    lines += ["", f"Members ({len(members)})"]
    lines.append(
        text_table(("ID", "NAME"), [(str(m["id"]), m["name"]) for m in members])
        if members
        else "none recorded"
    )
    meetings = data["meetings"]
    heading = f"Meetings (latest {len(meetings)} of {attendance['total']})"
    lines += ["", heading if meetings else "Meetings: none recorded"]
    if meetings:
        lines.append(
            text_table(
                ("DATE", "ATTENDANCE", "RATING", "PEOPLE MET", "NOTES"),
                [
                    (
                        m["held_on"],
                        attendance_word(m["attendance"]),
                        code_label(m["rating"]),
                        ", ".join(p["name"] for p in m["people"]),
                        m["notes"],
                    )
                    for m in meetings
                ],
            )
        )
    return Output(data, "\n".join(lines))


def _attendance_window(group_id: int) -> AttendanceWindow:
    """The group's attendance against its rule today, as the review judges it."""
    from journal.core.balance import MeetingFact, attendance_window
    from journal.core.group_queries import meeting_rows
    from journal.core.groups import load_group_draft

    facts = [MeetingFact(m.held_on, m.attendance) for m in meeting_rows(group_id)]
    required = load_group_draft(group_id).required_attendance_pct
    return attendance_window(facts, required, SYSTEM_CLOCK.today())


def _group_json(group_id: int, meetings: int, window: AttendanceWindow | None = None) -> JsonObject:
    """One group with its demands, members, attendance and latest `meetings` (0: all);
    `window`: its attendance if the caller has it already."""
    from journal.core.group_queries import group_card
    from journal.core.groups import load_group_draft
    from journal.core.review_json import attendance_json
    from journal.core.schedule import days_unknown, upcoming_meetings

    draft = load_group_draft(group_id)
    card = group_card(group_id)
    dues = (
        {
            "amount": iso_amount(Decimal(str(draft.dues_amount))),
            "currency": draft.dues_currency,
            "period": draft.dues_period,
        }
        if draft.dues_amount is not None
        else None
    )
    logged = card.meetings if meetings <= 0 else card.meetings[:meetings]
    held = {m.held_on: m.attendance for m in card.meetings}
    today = SYSTEM_CLOCK.today()
    cadence, weekday = draft.meeting_cadence, draft.meeting_weekday
    upcoming = upcoming_meetings(cadence, weekday, held, draft.joined_on, draft.left_on, today)
    unknown = days_unknown(cadence, weekday, held, draft.joined_on, today)
    return {
        "id": group_id,
        "name": draft.name,
        "kind": draft.kind,
        "status": draft.status,
        "joined_on": iso_day(draft.joined_on),
        "left_on": iso_day(draft.left_on),
        "meeting_cadence": draft.meeting_cadence,
        "meeting_weekday": draft.meeting_weekday,
        "required_attendance_pct": draft.required_attendance_pct,
        "meeting_minutes": draft.meeting_minutes,
        "travel_minutes": draft.travel_minutes,
        "dues": dues,
        "role": draft.role,
        "role_hours_per_month": draft.role_hours_per_month,
        "referral_quota_per_month": draft.referral_quota_per_month,
        "rules": draft.rules,
        "notes": draft.notes,
        "members": [{"id": cid, "name": name} for cid, name in card.members],
        # The review's shape, and `total`: every meeting in the log, counted or not.
        "attendance": {
            "total": len(card.meetings),
            **attendance_json(window or _attendance_window(group_id)),
        },
        "meetings": [meeting_json(m.id, group_id, draft.name) for m in logged],
        "upcoming_meetings": [
            {"date": m.day.isoformat(), "attendance": m.attendance} for m in upcoming
        ],
        # Its cadence has meeting days, but nothing places them yet (no meeting, no join day).
        "upcoming_unknown": unknown,
    }


def _member_add(args: argparse.Namespace) -> Output:
    from journal.core.groups import add_members

    group_id = resolve_group(args.group)
    people = resolve_contacts(args.contacts)
    add_members(group_id, people)
    return _members_changed(group_id, people, "Added {names} to {group}")


def _member_remove(args: argparse.Namespace) -> Output:
    from journal.core.group_queries import group_card, group_names
    from journal.core.groups import remove_members

    group_id = resolve_group(args.group)
    people = resolve_contacts(args.contacts, exact=True)
    members = dict(group_card(group_id).members)
    strangers = [p for p in people if p not in members]
    if strangers:
        names = contact_names(strangers)
        raise JournalError(
            f"{', '.join(names[p] for p in strangers)}: not a member of "
            f"{dict(group_names())[group_id]}; nothing was changed"
        )
    remove_members(group_id, people)  # one transaction: all of them or none
    return _members_changed(group_id, people, "Removed {names} from {group}")


def _members_changed(group_id: int, people: list[int], message: str) -> Output:
    from journal.core.group_queries import group_card, group_names

    card = group_card(group_id)
    members = [{"id": cid, "name": name} for cid, name in card.members]
    name = dict(group_names())[group_id]
    data = {"group": {"id": group_id, "name": name}, "members": members}
    names = contact_names(people)
    text = message.format(names=", ".join(names[p] for p in people), group=name)
    return Output(data, f"{text} ({counted(len(members), 'member')}).")


def _attend(args: argparse.Namespace) -> Output:
    from journal.core.group_queries import likely_meeting_day
    from journal.core.groups import load_group_draft
    from journal.core.meetings import MeetingDraft, load_meeting_draft, record_meeting

    group_id = resolve_group(args.group)
    held = parse_day("date", args.date) or likely_meeting_day(group_id, SYSTEM_CLOCK.today())
    people = resolve_contacts(args.met or [])
    same_day = meeting_on(group_id, held)
    # Recording a day again changes only what is given now, and adds the people met.
    draft = load_meeting_draft(same_day) if same_day is not None else MeetingDraft(group_id, held)
    apply_meeting_options(draft, args)
    draft.people_ids = list(dict.fromkeys(draft.people_ids + people))
    meeting_id = record_meeting(draft).value
    data = meeting_json(meeting_id, group_id, load_group_draft(group_id).name)
    kept = same_day is not None and args.attendance is None and draft.attendance != "attended"
    if kept and not getattr(args, "json", False):  # SUPPRESS: absent unless given
        # `attend` reads as "I was there": say that a day recorded otherwise stays so.
        print(
            f"journal: note: {iso_day(held)} was recorded as {draft.attendance}, and stays so; "
            "add --attended to say you were there",
            file=sys.stderr,
        )
    return Output(data, f"Recorded {meeting_said(data)}.")
