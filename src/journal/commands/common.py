"""What the command groups share: their output, reading user input, JSON shapes, text tables."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from journal.core.clock import SYSTEM_CLOCK
from journal.core.contact_queries import ContactRow, contact_names, contact_rows
from journal.core.contacts import exists, find_by_name
from journal.core.errors import JournalError, NotFoundError, ValidationError
from journal.core.timeutil import SKIPPED_TIME, parse_date, skipped_by_clocks
from journal.core.vocabulary import DIRECTIONS, INTERACTION_KIND_LABELS

if TYPE_CHECKING:
    from journal.core.balance import AttendanceWindow
    from journal.core.meetings import MeetingDraft
    from journal.core.timeline import TimelineRow
    from journal.core.trash import Trashed

JsonObject = dict[str, Any]
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CHUNK = 500  # ids per contact_rows() query, well under SQLite's bound-variable limit


@dataclass(frozen=True)
class Output:
    """What a command produced: a JSON value for scripts and plain text for people.

    With `open_app`, nothing is printed: the desktop app starts on that journal folder, or
    the running one is asked to show itself; `app_request` "quick" opens its Quick add.
    `exit_code` 1 says the output explains why nothing was done (a refused quick add).
    """

    data: Any
    text: str
    open_app: Path | None = None
    app_request: str = ""
    exit_code: int = 0


Handler = Callable[[argparse.Namespace], Output]
# Whether a command, as given, only reads: True, False, or a test of its arguments for a
# command that only shows without them (`digest`) and writes with them (`digest --off`).
ReadsOnly = bool | Callable[[argparse.Namespace], bool]


def reads_only(args: argparse.Namespace) -> bool:
    """True when the parsed command only reads, so it may run beside another writer."""
    said: ReadsOnly = getattr(args, "reads_only", False)
    return said(args) if callable(said) else said


class CommandModule(Protocol):
    """A module of journal.commands: it adds its subcommands to the `journal` parser."""

    def register(self, subparsers: Subparsers, parent: argparse.ArgumentParser) -> None: ...


def add_command(
    group: Subparsers,
    parent: argparse.ArgumentParser,
    name: str,
    summary: str,
    handler: Handler | None = None,
    *,
    reads_only: ReadsOnly = False,
) -> argparse.ArgumentParser:
    """A subcommand that also takes the global options (`parent`), run by `handler`.

    The journal at --home is open while the handler runs, unless the subcommand sets
    `opens_own_journal=True` (see `journal demo`). A command that only reads says
    `reads_only=True` (or gives a test of its arguments, when some of them write): it
    still runs while another program holds the journal for writing, opened as a reader
    that writes nothing.
    """
    # No abbreviated options: `--arch` working today would break once `--archive-all` exists.
    sub = group.add_parser(
        name, parents=[parent], help=summary, description=summary, allow_abbrev=False
    )
    if handler is not None:
        sub.set_defaults(handler=handler, reads_only=reads_only)
    return sub


# ---------------------------------------------------------------- reading user input


def parse_whole(field: str, text: str | None) -> int | None:
    """A whole number typed by the user; '' means none."""
    if text is None or not text.strip():
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise ValidationError(field, f"'{text}' is not a whole number") from None


def count_option(text: str) -> int:
    """An option's count (--limit, --recent): a whole number from 0 (argparse's `type`)."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"{number} is below 0 (0 means all)")
    return number


def parse_day(field: str, text: str | None) -> dt.date | None:
    """A YYYY-MM-DD date typed by the user; '' means none."""
    if text is None or not text.strip():
        return None
    return parse_date(field, text)


def parse_instant(text: str) -> dt.datetime:
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
    if when.year < 1900:
        # Before the conversion below, which fails outright for the year 1 ("0001-01-01").
        raise ValidationError("when", f"{when.date().isoformat()} is before 1900")
    if when.tzinfo is None:  # a naive time is the user's local time
        if skipped_by_clocks(when):
            raise ValidationError("when", f"{when.isoformat(' ', 'minutes')} {SKIPPED_TIME}")
        when = when.astimezone()
    return when.astimezone(dt.timezone.utc)


def as_code(text: str) -> str:
    """A vocabulary code as people type it: "Referral-Given" is referral_given."""
    return text.strip().lower().replace("-", "_").replace(" ", "_")


