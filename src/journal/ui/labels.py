"""Translatable display labels for the core's stored codes (kinds, stages, statuses...)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from journal.ui.formatting import isolated


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
    """A stage's label; a stage of the user's own in words (own_stage_label)."""
    return stages().get(code) or own_stage_label(code)


def own_stage_label(code: str) -> str:
    """A stage of the user's own in words, as the command line shows it ("vip_client",
    stored so that "VIP Client" and "vip client" are one, reads "vip client")."""
    return code.replace("_", " ")


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


def import_statuses() -> dict[str, str]:
    """What the import preview says a row will do."""
    return {
        "new": _t("New"),
        "update": _t("Update"),
        "duplicate": _t("Possible duplicate"),
        "unchanged": _t("Already there"),
        "invalid": _t("Problem"),
    }


def import_outcomes() -> dict[str, str]:
    """What importing did with a row."""
    return {
        "added": _t("Added"),
        "updated": _t("Updated"),
        "merged": _t("Merged"),
        "skipped": _t("Skipped"),
    }


def import_reason(reason: object, note: str = "") -> str:
    """Why a row is what it is, in words (core.importing.Reason), and what the journal left
    out of it (a row's note: the importer's own words, as a problem's are)."""
    said = _import_reason(reason)
    return f"{said}; {note}" if said and note else said or note


def _import_reason(reason: object) -> str:
    from journal.core.importing import Reason

    if not isinstance(reason, Reason):
        return ""
    # The name set apart from the text around it, so a right-to-left name keeps "(#3)"
    # after it instead of pulling it inside ("3#) محمد العلي").
    name = isolated(reason.other_name)
    if reason.other_id is not None:
        other = _t("%1 (#%2)").replace("%1", name).replace("%2", str(reason.other_id))
    elif reason.other_line is not None:
        other = _t("%1 (line %2)").replace("%1", name).replace("%2", str(reason.other_line))
    else:
        other = name
    texts = {
        "same_uid": _t("The same card as %1"),
        "same_email": _t("The same e-mail as %1: %2"),
        "same_phone": _t("The same phone number as %1: %2"),
        "same_link": _t("The same profile link as %1: %2"),
        "similar_name": (
            _t("A similar name at the same organisation as %1")
            if reason.detail
            else _t("A similar name to %1; neither has an organisation")
        ),
        "nothing_new": (
            _t("Already in the journal as %1; nothing new")
            if reason.other_id is not None or reason.other_line is None
            else _t("The same as %1 of this file; nothing new")
        ),
    }
    text = texts.get(reason.code)
    if text is None:  # a problem with the row: the reader's or the journal's own words
        return reason.detail
    return text.replace("%1", other).replace("%2", reason.detail)
