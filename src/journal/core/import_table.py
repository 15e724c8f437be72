"""The import's fast path for plain rows kept as columns (LinkedIn's and Google's CSV, and
the plain cards of a vCard file: interchange.record_table).

A reader that keeps its rows as columns (interchange.records.ContactTable) lets the
importer check, key and write them a column at a time, with C's map, zip and string
methods, instead of a draft, a checked state and a set of keys per row. `split_table`
keeps the rows that pass the checks clean_fields, clean_channels and clean_tags make (their
values then are what those give: the texts are trimmed already, the rest are constants, and
tags are cleaned once per distinct set), and hands back the others as records, for the
general path (which words their refusal, if any).

A row of the fast path becomes a ContactState (`FastRows.state`) only when it takes part in
a merge; the others are written from the columns (`FastRows.columns`). The tests hold the
two paths to the same plan, report and journal (tests/unit/core/test_import_table.py).
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Any

from journal.core import validate
from journal.core.contact_state import ContactState
from journal.core.contacts import ChannelDraft, clean_tags
from journal.core.errors import ValidationError
from journal.core.matching import (
    MIN_LINK_LENGTH,
    MIN_PHONE_DIGITS,
    PHONE_EXTENSION,
    Keys,
    NameKeys,
    name_key_columns,
    person_keys,
    phone_key,
)
from journal.core.names import display_name, family_name_first, sort_key
from journal.core.validate import EMAIL
from journal.core.vocabulary import CHANNEL_KINDS, MET_MODES
from journal.interchange.records import ChannelColumn, ContactRecord, ContactTable
from journal.store import bulk

_MAX_CHANNEL = 2000  # clean_channels' limit on a value


@dataclass
class FastRows:
    """The rows of a table that passed the checks, a column each, with their match keys."""

    lines: list[int]
    given: list[str]
    family: list[str]
    nickname: list[str]
    organisation: list[str]
    title: list[str]
    notes: list[str]
    met_on: list[dt.date | None]
    birthday: list[dt.date | None]
    tags: list[tuple[str, ...]]  # as clean_tags gives them
    channels: list[ChannelColumn]
    emails: list[str]  # each row's first e-mail, "" for none
    shown: list[str]  # display_name
    sort_names: list[str]
    email_keys: list[list[str]]  # email_key of each e-mail column ("" for none)
    link_keys: list[list[str | None]]  # link_key of each link column
    phone_ends: list[list[str]]  # a phone column's last digits, or "": see _phone_ends
    same: list[str | None]  # name keys: see matching.name_key_columns
    filed: list[str | None]
    sought: list[str | None]
    other_names: dict[int, NameKeys]
    met_mode: str
    where_met: str
    uids: list[str]  # each row's vCard UID ("" for none)

    def state(self, row: int) -> ContactState:
        """The row as _checked's ContactState (for a merge)."""
        values: dict[str, Any] = {
            "given_name": self.given[row],
            "family_name": self.family[row],
            "nickname": self.nickname[row],
            "organisation": self.organisation[row],
            "display_name": self.shown[row],
            "sort_name": self.sort_names[row],
            "title": self.title[row],
            "how_met": "",
            "where_met": self.where_met,
            "needs": "",
            "offers": "",
            "notes": self.notes[row],
            "first_impression": "",
            "met_on": self.met_on[row],
            "met_mode": self.met_mode,
            "met_through": None,
            "stage": "new",
            "know": None,
            "like": None,
            "trust": None,
            "first_impression_on": None,
            "birthday": self.birthday[row],
            "stay_in_touch_days": None,
        }
        return ContactState(values, self._channels(row), list(self.tags[row]), self.uids[row])

    def _channels(self, row: int) -> list[ChannelDraft]:
        return [
            ChannelDraft(column.kind, column.values[row], column.labels[row])
            for column in self.channels
            if column.values[row]
        ]

    def keys(self, row: int) -> Keys:
        """The row's match keys, as person_keys gives them."""
        return person_keys(
            self.uids[row],
            [(column.kind, column.values[row]) for column in self.channels if column.values[row]],
            self.given[row],
            self.family[row],
            self.shown[row],
            self.organisation[row],
            self.sort_names[row],
        )

    def name_keys(self) -> list[str]:
        """Every name key of every row (filed or sought), each row's once."""
        found: list[str] = []
        for column in (self.same, self.filed, self.sought):
            found.extend(filter(None, column))
        for names in self.other_names.values():
            found.extend(set(names.filed) | set(names.sought))
        return found

    def columns(self, rows: Sequence[int], ids: Sequence[int], now: str) -> dict[str, Any]:
        """These rows' stored values, column by column (see bulk.insert_columns)."""
        count = len(rows)
        everyone = count == len(self.lines)

        def column(values: list[Any]) -> list[Any]:
            return values if everyone else list(map(values.__getitem__, rows))

        blank, none = [""] * count, [None] * count
        return {
            "id": ids,
            "given_name": column(self.given),
            "family_name": column(self.family),
            "nickname": column(self.nickname),
            "organisation": column(self.organisation),
            "title": column(self.title),
            "where_met": [self.where_met] * count,
            "met_on": _iso_days(column(self.met_on)),
            "met_mode": [self.met_mode] * count,
            "know": none,
            "like": none,
            "trust": none,
            "birthday": _iso_days(column(self.birthday)),
            "first_impression_on": none,
            "stay_in_touch_days": none,
            "notes": column(self.notes),
            "needs": blank,
            "offers": blank,
            "how_met": blank,
            "first_impression": blank,
            "stage": ["new"] * count,
            "display_name": column(self.shown),
            "sort_name": column(self.sort_names),
            "met_through_id": none,
            "vcard_uid": [uid or None for uid in column(self.uids)] if any(self.uids) else none,
            "vcard_extra": blank,
            "archived": [0] * count,
            "created_at": [now] * count,
            "updated_at": [now] * count,
        }

    def channel_rows(self, rows: Sequence[int], ids: Sequence[int]) -> list[tuple[object, ...]]:
        """These rows' contact_channel rows, by contact then position."""
        found: list[tuple[object, ...]] = []
        positions = [0] * len(rows)  # each row's channels so far
        everyone = len(rows) == len(self.lines)  # then rows are 0, 1, 2... (as in columns())
        for channel in self.channels:
            values = channel.values if everyone else list(map(channel.values.__getitem__, rows))
            if not any(values):
                continue
            labels = channel.labels if everyone else map(channel.labels.__getitem__, rows)
            found += [
                (contact_id, channel.kind, label, value, position)
                for contact_id, label, value, position in zip(
                    ids, labels, values, positions, strict=True
                )
                if value
            ]
            positions = list(map(operator.add, positions, map(bool, values)))
        found.sort(key=operator.itemgetter(0))  # stable: a row's channels stay in order
        return found

    def channel_texts(self, rows: Sequence[int]) -> Iterable[Iterable[str]]:
        """Each row's channels as its search entry holds them (a phone with its digits)."""
        if not self.channels:
            return repeat((), len(rows))
        everyone = len(rows) == len(self.lines)  # then rows are 0, 1, 2...
        values: list[Iterable[str]] = []
        for column in self.channels:
            texts = column.values if everyone else map(column.values.__getitem__, rows)
            if column.kind == "phone":  # a column at once, as a list
                texts = bulk.phone_channel_texts(column.values if everyone else list(texts))
            values.append(texts)
        return map(filter, repeat(None), zip(*values, strict=True))

    def row_tags(self, rows: Sequence[int]) -> list[tuple[str, ...]]:
        """Each row's tag names."""
        return list(map(self.tags.__getitem__, rows))


