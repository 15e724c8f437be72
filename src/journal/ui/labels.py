"""Translatable display labels for the core's stored codes (kinds, stages, statuses...)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def interaction_kinds() -> dict[str, str]:
    """Timeline entry kinds."""
    return {
        "met": _t("Met"),
        "call": _t("Call"),
        "coffee": _t("Coffee"),
        "lunch": _t("Lunch"),
        "message": _t("Message"),
        "email": _t("Email"),
        "meeting": _t("Meeting"),
        "introduction": _t("Introduction"),
        "referral_given": _t("Referral given"),
        "referral_received": _t("Referral received"),
        "help_given": _t("Help given"),
        "help_received": _t("Help received"),
        "business_won": _t("Business won"),
        "support": _t("Support from a member"),
        "learning": _t("Learning"),
        "note": _t("Note"),
    }


def stages() -> dict[str, str]:
    """Relationship stages."""
    return {
        "new": _t("New"),
        "acquaintance": _t("Acquaintance"),
        "contact": _t("Contact"),
        "client": _t("Client"),
        "referral_partner": _t("Referral partner"),
        "partner": _t("Partner"),
        "friend": _t("Friend"),
    }


def stage_label(code: str) -> str:
    """A stage's label; user-invented stages show as typed."""
    return stages().get(code, code)


def directions() -> dict[str, str]:
    """Who gave and who received."""
    return {"": _t("—"), "gave": _t("I gave"), "received": _t("I received"), "mutual": _t("Mutual")}


def channel_kinds() -> dict[str, str]:
    """Ways to reach someone."""
    return {
        "email": _t("Email"),
        "phone": _t("Phone"),
        "url": _t("Website"),
        "social": _t("Social"),
        "address": _t("Address"),
    }


def met_modes() -> dict[str, str]:
    """In person or online."""
    return {"": _t("Not recorded"), "in_person": _t("In person"), "online": _t("Online")}


def group_kinds() -> dict[str, str]:
    """Kinds of groups."""
    return {
        "referral_club": _t("Referral club"),
        "chamber": _t("Chamber of commerce"),
        "association": _t("Association"),
        "mastermind": _t("Mastermind"),
        "alumni": _t("Alumni circle"),
        "online_community": _t("Online community"),
        "meetup": _t("Meet-up"),
        "other": _t("Other"),
    }


def group_statuses() -> dict[str, str]:
    """Where a membership stands."""
    return {
        "active": _t("Active"),
        "reduced": _t("Reduced involvement"),
        "paused": _t("Paused"),
        "left": _t("Left"),
    }


def cadences() -> dict[str, str]:
    """How often a group meets."""
    return {
        "": _t("Not set"),
        "weekly": _t("Weekly"),
        "fortnightly": _t("Every two weeks"),
        "monthly": _t("Monthly"),
        "quarterly": _t("Quarterly"),
        "yearly": _t("Yearly"),
        "irregular": _t("Irregular"),
    }


def dues_periods() -> dict[str, str]:
    """How often dues are paid."""
    return {
        "": _t("—"),
        "month": _t("per month"),
        "quarter": _t("per quarter"),
        "year": _t("per year"),
        "once": _t("once"),
    }


def attendance() -> dict[str, str]:
    """Whether the user was at a meeting."""
    return {
        "attended": _t("Attended"),
        "missed": _t("Missed"),
        "excused": _t("Excused"),
        "substitute": _t("Sent a substitute"),
    }


def meeting_ratings() -> dict[str, str]:
    """How a meeting felt."""
    return {
        "": _t("—"),
        "worth_it": _t("Worth it"),
        "so_so": _t("So-so"),
        "waste": _t("Waste of time"),
    }


def weekdays() -> list[str]:
    """Monday first, as stored (0 = Monday)."""
    return [
        _t("Monday"),
        _t("Tuesday"),
        _t("Wednesday"),
        _t("Thursday"),
        _t("Friday"),
        _t("Saturday"),
        _t("Sunday"),
    ]
