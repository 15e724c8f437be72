"""A contact as imports and merges handle it, and the rules for folding one into another.

A merge never loses what the journal holds: empty fields are filled, channels and tags are
united, a note the journal does not already contain is added below its notes, and vCard
properties the journal does not model are kept. Fields that disagree keep the journal's
value; when two stored contacts merge (`note_conflicts`), the other's value is written into
the notes so nothing of the person merged away is lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from journal.core.contacts import ChannelDraft
from journal.core.matching import channel_key
from journal.core.names import display_name, sort_key
from journal.store.models import Contact, ContactChannel, ContactTag, Tag
from journal.store.rows import tuples

# Fields taken from the other side only when this side has nothing.
FILLED = (
    "given_name",
    "family_name",
    "nickname",
    "organisation",
    "title",
    "where_met",
    "met_on",
    "met_mode",
    "met_through",
    "know",
    "like",
    "trust",
    "birthday",
    "first_impression_on",
    "stay_in_touch_days",
)
# Longer texts: the other side's is added below unless already contained.
APPENDED = ("notes", "needs", "offers", "how_met", "first_impression")
# Stored columns a ContactState's `values` holds (as clean_fields returns them).
FIELDS = (*FILLED, *APPENDED, "stage", "display_name", "sort_name")
# What a conflicting value is called in the notes of a merged contact.
_SHOWN = {
    "given_name": "given name",
    "family_name": "family name",
    "nickname": "nickname",
    "organisation": "organisation",
    "title": "title",
    "where_met": "where met",
    "met_mode": "met in person or online",
    "birthday": "birthday",
    "know": "know",
    "like": "like",
    "trust": "trust",
    "stay_in_touch_days": "stay in touch every (days)",
    "stage": "stage",
}


@dataclass
class ContactState:
    """Everything an import can change about one contact."""

    values: dict[str, Any]  # FIELDS -> value (dates as dt.date, met_through as an id)
    channels: list[ChannelDraft] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    uid: str = ""
    extra: list[str] = field(default_factory=list)
    archived: bool = False

    def copy(self) -> ContactState:
        """An independent copy (merges change states in place)."""
        return ContactState(
            dict(self.values),
            [ChannelDraft(c.kind, c.value, c.label) for c in self.channels],
            list(self.tags),
            self.uid,
            list(self.extra),
            self.archived,
        )


def _empty(value: object) -> bool:
    return value is None or value == ""


def _name_part_kept_empty(mine: dict[str, Any], theirs: dict[str, Any]) -> str | None:
    """The name part a merge must not fill: a name is one whole, not two fields.

    "Jane" and Jane Doe make Jane Doe. But a whole name typed into one field ("Jane Doe",
    or 王小明) with Jane and Doe from a file would make "Jane Doe Doe", a name nobody has,
    which the same file no longer matches: only a part that agrees lets the other in.
    """
    given, family = mine.get("given_name"), mine.get("family_name")
    if _empty(given) == _empty(family):
        return None  # both there (nothing to fill) or both empty (take theirs whole)
    part, empty = ("given_name", "family_name") if _empty(family) else ("family_name", "given_name")
    their_part = theirs.get(part)
    if _empty(their_part) or sort_key(str(mine[part])) != sort_key(str(their_part)):
        return empty
    return None


def merge_state(into: ContactState, other: ContactState, *, note_conflicts: bool = False) -> bool:
    """Fold `other` into `into`; True when `into` changed."""
    values = into.values
    before = (dict(values), _channel_tuples(into), len(into.tags), len(into.extra), into.uid)
    conflicts: list[str] = []
    kept = _name_part_kept_empty(values, other.values)
    for name in FILLED:
        mine, theirs = values.get(name), other.values.get(name)
        if _empty(theirs):
            continue
        if _empty(mine):
            if name != kept:
                values[name] = theirs
            elif note_conflicts:
                conflicts.append(f"{_SHOWN[name]}: {_show(theirs)}")
        elif note_conflicts and mine != theirs and name in _SHOWN:
            conflicts.append(f"{_SHOWN[name]}: {_show(theirs)}")
    if note_conflicts and _earlier(other.values.get("met_on"), values.get("met_on")):
        values["met_on"] = other.values["met_on"]  # when you first met is the earlier day
    if values.get("stage") == "new" and other.values.get("stage", "new") != "new":
        values["stage"] = other.values["stage"]
    elif note_conflicts and other.values.get("stage", "new") not in ("new", values.get("stage")):
        conflicts.append(f"stage: {other.values['stage']}")
    for name in APPENDED:
        values[name] = _appended(values.get(name) or "", other.values.get(name) or "")
    if conflicts:
        merged = "From the merged entry: " + "; ".join(conflicts)
        values["notes"] = _appended(values.get("notes") or "", merged)
    values["display_name"] = display_name(
        values.get("given_name") or "",
        values.get("family_name") or "",
        values.get("nickname") or "",
        values.get("organisation") or "",
    )
    values["sort_name"] = sort_key(values["display_name"])
    _unite_channels(into.channels, other.channels)
    folded = {t.casefold() for t in into.tags}
    for tag in other.tags:
        if tag.casefold() not in folded:
            into.tags.append(tag)
            folded.add(tag.casefold())
    present = set(into.extra)
    into.extra.extend(line for line in other.extra if line not in present)
    if not into.uid and other.uid:
        into.uid = other.uid
    after = (values, _channel_tuples(into), len(into.tags), len(into.extra), into.uid)
    return before != after


def _channel_tuples(state: ContactState) -> list[tuple[str, str, str]]:
    return [(c.kind, c.value, c.label) for c in state.channels]


def _earlier(candidate: object, current: object) -> bool:
    return isinstance(candidate, dt.date) and isinstance(current, dt.date) and candidate < current


def _show(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _appended(mine: str, theirs: str) -> str:
    theirs = theirs.strip()
    if not theirs or theirs in mine:
        return mine
    return f"{mine}\n\n{theirs}" if mine else theirs


def _unite_channels(mine: list[ChannelDraft], theirs: list[ChannelDraft]) -> None:
    known = {channel_key(c): c for c in mine}
    for channel in theirs:
        key = channel_key(channel)
        existing = known.get(key)
        if existing is None:
            added = ChannelDraft(channel.kind, channel.value, channel.label)
            mine.append(added)
            known[key] = added
        elif not existing.label and channel.label:
            existing.label = channel.label


def load_states(ids: list[int], chunk: int = 500) -> dict[int, ContactState]:
    """Stored contacts as states, a chunk of ids per query."""
    states: dict[int, ContactState] = {}
    stored = [name for name in FIELDS if name != "met_through"]
    columns = [getattr(Contact, name) for name in stored]
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        query = Contact.select(
            Contact.id,
            Contact.vcard_uid,
            Contact.vcard_extra,
            Contact.archived,
            Contact.met_through,
            *columns,
        ).where(Contact.id.in_(part))
        for row in query:
            values = {name: getattr(row, name) for name in stored}
            values["met_through"] = row.met_through_id
            states[row.id] = ContactState(
                values,
                uid=row.vcard_uid or "",
                extra=[line for line in row.vcard_extra.split("\n") if line],
                archived=bool(row.archived),
            )
        channels = (
            ContactChannel.select(
                ContactChannel.contact,
                ContactChannel.kind,
                ContactChannel.value,
                ContactChannel.label,
            )
            .where(ContactChannel.contact.in_(part))
            .order_by(ContactChannel.contact, ContactChannel.position, ContactChannel.id)
        )
        for contact_id, kind, value, label in tuples(channels):
            states[contact_id].channels.append(ChannelDraft(kind, value, label))
        tags = (
            Tag.select(ContactTag.contact, Tag.name)
            .join(ContactTag)
            .where(ContactTag.contact.in_(part))
            .order_by(Tag.name)
        )
        for contact_id, name in tuples(tags):
            states[contact_id].tags.append(name)
    return states
