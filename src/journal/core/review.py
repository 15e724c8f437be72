"""The periodic review: when it is due, what it says about each membership, and the record.

A review looks at every current membership as of a day: its balance over the review period
(the settings' `lookback_months` up to that day), the recommendation with its reasons, and
the people worth keeping. A membership that had not begun by that day (joined after it;
without a join date, nothing of it known by then: neither the group nor a meeting or entry)
is left out. Recording a review stores the user's decision for each group with
the figures and reasons as they stood, so later reviews can be compared with it.

The next review is due one review cadence (a quarter by default) after the last review's
date; before any review, one cadence after the earliest current membership began, or
after the journal first knew of it (its first meeting recorded, or the day it was written
down) if that is later: a membership of years, written down today, has nothing to review
yet, and is not overdue since long ago. Nor is a first review ever due before the day the
group was written down: meetings entered today from months back make it due today, not
overdue since a day the journal did not hold them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from journal.core import validate
from journal.core.balance import Balance, GroupFacts, compute_balance, trend
from journal.core.balance_queries import active_group_ids, load_facts
from journal.core.changes import Area, Changes, Result
from journal.core.clock import SYSTEM_CLOCK, Clock
from journal.core.contacts import set_stay_in_touch
from journal.core.errors import NotFoundError, ValidationError
from journal.core.groups import load_group_draft, require_group, update_group
from journal.core.keepers import PersonToKeep, people_to_keep
from journal.core.periods import Period, add_months, last_quarters, months_back
from journal.core.recommend import CHANGING_DECISIONS, DECISIONS, Recommendation, recommend
from journal.core.review_json import balance_json
from journal.core.schedule import UpcomingMeeting, upcoming_meetings
from journal.core.settings import ReviewSettings, load_settings
from journal.store.fields import stored
from journal.store.models import Group, Meeting, Review, ReviewDecision, database_proxy

TREND_QUARTERS = 8  # two years of trend, quarter by quarter


@dataclass(frozen=True)
class GroupReview:
    """One membership as the review sees it."""

    facts: GroupFacts
    balance: Balance
    recommendation: Recommendation
    people: tuple[PersonToKeep, ...]
    trend: list[Balance]
    upcoming: list[UpcomingMeeting]

    @property
    def group_id(self) -> int:
        """The group reviewed."""
        return self.facts.group_id

    @property
    def name(self) -> str:
        """The group's name."""
        return self.facts.name


@dataclass(frozen=True)
class ReviewDue:
    """When the next review is due, and the last one held."""

    cadence: str
    last_review_id: int | None
    last_as_of: dt.date | None
    due_on: dt.date | None  # None while there is no membership to review
    today: dt.date

    @property
    def is_due(self) -> bool:
        """True from the due day on."""
        return self.due_on is not None and self.due_on <= self.today

    @property
    def is_overdue(self) -> bool:
        """True once the due day has passed (due today is not yet overdue)."""
        return self.due_on is not None and self.due_on < self.today


@dataclass(frozen=True)
class KeptPerson:
    """A person worth keeping, once, with every group they are worth keeping from."""

    person: PersonToKeep
    group_ids: tuple[int, ...]


@dataclass(frozen=True)
class ReviewReport:
    """Everything the review shows as of one day."""

    as_of: dt.date
    period: Period
    settings: ReviewSettings
    due: ReviewDue
    groups: tuple[GroupReview, ...]

    def people(self) -> list[KeptPerson]:
        """Everyone worth keeping across the groups, each once, closest first."""
        seen: dict[int, PersonToKeep] = {}
        groups: dict[int, list[int]] = {}
        for review in self.groups:
            for person in review.people:
                best = seen.get(person.contact_id)
                if best is None or person.touches > best.touches:
                    seen[person.contact_id] = person
                groups.setdefault(person.contact_id, []).append(review.group_id)
        ordered = sorted(
            seen.values(),
            key=lambda p: (
                -(p.touches + p.support_received + p.support_given),
                p.name.casefold(),
                p.contact_id,
            ),
        )
        return [KeptPerson(p, tuple(groups[p.contact_id])) for p in ordered]


