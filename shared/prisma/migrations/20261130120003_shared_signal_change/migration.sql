-- A department's change log for the monitoring service (shared/src/signal-changes.ts): a statement
-- trigger with a transition table (new_rows, or old_rows for a delete) records, in "SignalChange",
-- every person the statement's rows name in the columns given as arguments (text or text[]).
-- Idempotent (CREATE OR REPLACE), like the other shared migrations.
-- Writers hold the lock shared; a reader takes it alone for an instant to read the highest seq, so
-- a change that commits late is never behind a cursor already handed out.
CREATE OR REPLACE FUNCTION "lip_signal_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  column_name text;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('lip:signal-change', 0));
  FOREACH column_name IN ARRAY TG_ARGV LOOP
    EXECUTE format(
      'INSERT INTO "SignalChange" ("personIdNumber") SELECT DISTINCT id FROM (SELECT unnest(ARRAY[]::text[] || r.%I) AS id FROM %I r) s WHERE id IS NOT NULL',
      column_name, CASE TG_OP WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END);
  END LOOP;
  RETURN NULL;
END;
$$;
