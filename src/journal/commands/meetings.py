"""`journal meeting ...`: change or delete a group meeting `journal attend` recorded."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from journal.commands.common import (
    JsonObject,
    Output,
    Subparsers,
    add_command,
    apply_meeting_options,
    counted,
    meeting_json,
    meeting_on,
    meeting_said,
    parse_day,
    resolve_contacts,
    resolve_group,
    trashed_counts,
)
from journal.core.errors import JournalError, NotFoundError, ValidationError
from journal.core.vocabulary import ATTENDANCE, MEETING_RATINGS

if TYPE_CHECKING:
    from journal.core.meetings import MeetingDraft


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`meeting` and its actions (`attend` records a meeting)."""
    meeting = add_command(
        subparsers, parent, "meeting", "change or delete a recorded group meeting"
    )
    actions = meeting.add_subparsers(dest="action", metavar="ACTION", required=True)
    edit = add_command(
        actions, parent, "edit", "change a recorded meeting (only the options given)", _edit
    )
    _which_meeting(edit)
    edit.add_argument("--date", metavar="NEW_DATE", help="move the meeting to another day")
    edit.add_argument("--attendance", help=", ".join(ATTENDANCE))
    edit.add_argument(
        "--rating", help=", ".join(r for r in MEETING_RATINGS if r) + "; '' clears it"
    )
    edit.add_argument("--minutes", metavar="N", help="how long it lasted; '' clears it")
    edit.add_argument("--notes")
    edit.add_argument(
        "--met",
        action="append",
        metavar="CONTACT",
        help="someone you met there; repeat for several; replaces the people met "
        "('' leaves nobody), where `attend --met` adds to them",
    )
    delete = add_command(actions, parent, "delete", "delete a recorded meeting for good", _delete)
    _which_meeting(delete)
    delete.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")


def _which_meeting(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("group", metavar="GROUP", help="id or name")
    # `day`, not `date`: `meeting edit --date` is the new day.
    parser.add_argument("day", metavar="DATE", help="the day of the meeting, as recorded")


def _find(args: argparse.Namespace) -> tuple[int, int, str]:
    """The meeting GROUP DATE name: its id, its group's id and the group's name."""
    from journal.core.groups import load_group_draft

    group_id = resolve_group(args.group)
    day = parse_day("date", args.day)
    if day is None:
        raise ValidationError("date", "say which day the meeting was (YYYY-MM-DD)")
    name = load_group_draft(group_id).name
    meeting_id = meeting_on(group_id, day)
    if meeting_id is None:
        raise NotFoundError(
            f"{name} has no meeting recorded on {day.isoformat()} "
            f'(its meetings: journal group show "{name}")'
        )
    return meeting_id, group_id, name


def _edit(args: argparse.Namespace) -> Output:
    from journal.core.meetings import edit_meeting, load_meeting_draft

    meeting_id, group_id, name = _find(args)
    draft = load_meeting_draft(meeting_id)
    _apply_meeting(draft, args)
    edit_meeting(meeting_id, draft)
    data = meeting_json(meeting_id, group_id, name)
    return Output(data, f"Updated {meeting_said(data)}.")


def _apply_meeting(draft: MeetingDraft, args: argparse.Namespace) -> None:
    """Copy the options given on the command line onto the draft; the rest stays as stored."""
    if args.date is not None:
        held = parse_day("date", args.date)
        if held is None:
            raise ValidationError("date", "give the new day (YYYY-MM-DD)")
        draft.held_on = held
    apply_meeting_options(draft, args)
    if args.met is not None:
        draft.people_ids = resolve_contacts([p for p in args.met if p.strip()])


def _delete(args: argparse.Namespace) -> Output:
    from journal.core import trash

    meeting_id, group_id, name = _find(args)
    data: JsonObject = meeting_json(meeting_id, group_id, name)
    if not args.yes:
        raise JournalError(
            f"deleting the meeting of {meeting_said(data)} removes it for good (the command "
            "line has no undo); add --yes to confirm"
        )
    _, unlinked = trashed_counts(trash.delete_meeting(meeting_id).value, "interaction")
    text = f"Deleted the meeting of {meeting_said(data)}."
    if unlinked:
        stay = "stays" if unlinked == 1 else "stay"
        text += f" {counted(unlinked, 'timeline entry')} at it {stay}, no longer linked to it."
    return Output({**data, "deleted": True}, text)
