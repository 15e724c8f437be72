"""Writing contacts: create, update, archive, delete. Each call is one transaction."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from journal.core import validate
from journal.core.changes import Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.errors import NotFoundError, ValidationError
from journal.core.names import display_name, sort_key
from journal.core.stage_names import checked_stage
from journal.core.vocabulary import CHANNEL_KINDS, MET_MODES, RATING_RANGE
from journal.store.models import (
    Contact,
    ContactChannel,
    ContactRelation,
    ContactTag,
    Tag,
    database_proxy,
)


@dataclass
class ChannelDraft:
    """A way to reach someone, as typed in a form or read from a file."""

    kind: str
    value: str
    label: str = ""


@dataclass
class RelationDraft:
    """How this contact relates to another one ("spouse", "business partner", "works for")."""

    other_id: int
    kind: str = ""


@dataclass
class ContactDraft:
    """Everything a form or an import can say about a contact."""

    given_name: str = ""
    family_name: str = ""
    nickname: str = ""
    organisation: str = ""
    title: str = ""
    how_met: str = ""
    where_met: str = ""
    met_on: dt.date | None = None
    met_mode: str = ""
    met_through_id: int | None = None
    stage: str = "new"
    know: int | None = None
    like: int | None = None
    trust: int | None = None
    needs: str = ""
    offers: str = ""
    notes: str = ""
    first_impression: str = ""
    first_impression_on: dt.date | None = None
    birthday: dt.date | None = None
    stay_in_touch_days: int | None = None
    channels: list[ChannelDraft] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # None leaves the stored relationships as they are (imports know nothing of them).
    relations: list[RelationDraft] | None = None


# Free texts of a contact: (attribute, the field's name in messages, longest allowed).
_NAME_TEXTS = (
    ("given_name", "given name", validate.MAX_SHORT),
    ("family_name", "family name", validate.MAX_SHORT),
    ("nickname", "nickname", validate.MAX_SHORT),
    ("organisation", "organisation", validate.MAX_SHORT),
)
_OTHER_TEXTS = (
    ("title", "title", validate.MAX_SHORT),
    ("how_met", "how met", 2000),
    ("where_met", "where met", validate.MAX_SHORT),
    ("needs", "needs", 5000),
    ("offers", "offers", 5000),
    ("notes", "notes", validate.MAX_LONG),
    ("first_impression", "first impression", 5000),
)
_TEXTS = operator.attrgetter(*(name for name, _shown, _limit in _NAME_TEXTS + _OTHER_TEXTS))
# No text's limit is below this: texts no longer than it need no length check each.
_SHORTEST_LIMIT = min(limit for _name, _shown, limit in _NAME_TEXTS + _OTHER_TEXTS)
_RATING_LOW, _RATING_HIGH = RATING_RANGE.start, RATING_RANGE.stop - 1


def _plain_texts(draft: ContactDraft) -> tuple[str, ...] | None:
    """The draft's free texts trimmed, if every one passes validate.text; else None.

    The usual row of an import (short texts, no NUL) is checked in a few calls in C;
    anything else goes through validate.text field by field, which words the refusal.
    """
    texts: tuple[str, ...] = _TEXTS(draft)
    try:
        joined = "".join(texts)  # refuses anything that is not text (None included)
    except TypeError:
        return None
    if "\x00" in joined:
        return None
    if len(joined) > _SHORTEST_LIMIT and max(map(len, texts)) > _SHORTEST_LIMIT:
        return None
    return tuple(map(str.strip, texts))


def clean_fields(draft: ContactDraft, today: dt.date, self_id: int | None) -> dict[str, object]:
    """A draft's fields checked and in stored form (column -> value); channels and tags apart.

    Imports run this for every row: texts that need no refusal are checked together
    (_plain_texts), empty fields cost no call, and the errors are those of the checks in
    their order.
    """
    v = validate
    plain = _plain_texts(draft)
    if plain is not None:
        given, family, nickname, organisation = plain[:4]
    else:
        given, family, nickname, organisation = (
            v.text(shown, raw, limit=limit) if raw else ""
            for raw, (_name, shown, limit) in zip(_TEXTS(draft)[:4], _NAME_TEXTS, strict=True)
        )
    shown_name = display_name(given, family, nickname, organisation)
    if not shown_name:
        raise ValidationError("name", "give at least a name, a nickname or an organisation")
    stage = (
        "new"
        if draft.stage == "new"
        else checked_stage(v.stage_code(v.text("stage", draft.stage, required=True, limit=40)))
    )
    if draft.met_through_id is not None:
        if draft.met_through_id == self_id:
            raise ValidationError("met through", "a contact cannot introduce themselves")
        if not Contact.select().where(Contact.id == draft.met_through_id).exists():
            raise ValidationError("met through", f"no contact with id {draft.met_through_id}")
    if plain is not None:
        others = plain[4:]
    else:
        others = tuple(
            v.text(shown, raw, limit=limit) if raw else ""
            for raw, (_name, shown, limit) in zip(_TEXTS(draft)[4:], _OTHER_TEXTS, strict=True)
        )
    title, how_met, where_met, needs, offers, notes, first_impression = others
    met_on = draft.met_on
    if met_on is not None and met_on > today:
        v.not_future("date met", met_on, today)
    met_mode = draft.met_mode
    if met_mode not in MET_MODES:
        v.choice("met in person or online", met_mode, MET_MODES)
    know, like, trust = draft.know, draft.like, draft.trust
    if know is not None:
        know = v.int_range("know", know, _RATING_LOW, _RATING_HIGH)
    if like is not None:
        like = v.int_range("like", like, _RATING_LOW, _RATING_HIGH)
    if trust is not None:
        trust = v.int_range("trust", trust, _RATING_LOW, _RATING_HIGH)
    birthday = draft.birthday
    if birthday is not None and birthday > today:
        v.not_future("birthday", birthday, today)
    stay = draft.stay_in_touch_days
    if stay is not None:
        stay = v.int_range("stay in touch every", stay, 1, 3650)
    # The columns in the order they have always come (nothing depends on it but tests
    # comparing dictionaries' reprs would).
    return {
        "given_name": given,
        "family_name": family,
        "nickname": nickname,
        "organisation": organisation,
        "display_name": shown_name,
        "sort_name": sort_key(shown_name),
        "title": title,
        "how_met": how_met,
        "where_met": where_met,
        "needs": needs,
        "offers": offers,
        "notes": notes,
        "first_impression": first_impression,
        "met_on": met_on,
        "met_mode": met_mode,
        "met_through": draft.met_through_id,
        "stage": stage,
        "know": know,
        "like": like,
        "trust": trust,
        "first_impression_on": draft.first_impression_on,
        "birthday": birthday,
        "stay_in_touch_days": stay,
    }


# What a refusal calls a channel of each kind, as the form's kind menu does.
CHANNEL_NOUNS = {
    "email": "e-mail",
    "phone": "phone",
    "url": "website",
    "social": "social profile",
    "address": "address",
}


class ChannelError(ValidationError):
    """A channel refused, with its place among the draft's channels (from 0), for a form to
    point at its row."""

    def __init__(self, position: int, kind: str, problem: str) -> None:
        super().__init__(CHANNEL_NOUNS.get(kind, "channel"), problem)
        self.position = position


def clean_channels(channels: list[ChannelDraft]) -> list[ChannelDraft]:
    """Channels checked, trimmed, empty ones dropped.

    The checks run inline and call validate only to word a refusal (imports check
    tens of thousands of channels). A channel that is clean already is kept as it is
    rather than copied.
    """
    cleaned: list[ChannelDraft] = []
    for position, channel in enumerate(channels):
        kind = channel.kind
        try:
            if kind not in CHANNEL_KINDS:
                validate.choice("kind", kind, CHANNEL_KINDS)
            raw = channel.value
            value = raw.strip() if raw else ""
            if len(value) > 2000 or "\x00" in value:
                validate.text("value", value, limit=2000)
            if not value:
                continue  # an empty row in a form is not an error, just nothing
            if kind == "email" and not validate.EMAIL.match(value):
                validate.email("value", value)
            raw_label = channel.label
            label = raw_label.strip() if raw_label else ""
            if len(label) > validate.MAX_SHORT or "\x00" in label:
                validate.text("label", label)
        except ValidationError as refused:
            raise ChannelError(position, kind, refused.problem) from None
        if value is raw and label is raw_label and type(channel) is ChannelDraft:
            cleaned.append(channel)  # strip() gave back the very same texts
        else:
            cleaned.append(ChannelDraft(kind, value, label))
    return cleaned


# At least this many digits make a phone number (an emergency or short code has three).
MIN_PHONE_DIGITS = 3


def check_typed_channels(channels: list[ChannelDraft], kept: Sequence[ChannelDraft] = ()) -> None:
    """Refuse a phone without its digits or a website with spaces, typed by a person.

    Only for what a person types: an import keeps what the file says rather than lose a
    row over it, and a contact's channels stored already (`kept`) are let be, so that an
    imported "n/a" never stops an edit of something else.
    """
    stored = {(channel.kind, channel.value.strip()) for channel in kept}
    for position, channel in enumerate(channels):
        value = (channel.value or "").strip()
        if not value or (channel.kind, value) in stored:
            continue
        if channel.kind == "phone" and sum(map(str.isdigit, value)) < MIN_PHONE_DIGITS:
            raise ChannelError(
                position,
                "phone",
                f"'{value}' is not a phone number: it needs its digits (spaces, dashes, "
                "brackets and a + in front are fine)",
            )
        if channel.kind == "url" and (
            any(map(str.isspace, value)) or ("." not in value and "://" not in value)
        ):
            raise ChannelError(
                position,
                "url",
                f"'{value}' is not a web address: one has no spaces and reads like "
                "example.org or https://example.org/page",
            )


def _refuse_empty_tags(tags: list[str]) -> None:
    """Refuse a tag with no name ("", "#", blanks): a person asked to add it, and saying
    "updated" while adding nothing would mislead. (clean_tags itself drops such pieces, as
    an imported file's stray separators are not worth refusing a card for.)"""
    for raw in tags:
        if not raw.lstrip("#").strip():
            raise ValidationError("tag", "cannot be empty: give the tag a name")


def clean_tags(tags: list[str]) -> list[str]:
    """Tag names trimmed, without a leading #, each once regardless of case."""
    seen: dict[str, str] = {}
    for raw in tags:
        name = raw.lstrip("#")
        if name:  # validate.text's checks, inline: it is only called to word a refusal
            name = name.strip()
            if len(name) > 60 or "\x00" in name:
                validate.text("tag", name, limit=60)
            folded = name.casefold()
            if name and folded not in seen:
                seen[folded] = name
    return list(seen.values())


def _clean_relations(
    relations: list[RelationDraft] | None, self_id: int | None
) -> list[RelationDraft] | None:
    if relations is None:
        return None
    cleaned: dict[int, RelationDraft] = {}
    for relation in relations:
        # Named by the other person, not by a position: a position counted the ones the
        # contact already had, which a command line adding one never showed.
        if relation.other_id == self_id:
            raise ValidationError("relationship", "a contact cannot be related to themselves")
        other = Contact.select(Contact.display_name).where(Contact.id == relation.other_id).first()
        if other is None:
            where = f"relationship with #{relation.other_id}"
            raise ValidationError(where, f"no contact with id {relation.other_id}")
        # By name, as the form's relationship list and the command line show people.
        where = f"relationship with {other.display_name}"
        try:
            kind = validate.text("kind", relation.kind, limit=60)
        except ValidationError as refused:
            raise ValidationError(where, f"its kind {refused.problem}") from None
        cleaned[relation.other_id] = RelationDraft(relation.other_id, kind)
    return list(cleaned.values())


def _write_relations(contact_id: int, relations: list[RelationDraft] | None) -> list[int]:
    """Replace every relationship touching the contact; returns the others involved."""
    if relations is None:
        return []
    touching = (ContactRelation.contact == contact_id) | (ContactRelation.other == contact_id)
    before = [
        r.other_id if r.contact_id == contact_id else r.contact_id
        for r in ContactRelation.select().where(touching)
    ]
    ContactRelation.delete().where(touching).execute()
    if relations:
        ContactRelation.insert_many(
            [{"contact": contact_id, "other": r.other_id, "kind": r.kind} for r in relations]
        ).execute()
    return before + [r.other_id for r in relations]


def _write_channels(contact_id: int, channels: list[ChannelDraft]) -> None:
    ContactChannel.delete().where(ContactChannel.contact == contact_id).execute()
    if channels:
        ContactChannel.insert_many(
            [
                {
                    "contact": contact_id,
                    "kind": c.kind,
                    "value": c.value,
                    "label": c.label,
                    "position": i,
                }
                for i, c in enumerate(channels)
            ]
        ).execute()


def tag_ids(names: list[str]) -> list[int]:
    """The ids of these tags, creating the missing ones (names match regardless of case)."""
    ids: list[int] = []
    for name in names:
        existing = Tag.get_or_none(Tag.name == name)  # the column collates NOCASE
        if existing is None:
            # NOCASE folds ASCII only: "économie" must still find "Économie".
            folded = name.casefold()
            existing = next((t for t in Tag.select() if t.name.casefold() == folded), None)
        ids.append(existing.id if existing else Tag.create(name=name).id)
    return ids


def _write_tags(contact_id: int, names: list[str]) -> None:
    ContactTag.delete().where(ContactTag.contact == contact_id).execute()
    ids = tag_ids(names)
    if ids:
        ContactTag.insert_many([{"contact": contact_id, "tag": t} for t in ids]).execute()


def require_contact(contact_id: int) -> Contact:
    """The stored contact, or NotFoundError naming the id."""
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFoundError(f"There is no contact with id {contact_id}.")
    return contact


def _changed(contact_id: int, *extra: Area, others: Sequence[int] = ()) -> Changes:
    return Changes(frozenset({Area.CONTACTS, *extra}), contact_ids=frozenset({contact_id, *others}))


def create_contact(draft: ContactDraft, clock: Clock = SYSTEM_CLOCK) -> Result[int]:
    """Add a person; returns the new contact's id."""
    values = clean_fields(draft, clock.today(), None)
    channels = clean_channels(draft.channels)
    check_typed_channels(draft.channels)
    _refuse_empty_tags(draft.tags)
    tags = clean_tags(draft.tags)
    relations = _clean_relations(draft.relations, None)
    now = clock.now()
    with database_proxy.atomic():
        contact_id = Contact.insert(created_at=now, updated_at=now, **values).execute()
        _write_channels(contact_id, channels)
        _write_tags(contact_id, tags)
        others = _write_relations(contact_id, relations)
    return Result(contact_id, _changed(contact_id, Area.TAGS, others=others))


def update_contact(
    contact_id: int, draft: ContactDraft, clock: Clock = SYSTEM_CLOCK
) -> Result[int]:
    """Replace a contact's fields, channels and tags with the draft's."""
    values = clean_fields(draft, clock.today(), contact_id)
    channels = clean_channels(draft.channels)
    check_typed_channels(draft.channels, _stored_channels(contact_id))
    _refuse_empty_tags(draft.tags)
    tags = clean_tags(draft.tags)
    relations = _clean_relations(draft.relations, contact_id)
    with database_proxy.atomic():
        require_contact(contact_id)
        Contact.update(updated_at=clock.now(), **values).where(Contact.id == contact_id).execute()
        _write_channels(contact_id, channels)
        _write_tags(contact_id, tags)
        others = _write_relations(contact_id, relations)
    return Result(contact_id, _changed(contact_id, Area.TAGS, others=others))


def set_archived(contact_id: int, archived: bool, clock: Clock = SYSTEM_CLOCK) -> Result[int]:
    """Archive (hide from the everyday list, keep everything) or bring back a contact."""
    with database_proxy.atomic():
        require_contact(contact_id)
        Contact.update(archived=archived, updated_at=clock.now()).where(
            Contact.id == contact_id
        ).execute()
    return Result(contact_id, _changed(contact_id))


def delete_contact(contact_id: int) -> Result[int]:
    """Remove a contact for good, with their channels, tags and participations."""
    with database_proxy.atomic():
        require_contact(contact_id)
        Contact.delete().where(Contact.id == contact_id).execute()
    # Interactions they took part in lose a participant; the timeline must refresh too.
    return Result(contact_id, _changed(contact_id, Area.INTERACTIONS, Area.GROUPS))


def set_stay_in_touch(
    cadences: Mapping[int, int | None], clock: Clock = SYSTEM_CLOCK
) -> Result[int]:
    """Set how often to be in touch with each of these people (None: no rhythm); one write."""
    cleaned: dict[int, int | None] = {}
    for contact_id, days in cadences.items():
        cleaned[contact_id] = validate.int_range("stay in touch every", days, 1, 3650)
    now = clock.now()
    with database_proxy.atomic():
        for contact_id, days in cleaned.items():
            require_contact(contact_id)
            Contact.update(stay_in_touch_days=days, updated_at=now).where(
                Contact.id == contact_id
            ).execute()
    return Result(len(cleaned), Changes(frozenset({Area.CONTACTS}), contact_ids=frozenset(cleaned)))


def _stored_channels(contact_id: int) -> list[ChannelDraft]:
    return [
        ChannelDraft(ch.kind, ch.value, ch.label)
        for ch in ContactChannel.select()
        .where(ContactChannel.contact == contact_id)
        .order_by(ContactChannel.position)
    ]


def load_draft(contact_id: int) -> ContactDraft:
    """The stored contact as a draft, ready for an edit form."""
    c = require_contact(contact_id)
    channels = _stored_channels(contact_id)
    tags = [
        t.name
        for t in Tag.select()
        .join(ContactTag)
        .where(ContactTag.contact == contact_id)
        .order_by(Tag.name)
    ]
    return ContactDraft(
        given_name=c.given_name,
        family_name=c.family_name,
        nickname=c.nickname,
        organisation=c.organisation,
        title=c.title,
        how_met=c.how_met,
        where_met=c.where_met,
        met_on=c.met_on,
        met_mode=c.met_mode,
        met_through_id=c.met_through_id,
        stage=c.stage,
        know=c.know,
        like=c.like,
        trust=c.trust,
        needs=c.needs,
        offers=c.offers,
        notes=c.notes,
        first_impression=c.first_impression,
        first_impression_on=c.first_impression_on,
        birthday=c.birthday,
        stay_in_touch_days=c.stay_in_touch_days,
        channels=channels,
        tags=tags,
        relations=[RelationDraft(other, kind) for other, _name, kind in relations_of(contact_id)],
    )


def relations_of(contact_id: int) -> list[tuple[int, str, str]]:
    """(other id, other's name, kind) of every relationship touching the contact, by name."""
    sql = (
        "SELECT c.id, c.display_name, r.kind FROM contact_relation r "
        "JOIN contact c ON c.id = CASE WHEN r.contact_id = ? THEN r.other_id ELSE r.contact_id END "
        "WHERE r.contact_id = ? OR r.other_id = ? ORDER BY c.sort_name, c.id"
    )
    rows = database_proxy.execute_sql(sql, [contact_id] * 3)
    return [(int(cid), str(name), str(kind)) for cid, name, kind in rows]


def find_by_name(name: str) -> list[int]:
    """Ids of contacts whose shown name matches exactly, ignoring case and accents."""
    key = sort_key(name)
    query = Contact.select(Contact.id).where(Contact.sort_name == key).order_by(Contact.id)
    return [row.id for row in query]


def exists(contact_id: int) -> bool:
    """Whether a contact with this id is in the journal."""
    return bool(Contact.select().where(Contact.id == contact_id).exists())


__all__ = [
    "ChannelDraft",
    "ContactDraft",
    "RelationDraft",
    "clean_channels",
    "clean_fields",
    "clean_tags",
    "create_contact",
    "delete_contact",
    "exists",
    "find_by_name",
    "load_draft",
    "relations_of",
    "require_contact",
    "set_archived",
    "update_contact",
]
