"""A generated journal that looks lived-in: for `journal demo`, screenshots and benchmarks.

Deterministic for a given seed. Writes in bulk (a few statements per thousand rows) because
the benchmark journal has 20,000 contacts and 200,000 interactions.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from journal.core.contacts import tag_ids as core_tag_ids
from journal.core.groups import DEMAND_FIELDS
from journal.core.names import display_name, sort_key
from journal.store.fields import format_utc, stored
from journal.store.models import (
    Contact,
    ContactChannel,
    ContactTag,
    FollowUp,
    Group,
    GroupDemandChange,
    GroupMember,
    Interaction,
    InteractionParticipant,
    Meeting,
    MeetingPerson,
    database_proxy,
)

GIVEN = [
    "Jane",
    "Omar",
    "Priya",
    "Lucas",
    "Sofia",
    "Kwame",
    "Mei",
    "Hiroshi",
    "Fatima",
    "Liam",
    "Ana",
    "Mateo",
    "Chloé",
    "Noah",
    "Amara",
    "Björn",
    "Zoë",
    "Ravi",
    "Elif",
    "Tomasz",
    "Ingrid",
    "Diego",
    "Aisha",
    "Kenji",
    "Olivia",
    "Sipho",
    "Lena",
    "Marco",
    "Nadia",
    "Felix",
    "Grace",
    "Yusuf",
    "Hannah",
    "Pedro",
    "Leila",
    "Samuel",
    "Ines",
    "Arjun",
    "Maya",
    "Oskar",
]
FAMILY = [
    "Doe",
    "Haddad",
    "Sharma",
    "Martin",
    "García",
    "Mensah",
    "Chen",
    "Tanaka",
    "Khan",
    "O'Brien",
    "Silva",
    "Rossi",
    "Dubois",
    "Müller",
    "Okafor",
    "Nilsson",
    "Kowalski",
    "Novak",
    "Jensen",
    "Fernández",
    "Yılmaz",
    "Ivanova",
    "Moreau",
    "Schmidt",
    "Costa",
    "Park",
    "Nguyen",
    "Ali",
    "Murphy",
    "Becker",
    "Lefèvre",
    "Santos",
    "Andersson",
    "Ito",
    "Kaya",
    "Fischer",
    "Romano",
    "Walsh",
    "Ng",
    "Patel",
]
# Names in other scripts, so the demo shows the journal handles them: (given, family).
# Chinese, Japanese and Korean names are shown family name first (王小明).
WORLD_NAMES = (
    ("小明", "王"),
    ("娜", "李"),
    ("健", "佐藤"),
    ("민준", "김"),
    ("محمد", "العلي"),
    ("فاطمة", "حسن"),
    ("Дмитрий", "Соколов"),
    ("Ελένη", "Παπαδοπούλου"),
    ("אבי", "כהן"),
    ("Ngọc", "Trần"),
)
ORGS = (
    "Northwind Consulting",
    "Brightpath Coaching",
    "Harbour & Co. Accountants",
    "Acme Studio",
    "Greenleaf Bakery",
    "Summit Legal",
    "Blue Fern Design",
    "Atlas Logistics",
    "Kite Marketing",
    "Maple Street Dental",
    "Orbit Software",
    "Riverside Realty",
    "Cedar Financial Planning",
    "Lumen Photography",
    "Copperline Print",
    "Sage HR Partners",
    "Tidewater Insurance",
    "Quartz IT Services",
    "Foxglove Florist",
    "Ironbridge Builders",
    "",
)
TITLES = (
    "Owner",
    "Founder",
    "Director",
    "Coach",
    "Consultant",
    "Accountant",
    "Designer",
    "Sales lead",
    "Partner",
    "Freelancer",
    "Architect",
    "",
)
NEEDS = (
    "bookkeeper",
    "web designer",
    "new clients",
    "office space",
    "photographer",
    "lawyer",
    "investors",
    "printer",
    "HR advice",
    "IT support",
    "insurance",
    "mentor",
)
# A need as a sentence says it ("someone who needs a bookkeeper"); the needs and offers
# fields keep the bare words.
_WITH_ARTICLE = frozenset(
    {"bookkeeper", "web designer", "photographer", "lawyer", "printer", "mentor"}
)


def _need_phrase(need: str) -> str:
    return f"a {need}" if need in _WITH_ARTICLE else need


TAGS = (
    "accounting",
    "design",
    "friend",
    "mentor",
    "speaker",
    "tech",
    "finance",
    "marketing",
    "legal",
    "local",
    "conference",
    "referral-partner",
)
STAGES = ("new", "acquaintance", "contact", "client", "referral_partner", "partner", "friend")
PLACES = (
    "the chamber breakfast",
    "a conference in Lyon",
    "LinkedIn",
    "a friend's dinner",
    "the co-working space",
    "a webinar",
    "the BNI meeting",
    "a trade fair",
    "the gym",
)
# Places that are not places: people met there met online, and "on" them, not "at".
ONLINE_PLACES = frozenset({"LinkedIn", "a webinar"})


def _mode(where: str) -> str:
    """Met online at an online place, in person anywhere else."""
    return "online" if where in ONLINE_PLACES else "in_person"


def _at(place: str) -> str:
    """ "at the gym", "on LinkedIn"."""
    return f"on {place}" if place == "LinkedIn" else f"at {place}"


SUMMARIES = {
    "met": ("Met {at_place}", "First hello {at_place}"),
    "call": ("Catch-up call", "Called about {need}", "Quick call to plan next steps"),
    "coffee": ("Coffee, talked about {need}", "Coffee downtown", "Coffee: family, holidays, work"),
    "lunch": ("Lunch, long chat about their plans", "Lunch near their office"),
    "message": ("Sent congratulations on the new role", "Shared an article about finding {need}"),
    "email": ("Emailed the proposal", "Sent notes from our meeting"),
    "meeting": ("Project meeting", "Planning session"),
    "introduction": ("Introduced them to someone who needs {need}",),
    "referral_given": ("Referred a client looking for {need}",),
    "referral_received": ("They sent me a client",),
    "help_given": ("Reviewed their pitch deck", "Helped them find {need}"),
    "help_received": ("They helped me find {need}", "Advice on pricing"),
    "business_won": ("Signed a project",),
    "support": ("Checked in while I was travelling",),
    "learning": ("Talk on finding {need}",),
    "note": ("Moved to a new office", "Has two kids, loves sailing"),
}
KIND_WEIGHTS = {
    "met": 4,
    "call": 14,
    "coffee": 14,
    "lunch": 6,
    "message": 16,
    "email": 14,
    "meeting": 8,
    "introduction": 3,
    "referral_given": 2,
    "referral_received": 2,
    "help_given": 4,
    "help_received": 3,
    "business_won": 1,
    "support": 2,
    "learning": 1,
    "note": 6,
}
# What each group gives back in the demo, so the review has something to say:
#   business: referrals and business come through it;
#   people:   no business, but members you are in touch with and who support you;
#   friends:  as "people", while you miss many meetings (the review suggests reducing);
#   empty:    it asks a lot and nothing comes back (the review suggests leaving).
GROUP_TEMPLATES = (
    (
        "BNI Downtown Chapter",
        "referral_club",
        "weekly",
        80,
        90,
        30,
        "620",
        "USD",
        "year",
        "Vice president",
        6,
        1,
        "business",
    ),
    (
        "Chamber of Commerce",
        "chamber",
        "monthly",
        None,
        120,
        20,
        "350",
        "USD",
        "year",
        "",
        None,
        None,
        "business",
    ),
    (
        "Women in Business Circle",
        "association",
        "monthly",
        50,
        120,
        25,
        "15",
        "EUR",
        "month",
        "",
        None,
        None,
        "friends",
    ),
    (
        "Founders Mastermind",
        "mastermind",
        "fortnightly",
        75,
        90,
        0,
        "100",
        "EUR",
        "month",
        "",
        None,
        None,
        "people",
    ),
    (
        "University Alumni Network",
        "alumni",
        "quarterly",
        None,
        180,
        45,
        None,
        "",
        "",
        "",
        None,
        None,
        "business",
    ),
    (
        "Freelancers Online",
        "online_community",
        "irregular",
        None,
        60,
        0,
        None,
        "",
        "",
        "",
        None,
        None,
        "people",
    ),
    (
        "Sunrise Breakfast Club",
        "referral_club",
        "weekly",
        80,
        75,
        40,
        "480",
        "EUR",
        "year",
        "Membership committee",
        4,
        1,
        "empty",
    ),
)

BUSINESS_KINDS = frozenset({"referral_received", "business_won"})
# People met within this many days have no timeline before the day met, so the demo's
# Today shows a few new people still to follow up (core.today.new_people).
RECENTLY_MET_DAYS = 45
RATINGS = ("worth_it", "so_so", "waste", "")


@dataclass
class GroupPlan:
    """What the timeline generator must know about the groups it links entries to."""

    ids: list[int]
    profiles: dict[int, str]  # group id -> business | people | friends | empty
    members: dict[int, list[int]]
    quiet: set[int]  # members of "empty" groups: no one hears from them
    newcomers: dict[int, tuple[int, dt.date]]  # contact -> (group, day first met there)


FOLLOW_UPS = (
    "Send the proposal",
    "Ask how the move went",
    "Share the article on pricing",
    "Introduce them to a bookkeeper",
    "Check in after the launch",
    "Send photos from the breakfast",
    "Book a coffee",
    "Thank them for the referral",
)


@dataclass(frozen=True)
class DemoSize:
    """How big a generated journal is, and how well its user keeps up with people."""

    contacts: int = 320
    interactions: int = 2600
    groups: int = 7
    years: int = 3
    # The share of people past their stay-in-touch rhythm whom the user caught up with
    # (core.demo_rhythms); 0 adds nothing, so `interactions` is the exact count.
    kept_up: float = 0.0


# The newcomer's demo: most people seen within their rhythm, a handful fading lately.
SMALL = DemoSize(kept_up=0.9)
# The benchmarks' journal, and Today's worst case: nobody's rhythm kept, so everyone with
# one is measured as fading (and the counts stay exact: 200,000 entries).
LARGE = DemoSize(contacts=20_000, interactions=200_000, groups=30, years=10)

Progress = Callable[[str], None]


def _chunks(rows: list[dict[str, object]], size: int = 400) -> Iterator[list[dict[str, object]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def generate(
    size: DemoSize = SMALL,
    *,
    seed: int = 7,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> None:
    """Fill the open (empty) journal with believable people, groups and history."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    now = dt.datetime.now(dt.timezone.utc)
    start = today - dt.timedelta(days=365 * size.years)
    say = progress or (lambda _msg: None)
    with database_proxy.atomic():
        say("people")
        contact_ids = _contacts(rng, size, start, today, now)
        say("groups")
        plan = _groups(rng, size, start, today, now, contact_ids)
        say("timeline")
        _interactions(rng, size, start, min(now, _end_of(today)), contact_ids, plan)
        _met_by_first_entry()
        if size.kept_up:
            _keep_up(seed, today, size.kept_up, plan.quiet)
        say("follow-ups")
        _followups(rng, [c for c in contact_ids if c not in plan.quiet], today, now)
        say("review")
        _past_review(today)


