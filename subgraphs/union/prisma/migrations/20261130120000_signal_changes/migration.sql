-- Incremental signals for monitoring (issue 11): a log of the persons each change of a record names,
-- filled by statement triggers (lip_signal_change, installed by the shared migration runner), so
-- `unionSignalsSince` reads only what changed after a position.
CREATE TABLE "SignalChange" (
    "seq" BIGSERIAL NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignalChange_pkey" PRIMARY KEY ("seq")
);

CREATE TRIGGER "DifficultWorkerFile_signal_insert" AFTER INSERT ON "DifficultWorkerFile" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "DifficultWorkerFile_signal_update" AFTER UPDATE ON "DifficultWorkerFile" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "DifficultWorkerFile_signal_delete" AFTER DELETE ON "DifficultWorkerFile" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "UnionAssistance_signal_insert" AFTER INSERT ON "UnionAssistance" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "UnionAssistance_signal_update" AFTER UPDATE ON "UnionAssistance" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "UnionAssistance_signal_delete" AFTER DELETE ON "UnionAssistance" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
