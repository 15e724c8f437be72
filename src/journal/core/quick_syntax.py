"""The quick-add line's syntax: tokens, kind words, dates and amounts. Pure: no journal here.

`coffee @"Jane Doe" ~BNI needs a bookkeeper #accounting $1,200 >2w <yesterday`

A token starts at the beginning of the line or after white space. `@`, `~`, `#`, `$`, `>`
and `<` at the start of a token give it a meaning; `@` and `~` take a "quoted name" with
spaces. Everything else is the summary. The meanings that need the journal (which
contact, which group) are decided by journal.core.quick_add.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from journal.core import validate
from journal.core.errors import ValidationError
from journal.core.periods import add_months
from journal.core.vocabulary import INTERACTION_KINDS

SIGILS = "@~#$><"
# Punctuation that ends a sentence or a list, not a name: "met @Jane, @Omar."
TRAILING = ",.;:!?)]}"
# No word of the language needs more digits than this; more is a typo, not a date.
MAX_DIGITS = 6

# The first word of the line, if it is one of these, says what kind of entry it is.
KIND_WORDS: dict[str, str] = {
    "met": "met",
    "meet": "met",
    "call": "call",
    "called": "call",
    "phoned": "call",
    "coffee": "coffee",
    "lunch": "lunch",
    "meeting": "meeting",
    "message": "message",
    "messaged": "message",
    "texted": "message",
    "email": "email",
    "emailed": "email",
    "intro": "introduction",
    "introduced": "introduction",
    "introduction": "introduction",
    # A referral you gave: giving first is the habit the journal encourages. A referral
    # you received is `referral-received` (or the stored code), said on purpose.
    "referral": "referral_given",
    "referred": "referral_given",
    "gave": "help_given",
    "helped": "help_given",
    "won": "business_won",
    "note": "note",
}


def kind_for(word: str) -> str | None:
    """The stored interaction kind a first word names, or None (then it is summary text)."""
    folded = word.casefold()
    if folded in KIND_WORDS:
        return KIND_WORDS[folded]
    code = folded.replace("-", "_")
    return code if code in INTERACTION_KINDS else None


# A to-do's first word, when it is a verb for how the thing gets done ("Send the deck").
TODO_VERBS: dict[str, str] = {
    "send": "email",
    "mail": "email",
    "e-mail": "email",
    "phone": "call",
    "ring": "call",
    "text": "message",
    "thank": "message",
    "introduce": "introduction",
    "refer": "referral_given",
    "visit": "met",
}


def kind_of_todo(text: str) -> str:
    """The kind an entry doing this to-do most likely is, from its first word; else "note".

    Logging a follow-up ("Call Omar back") offers this kind, as quick add reads its line.
    """
    words = text.split(maxsplit=1)
    if not words:
        return "note"
    word = words[0].strip(TRAILING).casefold()
    return kind_for(word) or TODO_VERBS.get(word, "note")


@dataclass(frozen=True)
class Token:
    """One piece of the line: a plain word, or a sigil with what follows it."""

    sigil: str  # one of SIGILS, or "" for a plain word
    value: str  # the name, tag, date or amount without its sigil, quotes or trailing comma
    raw: str  # as typed
    quoted: bool = False
    closed: bool = True  # False for `@"Jane` with no closing quote
    start: int = field(default=0, compare=False)  # where `raw` begins in the line


def tokens(text: str) -> list[Token]:
    """Split a line into tokens; never fails, whatever the text."""
    found: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        if text[i] in "@~" and i + 1 < n and text[i + 1] == '"':
            close = text.find('"', i + 2)
            end = n if close == -1 else close + 1
            value = text[i + 2 : n if close == -1 else close]
            found.append(Token(text[i], value, text[start:end], True, close != -1, start=start))
            i = end
            continue
        while i < n and not text[i].isspace():
            i += 1
        raw = text[start:i]
        value = raw[1:].rstrip(TRAILING) if raw[0] in SIGILS else ""
        if value:
            found.append(Token(raw[0], value, raw, start=start))
        else:
            found.append(Token("", raw, raw, start=start))
    return found


@dataclass(frozen=True)
class Typing:
    """The `@name`, `~group` or `#tag` being typed where the cursor is, for completion."""

    sigil: str
    prefix: str  # what was typed after the sigil (and its opening quote), up to the cursor
    start: int  # where the token begins
    end: int  # where it ends (a completion replaces start..end)


def typing_at(text: str, cursor: int) -> Typing | None:
    """The name, group or tag token the cursor is in or just after, if any."""
    for token in tokens(text):
        end = token.start + len(token.raw)
        if not token.start < cursor <= end:
            continue
        sigil = token.raw[0]
        if sigil not in "@~#":
            return None
        typed = text[token.start + 1 : cursor]
        if typed.startswith('"'):
            typed = typed[1:]
        elif any(ch.isspace() for ch in typed):
            return None
        return Typing(sigil, typed.rstrip('"'), token.start, end)
    return None


class QuickSyntaxError(Exception):
    """A token meant as a date or an amount that cannot be one; str() says why."""


# --- dates --------------------------------------------------------------------------------

WEEKDAYS: dict[str, int] = {}
for _number, _name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
):
    WEEKDAYS[_name] = _number
    WEEKDAYS[_name[:3]] = _number
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_UNITS = {
    "d": "d", "day": "d", "days": "d",
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
    "m": "m", "mo": "m", "mos": "m", "month": "m", "months": "m",
    "y": "y", "yr": "y", "yrs": "y", "year": "y", "years": "y",
}  # fmt: skip
_SPAN = re.compile(r"(\d+)([a-z]+)", re.ASCII)
_ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}", re.ASCII)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)


def _shift(today: dt.date, count: int, unit: str, sign: int) -> dt.date:
    try:
        if unit == "d":
            return today + sign * dt.timedelta(days=count)
        if unit == "w":
            return today + sign * dt.timedelta(weeks=count)
        return add_months(today, sign * count * (12 if unit == "y" else 1))
    except (OverflowError, ValueError):
        raise QuickSyntaxError("is too far away") from None


def _iso_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(
            "-".join(part.zfill(2) if i else part for i, part in enumerate(text.split("-")))
        )
    except ValueError:
        raise QuickSyntaxError(f"'{text}' is not a real date (use YYYY-MM-DD)") from None


def _span(text: str, today: dt.date, sign: int) -> dt.date | None:
    match = _SPAN.fullmatch(text)
    if match is None or match.group(2) not in _UNITS:
        return None
    digits = match.group(1)
    if len(digits) > MAX_DIGITS:
        raise QuickSyntaxError("is too far away")
    return _shift(today, int(digits), _UNITS[match.group(2)], sign)


def due_day(text: str, today: dt.date) -> dt.date | None:
    """The day a `>` token names: `2w`, `3d`, `1m`, `friday` (the next one), `tomorrow`,
    `today`, `2026-12-01`. None when the text is not meant as a date at all."""
    word = text.casefold()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + dt.timedelta(days=1)
    if word in WEEKDAYS:
        ahead = (WEEKDAYS[word] - today.weekday() - 1) % 7 + 1  # strictly after today
        return today + dt.timedelta(days=ahead)
    if _ISO_DAY.fullmatch(word):
        return _iso_day(word)
    return _span(word, today, +1)


@dataclass(frozen=True)
class When:
    """When something happened, as a `<` token says: a local day, and maybe a time of day."""

    day: dt.date
    time: dt.time | None = None


def _clock_time(text: str) -> dt.time:
    match = _CLOCK.fullmatch(text)
    if match is None:
        raise QuickSyntaxError(f"'{text}' is not a time (use HH:MM)")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise QuickSyntaxError(f"'{text}' is not a time of day")
    return dt.time(hour, minute)


def when(text: str, today: dt.date) -> When | None:
    """The moment a `<` token names: `yesterday`, `3d` (three days ago), `monday` (the last
    one), `2026-11-20`, `2026-11-20T14:30`, `14:30` (today). None when not a date at all."""
    word = text.casefold()
    if word == "today":
        return When(today)
    if word == "yesterday":
        return When(today - dt.timedelta(days=1))
    if word == "tomorrow":  # a date, but one to come: the entry says it has not happened
        return When(today + dt.timedelta(days=1))
    if word in WEEKDAYS:
        back = (today.weekday() - WEEKDAYS[word] - 1) % 7 + 1  # strictly before today
        return When(today - dt.timedelta(days=back))
    if _CLOCK.fullmatch(word):
        return When(today, _clock_time(word))
    day_part, sep, time_part = word.partition("t")
    if _ISO_DAY.fullmatch(day_part):
        return When(_iso_day(day_part), _clock_time(time_part) if sep else None)
    day = _span(word, today, -1)
    return When(day) if day is not None else None


# --- amounts ------------------------------------------------------------------------------

_AMOUNT = re.compile(
    r"(?P<number>\d[\d.,'\u00a0]*)(?P<thousands>k)?(?P<currency>[a-z]{3})?",
    re.ASCII | re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    """A value typed after `$`, with the currency code typed right after it ("" if none)."""

    value: Decimal
    currency: str


def amount(text: str, decimal_point: str | None = None) -> Amount | None:
    """`1,200`, `1200.50`, `1.200,50`, `5k`, `1,200EUR`, `5kusd`; None when not meant as one.

    `decimal_point` is the locale's, for a number such as `1.200` (see validate.money)."""
    match = _AMOUNT.fullmatch(text)
    if match is None:
        return None
    number = match.group("number")
    if len(number.replace(",", "").replace(".", "")) > 20:
        raise QuickSyntaxError("is implausibly large")
    try:
        value = validate.money("amount", number, decimal_point)
    except ValidationError as error:
        raise QuickSyntaxError(error.problem) from None
    if value is None:
        return None
    if match.group("thousands"):
        value *= 1000
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))  # 1.5k is 1500, not 1500.0
    try:
        validate.money("amount", value)
    except ValidationError as error:
        raise QuickSyntaxError(error.problem) from None
    return Amount(value, (match.group("currency") or "").upper())
