// Loads the demo population into every subgraph's database (each only when empty, so a
// loaded database is left alone), with progress, and prints what civil affairs holds.
//   tsx scripts/demo.ts [--persons N] [--seed S] [--only civil-affairs,union]
// Defaults: LIP_DEMO_PERSONS or 20000, LIP_DEMO_SEED or 2024. The databases are the ones the
// services would open: PGLITE_DIR, DATABASE_URL, <SUBGRAPH>_DATABASE_URL… as in the README.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '@lip/shared/database';
import { migrate } from '@lip/shared/migrate';
import { SUBGRAPH_MODULES } from './subgraphs.ts';

const { values } = parseArgs({ options: { persons: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' } } });
const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
const only = values.only?.split(',');

/** One line redrawn in place on a terminal; one line per step in a log. */
function progress(name: string) {
  const started = performance.now();
  return (done: number, total: number) => {
    const rate = done / ((performance.now() - started) / 1000);
    const line = `${name}: ${((100 * done) / total).toFixed(0).padStart(3)}%  ${done}/${total} persons  ${Math.round(rate)} persons/s  ETA ${Math.ceil((total - done) / rate)} s`;
    process.stderr.write(process.stderr.isTTY ? `\r\x1b[K${line}` : `${line}\n`);
  };
}

const totalStarted = performance.now();
for (const module of SUBGRAPH_MODULES) {
  if (only && !only.includes(module.name)) continue;
  const db = await openDatabase(module.name);
  const client = module.createClient(db);
  try {
    await migrate(db, path.join(module.root, 'prisma', 'migrations'));
    const started = performance.now();
    const result = await module.seed!(client as never, db, { persons: number(values.persons), seed: number(values.seed), onProgress: progress(module.name) });
    // Without statistics the planner scans whole tables for batched lookups until autovacuum runs.
    if ((result as { seeded?: boolean }).seeded) await db.sql.exec('ANALYZE');
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    console.error(`${module.name} (${db.kind} ${db.location}): ${JSON.stringify(result)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (module.name === 'civil-affairs') await printRegister(db.sql);
  } finally {
    await client.$disconnect();
    await db.close();
  }
}
console.error(`all done in ${((performance.now() - totalStarted) / 1000).toFixed(1)} s`);

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
