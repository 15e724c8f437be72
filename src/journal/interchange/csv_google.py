"""Google Contacts CSV, read and written.

Google has written two header sets: the current one (First Name, Last Name, Organization
Name, Labels, "E-mail 1 - Label"...) and the legacy one (Given Name, Family Name,
"Organization 1 - Name", Group Membership, "E-mail 1 - Type"...). Columns are found by
name, never by position. A cell can hold several values separated by " ::: "; Labels
(or Group Membership) become tags, leaving out Google's own groups ("* myContacts",
"* starred"). Notes may span lines. Columns the journal does not model are left out.

Export writes the current header set, so Google Contacts and this reader both take it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import operator
from collections.abc import Callable, Iterable
from itertools import compress, repeat

from journal.core.contacts import ChannelDraft, ContactDraft
from journal.core.timeutil import has_year
from journal.interchange.csv_rows import (
    Columns,
    cell,
    numbered_rows,
    numbered_table,
    parse_day,
    regular_rows,
    runaway_rows,
    table_columns,
)
from journal.interchange.errors import ImportFileError, Problem, quoted_start
from journal.interchange.records import ChannelColumn, ContactRecord, ContactTable, ReadResult
from journal.interchange.vcard_reader import parse_date

SEPARATOR = " ::: "
# Columns only Google's exports have (either header set).
_MARKERS = (
    "E-mail 1 - Value",
    "Phone 1 - Value",
    "Labels",
    "Group Membership",
    "Organization Name",
    "Organization 1 - Name",
    "Given Name",
)
_GROUPS = {
    "email": r"e-mail (\d+) - (.+)",
    "phone": r"phone (\d+) - (.+)",
    "address": r"address (\d+) - (.+)",
    "url": r"website (\d+) - (.+)",
}
_ADDRESS_PARTS = (
    "po box",
    "street",
    "extended address",
    "city",
    "region",
    "postal code",
    "country",
)
# Google's own names for labels, as the journal writes them (anything else stays as typed).
_LABELS = {"home", "work", "mobile", "other", "main", "pager", "home fax", "work fax"}


def is_header(row: list[str]) -> bool:
    """Whether a row is a Google Contacts header (current or legacy)."""
    columns = Columns(row)
    named = columns.has("First Name", "Given Name", "Name", "Last Name", "Family Name")
    return named and columns.has(*_MARKERS)


def _label(text: str) -> str:
    text = text.strip().lstrip("*").strip()
    return text.casefold() if text.casefold() in _LABELS else text


def _values(text: str) -> list[str]:
    return [v.strip() for v in text.split(":::") if v.strip()]


def _labels_of(text: str, count: int) -> list[str]:
    """The label of each of a cell's `count` values: one per value (" ::: ") or one for all."""
    parts = text.split(":::")
    if count > 1 and len(parts) == count:
        return [_label(part) for part in parts]
    return [_label(text)] * count


def read_google(text: str, source: str) -> ReadResult:
    """Every contact in the file; bad rows are reported and skipped."""
    rows = numbered_rows(text, source)
    columns: Columns | None = None
    for _line, row in rows:
        if any(c.strip() for c in row):
            columns = Columns(row) if is_header(row) else None
            break
    if columns is None:
        raise _not_google(source)
    reader = _RowReader(columns)
    result = ReadResult("google")
    numbered = list(rows)
    lines, cells = [line for line, _row in numbered], [row for _line, row in numbered]
    lines, cells = runaway_rows(
        text, source, lines, cells, reader.one_line, reader.name, result.problems
    )
    for line, row in zip(lines, cells, strict=True):
        if not any(c.strip() for c in row):
            continue
        if len(row) > columns.size:
            reason = f"the row has {len(row)} cells; the header has {columns.size}"
            result.problems.append(Problem(line, reason, reader.name(row)))
            continue
        result.records.append(ContactRecord(line, reader.draft(row), left_out=reader.left_out(row)))
    result.problems.sort(key=_LINE)
    return result


