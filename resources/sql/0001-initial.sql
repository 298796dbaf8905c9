-- Essaim schema, version 1: the cooperative, its staff, members and their career events,
-- and the append-only journal. Dates are ISO 'YYYY-MM-DD' text; money is integer cents;
-- rates are integer parts per million (1 % = 10000).

CREATE TABLE cooperative (
  id                        INTEGER PRIMARY KEY CHECK (id = 1),
  legal_name                TEXT NOT NULL DEFAULT '',
  legal_form                TEXT NOT NULL DEFAULT 'SCOP SA à capital variable',
  share_capital_cents       INTEGER NOT NULL DEFAULT 0 CHECK (share_capital_cents >= 0),
  siren                     TEXT NOT NULL DEFAULT '',
  siret                     TEXT NOT NULL DEFAULT '',
  rcs_city                  TEXT NOT NULL DEFAULT '',
  vat_number                TEXT NOT NULL DEFAULT '',
  ape_code                  TEXT NOT NULL DEFAULT '',
  street                    TEXT NOT NULL DEFAULT '',
  postal_code               TEXT NOT NULL DEFAULT '',
  city                      TEXT NOT NULL DEFAULT '',
  email                     TEXT NOT NULL DEFAULT '',
  phone                     TEXT NOT NULL DEFAULT '',
  iban                      TEXT NOT NULL DEFAULT '',
  bic                       TEXT NOT NULL DEFAULT '',
  default_contribution_ppm  INTEGER NOT NULL DEFAULT 100000
                            CHECK (default_contribution_ppm BETWEEN 0 AND 1000000),
  payment_days              INTEGER NOT NULL DEFAULT 30 CHECK (payment_days BETWEEN 0 AND 60),
  penalty_rate_ppm          INTEGER NOT NULL DEFAULT 120000 CHECK (penalty_rate_ppm >= 0),
  updated_at                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO cooperative (id) VALUES (1);

CREATE TABLE staff (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL CHECK (length(trim(name)) > 0),
  email   TEXT NOT NULL DEFAULT '',
  role    TEXT NOT NULL DEFAULT 'counselor'
          CHECK (role IN ('counselor', 'accountant', 'payroll', 'manager')),
  active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE member (
  id               INTEGER PRIMARY KEY,
  civility         TEXT NOT NULL DEFAULT '' CHECK (civility IN ('', 'mme', 'm', 'mx')),
  first_name       TEXT NOT NULL CHECK (length(trim(first_name)) > 0),
  last_name        TEXT NOT NULL CHECK (length(trim(last_name)) > 0),
  birth_date       TEXT CHECK (birth_date IS NULL OR date(birth_date) = birth_date),
  birth_place      TEXT NOT NULL DEFAULT '',
  nationality      TEXT NOT NULL DEFAULT '',
  nir              TEXT CHECK (nir IS NULL OR length(nir) = 15),
  street           TEXT NOT NULL DEFAULT '',
  postal_code      TEXT NOT NULL DEFAULT '',
  city             TEXT NOT NULL DEFAULT '',
  phone            TEXT NOT NULL DEFAULT '',
  email            TEXT NOT NULL DEFAULT '',
  permit_end       TEXT CHECK (permit_end IS NULL OR date(permit_end) = permit_end),
  entry_status     TEXT NOT NULL DEFAULT 'other'
                   CHECK (entry_status IN ('job_seeker', 'rsa', 'employee', 'student', 'other')),
  benefits_end     TEXT CHECK (benefits_end IS NULL OR date(benefits_end) = benefits_end),
  trade_name       TEXT NOT NULL DEFAULT '',
  activity         TEXT NOT NULL DEFAULT '',
  naf_code         TEXT NOT NULL DEFAULT '',
  counselor_id     INTEGER REFERENCES staff (id) ON DELETE SET NULL,
  contribution_ppm INTEGER CHECK (contribution_ppm IS NULL OR contribution_ppm BETWEEN 0 AND 1000000),
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX member_nir ON member (nir) WHERE nir IS NOT NULL;
CREATE INDEX member_counselor ON member (counselor_id);
CREATE INDEX member_name ON member (last_name COLLATE NOCASE, first_name COLLATE NOCASE);

-- Career events are append-only: a mistake is fixed by a new event that names the one it
-- corrects (corrects_id); both stay in the history. The member's stage is derived from them,
-- by the pipeline rules in core (es-pipeline.c), which also check every event before it is
-- written.
CREATE TABLE career_event (
  id                 INTEGER PRIMARY KEY,
  member_id          INTEGER NOT NULL REFERENCES member (id) ON DELETE RESTRICT,
  kind               TEXT NOT NULL CHECK (kind IN ('info_meeting', 'diagnostic', 'cape_signed',
                       'cape_renewed', 'cape_ended', 'contract_signed', 'amendment', 'associate',
                       'exit', 'cancellation')),
  date               TEXT NOT NULL CHECK (date(date) = date),
  corrects_id        INTEGER REFERENCES career_event (id) ON DELETE RESTRICT,
  -- what the kind needs; NULL where it does not apply (an amendment leaves unchanged ones NULL)
  admitted           INTEGER CHECK (admitted IN (0, 1)),
  reason             TEXT,
  end_date           TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
  hours_milli        INTEGER CHECK (hours_milli IS NULL OR hours_milli > 0),
  fixed_gross_cents  INTEGER CHECK (fixed_gross_cents IS NULL OR fixed_gross_cents >= 0),
  contribution_ppm   INTEGER CHECK (contribution_ppm IS NULL
                                    OR contribution_ppm BETWEEN 0 AND 1000000),
  shares_subscribed  INTEGER CHECK (shares_subscribed IS NULL OR shares_subscribed > 0),
  shares_paid_cents  INTEGER CHECK (shares_paid_cents IS NULL OR shares_paid_cents >= 0),
  exit_reason        TEXT,
  note               TEXT,
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  author             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX career_event_member ON career_event (member_id, date, id);

CREATE TRIGGER career_event_no_update BEFORE UPDATE ON career_event
BEGIN
  SELECT RAISE (ABORT, 'career events are append-only: add a correcting event');
END;
CREATE TRIGGER career_event_no_delete BEFORE DELETE ON career_event
BEGIN
  SELECT RAISE (ABORT, 'career events are append-only: add a correcting event');
END;

-- The audit log: every change of legal or personal data, chained by SHA-256 so that a
-- removed or altered row shows. Append-only.
CREATE TABLE journal (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  author     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  INTEGER,
  action     TEXT NOT NULL,
  payload    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE
);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
  SELECT RAISE (ABORT, 'the journal is append-only');
END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
  SELECT RAISE (ABORT, 'the journal is append-only');
END;
