"""Importing contacts: plan (a preview of every row), then apply the plan in one transaction.

`plan_import` validates each card or row and matches it against the journal (and against
the rows before it in the same file, see core.matching): each row is new, an update (the
same vCard UID), a possible duplicate (with the reason), unchanged (the journal already has
everything it says) or invalid (with the reason). Nothing is written.

`apply_import` writes the plan in one transaction: cancelling (progress raising Cancelled)
or failing leaves the journal as it was. New contacts go in with bulk inserts and the
search index is brought up to date once (store.bulk). Duplicates are merged into the
contact they match (core.contact_state's rules: nothing the journal holds is lost), or
skipped if the user says so; updates are always merged. The report says, for every row,
what happened and why, with its line in the file. Importing the same file again changes
nothing: every row is then unchanged.

An archive is not merged: it restores a whole journal into an empty one (core.archive).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import partial
from itertools import chain, compress, repeat
from pathlib import Path
from typing import Any, NamedTuple

from journal.core import validate
from journal.core.changes import Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.contact_state import FIELDS, ContactState, load_states, merge_state
from journal.core.contacts import (
    ChannelDraft,
    ContactDraft,
    clean_channels,
    clean_fields,
    clean_tags,
)
from journal.core.errors import JournalError, ValidationError
from journal.core.import_table import FastRows, split_table
from journal.core.matching import (
    MIN_PHONE_DIGITS,
    Keys,
    KnownContact,
    Match,
    MatchIndex,
    Target,
    index_journal,
    person_keys,
    row_index,
    row_target,
)
from journal.core.progress import Progress, collector_paused, no_progress
from journal.interchange.errors import quoted_start
from journal.interchange.reading import ImportSource
from journal.interchange.records import ContactRecord
from journal.store import Journal, bulk
from journal.store.fields import format_utc
from journal.store.models import Contact, database_proxy
from journal.store.rows import run_sql, tuples

STEP = 512  # rows between two progress reports


class RowStatus(str, Enum):
    """What the preview says a row will do."""

    NEW = "new"
    UPDATE = "update"
    DUPLICATE = "duplicate"
    UNCHANGED = "unchanged"
    INVALID = "invalid"


class Outcome(str, Enum):
    """What importing did with a row."""

    ADDED = "added"
    UPDATED = "updated"
    MERGED = "merged"
    SKIPPED = "skipped"


class Duplicates(str, Enum):
    """What to do with a possible duplicate."""

    MERGE = "merge"
    SKIP = "skip"


@dataclass(frozen=True)
class Reason:
    """Why a row is what it is; `code` is stable, describe() says it in English."""

    code: str  # same_uid | same_email | same_phone | same_link | similar_name
    #            | nothing_new | invalid | unreadable | merged_into_row
    detail: str = ""  # the value that matched, or the problem
    other_name: str = ""  # the contact matched
    other_id: int | None = None  # ... when already in the journal
    other_line: int | None = None  # ... when an earlier row of the file


_MATCH_CODES = {
    "uid": "same_uid",
    "email": "same_email",
    "phone": "same_phone",
    "link": "same_link",
    "name": "similar_name",
}


def describe(reason: Reason | None) -> str:
    """A reason in plain English (the GUI has its own translated wording)."""
    if reason is None:
        return ""
    if reason.other_id is not None:
        other = f"{reason.other_name} (#{reason.other_id})"
    elif reason.other_line is not None:
        other = f"{reason.other_name} (line {reason.other_line})"
    else:
        other = reason.other_name
    texts = {
        "same_uid": f"the same card as {other}",
        "same_email": f"the same e-mail as {other}: {reason.detail}",
        "same_phone": f"the same phone number as {other}: {reason.detail}",
        "same_link": f"the same profile link as {other}: {reason.detail}",
        "similar_name": (
            f"a similar name at the same organisation as {other}"
            if reason.detail
            else f"a similar name to {other}; neither has an organisation"
        ),
        "nothing_new": (
            f"already in the journal as {other}; nothing new"
            if reason.other_id is not None or reason.other_line is None
            else f"the same as {other} of this file; nothing new"
        ),
        "invalid": reason.detail,
        "unreadable": reason.detail,
    }
    return texts.get(reason.code, reason.detail)


@dataclass(slots=True)  # one per row of a file: slots build faster
class PlanRow:
    """One card or row of the file, and what importing it would do."""

    line: int
    name: str
    email: str
    status: RowStatus
    reason: Reason | None = None
    state: ContactState | None = None  # the row checked, in stored form
    match: Match | None = None
    met_through_uid: str = ""
    fast: int = -1  # the row in ImportPlan.fast, for a row checked there (then state is None)
    note: str = ""  # what the journal left out of the row, and why (a date in the future)


# Fields picked in C, a row at a time (sorting rows, building reports).
_LINE, _NAME, _NOTE = (operator.attrgetter(name) for name in ("line", "name", "note"))
_OUTCOME, _REASON = operator.itemgetter(0), operator.itemgetter(1)


@dataclass
class ImportPlan:
    """A preview of an import; apply_import carries it out."""

    source: str
    format: str
    rows: list[PlanRow] = field(default_factory=list)
    archive: dict[str, Any] | None = None
    fingerprint: tuple[Any, ...] = ()
    # What merging every duplicate comes to, as the preview worked it out: applying the plan
    # to an unchanged journal with Duplicates.MERGE reuses it instead of working it again.
    merged: _Resolution | None = field(default=None, repr=False, compare=False)
    # The rows checked a column at a time (core.import_table), when the file was read so.
    fast: FastRows | None = field(default=None, repr=False, compare=False)

    def count(self, status: RowStatus) -> int:
        """How many rows have this status."""
        return sum(1 for row in self.rows if row.status is status)


class ReportRow(NamedTuple):
    """What happened to one row (a named tuple: an import builds one per row, in C)."""

    line: int
    name: str
    outcome: Outcome
    reason: Reason | None = None
    contact_id: int | None = None
    note: str = ""  # what the journal left out of the row, and why (PlanRow.note)


@dataclass
class ImportReport:
    """The outcome of every row of an import (or, for a dry run, what it would be)."""

    source: str
    format: str
    dry_run: bool
    rows: list[ReportRow] = field(default_factory=list)
    # The copy of the journal taken just before (import_safely): restoring it undoes the
    # import. None for a dry run, or a journal that held nothing and needed none.
    backup: Path | None = None

    def count(self, outcome: Outcome) -> int:
        """How many rows ended this way."""
        return sum(1 for row in self.rows if row.outcome is outcome)


# ------------------------------------------------------------------------------- planning


def plan_import(
    source: ImportSource, clock: Clock = SYSTEM_CLOCK, progress: Progress = no_progress
) -> ImportPlan:
    """A preview of importing `source`: every row checked and matched; nothing written."""
    with collector_paused():
        return _plan(source, clock, progress)


def _plan(source: ImportSource, clock: Clock, progress: Progress) -> ImportPlan:
    if source.archive is not None:
        from journal.core.archive import plan_restore

        return plan_restore(source.source, source.archive)
    read = source.contacts
    assert read is not None
    plan = ImportPlan(source.source, source.format)
    today = clock.today()
    count = read.count()
    total = count * 2 + 1
    records = read.listed
    for number, record in enumerate(records):
        if number % STEP == 0:
            progress(number, total)
        plan.rows.append(_checked(record, today))
    if read.table is not None:
        for number in range(-(-len(records) // STEP) * STEP, count, STEP):
            progress(number, total)
        plan.fast, rest = split_table(read.table, today)
        plan.rows.extend(map(_checked, rest, repeat(today)))
        plan.rows.extend(_fast_rows(plan.fast))
    for problem in read.problems:
        reason = Reason("unreadable", problem.reason)
        plan.rows.append(PlanRow(problem.line, problem.name, "", RowStatus.INVALID, reason))
    plan.rows.sort(key=_LINE)
    with database_proxy.atomic():  # one consistent view of the journal
        plan.fingerprint = _fingerprint()
        index, known = index_journal()
        _match(plan.rows, index, known, lambda done: progress(count + done, total), plan.fast)
        plan.merged = _preview(plan.rows, known, plan.fast)
    progress(total, total)
    return plan


def _checked(record: ContactRecord, today: dt.date) -> PlanRow:
    """A record validated as create_contact would; invalid ones say why.

    Only the person's own fields (a name above all) can cost the row. A date in the future
    (or one the reader could not read), a channel, tag or UID the checks refuse is left out
    and the rest imported, with a note saying what was left out and why: a slip in one
    value (LinkedIn's "Connected On" a year ahead, "jane at example.org" in an e-mail
    column) should not cost the person and everything else the row says.
    """
    draft = record.draft
    left_out = [record.left_out] if record.left_out else []  # what the reader left out
    if (draft.met_on is not None and draft.met_on > today) or (
        draft.birthday is not None and draft.birthday > today
    ):
        draft = _without_future_dates(draft, today, left_out)
    try:
        values = clean_fields(draft, today, None)
    except ValidationError as error:
        shown = " ".join(p for p in (draft.given_name, draft.family_name) if p)
        name = shown or draft.nickname or draft.organisation
        email = next((c.value for c in draft.channels if c.kind == "email"), "")
        return PlanRow(record.line, name, email, RowStatus.INVALID, Reason("invalid", str(error)))
    # Empty lists and UIDs (most rows have no tags, many no UID) cost no call.
    channels = _kept_channels(draft.channels, left_out) if draft.channels else []
    tags = _kept_tags(draft.tags, left_out) if draft.tags else []
    uid = record.uid
    if uid:
        try:
            uid = validate.text("UID", uid, limit=validate.MAX_SHORT)
        except ValidationError as refused:
            left_out.append(_left_out_note(refused, uid))
            uid = ""
    email = next((c.value for c in channels if c.kind == "email"), "")
    state = ContactState(values, channels, tags, uid, record.extra, record.archived)
    shown_name = values["display_name"]
    return PlanRow(
        record.line,
        str(shown_name),
        email,
        RowStatus.NEW,
        None,
        state,
        None,
        record.met_through_uid,
        note="; ".join(left_out),
    )


def _without_future_dates(draft: ContactDraft, today: dt.date, left_out: list[str]) -> ContactDraft:
    """The draft without its dates in the future, each noted in `left_out`."""
    met_on, birthday = draft.met_on, draft.birthday
    if met_on is not None and met_on > today:
        left_out.append(f"date met left out: {met_on.isoformat()} is in the future")
        met_on = None
    if birthday is not None and birthday > today:
        left_out.append(f"birthday left out: {birthday.isoformat()} is in the future")
        birthday = None
    return replace(draft, met_on=met_on, birthday=birthday)


def _kept_channels(channels: list[ChannelDraft], left_out: list[str]) -> list[ChannelDraft]:
    """The draft's channels clean_channels takes, the others noted in `left_out`."""
    try:
        return clean_channels(channels)  # the usual row: every channel fine, one call
    except ValidationError:
        pass
    kept: list[ChannelDraft] = []
    for channel in channels:
        try:
            kept.extend(clean_channels([channel]))
            continue
        except ValidationError as refused:
            problem = refused
        try:  # only its label refused (too long): keep the channel without it
            kept.extend(clean_channels([replace(channel, label="")]))
        except ValidationError:
            left_out.append(_left_out_note(problem, channel.value))
        else:
            left_out.append(_left_out_note(problem, channel.label, what="label"))
    return kept


