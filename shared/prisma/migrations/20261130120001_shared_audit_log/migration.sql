-- The audit log (shared/src/audit.ts): every write and every read of persons' records, in each
-- subgraph's own database. Append-only: a trigger refuses UPDATE and DELETE even to SQL.
-- Idempotent (IF NOT EXISTS, OR REPLACE): databases from before this migration have the table
-- already, created by DDL at every start, possibly without "refusal" (added later).
CREATE TABLE IF NOT EXISTS "lip_audit_log" (
  "id" BIGSERIAL PRIMARY KEY,
  "at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "subject" TEXT NOT NULL,
  "role" TEXT NOT NULL,
  "department" TEXT,
  "operation" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "subgraph" TEXT NOT NULL,
  "persons" TEXT[] NOT NULL,
  "requestId" TEXT NOT NULL,
  "refusal" TEXT
);
ALTER TABLE "lip_audit_log" ADD COLUMN IF NOT EXISTS "refusal" TEXT;
CREATE INDEX IF NOT EXISTS "lip_audit_log_at_idx" ON "lip_audit_log" ("at");
CREATE INDEX IF NOT EXISTS "lip_audit_log_persons_idx" ON "lip_audit_log" USING GIN ("persons");

CREATE OR REPLACE FUNCTION "lip_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$;
DROP TRIGGER IF EXISTS "lip_audit_log_append_only" ON "lip_audit_log";
CREATE TRIGGER "lip_audit_log_append_only" BEFORE UPDATE OR DELETE ON "lip_audit_log"
  FOR EACH ROW EXECUTE FUNCTION "lip_audit_append_only"();
