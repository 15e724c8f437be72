"""Schema step 9, frozen as SQL: every part of a contact's search entry has its folded copy.

Steps 5 and 7 folded a contact's name and organisation (ł, ø, ß spelled in plain Latin;
Arabic and Persian letters in one form, short vowels dropped), step 8 a timeline entry's
texts. The rest of a contact's entry was indexed as written: "lodz" found the person from
Łódź, but not the one whose notes say "met at the Łódź office", nor "strasse" an address
on a Straße, nor "مصطفي" a note about "مصطفى". The contact_search_doc view now adds the
folded copy of each of its texts (notes, needs, offers, channels, tags as well) that
changes when folded; the search triggers read it as before, and the step re-indexes the
contacts whose entry changes.

The folds are step 7's LETTER_FOLDS, frozen with it.
"""

from __future__ import annotations

from journal.store.schema_v1 import split_sql
from journal.store.schema_v5 import _DOCUMENT as CONTACT_DOCUMENT
from journal.store.schema_v5 import PER_LAYER, Folds, folded
from journal.store.schema_v7 import LETTER_FOLDS

# The entry's texts, in the order of the contact_fts columns.
COLUMNS = ("name", "organisation", "notes", "needs", "offers", "channels", "tags")


def _beyond_ascii(column: str) -> str:
    """The column's text if it holds a character beyond ASCII, else ''."""
    # A text's length in bytes and in characters differ exactly when it holds one.
    return f"CASE WHEN length(CAST({column} AS BLOB)) <> length({column}) THEN {column} ELSE '' END"


def _layer(folds: Folds) -> str:
    """Each plain_ column with these folds applied (an empty one stays empty)."""
    return ", ".join(
        f"CASE plain_{column} WHEN '' THEN '' ELSE {folded(f'plain_{column}', folds)} END "
        f"AS plain_{column}"
        for column in COLUMNS
    )


def document_view(folds: Folds) -> str:
    """The contact_search_doc view: each text, then its folded copy where that differs."""
    texts = ", ".join(COLUMNS)
    rows = (
        f"SELECT id, {texts}, "
        + ", ".join(f"{_beyond_ascii(column)} AS plain_{column}" for column in COLUMNS)
        + f" FROM ({CONTACT_DOCUMENT})"
    )
    # A layer of subquery per PER_LAYER folds: more nested replace() calls than that
    # overflow SQLite's parser stack. Each layer stays flattenable (no aggregate, no
    # limit), so a trigger's `WHERE id = new.id` reads the one row by its key; a limit
    # would make every trigger read the whole table. Flattened, the channels' and tags'
    # subqueries are written out once per use, but only the branches taken run: most
    # texts are ASCII, which no fold changes, so their plain copy starts empty and the
    # replace() calls (and the subqueries in them) are never reached.
    for start in range(0, len(folds), PER_LAYER):
        rows = f"SELECT id, {texts}, {_layer(folds[start : start + PER_LAYER])} FROM ({rows})"
    copies = ",\n  ".join(
        f"{column} || CASE WHEN plain_{column} NOT IN ('', {column}) "
        f"THEN ' ' || plain_{column} ELSE '' END AS {column}"
        for column in COLUMNS
    )
    return f"""
DROP VIEW contact_search_doc;
CREATE VIEW contact_search_doc AS
SELECT id,
  {copies}
FROM ({rows});
"""


FOLDS: Folds = LETTER_FOLDS

SCRIPT = document_view(FOLDS)


def statements() -> list[str]:
    """Every statement of schema step 9, in order."""
    return split_sql(SCRIPT)
