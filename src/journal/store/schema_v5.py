"""Schema step 5, frozen as SQL: a contact's search entry also holds its name and organisation
with the letters Unicode does not decompose spelled in plain Latin.

SQLite's unicode61 tokenizer (remove_diacritics 2) finds "Émile" as "emile", because É is
E plus an accent. Ł, ø, ß, æ and their kind are letters of their own: "lukasz" did not find
Łukasz, nor "soren" Søren, nor "strasse" a Straße. The entry now also holds the name with
those letters folded ("Łukasz Żółć Lukasz Żolć"), and queries are folded the same way
(core/search.py), so both spellings find the person. Sorting and exact-name lookups fold
them too (core/names.py); the step recomputes the sort names that change.

LETTER_FOLDS is frozen with the step: a later change to it needs a step of its own, so
that every journal's view and its Python twin (store/bulk.py) say the same.
"""

from journal.store.schema_v1 import split_sql

LETTER_FOLDS: tuple[tuple[str, str], ...] = (
    ("ł", "l"), ("Ł", "L"), ("ø", "o"), ("Ø", "O"), ("đ", "d"), ("Đ", "D"),
    ("ð", "d"), ("Ð", "D"), ("ß", "ss"), ("ẞ", "SS"), ("æ", "ae"), ("Æ", "AE"),
    ("œ", "oe"), ("Œ", "OE"), ("ı", "i"), ("þ", "th"), ("Þ", "TH"), ("ħ", "h"), ("Ħ", "H"),
)  # fmt: skip


def _folded(expression: str) -> str:
    """`expression` with each letter of LETTER_FOLDS replaced, in SQL."""
    for letter, plain in LETTER_FOLDS:
        expression = f"replace({expression}, '{letter}', '{plain}')"
    return expression


def _with_folded_copy(column: str) -> str:
    folded = _folded(column)
    return f"{column} || CASE WHEN {folded} <> {column} THEN ' ' || {folded} ELSE '' END"


SCRIPT = f"""
DROP VIEW contact_search_doc;
CREATE VIEW contact_search_doc AS
SELECT id, {_with_folded_copy("name")} AS name,
  {_with_folded_copy("organisation")} AS organisation,
  notes, needs, offers, channels, tags
FROM (
  SELECT c.id AS id,
    c.display_name || ' ' || c.given_name || ' ' || c.family_name || ' ' || c.nickname AS name,
    c.organisation || ' ' || c.title AS organisation,
    c.notes || ' ' || c.how_met || ' ' || c.where_met || ' ' || c.first_impression AS notes,
    c.needs AS needs, c.offers AS offers,
    COALESCE((SELECT group_concat(ch.value, ' ') FROM contact_channel ch
              WHERE ch.contact_id = c.id), '') AS channels,
    COALESCE((SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
              WHERE ct.contact_id = c.id), '') AS tags
  FROM contact c
);
"""


def statements() -> list[str]:
    """Every statement of schema step 5, in order."""
    return split_sql(SCRIPT)