def _kept_tags(tags: list[str], left_out: list[str]) -> list[str]:
    """The draft's tags clean_tags takes, the others noted in `left_out`."""
    try:
        return clean_tags(tags)
    except ValidationError:
        pass
    kept: list[str] = []
    for tag in tags:
        try:
            clean_tags([tag])
        except ValidationError as refused:
            left_out.append(_left_out_note(refused, tag))
        else:
            kept.append(tag)
    return clean_tags(kept)  # each once regardless of case, as together


def _left_out_note(refused: ValidationError, value: str, what: str = "") -> str:
    """A note's words for a value left out: what it was (the refused field, or `what` of
    it), the value, and why."""
    problem = refused.problem
    shown = quoted_start(value)
    quoted = f"'{value}'"
    if problem.startswith(quoted):  # the refusal quotes the whole value: only its start
        problem = f"{shown}{problem[len(quoted) :]}"
    elif not problem.startswith("'"):  # the refusal does not quote the value: its start
        problem = f"{shown} {problem}"
    field = f"{refused.field} {what}" if what else refused.field
    return f"{field} left out: {problem}"


def _fast_rows(fast: FastRows) -> list[PlanRow]:
    """The plan's rows for the rows checked a column at a time (all new until matched)."""
    count = len(fast.lines)
    return list(
        map(
            PlanRow,
            fast.lines,
            fast.shown,
            fast.emails,
            repeat(RowStatus.NEW, count),
            repeat(None),
            repeat(None),
            repeat(None),
            repeat(""),
            range(count),
        )
    )


