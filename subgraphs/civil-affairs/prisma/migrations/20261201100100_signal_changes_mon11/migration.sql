-- Incremental register changes for monitoring (issue 11), like the other departments' logs: the
-- persons whose register facts a statement may have changed, so `civilAffairsSignalsSince` reads only
-- what changed after a position. Holdings (started, ended, changed) name their person through
-- lip_signal_change (shared migration). A person's change (a death recorded, a move, a household
-- joined or left) also changes the household's per-capita income of every member, of the household
-- joined and the one left; a household's change (its income) names every member. Those need joins,
-- hence a function of the register's own, under the same lock as lip_signal_change so a reader's
-- high-water mark never skips a change.
CREATE TABLE "SignalChange" (
    "seq" BIGSERIAL NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignalChange_pkey" PRIMARY KEY ("seq")
);

CREATE FUNCTION "lip_register_signal_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('lip:signal-change', 0));
  IF TG_TABLE_NAME = 'Household' THEN
    INSERT INTO "SignalChange" ("personIdNumber")
    SELECT DISTINCT p."idNumber" FROM new_rows h JOIN "Person" p ON p."householdId" = h."id";
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO "SignalChange" ("personIdNumber")
    SELECT "idNumber" FROM new_rows
    UNION SELECT p."idNumber" FROM "Person" p WHERE p."householdId" IN (SELECT "householdId" FROM new_rows);
  ELSE
    INSERT INTO "SignalChange" ("personIdNumber")
    SELECT "idNumber" FROM new_rows
    UNION SELECT p."idNumber" FROM "Person" p
      WHERE p."householdId" IN (SELECT "householdId" FROM new_rows UNION SELECT "householdId" FROM old_rows);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Person_signal_insert" AFTER INSERT ON "Person" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_register_signal_change"();
CREATE TRIGGER "Person_signal_update" AFTER UPDATE ON "Person" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_register_signal_change"();
CREATE TRIGGER "Household_signal_update" AFTER UPDATE ON "Household" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_register_signal_change"();
CREATE TRIGGER "CategoryHolding_signal_insert" AFTER INSERT ON "CategoryHolding" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "CategoryHolding_signal_update" AFTER UPDATE ON "CategoryHolding" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "CategoryHolding_signal_delete" AFTER DELETE ON "CategoryHolding" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
