"""`journal log` adds an entry to the timeline; `journal timeline` reads it, newest first."""

from __future__ import annotations

import argparse

from journal.commands.common import (
    Output,
    Subparsers,
    add_command,
    as_code,
    count_option,
    counted,
    entries_json,
    entry_options,
    entry_said,
    parse_day,
    parse_instant,
    resolve_contact,
    resolve_contacts,
    resolve_group,
    resolve_meeting,
    timeline_table,
)
from journal.core import validate
from journal.core.clock import SYSTEM_CLOCK
from journal.core.contact_queries import contact_names
from journal.core.timeutil import day_end, day_start
from journal.core.vocabulary import INTERACTION_KINDS

PAGE = 200  # timeline entries fetched per query


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`log` and `timeline`."""
    log = add_command(subparsers, parent, "log", "add an entry to the timeline", _log)
    log.add_argument("kind", metavar="KIND", help=", ".join(INTERACTION_KINDS))
    log.add_argument(
        "summary", nargs="*", metavar="SUMMARY", help="what happened (quotes optional)"
    )
    log.set_defaults(trailing_words="summary")  # words after the options belong to it too
    entry_options(log, editing=False)

    timeline = add_command(
        subparsers, parent, "timeline", "the timeline, newest first", _timeline, reads_only=True
    )
    timeline.add_argument("--contact", metavar="CONTACT", help="only entries with this person")
    timeline.add_argument("--group", metavar="GROUP", help="only entries through this group")
    timeline.add_argument(
        "--kind", action="append", metavar="KIND", help="only this kind; repeat for several"
    )
    timeline.add_argument("--since", metavar="DATE", help="from this local day (inclusive)")
    timeline.add_argument("--until", metavar="DATE", help="up to this local day (inclusive)")
    timeline.add_argument("--search", metavar="TEXT", help="words in the entry or its people")
    timeline.add_argument(
        "--limit",
        type=count_option,
        default=50,
        metavar="N",
        help="at most N entries (default 50; 0: all)",
    )


def _log(args: argparse.Namespace) -> Output:
    from journal.core.groups import load_group_draft
    from journal.core.interactions import InteractionDraft, log_interaction
    from journal.core.timeline import TimelineRow

    people = resolve_contacts(args.people or [])
    group_id = resolve_group(args.group) if args.group else None
    meeting_id = resolve_meeting(group_id, args.meeting) if args.meeting else None
    draft = InteractionDraft(
        kind=as_code(args.kind),
        occurred_at=parse_instant(args.when) if args.when else SYSTEM_CLOCK.now(),
        summary=" ".join(args.summary),
        notes=args.notes or "",
        direction=as_code(args.direction or ""),
        amount=args.amount,
        estimated_amount=args.estimated,
        currency=args.currency or "",
        group_id=group_id,
        meeting_id=meeting_id,
        participant_ids=people,
    )
    entry_id = log_interaction(draft).value
    names = contact_names(people)
    row = TimelineRow(
        id=entry_id,
        kind=draft.kind,
        occurred_at=draft.occurred_at,
        summary=draft.summary.strip(),
        notes=draft.notes.strip(),
        direction=draft.direction,
        amount=validate.money("amount", draft.amount),
        estimated_amount=validate.money("estimated amount", draft.estimated_amount),
        currency=validate.currency("currency", draft.currency, required=False),
        group_id=group_id,
        group_name=load_group_draft(group_id).name if group_id is not None else "",
        people=", ".join(names[p] for p in people),
        meeting_id=meeting_id,
        meeting_on=parse_day("meeting", args.meeting) if meeting_id is not None else None,
    )
    return Output(entries_json([row])[0], f"Logged {entry_said(row)}.")


def _timeline(args: argparse.Namespace) -> Output:
    from journal.core.errors import ValidationError
    from journal.core.timeline import (
        TimelineCursor,
        TimelineFilter,
        TimelineRow,
        timeline_count,
        timeline_page,
    )

    kinds = frozenset(
        validate.choice("kind", as_code(k), INTERACTION_KINDS) for k in args.kind or []
    )
    since = parse_day("since", args.since)
    until = parse_day("until", args.until)
    if since is not None and until is not None and since > until:
        raise ValidationError("since", f"{since.isoformat()} is after --until {until.isoformat()}")
    flt = TimelineFilter(
        search=args.search or "",
        kinds=kinds,
        contact_id=resolve_contact(args.contact) if args.contact else None,
        group_id=resolve_group(args.group) if args.group else None,
        start=day_start(since) if since else None,
        end=day_end(until) if until else None,
    )
    rows: list[TimelineRow] = []
    cursor: TimelineCursor | None = None
    while True:  # keyset paging: each page starts where the last one ended
        want = PAGE if args.limit <= 0 else min(PAGE, args.limit - len(rows))
        page, cursor = timeline_page(flt, cursor, want)
        rows += page
        if cursor is None or (args.limit > 0 and len(rows) >= args.limit):
            break
    data = entries_json(rows)
    if not rows:
        if flt == TimelineFilter() and not timeline_count():
            return Output(data, "Nothing in the timeline yet: log something with journal log.")
        return Output(data, "Nothing in the timeline matches.")
    footer = counted(len(rows), "entry")
    if cursor is not None:
        footer = f"latest {len(rows)} of {timeline_count(flt)} entries (--limit 0 for all)"
    return Output(data, f"{timeline_table(rows)}\n{footer}")
