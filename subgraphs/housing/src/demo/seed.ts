// Fills empty housing tables with the demo records of ./generate.ts, derived from the same
// synthetic population the civil-affairs seed loads (LIP_DEMO_SEED, LIP_DEMO_PERSONS).
// Everything is one transaction, so a crash leaves no half-seeded database that would never be completed.
import type { Database } from '@lip/shared/database';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { generateHousingDemo } from './generate.ts';
import { demoSetting } from '@lip/shared/demo/settings';

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

const CHUNK = 1_000;
// Held for the transaction, so two services starting together do not both seed.
const SEED_LOCK_KEY = 0x484f_5345;


async function inChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Seeds the demo records unless there are assessments already (a restart never duplicates). */
export async function seedIfEmpty(prisma: PrismaClient, _db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const persons = demoSetting(options.persons, process.env.LIP_DEMO_PERSONS, 20_000, 'persons');
  const seed = demoSetting(options.seed, process.env.LIP_DEMO_SEED, 2024, 'seed');
  const existing = await prisma.dwellingAssessment.count();
  if (existing > 0) return { seeded: false, assessments: existing };

  const policy = await prisma.policyParameter.findMany();
  const demo = generateHousingDemo({ seed, persons, policy, today: options.today });
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${SEED_LOCK_KEY}::bigint)`;
      // Checked again under the lock: another process may have seeded meanwhile.
      const count = await tx.dwellingAssessment.count();
      if (count > 0) return { seeded: false, assessments: count };
      const now = new Date();
      await inChunks(demo.assessments, (data) => tx.dwellingAssessment.createMany({ data }));
      await inChunks(demo.urban, (data) => tx.urbanHousingAssistance.createMany({ data: data.map((row) => ({ ...row, updatedAt: now })) }));
      await inChunks(demo.cases, (data) => tx.ruralRenovationCase.createMany({ data: data.map((row) => ({ ...row, updatedAt: now })) }));
      await inChunks(demo.steps, (data) => tx.ruralRenovationStep.createMany({ data }));
      return { seeded: true, assessments: demo.assessments.length, urbanRecords: demo.urban.length, cases: demo.cases.length, steps: demo.steps.length };
    },
    // One transaction so a failed load leaves nothing; large loads take minutes.
    { timeout: Math.max(300_000, persons * 2), maxWait: 60_000 },
  );
}
