-- The audit log's index by person (shared/src/audit.ts) is kept up to date by each INSERT itself
-- (fastupdate off): with the default pending list, the INSERT that fills it (4 MB) also merges it
-- into the index, 270–585 ms on a read's path, and without autovacuum every probe scans the list.
-- Now each audited read pays a small, steady cost: one index entry per person it showed.
ALTER INDEX "lip_audit_log_persons_idx" SET (fastupdate = off);
-- Turning it off keeps what is already pending; merge that now.
SELECT gin_clean_pending_list('lip_audit_log_persons_idx'::regclass);
