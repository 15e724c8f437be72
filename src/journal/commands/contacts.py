"""`journal contact ...`: add, list, search, show, edit, archive and delete contacts."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from journal.commands.common import (
    JsonObject,
    Output,
    Subparsers,
    add_command,
    code_label,
    contact_rows_in_order,
    count_option,
    counted,
    entries_json,
    field_lines,
    iso_day,
    iso_instant,
    local_day,
    parse_day,
    parse_iso_instant,
    parse_whole,
    resolve_contact,
    resolve_group,
    text_table,
    timeline_table,
)
from journal.core.contact_queries import (
    ContactFilter,
    ContactRow,
    ContactSort,
    contact_card,
    contact_ids,
    contact_names,
)
from journal.core.contacts import (
    ChannelDraft,
    ContactDraft,
    RelationDraft,
    create_contact,
    delete_contact,
    load_draft,
    relations_of,
    require_contact,
    set_archived,
    update_contact,
)
from journal.core.errors import JournalError, UsageError
from journal.core.names import split_full_name
from journal.core.timeutil import parse_birthday

if TYPE_CHECKING:
    from journal.core.keep_in_touch import TouchRow

CHANNEL_LABELS = {
    "email": "Email",
    "phone": "Phone",
    "url": "Web",
    "social": "Social",
    "address": "Address",
}


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`contact` and its actions."""
    contact = add_command(
        subparsers, parent, "contact", "add, list, show, search and change contacts"
    )
    actions = contact.add_subparsers(dest="action", metavar="ACTION", required=True)
    adding = add_command(actions, parent, "add", "add a contact", _add)
    adding.add_argument(
        "name",
        nargs="?",
        metavar="NAME",
        help='the whole name, e.g. "Jane Doe": the first word is the given name (or, in '
        "Chinese, Japanese or Korean script, the family name); or use --given and --family",
    )
    _contact_fields(adding, editing=False)
    listing = add_command(actions, parent, "list", "list contacts", _list, reads_only=True)
    listing.add_argument("--tag", help="only contacts with this tag")
    listing.add_argument("--stage", help="only contacts at this relationship stage")
    listing.add_argument("--group", metavar="GROUP", help="only members of this group")
    _list_options(listing)
    listing.add_argument(
        "--sort", choices=[s.value for s in ContactSort], default="name", help="(default: name)"
    )
    listing.add_argument("--desc", action="store_true", help="sort in descending order")
    show = add_command(
        actions, parent, "show", "show one contact with recent timeline", _show, reads_only=True
    )
    show.add_argument(
        "contact", metavar="CONTACT", help="id or name (its first words will do: Jane)"
    )
    show.add_argument(
        "--recent", type=count_option, default=10, metavar="N", help="entries (default 10)"
    )
    search = add_command(
        actions, parent, "search", "full-text search over contacts", _search, reads_only=True
    )
    search.add_argument("text", nargs="+", metavar="TEXT", help="words, each matched as a prefix")
    _list_options(search)
    edit = add_command(actions, parent, "edit", "change a contact (only the options given)", _edit)
    edit.add_argument("contact", metavar="CONTACT", help="id or exact name")
    _contact_fields(edit, editing=True)
    archive = add_command(
        actions, parent, "archive", "hide a contact from lists, keeping everything", _archive
    )
    archive.add_argument("contact", metavar="CONTACT", help="id or exact name")
    archive.add_argument("--undo", action="store_true", help="bring an archived contact back")
    delete = add_command(actions, parent, "delete", "delete a contact for good", _delete)
    delete.add_argument("contact", metavar="CONTACT", help="id or exact name")
    delete.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    merge = add_command(
        actions, parent, "merge", "fold a second entry for the same person into the first", _merge
    )
    merge.add_argument("kept", metavar="KEEP", help="id or exact name of the contact kept")
    merge.add_argument(
        "other", metavar="OTHER", help="id or exact name of the one folded into it (then gone)"
    )