def parse_weekday(text: str | None) -> int | None:
    """A day of the week by name ("tue", "Tuesday") or number (0 = Monday); '' means none."""
    if text is None or not text.strip():
        return None
    wanted = text.strip().lower()
    if wanted.isdigit():
        return int(wanted)  # 0 = Monday; the range is checked by core
    for index, name in enumerate(WEEKDAYS):
        if len(wanted) >= 2 and name.startswith(wanted):
            return index
    raise ValidationError("meeting weekday", f"'{text}' is not a day of the week")


def resolve_contact(text: str, *, exact: bool = False) -> int:
    """A contact named by id ("12" or "#12"), by exact name (case and accents ignored), or
    else by the first words of one name ("Jane" for Jane Doe, as quick add's `@Jane`).

    "#12" is always an id; "12" is a name only when someone is called that. `exact`: no
    first words, for commands that change or remove the person named (delete, merge,
    archive, edit), where "Bob" must not quietly mean Bob Smith.
    """
    wanted = text.strip()
    if not wanted:
        # Else '' reads "There is no contact named ''", as if someone could be called that.
        raise ValidationError("contact", "is empty; give the contact's id or name")
    if wanted.startswith("#") and wanted[1:].isdigit():
        return _existing_id(int(wanted[1:]))
    if wanted.isdigit():
        # Usually an id; but a person may be called "42" too (an import from a phone).
        named = find_by_name(wanted)
        if not named:
            return _existing_id(int(wanted))
        if exists(int(wanted)) and int(wanted) not in named:
            others = ", ".join(f"#{cid}" for cid in named)
            raise JournalError(
                f"'{wanted}' is the id of a contact and the name of {others}; "
                f"give #{wanted} for the id, or {others}."
            )
    matches = find_by_name(wanted)
    if not matches:
        # Imported here: building the parser loads this module, and quick add's lookup
        # pulls in the modules only handlers need.
        from journal.core.quick_lookup import named_by_first_words

        by_first_words = named_by_first_words(wanted)
        if exact and by_first_words:
            # Said, rather than "no contact named": the person is there, but a change
            # needs them named whole.
            raise NotFoundError(
                f"'{wanted}' is not the whole name of anyone; to change a contact, give the "
                f"whole name or the id: {_candidates(by_first_words)}."
            )
        matches = by_first_words
    if not matches:
        raise NotFoundError(
            f"There is no contact named '{wanted}' (try: journal contact search {wanted})."
        )
    if len(matches) > 1:
        raise JournalError(
            f"'{wanted}' could be {len(matches)} contacts: {_candidates(matches)}. "
            "Give the id instead."
        )
    return matches[0]


def _candidates(ids: list[int]) -> str:
    """The contacts as "12 (Jane Doe, Acme), 14 (Jane Roe)", in list order."""
    return ", ".join(
        f"{r.id} ({', '.join(part for part in (r.display_name, r.organisation) if part)})"
        for r in contact_rows_in_order(ids)
    )


def _existing_id(contact_id: int) -> int:
    if not exists(contact_id):
        raise NotFoundError(f"There is no contact with id {contact_id}.")
    return contact_id


def resolve_contacts(texts: list[str], *, exact: bool = False) -> list[int]:
    """Several contacts, each named once however often they were given (by id and by name)."""
    return list(dict.fromkeys(resolve_contact(t, exact=exact) for t in texts))


def resolve_group(text: str) -> int:
    """A group named by id or by its full name (any case)."""
    from journal.core.group_queries import group_names
    from journal.core.groups import find_group

    if not text.strip():
        # Else every group "could be" meant, and the refusal lists them all.
        raise ValidationError("group", "is empty; give the group's id or name")
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


def contact_rows_in_order(ids: Sequence[int]) -> list[ContactRow]:
    """The contact list lines for these ids, in the same order."""
    found: dict[int, ContactRow] = {}
    for start in range(0, len(ids), CHUNK):
        found.update(contact_rows(list(ids[start : start + CHUNK])))
    return [found[i] for i in ids if i in found]


# ---------------------------------------------------------------- timeline entries


