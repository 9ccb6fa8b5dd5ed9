// Applies a subgraph's Prisma migrations (prisma/migrations/<name>/migration.sql) and
// records them in `_prisma_migrations` exactly as Prisma Migrate does, so an operator
// with the Prisma CLI and this runner see the same state. Needed because the CLI's
// schema engine is a native download, and it cannot reach an embedded PGlite anyway.
// The tables and trigger functions @lip/shared owns in every subgraph's database (audit log,
// replay guard, state-machine guards) are migrations of their own in shared/prisma/migrations,
// applied before the subgraph's and recorded in the same table: one copy of their SQL, covered
// by each subgraph's drift check. (Prisma's `migrate deploy` ignores applied migrations it has no
// folder for, so an operator's CLI still works on a subgraph's folder.)
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, SqlRunner } from './database.ts';

// Prisma Migrate's own advisory lock key, so the two never run at once.
const LOCK_KEY = 72707369;

/** The shared package's migrations (`<timestamp>_shared_<what>`, so no subgraph's has the same name). */
const SHARED_MIGRATIONS = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

function readMigrations(migrationsDir: string): Migration[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export class MigrationError extends Error {}

/** Applies the pending shared migrations, then the subgraph's, each in order; returns the names applied. */
export function migrate(db: Database, migrationsDir: string): Promise<string[]> {
  const shared = readMigrations(SHARED_MIGRATIONS);
  const own = readMigrations(migrationsDir);
  const clash = own.find((migration) => shared.some((other) => other.name === migration.name));
  if (clash) throw new MigrationError(`migration ${clash.name} has the name of a shared migration`);
  return db.session((sql) => applyPending(sql, [...shared, ...own]));
}

async function applyPending(sql: SqlRunner, migrations: Migration[]): Promise<string[]> {
  await sql.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`);
  await sql.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
  try {
    const rows = await sql.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row]));
    for (const row of rows) {
      if (!row.finished_at) throw new MigrationError(`migration ${row.migration_name} failed earlier; resolve it first`);
    }
    const done: string[] = [];
    for (const migration of migrations) {
      const previous = applied.get(migration.name);
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new MigrationError(`migration ${migration.name} was changed after it was applied`);
        }
        continue;
      }
      // One transaction per migration: a failing migration leaves no trace.
      await sql
        .exec(`BEGIN;\n${migration.sql}\n;INSERT INTO "_prisma_migrations"
        (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
        VALUES ('${randomUUID()}', '${migration.checksum}', now(), '${migration.name.replace(/'/g, "''")}', now(), 1);
        COMMIT;`)
        .catch(async (error: unknown) => {
          await sql.exec('ROLLBACK').catch(() => {});
          throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`);
        });
      done.push(migration.name);
    }
    return done;
  } finally {
    await sql.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
  }
}