def _list_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--archived", action="store_true", help="include archived contacts")
    parser.add_argument(
        "--limit", type=count_option, default=0, metavar="N", help="at most N (default: all)"
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
    parser.add_argument(
        "--relate",
        nargs=2,
        action="append",
        metavar=("CONTACT", "KIND"),
        help="how they relate to another contact, both ways (KIND e.g. spouse, colleague; '' "
        "for no word); replaces what was said of those two; repeat for several",
    )
    if editing:
        parser.add_argument(
            "--unrelate", action="append", metavar="CONTACT", help="no longer related to them"
        )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--online", dest="met_mode", action="store_const", const="online")
    mode.add_argument("--in-person", dest="met_mode", action="store_const", const="in_person")
    for rating in ("know", "like", "trust"):
        parser.add_argument(f"--{rating}", metavar="1-5", help=f"how well you {rating} them")
    parser.add_argument("--needs", metavar="TEXT", help="what they are looking for")
    parser.add_argument("--offers", metavar="TEXT", help="what they can give")
    parser.add_argument("--first-impression", metavar="TEXT", help="never final")
    parser.add_argument(
        "--birthday", metavar="DATE", help="YYYY-MM-DD, or MM-DD when the year is unknown"
    )
    parser.add_argument("--stay-in-touch", metavar="DAYS", help="reach out at least this often")
    parser.add_argument("--notes")


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
    if args.met_on is not None:
        draft.met_on = parse_day("date met", args.met_on)
    if args.birthday is not None:  # '' clears it
        text = args.birthday
        draft.birthday = parse_birthday("birthday", text) if text.strip() else None
    for option, attribute, field in (
        ("know", "know", "know"),
        ("like", "like", "like"),
        ("trust", "trust", "trust"),
        ("stay_in_touch", "stay_in_touch_days", "stay in touch every"),
    ):
        if getattr(args, option) is not None:
            setattr(draft, attribute, parse_whole(field, getattr(args, option)))
    if args.met_mode is not None:
        draft.met_mode = args.met_mode
    if args.met_through is not None:
        through = args.met_through.strip()
        draft.met_through_id = resolve_contact(through) if through else None
    for kind in ("email", "phone", "url"):
        values: list[str] | None = getattr(args, kind)
        if values is not None:
            kept = [c for c in draft.channels if c.kind != kind]
            draft.channels = kept + [ChannelDraft(kind, v) for v in values]
    if args.tag is not None:
        # `--tag ''` stands for none (as the help says); an empty --add-tag is refused.
        draft.tags = [t for t in args.tag if t != ""]
    added: list[str] = getattr(args, "add_tag", None) or []
    removed = {t.lstrip("#").casefold() for t in getattr(args, "remove_tag", None) or []}
    draft.tags = [t for t in draft.tags + added if t.lstrip("#").casefold() not in removed]
    _apply_relations(draft, args)


def _apply_relations(draft: ContactDraft, args: argparse.Namespace) -> None:
    """--relate and --unrelate onto the draft's relationships (kept as they are otherwise)."""
    related: list[list[str]] = args.relate or []
    unrelated: list[str] = getattr(args, "unrelate", None) or []
    if not related and not unrelated:
        return
    gone = {resolve_contact(name) for name in unrelated}
    said: dict[int, str] = {}
    for name, kind in related:
        other = resolve_contact(name)
        if other in said:  # the last would have won without a word
            raise UsageError(f"--relate names #{other} twice; give each person once")
        said[other] = kind.strip()
    if both := sorted(said.keys() & gone):  # relate won over unrelate, without a word
        raise UsageError(f"--relate and --unrelate both name #{both[0]}; say either, not both")
    kept = [r for r in draft.relations or [] if r.other_id not in gone | said.keys()]
    draft.relations = kept + [RelationDraft(other, kind) for other, kind in said.items()]


def _add(args: argparse.Namespace) -> Output:
    from journal.core.namesakes import namesakes

    draft = ContactDraft()
    if args.name is not None:
        if args.given is not None or args.family is not None:
            raise UsageError("give the name once: as NAME, or with --given and --family")
        draft.given_name, draft.family_name = split_full_name(args.name)
    _apply_contact(draft, args)
    already = namesakes(draft)
    contact_id = create_contact(draft).value
    data = _contact_json(contact_id)
    # Added all the same (namesakes are real), but said, with the way to fold them together:
    # in the JSON for scripts, on stderr for people.
    if getattr(args, "json", False):  # SUPPRESS: absent unless given
        data["possible_duplicates"] = [
            {"id": n.contact_id, "name": n.name, "reason": n.reason} for n in already
        ]
        return Output(data, "")
    for other in already:
        who = f"{other.name} (#{other.contact_id}" + (
            f", {other.organisation})" if other.organisation else ")"
        )
        why = (
            f"has the e-mail {other.detail} too" if other.reason == "email" else "has that name too"
        )
        print(
            f"journal: note: {who} {why}; if they are one person: "
            f"journal contact merge {other.contact_id} {contact_id}",
            file=sys.stderr,
        )
    return Output(data, f"Added {data['name']} (#{contact_id}).")


def _edit(args: argparse.Namespace) -> Output:
    contact_id = resolve_contact(args.contact, exact=True)
    draft = load_draft(contact_id)
    _apply_contact(draft, args)
    if draft == load_draft(contact_id):
        # Nothing given, or only what is stored already: say so, and write nothing.
        data = _contact_json(contact_id)
        return Output(data, f"No change to {data['name']} (#{contact_id}).")
    update_contact(contact_id, draft)
    data = _contact_json(contact_id)
    return Output(data, f"Updated {data['name']} (#{contact_id}).")


def _archive(args: argparse.Namespace) -> Output:
    contact_id = resolve_contact(args.contact, exact=True)
    was_archived = bool(require_contact(contact_id).archived)
    set_archived(contact_id, not args.undo)
    data = _contact_json(contact_id)
    name = f"{data['name']} (#{contact_id})"
    if was_archived != args.undo:  # nothing changed: said, not reported as done again
        return Output(data, f"{name} was already {'archived' if was_archived else 'active'}.")
    verb = "Brought back" if args.undo else "Archived"
    return Output(data, f"{verb} {name}.")


def _delete(args: argparse.Namespace) -> Output:
    contact_id = resolve_contact(args.contact, exact=True)
    name = contact_names([contact_id])[contact_id]
    if not args.yes:
        raise JournalError(
            f"deleting {name} (#{contact_id}) removes them, their channels and their tags for "
            "good (timeline entries stay, without them); add --yes to confirm, or hide them "
            f"and keep everything with: journal contact archive {contact_id}"
        )
    # As `entry delete` and `meeting delete`: what was deleted, in its own shape.
    deleted = {**_contact_json(contact_id), "deleted": True}
    delete_contact(contact_id)
    return Output(deleted, f"Deleted {name} (#{contact_id}).")


def _merge(args: argparse.Namespace) -> Output:
    """As the app's Edit → Merge selected contacts: every channel, tag, note and entry kept
    on one contact.

    The app can undo a merge while it runs; here a copy of the journal taken just before is
    the way back, as for an import."""
    from journal.core.merging import merge_contacts
    from journal.store import backup as backups
    from journal.store import readonly

    # Exact names or ids: the other one is gone after the merge.
    kept_id = resolve_contact(args.kept, exact=True)
    other_id = resolve_contact(args.other, exact=True)
    if kept_id == other_id:
        raise JournalError(f"'{args.kept}' and '{args.other}' are the same contact (#{kept_id})")
    if args.journal.read_only:  # said before the backup, which could not be taken either
        raise readonly.refused(args.journal.path)
    taken = backups.backup_now(args.journal, backups.BEFORE_MERGE)
    merged = merge_contacts(kept_id, other_id).value
    backups.thin(args.journal.home, backups.BEFORE_MERGE, backups.KEEP_BEFORE_MERGE)
    data = {
        **_contact_json(kept_id),
        "merged": {"id": other_id, "name": merged.merged_name},
        "backup": taken.path.name,
    }
    return Output(
        data,
        f"Merged {merged.merged_name} (#{other_id}) into {merged.kept_name} (#{kept_id}).\n"
        f"The journal as it was before is kept as {taken.path.name}; "
        f"`journal restore {taken.path.name}` undoes this merge.",
    )


def _list(args: argparse.Namespace) -> Output:
    group_id = resolve_group(args.group) if args.group else None
    flt = ContactFilter(
        tag=args.tag or None,
        stage=args.stage or None,
        group_id=group_id,
        include_archived=args.archived,
    )
    from journal.core.overview import has_contacts

    ids = contact_ids(flt, ContactSort(args.sort), args.desc)
    if not ids and flt == ContactFilter(include_archived=args.archived) and not has_contacts():
        return Output([], "No contacts yet: add one with journal contact add --given NAME.")
    return _contact_table(ids, args.limit)


def _search(args: argparse.Namespace) -> Output:
    flt = ContactFilter(search=" ".join(args.text), include_archived=args.archived)
    return _contact_table(contact_ids(flt), args.limit)


def _contact_table(ids: list[int], limit: int) -> Output:
    rows = contact_rows_in_order(ids[:limit] if limit > 0 else ids)
    data = [_contact_row_json(r) for r in rows]
    if not rows:
        return Output(data, "No contacts match.")
    table = text_table(
        ("ID", "NAME", "ORGANISATION", "STAGE", "LAST CONTACT", "TAGS"),
        [
            (
                str(r.id),
                r.display_name + (" (archived)" if r.archived else ""),
                r.organisation,
                code_label(r.stage),
                local_day(r.last_contact_at) or "never",
                r.tags,
            )
            for r in rows
        ],
    )
    shown = f"{len(rows)} of {len(ids)}" if len(rows) < len(ids) else str(len(ids))
    return Output(data, f"{table}\n{shown} {'contact' if len(ids) == 1 else 'contacts'}")


def _show(args: argparse.Namespace) -> Output:
    from journal.commands.people_first import due_text, followup_json, touch_json, touch_text
    from journal.core.clock import SYSTEM_CLOCK
    from journal.core.followups import open_followups
    from journal.core.keep_in_touch import touch_status
    from journal.core.timeline import TimelineFilter, timeline_page

    contact_id = resolve_contact(args.contact)
    data = _contact_json(contact_id)
    recent, _ = timeline_page(TimelineFilter(contact_id=contact_id), limit=max(args.recent, 0))
    data["recent"] = entries_json(recent)
    # The rhythm that applies (their own, a tag's or their stage's), as the card shows it:
    # stay_in_touch_days alone is only their own, null for a friend on the stage's 30 days.
    today = SYSTEM_CLOCK.today()
    touch = touch_status(contact_id, SYSTEM_CLOCK)
    data["stay_in_touch"] = touch_json(touch) if touch is not None else None
    planned = open_followups(contact_id=contact_id)
    data["follow_ups"] = [followup_json(row, today) for row in planned]
    lines = [f"{data['name']} (#{contact_id})" + ("  [archived]" if data["archived"] else "")]
    met = ", ".join(
        part
        for part in (
            data["met_on"] or "",
            f"at {data['where_met']}" if data["where_met"] else "",
            code_label(data["met_mode"]),
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
        ("Stage", code_label(data["stage"])),
        *channels,
        ("Tags", ", ".join(data["tags"])),
        ("Groups", ", ".join(g["name"] for g in data["groups"])),
        (
            "Related to",
            ", ".join(
                f"{r['name']} ({r['kind']})" if r["kind"] else r["name"] for r in data["relations"]
            ),
        ),
        ("Met", met),
        ("How we met", data["how_met"]),
        ("First impression", data["first_impression"]),
        (
            "Know/like/trust",
            " / ".join("-" if r is None else str(r) for r in ratings) if any(ratings) else "",
        ),
        ("Needs", data["needs"]),
        ("Offers", data["offers"]),
        # A birthday known without its year is stored in year 1604 (core.timeutil.NO_YEAR).
        # Shown as it is typed (`--birthday 04-12`); vCard's "--04-12" puzzled people.
        ("Birthday", (data["birthday"] or "").replace("1604-", "", 1)),
        ("Stay in touch", _rhythm_text(touch, touch_text(touch)) if touch is not None else ""),
        (
            "Follow up",
            "\n".join(": ".join(filter(None, (due_text(r, today), r.text))) for r in planned),
        ),
        ("Notes", data["notes"]),
        (
            "Timeline",
            f"{counted(data['interaction_count'], 'entry')}, "
            f"last on {local_day(parse_iso_instant(last))}"
            if last
            else "no entries yet",
        ),
    ]
    lines.append(field_lines(fields))
    if recent:
        lines += ["", "Recent", timeline_table(recent)]
    return Output(data, "\n".join(lines))


def _rhythm_text(touch: TouchRow, standing: str) -> str:
    """ "every 30 days (the friend stage's) · due in 4 days"."""
    if touch.source == "own":
        whose = "their own"
    elif touch.source.startswith("tag:"):
        whose = f"the tag {touch.source[4:]}'s"
    else:
        whose = f"the {code_label(touch.stage)} stage's"
    if touch.snoozed_until is not None:
        standing = f"snoozed until {touch.snoozed_until.isoformat()}"
    return f"every {counted(touch.cadence_days, 'day')} ({whose}) · {standing}"


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
        "relations": [
            {"id": other, "name": name, "kind": kind}
            for other, name, kind in relations_of(contact_id)
        ],
        "met_on": iso_day(draft.met_on),
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
        "birthday": iso_day(draft.birthday),
        "stay_in_touch_days": draft.stay_in_touch_days,
        "notes": draft.notes,
        "interaction_count": card.interaction_count,
        "last_contact_at": iso_instant(card.last_contact_at),
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
        "last_contact_at": iso_instant(row.last_contact_at),
    }