def entry_options(parser: argparse.ArgumentParser, *, editing: bool) -> None:
    """The options of an entry that `log` takes, and `entry edit` changes one at a time."""
    clears = "; '' clears it" if editing else ""
    with_help = "who it was with (id or exact name); repeat for several"
    if editing:
        with_help += "; replaces everyone in the entry ('' leaves nobody)"
    parser.add_argument("--with", dest="people", action="append", metavar="CONTACT", help=with_help)
    parser.add_argument(
        "--when",
        metavar="DATE[THH:MM]",
        help="local date or date and time ("
        + ("" if editing else "default: now; ")
        + "a past day alone: noon)",
    )
    if not editing:  # `entry edit` has --group or --no-group instead
        parser.add_argument("--group", metavar="GROUP", help="the group it came through")
        parser.add_argument(
            "--meeting",
            metavar="DATE",
            help="the group's meeting it happened at (needs --group; the meeting must be recorded)",
        )
    parser.add_argument("--amount", help="money involved, e.g. 1200" + clears)
    parser.add_argument(
        "--estimated", metavar="AMOUNT", help="estimated value, if not yet known" + clears
    )
    parser.add_argument("--currency", help="three-letter code, e.g. USD (required with an amount)")
    parser.add_argument("--direction", help=", ".join(d for d in DIRECTIONS if d) + clears)
    parser.add_argument("--notes")


def entry_said(row: TimelineRow) -> str:
    """An entry in a sentence: "Coffee with Jane Doe, 2025-06-01 08:15 (#4)"."""
    with_whom = f" with {row.people}" if row.people else ""
    return f"{kind_label(row.kind)}{with_whom}, {local_time(row.occurred_at)} (#{row.id})"


def trashed_counts(trashed: Trashed, table: str) -> tuple[int, int]:
    """Rows of `table` a delete took with it, and rows it left unlinked from what it deleted."""
    taken = sum(1 for name, _ in trashed.rows[1:] if name == table)
    unlinked = sum(len(rowids) for key, _, rowids in trashed.nulled if key.table == table)
    return taken, unlinked


def entries_json(rows: list[TimelineRow]) -> list[JsonObject]:
    """Timeline entries: the shape of `timeline --json`, `log --json` and a contact's recent."""
    from journal.core.timeline import participants_by_entry

    people = participants_by_entry([r.id for r in rows])
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "occurred_at": iso_instant(r.occurred_at),
            "summary": r.summary,
            "notes": r.notes,
            "direction": r.direction,
            "amount": iso_amount(r.amount),
            "estimated_amount": iso_amount(r.estimated_amount),
            "currency": r.currency,
            "group": {"id": r.group_id, "name": r.group_name} if r.group_id is not None else None,
            "meeting": (
                {"id": r.meeting_id, "held_on": iso_day(r.meeting_on)}
                if r.meeting_id is not None
                else None
            ),
            "people": [{"id": cid, "name": name} for cid, name in people[r.id]],
        }
        for r in rows
    ]


def timeline_table(rows: list[TimelineRow]) -> str:
    """Timeline entries as a text table, newest first as given; with their ids, which
    `entry show`, `entry edit` and `entry delete` take."""
    return text_table(
        ("ID", "WHEN", "KIND", "SUMMARY", "WITH", "GROUP", "AMOUNT"),
        [
            (
                str(r.id),
                local_time(r.occurred_at),
                kind_label(r.kind),
                r.summary or r.notes,
                r.people,
                r.group_name,
                entry_amount(r),
            )
            for r in rows
        ],
    )


# ---------------------------------------------------------------- group meetings


def meeting_on(group_id: int, day: dt.date) -> int | None:
    """The id of the group's meeting recorded on that day, if any."""
    from journal.core.group_queries import meeting_rows

    return next((m.id for m in meeting_rows(group_id) if m.held_on == day), None)


def resolve_meeting(group_id: int | None, day_text: str) -> int:
    """The id of the group's meeting on a day, for `log --meeting` and `entry edit --meeting`."""
    from journal.core.groups import load_group_draft

    if group_id is None:
        raise ValidationError("meeting", "say which group's meeting with --group")
    day = parse_day("meeting", day_text)
    found = meeting_on(group_id, day) if day is not None else None
    if found is None:
        name = load_group_draft(group_id).name
        raise ValidationError(
            "meeting",
            f"{name} has no meeting recorded on {day_text.strip()} "
            f'(record it first: journal attend "{name}" --date {day_text.strip()})',
        )
    return found


def apply_meeting_options(draft: MeetingDraft, args: argparse.Namespace) -> None:
    """Copy --attendance, --rating, --minutes and --notes, where given, onto the draft."""
    if args.attendance is not None:
        draft.attendance = as_code(args.attendance)
    if args.rating is not None:
        draft.rating = as_code(args.rating)
    if args.minutes is not None:
        draft.minutes = parse_whole("length (minutes)", args.minutes)
    if args.notes is not None:
        draft.notes = args.notes


