"""What a membership demanded and what it returned over a period: pure arithmetic over facts.

The facts (meetings, timeline entries, members, demand history) are read once by
`balance_queries.load_facts`; everything here is plain computation, so it is deterministic,
needs no database, and never divides by zero. Money stays per currency: amounts in
different currencies are listed side by side, never added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from journal.core.attendance_rule import SHORT_RECORD_MEETINGS, WINDOW_DAYS, WINDOW_MEETINGS
from journal.core.periods import Period, last_quarters, months_back
from journal.core.schedule import anchor_day, expected_count
from journal.core.settings import HourValue, ReviewSettings
from journal.core.vocabulary import DUES_PERIODS

RETURN_KINDS = frozenset({"referral_received", "business_won"})
SUPPORT_KINDS = frozenset({"support", "help_received"})
_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Demands:
    """What a group asked of the user at one time (the demand fields of a group)."""

    meeting_cadence: str = ""
    meeting_weekday: int | None = None
    required_attendance_pct: int | None = None
    meeting_minutes: int | None = None
    travel_minutes: int | None = None
    dues_amount: Decimal | None = None
    dues_currency: str = ""
    dues_period: str = ""
    role_hours_per_month: int | None = None
    referral_quota_per_month: int | None = None


@dataclass(frozen=True)
class DemandSpan:
    """Demands in force from a day on (None: from the start) until the next span."""

    since: dt.date | None
    demands: Demands


@dataclass(frozen=True)
class MeetingFact:
    """One recorded meeting."""

    held_on: dt.date
    attendance: str
    rating: str = ""
    minutes: int | None = None


@dataclass(frozen=True)
class EntryFact:
    """A timeline entry linked to the group, or with at least one of its members in it."""

    kind: str
    day: dt.date  # the local day it happened
    linked: bool  # the entry names this group
    at_meeting: bool = False  # it is tied to one of this group's meetings
    members: tuple[int, ...] = ()  # the group's members who took part
    amount: Decimal | None = None
    estimated: Decimal | None = None
    currency: str = ""


@dataclass(frozen=True)
class GroupFacts:
    """Everything the balance of one group is computed from."""

    group_id: int
    name: str
    status: str = "active"
    joined_on: dt.date | None = None
    left_on: dt.date | None = None
    demands: tuple[DemandSpan, ...] = (DemandSpan(None, Demands()),)
    meetings: tuple[MeetingFact, ...] = ()
    entries: tuple[EntryFact, ...] = ()
    names: Mapping[int, str] = field(default_factory=dict)  # of everyone the facts mention
    # Contacts first met through this group, with the day (see balance_queries).
    first_met: Mapping[int, dt.date] = field(default_factory=dict)
    stay_in_touch: Mapping[int, int | None] = field(default_factory=dict)
    # The day the group was added to the journal (local), if known: the membership began
    # by then at the latest.
    added_on: dt.date | None = None

    def demands_on(self, day: dt.date) -> Demands:
        """The demands in force on a day."""
        current = self.demands[0].demands
        for span in self.demands:
            if span.since is None or span.since <= day:
                current = span.demands
            else:
                break
        return current

    @property
    def current_demands(self) -> Demands:
        """The latest demands."""
        return self.demands[-1].demands

    @property
    def first_meeting(self) -> dt.date | None:
        """The day of the first meeting recorded, if any."""
        return min((m.held_on for m in self.meetings), default=None)

    @property
    def started_on(self) -> dt.date | None:
        """When the membership began: the day joined, else the first day the journal knows
        anything of it (the day the group was added, its first meeting, its first entry),
        as active_group_ids counts it.

        Without the day added, a group with neither a day joined nor a meeting began at no
        time at all: a review charged it a whole year of dues on the day it was added.
        """
        if self.joined_on is not None:
            return self.joined_on
        linked = min((e.day for e in self.entries if e.linked), default=None)
        known = [day for day in (self.added_on, self.first_meeting, linked) if day is not None]
        return min(known, default=None)


@dataclass(frozen=True)
class MeetingCounts:
    """Meetings recorded in a period, by attendance."""

    attended: int = 0
    substitute: int = 0
    missed: int = 0
    excused: int = 0
    expected: int | None = None  # what the cadence suggests; None without a cadence

    @property
    def recorded(self) -> int:
        """Every meeting recorded."""
        return self.attended + self.substitute + self.missed + self.excused

    @property
    def counted(self) -> int:
        """Meetings that count for attendance (excused ones do not)."""
        return self.attended + self.substitute + self.missed

    @property
    def pct(self) -> int | None:
        """Attended or covered by a substitute, out of those that count; None before any."""
        if not self.counted:
            return None
        return round(100 * (self.attended + self.substitute) / self.counted)


@dataclass(frozen=True)
class Hours:
    """Hours given to a group: at meetings, travelling to them, and in a role."""

    meetings: Decimal = Decimal(0)
    travel: Decimal = Decimal(0)
    role: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        """All the hours."""
        return self.meetings + self.travel + self.role


@dataclass(frozen=True)
class AttendanceWindow:
    """Attendance over the group's rolling window, against what it requires."""

    counted: int
    attended: int  # attended or covered by a substitute
    required_pct: int | None
    status: str  # no_requirement | no_meetings | ok | at_risk | below
    misses_allowed: int | None  # more misses before falling below; None without a rule

    @property
    def pct(self) -> int | None:
        """The rate in whole percent, None before any meeting counts."""
        return round(100 * self.attended / self.counted) if self.counted else None

    @property
    def short_record_miss_pct(self) -> int | None:
        """With only a few meetings counted, the rate one more miss would leave; else None."""
        if not 0 < self.counted < SHORT_RECORD_MEETINGS:
            return None
        return round(100 * self.attended / (self.counted + 1))  # the window is far from full