def _iso_days(days: list[dt.date | None]) -> list[str | None]:
    """Plain dates as ISO text (a file holds a few thousand distinct days at most)."""
    if days.count(None) == len(days):
        return days  # type: ignore[return-value]
    texts = {day: day.isoformat() for day in set(days) if day is not None}
    found: Any = texts.get
    return list(map(found, days))


def split_table(table: ContactTable, today: dt.date) -> tuple[FastRows, list[ContactRecord]]:
    """The rows clean_fields, clean_channels and clean_tags take as they are, and the others
    as records."""
    count = len(table.lines)
    tags = _clean_tags(table.tags)
    refused = _refused(table, tags, today) if _constants_pass(table) else set(range(count))
    if refused:
        keep = [row not in refused for row in range(count)]
        rest = [table.record(row) for row in sorted(refused)]

        def kept(values: list[Any]) -> list[Any]:
            return list(compress(values, keep))
    else:
        rest = []

        def kept(values: list[Any]) -> list[Any]:
            return values

    given, family, nickname = kept(table.given_name), kept(table.family_name), kept(table.nickname)
    organisation = kept(table.organisation)
    channels = [
        ChannelColumn(column.kind, kept(column.labels), kept(column.values))
        for column in table.channels
    ]
    # display_name() and sort_key(), a column at a time; the texts are trimmed already.
    # sort_key("given family") is sort_key(given) + " " + sort_key(family): NFKD, dropping
    # combining marks and casefold work character by character, and the space between
    # keeps marks from moving across.
    given_sorted = {name: sort_key(name) for name in set(given)}  # given names repeat
    given_keys = list(map(given_sorted.__getitem__, given))
    family_keys = _sort_keys(family)
    # Names shown family name first (王小明): their rows are keyed one at a time, as the
    # columns below assume "given family".
    family_first = _family_first_rows(given, family)
    if all(given) and all(family) and not family_first:
        shown = list(map(" ".join, zip(given, family, strict=True)))
        sort_names = list(map(" ".join, zip(given_keys, family_keys, strict=True)))
    else:
        shown = list(map(display_name, given, family, nickname, organisation))
        sort_names = _sort_keys(shown)
    same, filed, sought, other_names = name_key_columns(
        given, family, shown, sort_names, organisation, given_keys, family_keys, family_first
    )
    emails = [column.values for column in channels if column.kind == "email"]
    links = [column.values for column in channels if column.kind in ("url", "social")]
    phones = [column.values for column in channels if column.kind == "phone"]
    return (
        FastRows(
            kept(table.lines),
            given,
            family,
            nickname,
            organisation,
            kept(table.title),
            kept(table.notes),
            kept(table.met_on),
            kept(table.birthday),
            kept(tags),
            channels,
            _first(emails, len(given)),
            shown,
            sort_names,
            [list(map(str.casefold, column)) for column in emails],  # email_key: trimmed
            list(map(_link_keys, links)),
            list(map(_phone_ends, phones)),
            same,
            filed,
            sought,
            other_names,
            table.met_mode,
            table.where_met,
            kept(table.uids) if table.uids else [""] * len(given),
        ),
        rest,
    )


