-- Incremental signals for monitoring (issue 11): a log of the persons each change of a record names,
-- filled by statement triggers (lip_signal_change, installed by the shared migration runner), so
-- `healthInsuranceSignalsSince` reads only what changed after a position.
CREATE TABLE "SignalChange" (
    "seq" BIGSERIAL NOT NULL,
    "personIdNumber" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignalChange_pkey" PRIMARY KEY ("seq")
);

CREATE TRIGGER "MedicalClaim_signal_insert" AFTER INSERT ON "MedicalClaim" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "MedicalClaim_signal_update" AFTER UPDATE ON "MedicalClaim" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "MedicalClaim_signal_delete" AFTER DELETE ON "MedicalClaim" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
-- An enrolment's assistance identity decides medical-assistance coverage: its changes count too.
CREATE TRIGGER "MedicalInsuranceEnrolment_signal_insert" AFTER INSERT ON "MedicalInsuranceEnrolment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
CREATE TRIGGER "MedicalInsuranceEnrolment_signal_update" AFTER UPDATE ON "MedicalInsuranceEnrolment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "lip_signal_change"('personIdNumber');
