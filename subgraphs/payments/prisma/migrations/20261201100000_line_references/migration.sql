-- A line's payroll and account are checked once per statement over the lines written, not by foreign keys:
-- a foreign key checks each row with its own query, which cost a county's payroll of 628,950 lines 42 s of
-- a 164 s INSERT (15 s the payroll, 27 s the account; EXPLAIN ANALYZE on a scratch copy). Payrolls and
-- accounts are never deleted nor re-keyed, so a reference checked when written stays good without the
-- foreign key's lock on the referenced row.
ALTER TABLE "PaymentLine" DROP CONSTRAINT "PaymentLine_payrollId_fkey";
ALTER TABLE "PaymentLine" DROP CONSTRAINT "PaymentLine_accountId_fkey";

CREATE OR REPLACE FUNCTION "payments_approved_lines_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM added a WHERE a."payrollId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Payroll" p WHERE p."id" = a."payrollId"))
    OR EXISTS (SELECT 1 FROM added a WHERE a."accountId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "PaymentAccount" c WHERE c."id" = a."accountId")) THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = 'A payment line refers to a payroll or an account that does not exist';
  END IF;
  IF EXISTS (SELECT 1 FROM added a JOIN "Payroll" p ON p."id" = a."payrollId" WHERE p."status" = 'APPROVED') THEN
    RAISE EXCEPTION 'lip:CONFLICT:%: The lines of an approved payroll do not change', 'PAYROLL_APPROVED';
  END IF;
  IF EXISTS (SELECT 1 FROM added a WHERE a."payrollId" IS NOT NULL AND a."status" <> 'PENDING') THEN
    RAISE EXCEPTION 'lip:INVALID_TRANSITION:%: A payroll line is settled only once exported in its current attempt', 'NOT_EXPORTED';
  END IF;
  RETURN NULL;
END;
$$;

-- A line pointed at another payroll or account (few rows: an account attached at export, a reissue).
CREATE FUNCTION "payments_line_references"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW."payrollId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Payroll" p WHERE p."id" = NEW."payrollId"))
    OR (NEW."accountId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "PaymentAccount" c WHERE c."id" = NEW."accountId")) THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = 'A payment line refers to a payroll or an account that does not exist';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "PaymentLine_references" BEFORE UPDATE OF "payrollId", "accountId" ON "PaymentLine"
  FOR EACH ROW WHEN (OLD."payrollId" IS DISTINCT FROM NEW."payrollId" OR OLD."accountId" IS DISTINCT FROM NEW."accountId")
  EXECUTE FUNCTION "payments_line_references"();

CREATE FUNCTION "payments_referenced_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'lip:CONFLICT:%: % rows are never deleted nor given another id: payment lines refer to them', 'REFERENCED', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER "Payroll_kept" BEFORE DELETE ON "Payroll" FOR EACH ROW EXECUTE FUNCTION "payments_referenced_kept"();
CREATE TRIGGER "Payroll_kept_id" BEFORE UPDATE OF "id" ON "Payroll"
  FOR EACH ROW WHEN (OLD."id" <> NEW."id") EXECUTE FUNCTION "payments_referenced_kept"();
CREATE TRIGGER "PaymentAccount_kept" BEFORE DELETE ON "PaymentAccount" FOR EACH ROW EXECUTE FUNCTION "payments_referenced_kept"();
CREATE TRIGGER "PaymentAccount_kept_id" BEFORE UPDATE OF "id" ON "PaymentAccount"
  FOR EACH ROW WHEN (OLD."id" <> NEW."id") EXECUTE FUNCTION "payments_referenced_kept"();

-- The bank's answer rewrites every line of a payroll once, in one transaction, so no old version can be pruned
-- meanwhile: at fillfactor 60 a page's free space held the new versions of about two thirds of its lines and the
-- rest moved to other pages, each adding an entry to every index (26% of 1,251,612 updates on a scratch copy).
-- At 45 every line's new version fits beside it (a line is about 280 bytes), so all are heap-only updates.
ALTER TABLE "PaymentLine" SET (fillfactor = 45);
