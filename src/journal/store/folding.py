"""Text folded for matching: case, accents, and the letters Unicode keeps whole (ł, ø, ß).

One definition for the sort names, exact-name lookups, search entries and search queries,
so that "lukasz zolc", "Łukasz Żółć" and "ŁUKASZ ZÓŁĆ" are the same person everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from journal.store.schema_v9 import LETTER_FOLDS

_LETTERS = str.maketrans(dict(LETTER_FOLDS))
# Any one of the letters plain_letters() changes.
_FOLDED = re.compile("[" + "".join(letter for letter, _plain in LETTER_FOLDS) + "]")


def plain_letters(text: str) -> str:
    """`text` with ł, ø, ß, æ and their kind spelled in plain Latin (accents are kept)."""
    return text if text.isascii() else text.translate(_LETTERS)


def with_plain_copy(text: str) -> str:
    """`text`, followed by its plain_letters() spelling when that differs (search entries)."""
    plain = plain_letters(text)
    return text if plain == text else f"{text} {plain}"


def with_plain_copies(texts: Iterable[str]) -> list[str]:
    """with_plain_copy() of each text, for many at once (an import's search entries).

    Most texts hold none of the letters plain_letters() spells otherwise (accents alone
    change nothing): one search through all of them in C finds whether any does, and
    only the texts that do are spelt again.
    """
    listed = list(texts)
    every = "\n".join(listed)
    if every.isascii() or not _FOLDED.search(every):
        return listed
    return [
        f"{text} {text.translate(_LETTERS)}" if _FOLDED.search(text) else text for text in listed
    ]


def match_key(text: str) -> str:
    """A case- and accent-insensitive key: "Émile" is "emile", "Łukasz" is "lukasz"."""
    if text.isascii():  # the common case, and NFKD leaves ASCII as it is
        return text.strip().casefold()
    decomposed = unicodedata.normalize("NFKD", plain_letters(text.strip()))
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Folded again: NFKD turns some characters into letters that fold (Arabic presentation
    # forms pasted from a PDF, ﻰ, become ى), and a key must be its own key.
    return plain_letters(kept).casefold()
