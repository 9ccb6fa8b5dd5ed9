// Benchmark of the monitoring feed import: a CSV feed of N rows streamed through the CSV command's
// reader and the all-or-nothing import (validation, COPY into a staging table, duplicates, feed
// records, last state per person), against a hand-written SQL load of the same file (server-side COPY
// into a staging table, then one upsert) in the same run, with the process's memory sampled while
// importing. Then a re-import of 1,000 changed rows and the monitoring run that follows it, to show
// the cost follows the changes, not the table.
//   DATABASE_PREFIX=<name> DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/monitoring-feed.ts --rows 1000000
// The database is <DATABASE_PREFIX, default lip>_bench_monitoring_<time>, dropped at the end.
// The run's graph is a stand-in answering every person as a near-subsistence member of the register
// (the rules, alerts and referrals are monitoring's own; civil affairs' side is not measured here).
import { chmodSync, createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { csvRows } from '@lip/monitoring/cli/import-feed';
import type { GraphClient } from '@lip/monitoring/engine/graph';
import { importFeedStream } from '@lip/monitoring/engine/import';
import { runMonitoring, SIGNALS_STREAM } from '@lip/monitoring/engine/run';
import { createPrismaClient } from '@lip/monitoring/prisma';
import { openPostgres } from '@lip/shared/database';
import { makeIdNumber } from '@lip/shared/id-number';
import { migrate } from '@lip/shared/migrate';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const rows = Number(values.rows);
const server = process.env.DATABASE_URL;
if (!server) throw new Error('DATABASE_URL must name a PostgreSQL server');

/** N distinct valid ID numbers of Sanmenxia residents. */
function* idNumbers(count: number) {
  const areas = ['411202', '411203', '411221', '411224', '411281', '411282'];
  let made = 0;
  for (let day = 0; made < count; day++) {
    const birth = new Date(Date.UTC(1940, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    for (const areaCode of areas)
      for (let sequence = 1; sequence <= 999 && made < count; sequence += 7, made++) yield makeIdNumber({ areaCode, birthDate: birth, sequence });
  }
}

async function writeCsv(file: string, count: number, status: (i: number) => string) {
  const out = createWriteStream(file);
  out.write('id_number,occurred_on,status,reference\n');
  let i = 0;
  for (const id of idNumbers(count)) {
    if (!out.write(`${id},2025-06-0${1 + (i % 9)},${status(i)},SY${i}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    i++;
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

function sampleMemory() {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(process.memoryUsage().rss), 250);
  return () => {
    clearInterval(timer);
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
    const at = (share: number) => mb(samples[Math.min(samples.length - 1, Math.floor(samples.length * share))] ?? 0);
    return `RSS MB at 10% ${at(0.1)}, 50% ${at(0.5)}, 90% ${at(0.9)}, max ${mb(Math.max(...samples))}`;
  };
}

/** Every person a near-subsistence member of the register; no department has changes; no late payments. */
const standInGraph: GraphClient = {
  persons: async (idNumbers) =>
    new Map(
      idNumbers.map((idNumber) => [
        idNumber,
        {
          facts: {
            inRegister: true,
            regionCode: `${idNumber.slice(0, 6)}001001`,
            householdId: `h-${idNumber}`,
            categories: ['NEAR_SUBSISTENCE'],
            everHeld: ['NEAR_SUBSISTENCE'],
            deceased: false,
            perCapitaIncome: 600,
          },
          entitlements: {},
          departmentsAnswered: ['EDUCATION', 'HOUSING', 'HEALTH_INSURANCE', 'UNION'],
        },
      ]),
    ),
  recordDeath: async () => true,
  departmentSignals: async (_department, after) => ({ signals: [], cursor: after ?? '0', hasMore: false }),
  latePayments: async () => [],
};

const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(1);
const dir = mkdtempSync(path.join(tmpdir(), 'lip-bench-'));
chmodSync(dir, 0o755); // the server's COPY reads the file as the postgres user
const prefix = process.env.DATABASE_PREFIX ?? 'lip';
if (!/^[a-z][a-z0-9_]{0,39}$/.test(prefix)) throw new Error('DATABASE_PREFIX must be lower-case letters, digits and _');
const name = `${prefix}_bench_monitoring_${Date.now()}`;
const admin = openPostgres(server);
await admin.sql.exec(`CREATE DATABASE "${name}"`);
const url = new URL(server);
url.pathname = `/${name}`;
const db = openPostgres(url.toString());
const prisma = createPrismaClient(db);
try {
  await migrate(db, path.join(import.meta.dirname, '..', 'subgraphs', 'monitoring', 'prisma', 'migrations'));
  const file = path.join(dir, 'feed.csv');
  let started = performance.now();
  await writeCsv(file, rows, () => 'EMPLOYED');
  console.log(`feed file: ${rows} rows written in ${seconds(started)} s`);

  started = performance.now();
  const memory = sampleMemory();
  const result = await importFeedStream(db, { feed: 'UNEMPLOYMENT', batchId: 'bench-1', submittedBy: 'bench', rows: csvRows(createReadStream(file)) });
  console.log(`import (stream, validate, records, last state): ${seconds(started)} s, ${result.changed} changed; ${memory()}`);

  // Hand-written SQL: COPY the same file into a staging table and upsert the last state.
  const client = db.sql;
  started = performance.now();
  await client.exec(`CREATE UNLOGGED TABLE staging (id_number text, occurred_on date, status text, reference text)`);
  // The server reads the file itself (it runs on this machine): the fastest load PostgreSQL has.
  await client.exec(`COPY staging FROM '${file}' WITH (FORMAT csv, HEADER true)`);
  await client.exec(`CREATE TABLE baseline_state ("personIdNumber" text PRIMARY KEY, state jsonb, seq bigserial)`);
  await client.exec(
    `INSERT INTO baseline_state ("personIdNumber", state) SELECT id_number, jsonb_build_object('occurredOn', occurred_on, 'status', status, 'reference', reference) FROM staging
     ON CONFLICT ("personIdNumber") DO UPDATE SET state = EXCLUDED.state WHERE baseline_state.state IS DISTINCT FROM EXCLUDED.state`,
  );
  console.log(`hand-written SQL (COPY + one upsert, no validation, no evidence rows): ${seconds(started)} s`);

  // 1,000 changed rows against the table of N, and the run that reads them: the cost follows the changes.
  // The N rows count as read by an earlier run (its cursor at the end), as in production.
  const [high] = await db.sql.query<{ seq: string }>(`SELECT max("seq")::text AS seq FROM "PersonSignal"`);
  await prisma.runCursor.create({ data: { stream: SIGNALS_STREAM, position: high!.seq } });
  const small = path.join(dir, 'changes.csv');
  await writeCsv(small, 1000, () => 'REGISTERED');
  started = performance.now();
  const changes = await importFeedStream(db, { feed: 'UNEMPLOYMENT', batchId: 'bench-2', submittedBy: 'bench', rows: csvRows(createReadStream(small)) });
  console.log(`1,000 changes over ${rows} persons: import ${seconds(started)} s, ${changes.changed} changed`);
  started = performance.now();
  const run = await runMonitoring(prisma, standInGraph, { trigger: 'ON_DEMAND', requestedBy: 'bench' });
  console.log(`the run after them: ${seconds(started)} s, read ${run.read}, persons ${run.persons}, raised ${run.raised}, resolved ${run.resolved}`);
} finally {
  await prisma.$disconnect();
  await db.close();
  await admin.sql.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.close();
  rmSync(dir, { recursive: true, force: true });
}
