// Benchmark of monitoring end to end: a CSV feed of N rows compared against a register of M persons
// (import, match against the register, rules, alerts and referrals), against a hand-written SQL
// load-and-join of the same file doing the same job in the same database and the same run; then
// 1,000 changes and the run that follows them, to show the cost follows the changes, not the register.
//   DATABASE_PREFIX=<name> DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/monitoring-feed.ts --rows 1000000 [--register 1000000]
// The database is <DATABASE_PREFIX, default lip>_bench_monitoring_<time>, dropped at the end.
//
// The register is civil affairs' (another database, read through the graph): monitoring keeps a copy
// from civil affairs' change log (civilAffairsSignalsSince). Here a stand-in graph serves that log's
// pages for M generated persons, read by the run's own code before the timed part ("initial copy");
// it answers persons() (facts and entitlements) from that copy and counts the persons it was asked for.
// The feed is UNEMPLOYMENT (人社): 90 % of rows are register persons, 10 % persons outside it;
// 20 % REGISTERED, 10 % ASSISTED, the rest EMPLOYED. Register categories cycle by person:
// SUBSISTENCE_ALLOWANCE ×2, NEAR_SUBSISTENCE, EXTREME_POVERTY, RELAPSE_MONITORING, none ×2.
import { chmodSync, createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { csvRows } from '@lip/monitoring/cli/import-feed';
import { dueOn } from '@lip/monitoring/domain/referrals';
import type { PersonFacts } from '@lip/monitoring/domain/rules';
import type { GraphClient, PersonView } from '@lip/monitoring/engine/graph';
import { importFeedStream } from '@lip/monitoring/engine/import';
import { runMonitoring } from '@lip/monitoring/engine/run';
import { createPrismaClient } from '@lip/monitoring/prisma';
import { formatDate, today } from '@lip/shared/calendar';
import { openPostgres } from '@lip/shared/database';
import { makeIdNumber } from '@lip/shared/id-number';
import { migrate } from '@lip/shared/migrate';
import type { DepartmentSignal } from '@lip/shared/signal-changes';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, register: { type: 'string' } } });
const rows = Number(values.rows);
const registerSize = Number(values.register ?? values.rows);
const server = process.env.DATABASE_URL;
if (!server) throw new Error('DATABASE_URL must name a PostgreSQL server');

const AREAS = ['411202', '411203', '411221', '411224', '411281', '411282'];
const PER_DAY = AREAS.length * 143;
/** The i-th of distinct valid ID numbers of Sanmenxia residents. */
function idNumber(i: number) {
  const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(i / PER_DAY) * 86_400_000).toISOString().slice(0, 10);
  const within = i % PER_DAY;
  return makeIdNumber({ areaCode: AREAS[Math.floor(within / 143)]!, birthDate: birth, sequence: 1 + 7 * (within % 143) });
}
const CATEGORIES = [['SUBSISTENCE_ALLOWANCE'], ['SUBSISTENCE_ALLOWANCE'], ['NEAR_SUBSISTENCE'], ['EXTREME_POVERTY'], ['RELAPSE_MONITORING'], [], []];
/** Register person i as civil affairs publishes it. */
const registerSignal = (i: number): DepartmentSignal<string> => {
  const id = idNumber(i);
  const categories = CATEGORIES[i % CATEGORIES.length]!;
  return {
    personIdNumber: id,
    source: 'REGISTER',
    status: 'LIVING',
    kind: categories.join(','),
    level: categories.length,
    amount: '600.00',
    occurredOn: null,
    regionCode: `${id.slice(0, 6)}001001`,
    reference: `h${i}`,
  };
};
/** Feed row j: a register person, or (one row in ten) a person outside the register. */
const feedPerson = (j: number) => (j % 10 === 9 || j >= registerSize ? idNumber(registerSize + j) : idNumber(j));
const feedStatus = (j: number) => (j % 5 === 0 ? 'REGISTERED' : j % 10 === 1 ? 'ASSISTED' : 'EMPLOYED');

