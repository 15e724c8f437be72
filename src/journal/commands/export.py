"""`journal export --format FORMAT -o FILE`: the journal in open formats.

Each format is one entry of FORMATS: a function from the parsed arguments to the bytes to
write, a JSON summary and a few words for people; HELP says what each one is.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from journal.commands.common import (
    JsonObject,
    Output,
    Subparsers,
    add_command,
    counted,
    resolve_contacts,
)
from journal.core.clock import SYSTEM_CLOCK
from journal.core.errors import JournalError, UsageError


def _ics(args: argparse.Namespace) -> tuple[bytes, JsonObject, str]:
    from journal.core.followups import all_followups
    from journal.interchange.ical import followups_calendar

    rows = all_followups(include_done=False)
    data = followups_calendar(rows, SYSTEM_CLOCK.now())
    return data, {"followups": len(rows)}, counted(len(rows), "follow-up")


def _contacts_as(format: str) -> Callable[[argparse.Namespace], tuple[bytes, JsonObject, str]]:
    """vCard or CSV of everyone, or of the contacts named with --contact."""

    def export(args: argparse.Namespace) -> tuple[bytes, JsonObject, str]:
        from journal.core.exporting import render

        ids = resolve_contacts(args.contact) if args.contact else None
        text, count = render(format, ids)
        return text.encode("utf-8"), {"contacts": count}, counted(count, "contact")

    return export


def _archive(args: argparse.Namespace) -> tuple[bytes, JsonObject, str]:
    from journal.core.exporting import render

    text, count = render("archive")
    return (
        text.encode("utf-8"),
        {"contacts": count},
        f"the whole journal ({counted(count, 'contact')})",
    )


FORMATS: dict[str, Callable[[argparse.Namespace], tuple[bytes, JsonObject, str]]] = {
    "ics": _ics,
    "vcard": _contacts_as("vcard"),
    "vcard4": _contacts_as("vcard4"),
    "csv": _contacts_as("csv"),
    "archive": _archive,
}
HELP = {
    "ics": "open follow-ups as all-day calendar events",
    "vcard": "contacts as vCard 3.0, what every address book reads",
    "vcard4": "contacts as vCard 4.0",
    "csv": "contacts as CSV with Google Contacts' columns",
    "archive": "the whole journal as JSON: contacts, timeline, groups, reviews, settings",
}
SUGGESTED = {
    "ics": "follow-ups.ics",
    "vcard": "contacts.vcf",
    "vcard4": "contacts.vcf",
    "csv": "contacts.csv",
    "archive": "journal.json",
}
# The format a file name's extension says, when --format is not given (.vcf: the 3.0 that
# every address book reads).
BY_EXTENSION = {
    ".ics": "ics",
    ".vcf": "vcard",
    ".vcard": "vcard",
    ".csv": "csv",
    ".json": "archive",
}
# Formats that hold contacts, and so take --contact to name some of them.
SELECTABLE = frozenset({"vcard", "vcard4", "csv"})


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`export`."""
    # Its one write is bookkeeping (vCard UIDs), which a read-only journal, or one read
    # beside the app that holds it for writing, does without: so it runs in both.
    export = add_command(
        subparsers, parent, "export", "write the journal in an open format", _run, reads_only=True
    )
    export.set_defaults(read_only_ok=True)
    export.add_argument(
        "--format",
        choices=list(FORMATS),
        help="; ".join(f"{code}: {HELP[code]}" for code in FORMATS)
        + " (default: what the file's extension says: "
        + ", ".join(f"{ending} {code}" for ending, code in BY_EXTENSION.items())
        + ")",
    )
    export.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the file to write ('-': stdout)"
    )
    export.add_argument(
        "--contact",
        action="append",
        metavar="CONTACT",
        help="vcard, vcard4, csv: only this contact (id or exact name); repeat for several",
    )


def _run(args: argparse.Namespace) -> Output:
    from journal.interchange.ical import write_calendar

    if args.output == "-" and getattr(args, "json", False):
        raise UsageError("--json and -o - both want stdout; give a file name instead of -")
    if args.format is None:
        args.format = _format_of(args.output)
    if args.contact and args.format not in SELECTABLE:
        why = " (an archive always holds the whole journal)" if args.format == "archive" else ""
        raise UsageError(f"--format {args.format} does not take --contact{why}")
    data, summary, what = FORMATS[args.format](args)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return Output(None, "")
    target = Path(args.output).expanduser()
    if target.is_dir():
        raise JournalError(
            f"{target} is a folder; give a file name, e.g. {target / SUGGESTED[args.format]}"
        )
    try:
        write_calendar(target, data)
    except OSError as error:
        raise JournalError(f"cannot write {target}: {error.strerror or error}") from None
    return Output(
        {"format": args.format, "file": str(target.resolve()), **summary},
        f"Wrote {what} to {target}.",
    )


def _format_of(output: str) -> str:
    """The format a file name's extension says, or a refusal asking for --format."""
    found = BY_EXTENSION.get(Path(output).suffix.casefold()) if output != "-" else None
    if found is None:
        what = "standard output" if output == "-" else f"'{output}'"
        raise UsageError(f"say which format to write to {what} with --format: {', '.join(FORMATS)}")
    return found
