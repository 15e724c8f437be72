"""The import's fast path for plain rows kept as columns (LinkedIn's connections).

A reader that keeps its rows as columns (interchange.records.ContactTable) lets the
importer check, key and write them a column at a time, with C's map, zip and string
methods, instead of a draft, a checked state and a set of keys per row. `split_table`
keeps the rows that pass the checks clean_fields and clean_channels make (their values then
are what those give: the texts are trimmed already, the rest are constants), and hands back
the others as records, for the general path (which words their refusal, if any).

A row of the fast path becomes a ContactState (`FastRows.state`) only when it takes part in
a merge; the others are written from the columns (`FastRows.columns`). The tests hold the
two paths to the same plan, report and journal (tests/unit/core/test_import_table.py).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Any

from journal.core import validate
from journal.core.contact_state import ContactState
from journal.core.contacts import ChannelDraft
from journal.core.matching import MIN_LINK_LENGTH, Keys, NameKeys, link_key, name_key_columns
from journal.core.names import sort_key
from journal.core.vocabulary import MET_MODES
from journal.interchange.records import ContactRecord, ContactTable

_MAX_CHANNEL = 2000  # clean_channels' limit on a value
_LINK_PREFIX = "https://www."


@dataclass
class FastRows:
    """The rows of a table that passed the checks, a column each, with their match keys."""

    lines: list[int]
    given: list[str]
    family: list[str]
    organisation: list[str]
    title: list[str]
    met_on: list[dt.date | None]
    emails: list[str]
    links: list[str]
    shown: list[str]  # display_name
    sort_names: list[str]
    email_keys: list[str]  # "" for a row without an e-mail
    link_keys: list[str | None]
    same: list[str | None]  # name keys: see matching.name_key_columns
    filed: list[str | None]
    sought: list[str | None]
    other_names: dict[int, NameKeys]
    met_mode: str
    where_met: str
    link_label: str

    def state(self, row: int) -> ContactState:
        """The row as _checked's ContactState (for a merge)."""
        values: dict[str, Any] = {
            "given_name": self.given[row],
            "family_name": self.family[row],
            "nickname": "",
            "organisation": self.organisation[row],
            "display_name": self.shown[row],
            "sort_name": self.sort_names[row],
            "title": self.title[row],
            "how_met": "",
            "where_met": self.where_met,
            "needs": "",
            "offers": "",
            "notes": "",
            "first_impression": "",
            "met_on": self.met_on[row],
            "met_mode": self.met_mode,
            "met_through": None,
            "stage": "new",
            "know": None,
            "like": None,
            "trust": None,
            "first_impression_on": None,
            "birthday": None,
            "stay_in_touch_days": None,
        }
        return ContactState(values, self._channels(row))

    def _channels(self, row: int) -> list[ChannelDraft]:
        channels = []
        if self.emails[row]:
            channels.append(ChannelDraft("email", self.emails[row]))
        if self.links[row]:
            channels.append(ChannelDraft("social", self.links[row], self.link_label))
        return channels

    def keys(self, row: int) -> Keys:
        """The row's match keys, as person_keys gives them."""
        email, link, link_found = self.emails[row], self.links[row], self.link_keys[row]
        names = self.other_names.get(row)
        if names is None:
            same, filed, sought = self.same[row], self.filed[row], self.sought[row]
            assert same is not None and filed is not None and sought is not None
            names = NameKeys([same, filed], [same, sought])
        return Keys(
            "",
            [(self.email_keys[row], email)] if email else [],
            [],
            [(link_found, link)] if link_found is not None else [],
            names,
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

        met_on = column(self.met_on)
        days = {day: day.isoformat() for day in set(met_on) if day is not None}
        days_of: Any = days.get
        blank, none = [""] * count, [None] * count
        return {
            "id": ids,
            "given_name": column(self.given),
            "family_name": column(self.family),
            "nickname": blank,
            "organisation": column(self.organisation),
            "title": column(self.title),
            "where_met": [self.where_met] * count,
            "met_on": list(map(days_of, met_on)),
            "met_mode": [self.met_mode] * count,
            "know": none,
            "like": none,
            "trust": none,
            "birthday": none,
            "first_impression_on": none,
            "stay_in_touch_days": none,
            "notes": blank,
            "needs": blank,
            "offers": blank,
            "how_met": blank,
            "first_impression": blank,
            "stage": ["new"] * count,
            "display_name": column(self.shown),
            "sort_name": column(self.sort_names),
            "met_through_id": none,
            "vcard_uid": none,
            "vcard_extra": blank,
            "archived": [0] * count,
            "created_at": [now] * count,
            "updated_at": [now] * count,
        }

    def channel_rows(self, rows: Sequence[int], ids: Sequence[int]) -> list[tuple[object, ...]]:
        """These rows' contact_channel rows, by contact then position."""
        emails, links = list(map(self.emails.__getitem__, rows)), self.links
        label = self.link_label
        found: list[tuple[object, ...]] = [
            (contact_id, "email", "", email, 0)
            for contact_id, email in zip(ids, emails, strict=True)
            if email
        ]
        found += [
            (contact_id, "social", label, links[row], 1 if email else 0)
            for contact_id, row, email in zip(ids, rows, emails, strict=True)
            if links[row]
        ]
        found.sort(key=operator.itemgetter(0))  # stable: a row's e-mail stays before its link
        return found

    def channel_texts(self, rows: Sequence[int]) -> Iterable[Iterable[str]]:
        """Each row's channel values (for its search entry)."""
        pairs = zip(
            map(self.emails.__getitem__, rows), map(self.links.__getitem__, rows), strict=True
        )
        return map(filter, repeat(None), pairs)


def split_table(table: ContactTable, today: dt.date) -> tuple[FastRows, list[ContactRecord]]:
    """The rows clean_fields and clean_channels take as they are, and the others as records."""
    count = len(table.lines)
    given, family = table.given_name, table.family_name
    organisation, title = table.organisation, table.title
    emails, links = table.emails, table.links
    refused = _refused(table, today) if _constants_pass(table) else set(range(count))
    if refused:
        keep = [row not in refused for row in range(count)]
        rest = [table.record(row) for row in sorted(refused)]

        def kept(values: list[Any]) -> list[Any]:
            return list(compress(values, keep))
    else:
        rest = []

        def kept(values: list[Any]) -> list[Any]:
            return values

    given, family, organisation, title = kept(given), kept(family), kept(organisation), kept(title)
    emails, links = kept(emails), kept(links)
    # display_name() and sort_key(), a column at a time; the texts are trimmed already.
    # sort_key("given family") is sort_key(given) + " " + sort_key(family): NFKD, dropping
    # combining marks and casefold work character by character, and the space between
    # keeps marks from moving across.
    given_sorted = {name: sort_key(name) for name in set(given)}  # given names repeat
    given_keys = list(map(given_sorted.__getitem__, given))
    family_keys = _sort_keys(family)
    if all(given) and all(family):
        shown = list(map(" ".join, zip(given, family, strict=True)))
        sort_names = list(map(" ".join, zip(given_keys, family_keys, strict=True)))
    else:
        shown = [
            f"{g} {f}" if g and f else g or f or o
            for g, f, o in zip(given, family, organisation, strict=True)
        ]
        sort_names = _sort_keys(shown)
    same, filed, sought, other_names = name_key_columns(
        given, family, shown, sort_names, organisation, given_keys, family_keys
    )
    return (
        FastRows(
            kept(table.lines),
            given,
            family,
            organisation,
            title,
            kept(table.met_on),
            emails,
            links,
            shown,
            sort_names,
            list(map(str.casefold, emails)),  # email_key: trimmed already
            _link_keys(links),
            same,
            filed,
            sought,
            other_names,
            table.met_mode,
            table.where_met,
            table.link_label,
        ),
        rest,
    )


def _sort_keys(texts: list[str]) -> list[str]:
    """sort_key() of each trimmed text: casefold() for ASCII, as sort_key does."""
    keys = list(map(str.casefold, texts))
    if not "".join(texts).isascii():
        for row in compress(range(len(texts)), map(operator.not_, map(str.isascii, texts))):
            keys[row] = sort_key(texts[row])
    return keys


def _constants_pass(table: ContactTable) -> bool:
    """Whether what every row shares passes the checks as it is."""
    texts = (table.where_met, table.link_label)
    return table.met_mode in MET_MODES and all(
        text == text.strip() and len(text) <= validate.MAX_SHORT and "\x00" not in text
        for text in texts
    )


def _refused(table: ContactTable, today: dt.date) -> set[int]:
    """The rows the checks might refuse or change (those go the general way)."""
    refused: set[int] = set()
    for column in (table.given_name, table.family_name, table.organisation, table.title):
        refused |= _over(column, validate.MAX_SHORT)
    for column in (table.emails, table.links):
        refused |= _over(column, _MAX_CHANNEL)
    named = map(any, zip(table.given_name, table.family_name, table.organisation, strict=True))
    refused.update(compress(range(len(table.lines)), map(operator.not_, named)))
    late = {day for day in set(table.met_on) if day is not None and day > today}
    if late:
        refused.update(row for row, day in enumerate(table.met_on) if day in late)
    emails = table.emails
    matched = map(validate.EMAIL.match, filter(None, emails))
    if not all(matched):
        refused.update(
            row for row, email in enumerate(emails) if email and not validate.EMAIL.match(email)
        )
    return refused


def _over(column: list[str], limit: int) -> set[int]:
    """Rows whose text is longer than `limit`, holds a NUL or is not trimmed."""
    if (
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
    """link_key() of every link (None for none): the usual https://www. ones in one pass."""
    folded = list(map(str.casefold, links))
    if all(map(str.startswith, folded, repeat(_LINK_PREFIX))):
        cut = len(_LINK_PREFIX)
        keys: list[str | None] = [link[cut:].rstrip("/") for link in folded]
        if min(map(len, filter(None, keys)), default=0) >= MIN_LINK_LENGTH and all(keys):
            return keys
    return [link_key(link) if link else None for link in links]
