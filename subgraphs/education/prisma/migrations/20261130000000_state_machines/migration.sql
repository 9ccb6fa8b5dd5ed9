-- The state machines of this department, held by the database whatever writes to it (issue 10).
-- The resolvers lock the row or person they change, so a race loser reads the committed state and
-- gets the INVALID_TRANSITION or CONFLICT a sequential request gets; these triggers are the backstop.
-- Not expressible in schema.prisma (triggers; kept out of the drift check).

-- The trigger functions (lip_guard_transition, lip_guard_final) are installed by the shared
-- migration runner before any migration (shared/src/guards.ts).

CREATE TRIGGER "StudentRecord_transition" BEFORE UPDATE OF "status" ON "StudentRecord"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_transition"('status', 'CURRENT>CHANGED', 'CURRENT>GRADUATED', 'CURRENT>LEFT');
CREATE TRIGGER "EducationAssistance_transition" BEFORE UPDATE OF "status" ON "EducationAssistance"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_transition"('status', 'APPROVED>PAID', 'APPROVED>CANCELLED', 'PAID>CANCELLED');
