// Fills an empty education database with demo student records and assistance derived from the
// civil-affairs demo population (see generate.ts). Everything is one transaction under an advisory
// lock, so two services starting together do not both seed and a crash leaves nothing half-seeded.
import type { Database } from '@lip/shared/database';
import type { SeedOptions as SharedSeedOptions } from '@lip/shared/subgraph';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { generateEducationDemo } from './generate.ts';
import { demoSetting } from '@lip/shared/demo/settings';

export interface SeedOptions extends SharedSeedOptions {
  /** The demo's "today" (default the real today): this academic year's assistance is dated up to it. */
  asOf?: Date;
}

const CHUNK = 2_000;
const SEED_LOCK_KEY = 0x11_2d_e2;


const date = (value: string | null) => (value === null ? null : new Date(`${value}T00:00:00.000Z`));

/**
 * Seeds the demo data unless there are student records already (a restart never duplicates).
 * Size and seed come from the options, else LIP_DEMO_PERSONS (default 20000) and LIP_DEMO_SEED (default 2024),
 * the same settings the civil-affairs seed reads, so the records match its persons.
 */
export async function seedIfEmpty(
  prisma: PrismaClient,
  _db: Database,
  options: SeedOptions = {},
): Promise<{ seeded: boolean; records: number; assistance: number }> {
  const persons = demoSetting(options.persons, process.env.LIP_DEMO_PERSONS, 20_000, 'persons');
  const seed = demoSetting(options.seed, process.env.LIP_DEMO_SEED, 2024, 'seed');
  // The cheap, common answer first: already seeded.
  const existing = await prisma.studentRecord.count();
  if (existing > 0) return { seeded: false, records: existing, assistance: await prisma.educationAssistance.count() };

  const demo = generateEducationDemo({ seed, persons, asOf: options.asOf });
  const total = demo.records.length + demo.assistance.length;
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})::text AS locked`);
      // Checked again under the lock: another process may have seeded meanwhile.
      const records = await tx.studentRecord.count();
      if (records > 0) return { seeded: false, records, assistance: await tx.educationAssistance.count() };
      let done = 0;
      for (let i = 0; i < demo.records.length; i += CHUNK) {
        const chunk = demo.records.slice(i, i + CHUNK);
        await tx.studentRecord.createMany({
          data: chunk.map((record) => ({ ...record, identifiedOn: date(record.identifiedOn), endedOn: date(record.endedOn) })),
        });
        done += chunk.length;
        options.onProgress?.(done, total);
      }
      for (let i = 0; i < demo.assistance.length; i += CHUNK) {
        const chunk = demo.assistance.slice(i, i + CHUNK);
        await tx.educationAssistance.createMany({
          data: chunk.map((given) => ({
            ...given,
            paidOn: date(given.paidOn),
            cancelledAt: given.cancelledAt === null ? null : new Date(given.cancelledAt),
          })),
        });
        done += chunk.length;
        options.onProgress?.(done, total);
      }
      return { seeded: true, records: demo.records.length, assistance: demo.assistance.length };
    },
    // One transaction so a failed load leaves nothing; large loads take minutes.
    { timeout: Math.max(300_000, persons * 2), maxWait: 30_000 },
  );
}
