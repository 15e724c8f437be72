"""Schema step 9, frozen as SQL: every text of a contact is found however its letters are
typed, and so are Greek words without their accents and Russian ones with е for ё.

Steps 5 and 7 folded a contact's name and organisation (ł, ø, ß spelled in plain Latin;
Arabic and Persian letters in one form, short vowels dropped), step 8 a timeline entry's
texts. The rest of a contact's entry was indexed as written: "lodz" found the person from
Łódź, but not the one whose notes say "met at the Łódź office", nor "strasse" an address
on a Straße, nor "مصطفي" a note about "مصطفى". The contact_search_doc view now adds the
folded copy of each of its texts (notes, needs, offers, channels, tags as well) that
changes when folded.

SQLite's unicode61 tokenizer removes the accents of Latin letters only: "ελενη" did not
find Ελένη, nor "федор" Фёдор, though Greek is mostly typed without its accents and
Russian with е for ё. The folds gain Greek's tonos and dialytika and the ё, for contacts
and timeline entries alike (queries are folded the same way, core/search.py); sorting and
exact-name lookups already fold them (store/folding.match_key). The step re-indexes the
contacts and entries whose search text changes.

LETTER_FOLDS is frozen with the step, as steps 5 and 7 froze theirs.
"""

from __future__ import annotations

from journal.store import schema_v7
from journal.store.schema_v1 import split_sql
from journal.store.schema_v5 import _DOCUMENT as CONTACT_DOCUMENT
from journal.store.schema_v5 import Folds, folded

GREEK_AND_CYRILLIC_FOLDS: Folds = (
    ("ά", "α"), ("έ", "ε"), ("ή", "η"), ("ί", "ι"), ("ό", "ο"), ("ύ", "υ"), ("ώ", "ω"),
    ("ϊ", "ι"), ("ϋ", "υ"), ("ΐ", "ι"), ("ΰ", "υ"),  # tonos, dialytika, both
    ("Ά", "Α"), ("Έ", "Ε"), ("Ή", "Η"), ("Ί", "Ι"), ("Ό", "Ο"), ("Ύ", "Υ"), ("Ώ", "Ω"),
    ("Ϊ", "Ι"), ("Ϋ", "Υ"),
    ("ё", "е"), ("Ё", "Е"),  # Cyrillic io, typed as ie
)  # fmt: skip

LETTER_FOLDS: Folds = schema_v7.LETTER_FOLDS + GREEK_AND_CYRILLIC_FOLDS

# Folds per layer of subquery: the parser's stack holds a layer's nested replace() calls
# and every subquery the layer sits in, and overflows ("parser stack overflow") when they
# are too many. Step 5's 19 a layer overflows with this step's 65 folds; 12 has room for
# about 80.
PER_LAYER = 12


def search_view(name: str, source: str, columns: tuple[str, ...], folds: Folds) -> str:
    """The view `name` over `source` (an id, then `columns`): each text, then its folded
    copy where that differs."""
    texts = ", ".join(columns)
    rows = f"SELECT id, {texts}, " + ", ".join(f"{c} AS plain_{c}" for c in columns)
    rows += f" FROM ({source})"
    # A layer of subquery per PER_LAYER folds, each reading the layer below once. Each
    # stays flattenable (no aggregate, no limit), so a trigger's `WHERE id = new.id` reads
    # the one row by its key.
    for start in range(0, len(folds), PER_LAYER):
        layer = folds[start : start + PER_LAYER]
        plain = ", ".join(f"{folded(f'plain_{c}', layer)} AS plain_{c}" for c in columns)
        rows = f"SELECT id, {texts}, {plain} FROM ({rows})"
    # Flattened, the copy is one long expression, worked out only for a text beyond ASCII
    # (its length in bytes and in characters differ), which most texts are not: steps 7
    # and 8 skipped it with a CASE at each layer instead, which reads the layer below
    # twice and, flattened, doubles the work at every layer. The copy is added where it
    # says something new (not the text again).
    copies = ",\n  ".join(
        f"CASE WHEN length(CAST({c} AS BLOB)) = length({c}) THEN {c} "
        f"ELSE {c} || coalesce(' ' || nullif(plain_{c}, {c}), '') END AS {c}"
        for c in columns
    )
    return f"""
DROP VIEW {name};
CREATE VIEW {name} AS
SELECT id,
  {copies}
FROM ({rows});
"""


FOLDS: Folds = LETTER_FOLDS

# The triggers of both search indexes read their views by name: new views, same triggers.
SCRIPT = search_view(
    "contact_search_doc",
    CONTACT_DOCUMENT,
    ("name", "organisation", "notes", "needs", "offers", "channels", "tags"),
    FOLDS,
) + search_view(
    "interaction_search_doc",
    "SELECT id, summary, notes FROM interaction",
    ("summary", "notes"),
    FOLDS,
)


def statements() -> list[str]:
    """Every statement of schema step 9, in order."""
    return split_sql(SCRIPT)
