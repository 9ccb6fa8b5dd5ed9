-- Incremental signals for monitoring (issue 11): a log of the persons each change of a record names,
-- filled by statement triggers (lip_signal_change, installed by the shared migration runner), so
-- `educationSignalsSince` reads only what changed after a position.
CREATE TABLE "SignalChange" (
    "seq" BIGSERIAL NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignalChange_pkey" PRIMARY KEY ("seq")
);

CREATE TRIGGER "StudentRecord_signal_insert" AFTER INSERT ON "StudentRecord" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "StudentRecord_signal_update" AFTER UPDATE ON "StudentRecord" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "StudentRecord_signal_delete" AFTER DELETE ON "StudentRecord" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "EducationAssistance_signal_insert" AFTER INSERT ON "EducationAssistance" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "EducationAssistance_signal_update" AFTER UPDATE ON "EducationAssistance" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "EducationAssistance_signal_delete" AFTER DELETE ON "EducationAssistance" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