def read_google_table(text: str, source: str) -> ReadResult:
    """read_google, the contacts kept as columns (ReadResult.table) for the importer.

    The whole file is parsed in one call, each column trimmed with one map(), and what
    needs working out (labels, tags, birthdays) worked out once per distinct cell. A cell
    of several values (" ::: ") spreads over as many channel columns. read_google, row by
    row, is what the tests hold this to.
    """
    try:
        lines, rows = numbered_table(text, source)
    except ImportFileError as error:
        # Refused as read_google refuses it: by its header if that comes before the fault.
        for _line, row in numbered_rows(text, source):
            if any(c.strip() for c in row):
                if not is_header(row):
                    raise _not_google(source) from None
                break
        raise error from None
    top = next((n for n, row in enumerate(rows) if "".join(row).strip()), None)
    if top is None or not is_header(rows[top]):
        raise _not_google(source)
    columns = Columns(rows[top])
    del lines[: top + 1], rows[: top + 1]
    reader = _RowReader(columns)
    result = ReadResult("google")
    size = columns.size
    lines, rows = runaway_rows(
        text, source, lines, rows, reader.one_line, reader.name, result.problems
    )
    if set(map(len, rows)) != {size} or not all(map(str.strip, map("".join, rows))):
        lines, rows = regular_rows(lines, rows, size, reader.name, result.problems)
    cells = table_columns(rows, size)

    def at(position: int | None) -> list[str]:
        return cells[size if position is None else position]

    birthdays = at(reader.birthday)
    days: dict[str, dt.date | None] = {text: reader.day(text) for text in set(birthdays) if text}
    # A birthday that is no date is left out, the person kept (the importer says so).
    left_out = {}
    if None in days.values():
        left_out = {
            row: _no_date(text) for row, text in enumerate(birthdays) if text and days[text] is None
        }
    result.problems.sort(key=_LINE)
    days[""] = None
    given, family = at(reader.given), at(reader.family)
    if any(middle := at(reader.middle)):
        given = [f"{g} {m}" if g and m else g or m for g, m in zip(given, middle, strict=True)]
    if any(full := at(reader.full)):
        given = [g if g or f else n for g, f, n in zip(given, family, full, strict=True)]
    organisation = at(reader.organisation)
    if any(department := at(reader.department)):
        organisation = [
            f"{o}, {d}" if o and d else o or d
            for o, d in zip(organisation, department, strict=True)
        ]
    tags = {text: _tags(text) for text in set(at(reader.labels))}
    count = len(lines)
    result.table = ContactTable(
        lines,
        given,
        family,
        organisation,
        at(reader.title),
        [column for kind in reader.groups for column in reader.channel_columns(kind, at)],
        nickname=at(reader.nickname),
        notes=at(reader.notes),
        met_on=[None] * count,
        birthday=list(map(days.__getitem__, birthdays)),
        tags=list(map(tags.__getitem__, at(reader.labels))),
        left_out=left_out,
    )
    return result


def _not_google(source: str) -> ImportFileError:
    return ImportFileError(
        source,
        1,
        "this is not a Google Contacts CSV: its first row has no First Name or Given Name "
        "next to Google's columns (E-mail 1 - Value, Labels...)",
    )


def _tags(labels: str) -> tuple[str, ...]:
    """The tags a Labels cell gives (as _RowReader.draft reads them)."""
    names: list[str] = []
    for name in _values(labels):
        if not name.startswith("*") and name not in names:
            names.append(name)
    return tuple(names)


def _no_date(text: str) -> str:
    """The note for a Birthday cell that is no date."""
    return f"birthday left out: {quoted_start(text)} is not a date"


_LINE = operator.attrgetter("line")