def _met_by_first_entry() -> None:
    """Nobody was met after their first timeline entry: the day met moves back to it.

    Days met are drawn apart from the timeline; without this, someone could show as met
    three weeks ago and as not heard from for two years.
    """
    first = (
        "(SELECT substr(MIN(p.occurred_at), 1, 10) FROM interaction_participant p"
        " WHERE p.contact_id = contact.id)"
    )
    database_proxy.execute_sql(f"UPDATE contact SET met_on = {first} WHERE met_on > {first}")


def _keep_up(seed: int, today: dt.date, share: float, quiet: set[int]) -> None:
    """Catch-up entries within most people's rhythms (core.demo_rhythms), drawn apart."""
    from journal.core.demo_rhythms import keep_up

    rng = random.Random(f"{seed}:rhythms")

    def summary(kind: str) -> str:
        return rng.choice(SUMMARIES[kind]).format(at_place="", need=_need_phrase(rng.choice(NEEDS)))

    recently = today - dt.timedelta(days=RECENTLY_MET_DAYS)
    keep_up(rng, today, share, summary=summary, quiet=quiet, recently_met=recently)


def _past_review(today: dt.date) -> None:
    """A value of an hour, and a first review about four months ago (so one is due now)."""
    # Imported here: the review pulls in the balance modules, which the demo's callers
    # (benchmarks, screenshots) do not otherwise need.
    from journal.core.clock import FixedClock
    from journal.core.review import DecisionDraft, ReviewDraft, record_review, review_report
    from journal.core.settings import SettingsDraft, save_settings, set_default_currency

    save_settings(SettingsDraft(hour_amount="75", hour_currency="USD"))
    set_default_currency("USD")  # so "$1,200" in quick add works in the demo
    then = today - dt.timedelta(days=120)
    clock = FixedClock(dt.datetime.combine(then, dt.time(18), dt.timezone.utc))
    report = review_report(clock, zone=dt.timezone.utc)
    decisions = [
        DecisionDraft(
            g.group_id,
            g.recommendation.code if g.recommendation.code != "too_early" else "later",
        )
        for g in report.groups
    ]
    if decisions:
        notes = "First look at what each group asks and gives back."
        record_review(ReviewDraft(decisions, notes=notes), clock, zone=dt.timezone.utc)


