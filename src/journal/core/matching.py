"""Who a card or row may already be: by UID, e-mail, phone, profile link, or name and organisation.

The rules, in the order they are tried (the first that holds wins):

1. the same vCard UID;
2. the same e-mail address, ignoring case;
3. the same phone number: digits only, an extension (x12, ext. 12) left out. When both
   numbers are international (+ or 00), all their digits must agree; otherwise the
   national one, without its leading 0, must be the end of the other ("020 7946 0958"
   is "+44 20 7946 0958"), and at least 7 digits long;
4. the same profile or web link, ignoring the scheme, "www.", case and a final slash;
5. a close name at the same organisation: the same words of the name in any order
   ("Doe Jane" is "Jane Doe"), or the same family name with an initial for the given name
   ("J. Doe" may be Jane Doe; John Doe is not); accents, case and punctuation are ignored. The
   organisations must agree the same way, legal suffixes (Inc, Ltd, GmbH...) left out;
   two people without an organisation count as the same organisation.

Cards of one file that carry different UIDs are never taken for each other by rules 2 to
5: the address book that wrote them says they are different people.

Every key is a dictionary lookup, so matching 30,000 rows against 20,000 contacts costs
milliseconds, not the 600 million comparisons of each against each.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress, repeat

from journal.core.contacts import ChannelDraft
from journal.core.names import sort_key
from journal.store.models import Contact, ContactChannel
from journal.store.rows import tuples

_WORD = re.compile(r"\w+")
_NOT_DIGIT = re.compile(r"[^0-9]")
PHONE_EXTENSION = re.compile(r"(?:x|ext\.?|extension|#|;|,)", re.IGNORECASE)
_LEGAL_SUFFIXES = frozenset(
    {"inc", "ltd", "llc", "llp", "gmbh", "ag", "sa", "sarl", "sas", "bv", "nv", "co", "corp"}
    | {"corporation", "limited", "plc", "srl", "spa", "oy", "ab", "as", "kk", "pty", "company"}
)
MIN_PHONE_DIGITS = 7
MIN_LINK_LENGTH = 8

# Where a match points: an existing contact's id (> 0) or an earlier row of the same file
# (-1 for the first row, -2 for the second...).
Target = int


def row_target(index: int) -> Target:
    """The target standing for the file's row at `index` (0-based)."""
    return -(index + 1)


def row_index(target: Target) -> int:
    """The file row a negative target stands for."""
    return -target - 1


def email_key(value: str) -> str:
    """E-mail addresses compare ignoring case and surrounding space."""
    return value.strip().casefold()


def phone_key(value: str) -> tuple[bool, str] | None:
    """(international?, digits) of a phone number; None when too short to match on."""
    text = value.strip()
    cut = PHONE_EXTENSION.search(text)
    if cut:
        text = text[: cut.start()]
    international = text.startswith("+")
    digits = _NOT_DIGIT.sub("", text)
    if digits.startswith("00"):
        digits, international = digits[2:], True
    if not international:
        digits = digits.lstrip("0")  # the national trunk prefix
    if len(digits) < MIN_PHONE_DIGITS:
        return None
    return international, digits


def phones_agree(a: tuple[bool, str], b: tuple[bool, str]) -> bool:
    """Whether two phone keys are the same number (see the module's rule 3)."""
    if a[0] and b[0]:
        return a[1] == b[1]
    shorter, longer = sorted((a[1], b[1]), key=len)
    return longer.endswith(shorter)


def link_key(value: str) -> str | None:
    """A web or profile link without scheme, "www.", case or final slash."""
    text = value.strip().casefold()
    if text.startswith("https://"):
        text = text[8:]
    elif text.startswith("http://"):
        text = text[7:]
    if text.startswith("www."):
        text = text[4:]
    text = text.rstrip("/")
    return text if len(text) >= MIN_LINK_LENGTH else None


