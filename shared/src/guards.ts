// Trigger functions every subgraph's database has, installed by the migration runner before any
// migration runs (so a migration can attach them to its tables). A refusal is raised as
// `lip:<CODE>:<reason>: <message>`, which every service answers as that error (shared/database-errors.ts).
export const GUARD_FUNCTIONS = `
-- A state machine: its status column changes only along an allowed edge, given as 'FROM>TO' arguments
-- after the column's name, e.g. EXECUTE FUNCTION "lip_guard_transition"('status', 'OPEN>CLOSED').
CREATE OR REPLACE FUNCTION "lip_guard_transition"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_state text := to_jsonb(OLD) ->> TG_ARGV[0];
  new_state text := to_jsonb(NEW) ->> TG_ARGV[0];
BEGIN
  IF old_state IS NOT DISTINCT FROM new_state OR (old_state || '>' || new_state) = ANY (TG_ARGV[1:TG_NARGS - 1]) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'lip:INVALID_TRANSITION:%: % cannot go from % to %', 'NOT_ALLOWED', TG_TABLE_NAME, old_state, new_state;
END;
$$;

-- A record closed by setting the named column (ended, cancelled, reversed) is final: it changes no more.
CREATE OR REPLACE FUNCTION "lip_guard_final"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_jsonb(OLD) ->> TG_ARGV[0] IS NOT NULL AND to_jsonb(OLD) IS DISTINCT FROM to_jsonb(NEW) THEN
    RAISE EXCEPTION 'lip:INVALID_TRANSITION:%: % is closed and cannot change', 'ALREADY_CLOSED', TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$;

-- A department's change log for the monitoring service (shared/src/signal-changes.ts): a statement
-- trigger with a transition table (new_rows, or old_rows for a delete) records, in "SignalChange",
-- every person the statement's rows name in the columns given as arguments (text or text[]).
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
`;