@dataclass(frozen=True)
class Ratings:
    """How the meetings of a period felt."""

    worth_it: int = 0
    so_so: int = 0
    waste: int = 0

    @property
    def rated(self) -> int:
        """Meetings with a rating."""
        return self.worth_it + self.so_so + self.waste


@dataclass(frozen=True)
class Relationship:
    """A member the user is in touch with outside the group's meetings."""

    contact_id: int
    name: str
    touches: int  # entries with them outside meetings in the window
    last_on: dt.date


@dataclass(frozen=True)
class NewContact:
    """Someone first met through the group."""

    contact_id: int
    name: str
    first_met_on: dt.date


Money = dict[str, Decimal]


@dataclass(frozen=True)
class Balance:
    """One group's demands and returns over one period."""

    group_id: int
    name: str
    period: Period
    membership_days: int
    meetings: MeetingCounts
    hours: Hours
    hour_value: HourValue | None
    time_cost: Decimal | None  # hours at the value of an hour, in its currency
    dues: Money
    costs: Money  # dues, plus the time cost in the hour's currency
    attendance: AttendanceWindow
    ratings: Ratings
    linked_entries: int  # timeline entries naming the group in the period
    referrals_received: int
    referrals_given: int
    business: Money  # actual amounts of referrals received and business won
    estimated: Money  # estimates of returns whose actual amount is not known yet
    introductions: int
    learning: int
    support_received: int
    new_contacts: tuple[NewContact, ...]
    relationships: tuple[Relationship, ...]
    relationship_months: int
    referral_quota: Decimal | None  # referrals the group expected in the period

    @property
    def has_returns(self) -> bool:
        """Anything at all came back."""
        return bool(
            self.business
            or self.referrals_received
            or self.support_received
            or self.new_contacts
            or self.relationships
            or self.introductions
            or self.learning
        )


def _add(money: Money, currency: str, amount: Decimal) -> None:
    if amount:
        money[currency] = money.get(currency, Decimal(0)) + amount


def _cents(money: Money) -> Money:
    return {c: a.quantize(_CENT) for c, a in sorted(money.items()) if a}


def _spans(facts: GroupFacts, span: Period) -> Iterable[tuple[Period, Demands]]:
    """The parts of `span` under each demand span, in order."""
    spans = facts.demands
    for index, current in enumerate(spans):
        until = spans[index + 1].since if index + 1 < len(spans) else None
        end = until - dt.timedelta(days=1) if until is not None else None
        part = span.clip(current.since, end)
        if part is not None:
            yield part, current.demands


