-- Incremental signals for monitoring (issue 11): a log of the persons each change of a record names,
-- filled by statement triggers (lip_signal_change, installed by the shared migration runner), so
-- `housingSignalsSince` reads only what changed after a position.
CREATE TABLE "SignalChange" (
    "seq" BIGSERIAL NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignalChange_pkey" PRIMARY KEY ("seq")
);

CREATE TRIGGER "DwellingAssessment_signal_insert" AFTER INSERT ON "DwellingAssessment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber', 'memberIdNumbers');
CREATE TRIGGER "DwellingAssessment_signal_update" AFTER UPDATE ON "DwellingAssessment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber', 'memberIdNumbers');
CREATE TRIGGER "DwellingAssessment_signal_delete" AFTER DELETE ON "DwellingAssessment" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber', 'memberIdNumbers');
CREATE TRIGGER "RuralRenovationCase_signal_insert" AFTER INSERT ON "RuralRenovationCase" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber', 'memberIdNumbers');
CREATE TRIGGER "RuralRenovationCase_signal_update" AFTER UPDATE ON "RuralRenovationCase" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber', 'memberIdNumbers');
CREATE TRIGGER "RuralRenovationCase_signal_delete" AFTER DELETE ON "RuralRenovationCase" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber', 'memberIdNumbers');
CREATE TRIGGER "UrbanHousingAssistance_signal_insert" AFTER INSERT ON "UrbanHousingAssistance" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber', 'memberIdNumbers');
CREATE TRIGGER "UrbanHousingAssistance_signal_update" AFTER UPDATE ON "UrbanHousingAssistance" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber', 'memberIdNumbers');
CREATE TRIGGER "UrbanHousingAssistance_signal_delete" AFTER DELETE ON "UrbanHousingAssistance" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber', 'memberIdNumbers');
