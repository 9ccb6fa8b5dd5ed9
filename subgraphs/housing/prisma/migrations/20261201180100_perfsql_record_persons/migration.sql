-- Issue 18: who each record involves (its applicant and listed members), one row per person with a
-- btree index, so a batch of ID numbers finds its records by index lookups. The GIN overlap
-- (`memberIdNumbers && ARRAY[…]`) was estimated at a third of each table, which the planner then
-- scanned, and its pending list grew without bound where nothing vacuums. The GIN indexes go.
-- Statement triggers keep the tables in step with every write path, bulk loads included; deleting a
-- record cascades.
CREATE TABLE "DwellingAssessmentPerson" (
    "recordId" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,

    CONSTRAINT "DwellingAssessmentPerson_pkey" PRIMARY KEY ("recordId", "idNumber")
);
CREATE TABLE "UrbanHousingAssistancePerson" (
    "recordId" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,

    CONSTRAINT "UrbanHousingAssistancePerson_pkey" PRIMARY KEY ("recordId", "idNumber")
);
CREATE TABLE "RuralRenovationCasePerson" (
    "recordId" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,

    CONSTRAINT "RuralRenovationCasePerson_pkey" PRIMARY KEY ("recordId", "idNumber")
);

-- (idNumber, recordId): a look-up by person is an index-only scan.
CREATE INDEX "DwellingAssessmentPerson_idNumber_recordId_idx" ON "DwellingAssessmentPerson"("idNumber", "recordId");
CREATE INDEX "UrbanHousingAssistancePerson_idNumber_recordId_idx" ON "UrbanHousingAssistancePerson"("idNumber", "recordId");
CREATE INDEX "RuralRenovationCasePerson_idNumber_recordId_idx" ON "RuralRenovationCasePerson"("idNumber", "recordId");

ALTER TABLE "DwellingAssessmentPerson" ADD CONSTRAINT "DwellingAssessmentPerson_recordId_fkey"
    FOREIGN KEY ("recordId") REFERENCES "DwellingAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "UrbanHousingAssistancePerson" ADD CONSTRAINT "UrbanHousingAssistancePerson_recordId_fkey"
    FOREIGN KEY ("recordId") REFERENCES "UrbanHousingAssistance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "RuralRenovationCasePerson" ADD CONSTRAINT "RuralRenovationCasePerson_recordId_fkey"
    FOREIGN KEY ("recordId") REFERENCES "RuralRenovationCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Inserted rows name their persons; an update that changes who a record names replaces its rows.
-- The membership table is the record table's name followed by "Person".
CREATE FUNCTION "housing_record_persons"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    EXECUTE format(
      'DELETE FROM %I m USING old_rows o JOIN new_rows n ON n.id = o.id WHERE m."recordId" = n.id
         AND (o."personIdNumber", o."memberIdNumbers") IS DISTINCT FROM (n."personIdNumber", n."memberIdNumbers")',
      TG_TABLE_NAME || 'Person');
    EXECUTE format(
      'INSERT INTO %I ("recordId", "idNumber") SELECT n.id, p FROM new_rows n JOIN old_rows o ON o.id = n.id, unnest(n."memberIdNumbers" || n."personIdNumber") p
         WHERE (o."personIdNumber", o."memberIdNumbers") IS DISTINCT FROM (n."personIdNumber", n."memberIdNumbers") ON CONFLICT DO NOTHING',
      TG_TABLE_NAME || 'Person');
  ELSE
    EXECUTE format(
      'INSERT INTO %I ("recordId", "idNumber") SELECT n.id, p FROM new_rows n, unnest(n."memberIdNumbers" || n."personIdNumber") p ON CONFLICT DO NOTHING',
      TG_TABLE_NAME || 'Person');
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "DwellingAssessment_persons_insert" AFTER INSERT ON "DwellingAssessment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "housing_record_persons"();
CREATE TRIGGER "DwellingAssessment_persons_update" AFTER UPDATE ON "DwellingAssessment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "housing_record_persons"();
CREATE TRIGGER "UrbanHousingAssistance_persons_insert" AFTER INSERT ON "UrbanHousingAssistance" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "housing_record_persons"();
CREATE TRIGGER "UrbanHousingAssistance_persons_update" AFTER UPDATE ON "UrbanHousingAssistance" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "housing_record_persons"();
CREATE TRIGGER "RuralRenovationCase_persons_insert" AFTER INSERT ON "RuralRenovationCase" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "housing_record_persons"();
CREATE TRIGGER "RuralRenovationCase_persons_update" AFTER UPDATE ON "RuralRenovationCase" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "housing_record_persons"();

-- Backfill what is already recorded.
INSERT INTO "DwellingAssessmentPerson" ("recordId", "idNumber")
  SELECT r.id, p FROM "DwellingAssessment" r, unnest(r."memberIdNumbers" || r."personIdNumber") p ON CONFLICT DO NOTHING;
INSERT INTO "UrbanHousingAssistancePerson" ("recordId", "idNumber")
  SELECT r.id, p FROM "UrbanHousingAssistance" r, unnest(r."memberIdNumbers" || r."personIdNumber") p ON CONFLICT DO NOTHING;
INSERT INTO "RuralRenovationCasePerson" ("recordId", "idNumber")
  SELECT r.id, p FROM "RuralRenovationCase" r, unnest(r."memberIdNumbers" || r."personIdNumber") p ON CONFLICT DO NOTHING;

DROP INDEX "DwellingAssessment_memberIdNumbers_idx";
DROP INDEX "UrbanHousingAssistance_memberIdNumbers_idx";
DROP INDEX "RuralRenovationCase_memberIdNumbers_idx";
