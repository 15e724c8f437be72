"""Showing stored values to the user: local times, dates, money, all in the user's locale."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from journal.core.amounts import money_text


def isolated(text: str) -> str:
    """`text` as a unit of its own direction inside a sentence (Unicode's FSI ... PDI).

    For names and notes set among figures: after Arabic letters, "2026-11-26" reads as
    Arabic digits, and the date came out as "26-11-2026" before the name.
    """
    return f"\u2068{text}\u2069" if text else text


def local_datetime(instant: dt.datetime | None) -> str:
    """A stored UTC instant as the user's local date and time, short format."""
    if instant is None:
        return ""
    # Python's own conversion: QTimeZone.systemTimeZone() costs a third of a millisecond
    # per call, which a 200-row timeline page would pay 200 times.
    local = instant.astimezone()
    if _untranslated_locale():
        return local.strftime("%Y-%m-%d %H:%M")
    qt = QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )
    return _locale().toString(qt, QLocale.FormatType.ShortFormat)


def local_date_of(instant: dt.datetime | None) -> str:
    """The local calendar day of a stored instant."""
    if instant is None:
        return ""
    return plain_date(instant.astimezone().date())


def plain_date(day: dt.date | None) -> str:
    """A calendar date in the user's locale."""
    if day is None:
        return ""
    if _untranslated_locale():
        return day.isoformat()
    return _locale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def birthday(day: dt.date | None) -> str:
    """A birthday; one known without its year (see core.timeutil.NO_YEAR) shows none."""
    from journal.core.timeutil import has_year

    if day is None or has_year(day):
        return plain_date(day)
    if _untranslated_locale():
        # Qt's "C" locale has no month names; vCard's "--04-12" puzzled people.
        return f"{day.day} {_MONTHS[day.month - 1]}"
    return _locale().toString(QDate(2000, day.month, day.day), "d MMMM")


# English month names, for the "C" locale, whose own are numbers.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@functools.cache
def _locale() -> QLocale:
    # The user's locale is fixed for the life of the process.
    return QLocale()


@functools.cache
def _untranslated_locale() -> bool:
    # The "C" locale (no LANG set, as on servers and CI) formats dates as "8 04 2026";
    # ISO dates read better there.
    return QLocale().language() == QLocale.Language.C


def preferred_currency() -> str:
    """The currency a new amount starts in: Preferences' default, else the system locale's
    (ISO code), else none."""
    from journal.core.settings import default_currency

    chosen = default_currency()
    if chosen:
        return chosen
    code = QLocale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    return code if len(code) == 3 and code.isalpha() else ""


def decimal_point() -> str:
    """The decimal point of the user's locale ("," in German)."""
    return QLocale().decimalPoint() or "."


def typed_amount(field: str, text: str) -> Decimal | None:
    """An amount typed in a form, read the locale's way: "1.200" is 1200 in German and 1.2
    in English (see validate.money). None when blank."""
    from journal.core import validate

    return validate.money(field, text.strip(), decimal_point())


def editable_amount(amount: Decimal | str | None) -> str:
    """A stored amount as a form shows it to edit: the locale's decimal point, no grouping,
    so saving it unchanged reads back the same amount."""
    if amount is None or amount == "":
        return ""
    return format(Decimal(amount), "f").replace(".", decimal_point())


def money(amount: Decimal | None, currency: str) -> str:
    """An amount with its currency code; never converted, never mixed, never rounded."""
    return money_text(amount, currency)


def relative_days(day: dt.date | None, today: dt.date) -> str:
    """ "today", "3 days ago", "in 2 weeks": for last-contact and due columns."""
    if day is None:
        return QCoreApplication.translate("formatting", "never")
    delta = (day - today).days
    tr = QCoreApplication.translate
    if delta == 0:
        return tr("formatting", "today")
    if delta == -1:
        return tr("formatting", "yesterday")
    if delta == 1:
        return tr("formatting", "tomorrow")
    span = abs(delta)
    if span < 14:
        amount = tr("formatting", "%n day(s)", "", span)
    elif span < 60:
        amount = tr("formatting", "%n week(s)", "", span // 7)
    elif span < 730:
        amount = tr("formatting", "%n month(s)", "", span // 30)
    else:
        amount = tr("formatting", "%n year(s)", "", span // 365)
    return (
        tr("formatting", "%1 ago").replace("%1", amount)
        if delta < 0
        else tr("formatting", "in %1").replace("%1", amount)
    )