def review_due(today: dt.date, settings: ReviewSettings | None = None) -> ReviewDue:
    """When the next review falls due (see the module's docstring)."""
    settings = settings or load_settings()
    last = Review.select().order_by(Review.as_of.desc(), Review.id.desc()).first()
    if last is not None:
        as_of = last.as_of
        due = add_months(as_of, settings.cadence_months)
        return ReviewDue(settings.cadence, last.id, as_of, due, today)
    dues: list[dt.date] = []
    for gid in active_group_ids(today):
        group = Group.get_by_id(gid)
        earliest = Meeting.select().where(Meeting.group == gid).order_by(Meeting.held_on).first()
        # What the journal knows of the membership starts with its first meeting recorded,
        # or the day it was written down: a membership of years written down today has
        # nothing to review yet, and is not "overdue since" a day long before that.
        known = [earliest.held_on] if earliest is not None else []
        if group.created_at is not None:
            known.append(group.created_at.date())
        began = group.joined_on or (min(known) if known else None)
        if began is None:
            continue
        due = add_months(max(began, min(known)) if known else began, settings.cadence_months)
        # Meetings written down today from months back can be reviewed today, but were not
        # "overdue since" a day before the journal held them.
        if group.created_at is not None:
            due = max(due, group.created_at.date())
        dues.append(due)
    return ReviewDue(settings.cadence, None, None, min(dues) if dues else None, today)


def _as_of(as_of: dt.date | None, today: dt.date) -> dt.date:
    day = as_of or today
    if day > today:
        raise ValidationError("as of", f"{day.isoformat()} is in the future")
    return day


def group_review(
    group_id: int,
    as_of: dt.date,
    settings: ReviewSettings,
    zone: dt.tzinfo | None = None,
    today: dt.date | None = None,
) -> GroupReview:
    """One group's balance over the review period, recommendation and people to keep."""
    period = months_back(as_of, settings.lookback_months)
    since = min(period.start, last_quarters(as_of, TREND_QUARTERS)[0].start)
    facts = load_facts(group_id, zone, since)
    balance = compute_balance(facts, period, settings)
    demands = facts.current_demands
    recorded = {m.held_on: m.attendance for m in facts.meetings}
    return GroupReview(
        facts=facts,
        balance=balance,
        recommendation=recommend(balance, facts.joined_on, facts.first_meeting, facts.started_on),
        people=people_to_keep(facts, balance),
        trend=trend(facts, settings, as_of, TREND_QUARTERS),
        upcoming=upcoming_meetings(
            demands.meeting_cadence,
            demands.meeting_weekday,
            recorded,
            facts.joined_on,
            facts.left_on,
            today or as_of,
        ),
    )


class ReviewCancelledError(Exception):
    """The user stopped the review while its figures were being computed."""


Progress = Callable[[int, int], bool]  # (groups done, groups in all) -> go on?


def review_report(
    clock: Clock = SYSTEM_CLOCK,
    as_of: dt.date | None = None,
    zone: dt.tzinfo | None = None,
    progress: Progress | None = None,
) -> ReviewReport:
    """The review of every current membership as of a day (today unless told).

    `progress` is told before each group; when it answers False the review stops with
    ReviewCancelledError (a long review on a large journal can be stopped).
    """
    today = clock.today()
    day = _as_of(as_of, today)
    settings = load_settings()
    group_ids = active_group_ids(day, zone)
    reviews = []
    for done, gid in enumerate(group_ids):
        if progress is not None and not progress(done, len(group_ids)):
            raise ReviewCancelledError
        reviews.append(group_review(gid, day, settings, zone, today))
    return ReviewReport(
        as_of=day,
        period=months_back(day, settings.lookback_months),
        settings=settings,
        due=review_due(today, settings),
        groups=tuple(reviews),
    )