def _first(columns: list[list[str]], count: int) -> list[str]:
    """Each row's first value among these columns ("" for none)."""
    if not columns:
        return [""] * count
    found = columns[0]
    for column in columns[1:]:
        if "" in found:
            found = [mine or theirs for mine, theirs in zip(found, column, strict=True)]
    return found


_REFUSED = None  # a row's tags that clean_tags refuses


def _clean_tags(tags: list[tuple[str, ...]]) -> list[tuple[str, ...] | None]:
    """clean_tags of each row's tags (a file has a handful of distinct sets), None if refused."""
    cleaned: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    for names in set(tags):
        try:
            cleaned[names] = tuple(clean_tags(list(names))) if names else ()
        except ValidationError:
            cleaned[names] = _REFUSED
    return list(map(cleaned.__getitem__, tags))


def _family_first_rows(given: list[str], family: list[str]) -> list[int]:
    """The rows whose full name is shown family name first (both parts in CJK script)."""
    if "".join(given).isascii() or "".join(family).isascii():
        return []  # the usual file: no row can be
    return [
        row
        for row, (g, f) in enumerate(zip(given, family, strict=True))
        if g and f and family_name_first(g, f)
    ]


def _sort_keys(texts: list[str]) -> list[str]:
    """sort_key() of each trimmed text: casefold() for ASCII, as sort_key does."""
    keys = list(map(str.casefold, texts))
    if not "".join(texts).isascii():
        for row in compress(range(len(texts)), map(operator.not_, map(str.isascii, texts))):
            keys[row] = sort_key(texts[row])
    return keys


