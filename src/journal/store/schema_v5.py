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


Folds = tuple[tuple[str, str], ...]


def folded(expression: str, folds: Folds) -> str:
    """`expression` with each letter of `folds` replaced, in SQL."""
    for letter, plain in folds:
        expression = f"replace({expression}, '{letter}', '{plain}')"
    return expression


def _with_folded_copy(column: str, folds: Folds) -> str:
    plain = folded(column, folds)
    return f"{column} || CASE WHEN {plain} <> {column} THEN ' ' || {plain} ELSE '' END"


# How many replace() calls nest in one expression: SQLite's parser has a fixed stack, and
# about forty nested calls overflow it ("parser stack overflow").
PER_LAYER = 19

_DOCUMENT = """
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
"""


def search_view(folds: Folds) -> str:
    """The contact_search_doc view with these letter folds (step 5's; a later step's).

    More folds than nest in one expression are applied a layer of subquery at a time.
    """
    if len(folds) <= PER_LAYER:  # step 5's view, as it always was
        return f"""
DROP VIEW contact_search_doc;
CREATE VIEW contact_search_doc AS
SELECT id, {_with_folded_copy("name", folds)} AS name,
  {_with_folded_copy("organisation", folds)} AS organisation,
  notes, needs, offers, channels, tags
FROM ({_DOCUMENT});
"""
    rows = f"SELECT *, name AS folded_name, organisation AS folded_organisation FROM ({_DOCUMENT})"
    for start in range(0, len(folds), PER_LAYER):
        layer = folds[start : start + PER_LAYER]
        rows = (
            "SELECT id, name, organisation, notes, needs, offers, channels, tags, "
            f"{folded('folded_name', layer)} AS folded_name, "
            f"{folded('folded_organisation', layer)} AS folded_organisation FROM ({rows})"
        )
    return f"""
DROP VIEW contact_search_doc;
CREATE VIEW contact_search_doc AS
SELECT id,
  name || CASE WHEN folded_name <> name THEN ' ' || folded_name ELSE '' END AS name,
  organisation || CASE WHEN folded_organisation <> organisation
    THEN ' ' || folded_organisation ELSE '' END AS organisation,
  notes, needs, offers, channels, tags
FROM ({rows});
"""


SCRIPT = search_view(LETTER_FOLDS)


def statements() -> list[str]:
    """Every statement of schema step 5, in order."""
    return split_sql(SCRIPT)
