// Fills an empty union database with demo files and assistance derived from the civil-affairs
// demo population (see generate.ts), through the shared bulk insert. Everything is one transaction
// under an advisory lock, so two services starting together do not both seed and a crash leaves
// nothing half-seeded.
import { bulkLoad, countRows, insertRows, withIndexesBuiltAfter } from '@lip/shared/bulk-insert';
import type { Database } from '@lip/shared/database';
import { demoSetting } from '@lip/shared/demo/settings';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { generateUnionDemo } from './generate.ts';

export interface SeedOptions {
  persons?: number;
  seed?: number;
  /** The demo's "today" (default the real today): this year's assistance is dated up to it. */
  asOf?: Date;
}

const SEED_LOCK_KEY = 0x11_2d_e5;

/**
 * Seeds the demo data unless there are files already (a restart never duplicates).
 * Size and seed come from the options, else LIP_DEMO_PERSONS (default 20000) and LIP_DEMO_SEED (default 2024),
 * the same settings the civil-affairs seed reads, so the records match its persons.
 */
export async function seedIfEmpty(
  prisma: PrismaClient,
  db: Database,
  options: SeedOptions = {},
): Promise<{ seeded: boolean; files: number; assistance: number }> {
  const persons = demoSetting(options.persons, process.env.LIP_DEMO_PERSONS, 20_000, 'persons');
  const seed = demoSetting(options.seed, process.env.LIP_DEMO_SEED, 2024, 'seed');
  const existing = await prisma.difficultWorkerFile.count();
  if (existing > 0) return { seeded: false, files: existing, assistance: await prisma.unionAssistance.count() };

  const demo = generateUnionDemo({ seed, persons, asOf: options.asOf });
  return bulkLoad(db, SEED_LOCK_KEY, async (sql) => {
    // Checked again under the lock: another process may have seeded meanwhile.
    const files = await countRows(sql, 'DifficultWorkerFile');
    if (files > 0) return { seeded: false, files, assistance: await countRows(sql, 'UnionAssistance') };
    await withIndexesBuiltAfter(sql, ['DifficultWorkerFile', 'UnionAssistance'], async () => {
      await insertRows(sql, 'DifficultWorkerFile', demo.files);
      await insertRows(sql, 'UnionAssistance', demo.assistance);
    });
    return { seeded: true, files: demo.files.length, assistance: demo.assistance.length };
  });
}
