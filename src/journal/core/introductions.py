"""Giving first: who could I introduce to whom, and logging the introduction.

Needs and offers are short free-text tags ("a bookkeeper, new clients"). A suggestion
"introduce A to B" pairs a need of A with an offer of B. It is ranked by how well the two
tags match, how well the user knows, likes and trusts both people, and how recently they
were in touch:

    score = 0.6 × match + 0.2 × closeness(A) + 0.2 × closeness(B)
    closeness = 0.6 × (know/like/trust, 0 to 1; 0.25 when not rated) + 0.4 × recency
    recency = 1 on the day of the last interaction, falling to 0 after a year

The score is a sum of a per-pair and a per-person part, so the best suggestions of a
journal of 20,000 people come out of a heap without scoring every pair.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import re
import unicodedata
from collections.abc import Container, Mapping
from dataclasses import dataclass

from journal.core import validate
from journal.core.changes import Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.contacts import require_contact
from journal.core.errors import ValidationError
from journal.core.everyone import Row, batches, last_of
from journal.core.interactions import InteractionDraft, log_interaction
from journal.store.models import IntroductionDismissal, database_proxy

MATCH_WEIGHT, PERSON_WEIGHT = 0.6, 0.2
PER_PERSON = 2  # at most this many suggestions name the same person (unless asked for one)
_SPLIT = re.compile(r"[,;\n]+")
_WORD = re.compile(r"\w+")
# Words that say nothing about what is needed or offered.
_STOP = frozenset(
    (
        "a",
        "an",
        "the",
        "some",
        "someone",
        "somebody",
        "new",
        "more",
        "good",
        "great",
        "for",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "with",
        "help",
        "looking",
        "need",
        "needs",
        "find",
        "my",
        "their",
        "our",
        "any",
        "who",
        "can",
        "get",
        "trusted",
        "reliable",
    )
)
_SUFFIXES = ("ings", "ing", "ers", "er", "ies", "y", "s")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    # "service" and "services" (or "insurance" and "insurer") meet without their final e.
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


@functools.lru_cache(maxsize=8192)
def _tags(text: str) -> tuple[str, ...]:
    return tuple(tags(text))


def tags(text: str) -> list[str]:
    """The short tags in a needs or offers text, as typed (trimmed, without repeats)."""
    seen: dict[str, str] = {}
    for part in _SPLIT.split(text):
        cleaned = part.strip(" .\t")
        key = need_key(cleaned)
        if cleaned and key not in seen:
            seen[key] = cleaned
    return list(seen.values())


@functools.lru_cache(maxsize=65536)  # the same needs and offers recur across a journal
def stems(tag: str) -> frozenset[str]:
    """What a tag is about: its meaningful words, folded and stemmed."""
    return frozenset(_stem(w) for w in _WORD.findall(_fold(tag)) if w not in _STOP)


def need_key(tag: str) -> str:
    """A need as stored with a dismissal: the same need, however it is typed, has one key."""
    return " ".join(sorted(stems(tag))) or _fold(tag).strip()


def match_quality(need: frozenset[str], offer: frozenset[str]) -> float:
    """1 for the same words; partial overlaps weigh what the need asks for most; else 0."""
    if not need or not offer:
        return 0.0
    if need == offer:
        return 1.0
    common = len(need & offer)
    if not common:
        return 0.0
    return round(0.7 * common / len(need) + 0.3 * common / len(offer), 4)


def closeness(ratings: tuple[int | None, ...], days_since: int | None) -> float:
    """How close the user is to someone: ratings (know, like, trust) and recency, 0 to 1."""
    return round(0.6 * _strength(ratings) + 0.4 * _recency(days_since), 4)


# Both parts take few values (ratings 1 to 5, days up to a year), and suggestions() asks
# for them once per person with a need or an offer: 12,000 on a large journal.
@functools.lru_cache(maxsize=1024)
def _strength(ratings: tuple[int | None, ...]) -> float:
    known = [r for r in ratings if r]
    return (sum(known) / len(known) - 1) / 4 if known else 0.25


@functools.lru_cache(maxsize=4096)
def _recency(days_since: int | None) -> float:
    return 0.0 if days_since is None else max(0.0, 1 - max(0, days_since) / 365)


@dataclass(frozen=True)
class Suggestion:
    """ "Introduce the needer to the offerer": a need of one and an offer of the other."""

    needer_id: int
    needer_name: str
    need: str
    offerer_id: int
    offerer_name: str
    offer: str
    match: float
    score: float

    @property
    def need_key(self) -> str:
        """The need as a dismissal remembers it."""
        return need_key(self.need)


@dataclass(frozen=True)
class _Side:
    """Everyone who needs (or offers) one thing, the closest first."""

    key: frozenset[str]
    people: list[tuple[float, int, str]]  # (closeness, id, tag as typed)


class _Introduced:
    """Whether two people were introduced (an introduction entry with both), asked per pair.

    Only the pairs the heap offers are asked about, a few dozen: reading every introduction
    of a large journal (6,000 entries, two participant lookups each) cost more than all of
    them together.
    """

    # From one person's entries (a few), not from every introduction: without the unary +
    # SQLite starts from the interaction_kind index.
    _SQL = (
        "SELECT 1 FROM interaction_participant a "
        "JOIN interaction_participant b ON b.interaction_id = a.interaction_id "
        "AND b.contact_id = ? "
        "JOIN interaction i ON i.id = a.interaction_id AND +i.kind = 'introduction' "
        "WHERE a.contact_id = ? LIMIT 1"
    )

    def __init__(self) -> None:
        self.known: dict[frozenset[int], bool] = {}

    def __contains__(self, pair: object) -> bool:
        assert isinstance(pair, frozenset)
        found = self.known.get(pair)
        if found is None:
            a, b = sorted(pair)
            found = database_proxy.execute_sql(self._SQL, [b, a]).fetchone() is not None
            self.known[pair] = found
        return found


def _dismissed() -> set[tuple[int, int, str]]:
    sql = "SELECT needer_id, offerer_id, need FROM introduction_dismissal"
    return {(int(a), int(b), str(n)) for a, b, n in database_proxy.execute_sql(sql)}


def suggestions(
    clock: Clock = SYSTEM_CLOCK,
    *,
    limit: int = 20,
    contact_id: int | None = None,
    last: dict[int, dt.datetime] | None = None,
) -> list[Suggestion]:
    """The best introductions to make, best first; `contact_id` keeps those involving them.

    Leaves out archived people, pairs already introduced (an introduction entry with both),
    and dismissed suggestions. One suggestion per ordered pair: the best-matching need; and
    no one appears in more than PER_PERSON suggestions, so the list stays varied.
    `last` lets a caller that already read last_contacts() share it.
    """
    gathering = Gathering(clock)
    for people in batches():
        gathering.add(people, last_of(people) if last is None else last)
    return gathering.suggestions(limit, contact_id)


Bucket = dict[frozenset[str], list[tuple[float, int, str]]]  # (closeness, id, tag as typed)


class Gathering:
    """Who needs and offers what, fed everyone.batches() in turn; then the best pairs."""

    def __init__(self, clock: Clock) -> None:
        self.zone, self.today = clock.zone(), clock.today()
        self.names: dict[int, str] = {}
        self.needs: Bucket = {}
        self.offers: Bucket = {}
        # Where each need and offer was first met in the order of the (archived, sort_name)
        # index, as (sort_name, id, place in the person's text): the order they were always
        # met in, which breaks ties between equal scores. Rows come in rowid order instead.
        self.first_need: dict[frozenset[str], tuple[str, int, int]] = {}
        self.first_offer: dict[frozenset[str], tuple[str, int, int]] = {}

    def add(self, people: list[Row], last: Mapping[int, dt.datetime]) -> None:
        """Take in these people's needs and offers; `last` holds their last contacts."""
        zone, today, names = self.zone, self.today, self.names
        needs, offers, first_need, first_offer = (
            self.needs,
            self.offers,
            self.first_need,
            self.first_offer,
        )
        # Every column named (a starred name would build a list per person).
        for cid, name, _, _, _, _, sort_name, need_text, offer_text, know, like, trust, _ in people:
            if not (need_text or offer_text):
                continue
            names[cid] = name
            seen = last.get(cid)
            since = (today - seen.astimezone(zone).date()).days if seen else None
            near = closeness((know, like, trust), since)
            for text, bucket, first in (
                (need_text, needs, first_need),
                (offer_text, offers, first_offer),
            ):
                for number, tag in enumerate(_tags(text)):
                    key = stems(tag)
                    if key:
                        bucket.setdefault(key, []).append((near, cid, tag))
                        place = (sort_name, cid, number)
                        if key not in first or place < first[key]:
                            first[key] = place

    def suggestions(self, limit: int, contact_id: int | None) -> list[Suggestion]:
        """The best suggestions among everyone taken in (see suggestions())."""
        needs = {k: self.needs[k] for k in sorted(self.needs, key=self.first_need.__getitem__)}
        offers = {k: self.offers[k] for k in sorted(self.offers, key=self.first_offer.__getitem__)}
        sides = _sides(needs, offers, contact_id)
        return _best(sides, self.names, limit, contact_id, _Introduced())


