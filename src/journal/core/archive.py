"""The whole journal as one JSON document, and back: an archive you can read and leave with.

Every table of the journal is in the archive, each row with all its columns, in their
stored form (dates as YYYY-MM-DD, instants as UTC ISO text ending in Z, amounts as
decimal text, ids as numbers), nested under what it belongs to: a contact's channels,
tag ids and relations; a group's demand history, members and meetings (with the people
met); an interaction's participants; a review's decisions. Columns holding JSON text
(`demands_json`...) appear as JSON values under the name without `_json`. The schema is
documented in README.md ("The journal archive").

Columns are read from the models, so a column a later schema adds is archived without a
change here; restoring an older archive leaves the newer columns at their defaults.

Restoring needs an empty journal and keeps every id, so the result is the same journal:
the same rows in every table, and a search index rebuilt from them.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import peewee

from journal import __version__
from journal.core import validate, vocabulary
from journal.core.changes import EVERYTHING, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import JournalError, ValidationError
from journal.core.importing import ImportPlan, ImportReport, Outcome, PlanRow, ReportRow, RowStatus
from journal.core.progress import Progress, no_progress
from journal.interchange import archive as envelope
from journal.interchange.errors import ImportFileError
from journal.store import bulk, schema_v6
from journal.store.fields import MoneyField, PlainDateField, UTCDateTimeField, format_utc, parse_utc
from journal.store.folding import match_key
from journal.store.migrations import SCHEMA_VERSION
from journal.store.models import (
    ALL_MODELS,
    BaseModel,
    Contact,
    ContactChannel,
    ContactRelation,
    ContactTag,
    FollowUp,
    Group,
    GroupDemandChange,
    GroupMember,
    Interaction,
    InteractionParticipant,
    IntroductionDismissal,
    Meeting,
    MeetingPerson,
    ReminderSnooze,
    Review,
    ReviewDecision,
    Setting,
    Tag,
    database_proxy,
)
from journal.store.rows import run_sql

JSON_SUFFIX = "_json"


@dataclass(frozen=True)
class Part:
    """A table's place in the archive: its key, and where its rows are nested."""

    key: str
    model: type[BaseModel]
    parent: str | None = None  # the column pointing at the enclosing record
    ids_of: str | None = None  # a link table kept as a list of this column's values
    children: tuple[Part, ...] = ()


PARTS: tuple[Part, ...] = (
    Part("tags", Tag),
    Part(
        "contacts",
        Contact,
        children=(
            Part("channels", ContactChannel, "contact_id"),
            Part("tag_ids", ContactTag, "contact_id", ids_of="tag_id"),
            Part("relations", ContactRelation, "contact_id"),
            Part("reminder_snoozes", ReminderSnooze, "contact_id"),
        ),
    ),
    Part(
        "groups",
        Group,
        children=(
            Part("demand_history", GroupDemandChange, "group_id"),
            Part("members", GroupMember, "group_id"),
            Part(
                "meetings",
                Meeting,
                "group_id",
                children=(Part("people", MeetingPerson, "meeting_id", ids_of="contact_id"),),
            ),
        ),
    ),
    Part(
        "interactions",
        Interaction,
        children=(
            Part("participants", InteractionParticipant, "interaction_id", ids_of="contact_id"),
        ),
    ),
    Part("follow_ups", FollowUp),
    Part("introduction_dismissals", IntroductionDismissal),
    Part("reviews", Review, children=(Part("decisions", ReviewDecision, "review_id"),)),
)


def _placed() -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = {Setting}

    def walk(part: Part) -> None:
        found.add(part.model)
        for child in part.children:
            walk(child)

    for part in PARTS:
        walk(part)
    return found


def parts() -> tuple[Part, ...]:
    """PARTS, then any table a later schema added that PARTS does not place yet, flat under
    its table name: an archive never leaves a table out."""
    placed = _placed()
    extra = tuple(Part(m._meta.table_name, m) for m in ALL_MODELS if m not in placed)
    return PARTS + extra


def all_parts() -> list[Part]:
    """Every part, nested ones included (with settings, they cover every table)."""
    found: list[Part] = []

    def walk(part: Part) -> None:
        found.append(part)
        for child in part.children:
            walk(child)

    for part in parts():
        walk(part)
    return found


