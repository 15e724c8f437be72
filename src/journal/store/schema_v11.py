"""Schema step 11, frozen as SQL: a phone number is found by its digits, however it was
written and however it is typed.

The search entry held a phone as written, so "+1 (555) 492-3566" was found by "555 492"
but not by "5554923566" as pasted from a call log, nor by "05554923566" with a trunk
prefix; a number stored without spaces was not found by "555 492 3566". A phone's part
of the entry now also holds its digits without the country code (told by the code's
first digits, which ITU's plan makes unambiguous) and without the zeros of a trunk
prefix: one more word per phone, since the query side makes the same form of what is
typed (core/search.py), and a search as you type begins it as a prefix.

The forms are made in SQL by the contact_search_doc view, which the triggers read, and in
Python by phone_search_text() for imports (store/bulk.py): a unit test holds them to the
same text. The constants are frozen with the step: a later change needs a step of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from journal.store.schema_v1 import split_sql
from journal.store.schema_v5 import _DOCUMENT as CONTACT_DOCUMENT
from journal.store.schema_v5 import Folds, folded
from journal.store.schema_v9 import LETTER_FOLDS, search_view

# What people and address books put between a number's digits: spaces (no-break and
# narrow ones from formatted text), hyphens and dashes, brackets, dots, slashes. A "+"
# counts only in front.
SEPARATORS = " \t\u00a0\u202f-\u2010\u2011\u2012\u2013()./"
# A number shorter than this is no phone worth its digits (an extension, a short code).
MIN_DIGITS = 7
# E.164 country codes are a prefix code: +1 and +7 have one digit, these two-digit
# starts are whole codes of two, and every other code has three digits.
ONE_DIGIT_CODES = ("1", "7")
TWO_DIGIT_CODES = (
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45",
    "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61",
    "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94",
    "95", "98",
)  # fmt: skip

DROP_SEPARATORS = str.maketrans("", "", SEPARATORS)  # for str.translate
_ONE, _TWO = frozenset(ONE_DIGIT_CODES), frozenset(TWO_DIGIT_CODES)


def country_code_length(digits: str) -> int:
    """How many of an international number's first digits are its country code."""
    if digits[:1] in _ONE:
        return 1
    return 2 if digits[:2] in _TWO else 3


def phone_search_texts(values: Sequence[str]) -> list[str]:
    """phone_search_text() of many phones at once (an import's column of them): the
    separators of all go in one call in C, the rest is a few operations per number."""
    packed = "\x1f".join(values).translate(DROP_SEPARATORS).split("\x1f")
    if len(packed) != len(values):
        # A unit separator inside a value, which makes it no number: the others one by one.
        return [value if "\x1f" in value else phone_search_texts([value])[0] for value in values]
    texts = []
    for value, number in zip(values, packed, strict=True):
        international = number[:1] == "+" or number[:2] == "00"
        digits = number[1:] if number[:1] == "+" else number[2:] if international else number
        if len(digits) < MIN_DIGITS or not (digits.isascii() and digits.isdigit()):
            texts.append(value)  # more than a number, or too short to be a phone
            continue
        national = digits[country_code_length(digits) :] if international else digits
        form = national.lstrip("0")
        texts.append(f"{value} {form}" if form and form != value else value)
    return texts


def phone_form(value: str) -> str:
    """The digits a phone's search entry holds besides its text: the number without its
    country code and trunk zeros ("" when it has none, or they are the text itself)."""
    return phone_search_texts([value])[0][len(value) + 1 :]


def phone_search_text(kind: str, value: str) -> str:
    """A channel's text in its contact's search entry: the value, and a phone's digits."""
    return phone_search_texts([value])[0] if kind == "phone" else value


def _quoted(texts: tuple[str, ...] | str) -> str:
    return ", ".join(f"'{text}'" for text in texts)


# phone_form() in SQL: packed (separators gone), then digits, then national.
_PACKED = folded("value", tuple((separator, "") for separator in SEPARATORS))
_CODE_LENGTH = (
    f"CASE WHEN substr(digits, 1, 1) IN ({_quoted(ONE_DIGIT_CODES)}) THEN 1 "
    f"WHEN substr(digits, 1, 2) IN ({_quoted(TWO_DIGIT_CODES)}) THEN 2 ELSE 3 END"
)
# A channel's digits, as a scalar subquery over its `value`: a layer of subquery per step,
# each reading the one below by name. The innermost layer is DISTINCT (of one row), which
# makes SQLite run it as a co-routine instead of flattening it into the layers above:
# flattened, every use of `packed` would repeat its 13 replace() calls (4.5 times the
# work).
_PHONE_DIGITS = f"""(
  SELECT CASE WHEN length(digits) >= {MIN_DIGITS} AND digits NOT GLOB '*[^0-9]*'
      AND ltrim(national, '0') NOT IN ('', value)
    THEN ' ' || ltrim(national, '0') ELSE '' END
  FROM (
    SELECT digits,
      CASE WHEN international THEN substr(digits, 1 + {_CODE_LENGTH}) ELSE digits END AS national
    FROM (
      SELECT international,
        CASE WHEN substr(packed, 1, 1) = '+' THEN substr(packed, 2)
          WHEN international THEN substr(packed, 3) ELSE packed END AS digits
      FROM (
        SELECT packed, substr(packed, 1, 1) = '+' OR substr(packed, 1, 2) = '00' AS international
        FROM (SELECT DISTINCT {_PACKED} AS packed)
      )
    )
  )
)"""

# A view of its own, which keeps its layers out of the search view's parse (SQLite's parser
# has a fixed stack, and the search view's folds use most of it). It reads one table, so a
# `WHERE contact_id = ?` reads one contact's channels by their index, in the order the
# search view always joined them.
_CHANNEL_VIEW = f"""
CREATE VIEW channel_search_text AS
SELECT id, contact_id, position,
  value || CASE WHEN kind = 'phone' THEN {_PHONE_DIGITS} ELSE '' END AS text
FROM contact_channel;
"""

_STEP_5_CHANNELS = """COALESCE((SELECT group_concat(ch.value, ' ') FROM contact_channel ch
              WHERE ch.contact_id = c.id), '') AS channels"""
# Step 5's document, its channels now with their digits.
_CHANNELS = """COALESCE((SELECT group_concat(text, ' ') FROM channel_search_text
              WHERE contact_id = c.id), '') AS channels"""
assert _STEP_5_CHANNELS in CONTACT_DOCUMENT
DOCUMENT = CONTACT_DOCUMENT.replace(_STEP_5_CHANNELS, _CHANNELS)

FOLDS: Folds = LETTER_FOLDS

_PHONE_OWNERS = "SELECT contact_id FROM contact_channel WHERE kind = 'phone'"

# The triggers read the view by name: a new view, the same triggers. The contacts with a
# phone are indexed again from it; the others' entries are the same either way.
SCRIPT = (
    _CHANNEL_VIEW
    + search_view(
        "contact_search_doc",
        DOCUMENT,
        ("name", "organisation", "notes", "needs", "offers", "channels", "tags"),
        FOLDS,
    )
    + f"""
DELETE FROM contact_fts WHERE rowid IN ({_PHONE_OWNERS});
INSERT INTO contact_fts (rowid, name, organisation, notes, needs, offers, channels, tags)
SELECT * FROM contact_search_doc WHERE id IN ({_PHONE_OWNERS});
"""
)


def statements() -> list[str]:
    """Every statement of schema step 11, in order."""
    return split_sql(SCRIPT)
