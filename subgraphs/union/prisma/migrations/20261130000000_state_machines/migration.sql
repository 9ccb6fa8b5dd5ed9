-- The state machines of this department, held by the database whatever writes to it (issue 10).
-- The resolvers lock the row or person they change, so a race loser reads the committed state and
-- gets the INVALID_TRANSITION or CONFLICT a sequential request gets; these triggers are the backstop.
-- Not expressible in schema.prisma (triggers; kept out of the drift check).

-- The trigger functions (lip_guard_transition, lip_guard_final) are installed by the shared
-- migration runner before any migration (shared/src/guards.ts).

CREATE TRIGGER "DifficultWorkerFile_transition" BEFORE UPDATE OF "status" ON "DifficultWorkerFile"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_transition"('status', 'OPEN>CLOSED');
CREATE TRIGGER "DifficultWorkerFile_final" BEFORE UPDATE ON "DifficultWorkerFile"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_final"('closedOn');
CREATE TRIGGER "UnionAssistance_final" BEFORE UPDATE ON "UnionAssistance"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_final"('cancelledAt');