def _contacts(
    rng: random.Random, size: DemoSize, start: dt.date, today: dt.date, now: dt.datetime
) -> list[int]:
    stamp = format_utc(now)
    rows: list[dict[str, object]] = []
    for n in range(size.contacts):
        if n % 23 == 5:
            given, family = WORLD_NAMES[(n // 23) % len(WORLD_NAMES)]
        else:
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        org = rng.choice(ORGS)
        shown = display_name(given, family, "", org)
        met = start + dt.timedelta(days=rng.randrange(max(1, (today - start).days)))
        # How and where met tell one story. (The draws stay as they were, so the rest of
        # the demo, names included, comes out the same for a seed.)
        title = rng.choice(TITLES)
        introduced = rng.random() >= 0.5
        if introduced:
            rng.choice(PLACES)
        where = rng.choice(PLACES)
        rows.append(
            {
                "given_name": given,
                "family_name": family,
                "display_name": shown,
                "sort_name": sort_key(shown),
                "organisation": org,
                "title": title,
                "how_met": f"Introduced {_at(where)}" if introduced else "",
                "where_met": where,
                "met_on": met.isoformat(),
                # Drawn and not used: the draws stay as they were, so the rest of the demo
                # comes out the same for a seed.
                "met_mode": (rng.choice(("in_person", "in_person", "online")), _mode(where))[1],
                "stage": rng.choice(STAGES),
                "know": rng.randint(1, 5),
                "like": rng.randint(1, 5),
                "trust": rng.randint(1, 5),
                "needs": rng.choice(NEEDS) if rng.random() < 0.4 else "",
                "offers": rng.choice(NEEDS) if rng.random() < 0.4 else "",
                "notes": "" if rng.random() < 0.7 else "Prefers mornings. Two kids, loves hiking.",
                "stay_in_touch_days": rng.choice((None, 30, 60, 90, 180)),
                "archived": rng.random() < 0.03,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    first_id = (Contact.select(Contact.id).order_by(Contact.id.desc()).scalar() or 0) + 1
    for chunk in _chunks(rows):
        Contact.insert_many(chunk).execute()
    ids = list(range(first_id, first_id + len(rows)))
    channels: list[dict[str, object]] = []
    for cid, row in zip(ids, rows, strict=True):
        local = f"{row['given_name']}.{row['family_name']}".lower().replace("'", "")
        if not local.isascii():
            local = f"contact{cid}"
        channels.append(
            {
                "contact": cid,
                "kind": "email",
                "label": "work",
                "value": f"{local}{cid}@example.com",
                "position": 0,
            }
        )
        if rng.random() < 0.6:
            channels.append(
                {
                    "contact": cid,
                    "kind": "phone",
                    "label": "mobile",
                    "value": f"+1 555 {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}",
                    "position": 1,
                }
            )
    for chunk in _chunks(channels):
        ContactChannel.insert_many(chunk).execute()
    tag_ids = dict(zip(TAGS, core_tag_ids(list(TAGS)), strict=True))
    links: list[dict[str, object]] = []
    for cid in ids:
        for name in rng.sample(TAGS, rng.choice((0, 1, 1, 2))):
            links.append({"contact": cid, "tag": tag_ids[name]})
    for chunk in _chunks(links):
        ContactTag.insert_many(chunk).on_conflict_ignore().execute()
    return ids


def _groups(
    rng: random.Random,
    size: DemoSize,
    start: dt.date,
    today: dt.date,
    now: dt.datetime,
    contact_ids: list[int],
) -> GroupPlan:
    stamp = format_utc(now)
    templates = [GROUP_TEMPLATES[n % len(GROUP_TEMPLATES)] for n in range(size.groups)]
    # Pools set aside first: the silent members of "empty" groups, and people who will be
    # first met at one of a group's meetings (never seen anywhere before that day).
    empties = sum(1 for t in templates if t[-1] == "empty")
    pool = list(contact_ids)
    rng.shuffle(pool)
    quiet_pool = pool[: min(len(pool) // 4, 15 * empties)]
    fresh_pool = pool[len(quiet_pool) : len(quiet_pool) + min(len(pool) // 4, 2 * size.groups)]
    others = sorted(set(contact_ids) - set(quiet_pool) - set(fresh_pool))
    plan = GroupPlan([], {}, {}, set(), {})
    for n, template in enumerate(templates):
        (
            name,
            kind,
            cadence,
            required,
            minutes,
            travel,
            dues,
            currency,
            period,
            role,
            role_hours,
            quota,
            profile,
        ) = template
        if n >= len(GROUP_TEMPLATES):
            name = f"{name} {n // len(GROUP_TEMPLATES) + 1}"
        joined = start + dt.timedelta(days=rng.randrange(0, 200))
        values = {
            "name": name,
            "kind": kind,
            "status": "active",
            "joined_on": joined.isoformat(),
            "meeting_cadence": cadence,
            "meeting_weekday": None,
            "required_attendance_pct": required,
            "meeting_minutes": minutes,
            "travel_minutes": travel,
            "dues_amount": dues,
            "dues_currency": currency,
            "dues_period": period,
            "role": role,
            "role_hours_per_month": role_hours,
            "referral_quota_per_month": quota,
            "rules": "",
        }
        gid = Group.insert(created_at=stamp, updated_at=stamp, **values).execute()
        demands = {field: values[field] for field in DEMAND_FIELDS}
        GroupDemandChange.create(
            group=gid, changed_at=now, demands_json=json.dumps(demands, sort_keys=True)
        )
        plan.ids.append(gid)
        plan.profiles[gid] = profile
        if profile == "empty":
            members = rng.sample(quiet_pool, min(len(quiet_pool), rng.randint(8, 15)))
            plan.quiet.update(members)
        else:
            members = rng.sample(others, min(len(others), rng.randint(8, 40)))
        GroupMember.insert_many(
            [{"group": gid, "contact": c, "since": joined.isoformat()} for c in members]
        ).execute()
        plan.members[gid] = members
        attended = _meetings(rng, gid, cadence, profile, joined, today, stamp)
        people: list[dict[str, object]] = []
        for mid, _day in rng.sample(attended, min(len(attended), 12)):
            for cid in rng.sample(members, min(len(members), 2)):
                people.append({"meeting": mid, "contact": cid})
        # Two people first met at a recent meeting of each group that gives anything back.
        recent = [(mid, day) for mid, day in attended if (today - day).days <= 300]
        if profile != "empty" and recent:
            for _ in range(2):
                if not fresh_pool:
                    break
                cid = fresh_pool.pop()
                mid, day = rng.choice(recent)
                people.append({"meeting": mid, "contact": cid})
                plan.newcomers[cid] = (gid, day)
                GroupMember.insert(group=gid, contact=cid, since=day.isoformat()).execute()
                met_mode = "online" if kind == "online_community" else "in_person"
                Contact.update(met_on=day, where_met=name, how_met="", met_mode=met_mode).where(
                    Contact.id == cid
                ).execute()
                plan.members[gid].append(cid)
        for chunk in _chunks(people):
            MeetingPerson.insert_many(chunk).on_conflict_ignore().execute()
    return plan


def _meetings(
    rng: random.Random,
    gid: int,
    cadence: str,
    profile: str,
    joined: dt.date,
    today: dt.date,
    stamp: str,
) -> list[tuple[int, dt.date]]:
    """The group's meeting log up to today; returns the meetings attended, (id, day)."""
    step = {"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 91}.get(cadence, 45)
    keen = rng.random()  # some groups the user loves, some they drift away from
    day = joined + dt.timedelta(days=rng.randrange(0, step))
    meetings = []
    while day <= today:
        roll = rng.random()
        if profile == "friends":  # often away, without sending apologies
            attendance = "attended" if roll < 0.4 else "missed" if roll < 0.85 else "excused"
        elif profile == "empty":  # dutiful attendance
            attendance = "attended" if roll < 0.85 else "excused" if roll < 0.95 else "missed"
        else:
            attendance = (
                "attended"
                if roll < 0.35 + keen * 0.55
                else "excused"
                if roll < 0.9
                else "substitute"
                if roll < 0.93
                else "missed"
            )
        ratings = ("waste", "waste", "so_so", "") if profile == "empty" else RATINGS
        rating = rng.choice(ratings) if attendance == "attended" else ""
        meetings.append(
            {
                "group": gid,
                "held_on": day.isoformat(),
                "attendance": attendance,
                "rating": rating,
                "notes": "",
                "created_at": stamp,
            }
        )
        day += dt.timedelta(days=step)
    for chunk in _chunks(meetings):
        Meeting.insert_many(chunk).execute()
    return [
        (m.id, stored(m.held_on))
        for m in Meeting.select(Meeting.id, Meeting.held_on)
        .where((Meeting.group == gid) & (Meeting.attendance == "attended"))
        .order_by(Meeting.held_on)
    ]


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23), dt.timezone.utc)


@dataclass(frozen=True)
class _Planned:
    """An entry placed on purpose, so each group's balance tells its story."""

    kind: str
    when: dt.datetime
    who: int
    group: int | None
    amount: str | None = None


def _planned(rng: random.Random, plan: GroupPlan, latest: dt.datetime) -> list[_Planned]:
    """Business through "business" groups; coffees and support with members of the others."""
    entries: list[_Planned] = []

    def recent(days: int) -> dt.datetime:
        # In the day, as the rest of the timeline is: "now" less a few hours put lunches in
        # the night whenever the demo was made early in the morning (or for a past day).
        day = latest - dt.timedelta(days=rng.randrange(3, days))
        hour = 9 + rng.randrange(0, 6)
        return day.replace(hour=hour, minute=rng.choice((0, 15, 30, 45)), second=0, microsecond=0)

    for gid in plan.ids:
        profile = plan.profiles[gid]
        members = [c for c in plan.members[gid] if c not in plan.newcomers]
        if profile == "empty" or not members:
            continue
        if profile == "business":
            for kind in ("referral_received", "business_won"):
                amount = str(Decimal(rng.randrange(30, 120)) * 100)
                entries.append(_Planned(kind, recent(330), rng.choice(members), gid, amount))
        friends = rng.sample(members, min(len(members), 3))
        for cid in friends:
            entries.append(
                _Planned(rng.choice(("coffee", "call", "lunch")), recent(170), cid, None)
            )
        entries.append(_Planned("support", recent(170), friends[0], None))
    return entries


def _interactions(
    rng: random.Random,
    size: DemoSize,
    start: dt.date,
    latest: dt.datetime,
    contact_ids: list[int],
    plan: GroupPlan,
) -> None:
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    span = int((latest - dt.datetime.combine(start, dt.time(8), dt.timezone.utc)).total_seconds())
    origin = dt.datetime.combine(start, dt.time(8), dt.timezone.utc)
    # No one hears from the members of an "empty" group.
    reachable = [c for c in contact_ids if c not in plan.quiet] or contact_ids
    # The people met lately, at a meeting or anywhere: no entry of theirs before that day.
    met_on = {cid: day for cid, (_group, day) in plan.newcomers.items()}
    since = (latest - dt.timedelta(days=RECENTLY_MET_DAYS)).date().isoformat()
    for cid, day in database_proxy.execute_sql(
        "SELECT id, met_on FROM contact WHERE met_on >= ?", (since,)
    ):
        met_on.setdefault(cid, dt.date.fromisoformat(day))
    # A "met" entry is met where the person's card says they were met: its summary named a
    # place drawn apart, so someone met on LinkedIn (online) read "Met at the gym".
    met_where = dict(database_proxy.execute_sql("SELECT id, where_met FROM contact"))
    # A few close people get most of the attention, as in real life.
    regulars = [c for c in reachable if c not in met_on] or reachable
    favourites = rng.sample(regulars, max(1, len(regulars) // 10))
    giving = [g for g in plan.ids if plan.profiles[g] != "empty"]
    business = [g for g in plan.ids if plan.profiles[g] == "business"]
    planned = _planned(rng, plan, latest)

    def someone(when: dt.datetime) -> int:
        who = rng.choice(favourites) if rng.random() < 0.5 else rng.choice(reachable)
        met = met_on.get(who)
        return rng.choice(favourites) if met and when.date() <= met else who

    first_id = (
        Interaction.select(Interaction.id).order_by(Interaction.id.desc()).scalar() or 0
    ) + 1
    batch: list[dict[str, object]] = []
    parts: list[dict[str, object]] = []
    for n in range(size.interactions):
        group: int | None
        if n < len(planned):
            placed = planned[n]
            kind, when, who, group = placed.kind, placed.when, placed.who, placed.group
        else:
            kind = rng.choices(kinds, weights)[0]
            when = origin + dt.timedelta(seconds=rng.randrange(span))
            # Keep entries in office hours, local-ish.
            when = when.replace(hour=rng.randint(7, 19), minute=rng.choice((0, 15, 30, 45)))
            if when > latest:  # later today than now: the same hour the day before
                when -= dt.timedelta(days=1)
            who = someone(when)
            # Returns come through groups that give them; nothing comes through an empty one.
            linked = business if kind in BUSINESS_KINDS else giving
            group = rng.choice(linked) if linked and rng.random() < 0.15 else None
        template = rng.choice(SUMMARIES[kind])
        place = rng.choice(PLACES)  # drawn for every entry, so a seed's demo stays the same
        if kind == "met":
            place = met_where.get(who) or place
        summary = template.format(at_place=_at(place), need=_need_phrase(rng.choice(NEEDS)))
        amount = None
        currency = ""
        if kind in ("business_won", "referral_received", "referral_given"):
            amount = str(Decimal(rng.randrange(5, 120)) * 100)
            currency = "USD"
        if n < len(planned) and planned[n].amount is not None:
            amount = planned[n].amount
        stamp = format_utc(when)
        batch.append(
            {
                "kind": kind,
                "occurred_at": stamp,
                "summary": summary,
                "notes": "",
                "direction": {
                    "help_given": "gave",
                    "help_received": "received",
                    "referral_given": "gave",
                    "referral_received": "received",
                }.get(kind, ""),
                "amount": amount,
                "currency": currency,
                "group": group,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        iid = first_id + n
        # The time beside each participant too: the schema's triggers would fill it in,
        # one UPDATE per row, for 200,000 rows of the large journal.
        parts.append({"interaction": iid, "contact": who, "occurred_at": stamp})
        if kind == "introduction":
            other = someone(when)
            if other != who:
                parts.append({"interaction": iid, "contact": other, "occurred_at": stamp})
        if len(batch) >= 2000:
            _flush(batch, parts)
    _flush(batch, parts)


def _flush(batch: list[dict[str, object]], parts: list[dict[str, object]]) -> None:
    for chunk in _chunks(batch):
        Interaction.insert_many(chunk).execute()
    for chunk in _chunks(parts, 800):
        InteractionParticipant.insert_many(chunk).execute()
    batch.clear()
    parts.clear()


def _followups(
    rng: random.Random, contact_ids: list[int], today: dt.date, now: dt.datetime
) -> None:
    """A few follow-ups: some overdue, one due today, most ahead, a share already done."""
    if not contact_ids:
        return
    stamp = format_utc(now)
    count = max(8, len(contact_ids) // 40)
    rows: list[dict[str, object]] = []
    for n, cid in enumerate(rng.sample(contact_ids, min(count, len(contact_ids)))):
        due = today + dt.timedelta(days=(-12, -4, -1, 0)[n] if n < 4 else rng.randint(-20, 30))
        done = due < today and n >= 4 and rng.random() < 0.6
        rows.append(
            {
                "contact": cid,
                "due_on": due.isoformat(),
                "text": rng.choice(FOLLOW_UPS),
                "done_at": format_utc(now - dt.timedelta(days=rng.randint(0, 5))) if done else None,
                "created_at": stamp,
            }
        )
    for chunk in _chunks(rows):
        FollowUp.insert_many(chunk).execute()