async function writeCsv(file: string, indexes: Iterable<number>, status: (j: number) => string) {
  const out = createWriteStream(file);
  out.write('id_number,occurred_on,status,reference\n');
  for (const j of indexes) {
    if (!out.write(`${feedPerson(j)},2025-06-0${1 + (j % 9)},${status(j)},SY${j}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

const range = function* (count: number) {
  for (let i = 0; i < count; i++) yield i;
};

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

/** Civil affairs seen through the gateway: its change log over the generated register; no department has changes. */
let askedPersons = 0;
const graph: GraphClient = {
  persons: async (idNumbers) => {
    askedPersons += idNumbers.length;
    const found = await db.sql.query<PersonFacts & { idNumber: string }>(
      `SELECT "idNumber", "regionCode", "householdId", "categories", "everHeld", "deceased", "perCapitaIncome"::float8 AS "perCapitaIncome", true AS "inRegister"
       FROM "RegisterPerson" WHERE "idNumber" = ANY($1::text[])`,
      [idNumbers],
    );
    return new Map(
      found.map(({ idNumber, ...facts }): [string, PersonView] => [
        idNumber,
        { facts, entitlements: {}, departmentsAnswered: ['EDUCATION', 'HOUSING', 'HEALTH_INSURANCE', 'UNION'] },
      ]),
    );
  },
  recordDeath: async () => true,
  departmentSignals: async (department, after) => {
    const start = Number(after ?? 0);
    if (department !== 'CIVIL_AFFAIRS' || start >= registerSize) return { signals: [], cursor: after ?? '0', hasMore: false };
    const end = Math.min(start + 1000, registerSize);
    return { signals: Array.from({ length: end - start }, (_, k) => registerSignal(start + k)), cursor: String(end), hasMore: end < registerSize };
  },
  latePayments: async () => [],
};
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

try {
  await migrate(db, path.join(import.meta.dirname, '..', 'subgraphs', 'monitoring', 'prisma', 'migrations'));
  console.log(`load ${load()}; feed ${rows} rows, register ${registerSize} persons`);
  let started = performance.now();
  await runMonitoring(prisma, graph, { trigger: 'ON_DEMAND', requestedBy: 'bench' });
  console.log(`initial copy of the register (civilAffairsSignalsSince, ${registerSize / 1000} pages): ${seconds(started)} s`);

  const file = path.join(dir, 'feed.csv');
  started = performance.now();
  await writeCsv(file, range(rows), feedStatus);
  console.log(`feed file written in ${seconds(started)} s`);

  // Ours: the CSV command's import, then the run (match, rules, alerts and referrals).
  const cpu = process.cpuUsage();
  started = performance.now();
  let memory = sampleMemory();
  const imported = await importFeedStream(db, { feed: 'UNEMPLOYMENT', batchId: 'bench-1', submittedBy: 'bench', rows: csvRows(createReadStream(file)) });
  const importSeconds = seconds(started);
  console.log(`import (stream, validate, COPY to the feed records, last state): ${importSeconds} s, ${imported.changed} changed; ${memory()}`);
  const runStarted = performance.now();
  memory = sampleMemory();
  const run = await runMonitoring(prisma, graph, { trigger: 'ON_DEMAND', requestedBy: 'bench' });
  console.log(
    `run (match to the register copy, rules, alerts, referrals): ${seconds(runStarted)} s, read ${run.read}, persons ${run.persons}, raised ${run.raised}; ` +
      `graph asked for ${askedPersons} persons; ${memory()}`,
  );
  const ours = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(`ours end to end: ${ours.toFixed(1)} s (this process's CPU ${((used.user + used.system) / 1e6).toFixed(1)} s)`);

  // Hand-written SQL, the same job on the same file: server-side COPY into a staging table, the feed
  // records, the last state per person, and the rule as a join with the register's copy raising
  // alerts and referrals, into tables shaped and indexed like ours. No row checks, no CEL.
  const client = db.sql;
  const due = formatDate(dueOn(today(), 10));
  started = performance.now();
  await client.exec(`
    CREATE UNLOGGED TABLE b_stage (n bigserial, id_number text, occurred_on date, status text, reference text);
    CREATE TABLE b_record (LIKE "FeedRecord" INCLUDING ALL);
    CREATE TABLE b_signal (LIKE "PersonSignal" INCLUDING ALL);
    CREATE TABLE b_alert (LIKE "Alert" INCLUDING ALL);
    CREATE TABLE b_referral (LIKE "Referral" INCLUDING ALL);
    COPY b_stage (id_number, occurred_on, status, reference) FROM '${file}' WITH (FORMAT csv, HEADER true);
    INSERT INTO b_record ("batchId", "rowNumber", "feed", "personIdNumber", "occurredOn", "data")
      SELECT 'bench-1', n, 'UNEMPLOYMENT', id_number, occurred_on,
        jsonb_build_object('occurredOn', occurred_on, 'status', status, 'kind', '', 'level', 0, 'amount', 0, 'regionCode', '', 'reference', reference)
      FROM b_stage;
    INSERT INTO b_signal ("personIdNumber", "source", "state", "evidenceId", "observedOn", "updatedAt")
      SELECT "personIdNumber", 'UNEMPLOYMENT', "data", 'feed:' || "id", "occurredOn", now() FROM b_record
      ON CONFLICT ("personIdNumber", "source") DO UPDATE SET "previous" = b_signal."state", "state" = EXCLUDED."state", "evidenceId" = EXCLUDED."evidenceId",
        "observedOn" = EXCLUDED."observedOn", "seq" = nextval(pg_get_serial_sequence('"PersonSignal"', 'seq')), "updatedAt" = now()
      WHERE b_signal."state" IS DISTINCT FROM EXCLUDED."state";
    WITH raised AS (
      INSERT INTO b_alert ("id", "personIdNumber", "householdId", "regionCode", "ruleCode", "severity", "status", "evidence", "evidenceKey", "updatedAt")
      SELECT gen_random_uuid()::text, s."personIdNumber", r."householdId", r."regionCode", 'UNEMPLOYED_MEMBER', 'MEDIUM', 'REFERRED',
        jsonb_build_array(jsonb_build_object('source', 'UNEMPLOYMENT', 'evidenceId', s."evidenceId", 'observedOn', s."observedOn", 'state', s."state")),
        'UNEMPLOYMENT:' || s."evidenceId", now()
      FROM b_signal s JOIN "RegisterPerson" r ON r."idNumber" = s."personIdNumber"
      WHERE s."state"->>'status' = 'REGISTERED' AND r."categories" && ARRAY['SUBSISTENCE_ALLOWANCE', 'NEAR_SUBSISTENCE']
      ON CONFLICT ("personIdNumber", "ruleCode") WHERE "status" IN ('OPEN', 'REFERRED', 'IN_PROGRESS') DO NOTHING
      RETURNING "id", "personIdNumber", "regionCode"
    )
    INSERT INTO b_referral ("id", "alertId", "personIdNumber", "office", "officeRegion", "status", "referredOn", "dueOn", "referredBy", "updatedAt")
      SELECT gen_random_uuid()::text, "id", "personIdNumber", 'HUMAN_RESOURCES', substr("regionCode", 1, 6), 'PENDING', CURRENT_DATE, '${due}', 'bench', now() FROM raised;
  `);
  const sql = (performance.now() - started) / 1000;
  const [counts] = await client.query<{ alerts: number; referrals: number }>(
    'SELECT (SELECT count(*) FROM b_alert)::int AS alerts, (SELECT count(*) FROM b_referral)::int AS referrals',
  );
  console.log(`hand-written SQL (COPY, records, last state, join with the register, alerts, referrals): ${sql.toFixed(1)} s, ${counts!.alerts} alerts`);
  console.log(
    `ratio ours / hand-written: ${(ours / sql).toFixed(2)}×; alerts ours ${run.raised}, hand-written ${counts!.alerts}${run.raised === counts!.alerts ? ' (same)' : ' (DIFFERENT)'}`,
  );
  await client.exec('DROP TABLE b_stage, b_record, b_signal, b_alert, b_referral');

  // 1,000 changes spread over the feed: each person's status flips (REGISTERED ↔ not), raising and resolving.
  const small = path.join(dir, 'changes.csv');
  const step = Math.floor(rows / 1000); // at least 10 apart: k * step + k % 10 are distinct
  await writeCsv(
    small,
    Array.from({ length: 1000 }, (_, k) => k * step + (k % 10)),
    (j) => (feedStatus(j) === 'REGISTERED' ? 'EMPLOYED' : 'REGISTERED'),
  );
  askedPersons = 0;
  started = performance.now();
  const changes = await importFeedStream(db, { feed: 'UNEMPLOYMENT', batchId: 'bench-2', submittedBy: 'bench', rows: csvRows(createReadStream(small)) });
  const changesImport = seconds(started);
  started = performance.now();
  const next = await runMonitoring(prisma, graph, { trigger: 'ON_DEMAND', requestedBy: 'bench' });
  console.log(
    `1,000 changes against a register of ${registerSize}: import ${changesImport} s (${changes.changed} changed), run ${seconds(started)} s ` +
      `(read ${next.read}, persons ${next.persons}, raised ${next.raised}, resolved ${next.resolved}; graph asked for ${askedPersons} persons)`,
  );
  console.log(`load ${load()}`);
} finally {
  await prisma.$disconnect();
  await db.close();
  await admin.sql.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.close();
  rmSync(dir, { recursive: true, force: true });
}
