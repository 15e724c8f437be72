"""The journal's first schema, frozen as SQL so later model changes never rewrite history."""

TABLES = """
CREATE TABLE contact (
  id INTEGER NOT NULL PRIMARY KEY,
  given_name TEXT NOT NULL DEFAULT '', family_name TEXT NOT NULL DEFAULT '',
  display_name TEXT NOT NULL, sort_name TEXT NOT NULL,
  nickname TEXT NOT NULL DEFAULT '', organisation TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '', how_met TEXT NOT NULL DEFAULT '',
  where_met TEXT NOT NULL DEFAULT '', met_on TEXT, met_mode TEXT NOT NULL DEFAULT '',
  met_through_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
  stage TEXT NOT NULL DEFAULT 'new', know INTEGER, "like" INTEGER, trust INTEGER,
  needs TEXT NOT NULL DEFAULT '', offers TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
  first_impression TEXT NOT NULL DEFAULT '', first_impression_on TEXT, birthday TEXT,
  stay_in_touch_days INTEGER, archived INTEGER NOT NULL DEFAULT 0, vcard_uid TEXT,
  vcard_extra TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX contact_sort_name ON contact (archived, sort_name);
CREATE INDEX contact_met_through_id ON contact (met_through_id);
CREATE INDEX contact_stage ON contact (stage);
CREATE INDEX contact_archived ON contact (archived);
CREATE UNIQUE INDEX contact_vcard_uid ON contact (vcard_uid);

CREATE TABLE contact_channel (
  id INTEGER NOT NULL PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  kind TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', value TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contact_channel_contact_id ON contact_channel (contact_id);
CREATE INDEX contact_channel_value ON contact_channel (kind, value COLLATE NOCASE);

CREATE TABLE tag (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE);
CREATE UNIQUE INDEX tag_name ON tag (name);

CREATE TABLE contact_tag (
  contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
  PRIMARY KEY (contact_id, tag_id)
);
CREATE INDEX contact_tag_tag_id ON contact_tag (tag_id);

CREATE TABLE contact_relation (
  id INTEGER NOT NULL PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  other_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  kind TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contact_relation_contact_id ON contact_relation (contact_id);
CREATE INDEX contact_relation_other_id ON contact_relation (other_id);

CREATE TABLE membership_group (
  id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE,
  kind TEXT NOT NULL DEFAULT 'other', status TEXT NOT NULL DEFAULT 'active',
  joined_on TEXT, left_on TEXT, notes TEXT NOT NULL DEFAULT '',
  meeting_cadence TEXT NOT NULL DEFAULT '', meeting_weekday INTEGER,
  required_attendance_pct INTEGER, meeting_minutes INTEGER, travel_minutes INTEGER,
  dues_amount TEXT, dues_currency TEXT NOT NULL DEFAULT '', dues_period TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '', role_hours_per_month INTEGER, referral_quota_per_month INTEGER,
  rules TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX membership_group_name ON membership_group (name);
CREATE INDEX membership_group_status ON membership_group (status);

CREATE TABLE group_demand_change (
  id INTEGER NOT NULL PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES membership_group (id) ON DELETE CASCADE,
  changed_at TEXT NOT NULL, demands_json TEXT NOT NULL
);
CREATE INDEX group_demand_change_group_id ON group_demand_change (group_id);

CREATE TABLE group_member (
  group_id INTEGER NOT NULL REFERENCES membership_group (id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  since TEXT,
  PRIMARY KEY (group_id, contact_id)
);
CREATE INDEX group_member_contact_id ON group_member (contact_id);

CREATE TABLE meeting (
  id INTEGER NOT NULL PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES membership_group (id) ON DELETE CASCADE,
  held_on TEXT NOT NULL, attendance TEXT NOT NULL, rating TEXT NOT NULL DEFAULT '',
  minutes INTEGER, notes TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX meeting_group_id_held_on ON meeting (group_id, held_on);

CREATE TABLE meeting_person (
  meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  PRIMARY KEY (meeting_id, contact_id)
);
CREATE INDEX meeting_person_contact_id ON meeting_person (contact_id);

CREATE TABLE interaction (
  id INTEGER NOT NULL PRIMARY KEY, kind TEXT NOT NULL, occurred_at TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
  direction TEXT NOT NULL DEFAULT '', amount TEXT, estimated_amount TEXT,
  currency TEXT NOT NULL DEFAULT '',
  group_id INTEGER REFERENCES membership_group (id) ON DELETE SET NULL,
  meeting_id INTEGER REFERENCES meeting (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX interaction_occurred_at ON interaction (occurred_at, id);
CREATE INDEX interaction_kind ON interaction (kind, occurred_at);
CREATE INDEX interaction_group_id ON interaction (group_id, occurred_at);
CREATE INDEX interaction_meeting_id ON interaction (meeting_id);

CREATE TABLE interaction_participant (
  interaction_id INTEGER NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  PRIMARY KEY (interaction_id, contact_id)
);
CREATE INDEX interaction_participant_contact_id
  ON interaction_participant (contact_id, interaction_id);

CREATE TABLE follow_up (
  id INTEGER NOT NULL PRIMARY KEY,
  contact_id INTEGER REFERENCES contact (id) ON DELETE CASCADE,
  interaction_id INTEGER REFERENCES interaction (id) ON DELETE SET NULL,
  due_on TEXT NOT NULL, text TEXT NOT NULL DEFAULT '', done_at TEXT, snoozed_until TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX follow_up_contact_id ON follow_up (contact_id);
CREATE INDEX follow_up_interaction_id ON follow_up (interaction_id);
CREATE INDEX follow_up_due_on ON follow_up (due_on);

CREATE TABLE review (
  id INTEGER NOT NULL PRIMARY KEY, held_at TEXT NOT NULL, as_of TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE review_decision (
  id INTEGER NOT NULL PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES review (id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES membership_group (id) ON DELETE CASCADE,
  recommendation TEXT NOT NULL, decision TEXT NOT NULL,
  reasons_json TEXT NOT NULL DEFAULT '[]', figures_json TEXT NOT NULL DEFAULT '{}',
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX review_decision_review_id ON review_decision (review_id);
CREATE INDEX review_decision_group_id ON review_decision (group_id);

CREATE TABLE setting (key TEXT NOT NULL PRIMARY KEY, value_json TEXT NOT NULL);
"""