def meeting_json(meeting_id: int, group_id: int, group_name: str) -> JsonObject:
    """One meeting: the shape of `attend --json`, `meeting edit` and a group's meetings."""
    from journal.core.meetings import load_meeting_draft

    draft = load_meeting_draft(meeting_id)
    names = contact_names(draft.people_ids)
    people = sorted(((cid, names[cid]) for cid in draft.people_ids), key=lambda p: p[1].casefold())
    return {
        "id": meeting_id,
        "group": {"id": group_id, "name": group_name},
        "held_on": iso_day(draft.held_on),
        "attendance": draft.attendance,
        "rating": draft.rating,
        "minutes": draft.minutes,
        "notes": draft.notes,
        "people": [{"id": cid, "name": name} for cid, name in people],
    }


def meeting_said(data: JsonObject) -> str:
    """A meeting (as `meeting_json` gives it) in a sentence: "Chamber on 2025-03-04: ..."."""
    met = ", ".join(p["name"] for p in data["people"])
    return (
        f"{data['group']['name']} on {data['held_on']}: {attendance_word(data['attendance'])}"
        + (f", met {met}" if met else "")
        + f" (#{data['id']})"
    )


# ---------------------------------------------------------------- JSON values


def iso_instant(value: dt.datetime | None) -> str | None:
    """An instant as ISO 8601 UTC with a Z."""
    if value is None:
        return None
    return value.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat() + "Z"


def parse_iso_instant(text: str) -> dt.datetime:
    """The instant `iso_instant` wrote."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def iso_day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def iso_amount(value: Decimal | None) -> str | None:
    """An exact amount as a string: JSON numbers are floats to most readers."""
    return str(value) if value is not None else None


# ---------------------------------------------------------------- text for people


def local_time(instant: dt.datetime) -> str:
    return instant.astimezone().strftime("%Y-%m-%d %H:%M")


def local_day(instant: dt.datetime | None) -> str:
    return instant.astimezone().date().isoformat() if instant is not None else ""


def format_money(amount: Decimal | None, currency: str) -> str:
    from journal.core.amounts import money_text  # in the handlers that print money only

    return money_text(amount, currency)


def entry_amount(row: TimelineRow) -> str:
    """An entry's amount, or its estimate marked "≈ "."""
    from journal.core.amounts import entry_amount_text

    return entry_amount_text(row.amount, row.estimated_amount, row.currency)


def counted(number: int, noun: str) -> str:
    """ "1 entry", "3 entries", "0 contacts"."""
    if number == 1:
        return f"1 {noun}"
    if noun.endswith("person"):
        plural = noun[: -len("person")] + "people"
    elif noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        plural = noun[:-1] + "ies"  # entry, entries; but day, days
    else:
        plural = noun + "s"
    return f"{number} {plural}"


def kind_label(kind: str) -> str:
    return INTERACTION_KIND_LABELS.get(kind, code_label(kind))


def code_label(code: str) -> str:
    """A stored code as words: "referral_partner" reads "referral partner"."""
    return code.replace("_", " ")


# The app's words for attendance (ui.labels), so `attend`, `meeting`, `group show`, `today`
# and `review` say one thing one way; codes stay as they are in --json.
ATTENDANCE_WORDS = {
    "attended": "attended",
    "missed": "missed",
    "excused": "excused",
    "substitute": "sent a substitute",
}
NO_MEETINGS_COUNTED = "no meetings counted yet"


def attendance_word(code: str) -> str:
    """A meeting's attendance in words: "substitute" reads "sent a substitute"."""
    return ATTENDANCE_WORDS.get(code, code_label(code))


def attendance_text(attended: int, counted: int, required: int | None, below: bool) -> str:
    """Attendance over the rolling window in short, for a table: "9 of 12 (75%), ..."."""
    if not counted:
        text = NO_MEETINGS_COUNTED
    else:
        text = f"{attended} of {counted} ({round(100 * attended / counted)}%)"
    if required is None:
        return text
    return f"{text}, required {required}%" + (": below" if below else "")


