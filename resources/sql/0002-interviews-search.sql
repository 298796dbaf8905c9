-- Essaim schema, version 2: support interviews and full-text search over members.

CREATE TABLE interview (
  id         INTEGER PRIMARY KEY,
  member_id  INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
  date       TEXT NOT NULL CHECK (date(date) = date),
  staff_id   INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  kind       TEXT NOT NULL DEFAULT 'individual'
             CHECK (kind IN ('individual', 'collective', 'workshop')),
  summary    TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX interview_member ON interview (member_id, date);

-- Search as you type: prefix queries over names, trade name, activity, city and e-mail,
-- accents folded. Kept in step with member by triggers.
CREATE VIRTUAL TABLE member_fts USING fts5 (
  first_name, last_name, trade_name, activity, city, email,
  content = 'member', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
INSERT INTO member_fts (rowid, first_name, last_name, trade_name, activity, city, email)
  SELECT id, first_name, last_name, trade_name, activity, city, email FROM member;

CREATE TRIGGER member_fts_insert AFTER INSERT ON member
BEGIN
  INSERT INTO member_fts (rowid, first_name, last_name, trade_name, activity, city, email)
  VALUES (new.id, new.first_name, new.last_name, new.trade_name, new.activity, new.city,
          new.email);
END;
CREATE TRIGGER member_fts_delete AFTER DELETE ON member
BEGIN
  INSERT INTO member_fts (member_fts, rowid, first_name, last_name, trade_name, activity, city,
                          email)
  VALUES ('delete', old.id, old.first_name, old.last_name, old.trade_name, old.activity,
          old.city, old.email);
END;
CREATE TRIGGER member_fts_update AFTER UPDATE ON member
BEGIN
  INSERT INTO member_fts (member_fts, rowid, first_name, last_name, trade_name, activity, city,
                          email)
  VALUES ('delete', old.id, old.first_name, old.last_name, old.trade_name, old.activity,
          old.city, old.email);
  INSERT INTO member_fts (rowid, first_name, last_name, trade_name, activity, city, email)
  VALUES (new.id, new.first_name, new.last_name, new.trade_name, new.activity, new.city,
          new.email);
END;
