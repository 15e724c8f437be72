"""Schema step 4, frozen as SQL: each participant row keeps its interaction's time.

"When did I last have anything to do with each person" (Today, the contact list's last
contact column and sort, quick add's ranking) was a MAX(occurred_at) over a join: on a
journal of 200,000 entries, 200,000 lookups into the wide interaction table, about 0.35 s
of SQLite's own time. With the time beside each participant row and the per-person index
(contact_id, occurred_at, interaction_id), it is a read of that index alone.

The copy is kept right by triggers, so no write path can forget it (as the search index
is): a participant inserted without its time (or with a wrong one) gets it, moving an
interaction moves its participant rows, and an interaction inserted after its participants
(a restore with deferred foreign keys) fills them in. A writer that already knows the time
(the demo generator, logging an entry) passes it, and then the insert trigger only checks
it. Deletes cascade as before. The time is not kept on the contact row: the core saves
whole Contact rows through Peewee, which would write a stale copy back.

The new index replaces interaction_participant_contact_id (contact_id, interaction_id): it
starts with the same column and still holds interaction_id, so every query that used the
old one is still served by an index alone, and a participant insert still writes two.
"""

from journal.store.schema_v1 import split_sql

# A participant row's time is its interaction's, whatever a writer gave (or left out).
_PARTICIPANT_TIME = """
CREATE TRIGGER interaction_participant_time_{when} AFTER {event} ON interaction_participant
WHEN NEW.occurred_at IS NOT (SELECT occurred_at FROM interaction WHERE id = NEW.interaction_id)
BEGIN
  UPDATE interaction_participant
  SET occurred_at = (SELECT occurred_at FROM interaction WHERE id = NEW.interaction_id)
  WHERE interaction_id = NEW.interaction_id AND contact_id = NEW.contact_id;
END;
"""

SCRIPT = (
    """
ALTER TABLE interaction_participant ADD COLUMN occurred_at TEXT;
UPDATE interaction_participant SET occurred_at =
  (SELECT i.occurred_at FROM interaction i WHERE i.id = interaction_participant.interaction_id);
DROP INDEX interaction_participant_contact_id;
CREATE INDEX interaction_participant_contact_time
  ON interaction_participant (contact_id, occurred_at, interaction_id);
"""
    + _PARTICIPANT_TIME.format(when="ai", event="INSERT")
    + _PARTICIPANT_TIME.format(when="au", event="UPDATE OF interaction_id, occurred_at")
    + """
CREATE TRIGGER interaction_time_ai AFTER INSERT ON interaction BEGIN
  UPDATE interaction_participant SET occurred_at = NEW.occurred_at
  WHERE interaction_id = NEW.id AND occurred_at IS NOT NEW.occurred_at;
END;

CREATE TRIGGER interaction_time_au AFTER UPDATE OF occurred_at ON interaction
WHEN NEW.occurred_at IS NOT OLD.occurred_at
BEGIN
  UPDATE interaction_participant SET occurred_at = NEW.occurred_at WHERE interaction_id = NEW.id;
END;
"""
)


def statements() -> list[str]:
    """Every statement of schema step 4, in order."""
    return split_sql(SCRIPT)
