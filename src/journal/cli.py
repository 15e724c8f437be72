"""The `journal` command: contacts, timeline and groups from a terminal or a script.

Every read and write goes through journal.core. Qt is imported only when `journal` (or
`journal demo`) starts the desktop app, so every other command starts fast and runs on a
machine without a display.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from journal import __version__
from journal.core import demo, validate
from journal.core.clock import SYSTEM_CLOCK
from journal.core.contact_queries import (
    ContactFilter,
    ContactRow,
    ContactSort,
    contact_card,
    contact_count,
    contact_ids,
    contact_names,
    contact_rows,
)
from journal.core.contacts import (
    ChannelDraft,
    ContactDraft,
    create_contact,
    delete_contact,
    exists,
    find_by_name,
    load_draft,
    set_archived,
    update_contact,
)
from journal.core.errors import JournalError, NotFoundError, ValidationError
from journal.core.group_queries import group_card, group_names, group_rows, meeting_rows
from journal.core.groups import (
    GroupDraft,
    add_members,
    create_group,
    find_group,
    load_group_draft,
    remove_member,
    update_group,
)
from journal.core.interactions import InteractionDraft, log_interaction
from journal.core.meetings import MeetingDraft, load_meeting_draft, record_meeting
from journal.core.timeline import (
    TimelineCursor,
    TimelineFilter,
    TimelineRow,
    participants_by_entry,
    timeline_count,
    timeline_page,
)
from journal.core.timeutil import day_end, day_start, parse_date
from journal.core.vocabulary import (
    CADENCES,
    DIRECTIONS,
    DUES_PERIODS,
    GROUP_KINDS,
    GROUP_STATUSES,
    INTERACTION_KIND_LABELS,
    INTERACTION_KINDS,
    MEETING_RATINGS,
)
from journal.store import StoreError, open_journal
from journal.store.location import resolve_home

JsonObject = dict[str, Any]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CHANNEL_LABELS = {
    "email": "Email",
    "phone": "Phone",
    "url": "Web",
    "social": "Social",
    "address": "Address",
}
PAGE = 200  # timeline entries fetched per query
CHUNK = 500  # ids per contact_rows() query, well under SQLite's bound-variable limit


@dataclass(frozen=True)
class Output:
    """What a command produced: a JSON value for scripts and plain text for people."""

    data: Any
    text: str


Handler = Callable[[argparse.Namespace], Output]


# ---------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> int:
    """Run the `journal` command; returns the process exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, or a usage error argparse has already explained
        return stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 2
    if args.version:
        print(f"journal {__version__}")
        return 0
    try:
        if args.command is None:
            return _start_gui(resolve_home(getattr(args, "home", None)))
        if args.command == "demo":
            return _demo(args)
        return _run(args.handler, args)
    except (JournalError, StoreError) as error:
        print(f"journal: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (`| head`) went away: stop quietly, without a traceback at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _run(handler: Handler, args: argparse.Namespace) -> int:
    journal = open_journal(resolve_home(getattr(args, "home", None)))
    try:
        _emit(args, handler(args))
    finally:
        journal.close()
    return 0


def _emit(args: argparse.Namespace, output: Output) -> None:
    if getattr(args, "json", False):
        print(json.dumps(output.data, ensure_ascii=False, indent=2))
    elif output.text:
        print(output.text)


def _start_gui(home: Path) -> int:
    try:
        from journal.ui.app import run_gui  # the one place Qt may be imported
    except ImportError as error:
        raise JournalError(
            f"the desktop app cannot start ({error}); the commands still work"
        ) from None
    return run_gui(home)


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; --home and --json are accepted before or after a subcommand."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument(
        "--home",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the journal folder (default: $JOURNAL_HOME, else the platform's data folder)",
    )
    shared.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print machine-readable JSON",
    )
    parser = argparse.ArgumentParser(
        prog="journal",
        parents=[shared],
        description="Contact Journal. Without a command, opens the desktop app.",
        epilog="Run `journal COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(
        group: argparse._SubParsersAction[argparse.ArgumentParser],
        name: str,
        summary: str,
        handler: Handler | None = None,
    ) -> argparse.ArgumentParser:
        sub = group.add_parser(name, parents=[shared], help=summary, description=summary)
        if handler is not None:
            sub.set_defaults(handler=handler)
        return sub

    demo_parser = add(commands, "demo", "generate a demo journal and open it")
    demo_parser.add_argument(
        "--no-gui", action="store_true", help="only generate it and print its folder"
    )
    demo_parser.add_argument(
        "--large", action="store_true", help="20,000 contacts and 200,000 entries"
    )

    contact = add(commands, "contact", "add, list, show, search and change contacts")
    actions = contact.add_subparsers(dest="action", metavar="ACTION", required=True)
    _contact_fields(add(actions, "add", "add a contact", _contact_add), editing=False)
    listing = add(actions, "list", "list contacts", _contact_list)
    listing.add_argument("--tag", help="only contacts with this tag")
    listing.add_argument("--stage", help="only contacts at this relationship stage")
    listing.add_argument("--group", metavar="GROUP", help="only members of this group")
    _list_options(listing)
    listing.add_argument(
        "--sort", choices=[s.value for s in ContactSort], default="name", help="(default: name)"
    )
    listing.add_argument("--desc", action="store_true", help="sort in descending order")
    show = add(actions, "show", "show one contact with recent timeline", _contact_show)
    show.add_argument("contact", metavar="CONTACT", help="id or exact name")
    show.add_argument("--recent", type=int, default=10, metavar="N", help="entries (default 10)")
    search = add(actions, "search", "full-text search over contacts", _contact_search)
    search.add_argument("text", nargs="+", metavar="TEXT", help="words, each matched as a prefix")
    _list_options(search)
    edit = add(actions, "edit", "change a contact (only the options given)", _contact_edit)
    edit.add_argument("contact", metavar="CONTACT", help="id or exact name")
    _contact_fields(edit, editing=True)
    archive = add(actions, "archive", "hide a contact from lists, keeping everything", _archive)
    archive.add_argument("contact", metavar="CONTACT", help="id or exact name")
    archive.add_argument("--undo", action="store_true", help="bring an archived contact back")
    delete = add(actions, "delete", "delete a contact for good", _contact_delete)
    delete.add_argument("contact", metavar="CONTACT", help="id or exact name")
    delete.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")

    log = add(commands, "log", "add an entry to the timeline", _log)
    log.add_argument("kind", metavar="KIND", help=", ".join(INTERACTION_KINDS))
    log.add_argument("summary", nargs="?", default="", metavar="SUMMARY", help="what happened")
    log.add_argument(
        "--with",
        dest="people",
        action="append",
        metavar="CONTACT",
        help="who it was with (id or exact name); repeat for several",
    )
    log.add_argument(
        "--when",
        metavar="DATE[THH:MM]",
        help="local date or date and time (default: now; a past day alone: noon)",
    )
    log.add_argument("--group", metavar="GROUP", help="the group it came through")
    log.add_argument("--amount", help="money involved, e.g. 1200")
    log.add_argument("--estimated", metavar="AMOUNT", help="estimated value, if not yet known")
    log.add_argument("--currency", help="three-letter code, e.g. USD (required with an amount)")
    log.add_argument("--direction", help=", ".join(d for d in DIRECTIONS if d))
    log.add_argument("--notes")

    timeline = add(commands, "timeline", "the timeline, newest first", _timeline)
    timeline.add_argument("--contact", metavar="CONTACT", help="only entries with this person")
    timeline.add_argument("--group", metavar="GROUP", help="only entries through this group")
    timeline.add_argument(
        "--kind", action="append", metavar="KIND", help="only this kind; repeat for several"
    )
    timeline.add_argument("--since", metavar="DATE", help="from this local day (inclusive)")
    timeline.add_argument("--until", metavar="DATE", help="up to this local day (inclusive)")
    timeline.add_argument("--search", metavar="TEXT", help="words in the entry or its people")
    timeline.add_argument(
        "--limit", type=int, default=50, metavar="N", help="at most N entries (default 50; 0: all)"
    )

    group = add(commands, "group", "the groups you belong to")
    group_actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    group_add = add(group_actions, "add", "record a group you belong to", _group_add)
    group_add.add_argument("name", metavar="NAME")
    _group_fields(group_add)
    group_list = add(group_actions, "list", "your groups, current ones first", _group_list)
    group_list.add_argument("--current", action="store_true", help="leave out groups you left")
    group_show = add(group_actions, "show", "one group: demands, members, meetings", _group_show)
    group_show.add_argument("group", metavar="GROUP", help="id or name")
    group_show.add_argument(
        "--meetings",
        type=int,
        default=10,
        metavar="N",
        help="latest N meetings (default 10; 0: all)",
    )
    group_edit = add(group_actions, "edit", "change a group (only the options given)", _group_edit)
    group_edit.add_argument("group", metavar="GROUP", help="id or name")
    group_edit.add_argument("--name", help="rename the group")
    group_edit.add_argument("--left", metavar="DATE", help="the day you left (sets status left)")
    _group_fields(group_edit)
    member = add(group_actions, "member", "who else belongs to a group")
    member_actions = member.add_subparsers(dest="member_action", metavar="ACTION", required=True)
    for name, summary, handler in (
        ("add", "note that these contacts belong to the group", _member_add),
        ("remove", "these contacts no longer belong to the group", _member_remove),
    ):
        sub = add(member_actions, name, summary, handler)
        sub.add_argument("group", metavar="GROUP", help="id or name")
        sub.add_argument("contacts", nargs="+", metavar="CONTACT", help="ids or exact names")

    attend = add(commands, "attend", "record a group meeting and whether you were there", _attend)
    attend.add_argument("group", metavar="GROUP", help="id or name")
    attend.add_argument("--date", metavar="DATE", help="the meeting day (default: today)")
    presence = attend.add_mutually_exclusive_group()
    for flag, code in (
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
    return parser


def _list_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--archived", action="store_true", help="include archived contacts")
    parser.add_argument(
        "--limit", type=int, default=0, metavar="N", help="at most N (default: all)"
    )


def _contact_fields(parser: argparse.ArgumentParser, *, editing: bool) -> None:
    many = "; repeat for several" + ("; replaces the existing ones, '' clears" if editing else "")
    parser.add_argument("--given", metavar="NAME", help="given name")
    parser.add_argument("--family", metavar="NAME", help="family name")
    parser.add_argument("--nickname")
    parser.add_argument("--org", metavar="NAME", help="organisation")
    parser.add_argument("--title", help="job title")
    parser.add_argument("--email", action="append", metavar="ADDRESS", help="e-mail" + many)
    parser.add_argument("--phone", action="append", metavar="NUMBER", help="phone" + many)
    parser.add_argument("--url", action="append", metavar="URL", help="web link" + many)
    parser.add_argument("--tag", action="append", metavar="TAG", help="tag" + many)
    if editing:
        parser.add_argument("--add-tag", action="append", metavar="TAG", help="add a tag")
        parser.add_argument("--remove-tag", action="append", metavar="TAG", help="remove a tag")
    parser.add_argument("--stage", help="relationship stage, e.g. new, contact, client, friend")
    parser.add_argument("--met-on", metavar="DATE", help="the day you met (YYYY-MM-DD)")
    parser.add_argument("--where-met", metavar="PLACE")
    parser.add_argument("--how-met", metavar="TEXT")
    parser.add_argument("--met-through", metavar="CONTACT", help="who introduced you")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--online", dest="met_mode", action="store_const", const="online")
    mode.add_argument("--in-person", dest="met_mode", action="store_const", const="in_person")
    for rating in ("know", "like", "trust"):
        parser.add_argument(f"--{rating}", metavar="1-5", help=f"how well you {rating} them")
    parser.add_argument("--needs", metavar="TEXT", help="what they are looking for")
    parser.add_argument("--offers", metavar="TEXT", help="what they can give")
    parser.add_argument("--first-impression", metavar="TEXT", help="never final")
    parser.add_argument("--birthday", metavar="DATE")
    parser.add_argument("--stay-in-touch", metavar="DAYS", help="reach out at least this often")
    parser.add_argument("--notes")


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


# ---------------------------------------------------------------- reading user input


def _whole(field: str, text: str | None) -> int | None:
    """A whole number typed by the user; '' means none."""
    if text is None or not text.strip():
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise ValidationError(field, f"'{text}' is not a whole number") from None


def _day(field: str, text: str | None) -> dt.date | None:
    """A YYYY-MM-DD date typed by the user; '' means none."""
    if text is None or not text.strip():
        return None
    return parse_date(field, text)


def _instant(text: str) -> dt.datetime:
    """A local date or date and time as an aware UTC instant.

    A day alone means now when it is today, else noon that day: noon stays on the same
    calendar day whatever the time zone the journal is later read in.
    """
    raw = text.strip().replace(" ", "T", 1)
    try:
        if "T" in raw:
            when = dt.datetime.fromisoformat(raw)
        else:
            day = dt.date.fromisoformat(raw)
            if day == SYSTEM_CLOCK.today():
                return SYSTEM_CLOCK.now()
            when = dt.datetime.combine(day, dt.time(12))
    except ValueError:
        raise ValidationError(
            "when", f"'{text}' is not a date or time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        ) from None
    if when.tzinfo is None:
        when = when.astimezone()  # a naive time is the user's local time
    return when.astimezone(dt.timezone.utc)


def _code(text: str) -> str:
    """A vocabulary code as people type it: "Referral-Given" is referral_given."""
    return text.strip().lower().replace("-", "_").replace(" ", "_")


def _weekday(text: str | None) -> int | None:
    if text is None or not text.strip():
        return None
    wanted = text.strip().lower()
    if wanted.isdigit():
        return int(wanted)  # 0 = Monday; the range is checked by core
    for index, name in enumerate(WEEKDAYS):
        if len(wanted) >= 2 and name.startswith(wanted):
            return index
    raise ValidationError("meeting weekday", f"'{text}' is not a day of the week")


def _contact_id(text: str) -> int:
    """A contact named by id ("12" or "#12") or by exact name (case and accents ignored)."""
    wanted = text.strip()
    if wanted.lstrip("#").isdigit():
        contact_id = int(wanted.lstrip("#"))
        if not exists(contact_id):
            raise NotFoundError(f"There is no contact with id {contact_id}.")
        return contact_id
    matches = find_by_name(wanted)
    if not matches:
        raise NotFoundError(
            f"There is no contact named '{wanted}' (try: journal contact search {wanted})."
        )
    if len(matches) > 1:
        rows = _rows(matches)
        candidates = ", ".join(
            f"{r.id} ({', '.join(part for part in (r.display_name, r.organisation) if part)})"
            for r in rows
        )
        raise JournalError(
            f"'{wanted}' could be {len(matches)} contacts: {candidates}. Give the id instead."
        )
    return matches[0]


def _contact_ids(texts: list[str]) -> list[int]:
    """Several contacts, each named once however often they were given (by id and by name)."""
    return list(dict.fromkeys(_contact_id(t) for t in texts))


def _group_id(text: str) -> int:
    """A group named by id or by its full name (any case)."""
    try:
        # Typed loosely: the Peewee stubs do not know the implicit `id` primary key.
        group: Any = find_group(text)
    except NotFoundError as missing:
        wanted = text.strip().casefold()
        near = [f"{name} (#{gid})" for gid, name in group_names() if wanted in name.casefold()]
        if not near:
            raise
        raise NotFoundError(f"{missing} Did you mean: {', '.join(near)}?") from None
    return int(group.id)


def _rows(ids: Sequence[int]) -> list[ContactRow]:
    """The contact list lines for these ids, in the same order."""
    found: dict[int, ContactRow] = {}
    for start in range(0, len(ids), CHUNK):
        found.update(contact_rows(list(ids[start : start + CHUNK])))
    return [found[i] for i in ids if i in found]


# ---------------------------------------------------------------- contacts


def _apply_contact(draft: ContactDraft, args: argparse.Namespace) -> None:
    """Copy the options given on the command line onto the draft; the rest stays as it is."""
    texts = {
        "given": "given_name",
        "family": "family_name",
        "nickname": "nickname",
        "org": "organisation",
        "title": "title",
        "stage": "stage",
        "where_met": "where_met",
        "how_met": "how_met",
        "needs": "needs",
        "offers": "offers",
        "first_impression": "first_impression",
        "notes": "notes",
    }
    for option, attribute in texts.items():
        value = getattr(args, option)
        if value is not None:
            setattr(draft, attribute, value)
    for option, attribute, field in (
        ("met_on", "met_on", "date met"),
        ("birthday", "birthday", "birthday"),
    ):
        if getattr(args, option) is not None:
            setattr(draft, attribute, _day(field, getattr(args, option)))
    for option, attribute, field in (
        ("know", "know", "know"),
        ("like", "like", "like"),
        ("trust", "trust", "trust"),
        ("stay_in_touch", "stay_in_touch_days", "stay in touch every"),
    ):
        if getattr(args, option) is not None:
            setattr(draft, attribute, _whole(field, getattr(args, option)))
    if args.met_mode is not None:
        draft.met_mode = args.met_mode
    if args.met_through is not None:
        through = args.met_through.strip()
        draft.met_through_id = _contact_id(through) if through else None
    for kind in ("email", "phone", "url"):
        values: list[str] | None = getattr(args, kind)
        if values is not None:
            kept = [c for c in draft.channels if c.kind != kind]
            draft.channels = kept + [ChannelDraft(kind, v) for v in values]
    if args.tag is not None:
        draft.tags = list(args.tag)
    added: list[str] = getattr(args, "add_tag", None) or []
    removed = {t.lstrip("#").casefold() for t in getattr(args, "remove_tag", None) or []}
    draft.tags = [t for t in draft.tags + added if t.lstrip("#").casefold() not in removed]


def _contact_add(args: argparse.Namespace) -> Output:
    draft = ContactDraft()
    _apply_contact(draft, args)
    contact_id = create_contact(draft).value
    data = _contact_json(contact_id)
    return Output(data, f"Added {data['name']} (#{contact_id}).")


def _contact_edit(args: argparse.Namespace) -> Output:
    contact_id = _contact_id(args.contact)
    draft = load_draft(contact_id)
    _apply_contact(draft, args)
    update_contact(contact_id, draft)
    data = _contact_json(contact_id)
    return Output(data, f"Updated {data['name']} (#{contact_id}).")


def _archive(args: argparse.Namespace) -> Output:
    contact_id = _contact_id(args.contact)
    set_archived(contact_id, not args.undo)
    data = _contact_json(contact_id)
    verb = "Brought back" if args.undo else "Archived"
    return Output(data, f"{verb} {data['name']} (#{contact_id}).")


def _contact_delete(args: argparse.Namespace) -> Output:
    contact_id = _contact_id(args.contact)
    name = contact_names([contact_id])[contact_id]
    if not args.yes:
        raise JournalError(
            f"deleting {name} (#{contact_id}) removes them, their channels and their tags for "
            "good (timeline entries stay, without them); add --yes to confirm, or hide them "
            f"and keep everything with: journal contact archive {contact_id}"
        )
    delete_contact(contact_id)
    return Output(
        {"id": contact_id, "name": name, "deleted": True}, f"Deleted {name} (#{contact_id})."
    )


def _contact_list(args: argparse.Namespace) -> Output:
    group_id = _group_id(args.group) if args.group else None
    flt = ContactFilter(
        tag=args.tag or None,
        stage=args.stage or None,
        group_id=group_id,
        include_archived=args.archived,
    )
    return _contact_table(contact_ids(flt, ContactSort(args.sort), args.desc), args.limit)


def _contact_search(args: argparse.Namespace) -> Output:
    flt = ContactFilter(search=" ".join(args.text), include_archived=args.archived)
    return _contact_table(contact_ids(flt), args.limit)


def _contact_table(ids: list[int], limit: int) -> Output:
    rows = _rows(ids[:limit] if limit > 0 else ids)
    data = [_contact_row_json(r) for r in rows]
    if not rows:
        return Output(data, "No contacts match.")
    table = _table(
        ("ID", "NAME", "ORGANISATION", "STAGE", "LAST CONTACT", "TAGS"),
        [
            (
                str(r.id),
                r.display_name + (" (archived)" if r.archived else ""),
                r.organisation,
                _label(r.stage),
                _local_day(r.last_contact_at) or "never",
                r.tags,
            )
            for r in rows
        ],
    )
    shown = f"{len(rows)} of {len(ids)}" if len(rows) < len(ids) else str(len(ids))
    return Output(data, f"{table}\n{shown} {'contact' if len(ids) == 1 else 'contacts'}")


def _contact_show(args: argparse.Namespace) -> Output:
    contact_id = _contact_id(args.contact)
    data = _contact_json(contact_id)
    recent, _ = timeline_page(TimelineFilter(contact_id=contact_id), limit=max(args.recent, 0))
    data["recent"] = _entries_json(recent)
    lines = [f"{data['name']} (#{contact_id})" + ("  [archived]" if data["archived"] else "")]
    met = ", ".join(
        part
        for part in (
            data["met_on"] or "",
            f"at {data['where_met']}" if data["where_met"] else "",
            _label(data["met_mode"]),
            f"through {data['met_through']['name']}" if data["met_through"] else "",
        )
        if part
    )
    ratings = [data[k] for k in ("know", "like", "trust")]
    channels = [(CHANNEL_LABELS.get(c["kind"], c["kind"]), c["value"]) for c in data["channels"]]
    last = data["last_contact_at"]
    fields: list[tuple[str, str]] = [
        ("Nickname", data["nickname"]),
        ("Organisation", data["organisation"]),
        ("Title", data["title"]),
        ("Stage", _label(data["stage"])),
        *channels,
        ("Tags", ", ".join(data["tags"])),
        ("Groups", ", ".join(g["name"] for g in data["groups"])),
        ("Met", met),
        ("How we met", data["how_met"]),
        ("First impression", data["first_impression"]),
        (
            "Know/like/trust",
            " / ".join("-" if r is None else str(r) for r in ratings) if any(ratings) else "",
        ),
        ("Needs", data["needs"]),
        ("Offers", data["offers"]),
        ("Birthday", data["birthday"] or ""),
        (
            "Stay in touch",
            f"every {data['stay_in_touch_days']} days" if data["stay_in_touch_days"] else "",
        ),
        ("Notes", data["notes"]),
        (
            "Timeline",
            f"{_count(data['interaction_count'], 'entry')}, last on {_local_day(_parse_z(last))}"
            if last
            else "no entries yet",
        ),
    ]
    lines.append(_fields(fields))
    if recent:
        lines += ["", "Recent", _timeline_table(recent)]
    return Output(data, "\n".join(lines))


def _contact_json(contact_id: int) -> JsonObject:
    """One contact, complete: the shape of `contact show/add/edit/archive --json`."""
    draft = load_draft(contact_id)
    card = contact_card(contact_id)
    return {
        "id": contact_id,
        "name": str(card.contact.display_name),
        "given_name": draft.given_name,
        "family_name": draft.family_name,
        "nickname": draft.nickname,
        "organisation": draft.organisation,
        "title": draft.title,
        "stage": draft.stage,
        "archived": bool(card.contact.archived),
        "tags": card.tags,
        "channels": [{"kind": c.kind, "value": c.value, "label": c.label} for c in card.channels],
        "groups": [{"id": gid, "name": name} for gid, name in card.groups],
        "met_on": _iso_day(draft.met_on),
        "met_mode": draft.met_mode,
        "where_met": draft.where_met,
        "how_met": draft.how_met,
        "met_through": (
            {"id": draft.met_through_id, "name": card.met_through_name}
            if draft.met_through_id is not None
            else None
        ),
        "know": draft.know,
        "like": draft.like,
        "trust": draft.trust,
        "needs": draft.needs,
        "offers": draft.offers,
        "first_impression": draft.first_impression,
        "birthday": _iso_day(draft.birthday),
        "stay_in_touch_days": draft.stay_in_touch_days,
        "notes": draft.notes,
        "interaction_count": card.interaction_count,
        "last_contact_at": _iso_instant(card.last_contact_at),
    }


def _contact_row_json(row: ContactRow) -> JsonObject:
    """One line of `contact list/search --json`."""
    return {
        "id": row.id,
        "name": row.display_name,
        "organisation": row.organisation,
        "title": row.title,
        "stage": row.stage,
        "archived": row.archived,
        "tags": row.tags.split(", ") if row.tags else [],
        "last_contact_at": _iso_instant(row.last_contact_at),
    }


# ---------------------------------------------------------------- timeline


def _log(args: argparse.Namespace) -> Output:
    people = _contact_ids(args.people or [])
    group_id = _group_id(args.group) if args.group else None
    draft = InteractionDraft(
        kind=_code(args.kind),
        occurred_at=_instant(args.when) if args.when else SYSTEM_CLOCK.now(),
        summary=args.summary,
        notes=args.notes or "",
        direction=_code(args.direction or ""),
        amount=args.amount,
        estimated_amount=args.estimated,
        currency=args.currency or "",
        group_id=group_id,
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
    )
    data = _entries_json([row])[0]
    with_whom = f" with {row.people}" if row.people else ""
    text = (
        f"Logged {_kind_label(row.kind)}{with_whom}, {_local_time(row.occurred_at)} (#{entry_id})."
    )
    return Output(data, text)


def _timeline(args: argparse.Namespace) -> Output:
    kinds = frozenset(validate.choice("kind", _code(k), INTERACTION_KINDS) for k in args.kind or [])
    since = _day("since", args.since)
    until = _day("until", args.until)
    flt = TimelineFilter(
        search=args.search or "",
        kinds=kinds,
        contact_id=_contact_id(args.contact) if args.contact else None,
        group_id=_group_id(args.group) if args.group else None,
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
    data = _entries_json(rows)
    if not rows:
        return Output(data, "Nothing in the timeline matches.")
    footer = _count(len(rows), "entry")
    if cursor is not None:
        footer = f"latest {len(rows)} of {timeline_count(flt)} entries (--limit 0 for all)"
    return Output(data, f"{_timeline_table(rows)}\n{footer}")


def _entries_json(rows: list[TimelineRow]) -> list[JsonObject]:
    """Timeline entries: the shape of `timeline --json`, `log --json` and a contact's recent."""
    people = participants_by_entry([r.id for r in rows])
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "occurred_at": _iso_instant(r.occurred_at),
            "summary": r.summary,
            "notes": r.notes,
            "direction": r.direction,
            "amount": _iso_amount(r.amount),
            "estimated_amount": _iso_amount(r.estimated_amount),
            "currency": r.currency,
            "group": {"id": r.group_id, "name": r.group_name} if r.group_id is not None else None,
            "people": [{"id": cid, "name": name} for cid, name in people[r.id]],
        }
        for r in rows
    ]


def _timeline_table(rows: list[TimelineRow]) -> str:
    return _table(
        ("WHEN", "KIND", "SUMMARY", "WITH", "GROUP", "AMOUNT"),
        [
            (
                _local_time(r.occurred_at),
                _kind_label(r.kind),
                _shorten(r.summary or r.notes, 60),
                _shorten(r.people, 40),
                r.group_name,
                _money(r.amount if r.amount is not None else r.estimated_amount, r.currency),
            )
            for r in rows
        ],
    )


# ---------------------------------------------------------------- groups and meetings


def _apply_group(draft: GroupDraft, args: argparse.Namespace) -> None:
    """Copy the options given on the command line onto the draft; the rest stays as it is."""
    codes = {"kind": "kind", "status": "status", "cadence": "meeting_cadence"}
    for option, attribute in codes.items():
        if getattr(args, option) is not None:
            setattr(draft, attribute, _code(getattr(args, option)))
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
            setattr(draft, attribute, _day(field, value))
    for option, attribute, field in (
        ("required_attendance", "required_attendance_pct", "required attendance %"),
        ("meeting_minutes", "meeting_minutes", "meeting length (minutes)"),
        ("travel_minutes", "travel_minutes", "travel time (minutes)"),
        ("role_hours", "role_hours_per_month", "role hours per month"),
        ("referral_quota", "referral_quota_per_month", "referral quota per month"),
    ):
        if getattr(args, option) is not None:
            setattr(draft, attribute, _whole(field, getattr(args, option)))
    if args.weekday is not None:
        draft.meeting_weekday = _weekday(args.weekday)
    if args.dues is not None:
        draft.dues_amount = args.dues.strip() or None


def _group_add(args: argparse.Namespace) -> Output:
    draft = GroupDraft(name=args.name)
    _apply_group(draft, args)
    group_id = create_group(draft).value
    data = _group_json(group_id, meetings=0)
    return Output(data, f"Added the group {data['name']} (#{group_id}).")


def _group_edit(args: argparse.Namespace) -> Output:
    group_id = _group_id(args.group)
    draft = load_group_draft(group_id)
    _apply_group(draft, args)
    update_group(group_id, draft)
    data = _group_json(group_id, meetings=0)
    return Output(data, f"Updated the group {data['name']} (#{group_id}).")


def _group_list(args: argparse.Namespace) -> Output:
    rows = group_rows(include_left=not args.current)
    data = [
        {
            "id": r.id,
            "name": r.name,
            "kind": r.kind,
            "status": r.status,
            "joined_on": _iso_day(r.joined_on),
            "member_count": r.member_count,
            "meetings_recorded": r.meetings_recorded,
            "meetings_attended": r.meetings_attended,
            "attendance_pct": r.attendance_pct,
            "required_attendance_pct": r.required_attendance_pct,
            "last_meeting_on": _iso_day(r.last_meeting_on),
        }
        for r in rows
    ]
    if not rows:
        return Output(data, "No groups yet. Add one with: journal group add NAME")
    table = _table(
        ("ID", "NAME", "KIND", "STATUS", "MEMBERS", "ATTENDANCE", "LAST MEETING"),
        [
            (
                str(r.id),
                r.name,
                _label(r.kind),
                _label(r.status),
                str(r.member_count),
                _attendance(r.attendance_pct, r.meetings_recorded, r.required_attendance_pct),
                _iso_day(r.last_meeting_on) or "",
            )
            for r in rows
        ],
    )
    return Output(data, table)


def _group_show(args: argparse.Namespace) -> Output:
    group_id = _group_id(args.group)
    data = _group_json(group_id, meetings=args.meetings)
    dues = data["dues"]
    meets = ", ".join(
        part
        for part in (
            _label(data["meeting_cadence"]),
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
        ("Kind", _label(data["kind"])),
        ("Status", _label(data["status"])),
        ("Joined", data["joined_on"] or ""),
        ("Left", data["left_on"] or ""),
        ("Meets", meets),
        (
            "Attendance",
            _attendance(attendance["pct"], attendance["recorded"], data["required_attendance_pct"]),
        ),
        (
            "Dues",
            f"{_money(Decimal(dues['amount']), dues['currency'])} a {dues['period']}"
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
    ]
    lines = [f"{data['name']} (#{group_id})", _fields(fields)]
    members = data["members"]
    lines += ["", f"Members ({len(members)})"]
    lines.append(
        _table(("ID", "NAME"), [(str(m["id"]), m["name"]) for m in members])
        if members
        else "none recorded"
    )
    meetings = data["meetings"]
    heading = f"Meetings (latest {len(meetings)} of {attendance['total']})"
    lines += ["", heading if meetings else "Meetings: none recorded"]
    if meetings:
        lines.append(
            _table(
                ("DATE", "ATTENDANCE", "RATING", "PEOPLE MET", "NOTES"),
                [
                    (
                        m["held_on"],
                        _label(m["attendance"]),
                        _label(m["rating"]),
                        _shorten(", ".join(p["name"] for p in m["people"]), 40),
                        _shorten(m["notes"], 40),
                    )
                    for m in meetings
                ],
            )
        )
    return Output(data, "\n".join(lines))


def _group_json(group_id: int, meetings: int) -> JsonObject:
    """One group with its demands, members, attendance and latest `meetings` (0: all)."""
    draft = load_group_draft(group_id)
    card = group_card(group_id)
    row = next(r for r in group_rows() if r.id == group_id)
    dues = (
        {
            "amount": _iso_amount(Decimal(str(draft.dues_amount))),
            "currency": draft.dues_currency,
            "period": draft.dues_period,
        }
        if draft.dues_amount is not None
        else None
    )
    logged = card.meetings if meetings <= 0 else card.meetings[:meetings]
    return {
        "id": group_id,
        "name": draft.name,
        "kind": draft.kind,
        "status": draft.status,
        "joined_on": _iso_day(draft.joined_on),
        "left_on": _iso_day(draft.left_on),
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
        "attendance": {
            "total": len(card.meetings),
            "recorded": row.meetings_recorded,
            "attended": row.meetings_attended,
            "pct": row.attendance_pct,
        },
        "meetings": [_meeting_json(m.id, group_id, draft.name) for m in logged],
    }


def _member_add(args: argparse.Namespace) -> Output:
    group_id = _group_id(args.group)
    people = _contact_ids(args.contacts)
    add_members(group_id, people)
    return _members_changed(group_id, people, "Added {names} to {group}")


def _member_remove(args: argparse.Namespace) -> Output:
    group_id = _group_id(args.group)
    people = _contact_ids(args.contacts)
    members = dict(group_card(group_id).members)
    strangers = [p for p in people if p not in members]
    if strangers:
        names = contact_names(strangers)
        raise JournalError(
            f"{', '.join(names[p] for p in strangers)}: not a member of "
            f"{dict(group_names())[group_id]}; nothing was changed"
        )
    for contact_id in people:
        remove_member(group_id, contact_id)
    return _members_changed(group_id, people, "Removed {names} from {group}")


def _members_changed(group_id: int, people: list[int], message: str) -> Output:
    card = group_card(group_id)
    members = [{"id": cid, "name": name} for cid, name in card.members]
    name = dict(group_names())[group_id]
    data = {"group": {"id": group_id, "name": name}, "members": members}
    names = contact_names(people)
    text = message.format(names=", ".join(names[p] for p in people), group=name)
    return Output(data, f"{text} ({_count(len(members), 'member')}).")


def _attend(args: argparse.Namespace) -> Output:
    group_id = _group_id(args.group)
    held = _day("date", args.date) or SYSTEM_CLOCK.today()
    people = _contact_ids(args.met or [])
    same_day = next((m.id for m in meeting_rows(group_id) if m.held_on == held), None)
    # Recording a day again changes only what is given now, and adds the people met.
    draft = load_meeting_draft(same_day) if same_day is not None else MeetingDraft(group_id, held)
    if args.attendance is not None:
        draft.attendance = args.attendance
    if args.rating is not None:
        draft.rating = _code(args.rating)
    if args.minutes is not None:
        draft.minutes = _whole("length (minutes)", args.minutes)
    if args.notes is not None:
        draft.notes = args.notes
    draft.people_ids = list(dict.fromkeys(draft.people_ids + people))
    meeting_id = record_meeting(draft).value
    data = _meeting_json(meeting_id, group_id, load_group_draft(group_id).name)
    met = ", ".join(p["name"] for p in data["people"])
    text = (
        f"Recorded {data['group']['name']} on {data['held_on']}: {_label(data['attendance'])}"
        + (f", met {met}" if met else "")
        + f" (#{meeting_id})."
    )
    return Output(data, text)


def _meeting_json(meeting_id: int, group_id: int, group_name: str) -> JsonObject:
    """One meeting: the shape of `attend --json` and of a group's meetings."""
    draft = load_meeting_draft(meeting_id)
    names = contact_names(draft.people_ids)
    people = sorted(((cid, names[cid]) for cid in draft.people_ids), key=lambda p: p[1].casefold())
    return {
        "id": meeting_id,
        "group": {"id": group_id, "name": group_name},
        "held_on": _iso_day(draft.held_on),
        "attendance": draft.attendance,
        "rating": draft.rating,
        "minutes": draft.minutes,
        "notes": draft.notes,
        "people": [{"id": cid, "name": name} for cid, name in people],
    }


# ---------------------------------------------------------------- demo


def _demo(args: argparse.Namespace) -> int:
    explicit = getattr(args, "home", None)
    folder = (
        Path(explicit).expanduser()
        if explicit
        else Path(tempfile.mkdtemp(prefix="contact-journal-demo-"))
    )
    size = demo.LARGE if args.large else demo.SMALL
    journal = open_journal(folder)
    try:
        held = contact_count(ContactFilter(include_archived=True))
        if held or timeline_count() or group_names():
            raise JournalError(
                f"{folder} already holds a journal ({_count(held, 'contact')}); demo data "
                "only goes into an empty folder (leave out --home to use a new temporary one)"
            )

        def progress(step: str) -> None:
            if args.large:
                print(f"journal: generating {step}…", file=sys.stderr)

        demo.generate(size, progress=progress)
        data = {
            "home": str(folder),
            "contacts": contact_count(ContactFilter(include_archived=True)),
            "interactions": timeline_count(),
            "groups": len(group_names()),
        }
    finally:
        journal.close()
    if not args.no_gui:
        return _start_gui(folder)
    _emit(args, Output(data, str(folder)))
    return 0


# ---------------------------------------------------------------- formatting


def _iso_instant(value: dt.datetime | None) -> str | None:
    """An instant as ISO 8601 UTC with a Z."""
    if value is None:
        return None
    return value.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat() + "Z"


def _parse_z(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _iso_day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _iso_amount(value: Decimal | None) -> str | None:
    """An exact amount as a string: JSON numbers are floats to most readers."""
    return str(value) if value is not None else None


def _local_time(instant: dt.datetime) -> str:
    return instant.astimezone().strftime("%Y-%m-%d %H:%M")


def _local_day(instant: dt.datetime | None) -> str:
    return instant.astimezone().date().isoformat() if instant is not None else ""


def _money(amount: Decimal | None, currency: str) -> str:
    if amount is None:
        return ""
    text = f"{amount:,.2f}" if amount % 1 else f"{amount:,.0f}"
    return f"{text} {currency}".strip()


def _count(number: int, noun: str) -> str:
    """ "1 entry", "3 entries", "0 contacts"."""
    if number == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {plural}"


def _kind_label(kind: str) -> str:
    return INTERACTION_KIND_LABELS.get(kind, _label(kind))


def _label(code: str) -> str:
    """A stored code as words: "referral_partner" reads "referral partner"."""
    return code.replace("_", " ")


def _attendance(pct: int | None, recorded: int, required: int | None) -> str:
    text = "no meetings yet" if pct is None else f"{pct}% of {recorded}"
    return f"{text} (required {required}%)" if required is not None else text


def _shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two, accents none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Left-aligned columns two spaces apart; empty columns are left out."""
    body = [list(r) for r in rows]
    keep = [i for i in range(len(headers)) if any(r[i] for r in body)]
    lines = [[headers[i] for i in keep]] + [[r[i] for i in keep] for r in body]
    widths = [max(_width(line[c]) for line in lines) for c in range(len(keep))]
    return "\n".join(
        "  ".join(_pad(cell, widths[c]) for c, cell in enumerate(line)).rstrip() for line in lines
    )


def _fields(pairs: Sequence[tuple[str, str]]) -> str:
    """Label-value lines, values aligned; empty values are left out, long ones wrap under."""
    shown = [(label, value) for label, value in pairs if value]
    if not shown:
        return ""
    width = max(_width(label) for label, _ in shown) + 2
    lines: list[str] = []
    for label, value in shown:
        first, *rest = value.splitlines() or [""]
        lines.append(_pad(label, width) + first)
        lines += [" " * width + more for more in rest]
    return "\n".join(lines)


__all__ = ["build_parser", "main"]
