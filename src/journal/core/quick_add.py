"""Quick add: one line of text becomes a timeline entry, new people, tags and a follow-up.

`parse(text, context)` reads the line against the journal and returns a QuickEntry, the
preview: who is who (existing contacts by id, new names marked new), the group, tags,
amount, dates, summary, and the problems that stop it from being saved. `apply(entry)`
writes exactly that entry in one transaction; it never reads the line again, so what the
preview shows is what the journal stores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from journal.core import quick_lookup, settings, validate
from journal.core import quick_syntax as syntax
from journal.core.changes import Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.contact_queries import contact_names
from journal.core.contacts import ContactDraft, create_contact, tag_ids
from journal.core.errors import ValidationError
from journal.core.followups import FollowUpDraft, add_followup
from journal.core.interactions import InteractionDraft, log_interaction
from journal.core.names import display_name, sort_key, split_full_name
from journal.core.timeutil import SKIPPED_TIME, local_date, skipped_by_clocks
from journal.core.vocabulary import INTERACTION_KIND_LABELS
from journal.store.models import Contact, ContactTag, Group, database_proxy

# Kinds that say who gave: the timeline's direction column follows from them.
DIRECTION_OF_KIND = {
    "help_given": "gave",
    "help_received": "received",
    "referral_given": "gave",
    "referral_received": "received",
}
MAX_TAG = 60
# Notice.code of "an amount without a currency, and no default currency".
NO_CURRENCY = "no_currency"
# Notice.code of "an amount without a currency, and the default currency is no currency
# code" (one saved before codes were checked); Notice.detail says what is wrong with it.
BAD_DEFAULT_CURRENCY = "bad_default_currency"
NOON = dt.time(12, 0)


@dataclass(frozen=True)
class QuickContext:
    """What a line is read against: the clock, the local time zone, the default currency.

    `zone` None means the machine's time zone; `default_currency` None means the journal's
    setting (settings.default_currency()).
    """

    clock: Clock = SYSTEM_CLOCK
    zone: dt.tzinfo | None = None
    default_currency: str | None = None
    # The decimal point of the user's locale, for "$1.200" (1200 in German): the app's;
    # None on the command line, which reads a dot as the decimal point (validate.money).
    decimal_point: str | None = None

    def today(self) -> dt.date:
        """The local calendar day it is now."""
        return local_date(self.clock.now(), self.zone) if self.zone else self.clock.today()

    def at(self, day: dt.date, time: dt.time) -> dt.datetime:
        """A local wall-clock time on a local day, as a UTC instant.

        A repeated time (clocks going back) means its first occurrence (fold=0), as the
        user most likely meant; a skipped one (see skipped) is moved by the change.
        """
        naive = dt.datetime.combine(day, time)
        aware = naive.replace(tzinfo=self.zone) if self.zone else naive.astimezone()
        return aware.astimezone(dt.timezone.utc)

    def skipped(self, day: dt.date, time: dt.time) -> bool:
        """Whether the clocks skipped this time that day (going forward): no instant shows it."""
        return skipped_by_clocks(dt.datetime.combine(day, time), self.zone)


@dataclass(frozen=True)
class Person:
    """Someone named with `@`: an existing contact (with their id) or a new one (id None)."""

    name: str  # the contact's shown name, or the new contact's name as it will be stored
    contact_id: int | None
    typed: str
    given: str = ""  # a new contact's given and family names, as they will be stored
    family: str = ""

    @property
    def is_new(self) -> bool:
        """True when quick add will create this contact."""
        return self.contact_id is None


@dataclass(frozen=True)
class GroupRef:
    """The group named with `~`."""

    id: int
    name: str


@dataclass(frozen=True)
class Notice:
    """A problem (stops saving) or a warning (only said), about one token when `subject`."""

    subject: str
    message: str
    # The message again with "{}" where each name in `names` goes, so that a screen can set
    # the names apart: an Arabic name otherwise pulls the "(#98)" after it to its far side.
    template: str = ""
    names: tuple[str, ...] = ()
    # A stable name for a notice that a screen words its own way: the message names a
    # command for the command line, where the app names its menu (see NO_CURRENCY).
    code: str = ""
    # The part of the message such a screen keeps in its own wording (a code's problem).
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}" if self.subject else self.message

    def shown(self, text: Callable[[str], str], name: Callable[[str], str]) -> str:
        """The message with its own words passed through `text` and each name through `name`."""
        if not self.names:
            return text(self.message)
        return _filled(self.template, self.names, text, name)


def _filled(
    template: str,
    names: Sequence[str],
    text: Callable[[str], str] = str,
    name: Callable[[str], str] = str,
) -> str:
    # Split, not str.format: the words around the names are ours, but a brace in a name
    # must stay a brace.
    parts = template.split("{}")
    out = [text(parts[0])]
    for value, after in zip(names, parts[1:], strict=True):
        out += [name(value), text(after)]
    return "".join(out)


@dataclass(frozen=True)
class QuickEntry:
    """The preview of one quick-add line: exactly what apply() will store."""

    text: str
    kind: str
    occurred_at: dt.datetime  # UTC
    summary: str
    people: tuple[Person, ...] = ()
    group: GroupRef | None = None
    tags: tuple[str, ...] = ()
    amount: Decimal | None = None
    currency: str = ""
    follow_up_on: dt.date | None = None
    dated: bool = False  # the line said when (`<`); else it happened when it was read
    problems: tuple[Notice, ...] = ()
    warnings: tuple[Notice, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the entry can be saved."""
        return not self.problems

    @property
    def direction(self) -> str:
        """Who gave, as the kind says ("" when it does not)."""
        return DIRECTION_OF_KIND.get(self.kind, "")

    @property
    def new_people(self) -> tuple[Person, ...]:
        """The people quick add will create."""
        return tuple(p for p in self.people if p.is_new)

    @property
    def follow_up_text(self) -> str:
        """What the follow-up will say: the summary, else what kind of entry it follows."""
        return self.summary or INTERACTION_KIND_LABELS[self.kind]

    @property
    def follow_up_person(self) -> Person | None:
        """Who the follow-up is about: the first person named."""
        return self.people[0] if self.people else None


