"""Text folded for matching: case, accents, and the letters Unicode keeps whole (ł, ø, ß).

One definition for the sort names, exact-name lookups, search entries and search queries,
so that "lukasz zolc", "Łukasz Żółć" and "ŁUKASZ ZÓŁĆ" are the same person everywhere.
"""

from __future__ import annotations

import unicodedata

from journal.store.schema_v5 import LETTER_FOLDS

_LETTERS = str.maketrans(dict(LETTER_FOLDS))


def plain_letters(text: str) -> str:
    """`text` with ł, ø, ß, æ and their kind spelled in plain Latin (accents are kept)."""
    return text if text.isascii() else text.translate(_LETTERS)


def with_plain_copy(text: str) -> str:
    """`text`, followed by its plain_letters() spelling when that differs (search entries)."""
    plain = plain_letters(text)
    return text if plain == text else f"{text} {plain}"


def match_key(text: str) -> str:
    """A case- and accent-insensitive key: "Émile" is "emile", "Łukasz" is "lukasz"."""
    if text.isascii():  # the common case, and NFKD leaves ASCII as it is
        return text.strip().casefold()
    decomposed = unicodedata.normalize("NFKD", plain_letters(text.strip()))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
