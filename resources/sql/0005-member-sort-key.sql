-- Essaim schema, version 5: each member's sort key, and an index by it.
--
-- Members are listed by last name, then first name. The key (es_member_make_sort_key())
-- is the same on every machine, whatever its locale, so it can be kept: the list no longer
-- makes 12,000 collation keys each time it is read, and the index gives the first members
-- in order without reading the others (a new window shows those first). The store writes
-- the key with the names; es_sort_key() is the same function, for the rows already there.
ALTER TABLE member ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
UPDATE member SET sort_key = es_sort_key (last_name, first_name);
CREATE INDEX member_sort ON member (sort_key, id);
