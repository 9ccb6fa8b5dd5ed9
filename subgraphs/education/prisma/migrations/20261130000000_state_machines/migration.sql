-- The state machines of this department, held by the database whatever writes to it (issue 10).
-- The resolvers lock the row or person they change, so a race loser reads the committed state and
-- gets the INVALID_TRANSITION or CONFLICT a sequential request gets; these triggers are the backstop.
-- Not expressible in schema.prisma (triggers; kept out of the drift check).

-- State machines: a status changes only along an allowed edge, given as 'FROM>TO' arguments.
-- A refusal is raised as `lip:<CODE>:<reason>: <message>`, which @lip/shared/errors turns into that error.
CREATE FUNCTION "lip_guard_transition"() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER "StudentRecord_transition" BEFORE UPDATE OF "status" ON "StudentRecord"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_transition"('status', 'CURRENT>CHANGED', 'CURRENT>GRADUATED', 'CURRENT>LEFT');
CREATE TRIGGER "EducationAssistance_transition" BEFORE UPDATE OF "status" ON "EducationAssistance"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_transition"('status', 'APPROVED>PAID', 'APPROVED>CANCELLED', 'PAID>CANCELLED');
