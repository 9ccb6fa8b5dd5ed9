-- The register's rules, held by the database whatever writes to it and however many writers race
-- (issue 10). The resolvers lock what they read (persons, households, holdings) so a race loser
-- gets the same CONFLICT a sequential request gets; these are the backstops behind them.
-- Not expressible in schema.prisma (partial indexes, checks, triggers; kept out of the drift check).
-- A refusal is raised as `lip:<CODE>:<reason>: <message>`, which @lip/shared/writes turns into that error.

-- Basic living assistance is dibao or extreme-poverty support, never both at once
-- (together with CategoryHolding_open_per_category_key: one open holding per category).
CREATE UNIQUE INDEX "CategoryHolding_basic_living_key" ON "CategoryHolding"("personIdNumber")
  WHERE "status" <> 'ENDED' AND "category" IN ('SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY');

-- A holding's period does not end before it starts.
ALTER TABLE "CategoryHolding" ADD CONSTRAINT "CategoryHolding_validity_check" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom");

-- At most one head per household (exactly one: the deferred check below).
CREATE UNIQUE INDEX "Person_one_head_per_household_key" ON "Person"("householdId") WHERE "relationshipToHead" = 'HEAD';

-- A member has a relationship to the head, and only a member has one.
ALTER TABLE "Person" ADD CONSTRAINT "Person_relationship_check" CHECK (("householdId" IS NULL) = ("relationshipToHead" IS NULL));

-- The trigger functions (lip_guard_transition, lip_guard_final) are installed by the shared
-- migration runner before any migration (shared/src/guards.ts).

CREATE TRIGGER "CategoryHolding_transition" BEFORE UPDATE OF "status" ON "CategoryHolding"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_transition"('status', 'ACTIVE>SUSPENDED', 'SUSPENDED>ACTIVE', 'ACTIVE>ENDED', 'SUSPENDED>ENDED');

-- A household has 1 to 30 members and exactly one head, checked at commit for every household a
-- transaction touched (registering inserts the household before its members).
CREATE FUNCTION "lip_check_household"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
  household text;
  members integer;
  heads integer;
BEGIN
  IF TG_TABLE_NAME = 'Household' THEN
    ids := ARRAY[NEW."id"];
  ELSIF TG_OP = 'INSERT' THEN
    ids := ARRAY[NEW."householdId"];
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY[OLD."householdId"];
  ELSE
    ids := ARRAY[OLD."householdId", NEW."householdId"];
  END IF;
  FOREACH household IN ARRAY ids LOOP
    CONTINUE WHEN household IS NULL OR NOT EXISTS (SELECT 1 FROM "Household" WHERE "id" = household);
    SELECT count(*), count(*) FILTER (WHERE "relationshipToHead" = 'HEAD') INTO members, heads
      FROM "Person" WHERE "householdId" = household;
    IF members > 30 THEN
      RAISE EXCEPTION 'lip:CONFLICT:HOUSEHOLD_FULL: The household is full (30 members)';
    END IF;
    IF heads <> 1 THEN
      RAISE EXCEPTION 'lip:CONFLICT:HEAD_REQUIRED: A household has exactly one head';
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "Household_members_check" AFTER INSERT ON "Household"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "lip_check_household"();
CREATE CONSTRAINT TRIGGER "Person_household_check" AFTER INSERT OR DELETE OR UPDATE OF "householdId", "relationshipToHead" ON "Person"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "lip_check_household"();