def _ongoing(facts: GroupFacts, span: Period | None) -> tuple[Decimal, Money]:
    """Role hours and dues over the membership days of a period, spread evenly by day."""
    role = Decimal(0)
    dues: Money = {}
    if span is None:
        return role, dues
    for part, demands in _spans(facts, span):
        if demands.role_hours_per_month:
            role += Decimal(demands.role_hours_per_month * 12 * part.days) / 365
        months = DUES_PERIODS.get(demands.dues_period, 0)
        if demands.dues_amount and months:
            yearly = demands.dues_amount * 12 / months
            _add(dues, demands.dues_currency, yearly * part.days / 365)
    # A one-off fee is paid on joining.
    if facts.joined_on is not None and facts.joined_on in span:
        first = facts.demands_on(facts.joined_on)
        if first.dues_period == "once" and first.dues_amount:
            _add(dues, first.dues_currency, first.dues_amount)
    return role, dues


def attendance_window(
    meetings: Iterable[MeetingFact], required_pct: int | None, as_of: dt.date
) -> AttendanceWindow:
    """Attendance over the rolling window ending `as_of`, and how many misses it can bear."""
    oldest = as_of - dt.timedelta(days=WINDOW_DAYS - 1)
    counted = [
        m.attendance in ("attended", "substitute")
        for m in sorted(meetings, key=lambda m: m.held_on)
        if oldest <= m.held_on <= as_of and m.attendance != "excused"
    ][-WINDOW_MEETINGS:]
    attended = sum(counted)
    if required_pct is None:
        return AttendanceWindow(len(counted), attended, None, "no_requirement", None)

    def below(window: list[bool]) -> bool:
        return bool(window) and sum(window) * 100 < required_pct * len(window)

    allowed = None
    if required_pct > 0:
        # Simulate missing the next meetings one by one, the window sliding as it would.
        trial = list(counted)
        allowed = 0
        while allowed <= WINDOW_MEETINGS:
            trial = [*trial, False][-WINDOW_MEETINGS:]
            if below(trial):
                break
            allowed += 1
    if not counted:
        status = "no_meetings"
    elif below(counted):
        status = "below"
    elif allowed == 0:
        status = "at_risk"
    else:
        status = "ok"
    return AttendanceWindow(len(counted), attended, required_pct, status, allowed)


def _meetings(facts: GroupFacts, period: Period) -> tuple[MeetingCounts, Ratings, int, int]:
    counts = {"attended": 0, "substitute": 0, "missed": 0, "excused": 0}
    ratings = {"worth_it": 0, "so_so": 0, "waste": 0}
    meeting_minutes = 0
    travel_minutes = 0
    first, last = period.start, period.end
    for m in facts.meetings:
        if not first <= m.held_on <= last:
            continue
        if m.attendance in counts:
            counts[m.attendance] += 1
        if m.rating in ratings:
            ratings[m.rating] += 1
        if m.attendance == "attended":  # a substitute's time is not the user's
            demands = facts.demands_on(m.held_on)
            length = m.minutes if m.minutes is not None else demands.meeting_minutes
            meeting_minutes += length or 0
            travel_minutes += demands.travel_minutes or 0
    demands = facts.current_demands
    membership = period.clip(facts.started_on, facts.left_on)
    expected = None
    if membership is not None:
        cadence, weekday = demands.meeting_cadence, demands.meeting_weekday
        held = (m.held_on for m in facts.meetings)
        anchor = anchor_day(cadence, weekday, held, facts.joined_on, membership.end)
        expected = expected_count(cadence, weekday, anchor, membership)
    return (
        MeetingCounts(expected=expected, **counts),
        Ratings(**ratings),
        meeting_minutes,
        travel_minutes,
    )


def _relationships(facts: GroupFacts, as_of: dt.date, months: int) -> tuple[Relationship, ...]:
    window = months_back(as_of, months)
    first, final = window.start, window.end
    touches: dict[int, int] = {}
    last: dict[int, dt.date] = {}
    for entry in facts.entries:
        if not entry.members or entry.at_meeting or entry.kind == "note":
            continue
        if not first <= entry.day <= final:
            continue
        for cid in entry.members:
            touches[cid] = touches.get(cid, 0) + 1
            last[cid] = max(last.get(cid, entry.day), entry.day)
    found = [
        Relationship(cid, facts.names.get(cid, ""), touches[cid], last[cid]) for cid in touches
    ]
    found.sort(key=lambda r: (-r.touches, r.name.casefold(), r.contact_id))
    return tuple(found)


