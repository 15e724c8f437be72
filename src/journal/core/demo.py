"""A generated journal that looks lived-in: for `journal demo`, screenshots and benchmarks.

Deterministic for a given seed. Writes in bulk (a few statements per thousand rows) because
the benchmark journal has 20,000 contacts and 200,000 interactions.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from journal.core.contacts import tag_ids as core_tag_ids
from journal.core.names import display_name, sort_key
from journal.store.fields import format_utc
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
# Names in other scripts, so the demo shows the journal handles them.
WORLD_NAMES = (
    ("王", "小明"),
    ("李", "娜"),
    ("佐藤", "健"),
    ("김", "민준"),
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
SUMMARIES = {
    "met": ("Met at {place}", "First hello at {place}"),
    "call": ("Catch-up call", "Called about {need}", "Quick call to plan next steps"),
    "coffee": ("Coffee, talked about {need}", "Coffee downtown", "Coffee: family, holidays, work"),
    "lunch": ("Lunch, long chat about their plans", "Lunch near their office"),
    "message": ("Sent congratulations on the new role", "Shared an article on {need}"),
    "email": ("Emailed the proposal", "Sent notes from our meeting"),
    "meeting": ("Project meeting", "Planning session"),
    "introduction": ("Introduced them to someone who needs {need}",),
    "referral_given": ("Referred a client looking for {need}",),
    "referral_received": ("They sent me a client",),
    "help_given": ("Reviewed their pitch deck", "Helped with {need}"),
    "help_received": ("They helped me find {need}", "Advice on pricing"),
    "business_won": ("Signed a project",),
    "support": ("Checked in while I was travelling",),
    "learning": ("Talk on {need}",),
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
    ),
)


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
NEW_PEOPLE = 6  # the last few contacts: met in the last weeks, not followed up yet


@dataclass(frozen=True)
class DemoSize:
    """How big a generated journal is."""

    contacts: int = 320
    interactions: int = 2600
    groups: int = 6
    years: int = 3


SMALL = DemoSize()
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
        group_ids = _groups(rng, size, start, today, now, contact_ids)
        say("timeline")
        settled = contact_ids[:-NEW_PEOPLE] or contact_ids
        _interactions(rng, size, start, min(now, _end_of(today)), settled, group_ids)
        say("follow-ups")
        _followups(rng, settled, today, now)


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
        fresh = n >= size.contacts - NEW_PEOPLE
        if fresh:
            met = today - dt.timedelta(days=4 + 3 * (size.contacts - n))
        rows.append(
            {
                "given_name": given,
                "family_name": family,
                "display_name": shown,
                "sort_name": sort_key(shown),
                "organisation": org,
                "title": rng.choice(TITLES),
                "how_met": "" if rng.random() < 0.5 else "Introduced at " + rng.choice(PLACES),
                "where_met": rng.choice(PLACES),
                "met_on": met.isoformat(),
                "met_mode": rng.choice(("in_person", "in_person", "online")),
                "stage": "new" if fresh else rng.choice(STAGES),
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
) -> list[int]:
    stamp = format_utc(now)
    group_ids: list[int] = []
    for n in range(size.groups):
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
        ) = GROUP_TEMPLATES[n % len(GROUP_TEMPLATES)]
        if n >= len(GROUP_TEMPLATES):
            name = f"{name} {n // len(GROUP_TEMPLATES) + 1}"
        joined = start + dt.timedelta(days=rng.randrange(0, 200))
        values = {
            "name": name,
            "kind": kind,
            "status": "active",
            "joined_on": joined.isoformat(),
            "meeting_cadence": cadence,
            "required_attendance_pct": required,
            "meeting_minutes": minutes,
            "travel_minutes": travel,
            "dues_amount": dues,
            "dues_currency": currency,
            "dues_period": period,
            "role": role,
            "role_hours_per_month": role_hours,
            "referral_quota_per_month": quota,
            "created_at": stamp,
            "updated_at": stamp,
        }
        gid = Group.insert(**values).execute()
        step = {"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 91}.get(cadence, 45)
        first = joined + dt.timedelta(days=rng.randrange(0, step))
        if cadence in ("weekly", "fortnightly"):
            # Meetings fall on one weekday, so the Today page can tell when the next one is.
            Group.update(meeting_weekday=first.weekday()).where(Group.id == gid).execute()
        GroupDemandChange.create(group=gid, changed_at=now, demands_json="{}")
        group_ids.append(gid)
        members = rng.sample(contact_ids, min(len(contact_ids), rng.randint(8, 40)))
        GroupMember.insert_many(
            [{"group": gid, "contact": c, "since": joined.isoformat()} for c in members]
        ).execute()
        keen = rng.random()  # some groups the user loves, some they drift away from
        day = first
        meetings = []
        while day <= today:
            roll = rng.random()
            attendance = (
                "attended"
                if roll < 0.35 + keen * 0.55
                else "excused"
                if roll < 0.9
                else "substitute"
                if roll < 0.93
                else "missed"
            )
            rating = (
                rng.choice(("worth_it", "so_so", "waste", "")) if attendance == "attended" else ""
            )
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
        attended = [
            m.id
            for m in Meeting.select(Meeting.id).where(
                (Meeting.group == gid) & (Meeting.attendance == "attended")
            )
        ]
        people: list[dict[str, object]] = []
        for mid in rng.sample(attended, min(len(attended), 12)):
            for cid in rng.sample(members, min(len(members), 2)):
                people.append({"meeting": mid, "contact": cid})
        for chunk in _chunks(people):
            MeetingPerson.insert_many(chunk).on_conflict_ignore().execute()
    return group_ids


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23), dt.timezone.utc)


def _interactions(
    rng: random.Random,
    size: DemoSize,
    start: dt.date,
    latest: dt.datetime,
    contact_ids: list[int],
    group_ids: list[int],
) -> None:
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    span = int((latest - dt.datetime.combine(start, dt.time(8), dt.timezone.utc)).total_seconds())
    origin = dt.datetime.combine(start, dt.time(8), dt.timezone.utc)
    # A few close people get most of the attention, as in real life.
    favourites = rng.sample(contact_ids, max(1, len(contact_ids) // 10))
    first_id = (
        Interaction.select(Interaction.id).order_by(Interaction.id.desc()).scalar() or 0
    ) + 1
    batch: list[dict[str, object]] = []
    parts: list[dict[str, object]] = []
    for n in range(size.interactions):
        kind = rng.choices(kinds, weights)[0]
        when = origin + dt.timedelta(seconds=rng.randrange(span))
        # Keep entries in office hours, local-ish.
        when = when.replace(hour=rng.randint(7, 19), minute=rng.choice((0, 15, 30, 45)))
        if when > latest:
            when = latest - dt.timedelta(minutes=rng.randrange(30, 600))
        template = rng.choice(SUMMARIES[kind])
        summary = template.format(place=rng.choice(PLACES), need=rng.choice(NEEDS))
        amount = None
        currency = ""
        if kind in ("business_won", "referral_received", "referral_given"):
            amount = str(Decimal(rng.randrange(5, 120)) * 100)
            currency = "USD"
        group = rng.choice(group_ids) if group_ids and rng.random() < 0.15 else None
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
        who = rng.choice(favourites) if rng.random() < 0.5 else rng.choice(contact_ids)
        parts.append({"interaction": iid, "contact": who})
        if kind == "introduction":
            other = rng.choice(contact_ids)
            if other != who:
                parts.append({"interaction": iid, "contact": other})
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
    """A few follow-ups: some overdue, some due today, most ahead, a share already done."""
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
