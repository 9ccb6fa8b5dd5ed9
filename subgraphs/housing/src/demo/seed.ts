// Fills empty housing tables with the demo records of ./generate.ts, derived from the same
// synthetic population the civil-affairs seed loads (LIP_DEMO_SEED, LIP_DEMO_PERSONS).
// Rows go in through the shared bulk insert, all in one transaction under an advisory lock, so a crash
// leaves no half-seeded database that would never be completed.
import { bulkLoad, countRows, insertRows, withIndexesBuiltAfter } from '@lip/shared/bulk-insert';
import type { Database } from '@lip/shared/database';
import { demoSetting } from '@lip/shared/demo/settings';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { generateHousingDemo } from './generate.ts';

export interface SeedOptions {
  persons?: number;
  seed?: number;
  /** Rent subsidies are renewed up to this day's year (default today). */
  today?: Date;
}

export interface SeedResult {
  seeded: boolean;
  assessments: number;
  urbanRecords?: number;
  cases?: number;
  steps?: number;
}

// Held for the transaction, so two services starting together do not both seed.
const SEED_LOCK_KEY = 0x484f_5345;

/** Seeds the demo records unless there are assessments already (a restart never duplicates). */
export async function seedIfEmpty(prisma: PrismaClient, db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const persons = demoSetting(options.persons, process.env.LIP_DEMO_PERSONS, 20_000, 'persons');
  const seed = demoSetting(options.seed, process.env.LIP_DEMO_SEED, 2024, 'seed');
  const existing = await prisma.dwellingAssessment.count();
  if (existing > 0) return { seeded: false, assessments: existing };

  const policy = await prisma.policyParameter.findMany();
  const demo = generateHousingDemo({ seed, persons, policy, today: options.today });
  return bulkLoad(db, SEED_LOCK_KEY, async (sql) => {
    // Checked again under the lock: another process may have seeded meanwhile.
    const assessments = await countRows(sql, 'DwellingAssessment');
    if (assessments > 0) return { seeded: false, assessments };
    // The membership tables fill by trigger as the records go in.
    const tables = ['DwellingAssessment', 'UrbanHousingAssistance', 'RuralRenovationCase', 'RuralRenovationStep'];
    await withIndexesBuiltAfter(sql, [...tables, ...tables.slice(0, 3).map((table) => `${table}Person`)], async () => {
      await insertRows(sql, 'DwellingAssessment', demo.assessments);
      await insertRows(sql, 'UrbanHousingAssistance', demo.urban);
      await insertRows(sql, 'RuralRenovationCase', demo.cases);
      await insertRows(sql, 'RuralRenovationStep', demo.steps);
    });
    return { seeded: true, assessments: demo.assessments.length, urbanRecords: demo.urban.length, cases: demo.cases.length, steps: demo.steps.length };
  });
}
