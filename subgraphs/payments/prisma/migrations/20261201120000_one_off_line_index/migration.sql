-- "One payment line per temporary-assistance case" needs only the lines that have a case: the one-off payments.
-- A payroll's lines have none, yet the full unique index took an entry for each of them (625,806 for a county of
-- 1,000,000 persons, written by the same INSERT as the lines). Partial, it holds the one-off lines only.
-- Not expressible in schema.prisma (kept out of the drift check on purpose, as the other partial indexes).
DROP INDEX "PaymentLine_temporaryAssistanceId_key";
CREATE UNIQUE INDEX "PaymentLine_temporaryAssistanceId_key" ON "PaymentLine"("temporaryAssistanceId") WHERE "temporaryAssistanceId" IS NOT NULL;
