"""`journal entry ...`: show, edit and delete one timeline entry, by the id `log` printed."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from journal.commands.common import (
    Output,
    Subparsers,
    add_command,
    as_code,
    code_label,
    counted,
    entries_json,
    entry_options,
    entry_said,
    field_lines,
    format_money,
    kind_label,
    local_time,
    parse_instant,
    resolve_contacts,
    resolve_group,
    resolve_meeting,
    trashed_counts,
)
from journal.core.errors import JournalError, UsageError, ValidationError
from journal.core.vocabulary import INTERACTION_KINDS

if TYPE_CHECKING:
    from journal.core.interactions import InteractionDraft
    from journal.core.timeline import TimelineRow


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`entry` and its actions."""
    entry = add_command(subparsers, parent, "entry", "show, change or delete a timeline entry")
    actions = entry.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = add_command(actions, parent, "show", "one timeline entry", _show, reads_only=True)
    show.add_argument("id", type=int, metavar="ID", help="the id `log` and `timeline` give")
    edit = add_command(actions, parent, "edit", "change an entry (only the options given)", _edit)
    edit.add_argument("id", type=int, metavar="ID")
    edit.add_argument("--kind", help=", ".join(INTERACTION_KINDS))
    edit.add_argument("--summary", help="what happened")
    entry_options(edit, editing=True)
    place = edit.add_mutually_exclusive_group()
    place.add_argument(
        "--group",
        metavar="GROUP",
        help="the group it came through (a link to another group's meeting goes)",
    )
    place.add_argument(
        "--no-group", action="store_true", help="through no group (and at no group's meeting)"
    )
    at = edit.add_mutually_exclusive_group()
    at.add_argument(
        "--meeting",
        metavar="DATE",
        help="the day of its group's meeting it happened at (the meeting must be recorded)",
    )
    at.add_argument("--no-meeting", action="store_true", help="at no meeting (the group stays)")
    delete = add_command(actions, parent, "delete", "delete an entry for good", _delete)
    delete.add_argument("id", type=int, metavar="ID")
    delete.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")


def _show(args: argparse.Namespace) -> Output:
    from journal.core.timeline import timeline_row

    row = timeline_row(args.id)
    fields = [
        ("When", local_time(row.occurred_at)),
        ("With", row.people),
        ("Group", row.group_name),
        ("Direction", code_label(row.direction)),
        ("Amount", format_money(row.amount, row.currency)),
        ("Estimated", format_money(row.estimated_amount, row.currency)),
        ("Summary", row.summary),
        ("Notes", row.notes),
    ]
    if row.meeting_on is not None:
        fields.insert(3, ("Meeting", row.meeting_on.isoformat()))
    text = f"{kind_label(row.kind)} (#{row.id})\n{field_lines(fields)}"
    return Output(entries_json([row])[0], text)


def _edit(args: argparse.Namespace) -> Output:
    from journal.core.interactions import edit_interaction, load_interaction_draft
    from journal.core.timeline import timeline_row

    draft = load_interaction_draft(args.id)
    _apply_entry(draft, args)
    unlinked = edit_interaction(args.id, draft).value.unlinked_meeting_id
    row = timeline_row(args.id)
    text = f"Updated {entry_said(row)}."
    if unlinked is not None:
        text += f" {_no_longer_at(unlinked, grouped=row.group_id is not None)}"
    return Output(entries_json([row])[0], text)


def _no_longer_at(meeting_id: int, grouped: bool) -> str:
    """Why an edit let go of the entry's meeting: a meeting belongs to one group."""
    from journal.core.groups import load_group_draft
    from journal.core.meetings import load_meeting_draft

    meeting = load_meeting_draft(meeting_id)
    name = load_group_draft(meeting.group_id).name
    # --no-group leaves no group whose meeting it could be: "not its group's" would puzzle.
    why = "which is not its group's" if grouped else "as it is in no group now"
    return f"It is no longer at {name}'s meeting of {meeting.held_on.isoformat()}, {why}."


def _apply_entry(draft: InteractionDraft, args: argparse.Namespace) -> None:
    """Copy the options given on the command line onto the draft; the rest stays as stored."""
    if args.kind is not None:
        draft.kind = as_code(args.kind)
    if args.direction is not None:
        draft.direction = as_code(args.direction)
    if args.when is not None:
        draft.occurred_at = parse_instant(args.when)
    for option, attribute in (
        ("summary", "summary"),
        ("notes", "notes"),
        ("amount", "amount"),
        ("estimated", "estimated_amount"),
        ("currency", "currency"),
    ):
        if getattr(args, option) is not None:
            setattr(draft, attribute, getattr(args, option))
    if args.people is not None:
        # The people given are the entry's people now; `--with ''` alone leaves nobody.
        draft.participant_ids = resolve_contacts([p for p in args.people if p.strip()])
    if args.no_group:
        if args.meeting is not None:
            raise UsageError("--meeting needs a group: a meeting is one group's, not --no-group")
        draft.group_id = None
    elif args.group is not None:
        draft.group_id = resolve_group(args.group)
    # A new group without --meeting keeps the draft's meeting: the core lets go of it when it
    # is not the new group's, and says so.
    if args.no_meeting:
        draft.meeting_id = None
    elif args.meeting is not None:
        if not args.meeting.strip():
            raise ValidationError(
                "meeting", "give the meeting's day as YYYY-MM-DD, or --no-meeting for none"
            )
        draft.meeting_id = resolve_meeting(draft.group_id, args.meeting)


def _delete(args: argparse.Namespace) -> Output:
    from journal.core import trash
    from journal.core.timeline import timeline_row

    row = timeline_row(args.id)
    if not args.yes:
        raise JournalError(
            f"deleting {_described(row)} removes it for good (the command line has no undo); "
            f"add --yes to confirm, or change it instead with: journal entry edit {row.id}"
        )
    data = {**entries_json([row])[0], "deleted": True}
    taken, unlinked = trashed_counts(trash.delete_interaction(args.id).value, "follow_up")
    text = f"Deleted {_described(row)}."
    if taken:
        text += f" {counted(taken, 'follow-up')} made from it went with it."
    if unlinked:
        stay = "stays" if unlinked == 1 else "stay"
        text += f" {counted(unlinked, 'follow-up')} made from it {stay}, no longer linked to it."
    return Output(data, text)


def _described(row: TimelineRow) -> str:
    what = row.summary or row.notes
    return entry_said(row) + (f' "{what}"' if what else "")