def _sides(
    needs: Bucket, offers: Bucket, contact_id: int | None
) -> list[tuple[float, _Side, _Side]]:
    """Every (need, offer) that match, with how well, each side the closest first."""
    by_stem: dict[str, list[frozenset[str]]] = {}
    for key in offers:
        for word in key:
            by_stem.setdefault(word, []).append(key)
    # Offers in the order they come (first met), not a set's: a set of strings iterates in an
    # order that changes with each start's hash seed, and equal scores would swap places.
    rank = {key: place for place, key in enumerate(offers)}
    sides: list[tuple[float, _Side, _Side]] = []
    for need_key_, needers in needs.items():
        candidates = {k for word in need_key_ for k in by_stem.get(word, ())}
        for offer_key in sorted(candidates, key=rank.__getitem__):
            quality = match_quality(need_key_, offer_key)
            if quality > 0:
                needers.sort(reverse=True)
                offerers = offers[offer_key]
                offerers.sort(reverse=True)
                sides.append((quality, _Side(need_key_, needers), _Side(offer_key, offerers)))
    if contact_id is not None:
        # Only pairs that involve this person: narrow both sides to keep the heap small.
        sides = [
            (q, n, o)
            for q, n, o in sides
            if any(p[1] == contact_id for p in n.people)
            or any(p[1] == contact_id for p in o.people)
        ]
    return sides