class _RowReader:
    """Where each field is in this file's header, and how to read a row with it."""

    def __init__(self, columns: Columns) -> None:
        at = columns.position
        self.given = at("First Name", "Given Name")
        self.middle = at("Middle Name", "Additional Name")
        self.family = at("Last Name", "Family Name")
        self.full = at("Name")
        self.nickname = at("Nickname")
        self.organisation = at("Organization Name", "Organization 1 - Name", "Company")
        self.department = at("Organization Department", "Organization 1 - Department")
        self.title = at("Organization Title", "Organization 1 - Title", "Job Title")
        self.birthday = at("Birthday")
        self.notes = at("Notes")
        self.labels = at("Labels", "Group Membership")
        self.groups = {kind: columns.numbered(pattern) for kind, pattern in _GROUPS.items()}
        # The cells that never hold a line break (notes and addresses may): one there is a
        # quote left open, {position: column name}.
        single = [self.given, self.middle, self.family, self.full, self.nickname]
        single += [self.organisation, self.department, self.title, self.birthday, self.labels]
        for kind in ("email", "phone", "url"):
            single += (at for group in self.groups[kind].values() for at in group.values())
        self.one_line = {at: columns.names[at] for at in single if at is not None}

    def name(self, row: list[str]) -> str:
        """Who a row is about, as far as its name columns say."""
        parts = (cell(row, self.given), cell(row, self.family))
        return " ".join(p for p in parts if p) or cell(row, self.full)

    def draft(self, row: list[str]) -> ContactDraft:
        given = " ".join(p for p in (cell(row, self.given), cell(row, self.middle)) if p)
        family = cell(row, self.family)
        if not given and not family:
            given = cell(row, self.full)
        organisation = cell(row, self.organisation)
        department = cell(row, self.department)
        draft = ContactDraft(
            given_name=given,
            family_name=family,
            nickname=cell(row, self.nickname),
            organisation=", ".join(p for p in (organisation, department) if p),
            title=cell(row, self.title),
            notes=cell(row, self.notes),
            birthday=self._birthday(cell(row, self.birthday)),
        )
        draft.tags.extend(_tags(cell(row, self.labels)))
        for kind, groups in self.groups.items():
            for parts in groups.values():
                self._channels(draft, kind, row, parts)
        return draft

    def day(self, text: str) -> dt.date | None:
        """A Birthday cell's date (None if it is none)."""
        return parse_date(text) or parse_day(text)

    def left_out(self, row: list[str]) -> str:
        """What draft() leaves out of the row, and why ("" for nothing)."""
        text = cell(row, self.birthday)
        return _no_date(text) if text and self.day(text) is None else ""

    def channel_columns(
        self, kind: str, at: Callable[[int | None], list[str]]
    ) -> list[ChannelColumn]:
        """The channels of this kind as columns, in the order _channels reads them."""
        found: list[ChannelColumn] = []
        for group in self.groups[kind].values():
            typed = at(group.get("label", group.get("type")))
            names = {text: _label(text) for text in set(typed)}
            labels = list(map(names.__getitem__, typed))
            if kind == "address":
                found.append(ChannelColumn(kind, labels, _addresses(group, at)))
                continue
            values = at(group.get("value"))
            several = list(
                compress(range(len(values)), map(operator.contains, values, repeat(":::")))
            )
            if several:
                found.extend(_spread(kind, values, labels, typed, several))
            else:
                found.append(ChannelColumn(kind, labels, values))
        return found

    def _birthday(self, text: str) -> dt.date | None:
        return self.day(text) if text else None  # no date: left out (left_out() says so)

    def _channels(self, draft: ContactDraft, kind: str, row: list[str], at: dict[str, int]) -> None:
        label = cell(row, at.get("label", at.get("type")))
        if kind == "address":
            formatted = cell(row, at.get("formatted"))
            if not formatted:
                parts = [cell(row, at.get(part)) for part in _ADDRESS_PARTS]
                formatted = ", ".join(p for p in parts if p)
            values = [formatted] if formatted else []
        else:
            values = _values(cell(row, at.get("value")))
        for value, its_label in zip(values, _labels_of(label, len(values)), strict=True):
            draft.channels.append(ChannelDraft(kind, value, its_label))