def _constants_pass(table: ContactTable) -> bool:
    """Whether what every row shares passes the checks as it is."""
    text = table.where_met
    return (
        table.met_mode in MET_MODES
        and text == text.strip()
        and len(text) <= validate.MAX_SHORT
        and "\x00" not in text
        and all(column.kind in CHANNEL_KINDS for column in table.channels)
    )


def _refused(table: ContactTable, tags: list[tuple[str, ...] | None], today: dt.date) -> set[int]:
    """The rows the checks might refuse or change (those go the general way)."""
    refused: set[int] = set()
    names = (table.given_name, table.family_name, table.nickname, table.organisation)
    for column in (*names, table.title):
        refused |= _over(column, validate.MAX_SHORT)
    refused |= _over(table.notes, validate.MAX_LONG)
    if table.uids:
        refused |= _over(table.uids, validate.MAX_SHORT)
    for channel in table.channels:
        refused |= _over(channel.values, _MAX_CHANNEL)
        refused |= _over(channel.labels, validate.MAX_SHORT)
    rows = range(len(table.lines))
    refused.update(compress(rows, map(operator.not_, map(any, zip(*names, strict=True)))))
    for days in (table.met_on, table.birthday):
        late = {day for day in set(days) if day is not None and day > today}
        if late:
            refused.update(row for row, day in enumerate(days) if day in late)
    if _REFUSED in tags:
        refused.update(row for row, names in enumerate(tags) if names is _REFUSED)
    refused.update(table.left_out)  # their records carry the reader's note
    for channel in table.channels:
        emails = channel.values
        if channel.kind == "email" and not all(map(EMAIL.match, filter(None, emails))):
            refused.update(
                row for row, email in enumerate(emails) if email and not EMAIL.match(email)
            )
    return refused


def _over(column: list[str], limit: int) -> set[int]:
    """Rows whose text is longer than `limit`, holds a NUL or is not trimmed."""
    if not any(column) or (
        max(map(len, column), default=0) <= limit
        and "\x00" not in "".join(column)
        and list(map(str.strip, column)) == column
    ):
        return set()
    return {
        row
        for row, text in enumerate(column)
        if len(text) > limit or "\x00" in text or text != text.strip()
    }


def _link_keys(links: list[str]) -> list[str | None]:
    """link_key() of every link (None for none), with comprehensions rather than calls."""
    texts = map(str.casefold, links)  # link_key strips first: the cells are trimmed already
    cut = [t[8:] if t[:8] == "https://" else t[7:] if t[:7] == "http://" else t for t in texts]
    cut = [t[4:] if t[:4] == "www." else t for t in cut]
    return [t if len(t) >= MIN_LINK_LENGTH else None for t in map(str.rstrip, cut, repeat("/"))]


_NOT_DIGIT = re.compile(r"[^0-9\n]")


def _phone_ends(phones: list[str]) -> list[str]:
    """The last MIN_PHONE_DIGITS digits of each phone key ("" for none).

    Where a number has a key, these are its key's last digits, the ones MatchIndex files
    it under (phone_key drops leading zeros and a "00" only, and keeps at least that many
    digits). A number too short for a key may get some: that only makes its row take part
    in matching, as if it might match, which is harmless. Numbers with an extension are
    cut where phone_key cuts them.
    """
    text = "\n".join(phones)
    if "\n" in "".join(phones) or PHONE_EXTENSION.search(text):
        keys = [phone_key(phone) if phone else None for phone in phones]
        return [key[1][-MIN_PHONE_DIGITS:] if key else "" for key in keys]
    digits = _NOT_DIGIT.sub("", text).split("\n")
    ends: Iterable[str] = map(operator.getitem, digits, repeat(slice(-MIN_PHONE_DIGITS, None)))
    return [end if len(end) == MIN_PHONE_DIGITS else "" for end in ends]
