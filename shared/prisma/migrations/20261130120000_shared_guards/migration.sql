-- Trigger functions every subgraph's database has. The runner applies the shared migrations before
-- a subgraph's own, so a subgraph migration can attach them to its tables (older migrations still
-- name shared/src/guards.ts, where this SQL lived before it was a migration). A refusal is raised as
-- `lip:<CODE>:<reason>: <message>`, which every service answers as that error (shared/src/database-errors.ts).
-- Idempotent (CREATE OR REPLACE): databases from before this migration have the functions already,
-- installed by the runner at every start.

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
