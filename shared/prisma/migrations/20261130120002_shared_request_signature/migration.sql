-- The replay guard of signed subgraph requests (shared/src/replay.ts): every replica behind one
-- address sees the same signatures, and the primary key decides between two inserting one.
-- Idempotent (IF NOT EXISTS): databases from before this migration have the table already,
-- created by DDL at every start.
CREATE TABLE IF NOT EXISTS "lip_request_signature" (
  "signature" TEXT PRIMARY KEY,
  "expiresAt" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "lip_request_signature_expiresAt_idx" ON "lip_request_signature" ("expiresAt");
