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


def money(
    field: str, value: Decimal | str | int | None, decimal_point: str | None = None
) -> Decimal | None:
    """A non-negative exact amount, or None.

    Text is read as people type amounts (see plain_number); `decimal_point` is the one the
    user's locale writes ("," in German), when the text comes from a form.
    """
    if value is None or value == "":
        return None
    try:
        amount = Decimal(plain_number(value, decimal_point) if isinstance(value, str) else value)
    except _AmbiguousAmountError as error:
        raise ValidationError(field, str(error)) from None
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError(field, f"'{value}' is not an amount") from None
    if not amount.is_finite():
        raise ValidationError(field, f"'{value}' is not an amount")
    if amount < 0:
        raise ValidationError(field, f"cannot be negative (got {amount})")
    if amount >= Decimal("1e15"):
        raise ValidationError(field, f"is implausibly large ({amount})")
    return abs(amount) if amount.is_zero() else amount  # "-0" is 0


# Digits with commas and dots in them, a minus before: "1e3", "0x10" and "NaN" are no
# amounts a person types.
_AMOUNT_TEXT = re.compile(r"-?(?:[0-9][0-9.,]*|[.,][0-9]+)")


class _AmbiguousAmountError(ValueError):
    """The text reads as two amounts a thousand times apart."""


def plain_number(text: str, decimal_point: str | None = None) -> str:
    """An amount as typed ("1,200", "1 200", "1.200,50", "120,50") as plain decimal text.

    Spaces and apostrophes group thousands. With both a comma and a dot, the last one is
    the decimal point. With one of them once, it is the decimal point unless exactly three
    digits follow it and a number other than 0 comes before ("1.200", "12,505"): then
    `decimal_point` says which it is, the locale's way; without one (the command line) a
    dot is a decimal point and a comma groups thousands. Raises ValueError for anything
    else (a letter, a group of one digit).
    """
    cleaned = re.sub(r"[\s\u00a0\u202f']", "", str(text))
    if not _AMOUNT_TEXT.fullmatch(cleaned):
        raise ValueError(text)
    sign, digits = ("-", cleaned[1:]) if cleaned.startswith("-") else ("", cleaned)
    marks = {mark for mark in ",." if mark in digits}
    if len(marks) == 2:
        point = digits[max(digits.rfind(","), digits.rfind("."))]
        whole, _, fraction = digits.rpartition(point)
        return f"{sign}{_ungrouped(whole, ',' if point == '.' else '.')}.{fraction}"
    if not marks:
        return cleaned
    (mark,) = marks
    if digits.count(mark) > 1:
        return sign + _ungrouped(digits, mark)
    whole, _, fraction = digits.partition(mark)
    if len(fraction) != 3 or whole in ("", "0"):
        return f"{sign}{whole}.{fraction}"
    if decimal_point is None:
        # The command line's way, as in a script or a spreadsheet's English export.
        return f"{sign}{whole}.{fraction}" if mark == "." else sign + whole + fraction
    if decimal_point == mark:
        return f"{sign}{whole}.{fraction}"
    if decimal_point in ",.":
        return sign + whole + fraction
    # A locale whose decimal point is neither (Arabic's "٫"): say both readings.
    raise _AmbiguousAmountError(
        f"'{text}' could be {whole}{fraction} or {whole}.{fraction}; write it without the "
        "separator, or with another number of decimals"
    )


def _ungrouped(whole: str, mark: str) -> str:
    """Digits grouped by `mark` in thousands (or India's lakhs: "1,00,000"), ungrouped."""
    first, *groups = whole.split(mark)
    if not 1 <= len(first) <= 3 or not first.isdigit() or not groups or len(groups[-1]) != 3:
        raise ValueError(whole)
    if any(len(group) not in (2, 3) or not group.isdigit() for group in groups):
        raise ValueError(whole)
    return "".join([first, *groups])


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