# --- recording ---------------------------------------------------------------------------


@dataclass
class DecisionDraft:
    """The user's decision about one group."""

    group_id: int
    decision: str
    note: str = ""
    # Also change the membership: "leave" ends it on the review's day, "reduce" marks it
    # as reduced involvement; "keep" and "later" change nothing.
    apply_status: bool = False


@dataclass
class ReviewDraft:
    """A review as the dialog or the command line records it."""

    decisions: list[DecisionDraft]
    as_of: dt.date | None = None
    notes: str = ""
    stay_in_touch: dict[int, int] = field(default_factory=dict)  # contact id -> days


def status_change(decision: str, status: str) -> str | None:
    """The status a decision gives a membership when it is applied; None when it stays.

    Reducing changes only an active membership; leaving, any that has not ended.
    """
    if decision == "reduce" and status == "active":
        return "reduced"
    if decision == "leave" and status != "left":
        return "left"
    return None


def _apply(decision: DecisionDraft, as_of: dt.date, clock: Clock) -> frozenset[Area]:
    """Change the membership as the decision says; the areas that changed."""
    group = require_group(decision.group_id)
    draft = load_group_draft(decision.group_id)
    becomes = status_change(decision.decision, group.status)
    if becomes == "reduced":
        draft.status = "reduced"
    elif becomes == "left":
        later = (
            Meeting.select()
            # Apologies for meetings ahead are no obstacle: leaving withdraws them.
            .where(
                (Meeting.group == group.id)
                & (Meeting.held_on > as_of)
                & (Meeting.held_on <= clock.today())
            )
            .order_by(Meeting.held_on.desc())
            .first()
        )
        if later is not None:
            raise ValidationError(
                "decision",
                f"{group.name} has a meeting recorded on {later.held_on.isoformat()}, after "
                f"{as_of.isoformat()}; remove it, or leave the status as it is",
            )
        draft.status = "left"
        draft.left_on = as_of
    else:
        return frozenset()
    return update_group(group.id, draft, clock).changes.areas


def record_review(
    draft: ReviewDraft, clock: Clock = SYSTEM_CLOCK, zone: dt.tzinfo | None = None
) -> Result[int]:
    """Store a review: each decision with the figures and reasons as they stand now."""
    today = clock.today()
    as_of = _as_of(draft.as_of, today)
    notes = validate.text("notes", draft.notes, limit=validate.MAX_LONG)
    if not draft.decisions:
        raise ValidationError("decisions", "decide about at least one group")
    settings = load_settings()
    current = set(active_group_ids(as_of, zone))
    seen: set[int] = set()
    cleaned: list[tuple[DecisionDraft, str, GroupReview]] = []
    for decision in draft.decisions:
        try:
            group = require_group(decision.group_id)
        except NotFoundError:
            raise ValidationError("group", f"no group with id {decision.group_id}") from None
        if group.id in seen:
            raise ValidationError("group", f"{group.name} is decided twice")
        seen.add(group.id)
        if group.id not in current:
            raise ValidationError("group", _not_current(group, as_of))
        validate.choice("decision", decision.decision, DECISIONS)
        note = validate.text("note", decision.note, limit=validate.MAX_LONG)
        cleaned.append((decision, note, group_review(group.id, as_of, settings, zone, today)))
    group_ids = {d.group_id for d, _, _ in cleaned}
    areas = {Area.REVIEWS}
    with database_proxy.atomic():
        review_id = Review.insert(held_at=clock.now(), as_of=as_of, notes=notes).execute()
        for decision, note, review in cleaned:
            figures = balance_json(review.balance)
            figures["people_to_keep"] = [p.to_json() for p in review.people]
            ReviewDecision.insert(
                review=review_id,
                group=decision.group_id,
                recommendation=review.recommendation.code,
                decision=decision.decision,
                reasons_json=json.dumps([r.to_json() for r in review.recommendation.reasons]),
                figures_json=json.dumps(figures),
                note=note,
            ).execute()
            if decision.apply_status and decision.decision in CHANGING_DECISIONS:
                areas.update(_apply(decision, as_of, clock))
        contacts: frozenset[int] = frozenset()
        if draft.stay_in_touch:
            changed = set_stay_in_touch(draft.stay_in_touch, clock)
            contacts = changed.changes.contact_ids
            areas.add(Area.CONTACTS)
    return Result(
        review_id,
        Changes(frozenset(areas), contact_ids=contacts, group_ids=frozenset(group_ids)),
    )


