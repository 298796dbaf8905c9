-- Essaim schema, version 3: each member's pipeline state, kept beside its history.
--
-- A member's stage and dates follow from its career events by the rules in core
-- (es_pipeline_derive); replaying 50,000 events each time the board or the table opens on
-- 12,000 members takes longer than a window may wait. member_state keeps the outcome,
-- written by core in the same transaction as the member, event or interview it follows
-- from. It is a cache: the events stay the truth.
--
-- A row counts only if its rules version is the program's (ES_PIPELINE_RULES_VERSION);
-- otherwise, or when there is no row, core derives the state from the events again (and
-- writes it back when it may). The triggers drop a member's row whenever its history
-- changes, whoever writes it, so that a stale row cannot survive a write.
--
-- Dates are Julian day numbers (1 = 1 January of year 1, as GLib's GDate counts), NULL when
-- there is none; stage and exit_reason are the order of EsStage and EsExitReason, both
-- covered by the rules version.
CREATE TABLE member_state (
  member_id             INTEGER PRIMARY KEY REFERENCES member (id) ON DELETE CASCADE,
  rules                 INTEGER NOT NULL,
  stage                 INTEGER NOT NULL,
  stage_since           INTEGER,
  has_events            INTEGER NOT NULL,
  diagnostic_done       INTEGER NOT NULL,
  admitted              INTEGER NOT NULL,
  cape_start            INTEGER,
  cape_end              INTEGER,
  cape_renewals         INTEGER NOT NULL,
  cape_ended            INTEGER NOT NULL,
  cape_days             INTEGER NOT NULL,
  contract_date         INTEGER,
  hours_milli           INTEGER NOT NULL,
  fixed_gross_cents     INTEGER NOT NULL,
  contribution_ppm      INTEGER NOT NULL,
  trial_end             INTEGER,
  associate_deadline    INTEGER,
  associate_date        INTEGER,
  shares_subscribed     INTEGER NOT NULL,
  shares_paid_cents     INTEGER NOT NULL,
  exit_date             INTEGER,
  exit_reason           INTEGER NOT NULL,
  -- The two latest support interviews, for the interview deadline.
  interview_last        INTEGER,
  interview_before_last INTEGER
);

CREATE TRIGGER member_state_event AFTER INSERT ON career_event
BEGIN
  DELETE FROM member_state WHERE member_id = new.member_id;
END;
CREATE TRIGGER member_state_interview_insert AFTER INSERT ON interview
BEGIN
  DELETE FROM member_state WHERE member_id = new.member_id;
END;
CREATE TRIGGER member_state_interview_update AFTER UPDATE ON interview
BEGIN
  DELETE FROM member_state WHERE member_id IN (old.member_id, new.member_id);
END;
CREATE TRIGGER member_state_interview_delete AFTER DELETE ON interview
BEGIN
  DELETE FROM member_state WHERE member_id = old.member_id;
END;