def _columns(model: type[BaseModel]) -> list[peewee.Field]:
    return list(model._meta.sorted_fields)


def _is_json(field: peewee.Field) -> bool:
    return str(field.column_name).endswith(JSON_SUFFIX)


def _key(field: peewee.Field) -> str:
    name = str(field.column_name)
    return name[: -len(JSON_SUFFIX)] if _is_json(field) else name


# ------------------------------------------------------------------------------- export


def build_archive(clock: Clock = SYSTEM_CLOCK, progress: Progress = no_progress) -> dict[str, Any]:
    """The whole journal as an archive document (one consistent read)."""
    document: dict[str, Any] = {
        "format": envelope.FORMAT,
        "version": envelope.VERSION,
        "exported_at": format_utc(clock.now()),
        "app_version": __version__,
        "schema_version": SCHEMA_VERSION,
    }
    with database_proxy.atomic():
        every = parts()
        for number, part in enumerate(every):
            progress(number, len(every) + 1)
            document[part.key] = _export(part)
        document["settings"] = {
            key: json.loads(value)
            for key, value in run_sql(
                bulk.database(), "SELECT key, value_json FROM setting ORDER BY key"
            )
        }
    progress(len(every) + 1, len(every) + 1)
    return document


def _table_rows(model: type[BaseModel]) -> list[dict[str, Any]]:
    fields = _columns(model)
    names = ", ".join(f'"{f.column_name}"' for f in fields)
    table = model._meta.table_name
    order = "rowid"
    cursor = run_sql(bulk.database(), f'SELECT {names} FROM "{table}" ORDER BY {order}')
    records = []
    for row in cursor:
        record: dict[str, Any] = {}
        for field, value in zip(fields, row, strict=True):
            if _is_json(field):
                value = json.loads(value)
            elif isinstance(field, peewee.BooleanField):
                value = bool(value)
            record[_key(field)] = value
        records.append(record)
    return records


def _export(part: Part) -> list[dict[str, Any]]:
    records = _table_rows(part.model)
    for child in part.children:
        grouped = _export_children(child)
        for record in records:
            record[child.key] = grouped.get(record["id"], [])
    return records


def _export_children(part: Part) -> dict[Any, list[Any]]:
    """A nested table's records by the id of the record they belong to."""
    assert part.parent is not None
    grouped: dict[Any, list[Any]] = {}
    for record in _export(part):
        owner = record.pop(part.parent)
        grouped.setdefault(owner, []).append(record[part.ids_of] if part.ids_of else record)
    return grouped


def encode(document: dict[str, Any]) -> str:
    """The archive document as JSON text."""
    return envelope.encode(document)


# ------------------------------------------------------------------------------- restore


def _is_empty() -> bool:
    return not any(m.select().exists() for m in ALL_MODELS if m is not Setting)


def plan_restore(source: str, document: dict[str, Any]) -> ImportPlan:
    """A preview of restoring an archive: its contacts, after checking it whole."""
    rows = _checked_rows(source, document)
    if not _is_empty():
        raise JournalError(
            f"{source}: an archive restores a whole journal, so it needs an empty one, and "
            "this journal already holds contacts, groups or a timeline.",
            command_hint="Open a new journal (journal --home NEW_FOLDER import ...) and "
            "import the archive there.",
        )
    plan = ImportPlan(source, "archive", archive=document)
    for position, contact in enumerate(document.get("contacts", []), start=1):
        email = next(
            (c.get("value", "") for c in contact.get("channels", []) if c.get("kind") == "email"),
            "",
        )
        plan.rows.append(
            PlanRow(position, str(contact.get("display_name", "")), str(email), RowStatus.NEW)
        )
    plan.fingerprint = (sum(len(v) for v in rows.values()),)
    return plan


