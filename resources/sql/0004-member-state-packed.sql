-- Essaim schema, version 4: each member's kept state in one column.
--
-- Reading the 25 columns of 12,000 kept states cost SQLite more than the members' own
-- rows: a column read costs about as much as a row. The state is now one BLOB that core
-- packs and unpacks (es-member-store.c, "Kept states"); stage and exit_reason stay columns
-- of their own, for queries and for the checks before a row is trusted. The rules version
-- covers the packing too: a program that packs otherwise counts other rules.
--
-- The rows are a cache: they go, and core derives them again from the events (and keeps
-- them) on the next read by a connection that may write. The triggers of version 3 drop
-- a member's row by name, and keep doing so.
DROP TABLE member_state;
CREATE TABLE member_state (
  member_id   INTEGER PRIMARY KEY REFERENCES member (id) ON DELETE CASCADE,
  rules       INTEGER NOT NULL,
  stage       INTEGER NOT NULL,
  exit_reason INTEGER NOT NULL,
  state       BLOB NOT NULL
);