def _spread(
    kind: str, values: list[str], labels: list[str], typed: list[str], several: list[int]
) -> list[ChannelColumn]:
    """A column whose cells at rows `several` hold several values (" ::: "), as one column
    per value, each row's values in order (as _channels reads them).

    The other rows keep their one value in the first column: split, a trimmed cell without
    ":::" is itself, or none if blank. `labels` are `typed` as _label gives them.
    """
    count = len(values)
    split = [_values(values[row]) for row in several]
    # A file repeats a handful of label cells: each (cell, count) worked out once.
    wanted = list(zip(map(typed.__getitem__, several), map(len, split), strict=True))
    label_sets = {key: _labels_of(*key) for key in set(wanted)}
    split_labels = list(map(label_sets.__getitem__, wanted))
    width = max(map(len, split))
    picked = [values.copy()] + [[""] * count for _number in range(1, width)]
    # Blank cells read as no value, and so no label (the first column of the others).
    their = [[label if value else "" for label, value in zip(labels, values, strict=True)]]
    their += [[""] * count for _number in range(1, width)]
    for row, parts, its_labels in zip(several, split, split_labels, strict=True):
        picked[0][row] = their[0][row] = ""
        for number, (value, label) in enumerate(zip(parts, its_labels, strict=True)):
            picked[number][row] = value
            their[number][row] = label
    return [ChannelColumn(kind, ls, vs) for ls, vs in zip(their, picked, strict=True)]


def _addresses(group: dict[str, int], at: Callable[[int | None], list[str]]) -> list[str]:
    """An address group's values: the formatted one, else its parts joined."""
    formatted = at(group.get("formatted"))
    if all(formatted):
        return formatted
    parts = [at(group.get(part)) for part in _ADDRESS_PARTS]
    return [
        text or ", ".join(p for p in others if p)
        for text, others in zip(formatted, zip(*parts, strict=True), strict=True)
    ]


# ---------------------------------------------------------------------------- writing

_KIND_COLUMNS = {"email": "E-mail", "phone": "Phone", "url": "Website", "address": "Address"}


def write_google(records: Iterable[ContactRecord]) -> str:
    """A Google Contacts CSV (current header set) of these contacts."""
    people = list(records)
    counts = {kind: 0 for kind in _KIND_COLUMNS}
    for record in people:
        for kind in counts:
            counts[kind] = max(counts[kind], len(_of_kind(record.draft, kind)))
    header = [
        "First Name",
        "Last Name",
        "Nickname",
        "Organization Name",
        "Organization Title",
        "Birthday",
        "Notes",
        "Labels",
    ]
    for kind, prefix in _KIND_COLUMNS.items():
        value = "Formatted" if kind == "address" else "Value"
        for number in range(1, counts[kind] + 1):
            header += [f"{prefix} {number} - Label", f"{prefix} {number} - {value}"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for record in people:
        writer.writerow(_row(record, counts))
    return out.getvalue()


def _tag_label(tag: str) -> str:
    """A tag as one Labels value. Google's format has no escape for ":::", its separator,
    so a tag holding one would come back as two tags: it goes out as "::" instead."""
    while ":::" in tag:
        tag = tag.replace(":::", "::")
    return tag


def _of_kind(draft: ContactDraft, kind: str) -> list[ChannelDraft]:
    # Google has no social profiles: they go with the websites, labelled by service.
    kinds = ("url", "social") if kind == "url" else (kind,)
    return [c for c in draft.channels if c.kind in kinds]


def _row(record: ContactRecord, counts: dict[str, int]) -> list[str]:
    draft = record.draft
    birthday = ""
    if draft.birthday is not None:
        birthday = (
            draft.birthday.isoformat()
            if has_year(draft.birthday)
            else draft.birthday.strftime("--%m-%d")
        )
    row = [
        draft.given_name,
        draft.family_name,
        draft.nickname,
        draft.organisation,
        draft.title,
        birthday,
        draft.notes,
        SEPARATOR.join([*map(_tag_label, draft.tags), "* myContacts"]),
    ]
    for kind in _KIND_COLUMNS:
        channels = _of_kind(draft, kind)
        for number in range(counts[kind]):
            if number < len(channels):
                row += [channels[number].label, channels[number].value]
            else:
                row += ["", ""]
    return row
