"""Schema step 3, frozen as SQL: lighter contact indexes, so a large import writes less.

Every imported contact paid for index entries no query needs:

- contact_archived: contact_sort_name (archived, sort_name) starts with the same column, so
  every lookup by archived uses that one.
- contact_met_through_id and contact_vcard_uid: most contacts have no introducer and no
  vCard UID, and a NULL was filed too. Partial indexes leave them out; `x = ?` and
  `x IS NOT NULL` (the only ways they are searched, foreign-key actions included) still
  use them, and UNIQUE never applied to NULLs anyway.
- contact_channel_value (kind, value): no query looks a channel up by its value; the one
  reading channels by kind (duplicate matching) reads most of them, faster by a plain scan.
- contact_fts: prefix indexes for 1 and 2 characters only (a 3-character prefix reads
  few enough terms without one, see tests/bench/README.md's notes), and no column sizes
  (columnsize = 0), which only ranking reads; contact search never ranks.
"""

from journal.store.schema_v1 import split_sql

CONTACT_FTS = """
CREATE VIRTUAL TABLE contact_fts USING fts5(
  name, organisation, notes, needs, offers, channels, tags,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2', columnsize = 0
);
"""

SCRIPT = (
    """
DROP INDEX contact_archived;
DROP INDEX contact_met_through_id;
CREATE INDEX contact_met_through_id ON contact (met_through_id)
  WHERE met_through_id IS NOT NULL;
DROP INDEX contact_vcard_uid;
CREATE UNIQUE INDEX contact_vcard_uid ON contact (vcard_uid) WHERE vcard_uid IS NOT NULL;
DROP INDEX contact_channel_value;
DROP TABLE contact_fts;
"""
    + CONTACT_FTS
    + """
INSERT INTO contact_fts (rowid, name, organisation, notes, needs, offers, channels, tags)
  SELECT * FROM contact_search_doc;
"""
)


def statements() -> list[str]:
    """Every statement of schema step 3, in order."""
    return split_sql(SCRIPT)