_KIND_VALUE = operator.attrgetter("kind", "value")


def _keys(state: ContactState) -> Keys:
    v = state.values
    return person_keys(
        state.uid,
        map(_KIND_VALUE, state.channels),
        v["given_name"],
        v["family_name"],
        v["display_name"],
        v["organisation"],
        v["sort_name"],  # sort_key(display_name), worked out when the row was checked
    )


def _match(
    rows: list[PlanRow],
    index: MatchIndex,
    known: dict[int, KnownContact],
    progress: Any,
    fast: FastRows | None = None,
) -> None:
    """Point each valid row at the contact (or earlier row) it may be, filing it as it goes.

    Rows checked a column at a time take part only if one of their keys is also another
    row's or a stored contact's: a row sharing none can neither find anyone nor be found.
    """
    keys_of = {number: _keys(row.state) for number, row in enumerate(rows) if row.state is not None}
    taking_part = sorted(keys_of)
    if fast is not None:
        numbers = {row.fast: number for number, row in enumerate(rows) if row.fast >= 0}
        for row in _sharing(fast, keys_of.values(), index):
            keys_of[numbers[row]] = fast.keys(row)
        taking_part = sorted(keys_of)
    for start in range(0, len(rows), STEP):
        progress(start)
    resolved: dict[int, Target] = {}
    find, add = index.find, index.add
    for number in taking_part:
        keys = keys_of[number]
        match = rows[number].match = find(keys)
        target = row_target(number)
        if match is not None:
            target = match.target
            if target < 0:
                target = resolved[row_index(target)]
        resolved[number] = target
        add(target, keys)


