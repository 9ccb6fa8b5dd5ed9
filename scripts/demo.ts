// Loads the demo population into the civil-affairs register (once: an already seeded register is left
// alone) and prints what it holds.
//   tsx scripts/demo.ts [--persons N] [--seed S]      (defaults: LIP_DEMO_PERSONS or 20000, LIP_DEMO_SEED or 2024)
// The database is the one the subgraph would open: PGLITE_DIR, DATABASE_URL… as in the README.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seedIfEmpty } from '@lip/civil-affairs/demo/seed';
import { createPrismaClient } from '@lip/civil-affairs/prisma';
import { openDatabase } from '@lip/shared/database';
import { migrate } from '@lip/shared/migrate';

const { values } = parseArgs({ options: { persons: { type: 'string' }, seed: { type: 'string' } } });
const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));

const db = await openDatabase('civil-affairs');
const prisma = createPrismaClient(db);
try {
  await migrate(db, fileURLToPath(new URL('../subgraphs/civil-affairs/prisma/migrations', import.meta.url)));
  console.error(`civil-affairs database: ${db.kind} ${db.location}`);

  const started = performance.now();
  // One line redrawn in place on a terminal; one line per chunk in a log.
  const progress = (done: number, total: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = done / seconds;
    const line = `seeding ${((100 * done) / total).toFixed(0).padStart(3)}%  ${done}/${total} persons  ${Math.round(rate)} persons/s  ETA ${Math.ceil((total - done) / rate)} s`;
    process.stderr.write(process.stderr.isTTY ? `\r\x1b[K${line}` : `${line}\n`);
  };
  const result = await seedIfEmpty(prisma, db, { persons: number(values.persons), seed: number(values.seed), onProgress: progress });
  if (process.stderr.isTTY && result.seeded) process.stderr.write('\n');
  console.error(
    result.seeded
      ? `seeded ${result.persons} persons in ${((performance.now() - started) / 1000).toFixed(1)} s`
      : `already seeded (${result.persons} persons): nothing done`,
  );

  const [totals] = await db.sql.query<{ persons: number; households: number; deceased: number; holdings: number }>(
    `SELECT (SELECT count(*) FROM "Person")::int AS persons,
            (SELECT count(*) FROM "Household")::int AS households,
            (SELECT count(*) FROM "Person" WHERE "deceasedOn" IS NOT NULL)::int AS deceased,
            (SELECT count(*) FROM "CategoryHolding")::int AS holdings`,
  );
  const byCategory = await db.sql.query<{ category: string; persons: number; active: number }>(
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
} finally {
  await prisma.$disconnect();
  await db.close();
}
