"""Peewee fields for the journal's value types: UTC instants, plain dates and exact money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar

import peewee

# Peewee's stubs make fields generic in the value they hold; at run time they are not.
if TYPE_CHECKING:
    _InstantBase = peewee.Field[dt.datetime | None]
    _DateBase = peewee.Field[dt.date | None]
    _MoneyBase = peewee.Field[Decimal | None]
else:
    _InstantBase = _DateBase = _MoneyBase = peewee.TextField


class UTCDateTimeField(_InstantBase):
    """An instant stored as ISO-8601 UTC text ("2026-11-24T09:30:00Z"), read back as aware UTC.

    Text sorts chronologically and stays readable in any SQLite browser; naive datetimes are
    refused because a naive instant is a time-zone bug waiting to happen.
    """

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return value
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC field; attach a time zone first")
        return format_utc(value)

    def python_value(self, value: Any) -> dt.datetime | None:
        return parse_utc(value) if value is not None else None


def parse_utc(text: str) -> dt.datetime:
    """Parse the stored UTC text (with or without microseconds) into an aware datetime."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def format_utc(value: dt.datetime) -> str:
    """The stored text for an aware datetime, for use in raw SQL comparisons."""
    # isoformat, not strftime: strftime("%Y") does not pad years before 1000 to four digits,
    # which would break both parsing and the text's chronological order.
    utc = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"


T = TypeVar("T")


def stored(value: T | None) -> T:
    """A value read from a NOT NULL column (the fields' types allow None for nullable ones)."""
    if value is None:
        raise ValueError("a NOT NULL column held NULL")
    return value


class PlainDateField(_DateBase):
    """A calendar date without a time (birthday, meeting day), stored as YYYY-MM-DD."""

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            return value
        return str(value.isoformat())

    def python_value(self, value: Any) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None


class MoneyField(_MoneyBase):
    """An exact Decimal amount stored as text, so SQLite never turns it into a float."""

    def db_value(self, value: Any) -> str | None:
        if value is None:
            return None
        return str(Decimal(value))

    def python_value(self, value: Any) -> Decimal | None:
        if value is None or value == "":
            return None
        try:
            return Decimal(value)
        except InvalidOperation:
            return None
