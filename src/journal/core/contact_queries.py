"""Reading contacts: the filtered, sorted list (as ids, for lazy views) and one contact's card."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from enum import Enum

import peewee

from journal.core import validate
from journal.core.contacts import require_contact
from journal.core.search import contact_search_sql
from journal.store.fields import parse_utc
from journal.store.models import (
    Contact,
    ContactChannel,
    ContactTag,
    Group,
    GroupMember,
    InteractionParticipant,
    Tag,
    database_proxy,
)
from journal.store.rows import tuples


class ContactSort(str, Enum):
    """Columns the contact list can be sorted by."""

    NAME = "name"
    ORGANISATION = "organisation"
    STAGE = "stage"
    LAST_CONTACT = "last_contact"
    MET_ON = "met_on"


@dataclass(frozen=True)
class ContactFilter:
    """Which contacts a list shows."""

    search: str = ""
    tag: str | None = None
    stage: str | None = None
    group_id: int | None = None
    include_archived: bool = False


@dataclass(frozen=True)
class ContactRow:
    """What one line of the contact list shows."""

    id: int
    display_name: str
    organisation: str
    title: str
    stage: str
    archived: bool
    tags: str
    last_contact_at: dt.datetime | None


# One step into the index (contact_id, occurred_at, ...): each participant row keeps its
# interaction's time (schema step 4).
_LAST_CONTACT_SQL = (
    "(SELECT MAX(p.occurred_at) FROM interaction_participant p WHERE p.contact_id = c.id)"
)


def _last_contact_expression() -> peewee.ColumnBase:
    """A correlated subquery: when the user last had anything to do with the contact."""
    latest = InteractionParticipant.select(peewee.fn.MAX(InteractionParticipant.occurred_at)).where(
        InteractionParticipant.contact == Contact.id
    )
    # Never contacted sorts as the oldest: those are the people most in need of a word.
    return peewee.fn.COALESCE(latest, "")


def _where(flt: ContactFilter) -> list[peewee.ColumnBase]:
    conditions: list[peewee.ColumnBase] = []
    if not flt.include_archived:
        conditions.append(Contact.archived == False)  # noqa: E712 (peewee expression)
    search = contact_search_sql(flt.search)
    if flt.search.strip() and search is None:
        # Only punctuation typed: nothing can match, rather than "everything".
        conditions.append(peewee.SQL("0"))
    elif search is not None:
        sql, params = search
        conditions.append(Contact.id.in_(peewee.SQL(f"({sql})", params)))
    if flt.stage:
        conditions.append(Contact.stage == validate.stage_code(flt.stage))
    if flt.tag:
        tagged = ContactTag.select(ContactTag.contact).join(Tag).where(Tag.name == flt.tag)
        conditions.append(Contact.id.in_(tagged))
    if flt.group_id is not None:
        members = GroupMember.select(GroupMember.contact).where(GroupMember.group == flt.group_id)
        conditions.append(Contact.id.in_(members))
    return conditions


def contact_ids(
    flt: ContactFilter = ContactFilter(),
    sort: ContactSort = ContactSort.NAME,
    descending: bool = False,
) -> list[int]:
    """The ids of matching contacts in display order; rows are fetched later, page by page."""
    order_column: peewee.ColumnBase = {
        ContactSort.NAME: Contact.sort_name,
        ContactSort.ORGANISATION: peewee.fn.lower(Contact.organisation),
        ContactSort.STAGE: Contact.stage,
        ContactSort.LAST_CONTACT: _last_contact_expression(),
        ContactSort.MET_ON: Contact.met_on,
    }[sort]
    # Only met_on can be NULL. A NULLS clause on the others would stop SQLite from reading
    # the order straight off the (archived, sort_name) index (a temp B-tree per query).
    nulls = "LAST" if sort is ContactSort.MET_ON else None
    direction = order_column.desc(nulls=nulls) if descending else order_column.asc(nulls=nulls)
    tie = Contact.sort_name.desc() if descending else Contact.sort_name.asc()
    query = Contact.select(Contact.id).order_by(direction, tie, Contact.id)
    conditions = _where(flt)
    if conditions:
        query = query.where(*conditions)
    # Straight off the cursor: peewee's row wrappers cost ~30 ms on 20,000 ids, and this
    # runs on every keystroke in the search box.
    return [row[0] for row in database_proxy.execute(query)]


def search_hits(typed: str) -> set[int] | None:
    """The ids of every contact, archived or not, whose text matches what was typed.

    None when nothing was typed, so nothing is filtered out; an empty set when only
    punctuation was typed, which matches nobody (as in `contact_ids`).
    """
    search = contact_search_sql(typed)
    if search is None:
        return set() if typed.strip() else None
    sql, params = search
    # One string rather than a row per hit: a one-letter search hits most of the journal,
    # and Python's sqlite3 costs ~0.3 µs a row (20,000 hits: 6.5 ms as rows, 3.5 ms as one
    # string read by json's C parser, which reads numbers faster than int() does).
    (joined,) = database_proxy.execute_sql(
        f"SELECT group_concat(hit) FROM ({sql})", params
    ).fetchone()
    return set(json.loads(f"[{joined}]")) if joined else set()


def contact_count(flt: ContactFilter = ContactFilter()) -> int:
    """How many contacts the filter matches."""
    query = Contact.select()
    conditions = _where(flt)
    if conditions:
        query = query.where(*conditions)
    return int(query.count())


def contact_rows(ids: list[int]) -> dict[int, ContactRow]:
    """The list lines for these ids (one query, whatever their number)."""
    if not ids:
        return {}
    sql = (
        "SELECT c.id, c.display_name, c.organisation, c.title, c.stage, c.archived, "
        "COALESCE((SELECT group_concat(t.name, ', ') FROM contact_tag ct "
        "          JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), ''), "
        f"{_LAST_CONTACT_SQL} "
        f"FROM contact c WHERE c.id IN ({','.join('?' * len(ids))})"
    )
    rows: dict[int, ContactRow] = {}
    for cid, name, org, title, stage, archived, tags, last in database_proxy.execute_sql(sql, ids):
        rows[cid] = ContactRow(
            cid, name, org, title, stage, bool(archived), tags, parse_utc(last) if last else None
        )
    return rows


@dataclass(frozen=True)
class Channel:
    """A stored way to reach a contact."""

    kind: str
    value: str
    label: str


@dataclass(frozen=True)
class ContactCard:
    """Everything the detail pane or `journal show` shows about one contact."""

    contact: Contact
    channels: list[Channel]
    tags: list[str]
    groups: list[tuple[int, str]]
    met_through_name: str | None
    interaction_count: int
    last_contact_at: dt.datetime | None
    extra: dict[str, object] = field(default_factory=dict)


def contact_card(contact_id: int) -> ContactCard:
    """One contact with channels, tags, groups and a summary of their timeline."""
    contact = require_contact(contact_id)
    channels = [
        Channel(ch.kind, ch.value, ch.label)
        for ch in ContactChannel.select()
        .where(ContactChannel.contact == contact_id)
        .order_by(ContactChannel.position)
    ]
    tags = [
        t.name
        for t in Tag.select(Tag.name)
        .join(ContactTag)
        .where(ContactTag.contact == contact_id)
        .order_by(Tag.name)
    ]
    groups = [
        (g.id, g.name)
        for g in Group.select(Group.id, Group.name)
        .join(GroupMember)
        .where(GroupMember.contact == contact_id)
        .order_by(Group.name)
    ]
    through = None
    if contact.met_through_id is not None:
        other = Contact.get_or_none(Contact.id == contact.met_through_id)
        through = other.display_name if other else None
    count, last = next(
        tuples(
            InteractionParticipant.select(
                peewee.fn.COUNT(InteractionParticipant.interaction),
                peewee.fn.MAX(InteractionParticipant.occurred_at),
            ).where(InteractionParticipant.contact == contact_id)
        ),
        (0, None),
    )
    return ContactCard(
        contact=contact,
        channels=channels,
        tags=tags,
        groups=groups,
        met_through_name=through,
        interaction_count=int(count or 0),
        # Peewee already converts MAX() of a UTC field through the field; accept either form.
        last_contact_at=parse_utc(last) if isinstance(last, str) else last,
    )


def all_tags() -> list[str]:
    """Every tag in use, sorted regardless of case."""
    return [t.name for t in Tag.select(Tag.name).order_by(peewee.fn.lower(Tag.name))]


def contact_names(ids: list[int]) -> dict[int, str]:
    """Display names by id (for participants, members, people met)."""
    if not ids:
        return {}
    query = Contact.select(Contact.id, Contact.display_name).where(Contact.id.in_(ids))
    return {cid: name for cid, name in tuples(query)}
