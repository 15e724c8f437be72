"""Turning what a user types into a safe SQLite FTS5 query, and a contact search from it."""

from __future__ import annotations

import re

from journal.store.folding import plain_letters
from journal.store.schema_v6 import EAST_ASIAN_NAME
from journal.store.schema_v11 import DROP_SEPARATORS, MIN_DIGITS, country_code_length

# Anything FTS5 would read as syntax; we only ever build prefix terms ourselves.
# NUL too: FTS5 stops reading a query there and reports an "unterminated string".
_SYNTAX = re.compile(r'["*^():{}\[\]+\-\x00]')


def _words(typed: str) -> list[str]:
    """The searchable words typed, FTS5's syntax characters taken out."""
    words = []
    for word in typed.split():
        cleaned = _SYNTAX.sub(" ", word).strip()
        if cleaned and any(ch.isalnum() for ch in cleaned):
            words.append(cleaned)
    return words


def _term(word: str) -> str:
    # Quoted, so AND/OR/NOT/NEAR typed by the user are words, not operators.
    plain = plain_letters(word)
    if plain == word:
        return f'"{word}"*'
    # Either spelling: a search entry holds the text as written and its folded copy (schema
    # steps 5, 7 and 8), and the word as typed may be either.
    return f'("{word}"* OR "{plain}"*)'


def _joined(terms: list[str]) -> str:
    # FTS5 reads "a b" as a AND b for plain terms, but not beside a bracket: say it there.
    return (" AND " if any(term.startswith("(") for term in terms) else " ").join(terms)


def fts_query(typed: str) -> str | None:
    """Every word typed must match, each as a prefix: "jan bak" finds "Jane Baker"; or,
    for what looks like a phone number, its digits do (see phone_digits_typed).

    Returns None when nothing searchable was typed (only spaces or punctuation).
    """
    terms = [_term(word) for word in _words(typed)]
    return _or_phone_digits(_joined(terms), typed) if terms else None


# Fewer digits than this are not looked for as a number: "07" would be every number
# with a 7 after its code.
MIN_PHONE_DIGITS_TYPED = 4
# Digits typed without "+" or "00" that are read as an international number too: more than
# most national numbers have (a Chinese mobile's 11 read so cost nothing but a rare match).
INTERNATIONAL_DIGITS = 11


def phone_digits_typed(typed: str) -> list[str]:
    """The digit forms to look for when `typed` is a phone number, whole or begun.

    A contact's search entry holds each phone's digits without its country code and trunk
    zeros (schema step 11). Typed "5554923566", "05554923566", "555 492 3566",
    "+1 555-492-3566" or "0015554923566" are each looked for as their digits, with and
    without leading zeros, and a whole international number without its country code.
    Empty unless `typed` is digits and separators, a "+" in front.
    """
    packed = typed.strip().translate(DROP_SEPARATORS)
    digits = packed[1:] if packed.startswith("+") else packed
    if len(digits) < MIN_PHONE_DIGITS_TYPED or not (digits.isascii() and digits.isdigit()):
        return []
    forms = [digits]
    trimmed = digits.lstrip("0")
    if len(trimmed) >= MIN_PHONE_DIGITS_TYPED and trimmed != digits:
        forms.append(trimmed)
    # A whole international number, with its "+" or "00", or without them when it is longer
    # than national numbers are ("15554923566"), is looked for without its country code.
    international = packed.startswith("+") or digits.startswith("00")
    if (international and len(trimmed) >= MIN_DIGITS) or len(trimmed) >= INTERNATIONAL_DIGITS:
        national = trimmed[country_code_length(trimmed) :].lstrip("0")
        if len(national) >= MIN_PHONE_DIGITS_TYPED and national not in forms:
            forms.append(national)
    return forms


def _or_phone_digits(query: str, typed: str) -> str:
    """`query`, or else the digits of the number typed."""
    forms = [f'"{form}"*' for form in phone_digits_typed(typed)]
    forms = [form for form in forms if form != query]  # "5554923566" typed plainly
    return " OR ".join([f"({query})", *forms]) if forms else query


# Where a word in CJK script is also looked for inside. FTS5's tokenizer keeps a run of
# Han, kana or Hangul as one token, so 小明 is not a prefix of 王小明 typed whole, nor 集团
# of 阿里巴巴集团. Two columns read as they are: about 5 ms over 20,000 contacts, where one
# concatenated text cost 14 ms.
_INSIDE = "(instr(c.display_name, ?) > 0 OR instr(c.organisation, ?) > 0)"


def split_cjk(typed: str) -> tuple[str | None, list[str]]:
    """The FTS5 query for the words typed in other scripts (None without any), and the
    words in CJK script, which are looked for inside texts as well as as prefixes."""
    words = _words(typed)
    inside = [word for word in words if EAST_ASIAN_NAME.search(word)]
    others = [_term(word) for word in words if word not in inside]
    return (_joined(others) if others else None), inside


def prefix_query(word: str) -> str:
    """The FTS5 query for one word, as a prefix (in either spelling)."""
    return _term(word)


def contact_search_sql(typed: str) -> tuple[str, list[str]] | None:
    """A SELECT of the ids of the contacts matching `typed` (column `hit`), with its
    parameters; None when nothing searchable was typed.

    The usual search is one FTS5 query. A word in CJK script matches as a prefix of a
    token or anywhere inside the shown name or the organisation (a scan, only for such
    words).
    """
    others, inside = split_cjk(typed)
    if not inside:
        if others is None:
            return None
        match = _or_phone_digits(others, typed)
        return ("SELECT rowid AS hit FROM contact_fts WHERE contact_fts MATCH ?", [match])
    conditions: list[str] = []
    params: list[str] = []
    if others is not None:
        conditions.append("c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?)")
        params.append(others)
    for word in inside:
        conditions.append(
            f"(c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?) OR {_INSIDE})"
        )
        params += [_term(word), word, word]
    return f"SELECT c.id AS hit FROM contact c WHERE {' AND '.join(conditions)}", params