# Full-text search. The store keeps it in sync with triggers, so no write path can forget.
# contact_search_doc is the one definition of what a contact's searchable text is.
SEARCH = """
CREATE VIEW contact_search_doc AS
SELECT c.id AS id,
  c.display_name || ' ' || c.given_name || ' ' || c.family_name || ' ' || c.nickname AS name,
  c.organisation || ' ' || c.title AS organisation,
  c.notes || ' ' || c.how_met || ' ' || c.where_met || ' ' || c.first_impression AS notes,
  c.needs AS needs, c.offers AS offers,
  COALESCE((SELECT group_concat(ch.value, ' ') FROM contact_channel ch
            WHERE ch.contact_id = c.id), '') AS channels,
  COALESCE((SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
            WHERE ct.contact_id = c.id), '') AS tags
FROM contact c;

CREATE VIRTUAL TABLE contact_fts USING fts5(
  name, organisation, notes, needs, offers, channels, tags,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
CREATE VIRTUAL TABLE interaction_fts USING fts5(
  summary, notes, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

CREATE TRIGGER contact_fts_ai AFTER INSERT ON contact BEGIN
  INSERT INTO contact_fts (rowid, name, organisation, notes, needs, offers, channels, tags)
  SELECT * FROM contact_search_doc WHERE id = new.id;
END;
CREATE TRIGGER contact_fts_au AFTER UPDATE ON contact BEGIN
  DELETE FROM contact_fts WHERE rowid = old.id;
  INSERT INTO contact_fts (rowid, name, organisation, notes, needs, offers, channels, tags)
  SELECT * FROM contact_search_doc WHERE id = new.id;
END;
CREATE TRIGGER contact_fts_ad AFTER DELETE ON contact BEGIN
  DELETE FROM contact_fts WHERE rowid = old.id;
END;
"""

# The same re-index for every table that feeds a contact's document.
_REINDEX = """
CREATE TRIGGER {table}_fts_{when} AFTER {event} ON {table} BEGIN
  DELETE FROM contact_fts WHERE rowid = {row}.contact_id;
  INSERT INTO contact_fts (rowid, name, organisation, notes, needs, offers, channels, tags)
  SELECT * FROM contact_search_doc WHERE id = {row}.contact_id;
END;
"""

INTERACTION_SEARCH = """
CREATE TRIGGER interaction_fts_ai AFTER INSERT ON interaction BEGIN
  INSERT INTO interaction_fts (rowid, summary, notes) VALUES (new.id, new.summary, new.notes);
END;
CREATE TRIGGER interaction_fts_au AFTER UPDATE OF summary, notes ON interaction BEGIN
  DELETE FROM interaction_fts WHERE rowid = old.id;
  INSERT INTO interaction_fts (rowid, summary, notes) VALUES (new.id, new.summary, new.notes);
END;
CREATE TRIGGER interaction_fts_ad AFTER DELETE ON interaction BEGIN
  DELETE FROM interaction_fts WHERE rowid = old.id;
END;
CREATE TRIGGER tag_fts_au AFTER UPDATE OF name ON tag BEGIN
  DELETE FROM contact_fts WHERE rowid IN (SELECT contact_id FROM contact_tag WHERE tag_id = new.id);
  INSERT INTO contact_fts (rowid, name, organisation, notes, needs, offers, channels, tags)
  SELECT d.* FROM contact_search_doc d
  WHERE d.id IN (SELECT contact_id FROM contact_tag WHERE tag_id = new.id);
END;
"""


def statements() -> list[str]:
    """Every statement of schema version 1, in order."""
    triggers = []
    for table in ("contact_channel", "contact_tag"):
        for when, event, row in (("ai", "INSERT", "new"), ("ad", "DELETE", "old")):
            triggers.append(_REINDEX.format(table=table, when=when, event=event, row=row))
    triggers.append(_REINDEX.format(table="contact_channel", when="au", event="UPDATE", row="new"))
    script = TABLES + SEARCH + "".join(triggers) + INTERACTION_SEARCH
    return split_sql(script)


def split_sql(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies (BEGIN ... END;) whole."""
    out: list[str] = []
    current: list[str] = []
    in_trigger = False
    for line in script.splitlines():
        if not line.strip():
            continue
        current.append(line)
        stripped = line.strip().upper()
        if stripped.startswith("CREATE TRIGGER"):
            in_trigger = True
        if (in_trigger and stripped == "END;") or (not in_trigger and stripped.endswith(";")):
            out.append("\n".join(current))
            current = []
            in_trigger = False
    if current:
        out.append("\n".join(current))
    return out
