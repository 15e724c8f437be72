"""The journal's fixed vocabularies, as stored codes. The UI translates them for display."""

from __future__ import annotations

INTERACTION_KINDS: tuple[str, ...] = (
    "met",
    "call",
    "coffee",
    "lunch",
    "message",
    "email",
    "meeting",
    "introduction",
    "referral_given",
    "referral_received",
    "help_given",
    "help_received",
    "business_won",
    "support",
    "learning",
    "note",
)

# English labels for the CLI; the GUI has its own tr() table with the same keys.
INTERACTION_KIND_LABELS: dict[str, str] = {
    "met": "Met",
    "call": "Call",
    "coffee": "Coffee",
    "lunch": "Lunch",
    "message": "Message",
    "email": "Email",
    "meeting": "Meeting",
    "introduction": "Introduction",
    "referral_given": "Referral given",
    "referral_received": "Referral received",
    "help_given": "Help given",
    "help_received": "Help received",
    "business_won": "Business won",
    "support": "Support from a member",
    "learning": "Learning",
    "note": "Note",
}

DIRECTIONS: tuple[str, ...] = ("", "gave", "received", "mutual")

DEFAULT_STAGES: tuple[str, ...] = (
    "new",
    "acquaintance",
    "contact",
    "client",
    "referral_partner",
    "partner",
    "friend",
)

CHANNEL_KINDS: tuple[str, ...] = ("email", "phone", "url", "social", "address")

MET_MODES: tuple[str, ...] = ("", "in_person", "online")

GROUP_KINDS: tuple[str, ...] = (
    "referral_club",
    "chamber",
    "association",
    "mastermind",
    "alumni",
    "online_community",
    "meetup",
    "other",
)

GROUP_STATUSES: tuple[str, ...] = ("active", "reduced", "paused", "left")

CADENCES: dict[str, int] = {
    # code -> days between meetings (0 = no fixed rhythm)
    "": 0,
    "weekly": 7,
    "fortnightly": 14,
    "monthly": 30,
    "quarterly": 91,
    "yearly": 365,
    "irregular": 0,
}

DUES_PERIODS: dict[str, int] = {"": 0, "month": 1, "quarter": 3, "year": 12, "once": 0}

ATTENDANCE: tuple[str, ...] = ("attended", "missed", "excused", "substitute")

MEETING_RATINGS: tuple[str, ...] = ("", "worth_it", "so_so", "waste")

RATING_RANGE = range(1, 6)  # know / like / trust, 1 (barely) to 5 (fully)
