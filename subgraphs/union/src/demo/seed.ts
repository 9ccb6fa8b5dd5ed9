// Fills an empty union database with demo files and assistance derived from the civil-affairs
// demo population (see generate.ts). Everything is one transaction under an advisory lock, so two
// services starting together do not both seed and a crash leaves nothing half-seeded.
import type { Database } from '@lip/shared/database';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { generateUnionDemo } from './generate.ts';
import { demoSetting } from '@lip/shared/demo/settings';

export interface SeedOptions {
  persons?: number;
  seed?: number;
  /** The demo's "today" (default the real today): this year's assistance is dated up to it. */
  asOf?: Date;
}

const CHUNK = 1_000;
const SEED_LOCK_KEY = 0x11_2d_e5;


const date = (value: string | null) => (value === null ? null : new Date(`${value}T00:00:00.000Z`));

/**
 * Seeds the demo data unless there are files already (a restart never duplicates).
 * Size and seed come from the options, else LIP_DEMO_PERSONS (default 20000) and LIP_DEMO_SEED (default 2024),
 * the same settings the civil-affairs seed reads, so the records match its persons.
 */
export async function seedIfEmpty(
  prisma: PrismaClient,
  _db?: Database,
  options: SeedOptions = {},
): Promise<{ seeded: boolean; files: number; assistance: number }> {
  const persons = demoSetting(options.persons, process.env.LIP_DEMO_PERSONS, 20_000, 'persons');
  const seed = demoSetting(options.seed, process.env.LIP_DEMO_SEED, 2024, 'seed');
  const existing = await prisma.difficultWorkerFile.count();
  if (existing > 0) return { seeded: false, files: existing, assistance: await prisma.unionAssistance.count() };

  const demo = generateUnionDemo({ seed, persons, asOf: options.asOf });
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})::text AS locked`);
      // Checked again under the lock: another process may have seeded meanwhile.
      const files = await tx.difficultWorkerFile.count();
      if (files > 0) return { seeded: false, files, assistance: await tx.unionAssistance.count() };
      for (let i = 0; i < demo.files.length; i += CHUNK) {
        await tx.difficultWorkerFile.createMany({
          data: demo.files.slice(i, i + CHUNK).map((file) => ({
            ...file,
            filedOn: date(file.filedOn)!,
            reviewedOn: date(file.reviewedOn),
            closedOn: date(file.closedOn),
          })),
        });
      }
      for (let i = 0; i < demo.assistance.length; i += CHUNK) {
        await tx.unionAssistance.createMany({
          data: demo.assistance.slice(i, i + CHUNK).map((record) => ({
            ...record,
            grantedOn: date(record.grantedOn)!,
            cancelledAt: record.cancelledAt === null ? null : new Date(record.cancelledAt),
          })),
        });
      }
      return { seeded: true, files: demo.files.length, assistance: demo.assistance.length };
    },
    // One transaction so a failed load leaves nothing; large loads take minutes.
    { timeout: Math.max(120_000, persons * 2), maxWait: 30_000 },
  );
}
