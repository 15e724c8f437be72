"""Showing values: English plurals without a translation file, relative days, money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from journal.ui.formatting import money, relative_days


def test_plural_forms_read_naturally(qapp) -> None:  # type: ignore[no-untyped-def]
    tr = QCoreApplication.translate
    assert tr("t", "%n contact(s)", "", 1) == "1 contact"
    assert tr("t", "%n contact(s)", "", 3) == "3 contacts"
    assert tr("t", "%n entries", "", 1) == "1 entry"
    assert tr("t", "%n entries", "", 0) == "0 entries"
    assert tr("t", "%n timeline entries", "", 1) == "1 timeline entry"  # was "1 timeline entries"
    assert tr("t", "%n timeline entries", "", 2) == "2 timeline entries"
    assert tr("t", "Plain text stays") == "Plain text stays"


def test_relative_days(qapp) -> None:  # type: ignore[no-untyped-def]
    today = dt.date(2026, 11, 24)
    back = lambda days: relative_days(today - dt.timedelta(days=days), today)  # noqa: E731
    assert [back(0), back(1), back(3), back(21), back(90), back(800)] == [
        "today",
        "yesterday",
        "3 days ago",
        "3 weeks ago",
        "3 months ago",
        "2 years ago",
    ]
    assert relative_days(today + dt.timedelta(days=1), today) == "tomorrow"
    assert relative_days(today + dt.timedelta(days=10), today) == "in 10 days"
    assert relative_days(None, today) == "never"


def test_money_keeps_exact_amounts_and_currency() -> None:
    assert money(Decimal("1200"), "EUR") == "1,200 EUR"
    assert money(Decimal("12345678901234.56"), "USD") == "12,345,678,901,234.56 USD"
    assert money(None, "EUR") == ""


def test_a_birthday_without_its_year_shows_none(qapp) -> None:  # type: ignore[no-untyped-def]
    from journal.core.timeutil import NO_YEAR
    from journal.ui.formatting import birthday, plain_date

    known = dt.date(1990, 6, 1)
    assert birthday(known) == plain_date(known)
    yearless = birthday(dt.date(NO_YEAR, 3, 15))
    assert str(NO_YEAR) not in yearless
    assert "15" in yearless
    assert birthday(None) == ""
