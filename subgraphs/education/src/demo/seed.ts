// Fills an empty education database with demo student records and assistance derived from the
// civil-affairs demo population (see generate.ts), through the shared bulk insert. Everything is one
// transaction under an advisory lock, so two services starting together do not both seed and a crash
// leaves nothing half-seeded.
import { bulkLoad, countRows, insertRows, withIndexesBuiltAfter } from '@lip/shared/bulk-insert';
import type { Database } from '@lip/shared/database';
import { demoSetting } from '@lip/shared/demo/settings';
import type { SeedOptions as SharedSeedOptions } from '@lip/shared/subgraph';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { generateEducationDemo } from './generate.ts';

export interface SeedOptions extends SharedSeedOptions {
  /** The demo's "today" (default the real today): this academic year's assistance is dated up to it. */
  asOf?: Date;
}

const SEED_LOCK_KEY = 0x11_2d_e2;

/**
 * Seeds the demo data unless there are student records already (a restart never duplicates).
 * Size and seed come from the options, else LIP_DEMO_PERSONS (default 20000) and LIP_DEMO_SEED (default 2024),
 * the same settings the civil-affairs seed reads, so the records match its persons.
 */
export async function seedIfEmpty(
  prisma: PrismaClient,
  db: Database,
  options: SeedOptions = {},
): Promise<{ seeded: boolean; records: number; assistance: number }> {
  const persons = demoSetting(options.persons, process.env.LIP_DEMO_PERSONS, 20_000, 'persons');
  const seed = demoSetting(options.seed, process.env.LIP_DEMO_SEED, 2024, 'seed');
  // The cheap, common answer first: already seeded.
  const existing = await prisma.studentRecord.count();
  if (existing > 0) return { seeded: false, records: existing, assistance: await prisma.educationAssistance.count() };

  const demo = generateEducationDemo({ seed, persons, asOf: options.asOf });
  const total = demo.records.length + demo.assistance.length;
  return bulkLoad(db, SEED_LOCK_KEY, async (sql) => {
    // Checked again under the lock: another process may have seeded meanwhile.
    const records = await countRows(sql, 'StudentRecord');
    if (records > 0) return { seeded: false, records, assistance: await countRows(sql, 'EducationAssistance') };
    await withIndexesBuiltAfter(sql, ['StudentRecord', 'EducationAssistance'], async () => {
      await insertRows(sql, 'StudentRecord', demo.records);
      options.onProgress?.(demo.records.length, total);
      await insertRows(sql, 'EducationAssistance', demo.assistance);
      options.onProgress?.(total, total);
    });
    return { seeded: true, records: demo.records.length, assistance: demo.assistance.length };
  });
}
