// Loads the demo population into every subgraph's database (each only when empty, so a
// loaded database is left alone), with progress, and prints what civil affairs holds.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describeCounts, integerOption, parseCommandLine, seedProgress } from '@lip/shared/cli';
import { openDatabase } from '@lip/shared/database';
import { migrate } from '@lip/shared/migrate';
import { SUBGRAPH_MODULES } from './subgraphs.ts';

const USAGE = `
usage: npm run demo -- [--persons N] [--seed S] [--only civil-affairs,union] [--jobs 2]

Loads the demo population into every empty subgraph database (a loaded one is left alone), with
progress, and prints what civil affairs holds. The databases are the ones the services would
open: PGLITE_DIR, DATABASE_URL, <SUBGRAPH>_DATABASE_URL… as in the README.
  --persons   size of the population (default LIP_DEMO_PERSONS or 20000)
  --seed      random seed (default LIP_DEMO_SEED or 2024)
  --only      a comma-separated list of subgraphs
  --jobs      databases loaded at the same time (default 2), the largest first: one load keeps
              either Node or PostgreSQL busy, rarely both
`;
const values = parseCommandLine(USAGE, { persons: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' }, jobs: { type: 'string' } });
const persons = integerOption('persons', values.persons, USAGE);
const seed = integerOption('seed', values.seed, USAGE, 0);
const only = values.only?.split(',');
const jobs = integerOption('jobs', values.jobs, USAGE) ?? 2;
// The longest loads first, so that the short ones fill in beside them (each database loads on its own).
const LONGEST_FIRST = ['health-insurance', 'payments', 'civil-affairs'];
const rank = (name: string) => (LONGEST_FIRST.includes(name) ? LONGEST_FIRST.indexOf(name) : LONGEST_FIRST.length);

const totalStarted = performance.now();
const queue = SUBGRAPH_MODULES.filter((module) => !only || only.includes(module.name)).sort((a, b) => rank(a.name) - rank(b.name));
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let module = queue.shift(); module; module = queue.shift()) await load(module);
  }),
);
console.error(`all done in ${((performance.now() - totalStarted) / 1000).toFixed(1)} s`);

async function load(module: (typeof SUBGRAPH_MODULES)[number]) {
  const db = await openDatabase(module.name);
  const client = module.createClient(db);
  try {
    await migrate(db, path.join(module.root, 'prisma', 'migrations'));
    const started = performance.now();
    const result = await module.seed!(client as never, db, { persons, seed, onProgress: seedProgress(module.name) });
    // Without statistics the planner scans whole tables for batched lookups, and without a vacuum
    // index-only scans visit the heap and GIN indexes keep every entry in their pending lists: a
    // server without autovacuum (or before it comes round) would serve the loaded data slowly.
    if ((result as { seeded?: boolean }).seeded) await db.sql.exec('VACUUM ANALYZE');
    console.error(
      `${module.name} (${db.kind} ${db.location}): ${describeCounts(result)}${(result as { seeded?: boolean }).seeded ? '' : ' (already loaded)'} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    if (module.name === 'civil-affairs') await printRegister(db.sql);
  } finally {
    await client.$disconnect();
    await db.close();
  }
}

async function printRegister(sql: Awaited<ReturnType<typeof openDatabase>>['sql']) {
  const [totals] = await sql.query<{ persons: number; households: number; deceased: number; holdings: number }>(
    `SELECT (SELECT count(*) FROM "Person")::int AS persons,
            (SELECT count(*) FROM "Household")::int AS households,
            (SELECT count(*) FROM "Person" WHERE "deceasedOn" IS NOT NULL)::int AS deceased,
            (SELECT count(*) FROM "CategoryHolding")::int AS holdings`,
  );
  const byCategory = await sql.query<{ category: string; persons: number; active: number }>(
    `SELECT category::text, count(DISTINCT "personIdNumber")::int AS persons, count(*) FILTER (WHERE status = 'ACTIVE')::int AS active
     FROM "CategoryHolding" GROUP BY category ORDER BY persons DESC`,
  );
  const persons = totals!.persons;
  console.log(`persons ${persons}, households ${totals!.households}, deceased ${totals!.deceased}, holdings ${totals!.holdings}`);
  console.log('category                        persons  share  active');
  for (const row of byCategory) {
    const share = persons ? ((100 * row.persons) / persons).toFixed(1) : '0';
    console.log(`${row.category.padEnd(30)} ${String(row.persons).padStart(8)} ${share.padStart(5)}% ${String(row.active).padStart(7)}`);
  }
}
