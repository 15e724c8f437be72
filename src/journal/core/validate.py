"""Small checks shared by every write, each raising ValidationError naming the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from journal.core import currencies
from journal.core.errors import ValidationError

MAX_SHORT = 300
MAX_LONG = 100_000
_CURRENCY = re.compile(r"^[A-Z]{3}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def text(field: str, value: str | None, *, required: bool = False, limit: int = MAX_SHORT) -> str:
    """Trimmed text; refuses a missing required value and anything absurdly long."""
    if not value and not required:
        return ""
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError(field, "is required")
    if len(cleaned) > limit:
        raise ValidationError(field, f"is too long ({len(cleaned)} characters; at most {limit})")
    if "\x00" in cleaned:
        raise ValidationError(field, "contains a NUL character")
    return cleaned


def choice(field: str, value: str, allowed: Iterable[str]) -> str:
    """One of the allowed codes."""
    if isinstance(allowed, (tuple, frozenset, set, dict)) and value in allowed:
        return value
    options = tuple(allowed)
    if value not in options:
        shown = ", ".join(o for o in options if o) or "(none)"
        raise ValidationError(field, f"'{value}' is not one of: {shown}")
    return value


def int_range(field: str, value: int | None, low: int, high: int | None = None) -> int | None:
    """An optional whole number within [low, high]."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"must be a whole number, not {value!r}")
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ValidationError(field, f"must be {bound} (got {value})")
    return value


def money(field: str, value: Decimal | str | int | None) -> Decimal | None:
    """A non-negative exact amount, or None."""
    if value is None or value == "":
        return None
    try:
        amount = Decimal(_plain_number(str(value)))
    except InvalidOperation:
        raise ValidationError(field, f"'{value}' is not an amount") from None
    if not amount.is_finite():
        raise ValidationError(field, f"'{value}' is not an amount")
    if amount < 0:
        raise ValidationError(field, f"cannot be negative (got {amount})")
    if amount >= Decimal("1e15"):
        raise ValidationError(field, f"is implausibly large ({amount})")
    return amount


def _plain_number(text: str) -> str:
    """ "1,200" and "1 200" and "1.200,50" and "120,50" as a plain decimal number.

    A single comma followed by one or two digits is a decimal comma (as typed in much of
    Europe); other commas, and spaces, group thousands.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("'", "")
    if "," in cleaned and "." in cleaned:
        # Whichever comes last separates the decimals: 1.200,50 or 1,200.50.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1 and len(cleaned.rsplit(",", 1)[1]) in (1, 2):
        cleaned = cleaned.replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    return cleaned


def currency(field: str, value: str | None, *, required: bool, kept: str = "") -> str:
    """An ISO 4217 code such as EUR or USD; `kept`, the code already stored, passes as it
    is (a journal may hold a code from before this check, or one ISO has since retired)."""
    code = (value or "").strip().upper()
    if not code:
        if required:
            raise ValidationError(field, "a currency is needed with the amount (e.g. EUR, USD)")
        return ""
    if _CURRENCY.match(code) and (code == kept.upper() or currencies.is_iso_code(code)):
        return code
    meant = currencies.likely_meant(code)
    hint = f"did you mean {' or '.join(meant)}?" if meant else "e.g. EUR, USD, JPY"
    raise ValidationError(field, f"'{value}' is not a currency code ({hint})")


def stage_code(text: str) -> str:
    """A relationship stage as stored: "Client", " client" and "Best-Buddy" are client and
    best_buddy, so a stage typed in another case finds the same people and rhythm."""
    return "_".join(text.replace("-", " ").split()).casefold()


# The earliest day a membership or a meeting can be on: anything before is a typing slip
# ("1800-01-01"), and it would put the next quarterly review in 1800.
EARLIEST_DAY = dt.date(1900, 1, 1)


def not_ancient(field: str, value: dt.date | None) -> dt.date | None:
    """A day from EARLIEST_DAY on."""
    if value is not None and value < EARLIEST_DAY:
        raise ValidationError(
            field, f"{value.isoformat()} is before {EARLIEST_DAY.year}; check the year"
        )
    return value


def not_future(field: str, value: dt.date | None, today: dt.date) -> dt.date | None:
    """A date that has already happened (a first meeting cannot be tomorrow)."""
    if value is not None and value > today:
        raise ValidationError(field, f"{value.isoformat()} is in the future")
    return value


def email(field: str, value: str) -> str:
    """A plausible e-mail address (the mail server is the real judge)."""
    if not EMAIL.match(value):
        raise ValidationError(field, f"'{value}' does not look like an e-mail address")
    return value


def aware(field: str, value: dt.datetime) -> dt.datetime:
    """An instant with a time zone."""
    if value.tzinfo is None:
        raise ValidationError(field, "needs a time zone")
    return value