def channel_key(channel: ChannelDraft) -> tuple[str, str]:
    """What makes two channels the same one (links and social profiles are one family)."""
    kind = channel.kind
    if kind == "email":
        return "email", email_key(channel.value)
    if kind == "phone":
        key = phone_key(channel.value)
        return "phone", key[1] if key else channel.value.strip()
    if kind in ("url", "social"):
        return "link", link_key(channel.value) or channel.value.strip().casefold()
    return kind, " ".join(channel.value.split()).casefold()


def _words(text: str) -> list[str]:
    return _WORD.findall(sort_key(text))


def _name_words(key: str) -> list[str]:
    """_WORD.findall(key), split on spaces when that is the same (three times faster).

    \\w is what str.isalnum() accepts, plus "_": a key of only such characters and spaces
    splits into the same words.
    """
    if key.replace(" ", "").isalnum():
        return key.split()
    return _WORD.findall(key)


_GIVEN_WORDS: dict[str, list[str]] = {}  # given names repeat across a file: each is split once


def _given_words(given: str) -> list[str]:
    found = _GIVEN_WORDS.get(given)
    if found is None:
        found = _words(given)
        if len(_GIVEN_WORDS) < 50_000:
            _GIVEN_WORDS[given] = found
    return found


_ORGANISATIONS: dict[str, str] = {}  # organisations repeat across a file: each is keyed once


def organisation_key(organisation: str) -> str:
    """An organisation compared without case, accents, punctuation or legal suffix."""
    found = _ORGANISATIONS.get(organisation)
    if found is None:
        words = _words(organisation.replace(".", ""))  # "S.A." is "SA"
        while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
            words.pop()
        found = " ".join(words)
        if len(_ORGANISATIONS) < 50_000:
            _ORGANISATIONS[organisation] = found
    return found


# Slots rather than frozen: one of each per row of a file, and a frozen dataclass takes
# three times as long to build. Nothing changes them once built.
@dataclass(slots=True)
class NameKeys:
    """The keys a person is filed under, and the keys a newcomer with that name looks up."""

    filed: list[str]
    sought: list[str]


def name_keys(
    given: str, family: str, shown: str, organisation: str, shown_key: str | None = None
) -> NameKeys:
    """The keys of a person's name (see the module's rule 5).

    `shown` is the display name: "given family" when both are there, which gives the words
    of the name in one pass. `shown_key` is its sort_key when the caller has it already.
    An initial stands for any given name with that letter, but two full given names must
    agree: "J. Doe" may be Jane Doe, John Doe is not.
    """
    # Runs once per row of an import: the caches are read inline, each key built once.
    org = _ORGANISATIONS.get(organisation)
    if org is None:
        org = organisation_key(organisation)
    words = _name_words(sort_key(shown) if shown_key is None else shown_key)
    if not words:
        return NameKeys([], [])
    same_words = f"{org}\x1fw\x1f{' '.join(sorted(words))}"
    if not (given and family):
        return NameKeys([same_words], [same_words])
    given_words = _GIVEN_WORDS.get(given)
    if given_words is None:
        given_words = _given_words(given)
    # sort_key works character by character and the space splits words, so the words
    # of "given family" are the given name's then the family name's.
    count = len(given_words)
    if words[:count] == given_words and shown == f"{given} {family}":
        family_words = words[count:]
    else:
        family_words = _words(family)
    others = len(words) - len(family_words)  # the words before the family name's
    if not family_words or others < 1:
        return NameKeys([same_words], [same_words])
    first = words[0]
    stem = f"{org}\x1f{' '.join(family_words)}\x1f{first[0]}"
    if others == 1 and len(first) == 1:  # an initial only
        initial = f"{stem}\x1finitial"
        return NameKeys([same_words, initial], [same_words, initial, f"{stem}\x1fname"])
    return NameKeys([same_words, f"{stem}\x1fname"], [same_words, f"{stem}\x1finitial"])


# The columns name_key_columns gives: (same words, filed, sought) keys, None for the rows in
# the fourth, the rows whose keys name_keys worked out one at a time.
NameColumns = tuple[list[str | None], list[str | None], list[str | None], dict[int, NameKeys]]