def restore_archive(
    plan: ImportPlan, clock: Clock = SYSTEM_CLOCK, progress: Progress = no_progress
) -> Result[ImportReport]:
    """Restore an archive into this empty journal, keeping every id; one transaction."""
    assert plan.archive is not None
    rows = _checked_rows(plan.source, plan.archive)
    total = len(rows) + 2
    try:
        with database_proxy.atomic("IMMEDIATE"):
            if not _is_empty():
                raise JournalError(f"{plan.source}: the journal is no longer empty")
            run_sql(bulk.database(), "PRAGMA defer_foreign_keys = ON")
            with bulk.contact_index_deferred() as batch:
                for number, (model, records) in enumerate(rows.items()):
                    progress(number, total)
                    for columns, values in _grouped(records).items():
                        bulk.insert_rows(model._meta.table_name, columns, values)
                contacts = rows.get(Contact, [])
                # Sort names as this version folds names: an archive written before schema
                # step 7 kept an Arabic name's ة, ى or Persian ی and ک in its sort name.
                resorted = [
                    (key, r["id"])
                    for r in contacts
                    if (key := match_key(r.get("display_name") or "")) != r.get("sort_name")
                ]
                bulk.connection().executemany(
                    "UPDATE contact SET sort_name = ? WHERE id = ?", resorted
                )
                # An archive written before schema step 6 shows CJK names given name
                # first; they are shown as the journal shows them now (and indexed so).
                renamed = schema_v6.shown_family_first(
                    (r["id"], r.get("given_name") or "", r.get("family_name") or "")
                    for r in contacts
                )
                if renamed:
                    bulk.connection().executemany(
                        "UPDATE contact SET display_name = ?, sort_name = ? WHERE id = ?",
                        renamed,
                    )
                batch.touch(r["id"] for r in contacts)
            progress(total, total)  # the last chance to cancel: the commit comes next
    except (peewee.IntegrityError, sqlite3.IntegrityError) as error:
        raise ImportFileError(
            plan.source, None, f"the archive does not hold together ({error}); nothing was restored"
        ) from None
    report = ImportReport(plan.source, "archive", False)
    for row, record in zip(plan.rows, rows.get(Contact, []), strict=False):
        report.rows.append(ReportRow(row.line, row.name, Outcome.ADDED, contact_id=record["id"]))
    return Result(report, EVERYTHING)


def _grouped(records: list[dict[str, Any]]) -> dict[tuple[str, ...], list[list[Any]]]:
    groups: dict[tuple[str, ...], list[list[Any]]] = {}
    for record in records:
        columns = tuple(record)
        groups.setdefault(columns, []).append([record[c] for c in columns])
    return groups


Tables = dict[type[BaseModel], list[dict[str, Any]]]


def _checked_rows(source: str, document: dict[str, Any]) -> Tables:
    """Every table's rows in stored form, checked column by column.

    ImportFileError names the first wrong value by its path ("contacts[3].channels[0].kind").
    """
    out: Tables = {}
    for part in parts():
        records = document.get(part.key, [])
        _check_part(source, part, records, part.key, None, out)
    settings = []
    for key, value in document.get("settings", {}).items():
        settings.append({"key": key, "value_json": json.dumps(value, sort_keys=True)})
    out[Setting] = settings
    return out


def _check_part(
    source: str,
    part: Part,
    records: Any,
    path: str,
    owner: Any,
    out: Tables,
) -> None:
    if not isinstance(records, list):
        raise ImportFileError(source, None, f"{path}: should be a JSON array")
    target = out.setdefault(part.model, [])
    for number, record in enumerate(records):
        where = f"{path}[{number}]"
        if part.ids_of is not None:
            assert part.parent is not None
            record = {part.parent: owner, part.ids_of: record}
        elif not isinstance(record, dict):
            raise ImportFileError(source, None, f"{where}: should be a JSON object")
        else:
            record = dict(record)
            if part.parent is not None:
                record[part.parent] = owner
        children = {child.key: record.pop(child.key, []) for child in part.children}
        target.append(_stored_record(source, part.model, record, where))
        for child in part.children:
            _check_part(
                source, child, children[child.key], f"{where}.{child.key}", record.get("id"), out
            )


