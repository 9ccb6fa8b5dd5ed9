// Fills an empty monitoring database with one demo batch per feed (generate.ts), through the same
// import as the departments' own batches. Alerts come from the first run, which needs the gateway
// (scripts/start.ts runs it as of a few weeks back, so some referrals are already overdue).
import { addDays, today } from '@lip/shared/calendar';
import type { Database } from '@lip/shared/database';
import { demoSetting } from '@lip/shared/demo/settings';
import type { SeedOptions } from '@lip/shared/subgraph';
import type { Feed } from '../domain/feeds.ts';
import { gatewayGraph } from '../engine/graph.ts';
import { importFeedBatch } from '../engine/import.ts';
import { runMonitoring } from '../engine/run.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { generateFeedDemo } from './generate.ts';

export async function seedIfEmpty(prisma: PrismaClient, _db?: Database, options: SeedOptions & { asOf?: Date } = {}) {
  const persons = demoSetting(options.persons, process.env.LIP_DEMO_PERSONS, 20_000, 'persons');
  const seed = demoSetting(options.seed, process.env.LIP_DEMO_SEED, 2024, 'seed');
  const existing = await prisma.feedBatch.count();
  if (existing > 0) return { seeded: false, batches: existing };
  const rows: Record<string, number> = {};
  // A batch id per feed and seed: a second process seeding at the same time finds it imported.
  for (const [feed, list] of generateFeedDemo({ seed, persons, asOf: options.asOf ?? today() })) {
    await importFeedBatch(prisma, { feed: feed as Feed, batchId: `demo-${seed}-${persons}`, submittedBy: 'demo-seed', rows: list });
    rows[feed] = list.length;
  }
  return { seeded: true, rows };
}

/**
 * The demo's first run, once the gateway is up: as of three weeks back, so that the demo city
 * opens with referrals of every kind: some overdue, some due soon, some open.
 */
export async function firstDemoRun(prisma: PrismaClient) {
  if ((await prisma.monitoringRun.count()) > 0 || (await prisma.feedBatch.count()) === 0) return null;
  return runMonitoring(prisma, gatewayGraph(), { trigger: 'ON_DEMAND', requestedBy: 'demo-seed', on: addDays(today(), -21) });
}