def _not_current(group: Group, as_of: dt.date) -> str:
    """Why a review as of `as_of` has no decision to make about `group` (one the review
    does not weigh: begun after that day, or left by then)."""
    day = as_of.isoformat()
    left_by_then = group.left_on is not None and group.left_on <= as_of
    if left_by_then or (group.left_on is None and group.status == "left"):
        # A decision to keep or leave a membership already ended would stand in the
        # history as if it still were one.
        on = f" on {group.left_on.isoformat()}" if group.left_on is not None else ""
        return f"you left {group.name}{on}; a review decides about the memberships you still have"
    # Its figures would all be zero and its recommendation "not joined yet": a decision
    # about it belongs to a review held after it began.
    began = (
        f"was joined on {group.joined_on.isoformat()}, after"
        if group.joined_on is not None
        else "was added to the journal after"
    )
    return f"{group.name} {began} this review's day ({day}); decide about it in a later review"


# --- reading past reviews ----------------------------------------------------------------


@dataclass(frozen=True)
class PastDecision:
    """One decision of a past review, with the figures and reasons as they stood."""

    review_id: int
    as_of: dt.date
    group_id: int
    group_name: str
    recommendation: str
    decision: str
    note: str
    reasons: list[dict[str, object]]
    figures: dict[str, object]


@dataclass(frozen=True)
class PastReview:
    """A review held, with its decisions in group name order."""

    id: int
    held_at: dt.datetime
    as_of: dt.date
    notes: str
    decisions: tuple[PastDecision, ...]


def _loads(text: str, empty: object) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return empty


def _decisions(group_id: int | None = None) -> list[PastDecision]:
    query = (
        ReviewDecision.select(ReviewDecision, Review, Group)
        .join(Review)
        .switch(ReviewDecision)
        .join(Group)
        .order_by(Review.as_of.desc(), Review.id.desc(), Group.name)
    )
    if group_id is not None:
        query = query.where(ReviewDecision.group == group_id)
    found = []
    for row in query:
        reasons = _loads(row.reasons_json, [])
        figures = _loads(row.figures_json, {})
        found.append(
            PastDecision(
                review_id=row.review_id,
                as_of=stored(row.review.as_of),
                group_id=row.group_id,
                group_name=row.group.name,
                recommendation=row.recommendation,
                decision=row.decision,
                note=row.note,
                reasons=reasons if isinstance(reasons, list) else [],
                figures=figures if isinstance(figures, dict) else {},
            )
        )
    return found


def past_reviews() -> list[PastReview]:
    """Every review held, latest first."""
    decisions: dict[int, list[PastDecision]] = {}
    for d in _decisions():
        decisions.setdefault(d.review_id, []).append(d)
    return [
        PastReview(
            id=r.id,
            held_at=stored(r.held_at),
            as_of=stored(r.as_of),
            notes=r.notes,
            decisions=tuple(decisions.get(r.id, [])),
        )
        for r in Review.select().order_by(Review.as_of.desc(), Review.id.desc())
    ]


def past_review(review_id: int) -> PastReview:
    """One review held, or NotFoundError."""
    for review in past_reviews():
        if review.id == review_id:
            return review
    raise NotFoundError(f"There is no review with id {review_id}.")


def decision_history(group_id: int) -> list[PastDecision]:
    """A group's decisions across reviews, latest first: how its balance moved."""
    return _decisions(group_id)
