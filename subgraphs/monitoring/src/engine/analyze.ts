// Planner statistics after a large write. Some servers run without autovacuum (this project's
// benchmark server does), and a table a feed of a million rows has just filled has none: the
// planner then guesses thousands of rows per person, scans whole tables for a list of persons and
// compiles JIT code for statements that touch a few hundred rows. PostgreSQL's own rule decides:
// refresh when there are no statistics or the write changed a tenth of the rows they describe.
import type { RawQueryRunner } from '@lip/shared/writes';

export async function analyzeAfterWrite(runner: RawQueryRunner, table: string, changed: number): Promise<boolean> {
  if (changed <= 0) return false;
  const [row] = await runner.$queryRawUnsafe<{ stale: boolean }[]>(
    `SELECT NOT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = $1)
       OR $2::float8 >= 0.1 * greatest(c.reltuples, 0) AS stale
     FROM pg_class c WHERE c.oid = quote_ident($1)::regclass`,
    table,
    changed,
  );
  if (!row?.stale) return false;
  await runner.$queryRawUnsafe(`ANALYZE "${table}"`);
  return true;
}