def name_key_columns(
    given: list[str],
    family: list[str],
    shown: list[str],
    shown_keys: list[str],
    organisations: list[str],
    given_keys: list[str],
    family_keys: list[str],
    shown_otherwise: Iterable[int] = (),
) -> NameColumns:
    """name_keys for many people at once (an import's rows), a column of keys at a time.

    `shown` is each display name, `shown_keys` its sort_key, and `given_keys` and
    `family_keys` the sort_key of each given and family name: for a person with both,
    `shown_keys` must be the two joined by a space (as sort_key of "given family" is),
    except for the rows in `shown_otherwise` (a name shown family name first).
    The usual person, a given name and a family name of one word each and no initial
    ("Jane Doe"), is filed under [same words, name] and looks up [same words, initial]:
    those keys are built with C's map and join for the whole column. Anyone else gets
    name_keys(), one at a time.
    """
    found = list(map(_ORGANISATIONS.get, organisations))
    if None in found:  # each organisation keyed once (a file repeats them)
        keyed = {name: organisation_key(name) for name in set(organisations)}
        found = list(map(keyed.__getitem__, organisations))
    orgs = found
    count = len(given)
    # Then the words of the shown name are [given key, family key] (_name_words splits
    # on spaces), the given name's words are [given key], and so name_keys' family words
    # are [family key]: its keys are the ones built below.
    odd: set[int] = set(shown_otherwise)
    # An empty key hides in a joined column: looked for first, with the empty names.
    for column in (given, family, given_keys, family_keys):
        if not all(column):
            odd.update(compress(range(count), map(operator.not_, column)))
    if min(map(len, given_keys), default=2) < 2:  # an initial
        odd.update(compress(range(count), map((2).__gt__, map(len, given_keys))))
    for column in (given_keys, family_keys):
        if not "".join(column).isalnum():
            odd.update(compress(range(count), map(operator.not_, map(str.isalnum, column))))
    lower, higher = map(min, given_keys, family_keys), map(max, given_keys, family_keys)
    same: list[str | None] = list(
        map("".join, zip(orgs, repeat("\x1fw\x1f"), lower, repeat(" "), higher))  # type: ignore[arg-type]
    )
    initials = map(operator.getitem, given_keys, repeat(slice(0, 1)))
    stems = list(map("".join, zip(orgs, repeat("\x1f"), family_keys, repeat("\x1f"), initials)))  # type: ignore[arg-type]
    filed: list[str | None] = list(map(operator.add, stems, repeat("\x1fname")))
    sought: list[str | None] = list(map(operator.add, stems, repeat("\x1finitial")))
    others: dict[int, NameKeys] = {}
    for row in sorted(odd):
        others[row] = name_keys(
            given[row], family[row], shown[row], organisations[row], shown_keys[row]
        )
        same[row] = filed[row] = sought[row] = None
    return same, filed, sought, others


@dataclass(frozen=True)
class Match:
    """Where a record points and why."""

    target: Target
    rule: str  # uid | email | phone | link | name
    detail: str  # the value that matched


@dataclass(slots=True)  # not frozen, for speed: see NameKeys
class Keys:
    """Everything a person is filed and looked up under, worked out once."""

    uid: str
    emails: list[tuple[str, str]]  # (key, the address as written)
    phones: list[tuple[tuple[bool, str], str]]
    links: list[tuple[str, str]]
    names: NameKeys


def person_keys(
    uid: str,
    channels: Iterable[tuple[str, str]],
    given: str,
    family: str,
    shown: str,
    organisation: str,
    shown_key: str | None = None,
) -> Keys:
    """The keys of one person: their UID, channels (kind, value) and name.

    `shown_key` is sort_key(shown) when the caller has it (an imported row does).
    """
    emails: list[tuple[str, str]] = []
    phones: list[tuple[tuple[bool, str], str]] = []
    links: list[tuple[str, str]] = []
    for kind, value in channels:
        if kind == "email":
            emails.append((email_key(value), value))
        elif kind == "phone":
            phone = phone_key(value)
            if phone is not None:
                phones.append((phone, value))
        elif kind in ("url", "social"):
            link = link_key(value)
            if link is not None:
                links.append((link, value))
    return Keys(
        uid, emails, phones, links, name_keys(given, family, shown, organisation, shown_key)
    )


