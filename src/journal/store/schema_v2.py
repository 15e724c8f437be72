"""Schema step 2, frozen as SQL: snoozed reminders and dismissed introduction suggestions."""

from journal.store.schema_v1 import split_sql

SCRIPT = """
CREATE TABLE reminder_snooze (
  contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  reminder TEXT NOT NULL,
  snoozed_until TEXT NOT NULL,
  PRIMARY KEY (contact_id, reminder)
);

CREATE TABLE introduction_dismissal (
  id INTEGER NOT NULL PRIMARY KEY,
  needer_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  offerer_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  need TEXT NOT NULL,
  dismissed_at TEXT NOT NULL
);
CREATE UNIQUE INDEX introduction_dismissal_pair
  ON introduction_dismissal (needer_id, offerer_id, need);
CREATE INDEX introduction_dismissal_offerer_id ON introduction_dismissal (offerer_id);

CREATE INDEX follow_up_open_due ON follow_up (due_on) WHERE done_at IS NULL;
"""


def statements() -> list[str]:
    """Every statement of schema step 2, in order."""
    return split_sql(SCRIPT)
