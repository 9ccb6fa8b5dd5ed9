-- A bank file's audit entry names the export, not each person in it: the entry (who, when, which payroll) and
-- the export's lines (BankExportLine → PaymentLine."personIdNumber", never changed nor deleted) together say
-- who read whose account number, and the audit log's person filter follows this link. Naming 625,806 persons
-- in the entry's array cost the export of a county of 1,000,000 persons about 2 s (its GIN index entries).
-- Null for exports recorded before, whose entries name their persons.
ALTER TABLE "BankExport" ADD COLUMN "auditId" BIGINT;