def compute_balance(
    facts: GroupFacts, period: Period, settings: ReviewSettings, people: bool = True
) -> Balance:
    """The group's balance over `period` (attendance and relationships as of its last day).

    Without `people`, relationships are left out (the trend's quarters do not show them).
    """
    # Without a day joined, the membership is taken to begin when the journal first knows
    # of it (started_on), as the trend's quarters do: no dues or role hours before then.
    membership = period.clip(facts.started_on, facts.left_on)
    counts, ratings, meeting_minutes, travel_minutes = _meetings(facts, period)
    role, dues = _ongoing(facts, membership)
    hours = Hours(
        (Decimal(meeting_minutes) / 60).quantize(_TENTH),
        (Decimal(travel_minutes) / 60).quantize(_TENTH),
        role.quantize(_TENTH),
    )
    hour = settings.hour_value
    time_cost = (hours.total * hour.amount).quantize(_CENT) if hour is not None else None
    costs = dict(dues)
    if hour is not None and time_cost:
        _add(costs, hour.currency, time_cost)

    business: Money = {}
    estimated: Money = {}
    received = given = introductions = learning = support = linked = 0
    first, last = period.start, period.end
    for entry in facts.entries:
        if not first <= entry.day <= last:
            continue
        if entry.kind in SUPPORT_KINDS and (entry.linked or entry.members):
            support += 1
        if not entry.linked:
            continue
        linked += 1
        if entry.kind == "referral_received":
            received += 1
        elif entry.kind == "referral_given":
            given += 1
        elif entry.kind == "introduction":
            introductions += 1
        elif entry.kind == "learning":
            learning += 1
        if entry.kind in RETURN_KINDS and entry.currency:
            if entry.amount is not None:
                _add(business, entry.currency, entry.amount)
            elif entry.estimated is not None:
                _add(estimated, entry.currency, entry.estimated)

    new = sorted(
        (
            NewContact(cid, facts.names.get(cid, ""), day)
            for cid, day in facts.first_met.items()
            if day in period
        ),
        key=lambda n: (n.first_met_on, n.name.casefold(), n.contact_id),
    )
    current = facts.demands_on(period.end)
    quota = None
    if current.referral_quota_per_month is not None and membership is not None:
        quota = (Decimal(current.referral_quota_per_month * 12 * membership.days) / 365).quantize(
            _TENTH
        )
    return Balance(
        group_id=facts.group_id,
        name=facts.name,
        period=period,
        membership_days=membership.days if membership is not None else 0,
        meetings=counts,
        hours=hours,
        hour_value=hour,
        time_cost=time_cost,
        dues=_cents(dues),
        costs=_cents(costs),
        attendance=attendance_window(facts.meetings, current.required_attendance_pct, period.end),
        ratings=ratings,
        linked_entries=linked,
        referrals_received=received,
        referrals_given=given,
        business=_cents(business),
        estimated=_cents(estimated),
        introductions=introductions,
        learning=learning,
        support_received=support,
        new_contacts=tuple(new),
        relationships=(
            _relationships(facts, period.end, settings.relationship_months) if people else ()
        ),
        relationship_months=settings.relationship_months,
        referral_quota=quota,
    )


def trend(
    facts: GroupFacts, settings: ReviewSettings, as_of: dt.date, quarters: int = 8
) -> list[Balance]:
    """The balance quarter by quarter, oldest first, from the quarter the membership began.

    Empty when the membership had not begun by `as_of`.
    """
    started = facts.started_on
    first_entry = min((e.day for e in facts.entries if e.linked), default=None)
    begun = min((d for d in (started, first_entry) if d is not None), default=None)
    if begun is None or begun > as_of:
        return []
    periods = [
        p
        for p in last_quarters(as_of, quarters)
        if p.end >= begun and (facts.left_on is None or p.start <= facts.left_on)
    ]
    return [compute_balance(facts, p, settings, people=False) for p in periods]
