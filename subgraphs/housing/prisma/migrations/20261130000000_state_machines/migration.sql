-- The state machines of this department, held by the database whatever writes to it (issue 10).
-- The resolvers lock the row or person they change, so a race loser reads the committed state and
-- gets the INVALID_TRANSITION or CONFLICT a sequential request gets; these triggers are the backstop.
-- Not expressible in schema.prisma (triggers; kept out of the drift check).

-- The trigger functions (lip_guard_transition, lip_guard_final) are installed by the shared
-- migration runner before any migration (shared/src/guards.ts).

CREATE TRIGGER "RuralRenovationCase_transition" BEFORE UPDATE OF "status" ON "RuralRenovationCase"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_transition"('status',
    'APPLIED>VILLAGE_REVIEWED', 'VILLAGE_REVIEWED>TOWNSHIP_REVIEWED', 'TOWNSHIP_REVIEWED>COUNTY_APPROVED', 'COUNTY_APPROVED>COMPLETED',
    'APPLIED>REJECTED', 'VILLAGE_REVIEWED>REJECTED', 'TOWNSHIP_REVIEWED>REJECTED', 'COUNTY_APPROVED>REJECTED');
CREATE TRIGGER "UrbanHousingAssistance_final" BEFORE UPDATE ON "UrbanHousingAssistance"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_final"('endedAt');
