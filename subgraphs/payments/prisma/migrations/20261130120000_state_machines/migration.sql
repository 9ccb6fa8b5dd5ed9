-- The state machines of payments, held by the database whatever writes to it. The services lock the
-- payroll, line or case they change (advisory lock per county and month, FOR UPDATE per row), so a
-- race loser reads the committed state and gets the error a sequential request gets; these are the
-- backstop. Not expressible in schema.prisma (kept out of the drift check). lip_guard_transition and
-- lip_guard_final are installed by the shared migration runner (shared/src/guards.ts).

-- A payroll is approved once and then keeps its county, month, maker and checker: no un-approving.
CREATE TRIGGER "Payroll_transition" BEFORE UPDATE OF "status" ON "Payroll"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_transition"('status', 'DRAFT>APPROVED');
CREATE FUNCTION "payments_approved_payroll"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD."countyCode", OLD."month", OLD."preparedBy", OLD."approvedBy") IS DISTINCT FROM (NEW."countyCode", NEW."month", NEW."preparedBy", NEW."approvedBy") THEN
    RAISE EXCEPTION 'lip:CONFLICT:%: An approved payroll keeps its county, month, maker and checker', 'PAYROLL_APPROVED';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Payroll_approved" BEFORE UPDATE ON "Payroll"
  FOR EACH ROW WHEN (OLD."status" = 'APPROVED') EXECUTE FUNCTION "payments_approved_payroll"();

-- The lines of an approved payroll are what was approved: none added or removed, no terms changed.
-- Inserts and deletes are checked once per statement (generation writes lines by the ten thousand).
CREATE FUNCTION "payments_approved_line_terms"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Payroll" p WHERE p."id" IN (OLD."payrollId", NEW."payrollId") AND p."status" = 'APPROVED') THEN
    RAISE EXCEPTION 'lip:CONFLICT:%: The lines of an approved payroll do not change', 'PAYROLL_APPROVED';
  END IF;
  RETURN NEW;
END;
$$;
-- One function per transition table: a query naming a table the trigger does not have fails to plan.
CREATE FUNCTION "payments_approved_lines_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM added a JOIN "Payroll" p ON p."id" = a."payrollId" WHERE p."status" = 'APPROVED') THEN
    RAISE EXCEPTION 'lip:CONFLICT:%: The lines of an approved payroll do not change', 'PAYROLL_APPROVED';
  END IF;
  RETURN NULL;
END;
$$;
CREATE FUNCTION "payments_approved_lines_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM removed r JOIN "Payroll" p ON p."id" = r."payrollId" WHERE p."status" = 'APPROVED') THEN
    RAISE EXCEPTION 'lip:CONFLICT:%: The lines of an approved payroll do not change', 'PAYROLL_APPROVED';
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "PaymentLine_approved_insert" AFTER INSERT ON "PaymentLine" REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION "payments_approved_lines_added"();
CREATE TRIGGER "PaymentLine_approved_delete" AFTER DELETE ON "PaymentLine" REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION "payments_approved_lines_removed"();
CREATE TRIGGER "PaymentLine_approved_terms" BEFORE UPDATE OF "payrollId", "holdingId", "personIdNumber", "month", "category", "careLevel",
  "payeeKind", "institutionName", "basicAmount", "careAllowance", "amount", "paidFrom", "paidTo" ON "PaymentLine"
  FOR EACH ROW WHEN (OLD."payrollId" IS NOT NULL) EXECUTE FUNCTION "payments_approved_line_terms"();

-- A line is settled by the bank's answer (PAID or FAILED) and a failed one reissued; a payroll line is
-- exported before the bank can answer it, and each attempt is exported at most once.
CREATE TRIGGER "PaymentLine_transition" BEFORE UPDATE OF "status" ON "PaymentLine"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_transition"('status', 'PENDING>PAID', 'PENDING>FAILED', 'FAILED>PENDING');
ALTER TABLE "PaymentLine" ADD CONSTRAINT "PaymentLine_export_check" CHECK (
  "attempt" >= 1 AND "exportedAttempt" BETWEEN 0 AND "attempt" AND ("payrollId" IS NULL OR "status" = 'PENDING' OR "exportedAttempt" = "attempt")
);

-- Temporary assistance is decided once and paid once (the one-off line is unique per case too).
CREATE TRIGGER "TemporaryAssistance_transition" BEFORE UPDATE OF "status" ON "TemporaryAssistance"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_transition"('status', 'APPLIED>APPROVED', 'APPLIED>REJECTED', 'APPROVED>PAID', 'APPLIED>PAID');
ALTER TABLE "TemporaryAssistance" ADD CONSTRAINT "TemporaryAssistance_paid_check" CHECK (("status" = 'PAID') = ("paidOn" IS NOT NULL));

-- An answered complaint is final.
CREATE TRIGGER "Complaint_final" BEFORE UPDATE ON "Complaint"
  FOR EACH ROW EXECUTE FUNCTION "lip_guard_final"('answeredAt');

-- A payroll line is updated twice after it is written (exported, then answered by the bank): room left
-- in each page lets both be heap-only updates, which touch none of the line's six indexes.
ALTER TABLE "PaymentLine" SET (fillfactor = 60);