def window_text(a: AttendanceWindow) -> str:
    """Attendance over the rolling window against the rule, as `group show` and `review` say it."""
    if a.pct is None:
        text = NO_MEETINGS_COUNTED
    else:
        # Meetings excused (apologies sent) are not counted: said, so the count adds up.
        text = f"{a.attended} of the last {counted(a.counted, 'meeting')} not excused ({a.pct}%)"
    if a.required_pct is None:
        return text
    text += f", required {a.required_pct}%"
    if a.status == "below":
        text += ": below the requirement"
    elif a.status == "at_risk":
        text += ": " + _at_risk_words(a)
    elif a.misses_allowed is not None and a.status == "ok":
        more = "1 more miss" if a.misses_allowed == 1 else f"{a.misses_allowed} more misses"
        text += f": {more} allowed"
    return text


def _at_risk_words(a: AttendanceWindow) -> str:
    """One more miss takes the attendance below its rule: calmly while the record is short."""
    after = a.short_record_miss_pct
    if after is None:
        return "one more miss takes you below"
    so_far = counted(a.counted, "meeting")
    return f"with {so_far} counted so far, one miss would put you at {after}%"


def text_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two, accents none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    return text + " " * (width - text_width(text))


def one_line(text: str) -> str:
    """A table cell on one line: a name or organisation typed with a line break in it
    would otherwise split its row in two."""
    return " ".join(text.split()) if _LINE_BREAKING.search(text) else text


_LINE_BREAKING = re.compile(r"[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]")


def text_table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], width: int | None = None
) -> str:
    """Left-aligned columns two spaces apart; empty columns are left out.

    On a terminal (or given `width`), the widest columns are cut with "…" so that a row
    fits on one line; piped to a file or another program, nothing is cut.
    """
    body = [[one_line(cell) for cell in r] for r in rows]
    keep = [i for i in range(len(headers)) if any(r[i] for r in body)]
    lines = [[headers[i] for i in keep]] + [[r[i] for i in keep] for r in body]
    widths = [max(text_width(line[c]) for line in lines) for c in range(len(keep))]
    limit = terminal_columns() if width is None else width
    if limit is not None:
        fitted = fit_widths(widths, [text_width(headers[i]) for i in keep], limit)
        if fitted != widths:
            widths = fitted
            lines = [[cut(cell, widths[c]) for c, cell in enumerate(line)] for line in lines]
    return "\n".join(
        "  ".join(pad(cell, widths[c]) for c, cell in enumerate(line)).rstrip() for line in lines
    )


# A column is never cut narrower than this (or its header): "Jane D…" still says who.
MIN_CUT_WIDTH = 8


def terminal_columns() -> int | None:
    """The terminal's width when the output goes to one, else None (nothing is cut)."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def fit_widths(widths: list[int], headers: list[int], limit: int) -> list[int]:
    """Column widths that fit `limit` with two spaces between, cutting the widest first.

    No column goes below its header or MIN_CUT_WIDTH; if even that is too wide, the
    result is as narrow as those allow and the terminal wraps the rest.
    """
    floors = [min(w, max(h, MIN_CUT_WIDTH)) for w, h in zip(widths, headers, strict=True)]
    fitted = list(widths)
    excess = sum(fitted) + 2 * (len(fitted) - 1) - limit
    while excess > 0:
        cuttable = [c for c in range(len(fitted)) if fitted[c] > floors[c]]
        if not cuttable:
            break
        widest = max(cuttable, key=lambda c: fitted[c])
        others = [fitted[c] for c in cuttable if c != widest]
        # Down to the next widest column at most, so wide columns shrink together.
        step = min(excess, fitted[widest] - max([floors[widest], *others]) or 1)
        fitted[widest] -= step
        excess -= step
    return fitted


def cut(text: str, width: int) -> str:
    """`text` in at most `width` terminal columns, ending in "…" when it had to be cut."""
    if text_width(text) <= width:
        return text
    kept: list[str] = []
    used = 0
    for ch in text:
        add = 0 if unicodedata.combining(ch) else text_width(ch)
        if used + add > width - 1:
            break
        kept.append(ch)
        used += add
    return "".join(kept) + "…"


def field_lines(pairs: Sequence[tuple[str, str]]) -> str:
    """Label-value lines, values aligned; empty values are left out, long ones wrap under."""
    shown = [(label, value) for label, value in pairs if value]
    if not shown:
        return ""
    width = max(text_width(label) for label, _ in shown) + 2
    lines: list[str] = []
    for label, value in shown:
        first, *rest = value.splitlines() or [""]
        lines.append(pad(label, width) + first)
        lines += [" " * width + more for more in rest]
    return "\n".join(lines)