def _best(
    sides: list[tuple[float, _Side, _Side]],
    names: dict[int, str],
    limit: int,
    contact_id: int | None,
    introduced: Container[frozenset[int]],
) -> list[Suggestion]:
    """The best suggestions off a heap over the sides, without scoring every pair."""
    dismissed = _dismissed()

    def score(index: int, i: int, j: int) -> float:
        quality, needer_side, offerer_side = sides[index]
        return (
            MATCH_WEIGHT * quality
            + PERSON_WEIGHT * needer_side.people[i][0]
            + PERSON_WEIGHT * offerer_side.people[j][0]
        )

    heap = [(-score(k, 0, 0), k, 0, 0) for k in range(len(sides))]
    heapq.heapify(heap)
    visited = {(k, 0, 0) for k in range(len(sides))}
    out: list[Suggestion] = []
    pairs: set[tuple[int, int]] = set()
    # A few people with a popular need or offer would otherwise fill the whole list.
    appearances: dict[int, int] = {}
    while heap and len(out) < limit:
        negative, k, i, j = heapq.heappop(heap)
        quality, needer_side, offerer_side = sides[k]
        for ni, nj in ((i + 1, j), (i, j + 1)):
            if (
                ni < len(needer_side.people)
                and nj < len(offerer_side.people)
                and (k, ni, nj) not in visited
            ):
                visited.add((k, ni, nj))
                heapq.heappush(heap, (-score(k, ni, nj), k, ni, nj))
        _, a, need = needer_side.people[i]
        _, b, offer = offerer_side.people[j]
        if (
            a == b
            or (a, b) in pairs
            or frozenset((a, b)) in introduced
            or (a, b, need_key(need)) in dismissed
            or (contact_id is not None and contact_id not in (a, b))
            or (
                contact_id is None
                and max(appearances.get(a, 0), appearances.get(b, 0)) >= PER_PERSON
            )
        ):
            continue
        pairs.add((a, b))
        appearances[a] = appearances.get(a, 0) + 1
        appearances[b] = appearances.get(b, 0) + 1
        out.append(Suggestion(a, names[a], need, b, names[b], offer, quality, round(-negative, 4)))
    return out


def dismiss_suggestion(
    needer_id: int, offerer_id: int, need: str, clock: Clock = SYSTEM_CLOCK
) -> Result[int]:
    """Never suggest again introducing this person, for this need, to that one."""
    key = need_key(validate.text("need", need, required=True, limit=5000))
    with database_proxy.atomic():
        require_contact(needer_id)
        require_contact(offerer_id)
        IntroductionDismissal.insert(
            needer=needer_id, offerer=offerer_id, need=key, dismissed_at=clock.now()
        ).on_conflict_ignore().execute()
    return Result(needer_id, _suggestions_changed(needer_id, offerer_id))


def restore_suggestion(needer_id: int, offerer_id: int, need: str) -> Result[int]:
    """Undo a dismissal."""
    with database_proxy.atomic():
        IntroductionDismissal.delete().where(
            (IntroductionDismissal.needer == needer_id)
            & (IntroductionDismissal.offerer == offerer_id)
            & (IntroductionDismissal.need == need_key(need))
        ).execute()
    return Result(needer_id, _suggestions_changed(needer_id, offerer_id))


def _suggestions_changed(*contact_ids: int) -> Changes:
    return Changes(frozenset({Area.CONTACTS}), contact_ids=frozenset(contact_ids))


def introduce(
    first_id: int,
    second_id: int,
    clock: Clock = SYSTEM_CLOCK,
    *,
    summary: str = "",
    notes: str = "",
    when: dt.datetime | None = None,
) -> Result[int]:
    """Log that the user introduced two people: one entry, on both their timelines."""
    if first_id == second_id:
        raise ValidationError("people", "an introduction needs two different people")
    first, second = require_contact(first_id), require_contact(second_id)
    text = summary.strip() or f"Introduced {first.display_name} to {second.display_name}"
    draft = InteractionDraft(
        kind="introduction",
        occurred_at=when or clock.now(),
        summary=text,
        notes=notes,
        direction="gave",
        participant_ids=[first_id, second_id],
    )
    return log_interaction(draft, clock)
