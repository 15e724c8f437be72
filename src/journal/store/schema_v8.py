"""Schema step 8, frozen as SQL: a timeline entry is found however its letters are typed.

Steps 5 and 7 gave a contact's name and organisation a folded copy in its search entry
(ł, ø, ß spelled in plain Latin; Arabic and Persian letters in one form, short vowels
dropped), but a timeline entry's summary and notes were indexed as written: "lodz" found
the person from Łódź but not "Lunch in Łódź", and "احمد" not an entry about "أحمد". An
entry's search text now comes from the interaction_search_doc view, which adds the folded
copy of each text that changes when folded, as contact_search_doc does; the insert and
update triggers read it, and the step re-indexes the entries with such letters.

The folds are step 7's LETTER_FOLDS, frozen with it.
"""

from __future__ import annotations

from journal.store.schema_v1 import split_sql
from journal.store.schema_v5 import PER_LAYER, Folds, folded
from journal.store.schema_v7 import LETTER_FOLDS


def _beyond_ascii(column: str) -> str:
    """The column's text if it holds a character beyond ASCII, else ''."""
    # A text's length in bytes and in characters differ exactly when it holds one.
    return f"CASE WHEN length(CAST({column} AS BLOB)) <> length({column}) THEN {column} ELSE '' END"


def _folded_unless_empty(column: str, folds: Folds) -> str:
    return f"CASE {column} WHEN '' THEN '' ELSE {folded(column, folds)} END"


def _document_view(folds: Folds) -> str:
    # A layer of subquery per PER_LAYER folds: more nested replace() calls than that
    # overflow SQLite's parser stack. Each layer stays flattenable (no aggregate, no
    # limit), so a trigger's `WHERE id = new.id` reads the one row by its key. Most entries
    # are ASCII, which no fold changes: their plain copy starts empty, so the replace()
    # calls have nothing to read.
    rows = (
        f"SELECT id, summary, notes, {_beyond_ascii('summary')} AS plain_summary, "
        f"{_beyond_ascii('notes')} AS plain_notes FROM interaction"
    )
    for start in range(0, len(folds), PER_LAYER):
        layer = folds[start : start + PER_LAYER]
        rows = (
            "SELECT id, summary, notes, "
            f"{_folded_unless_empty('plain_summary', layer)} AS plain_summary, "
            f"{_folded_unless_empty('plain_notes', layer)} AS plain_notes FROM ({rows})"
        )
    return f"""
CREATE VIEW interaction_search_doc AS
SELECT id,
  summary || CASE WHEN plain_summary NOT IN ('', summary) THEN ' ' || plain_summary ELSE ''
    END AS summary,
  notes || CASE WHEN plain_notes NOT IN ('', notes) THEN ' ' || plain_notes ELSE '' END AS notes
FROM ({rows});
"""


# Step 7's folds, all of them: the timeline had none before.
FOLDS: Folds = LETTER_FOLDS

SCRIPT = (
    _document_view(FOLDS)
    + """
DROP TRIGGER interaction_fts_ai;
DROP TRIGGER interaction_fts_au;
CREATE TRIGGER interaction_fts_ai AFTER INSERT ON interaction BEGIN
  INSERT INTO interaction_fts (rowid, summary, notes)
  SELECT * FROM interaction_search_doc WHERE id = new.id;
END;
CREATE TRIGGER interaction_fts_au AFTER UPDATE OF summary, notes ON interaction BEGIN
  DELETE FROM interaction_fts WHERE rowid = old.id;
  INSERT INTO interaction_fts (rowid, summary, notes)
  SELECT * FROM interaction_search_doc WHERE id = new.id;
END;
"""
)


def statements() -> list[str]:
    """Every statement of schema step 8, in order."""
    return split_sql(SCRIPT)