@dataclass(frozen=True)
class QuickOutcome:
    """What apply() wrote."""

    interaction_id: int
    contact_ids: tuple[int, ...]  # everyone in the entry, in the order they were named
    new_contact_ids: tuple[int, ...]
    follow_up_id: int | None


@dataclass
class _Reading:
    """The parse in progress."""

    context: QuickContext
    today: dt.date
    people: list[Person] = field(default_factory=list)
    group: GroupRef | None = None
    tags: list[str] = field(default_factory=list)
    amount: syntax.Amount | None = None
    due: dt.date | None = None
    when: syntax.When | None = None
    raw: dict[str, str] = field(default_factory=dict)  # sigil -> the token as typed
    # The summary's words; a tag's word is kept with its tag, in case nobody is named.
    words: list[tuple[str, str | None]] = field(default_factory=list)
    after_word: bool = False  # the token just read was a word of the summary
    problems: list[Notice] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)

    def problem(
        self, subject: str, message: str, *names: str, code: str = "", detail: str = ""
    ) -> None:
        """A problem; with `names`, `message` has "{}" where each goes."""
        self.problems.append(_notice(subject, message, names, code, detail))

    def warn(self, subject: str, message: str, *names: str) -> None:
        """A warning; with `names`, `message` has "{}" where each goes."""
        self.warnings.append(_notice(subject, message, names))


def _notice(
    subject: str, message: str, names: tuple[str, ...], code: str = "", detail: str = ""
) -> Notice:
    if not names:
        return Notice(subject, message, code=code, detail=detail)
    return Notice(subject, _filled(message, names), message, names, code, detail)


def parse(text: str, context: QuickContext | None = None) -> QuickEntry:
    """Read a quick-add line against the journal. Never raises for any text."""
    context = context or QuickContext()
    reading = _Reading(context, context.today())
    pieces = syntax.tokens(text)
    kind = "note"
    if pieces and not pieces[0].sigil:
        named = syntax.kind_for(pieces[0].raw.rstrip(syntax.TRAILING))  # "Coffee:" too
        if named is not None:
            kind = named
            pieces = pieces[1:]
    for token in pieces:
        _read_token(reading, token)
    return _finish(text, kind, reading)


# Words that only join a name to the sentence: "coffee with @Jane about the deck" is
# about the deck, not "with about the deck".
_JOINING = frozenset({"with", "w/", "and", "&", "+"})


