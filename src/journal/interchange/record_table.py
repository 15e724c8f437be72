"""Plain cards of a vCard file as a ContactTable, for the import's column-wise path.

A vCard file is read card by card (its properties come in any order, any number of
times), but most cards an address book writes are plain: names, an organisation, a title,
a note, a birthday, tags, a UID and a few channels. Kept as columns, the importer checks
and matches those a column at a time (core.import_table), as it does a CSV's rows; about a
third of a 10,000-card import's work was checking and keying them one by one.

A card stays a record when the columns could not say it all: a property kept for export,
an introducer, archived, any of the journal's own fields set, or channels in an order the
table's columns cannot keep (the columns hold one order of kinds for every row).
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Iterable
from itertools import chain
from typing import Any

from journal.core.contacts import ContactDraft
from journal.interchange.records import ChannelColumn, ContactRecord, ContactTable, ReadResult

# The draft's fields a table has a column for (met_mode and where_met are its constants,
# left at the draft's defaults for a vCard file).
_TABLED = frozenset(
    ("given_name", "family_name", "nickname", "organisation", "title", "notes", "met_on",
     "birthday", "tags", "channels")
)  # fmt: skip
# Every other field, derived so that a field the draft gains later keeps its cards off the
# table (where its value would be lost) until the table has a column for it; and the values
# a plain card leaves them at.
_UNTABLED = tuple(f.name for f in dataclasses.fields(ContactDraft) if f.name not in _TABLED)
_untabled = operator.attrgetter(*_UNTABLED)
_DEFAULTS = _untabled(ContactDraft())

Slot = tuple[str, int]  # a channel's kind, and which of its kind it is on the card (1, 2, …)
_KIND, _VALUE, _LABEL = (operator.attrgetter(name) for name in ("kind", "value", "label"))


def tabulate(result: ReadResult) -> None:
    """Move the result's plain records into its table (the others stay records)."""
    if result.table is not None or not result.listed:
        return
    table, rest = records_table(result.listed)
    if table is not None:
        result.table, result.listed = table, rest


def records_table(records: list[ContactRecord]) -> tuple[ContactTable | None, list[ContactRecord]]:
    """The plain records as a table (None if there are none), and the others as they are."""
    order: list[Slot] = []  # the channel columns, in the order every plain card keeps
    # Cards come in a few shapes (their channels' kinds in order): each shape's slots, or
    # None for a shape that does not keep the columns' order. A shape that fits once fits
    # for good: a slot joining `order` later never reorders the slots already there.
    shapes: dict[tuple[str, ...], list[Slot] | None] = {}
    plain: dict[tuple[str, ...], list[ContactRecord]] = {}
    rest: list[ContactRecord] = []
    for record in records:
        draft = record.draft
        if (
            record.extra
            or record.archived
            or record.met_through_uid
            or _untabled(draft) != _DEFAULTS
        ):
            rest.append(record)
            continue
        channels = draft.channels
        shape = tuple(map(_KIND, channels))
        if shape not in shapes:
            shapes[shape] = _fitted(order, _slots(shape))
        # A channel without a value would read as no channel in a column.
        if shapes[shape] is None or not all(map(_VALUE, channels)):
            rest.append(record)
        else:
            plain.setdefault(shape, []).append(record)
    if not plain:
        return None, rest
    return _table(plain, shapes, order), rest


def _slots(shape: tuple[str, ...]) -> list[Slot]:
    """Each channel's slot, in the card's order."""
    found: list[Slot] = []
    seen: dict[str, int] = {}
    for kind in shape:
        seen[kind] = number = seen.get(kind, 0) + 1
        found.append((kind, number))
    return found


def _fitted(order: list[Slot], mine: list[Slot]) -> list[Slot] | None:
    """A card's slots if they keep `order`'s order (its new slots then join `order`), else None.

    A new slot goes just after the card's slot before it, so every card taken so far keeps
    its order too (it has no value in the new slot).
    """
    place = {slot: position for position, slot in enumerate(order)}
    known = [place[slot] for slot in mine if slot in place]
    if known != sorted(known):
        return None
    after = -1
    for slot in mine:
        if slot in order:
            after = order.index(slot)
        else:
            after += 1
            order.insert(after, slot)
    return mine


def _table(
    plain: dict[tuple[str, ...], list[ContactRecord]],
    shapes: dict[tuple[str, ...], list[Slot] | None],
    order: list[Slot],
) -> ContactTable:
    """The plain records a column each, in file order."""
    records = sorted(chain.from_iterable(plain.values()), key=_LINE)
    drafts = list(map(_DRAFT, records))

    def column(name: str) -> list[Any]:
        return list(map(operator.attrgetter(name), drafts))

    count = len(records)
    channels = {slot: ChannelColumn(slot[0], [""] * count, [""] * count) for slot in order}
    if order:
        row_of = {id(record): row for row, record in enumerate(records)}
        for shape, group in plain.items():
            rows = [row_of[id(record)] for record in group]
            lists = list(map(_CHANNELS, group))
            for position, slot in enumerate(shapes[shape] or ()):
                at = list(map(operator.itemgetter(position), lists))
                _scatter(channels[slot].values, rows, map(_VALUE, at))
                _scatter(channels[slot].labels, rows, map(_LABEL, at))
    uids = list(map(_UID, records))
    return ContactTable(
        lines=list(map(_LINE, records)),
        given_name=column("given_name"),
        family_name=column("family_name"),
        organisation=column("organisation"),
        title=column("title"),
        channels=[channels[slot] for slot in order],
        nickname=column("nickname"),
        notes=column("notes"),
        met_on=column("met_on"),
        birthday=column("birthday"),
        tags=list(map(tuple, column("tags"))),
        uids=uids if any(uids) else [],
    )


_LINE, _DRAFT, _UID = (operator.attrgetter(name) for name in ("line", "draft", "uid"))
_CHANNELS = operator.attrgetter("draft.channels")


def _scatter(cells: list[str], rows: list[int], values: Iterable[str]) -> None:
    """Put each value in its row's cell."""
    if len(rows) == len(cells):  # every row (rows are then 0, 1, 2...)
        cells[:] = values
    else:
        for row, value in zip(rows, values, strict=True):
            cells[row] = value
