-- A batch holds one row per person: the import writes the rows straight to the records (COPY) and
-- checks this after the write, so that it can list every duplicate (src/engine/import.ts). One
-- constraint, person first and deferrable, instead of a unique index and an index on the person:
-- a bulk write maintains one index fewer, and a person's records are found the same way.
DROP INDEX "FeedRecord_batchId_personIdNumber_key";
DROP INDEX "FeedRecord_personIdNumber_idx";
ALTER TABLE "FeedRecord" ADD CONSTRAINT "FeedRecord_personIdNumber_batchId_key" UNIQUE ("personIdNumber", "batchId") DEFERRABLE INITIALLY IMMEDIATE;