def _sharing(fast: FastRows, others: Iterable[Keys], index: MatchIndex) -> set[int]:
    """The fast rows with a key (UID, e-mail, phone, link or name) that another row or the
    journal has (a phone by the last digits the index files it under)."""
    uids: list[str] = list(filter(None, fast.uids))
    emails: list[str] = list(filter(None, chain.from_iterable(fast.email_keys)))
    links: list[str] = list(filter(None, chain.from_iterable(fast.link_keys)))
    phones: list[str] = list(filter(None, chain.from_iterable(fast.phone_ends)))
    names = fast.name_keys()
    for keys in others:
        if keys.uid:
            uids.append(keys.uid)
        emails.extend(key for key, _value in keys.emails)
        links.extend(key for key, _value in keys.links)
        phones.extend(phone[1][-MIN_PHONE_DIGITS:] for phone, _value in keys.phones)
        names.extend(set(keys.names.filed) | set(keys.names.sought))
    sharing: set[int] = set()
    shared_names = _shared(names, index.names)
    for shared, columns in (
        (_shared(uids, index.uids), [fast.uids]),
        (_shared(emails, index.emails), fast.email_keys),
        (_shared(links, index.links), fast.link_keys),
        (_shared(phones, index.phones), fast.phone_ends),
        (shared_names, [fast.same, fast.filed, fast.sought]),
    ):
        if shared:
            for column in columns:
                sharing.update(compress(range(len(column)), map(shared.__contains__, column)))
    for row, name_keys in fast.other_names.items():
        if not shared_names.isdisjoint(name_keys.filed + name_keys.sought):
            sharing.add(row)
    return sharing


def _shared(keys: list[Any], stored: dict[Any, Any]) -> set[Any]:
    """The keys that occur twice in `keys`, or once and in `stored`."""
    unique = set(keys)
    shared = unique.intersection(stored)
    if len(unique) != len(keys):
        shared.update(key for key, times in Counter(keys).items() if times > 1)
    return shared


def _fingerprint() -> tuple[Any, ...]:
    """Changes whenever a contact, channel or tag link is added, changed or removed."""
    db = bulk.database()
    contacts = run_sql(
        db, "SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(MAX(updated_at), '') FROM contact"
    ).fetchone()
    channels = run_sql(db, "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM contact_channel").fetchone()
    links = run_sql(db, "SELECT COUNT(*) FROM contact_tag").fetchone()
    return (*contacts, *channels, *links)


# ------------------------------------------------------------------------------- resolving


@dataclass
class _Resolution:
    """The rows' outcomes and the contacts to write, for one policy on duplicates."""

    outcomes: list[tuple[Outcome, Reason | None, Target | None]] = field(default_factory=list)
    new: dict[int, ContactState] = field(default_factory=dict)  # row index -> state
    updated: dict[int, ContactState] = field(default_factory=dict)  # contact id -> state
    # New rows checked a column at a time that nothing merges into: row index -> their row
    # in ImportPlan.fast, written from its columns.
    plain: dict[int, int] = field(default_factory=dict)
    decided: list[int] = field(default_factory=list)  # the rows decided one at a time


def _match_reason(row: PlanRow, rows: list[PlanRow], known: dict[int, KnownContact]) -> Reason:
    match = row.match
    assert match is not None
    code = _MATCH_CODES[match.rule]
    if match.target > 0:
        other = known.get(match.target)
        return Reason(code, match.detail, other.name if other else "", other_id=match.target)
    earlier = rows[row_index(match.target)]
    return Reason(code, match.detail, earlier.name, other_line=earlier.line)


