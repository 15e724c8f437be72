"""`journal import`: vCard, LinkedIn and Google CSV, the journal archive.

(Exports are `journal export`, commands/export.py.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.commands.common import (
    JsonObject,
    Output,
    Subparsers,
    add_command,
    counted,
    text_table,
)

if TYPE_CHECKING:
    from journal.core.importing import ImportReport

IMPORT_FORMATS = ("vcard", "linkedin", "google", "archive")


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`import`."""
    imports = add_command(
        subparsers,
        parent,
        "import",
        "bring contacts in from a vCard, LinkedIn or Google CSV, or restore an archive",
        _import,
    )
    imports.add_argument("file", metavar="FILE", help="the file to import ('-': standard input)")
    imports.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help="what the file is (default: recognised from its content)",
    )
    imports.add_argument(
        "--dry-run", action="store_true", help="say what would happen, and change nothing"
    )
    imports.add_argument(
        "--duplicates",
        choices=("merge", "skip"),
        default="merge",
        help="a possible duplicate is merged into the contact it matches (default) or skipped",
    )


def _import(args: argparse.Namespace) -> Output:
    from journal.commands.terminal_progress import terminal_progress
    from journal.core.importing import Duplicates, dry_run, import_safely, plan_data, plan_file

    with terminal_progress("Reading") as progress:
        if args.file == "-":
            plan = plan_data(_standard_input(args), STANDARD_INPUT, args.format, progress=progress)
        else:
            plan = plan_file(Path(args.file).expanduser(), args.format, progress=progress)
    duplicates = Duplicates(args.duplicates)
    if args.dry_run:
        report = dry_run(plan, duplicates)
    else:
        with terminal_progress("Importing") as progress:
            report = import_safely(args.journal, plan, duplicates, progress=progress).value
    return Output(report_json(report), _report_text(report))


STANDARD_INPUT = "standard input"


def _standard_input(args: argparse.Namespace) -> bytes:
    """The file piped in, as bytes (its encoding is found as a file's is)."""
    from journal.core.errors import JournalError

    lines = getattr(args, "stdin_lines", None)
    if lines is not None and lines.count:
        # The passphrase came first on the same input, read as text: what follows it can
        # no longer be had as the bytes it was.
        raise JournalError(
            "standard input holds the passphrase (--passphrase-stdin): give the file to "
            "import by its path. Nothing was changed."
        )
    if sys.stdin is None or sys.stdin.isatty():
        raise JournalError(
            "'-' reads the file from standard input, but nothing is piped in: "
            "journal import - < contacts.vcf. Nothing was changed."
        )
    return sys.stdin.buffer.read()


def report_json(report: ImportReport) -> JsonObject:
    """The JSON shape of an import's report (see README, "journal import")."""
    from journal.core.importing import Outcome, describe

    rows: list[JsonObject] = []
    for row in report.rows:
        reason: Any = None
        if row.reason is not None:
            reason = {
                "code": row.reason.code,
                "text": describe(row.reason),
                "detail": row.reason.detail,
                "other_id": row.reason.other_id,
                "other_line": row.reason.other_line,
            }
        rows.append(
            {
                "line": row.line,
                "name": row.name,
                "outcome": row.outcome.value,
                "contact_id": row.contact_id,
                "reason": reason,
                "note": row.note or None,
            }
        )
    counts = {outcome.value: report.count(outcome) for outcome in Outcome}
    return {
        "file": report.source,
        "format": report.format,
        "dry_run": report.dry_run,
        "backup": report.backup.name if report.backup is not None else None,
        **counts,
        "rows": rows,
    }


def _report_text(report: ImportReport) -> str:
    from journal.core.importing import Outcome, describe

    counts = ", ".join(f"{report.count(o)} {o.value}" for o in Outcome)
    verb = "Would import" if report.dry_run else "Imported"
    head = f"{verb} {report.source} ({report.format}): {counts}."
    # Rows already in the journal (or earlier in the file) are only counted: listing them
    # would bury the others.
    known = [
        r.reason for r in report.rows if r.reason is not None and r.reason.code == "nothing_new"
    ]
    in_file = sum(1 for reason in known if reason.other_id is None and reason.other_line)
    if len(known) > in_file:
        head += f" {counted(len(known) - in_file, 'row')} already in the journal, nothing new."
    if in_file:
        head += f" {counted(in_file, 'row')} repeating an earlier one of the file, nothing new."
    notable = [
        r
        for r in report.rows
        if r.note
        or (r.outcome is not Outcome.ADDED and (r.reason is None or r.reason.code != "nothing_new"))
    ]
    if report.backup is not None:
        head += (
            f"\nThe journal as it was before is kept as {report.backup.name}; "
            f"`journal restore {report.backup.name}` undoes this import."
        )
    if not notable:
        return head
    table = text_table(
        ("LINE", "OUTCOME", "NAME", "REASON"),
        [
            (
                str(r.line),
                r.outcome.value,
                r.name,
                _with_note(describe(r.reason), r.note),
            )
            for r in notable
        ],
    )
    return f"{head}\n{table}"


def _with_note(reason: str, note: str) -> str:
    """A row's reason and what was left out of it, in one cell."""
    return "; ".join(part for part in (reason, note) if part)