def _read_token(reading: _Reading, token: syntax.Token) -> None:
    if not token.closed:
        reading.warn(token.raw, "no closing quote; the name runs to the end of the line")
    after_word, reading.after_word = reading.after_word, False
    if token.sigil == "@":
        words = reading.words
        if _read_person(reading, token) and after_word and words[-1][0].casefold() in _JOINING:
            words.pop()
    elif token.sigil == "~":
        _read_group(reading, token)
    elif token.sigil == "#" and not token.value.isdigit():
        _read_tag(reading, token)
    elif token.sigil and token.sigil in "$><":
        _read_value(reading, token)
    else:
        reading.words.append((token.raw, None))
        reading.after_word = True


def _clean_name(reading: _Reading, token: syntax.Token) -> str | None:
    name = " ".join(token.value.split())
    if not name:
        reading.warn(token.raw, "an empty name; kept in the summary")
        reading.words.append((token.raw, None))
        return None
    try:
        return validate.text("name", name)
    except ValidationError as error:
        reading.problem(token.raw[:40], f"{error.field} {error.problem}")
        return None


def _read_person(reading: _Reading, token: syntax.Token) -> bool:
    """Read a named person; True when it names one (False: kept as text or a problem)."""
    name = _clean_name(reading, token)
    if name is None:
        return False
    if name.startswith("#") and name[1:].isdecimal() and not token.quoted:
        person = _person_by_id(reading, token, name[1:])
    else:
        person = _person_by_name(reading, token, name)
    if person is None:
        return False
    same = next(
        (
            p
            for p in reading.people
            if (p.contact_id is not None and p.contact_id == person.contact_id)
            or (p.is_new and person.is_new and sort_key(p.name) == sort_key(person.name))
        ),
        None,
    )
    if same is None:
        reading.people.append(person)
    return True


def _person_by_id(reading: _Reading, token: syntax.Token, digits: str) -> Person | None:
    found = (
        Contact.get_or_none(Contact.id == int(digits)) if len(digits) <= 18 else None
    )  # beyond SQLite's integers there is no such contact
    if found is None:
        reading.problem(token.raw, f"there is no contact with id {digits}")
        return None
    return Person(found.display_name, found.id, token.raw)


def _person_by_name(reading: _Reading, token: syntax.Token, name: str) -> Person:
    candidates = quick_lookup.matching_contacts(name)
    if not candidates:
        given, family = split_full_name(name)
        return Person(display_name(given, family, "", ""), None, token.raw, given, family)
    typed = quick_lookup.typed_name_keys(name)
    exact = [c for c in candidates if sort_key(c[1]) in typed]
    pool = exact or candidates
    chosen_id, chosen_name = pool[0]
    if len(pool) > 1:
        # "and 8 more", not ", …": the sentence goes on with a full stop.
        rest = len(pool) - 4
        # With their ids, as the chosen one's: two people are often called the same.
        shown = ", ".join(f"{{}} (#{cid})" for cid, _ in pool[1:4])
        others = shown + (f" and {rest} more" if rest > 0 else "")
        reading.warn(
            token.raw,
            f"could be {len(pool)} people; chose {{}} (#{chosen_id}), the one you "
            f"were in touch with last, over {others}. Write @#ID to choose another.",
            chosen_name,
            *(n for _, n in pool[1:4]),
        )
    archived = Contact.get_or_none(Contact.id == chosen_id)
    if archived is not None and archived.archived:
        reading.warn(token.raw, "{} is archived", chosen_name)
    return Person(chosen_name, chosen_id, token.raw)


def _read_group(reading: _Reading, token: syntax.Token) -> None:
    name = _clean_name(reading, token)
    if name is None:
        return
    options = quick_lookup.matching_groups(name)
    if not options:
        reading.problem(token.raw, "there is no group '{}'", name)
        return
    if len(options) > 1:
        shown = ", ".join("{}" for _ in options[:5])
        reading.problem(
            token.raw, f"could be {len(options)} groups: {shown}", *(n for _, n in options[:5])
        )
        return
    group = GroupRef(*options[0])
    if reading.group is not None and reading.group != group:
        reading.problem(
            token.raw, "an entry has one group, and it is already {}", reading.group.name
        )
        return
    reading.group = group


def _read_tag(reading: _Reading, token: syntax.Token) -> None:
    tag = token.value.lstrip("#")
    if not tag:
        reading.words.append((token.raw, None))
        return
    if len(tag) > MAX_TAG:
        reading.problem(token.raw[:40] + "…", f"a tag has at most {MAX_TAG} characters")
        return
    if "\x00" in tag:
        reading.problem("#", "a tag cannot contain a NUL character")
        return
    tag = quick_lookup.existing_tag_name(tag)
    reading.words.append((token.raw, tag))
    if tag.casefold() not in (t.casefold() for t in reading.tags):
        reading.tags.append(tag)