def _resolve(
    rows: list[PlanRow],
    known: dict[int, KnownContact],
    duplicates: Duplicates,
    progress: Any = None,
    fast: FastRows | None = None,
) -> _Resolution:
    """Decide every row's outcome and merge the states to write (nothing is written here).

    A row checked a column at a time that matches nothing is added as it is; the others
    are decided one at a time.
    """
    stored = load_states(
        sorted({r.match.target for r in rows if r.match is not None and r.match.target > 0})
    )
    result = _Resolution()
    count = len(rows)
    # Every row added as itself, until decided otherwise below.
    result.outcomes = list(zip(repeat(Outcome.ADDED), repeat(None), range(-1, -count - 1, -1)))
    decided = result.decided = [
        number for number, row in enumerate(rows) if row.fast < 0 or row.match is not None
    ]
    if len(decided) < count:
        result.plain = {
            number: row.fast
            for number, row in enumerate(rows)
            if row.fast >= 0 and row.match is None
        }
    if progress is not None:
        for start in range(0, count, STEP):
            progress(start)
    outcomes = result.outcomes
    resolved: dict[int, Target] = {}
    copied: set[int] = set()
    for number in decided:
        row = rows[number]
        state = row.state
        if state is None and row.fast >= 0:
            assert fast is not None
            state = fast.state(row.fast)
        if state is None:
            outcomes[number] = (Outcome.SKIPPED, row.reason, None)
            continue
        match = row.match
        if match is None:
            result.new[number] = state  # copied before anything is merged into it
            resolved[number] = row_target(number)
            continue
        if match.target > 0:
            target = match.target
        else:
            target = resolved.get(row_index(match.target), match.target)
        resolved[number] = target
        reason = _match_reason(row, rows, known)
        if duplicates is Duplicates.SKIP and match.rule != "uid":
            outcomes[number] = (Outcome.SKIPPED, reason, target)
            continue
        if target > 0:
            into = result.updated.get(target) or stored[target]
        else:
            earlier = row_index(target)
            if earlier not in copied:
                if earlier in result.plain:  # a fresh state, its own to change
                    assert fast is not None
                    result.new[earlier] = fast.state(result.plain.pop(earlier))
                else:
                    result.new[earlier] = result.new[earlier].copy()
                copied.add(earlier)
            into = result.new[earlier]
        overflow = _overflow(into, state)
        if overflow is not None:
            outcomes[number] = (Outcome.SKIPPED, Reason("invalid", overflow), target)
            continue
        if not merge_state(into, state):
            name = into.values["display_name"]
            other_id = target if target > 0 else None
            line = rows[row_index(target)].line if target < 0 else None
            nothing = Reason("nothing_new", "", name, other_id=other_id, other_line=line)
            outcomes[number] = (Outcome.SKIPPED, nothing, target)
            continue
        if target > 0:
            result.updated[target] = into
        outcome = Outcome.UPDATED if match.rule == "uid" else Outcome.MERGED
        outcomes[number] = (outcome, reason, target)
    return result


_LIMITS = {"notes": validate.MAX_LONG, "needs": 5000, "offers": 5000, "how_met": 2000}
_LIMITS["first_impression"] = 5000


def _overflow(into: ContactState, other: ContactState) -> str | None:
    """The problem if merging would make a text longer than the journal allows."""
    for name, limit in _LIMITS.items():
        mine, theirs = into.values.get(name) or "", other.values.get(name) or ""
        if theirs and theirs not in mine and len(mine) + len(theirs) + 2 > limit:
            return f"{name.replace('_', ' ')}: merged, it would be too long (at most {limit})"
    return None


def _preview(
    rows: list[PlanRow], known: dict[int, KnownContact], fast: FastRows | None
) -> _Resolution:
    """Set each row's status and reason from what merging would do (and return that)."""
    resolution = _resolve(rows, known, Duplicates.MERGE, fast=fast)
    outcomes = resolution.outcomes
    for number in resolution.decided:  # the others stay new
        row = rows[number]
        outcome, reason, _target = outcomes[number]
        if row.state is None and row.fast < 0:
            continue
        row.reason = reason
        if outcome is Outcome.ADDED:
            row.status = RowStatus.NEW
        elif outcome is Outcome.UPDATED:
            row.status = RowStatus.UPDATE
        elif outcome is Outcome.MERGED:
            row.status = RowStatus.DUPLICATE
        elif reason is not None and reason.code == "nothing_new":
            row.status = RowStatus.UNCHANGED
        else:
            row.status = RowStatus.INVALID
    return resolution


# ------------------------------------------------------------------------------- applying


def apply_import(
    plan: ImportPlan,
    duplicates: Duplicates = Duplicates.MERGE,
    clock: Clock = SYSTEM_CLOCK,
    progress: Progress = no_progress,
) -> Result[ImportReport]:
    """Carry out a plan in one transaction; the report says what happened to every row."""
    with collector_paused():
        return _apply(plan, duplicates, clock, progress)


def _apply(
    plan: ImportPlan, duplicates: Duplicates, clock: Clock, progress: Progress
) -> Result[ImportReport]:
    if plan.archive is not None:
        from journal.core.archive import restore_archive

        return restore_archive(plan, clock, progress)
    rows = plan.rows
    total = len(rows) * 3 + 1
    with database_proxy.atomic("IMMEDIATE"):
        unchanged = _fingerprint() == plan.fingerprint
        if not unchanged:
            # The journal changed since the preview: match again against what it holds now.
            for row in rows:
                row.match = None
            index, known = index_journal()
            _match(rows, index, known, lambda done: progress(done, total), plan.fast)
        else:
            known = _known(rows)
        if unchanged and duplicates is Duplicates.MERGE and plan.merged is not None:
            resolution = plan.merged
        else:
            resolution = _resolve(
                rows, known, duplicates, lambda done: progress(len(rows) + done, total), plan.fast
            )
        with bulk.contact_index_deferred() as batch:
            ids = _write(
                rows,
                resolution,
                batch,
                clock,
                lambda done: progress(2 * len(rows) + done, total),
                plan.fast,
            )
        touched = set(ids.values()) | set(resolution.updated)
        progress(total, total)  # the last chance to cancel: the commit comes next
    report = _report(plan, resolution, ids, dry_run=False)
    changes = Changes(frozenset({Area.CONTACTS, Area.TAGS}), contact_ids=frozenset(touched))
    return Result(report, changes)


