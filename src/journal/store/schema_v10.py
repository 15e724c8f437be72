"""Schema step 10, frozen as SQL: a timeline entry is found by its words and its people's
names together.

The timeline's search looked for every word typed in the entry's texts, or for every word
in the name of someone in it, but not for some words in each: "proposal maya" found
nothing when "proposal" was in the entry and Maya was the person. Matching each word
against both, entry by entry, cost 25 to 90 ms a query on 200,000 entries, at every
keystroke. The entry's search text now holds its people's names as a third column,
folded like the rest, so that one MATCH finds "proposal maya".

The names are kept right by triggers: on an entry, on its participants (added, removed,
moved by a merge; a deleted contact's rows go by cascade) and on a contact's names. Each
trigger reads interaction_search_doc, so it does not depend on the order in which SQLite
fires them. The index is built again whole: FTS5 cannot add a column.
"""

from __future__ import annotations

from journal.store.schema_v1 import split_sql
from journal.store.schema_v5 import Folds
from journal.store.schema_v9 import LETTER_FOLDS, search_view

# The names a person is known by, each once: the shown name and the nickname, and the
# given and family names where the shown one does not hold them (a name shown as
# "Dr Jane Baker" or a CJK name shown family name first, 王小明, holds both).
_NAMES = (
    "c.display_name || ' ' || c.nickname || "
    "CASE WHEN instr(c.display_name, c.given_name) AND instr(c.display_name, c.family_name) "
    "THEN '' ELSE ' ' || c.given_name || ' ' || c.family_name END"
)

_SOURCE = f"""SELECT i.id, i.summary, i.notes,
  COALESCE((SELECT group_concat({_NAMES}, ' ') FROM interaction_participant p
            JOIN contact c ON c.id = p.contact_id WHERE p.interaction_id = i.id), '') AS people
  FROM interaction i"""

FOLDS: Folds = LETTER_FOLDS

_COLUMNS = "rowid, summary, notes, people"

# The entries whose id the {ids} SELECT gives, indexed again as the view gives them now.
_REINDEX = f"""
  DELETE FROM interaction_fts WHERE rowid IN ({{ids}});
  INSERT INTO interaction_fts ({_COLUMNS})
  SELECT * FROM interaction_search_doc WHERE id IN ({{ids}});
"""


def _reindexed(ids: str) -> str:
    return _REINDEX.format(ids=ids)


_PARTICIPANTS_OF_CONTACT = (
    "SELECT interaction_id FROM interaction_participant WHERE contact_id = new.id"
)

SCRIPT = (
    """
DROP TABLE interaction_fts;
CREATE VIRTUAL TABLE interaction_fts USING fts5(
  summary, notes, people, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
"""
    + search_view("interaction_search_doc", _SOURCE, ("summary", "notes", "people"), FOLDS)
    + f"""
DROP TRIGGER interaction_fts_ai;
DROP TRIGGER interaction_fts_au;
CREATE TRIGGER interaction_fts_ai AFTER INSERT ON interaction BEGIN
  INSERT INTO interaction_fts ({_COLUMNS})
  SELECT * FROM interaction_search_doc WHERE id = new.id;
END;
CREATE TRIGGER interaction_fts_au AFTER UPDATE OF summary, notes ON interaction BEGIN
{_reindexed("new.id")}
END;
CREATE TRIGGER interaction_people_fts_ai AFTER INSERT ON interaction_participant BEGIN
{_reindexed("new.interaction_id")}
END;
CREATE TRIGGER interaction_people_fts_ad AFTER DELETE ON interaction_participant BEGIN
{_reindexed("old.interaction_id")}
END;
CREATE TRIGGER interaction_people_fts_au
AFTER UPDATE OF interaction_id, contact_id ON interaction_participant BEGIN
{_reindexed("old.interaction_id, new.interaction_id")}
END;
CREATE TRIGGER contact_names_interaction_fts_au
AFTER UPDATE OF display_name, given_name, family_name, nickname ON contact
WHEN old.display_name IS NOT new.display_name OR old.given_name IS NOT new.given_name
  OR old.family_name IS NOT new.family_name OR old.nickname IS NOT new.nickname
BEGIN
{_reindexed(_PARTICIPANTS_OF_CONTACT)}
END;
INSERT INTO interaction_fts ({_COLUMNS}) SELECT * FROM interaction_search_doc;
"""
)


def statements() -> list[str]:
    """Every statement of schema step 10, in order."""
    return split_sql(SCRIPT)