@dataclass
class MatchIndex:
    """Everyone known so far, filed under each key a newcomer could match."""

    uids: dict[str, Target] = field(default_factory=dict)
    emails: dict[str, Target] = field(default_factory=dict)
    phones: dict[str, list[tuple[tuple[bool, str], Target]]] = field(default_factory=dict)
    links: dict[str, Target] = field(default_factory=dict)
    names: dict[str, Target] = field(default_factory=dict)
    row_uids: dict[Target, str] = field(default_factory=dict)  # the file's rows, by target

    def add(self, target: Target, keys: Keys) -> None:
        """File a person (the first one filed under a key keeps it)."""
        if keys.uid:
            self.uids.setdefault(keys.uid, target)
            if target < 0:
                self.row_uids.setdefault(target, keys.uid)
        for key, _value in keys.emails:
            self.emails.setdefault(key, target)
        for phone, _value in keys.phones:
            self.phones.setdefault(phone[1][-MIN_PHONE_DIGITS:], []).append((phone, target))
        for link, _value in keys.links:
            self.links.setdefault(link, target)
        for name in keys.names.filed:
            self.names.setdefault(name, target)

    def find(self, keys: Keys) -> Match | None:
        """The first rule that holds for a newcomer, or None."""
        uid = keys.uid
        if uid:
            found = self.uids.get(uid)
            if found is not None:
                return Match(found, "uid", uid)
        for key, value in keys.emails:
            found = self.emails.get(key)
            if found is not None and self._allowed(uid, found):
                return Match(found, "email", value)
        for phone, value in keys.phones:
            for known, target in self.phones.get(phone[1][-MIN_PHONE_DIGITS:], ()):
                if phones_agree(phone, known) and self._allowed(uid, target):
                    return Match(target, "phone", value)
        for link, value in keys.links:
            found = self.links.get(link)
            if found is not None and self._allowed(uid, found):
                return Match(found, "link", value)
        names = self.names
        for name in keys.names.sought:
            found = names.get(name)
            if found is not None and self._allowed(uid, found):
                # The organisation as compared, which the names' keys begin with ("" for
                # two people without one), so a report can say which it is.
                return Match(found, "name", name.partition("\x1f")[0])
        return None

    def _allowed(self, uid: str, target: Target) -> bool:
        """Whether a newcomer with this UID may be `target`.

        Cards of one file with different UIDs are different people, whatever else they
        share (a family's one e-mail, two namesakes at one firm).
        """
        if not uid or target > 0:
            return True
        other = self.row_uids.get(target, "")
        return not other or other == uid


@dataclass
class KnownContact:
    """What the index knows of a stored contact (for messages)."""

    name: str
    organisation: str


def index_journal() -> tuple[MatchIndex, dict[int, KnownContact]]:
    """Every stored contact, archived ones too, filed for matching; and their names."""
    index = MatchIndex()
    known: dict[int, KnownContact] = {}
    channels: dict[int, list[tuple[str, str]]] = {}
    query = ContactChannel.select(
        ContactChannel.contact, ContactChannel.kind, ContactChannel.value
    ).where(ContactChannel.kind.in_(("email", "phone", "url", "social")))
    for contact_id, kind, value in tuples(query):
        channels.setdefault(contact_id, []).append((kind, value))
    contacts = Contact.select(
        Contact.id,
        Contact.given_name,
        Contact.family_name,
        Contact.display_name,
        Contact.organisation,
        Contact.vcard_uid,
    ).order_by(Contact.id)
    for contact_id, given, family, shown, organisation, uid in tuples(contacts):
        known[contact_id] = KnownContact(shown, organisation)
        keys = person_keys(
            uid or "", channels.get(contact_id, ()), given, family, shown, organisation
        )
        index.add(contact_id, keys)
    return index, known