def dry_run(plan: ImportPlan, duplicates: Duplicates = Duplicates.MERGE) -> ImportReport:
    """What apply_import would do, without doing it."""
    if plan.archive is not None:
        return ImportReport(
            plan.source,
            plan.format,
            True,
            [ReportRow(r.line, r.name, Outcome.ADDED, contact_id=None) for r in plan.rows],
        )
    with database_proxy.atomic():
        resolution = _resolve(plan.rows, _known(plan.rows), duplicates, fast=plan.fast)
    return _report(plan, resolution, {}, dry_run=True)


def _known(rows: list[PlanRow]) -> dict[int, KnownContact]:
    """Names of the stored contacts the rows point at (for the report)."""
    ids = sorted({r.match.target for r in rows if r.match is not None and r.match.target > 0})
    known: dict[int, KnownContact] = {}
    for start in range(0, len(ids), 500):
        query = Contact.select(Contact.id, Contact.display_name, Contact.organisation)
        for row in query.where(Contact.id.in_(ids[start : start + 500])):
            known[row.id] = KnownContact(row.display_name, row.organisation)
    return known


def _report(
    plan: ImportPlan, resolution: _Resolution, ids: dict[int, int], *, dry_run: bool
) -> ImportReport:
    # A row added has the id it was given; the rows decided one at a time may point elsewhere.
    outcomes = resolution.outcomes
    contact_ids: list[int | None] = list(map(ids.get, range(len(outcomes))))
    for number in resolution.decided:
        outcome, _reason, target = outcomes[number]
        if outcome is Outcome.ADDED:
            continue
        if target is None:
            contact_ids[number] = None
        else:
            contact_ids[number] = target if target > 0 else ids.get(row_index(target))
    rows = plan.rows
    # Built column by column, each row made by tuple.__new__ (no Python call per row).
    made = map(
        partial(tuple.__new__, ReportRow),
        zip(
            map(_LINE, rows),
            map(_NAME, rows),
            map(_OUTCOME, resolution.outcomes),
            map(_REASON, resolution.outcomes),
            contact_ids,
            map(_NOTE, rows),
            strict=True,
        ),
    )
    return ImportReport(plan.source, plan.format, dry_run, list(made))


# ------------------------------------------------------------------------------- writing

_CONTACT_COLUMNS = tuple(name for name in FIELDS if name != "met_through")
_UPDATE_COLUMNS = (*_CONTACT_COLUMNS, "met_through_id", "vcard_uid", "vcard_extra", "updated_at")


_contact_values = operator.itemgetter(*_CONTACT_COLUMNS)
# The plain dates among _CONTACT_COLUMNS (the only values needing conversion).
_DATE_COLUMNS = ("met_on", "birthday", "first_impression_on")
_DATE_POSITIONS = tuple(i for i, name in enumerate(_CONTACT_COLUMNS) if name in _DATE_COLUMNS)


def _contact_row(values: dict[str, Any]) -> list[Any]:
    """The stored values of a state's columns, in _CONTACT_COLUMNS order."""
    row = list(_contact_values(values))
    for position in _DATE_POSITIONS:
        if row[position] is not None:
            row[position] = row[position].isoformat()
    return row