def _read_value(reading: _Reading, token: syntax.Token) -> None:
    value: syntax.Amount | syntax.When | dt.date | None
    try:
        if token.sigil == "$":
            value = syntax.amount(token.value, reading.context.decimal_point)
            taken = reading.amount is not None
        elif token.sigil == ">":
            value, taken = syntax.due_day(token.value, reading.today), reading.due is not None
        else:
            value, taken = syntax.when(token.value, reading.today), reading.when is not None
    except syntax.QuickSyntaxError as problem:
        reading.problem(token.raw, str(problem))
        return
    what = {"$": "an amount", ">": "a follow-up date", "<": "a date"}[token.sigil]
    if value is None:
        reading.warn(token.raw, f"not {what}; kept in the summary")
        reading.words.append((token.raw, None))
        return
    if taken:
        reading.problem(token.raw, f"give {what} only once")
        return
    reading.raw[token.sigil] = token.raw
    if isinstance(value, syntax.Amount):
        reading.amount = value
    elif isinstance(value, syntax.When):
        reading.when = value
    elif isinstance(value, dt.date):
        reading.due = value


def _occurred_at(reading: _Reading) -> dt.datetime:
    context, moment = reading.context, reading.when
    now = context.clock.now().astimezone(dt.timezone.utc)
    if moment is None or (moment.day == reading.today and moment.time is None):
        return now
    subject = reading.raw.get("<", "<")
    if moment.day > reading.today:
        reading.problem(subject, "has not happened yet")
        return now
    if moment.day.year < 1900:
        reading.problem(subject, "is before 1900")
        return now
    # A past day without a time means noon that day: it exists on every day, DST or not.
    if moment.time is not None and context.skipped(moment.day, moment.time):
        # Moved by the change, the entry would say a time nobody wrote (as `journal log`).
        reading.problem(subject, SKIPPED_TIME)
        return now
    instant = context.at(moment.day, moment.time or NOON)
    if instant > now:
        reading.problem(subject, "has not happened yet")
        return now
    return instant


def _summary(words: list[tuple[str, str | None]], tags_kept: bool) -> str:
    # Tags stay in the text when nobody is named to carry them. Punctuation left alone by
    # the tokens it followed ("met @Jane , @Omar") is dropped.
    kept = [
        text
        for text, tag in words
        if (tag is None or tags_kept) and not all(ch in ",.;:!?" for ch in text)
    ]
    return " ".join(kept).strip(" ,;:")


def _finish(text: str, kind: str, reading: _Reading) -> QuickEntry:
    occurred_at = _occurred_at(reading)
    tags_kept = bool(reading.tags) and not reading.people
    if tags_kept:
        reading.warn(
            " ".join("#" + t for t in reading.tags),
            "tags go on people; with nobody named they stay in the summary",
        )
        reading.tags = []
    summary = _summary(reading.words, tags_kept)
    try:
        summary = validate.text("summary", summary, limit=1000)
    except ValidationError as error:
        reading.problem("summary", error.problem)
    if not summary and not reading.people and not reading.problems:
        reading.problem("", "say what happened, or who it was with (@Name)")
    currency = ""
    if reading.amount is not None:
        currency = _checked_currency(reading, reading.amount.currency)
    if reading.due is not None:
        subject = reading.raw.get(">", ">")
        if reading.due.year < 1900:
            reading.problem(subject, "is before 1900")
        elif reading.due < reading.today:
            reading.warn(subject, f"{reading.due.isoformat()} is already past: due at once")
        elif (reading.due - reading.today).days > 3650:
            reading.problem(subject, "is more than ten years ahead")
    return QuickEntry(
        text=text,
        kind=kind,
        occurred_at=occurred_at,
        summary=summary,
        people=tuple(reading.people),
        group=reading.group,
        tags=tuple(reading.tags),
        amount=reading.amount.value if reading.amount else None,
        currency=currency,
        follow_up_on=reading.due,
        dated=reading.when is not None,
        problems=tuple(reading.problems),
        warnings=tuple(reading.warnings),
    )


