-- Bank files recorded as written, not by rewriting every line (issue 13's numbers: marking 625,806 lines
-- exported was the export's whole cost). An export is one BankExport row (what the bank was sent: count,
-- total, the file's SHA-256) and one narrow BankExportLine row per line and attempt; a line is written
-- by generation and then once more, by the bank's answer.

-- CreateTable
CREATE TABLE "BankExport" (
    "id" TEXT NOT NULL,
    "payrollId" TEXT NOT NULL,
    "exportedBy" TEXT NOT NULL,
    "exportedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lineCount" INTEGER NOT NULL,
    "totalAmount" DECIMAL(14,2) NOT NULL,
    "sha256" TEXT NOT NULL,

    CONSTRAINT "BankExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankExportLine" (
    "lineId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "exportId" TEXT NOT NULL,

    CONSTRAINT "BankExportLine_pkey" PRIMARY KEY ("lineId","attempt")
);

-- CreateIndex
CREATE INDEX "BankExport_payrollId_idx" ON "BankExport"("payrollId");

-- AddForeignKey
ALTER TABLE "BankExport" ADD CONSTRAINT "BankExport_payrollId_fkey" FOREIGN KEY ("payrollId") REFERENCES "Payroll"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Existing exports carry over: each line's exported attempt becomes its row (one recorded export per payroll).
INSERT INTO "BankExport" ("id", "payrollId", "exportedBy", "lineCount", "totalAmount", "sha256")
SELECT 'migrated-' || "payrollId", "payrollId", 'migration', count(*), sum("amount"), ''
FROM "PaymentLine" WHERE "payrollId" IS NOT NULL AND "exportedAttempt" > 0 GROUP BY "payrollId";
INSERT INTO "BankExportLine" ("lineId", "attempt", "exportId")
SELECT l."id", a."attempt", 'migrated-' || l."payrollId"
FROM "PaymentLine" l CROSS JOIN LATERAL generate_series(1, l."exportedAttempt") AS a("attempt")
WHERE l."payrollId" IS NOT NULL;

-- The column, its CHECK (PaymentLine_export_check) and an index no query uses (lines are found by payroll,
-- person or month, never by account; accounts are corrected in place, never deleted) go.
ALTER TABLE "PaymentLine" DROP COLUMN "exportedAttempt";
DROP INDEX "PaymentLine_accountId_idx";

-- Not expressible in schema.prisma (kept out of the drift check on purpose):
ALTER TABLE "PaymentLine" ADD CONSTRAINT "PaymentLine_attempt_check" CHECK ("attempt" >= 1);
-- Each attempt of a line is exported at most once: BankExportLine's key. No foreign keys on its rows: a
-- county's export writes hundreds of thousands, each of which would pay for two lookups; they are
-- written from the lines and the export in the same statement that reads them.
-- A payroll line is settled (PAID, FAILED) only once exported in its current attempt: checked per
-- statement over the rows it changed (one join, where a row trigger would cost a call per line). Planned
-- at each run (EXECUTE): a plan cached while BankExportLine was empty scans it once per changed line.
CREATE FUNCTION "payments_settled_lines_exported"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unexported boolean;
BEGIN
  EXECUTE 'SELECT EXISTS (SELECT 1 FROM changed c WHERE c."payrollId" IS NOT NULL AND c."status" <> ''PENDING''
      AND NOT EXISTS (SELECT 1 FROM "BankExportLine" e WHERE e."lineId" = c."id" AND e."attempt" = c."attempt"))' INTO unexported;
  IF unexported THEN
    RAISE EXCEPTION 'lip:INVALID_TRANSITION:%: A payroll line is settled only once exported in its current attempt', 'NOT_EXPORTED';
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "PaymentLine_settled_exported" AFTER UPDATE ON "PaymentLine" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION "payments_settled_lines_exported"();
-- Inserted payroll lines are PENDING (nothing is exported before a line exists), and none go into an approved payroll.
CREATE OR REPLACE FUNCTION "payments_approved_lines_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM added a JOIN "Payroll" p ON p."id" = a."payrollId" WHERE p."status" = 'APPROVED') THEN
    RAISE EXCEPTION 'lip:CONFLICT:%: The lines of an approved payroll do not change', 'PAYROLL_APPROVED';
  END IF;
  IF EXISTS (SELECT 1 FROM added a WHERE a."payrollId" IS NOT NULL AND a."status" <> 'PENDING') THEN
    RAISE EXCEPTION 'lip:INVALID_TRANSITION:%: A payroll line is settled only once exported in its current attempt', 'NOT_EXPORTED';
  END IF;
  RETURN NULL;
END;
$$;

-- The state machine of a line, checked in the trigger's WHEN: the guard function (a row converted to JSON
-- twice) runs only for a change it refuses, not for each of a return file's hundreds of thousands of lines.
DROP TRIGGER "PaymentLine_transition" ON "PaymentLine";
CREATE TRIGGER "PaymentLine_transition" BEFORE UPDATE OF "status" ON "PaymentLine"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status"
    AND (OLD."status"::text || '>' || NEW."status"::text) NOT IN ('PENDING>PAID', 'PENDING>FAILED', 'FAILED>PENDING'))
  EXECUTE FUNCTION "lip_guard_transition"('status', 'PENDING>PAID', 'PENDING>FAILED', 'FAILED>PENDING');
