"""`journal import` and `journal export`: vCard, LinkedIn and Google CSV, the journal archive.

`journal export` dispatches on --format through EXPORTERS: a new format is one entry there
(what it writes, and the function that writes it).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.commands.common import (
    JsonObject,
    Output,
    Subparsers,
    add_command,
    counted,
    resolve_contacts,
    shorten,
    text_table,
)
from journal.core.errors import JournalError

if TYPE_CHECKING:
    from journal.core.importing import ImportReport

IMPORT_FORMATS = ("vcard", "linkedin", "google", "archive")


@dataclass(frozen=True)
class Exporter:
    """One --format of `journal export`: what it is, and how to write it."""

    help: str
    write: Callable[[argparse.Namespace, Path], Output]
    selectable: bool = True  # takes --contact; False: always the whole journal


def _contacts_as(format: str) -> Callable[[argparse.Namespace, Path], Output]:
    def write(args: argparse.Namespace, path: Path) -> Output:
        from journal.core.exporting import FORMATS, export_contacts

        ids = resolve_contacts(args.contact) if args.contact else None
        count = export_contacts(path, format, ids).value
        data = {"file": str(path), "format": format, "contacts": count}
        return Output(
            data, f"Exported {counted(count, 'contact')} to {path} ({FORMATS[format].name})."
        )

    return write


def _archive(args: argparse.Namespace, path: Path) -> Output:
    from journal.core.exporting import export_contacts

    count = export_contacts(path, "archive").value
    data = {"file": str(path), "format": "archive", "contacts": count}
    return Output(
        data, f"Exported the whole journal ({counted(count, 'contact')}) to {path} as an archive."
    )


EXPORTERS: dict[str, Exporter] = {
    "vcard": Exporter(
        "vCard 3.0, what every address book reads (the default)", _contacts_as("vcard")
    ),
    "vcard4": Exporter("vCard 4.0", _contacts_as("vcard4")),
    "csv": Exporter("CSV with Google Contacts' columns", _contacts_as("csv")),
    "archive": Exporter(
        "the whole journal as JSON: contacts, timeline, groups, reviews, settings",
        _archive,
        selectable=False,
    ),
}


def register(subparsers: Subparsers, parent: argparse.ArgumentParser) -> None:
    """`import` and `export`."""
    imports = add_command(
        subparsers,
        parent,
        "import",
        "bring contacts in from a vCard, LinkedIn or Google CSV, or restore an archive",
        _import,
    )
    imports.add_argument("file", metavar="FILE", help="the file to import")
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
    exports = add_command(
        subparsers, parent, "export", "write contacts or the whole journal to a file", _export
    )
    exports.add_argument(
        "--format",
        choices=list(EXPORTERS),
        default="vcard",
        help="; ".join(f"{code}: {exporter.help}" for code, exporter in EXPORTERS.items()),
    )
    exports.add_argument("-o", "--output", metavar="FILE", required=True, help="the file to write")
    exports.add_argument(
        "--contact",
        action="append",
        metavar="CONTACT",
        help="only this contact (id or exact name); repeat for several (default: everyone)",
    )


def _export(args: argparse.Namespace) -> Output:
    exporter = EXPORTERS[args.format]
    if args.contact and not exporter.selectable:
        raise JournalError(
            f"--format {args.format} always holds the whole journal; leave out --contact"
        )
    return exporter.write(args, Path(args.output).expanduser())


def _import(args: argparse.Namespace) -> Output:
    from journal.core.importing import Duplicates, apply_import, dry_run, plan_file

    plan = plan_file(Path(args.file).expanduser(), args.format)
    duplicates = Duplicates(args.duplicates)
    report = dry_run(plan, duplicates) if args.dry_run else apply_import(plan, duplicates).value
    return Output(report_json(report), _report_text(report))


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
            }
        )
    counts = {outcome.value: report.count(outcome) for outcome in Outcome}
    return {
        "file": report.source,
        "format": report.format,
        "dry_run": report.dry_run,
        **counts,
        "rows": rows,
    }


def _report_text(report: ImportReport) -> str:
    from journal.core.importing import Outcome, describe

    counts = ", ".join(f"{report.count(o)} {o.value}" for o in Outcome)
    verb = "Would import" if report.dry_run else "Imported"
    head = f"{verb} {report.source} ({report.format}): {counts}."
    # Rows already in the journal are only counted: listing them would bury the others.
    known = sum(1 for r in report.rows if r.reason is not None and r.reason.code == "nothing_new")
    if known:
        head += f" {counted(known, 'row')} already in the journal, nothing new."
    notable = [
        r
        for r in report.rows
        if r.outcome is not Outcome.ADDED and (r.reason is None or r.reason.code != "nothing_new")
    ]
    if not notable:
        return head
    table = text_table(
        ("LINE", "OUTCOME", "NAME", "REASON"),
        [(str(r.line), r.outcome.value, shorten(r.name, 30), describe(r.reason)) for r in notable],
    )
    return f"{head}\n{table}"
