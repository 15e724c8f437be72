"""`journal export --format FORMAT -o FILE`: the journal in open formats.

Each format is one entry of FORMATS: a function from the parsed arguments to what was
written. Formats are added there (vCard, CSV and the archive come with their own work).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from journal.commands.common import JsonObject, Output, Subparsers, add_command, counted
from journal.core.clock import SYSTEM_CLOCK
from journal.core.errors import JournalError


def _ics(args: argparse.Namespace) -> tuple[bytes, JsonObject, str]:
    from journal.core.followups import all_followups
    from journal.interchange.ical import followups_calendar

    rows = all_followups(include_done=False)
    data = followups_calendar(rows, SYSTEM_CLOCK.now())
    return data, {"followups": len(rows)}, counted(len(rows), "follow-up")


FORMATS: dict[str, Callable[[argparse.Namespace], tuple[bytes, JsonObject, str]]] = {
    "ics": _ics,
}


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`export`."""
    export = add_command(subparsers, parent, "export", "write the journal in an open format", _run)
    export.add_argument(
        "--format",
        required=True,
        choices=sorted(FORMATS),
        help="ics: open follow-ups as all-day calendar events",
    )
    export.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the file to write ('-': stdout)"
    )


def _run(args: argparse.Namespace) -> Output:
    from journal.interchange.ical import write_calendar

    if args.output == "-" and getattr(args, "json", False):
        raise JournalError("--json and -o - both want stdout; give a file name instead of -")
    data, summary, what = FORMATS[args.format](args)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return Output(None, "")
    target = Path(args.output).expanduser()
    if target.is_dir():
        raise JournalError(
            f"{target} is a folder; give a file name, e.g. {target / 'follow-ups.ics'}"
        )
    try:
        write_calendar(target, data)
    except OSError as error:
        raise JournalError(f"cannot write {target}: {error.strerror or error}") from None
    return Output(
        {"format": args.format, "file": str(target.resolve()), **summary},
        f"Wrote {what} to {target}.",
    )