def _checked_currency(reading: _Reading, typed: str) -> str:
    """The amount's currency, typed or the default, as stored; a problem if there is none or
    it is no currency code (a default saved before codes were checked may be a slip)."""
    subject = reading.raw.get("$", "$")
    code = typed or _default_currency(reading.context)
    if not code:
        reading.problem(
            subject,
            "which currency? Write it after the amount ($1,200EUR), or choose a default "
            "currency (Preferences, or `journal settings set default-currency EUR`)",
            code=NO_CURRENCY,
        )
        return ""
    try:
        return validate.currency("currency", code, required=True)
    except ValidationError as error:
        if typed:
            reading.problem(subject, error.problem)
        else:
            reading.problem(
                subject,
                f"the default currency {error.problem}: write the currency after the amount "
                "($1,200EUR), or choose another default (Preferences, or "
                "`journal settings set default-currency EUR`)",
                code=BAD_DEFAULT_CURRENCY,
                detail=error.problem,
            )
        return code


def _default_currency(context: QuickContext) -> str:
    if context.default_currency is not None:
        return context.default_currency
    return settings.default_currency()


# --- writing --------------------------------------------------------------------------------


def _add_tags(contact_ids: list[int], names: tuple[str, ...]) -> None:
    """Put tags on existing contacts, keeping the tags they already have."""
    if not names or not contact_ids:
        return
    ids = tag_ids(list(names))
    ContactTag.insert_many(
        [{"contact": c, "tag": t} for c in contact_ids for t in ids]
    ).on_conflict_ignore().execute()


def _still_as_previewed(entry: QuickEntry) -> None:
    """Refuse an entry whose people or group changed since it was read (deleted, renamed, or
    an id reused by someone new): storing it would no longer be what the preview showed."""
    known = [p.contact_id for p in entry.people if p.contact_id is not None]
    names = contact_names(known)
    for person in entry.people:
        if person.contact_id is not None and names.get(person.contact_id) != person.name:
            raise ValidationError(
                person.typed, f"no contact with id {person.contact_id} named {person.name} now"
            )
    if entry.group is not None:
        group = Group.get_or_none(Group.id == entry.group.id)
        if group is None or group.name != entry.group.name:
            raise ValidationError(entry.group.name, "this group is no longer in the journal")


def apply(entry: QuickEntry, clock: Clock = SYSTEM_CLOCK) -> Result[QuickOutcome]:
    """Store a previewed entry, in one transaction: new contacts, tags, the timeline entry
    and the follow-up. Refuses an entry with problems (ValidationError naming the first)."""
    if entry.problems:
        first = entry.problems[0]
        raise ValidationError(first.subject or "quick add", first.message)
    changes = Changes(frozenset({Area.INTERACTIONS, Area.CONTACTS}))
    with database_proxy.atomic():
        _still_as_previewed(entry)
        ids: list[int] = []
        created: list[int] = []
        for person in entry.people:
            if person.contact_id is None:
                given, family = (
                    (person.given, person.family) if person.given else split_full_name(person.name)
                )
                draft = ContactDraft(given_name=given, family_name=family, tags=list(entry.tags))
                made = create_contact(draft, clock)
                created.append(made.value)
                ids.append(made.value)
                changes |= made.changes
            else:
                ids.append(person.contact_id)
        existing = [p.contact_id for p in entry.people if p.contact_id is not None]
        _add_tags(existing, entry.tags)
        logged = log_interaction(
            InteractionDraft(
                kind=entry.kind,
                occurred_at=entry.occurred_at,
                summary=entry.summary,
                direction=entry.direction,
                amount=entry.amount,
                currency=entry.currency,
                group_id=entry.group.id if entry.group else None,
                participant_ids=ids,
            ),
            clock,
        )
        changes |= logged.changes
        follow_up_id = None
        if entry.follow_up_on is not None:
            followed = add_followup(
                FollowUpDraft(
                    due_on=entry.follow_up_on,
                    text=entry.follow_up_text,
                    contact_id=ids[0] if ids else None,
                    interaction_id=logged.value,
                ),
                clock,
            )
            follow_up_id = followed.value
            changes |= followed.changes
    if entry.tags:
        changes |= Changes(frozenset({Area.TAGS}), contact_ids=frozenset(ids))
    outcome = QuickOutcome(logged.value, tuple(ids), tuple(created), follow_up_id)
    return Result(outcome, changes)


def quick_add(text: str, context: QuickContext | None = None) -> Result[QuickOutcome]:
    """Parse and store a line in one go (for scripts); refuses a line with problems."""
    context = context or QuickContext()
    return apply(parse(text, context), context.clock)