def _stored_record(
    source: str, model: type[BaseModel], record: dict[str, Any], where: str
) -> dict[str, Any]:
    fields = {_key(f): f for f in _columns(model)}
    unknown = [k for k in record if k not in fields]
    if unknown:
        raise ImportFileError(source, None, f"{where}.{unknown[0]}: not a field of this archive")
    stored: dict[str, Any] = {}
    for key, field in fields.items():
        if key not in record:
            required = not field.null and field.default is None
            if key == "id" or (required and not isinstance(field, peewee.AutoField)):
                raise ImportFileError(source, None, f"{where}: {key} is missing")
            continue
        try:
            stored[str(field.column_name)] = _stored_value(field, record[key])
        except ValueError as problem:
            raise ImportFileError(source, None, f"{where}.{key}: {problem}") from None
    return stored


def _is_date(text: str) -> bool:
    dt.date.fromisoformat(text)
    return True


def _is_instant(text: str) -> bool:
    return parse_utc(text).tzinfo is not None


def _is_amount(text: str) -> bool:
    return Decimal(text).is_finite()


# Columns holding a code of a fixed vocabulary (stages are the user's own: not checked).
_VOCABULARIES: dict[tuple[type[BaseModel], str], tuple[str, ...] | dict[str, int]] = {
    (Contact, "met_mode"): vocabulary.MET_MODES,
    (ContactChannel, "kind"): vocabulary.CHANNEL_KINDS,
    (Interaction, "kind"): vocabulary.INTERACTION_KINDS,
    (Interaction, "direction"): vocabulary.DIRECTIONS,
    (Group, "kind"): vocabulary.GROUP_KINDS,
    (Group, "status"): vocabulary.GROUP_STATUSES,
    (Group, "meeting_cadence"): vocabulary.CADENCES,
    (Group, "dues_period"): vocabulary.DUES_PERIODS,
    (Meeting, "attendance"): vocabulary.ATTENDANCE,
    (Meeting, "rating"): vocabulary.MEETING_RATINGS,
}

# SQLite's integers are 64-bit; a larger one overflowed deep in the restore.
_SMALLEST_INTEGER = -(2**63)
_LARGEST_INTEGER = 2**63 - 1

# Text columns whose text must be a date, an instant or an amount.
_TEXT_CHECKS: tuple[tuple[type[peewee.Field], str, Callable[[str], bool]], ...] = (
    (PlainDateField, "date (YYYY-MM-DD)", _is_date),
    (UTCDateTimeField, "UTC instant (YYYY-MM-DDTHH:MM:SSZ)", _is_instant),
    (MoneyField, "decimal amount", _is_amount),
)


def _stored_value(field: peewee.Field, value: Any) -> Any:
    if _is_json(field):
        return json.dumps(value, sort_keys=True)
    if value is None:
        if not field.null:
            raise ValueError("cannot be empty (null)")
        return None
    if isinstance(field, peewee.BooleanField):
        if not isinstance(value, bool):
            raise ValueError(f"should be true or false, not {value!r}")
        return int(value)
    if isinstance(field, (peewee.IntegerField, peewee.ForeignKeyField)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"should be a whole number, not {value!r}")
        if not _SMALLEST_INTEGER <= value <= _LARGEST_INTEGER:
            raise ValueError(f"{value} is too large a number (SQLite stores up to 2^63 - 1)")
        return value
    if not isinstance(value, str):
        raise ValueError(f"should be text, not {value!r}")
    for kind, shown, check in _TEXT_CHECKS:
        if isinstance(field, kind):
            try:
                valid = check(value)
            except (ValueError, TypeError, InvalidOperation):
                valid = False
            if not valid:
                raise ValueError(f"{value!r} is not a {shown}")
    allowed = _VOCABULARIES.get((field.model, field.name))
    if allowed is not None and value not in allowed:
        # The codes the forms and the command line offer; another one would be stored and
        # shown as it was written, and no filter or rule would know it.
        raise ValueError(f"{value!r} is not one of: {', '.join(c for c in allowed if c)}")
    if isinstance(field, MoneyField):
        # The bounds the journal's own forms keep to; the review adds amounts up.
        # As stored (plain decimal text, "1E+3" from before amounts were read as typed), so
        # not read as typed: "1.200" is 1.2 here, never ambiguous.
        try:
            validate.money("amount", Decimal(value))
        except ValidationError as refused:
            raise ValueError(refused.problem) from None
    return value