def _write(
    rows: list[PlanRow],
    resolution: _Resolution,
    batch: bulk.SearchBatch,
    clock: Clock,
    progress: Any,
    fast: FastRows | None = None,
) -> dict[int, int]:
    """Insert the new contacts and rewrite the merged ones; returns row index -> new id."""
    db = bulk.database()
    run_sql(db, "PRAGMA defer_foreign_keys = ON")  # introducers may come later in the file
    now = format_utc(clock.now())
    numbers = sorted(resolution.new)
    plain = list(resolution.plain)  # in file order
    everyone = sorted([*numbers, *plain]) if numbers and plain else numbers or plain
    first = bulk.next_id("contact")
    # ids are handed out in file order, one after the other from `first`.
    ids = dict(zip(everyone, range(first, first + len(everyone)), strict=True))
    new_ids: Sequence[int] = (
        list(map(ids.__getitem__, numbers)) if plain else range(first, first + len(numbers))
    )
    uids = _uid_owners(resolution, ids, fast)
    states = [resolution.new[number] for number in numbers]
    plain_tags = fast.row_tags(list(resolution.plain.values())) if fast is not None else []
    tags = _tag_ids(resolution, _new_tags(resolution, plain, plain_tags))
    progress(len(everyone) // 4)
    if states:
        columns = _new_contact_columns(rows, numbers, states, uids, new_ids, now)
        bulk.insert_columns(Contact, columns)
        channel_texts = (
            [bulk.channel_search_text(channel.kind, channel.value) for channel in state.channels]
            for state in states
        )
        batch.add_rows(
            bulk.search_rows(
                new_ids, columns, channel_texts, map(operator.attrgetter("tags"), states)
            )
        )
    channels: list[tuple[object, ...]] = [
        (contact_id, channel.kind, channel.label, channel.value, position)
        for contact_id, state in zip(new_ids, states, strict=True)
        for position, channel in enumerate(state.channels)
    ]
    if plain:
        assert fast is not None
        fast_rows = list(resolution.plain.values())
        plain_ids = (
            list(map(ids.__getitem__, plain)) if numbers else range(first, first + len(plain))
        )
        columns = fast.columns(fast_rows, plain_ids, now)
        bulk.insert_columns(Contact, columns)
        batch.add_rows(
            bulk.search_rows(plain_ids, columns, fast.channel_texts(fast_rows), plain_tags)
        )
        channels += fast.channel_rows(fast_rows, plain_ids)
        if numbers:
            channels.sort(key=_CONTACT_ID)  # by contact, as one list of new contacts gives
    progress(len(everyone) // 2)
    links: list[tuple[int, int]] = [
        (contact_id, tags[name.casefold()])
        for contact_id, state in zip(new_ids, states, strict=True)
        for name in state.tags
    ]
    if plain and any(plain_tags):
        links += [
            (contact_id, tags[name.casefold()])
            for contact_id, names in zip(plain_ids, plain_tags, strict=True)
            for name in names
        ]
        if numbers:
            links.sort(key=_CONTACT_ID)
    progress(3 * len(everyone) // 4)
    if resolution.updated:
        _rewrite(resolution.updated, tags, channels, links, now)
        batch.touch(resolution.updated)
    bulk.insert_rows(
        "contact_channel", ("contact_id", "kind", "label", "value", "position"), channels
    )
    bulk.insert_rows("contact_tag", ("contact_id", "tag_id"), links)
    return ids


_CONTACT_ID = operator.itemgetter(0)


def _new_contact_columns(
    rows: list[PlanRow],
    numbers: list[int],
    states: list[ContactState],
    uids: dict[str, int],
    new_ids: Sequence[int],
    now: str,
) -> dict[str, Sequence[Any]]:
    """The new contacts' stored values, column by column (see bulk.insert_columns)."""
    values = [state.values for state in states]
    columns: dict[str, Sequence[Any]] = {"id": new_ids}
    # A pick per contact, then the rows turned into columns: each contact's values are
    # read once (thirty thousand dictionaries do not stay in the CPU's cache).
    for name, column in zip(
        _CONTACT_COLUMNS, zip(*map(_contact_values, values), strict=True), strict=True
    ):
        if name in _DATE_COLUMNS and column.count(None) != len(column):
            # Plain dates as ISO text; a file holds a few thousand distinct days at most.
            days = {day: day.isoformat() for day in set(column) if day is not None}
            column = tuple(map(days.get, column))
        columns[name] = column
    introducers = list(map(operator.itemgetter("met_through"), values))
    for position, number in enumerate(numbers):
        uid = rows[number].met_through_uid
        if uid and introducers[position] is None:
            introducers[position] = _introducer(states[position], uid, uids, new_ids[position])
    columns["met_through_id"] = introducers
    columns["vcard_uid"] = [state.uid or None for state in states]
    columns["vcard_extra"] = list(map("\n".join, map(operator.attrgetter("extra"), states)))
    columns["archived"] = list(map(int, map(operator.attrgetter("archived"), states)))
    columns["created_at"] = columns["updated_at"] = [now] * len(states)
    return columns


def _rows_of(
    contact_id: int,
    state: ContactState,
    tags: dict[str, int],
    channels: list[tuple[object, ...]],
    links: list[tuple[int, int]],
) -> None:
    for position, channel in enumerate(state.channels):
        channels.append((contact_id, channel.kind, channel.label, channel.value, position))
    for name in state.tags:
        links.append((contact_id, tags[name.casefold()]))


def _rewrite(
    updated: dict[int, ContactState],
    tags: dict[str, int],
    channels: list[tuple[object, ...]],
    links: list[tuple[int, int]],
    now: str,
) -> None:
    """Merged contacts: their row, channels and tags written again."""
    assignments = ", ".join(f'"{name}" = ?' for name in _UPDATE_COLUMNS)
    bulk.connection().executemany(
        f"UPDATE contact SET {assignments} WHERE id = ?",
        [
            [
                *_contact_row(state.values),
                state.values.get("met_through"),
                state.uid or None,
                "\n".join(state.extra),
                now,
                contact_id,
            ]
            for contact_id, state in updated.items()
        ],
    )
    ids = [(contact_id,) for contact_id in updated]
    bulk.connection().executemany("DELETE FROM contact_channel WHERE contact_id = ?", ids)
    bulk.connection().executemany("DELETE FROM contact_tag WHERE contact_id = ?", ids)
    for contact_id, state in updated.items():
        _rows_of(contact_id, state, tags, channels, links)


def _uid_owners(
    resolution: _Resolution, ids: dict[int, int], fast: FastRows | None
) -> dict[str, int]:
    """Which contact each UID belongs to, once the import is written."""
    query = Contact.select(Contact.id, Contact.vcard_uid).where(Contact.vcard_uid.is_null(False))
    owners = {uid: contact_id for contact_id, uid in tuples(query)}
    for number, state in resolution.new.items():
        if state.uid:
            owners[state.uid] = ids[number]
    if fast is not None and any(fast.uids):
        for number, row in resolution.plain.items():
            if fast.uids[row]:
                owners[fast.uids[row]] = ids[number]
    for contact_id, state in resolution.updated.items():
        if state.uid:
            owners[state.uid] = contact_id
    return owners


def _introducer(state: ContactState, uid: str, owners: dict[str, int], self_id: int) -> object:
    """The met_through id: the stored one, else the contact whose UID the card names."""
    current = state.values.get("met_through")
    if current is not None or not uid:
        return current
    found = owners.get(uid)
    return found if found is not None and found != self_id else None


def _new_tags(
    resolution: _Resolution, plain: list[int], plain_tags: list[tuple[str, ...]]
) -> list[Iterable[str]]:
    """The new contacts' tag names, in file order (the order new tags get their ids in)."""
    tags_of: dict[int, Iterable[str]] = dict(zip(plain, plain_tags, strict=True))
    tags_of.update((number, state.tags) for number, state in resolution.new.items())
    return list(map(tags_of.__getitem__, sorted(tags_of)))


def _tag_ids(resolution: _Resolution, new: list[Iterable[str]]) -> dict[str, int]:
    """Case-folded tag name -> id for every tag the rows use, creating the missing ones.

    `new` holds the new contacts' tag names (_new_tags), the merged ones' come from
    `resolution`.
    """
    from journal.store.models import Tag

    ids = {name.casefold(): tag_id for tag_id, name in tuples(Tag.select(Tag.id, Tag.name))}
    missing: dict[str, str] = {}
    updated = (state.tags for state in resolution.updated.values())
    for names in chain(new, updated):
        for name in names:
            folded = name.casefold()
            if folded not in ids and folded not in missing:
                missing[folded] = name
    if missing:
        first = bulk.next_id("tag")
        created = [(first + n, name) for n, name in enumerate(missing.values())]
        bulk.insert_rows("tag", ("id", "name"), created)
        ids.update({name.casefold(): tag_id for tag_id, name in created})
    return ids


def import_safely(
    journal: Journal,
    plan: ImportPlan,
    duplicates: Duplicates = Duplicates.MERGE,
    clock: Clock = SYSTEM_CLOCK,
    progress: Progress = no_progress,
) -> Result[ImportReport]:
    """apply_import, after a verified backup of the journal as it was.

    An import can rewrite much of the journal; the backup ("before-import") lets the user
    put it all back (`journal restore`, File → Restore). A journal holding nothing needs none.
    """
    from journal.store import backup as backups
    from journal.store import readonly

    if journal.read_only:  # said before the backup, which could not be taken there either
        raise readonly.refused(journal.path)
    taken = backups.backup_now(journal, backups.BEFORE_IMPORT) if _holds_anything() else None
    written_before = bulk.connection().total_changes
    result = apply_import(plan, duplicates, clock, progress)
    if taken is not None:
        if bulk.connection().total_changes == written_before:
            # Nothing written (the same file again, or only bad rows): nothing to undo, and
            # a copy kept at each such import would only pile up among the backups.
            backups.discard(taken)
        else:
            result.value.backup = taken.path
    return result


def _holds_anything() -> bool:
    from journal.store.models import Group, Interaction

    return any(model.select().exists() for model in (Contact, Group, Interaction))


def plan_file(
    path: Path,
    format: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
    progress: Progress = no_progress,
) -> ImportPlan:
    """Read a file and plan its import (the GUI runs this on a worker thread)."""
    from journal.interchange.reading import read_import_file

    with collector_paused():
        return plan_import(read_import_file(path, format), clock, progress)


def plan_data(
    data: bytes,
    source: str,
    format: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
    progress: Progress = no_progress,
) -> ImportPlan:
    """As plan_file, for a file's bytes got otherwise (standard input); `source` names it."""
    from journal.interchange.reading import read_import_bytes

    with collector_paused():
        return plan_import(read_import_bytes(data, source, format), clock, progress)


def import_source(
    source: ImportSource,
    duplicates: Duplicates = Duplicates.MERGE,
    clock: Clock = SYSTEM_CLOCK,
    progress: Progress = no_progress,
) -> Result[ImportReport]:
    """Plan and apply in one go (for scripts)."""
    plan = plan_import(source, clock)
    if plan.archive is None and not plan.rows:
        raise JournalError(f"{source.source}: there is nothing to import in this file")
    return apply_import(plan, duplicates, clock, progress)
