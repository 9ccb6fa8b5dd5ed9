// Benchmarks the graph on the PostgreSQL server with every service as its own process (usage below).
// Scenarios go through each gateway and, as a reference, straight to the subgraphs (the
// requests the gateway's query plan makes, sent by the client itself). Every subgraph reaches
// PostgreSQL through a proxy (bench/proxy.ts) that sees every statement on the wire: per scenario,
// one request's statements are recorded and replayed with node-postgres (bench/floor.ts), the
// floor its measured latency is compared with; CPU per request and process comes from /proc.

import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { type Identity, mintToken } from '@lip/shared/auth';
import { integerOption, parseCommandLine } from '@lip/shared/cli';
import { openDatabase, serverDatabaseUrl } from '@lip/shared/database';
import { deriveSubgraphKey, signUpstream } from '@lip/shared/upstream-signature';
import pg from 'pg';
import { cpuMsOf, treeCpuMs } from './bench/cpu.ts';
import { type Floor, replayFloor } from './bench/floor.ts';
import { type LoadResult, runLoad } from './bench/load.ts';
import { freePorts, peakMemoryMb, type Service, startService, stopAll, waitReady } from './bench/processes.ts';
import type { ProxyReply, ProxyRequest, RecordedStatement } from './bench/proxy.ts';
import { COVERAGE_GAPS, ENTITLEMENT_FIELDS, entitiesQuery, PERSON_360, PERSON_FIELDS, ROSTER, representation } from './bench/scenarios.ts';
import { SUBGRAPH_MODULES } from './subgraphs.ts';

const USAGE = `
usage: npm run bench -- [--seconds 15] [--warmup 5] [--concurrency 16] [--only TEXT] [--write FILE] [--statements FILE] [--sql-from-memory]

Starts every subgraph, our gateway, Hive Gateway and Hive Gateway with the Rust planner as their
own processes on the PostgreSQL server (DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres;
load it first with \`DATABASE_URL=… npm run demo -- --persons 150000\`), and measures person 360,
a township roster, coverage gaps and a write mix through each gateway and straight to the subgraphs.
Prints a Markdown report for bench/RESULTS.md: throughput, p50/p95/p99, SQL statements per request
(every statement on the wire, audit included), the floor (one request's statements replayed with
node-postgres, same parallelism) and p50 against it, CPU ms per request per process, and each
gateway against direct calls.
  --seconds      measured seconds per scenario
  --warmup       warm-up seconds per scenario, not measured
  --concurrency  concurrent clients (closed loop)
  --write        also write the report to FILE (replacing it)
  --only         run only the scenarios whose name contains this text (e.g. "Person 360")
  --statements   also write each scenario's recorded statements (text, parameters, connection, timing) to FILE as JSON
  --sql-from-memory
                 every subgraph answers a statement it has run before, with the same parameters, from memory
                 (scripts/bench/remembered-sql.ts; writes by their text alone): the graph without its database, on the
                 same answers. Each scenario asks about 20 persons or pages, all seen in the warm-up; no floor,
                 no write mix; the statements column counts those that still reached PostgreSQL
BENCH_SERVICE_NODE_OPTIONS in the environment is passed to every service's Node, for what NODE_OPTIONS
refuses (e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles": each service writes its profile when the bench stops it).
`;
const values = parseCommandLine(USAGE, {
  seconds: { type: 'string', default: '15' },
  warmup: { type: 'string', default: '5' },
  concurrency: { type: 'string', default: '16' },
  write: { type: 'string' },
  statements: { type: 'string' },
  only: { type: 'string' },
  'sql-from-memory': { type: 'boolean', default: false },
});
const fromMemory = values['sql-from-memory'];
const loadAtStart = os
  .loadavg()
  .map((load) => load.toFixed(2))
  .join(' ');
const seconds = integerOption('seconds', values.seconds, USAGE)!;
const warmup = integerOption('warmup', values.warmup, USAGE, 0)!;
const concurrency = integerOption('concurrency', values.concurrency, USAGE)!;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
// Production mode needs real secrets; these exist only for this run.
const secrets = { AUTH_JWT_SECRET: randomUUID(), SUBGRAPH_SIGNING_SECRET: randomUUID(), PERSON_REFERENCE_KEY: randomUUID(), METRICS_TOKEN: randomUUID() };
// DATABASE_PREFIX too: the bench's own look-ups must read the loaded copy the services serve.
const env = { DATABASE_URL, ...(process.env.DATABASE_PREFIX ? { DATABASE_PREFIX: process.env.DATABASE_PREFIX } : {}), ...secrets };
const databaseUrl = (subgraph: string) => serverDatabaseUrl(subgraph, DATABASE_URL, process.env.DATABASE_PREFIX);
const admin: Identity = { subject: 'bench', role: 'CITY_ADMIN', region: '4112' };
const token = await mintToken(admin, { secret: secrets.AUTH_JWT_SECRET, expiresIn: '2h' });

// ---------------------------------------------------------------- data to ask about
const civil = await openDatabase('civil-affairs', env);
const [{ persons } = { persons: 0 }] = await civil.sql.query<{ persons: number }>('SELECT count(*)::int AS persons FROM "Person"');
if (persons === 0) {
  console.error(`The civil-affairs database on ${civil.location} is empty: run DATABASE_URL=${DATABASE_URL} pnpm demo --persons 150000 first.`);
  process.exit(2);
}
const ids = (await civil.sql.query<{ idNumber: string }>(`SELECT "idNumber" FROM "Person" WHERE "deceasedOn" IS NULL ORDER BY random() LIMIT 2000`)).map(
  (row) => row.idNumber,
);
const [township] = await civil.sql.query<{ code: string; persons: number }>(
  `SELECT substr("regionCode", 1, 9) AS code, count(*)::int AS persons FROM "Person" GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
);
const [county] = await civil.sql.query<{ code: string; persons: number }>(
  `SELECT substr("regionCode", 1, 6) AS code, count(*)::int AS persons FROM "Person" GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
);
await civil.close();
// Open difficult-worker files: the write mix records union assistance on them.
const union = await openDatabase('union', env);
const openFiles = (await union.sql.query<{ id: string }>(`SELECT id FROM "DifficultWorkerFile" WHERE status = 'OPEN' ORDER BY random() LIMIT 500`)).map(
  (row) => row.id,
);
await union.close();

// ---------------------------------------------------------------- the proxy that sees every statement
const proxy = fork(fileURLToPath(new URL('./bench/proxy.ts', import.meta.url)), {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, PROXY_UPSTREAM: DATABASE_URL, PROXY_SUBGRAPHS: JSON.stringify(SUBGRAPH_MODULES.map((module) => module.name)) },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const proxyPorts = await new Promise<Record<string, number>>((resolve, reject) => {
  proxy.once('message', (reply: ProxyReply) => (reply.type === 'listening' ? resolve(reply.ports) : reject(new Error('proxy did not start'))));
  proxy.once('exit', (code) => reject(new Error(`the statement proxy exited with ${code}`)));
});
let proxyRequests = 0;
const askProxy = <T extends ProxyReply>(type: ProxyRequest['type']) =>
  new Promise<T>((resolve, reject) => {
    const id = ++proxyRequests;
    const timeout = setTimeout(() => reject(new Error(`the statement proxy did not answer ${type}`)), 60_000);
    const listen = (reply: ProxyReply) => {
      if (!('id' in reply) || reply.id !== id) return;
      proxy.off('message', listen);
      clearTimeout(timeout);
      resolve(reply as T);
    };
    proxy.on('message', listen);
    proxy.send({ id, type } satisfies ProxyRequest);
  });
const statementCounts = async () => (await askProxy<Extract<ProxyReply, { type: 'counts' }>>('counts')).counts;

// ---------------------------------------------------------------- services
// Free ports, not fixed ones: two benchmarks on one machine (two helpers, two branches) must not
// answer each other's requests.
const ports = await freePorts(SUBGRAPH_MODULES.length + 3);
const services: Service[] = SUBGRAPH_MODULES.map((module, index) => {
  const port = ports[index]!;
  const prefix = module.name.toUpperCase().replace(/-/g, '_');
  const database = new URL(databaseUrl(module.name));
  database.host = `127.0.0.1:${proxyPorts[module.name]}`;
  return startService(
    module.name,
    `subgraphs/${module.name}/src/server.ts`,
    { ...env, [`${prefix}_PORT`]: String(port), [`${prefix}_DATABASE_URL`]: database.toString() },
    `http://127.0.0.1:${port}/graphql`,
    { imports: fromMemory ? ['./scripts/bench/sql-from-memory.ts'] : [] },
  );
});
const subgraphUrls = Object.fromEntries(services.map((s) => [`${s.name.toUpperCase().replace(/-/g, '_')}_URL`, s.url]));
const gateway = startService(
  'gateway',
  'gateway/src/server.ts',
  { GATEWAY_PORT: String(ports.at(-3)), ...subgraphUrls, ...secrets },
  `http://127.0.0.1:${ports.at(-3)}/graphql`,
);
// The same supergraph and subgraphs behind Hive Gateway, with its JavaScript planner and with the
// Rust planner of Hive Router, configured as a city would run them (gateway/hive/gateway.config.ts).
const hiveGateway = (name: string, port: number, rust: boolean) =>
  startService(
    name,
    'gateway/node_modules/@graphql-hive/gateway/dist/bin.js',
    { ...subgraphUrls, ...secrets, HIVE_ROUTER_RUNTIME: rust ? '1' : '0' },
    `http://127.0.0.1:${port}/graphql`,
    { args: ['supergraph', 'schema/supergraph.graphql', '--config-path', 'gateway/hive/gateway.config.ts', '--port', String(port), '--host', '127.0.0.1'] },
  );
const hives = [hiveGateway('hive-gateway', ports.at(-2)!, false), hiveGateway('hive-gateway-rust', ports.at(-1)!, true)];
const all = [...services, gateway, ...hives];
process.once('SIGINT', () => void stopAll(all).then(() => process.exit(130)));

// ---------------------------------------------------------------- CPU per process
/** PostgreSQL's backends serving the subgraphs' databases (one per pooled connection), by database. */
const monitor = new pg.Client({ connectionString: DATABASE_URL });
await monitor.connect();
const backends = async () =>
  (
    await monitor.query<{ pid: number; subgraph: string }>('SELECT pid, datname AS subgraph FROM pg_stat_activity WHERE datname = ANY($1)', [
      SUBGRAPH_MODULES.map((module) => new URL(databaseUrl(module.name)).pathname.slice(1)),
    ])
  ).rows;
/** CPU ms so far of every service (with its children) and of PostgreSQL's backends; null where /proc does not show them. */
const cpuSnapshot = async () => {
  const serving = await backends();
  const backendCpu = cpuMsOf(serving.map((backend) => backend.pid));
  return {
    services: Object.fromEntries(treeCpuMs(all.map((service) => service.process.pid!)).map((ms, index) => [all[index]!.name, ms])),
    backends: serving.length && !backendCpu.size ? null : backendCpu,
  };
};
type CpuSnapshot = Awaited<ReturnType<typeof cpuSnapshot>>;
/** CPU ms per request of each service and of PostgreSQL between two snapshots. */
const cpuPerRequest = (before: CpuSnapshot, after: CpuSnapshot, requests: number) => {
  const per = (ms: number) => ms / Math.max(1, requests);
  const services = Object.fromEntries(Object.entries(after.services).map(([name, ms]) => [name, per(ms - (before.services[name] ?? 0))]));
  // A backend that appeared during the window counts from zero (its start is part of the cost).
  const postgres =
    after.backends && before.backends ? per([...after.backends].reduce((sum, [pid, ms]) => sum + ms - (before.backends!.get(pid) ?? 0), 0)) : null;
  return { services, postgres };
};

try {
  // Ten processes starting at once on a small, busy machine (the loaded CI box) take minutes, not seconds.
  const STARTUP_MS = 600_000;
  await Promise.all([...services, gateway].map((service) => waitReady(service, STARTUP_MS)));
  // A Hive Gateway that cannot serve the supergraph is reported, not fatal: the others still run.
  const hiveProblems = Object.fromEntries(
    await Promise.all(
      hives.map(
        async (hive) =>
          [
            hive.name,
            await waitReady(hive, STARTUP_MS, '/readiness').then(
              () => null,
              (error: Error) => error.message,
            ),
          ] as const,
      ),
    ),
  );
  const [hive, hiveRust] = hives as [Service, Service];
  const subgraph = (name: string) => services.find((s) => s.name === name)!;
  const gatewayLabel = (service: Service) =>
    ({ gateway: 'gateway', 'hive-gateway': 'Hive Gateway', 'hive-gateway-rust': 'Hive Gateway, Rust planner' })[service.name] ?? service.name;

  /** What the benchmark reads of an answer: a person, or a page of the persons list. */
  type Person = Parameters<typeof representation>[0];
  type Data = { person?: Person | null; persons: { pageInfo: { endCursor: string | null; hasNextPage: boolean }; edges: { node: Person }[] } };
  /** To the gateway with the token, or straight to a subgraph signed as the gateway signs. */
  const post = async (url: string, query: string, variables: Record<string, unknown>) => {
    const direct = services.find((service) => service.url === url);
    const request = { query, variables };
    const body = JSON.stringify(direct ? signUpstream(request, deriveSubgraphKey(secrets.SUBGRAPH_SIGNING_SECRET, direct.name), token) : request);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    const answer = (await response.json()) as { data: Data; errors?: unknown[] };
    return { ok: response.ok && !answer.errors?.length, data: answer.data };
  };
  // From memory, few enough that the warm-up asks each (a request seen for the first time reaches PostgreSQL).
  const pick = <T>(list: T[], i: number) => list[(i * 7919) % (fromMemory ? Math.min(20, list.length) : list.length)]!;

  /** Every page's start cursor of a region's list, so requests ask for different pages. */
  const cursorsOf = async (prefix: string) => {
    const cursors: (string | null)[] = [null];
    for (;;) {
      const page = await post(
        subgraph('civil-affairs').url,
        `query($p: String!, $a: String) { persons(filter: { regionPrefix: $p }, first: 100, after: $a) { pageInfo { endCursor hasNextPage } } }`,
        { p: prefix, a: cursors.at(-1) },
      );
      if (!page.data.persons.pageInfo.hasNextPage) return cursors;
      cursors.push(page.data.persons.pageInfo.endCursor);
    }
  };
  const townshipCursors = await cursorsOf(township!.code);
  const countyCursors = await cursorsOf(county!.code);

  /** A client doing the gateway's job: civil affairs first, then every department in parallel. */
  const direct = async (civilQuery: string, variables: Record<string, unknown>, people: (data: Data) => Person[], fields: Record<string, string>) => {
    const first = await post(subgraph('civil-affairs').url, civilQuery, variables);
    if (!first.ok) return false;
    const found = people(first.data);
    if (!found.length) return true;
    const answers = await Promise.all(
      Object.entries(fields)
        .filter(([name]) => name !== 'civil-affairs')
        .map(([name, selection]) => post(subgraph(name).url, entitiesQuery(selection), { representations: found.map(representation) })),
    );
    return answers.every((answer) => answer.ok);
  };

  /** `send(i, first)` sends request number i; list scenarios take a page size (100 unless told). */
  const scenarios: { name: string; send(i: number, first?: number): Promise<boolean>; paged?: boolean; samples?: number[] }[] = [
    { name: 'Person 360 (gateway)', send: async (i) => (await post(gateway.url, PERSON_360, { id: pick(ids, i) })).ok },
    { name: 'Person 360 (Hive Gateway)', send: async (i) => (await post(hive.url, PERSON_360, { id: pick(ids, i) })).ok },
    { name: 'Person 360 (Hive Gateway, Rust planner)', send: async (i) => (await post(hiveRust.url, PERSON_360, { id: pick(ids, i) })).ok },
    {
      name: 'Person 360 (direct)',
      send: (i) =>
        direct(
          `query($id: IdNumber!) { person(idNumber: $id) { ${PERSON_FIELDS['civil-affairs']} } }`,
          { id: pick(ids, i) },
          (d) => (d.person ? [d.person] : []),
          PERSON_FIELDS,
        ),
    },
    {
      name: 'Township roster, 100 (gateway)',
      paged: true,
      send: async (i, first = 100) => (await post(gateway.url, ROSTER, { prefix: township!.code, after: pick(townshipCursors, i), first })).ok,
    },
    {
      name: 'Township roster, 100 (Hive Gateway)',
      paged: true,
      send: async (i, first = 100) => (await post(hive.url, ROSTER, { prefix: township!.code, after: pick(townshipCursors, i), first })).ok,
    },
    {
      name: 'Township roster, 100 (Hive Gateway, Rust planner)',
      paged: true,
      send: async (i, first = 100) => (await post(hiveRust.url, ROSTER, { prefix: township!.code, after: pick(townshipCursors, i), first })).ok,
    },
    {
      name: 'Township roster, 100 (direct)',
      paged: true,
      send: (i, first = 100) =>
        direct(
          `query($prefix: String!, $after: String, $first: Int) { persons(filter: { regionPrefix: $prefix }, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } edges { node { ${PERSON_FIELDS['civil-affairs']} } } } }`,
          { prefix: township!.code, after: pick(townshipCursors, i), first },
          (d) => d.persons.edges.map((edge) => edge.node),
          PERSON_FIELDS,
        ),
    },
    {
      name: 'Coverage gaps, 100 (gateway)',
      paged: true,
      send: async (i, first = 100) => (await post(gateway.url, COVERAGE_GAPS, { prefix: county!.code, after: pick(countyCursors, i), first })).ok,
    },
    {
      name: 'Coverage gaps, 100 (Hive Gateway)',
      paged: true,
      send: async (i, first = 100) => (await post(hive.url, COVERAGE_GAPS, { prefix: county!.code, after: pick(countyCursors, i), first })).ok,
    },
    {
      name: 'Coverage gaps, 100 (Hive Gateway, Rust planner)',
      paged: true,
      send: async (i, first = 100) => (await post(hiveRust.url, COVERAGE_GAPS, { prefix: county!.code, after: pick(countyCursors, i), first })).ok,
    },
    {
      name: 'Coverage gaps, 100 (direct)',
      paged: true,
      send: (i, first = 100) =>
        direct(
          `query($prefix: String!, $after: String, $first: Int) { persons(filter: { regionPrefix: $prefix, holdingStatus: ACTIVE }, first: $first, after: $after) { pageInfo { endCursor hasNextPage } edges { node { idNumber activeCategories hukouType extremePovertySupport } } } }`,
          { prefix: county!.code, after: pick(countyCursors, i), first },
          (d) => d.persons.edges.map((edge) => edge.node),
          ENTITLEMENT_FIELDS,
        ),
    },
    ...[gateway, hive, hiveRust].map((target) => ({
      // One write in five: union assistance recorded while person 360 reads go on.
      name: `Write mix, 20% writes (${gatewayLabel(target)})`,
      samples: [0, 1, 2, 3, 4],
      send: async (i: number) =>
        i % 5 === 0
          ? (
              await post(target.url, `mutation($input: RecordUnionAssistanceInput!) { recordUnionAssistance(input: $input) { id } }`, {
                input: { fileId: pick(openFiles, i), kind: 'LIVING', amount: '100.00', grantedOn: new Date().toISOString().slice(0, 10) },
              })
            ).ok
          : (await post(target.url, PERSON_360, { id: pick(ids, i) })).ok,
    })),
  ];

  /**
   * The statements of one request, alone on the wire, three times: those of the fewest statements, as a
   * subgraph's own background work (if any) can only add statements.
   */
  const record = async (send: () => Promise<boolean>) => {
    const tries: RecordedStatement[][] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await askProxy('record');
      await send();
      // Statements still on the wire after the answer (none expected) have this long to finish.
      await new Promise((resolve) => setTimeout(resolve, 50));
      tries.push((await askProxy<Extract<ProxyReply, { type: 'recorded' }>>('stop')).statements);
    }
    const fewest = Math.min(...tries.map((statements) => statements.length));
    return tries.filter((statements) => statements.length === fewest);
  };
  /**
   * A request's floor: each recording replayed, the median. One recording can be caught slow (its statements'
   * overlap, hence their order on replay, is what was seen once): the same code gave 15.7 and 36.7 ms.
   */
  const floorOf = async (recorded: RecordedStatement[][]) => {
    const floors: Floor[] = [];
    for (const statements of recorded) floors.push(await replayFloor(statements, databaseUrl));
    return floors.sort((a, b) => a.criticalPath - b.criticalPath)[Math.floor(floors.length / 2)]!;
  };
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

  type Row = LoadResult & {
    name: string;
    /** Statements on the wire per request during the measured window. */
    statements: number;
    /** None when statements are answered from memory. */
    floor: Floor | null;
    /** Statements of one request with pages of 50 (list scenarios). */
    statementsAt50: number | null;
    cpu: ReturnType<typeof cpuPerRequest>;
  };
  const rows: Row[] = [];
  const recordings: Record<string, RecordedStatement[]> = {};
  /** The floor of a scenario: each sampled request's statements replayed (a mix averages its samples). */
  const scenarioFloor = async (scenario: (typeof scenarios)[number]): Promise<Floor> => {
    const floors: Floor[] = [];
    for (const sample of scenario.samples ?? [1]) {
      const recorded = await record(() => scenario.send(sample));
      recordings[`${scenario.name} #${sample}`] = recorded[0]!;
      floors.push(await floorOf(recorded));
    }
    return {
      criticalPath: mean(floors.map((f) => f.criticalPath)),
      serial: mean(floors.map((f) => f.serial)),
      statements: mean(floors.map((f) => f.statements)),
      connections: Math.max(...floors.map((f) => f.connections)),
      errors: floors.reduce((sum, f) => sum + f.errors, 0),
    };
  };
  const skipped = (name: string) =>
    hives.some((h) => hiveProblems[h.name] && name.includes(`(${gatewayLabel(h)})`)) || (fromMemory && name.startsWith('Write mix'));
  for (const scenario of scenarios) {
    if (skipped(scenario.name) || (values.only && !scenario.name.includes(values.only))) continue;
    await runLoad({ concurrency, seconds: warmup, send: scenario.send });
    const floor = fromMemory ? null : await scenarioFloor(scenario);
    const statementsAt50 = scenario.paged && !fromMemory ? (await record(() => scenario.send(1, 50)))[0]!.length : null;
    const [countsBefore, cpuBefore] = [await statementCounts(), await cpuSnapshot()];
    const result = await runLoad({ concurrency, seconds, send: scenario.send });
    const [cpuAfter, countsAfter] = [await cpuSnapshot(), await statementCounts()];
    const statements = Object.entries(countsAfter).reduce((sum, [name, count]) => sum + count - countsBefore[name]!, 0) / Math.max(1, result.requests);
    const cpu = cpuPerRequest(cpuBefore, cpuAfter, result.requests);
    rows.push({ name: scenario.name, ...result, statements, floor, statementsAt50, cpu });
    // Each scenario's figures as they come, so an interrupted run still leaves them in the log.
    console.error(
      `${scenario.name}: ${result.perSecond.toFixed(1)} req/s, p50 ${result.p50.toFixed(1)} ms (floor ${floor ? `${floor.criticalPath.toFixed(1)} ms` : 'not measured'}), p95 ${result.p95.toFixed(1)} ms, ${result.errors} errors, ${statements.toFixed(1)} statements, CPU ms/request ${JSON.stringify(
        Object.fromEntries(Object.entries({ ...cpu.services, postgres: cpu.postgres }).map(([name, ms]) => [name, ms === null ? null : Number(ms.toFixed(1))])),
      )}, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  }

  const hiveVersion = JSON.parse(readFileSync('gateway/node_modules/@graphql-hive/gateway/package.json', 'utf8')).version as string;
  const memory = all
    .filter((service) => service.process.exitCode === null)
    .map((service) => `${service.name} ${peakMemoryMb(service.process)} MB`)
    .join(', ');
  const floorCells = (p50: number, floor: Floor | null) =>
    floor
      ? `${floor.criticalPath.toFixed(1)}${floor.errors ? ` (${floor.errors} failed)` : ''} | ${floor.serial.toFixed(1)} | ${(p50 / Math.max(0.001, floor.criticalPath)).toFixed(1)}×`
      : '– | – | –';
  const table = [
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | SQL statements / request (page of 50) | floor ms | SQL ms in series | p50 / floor |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.perSecond.toFixed(1)} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.errors}/${row.requests} | ${row.statements.toFixed(1)}${row.statementsAt50 === null ? '' : ` (${row.statementsAt50})`} | ${floorCells(row.p50, row.floor)} |`,
    ),
  ].join('\n');
  // CPU per request: the gateway the scenario went through, each subgraph it reaches, PostgreSQL.
  const reached = ['civil-affairs', 'education', 'housing', 'health-insurance', 'union'];
  const ms = (value: number | null | undefined) => (value === null || value === undefined ? 'n/a' : value.toFixed(1));
  const cpuTable = [
    `| scenario | gateway | ${reached.join(' | ')} | other subgraphs | PostgreSQL | total |`,
    `|---|${'---:|'.repeat(reached.length + 4)}`,
    ...rows.map((row) => {
      const through = [gateway, ...hives].find((g) => row.name.endsWith(`(${gatewayLabel(g)})`));
      const others = services.filter((s) => !reached.includes(s.name)).reduce((sum, s) => sum + row.cpu.services[s.name]!, 0);
      const subgraphs = services.reduce((sum, s) => sum + row.cpu.services[s.name]!, 0);
      const total = (through ? row.cpu.services[through.name]! : 0) + subgraphs + (row.cpu.postgres ?? 0);
      return `| ${row.name} | ${through ? ms(row.cpu.services[through.name]) : '(client)'} | ${reached.map((name) => ms(row.cpu.services[name])).join(' | ')} | ${ms(others)} | ${ms(row.cpu.postgres)} | ${ms(total)} |`;
    }),
  ].join('\n');
  const ratio = (gatewayName: string, directName: string) => {
    const g = rows.find((row) => row.name === gatewayName);
    const d = rows.find((row) => row.name === directName);
    return g && d ? `${(g.p50 / d.p50).toFixed(2)}× p50 latency, ${(d.perSecond / g.perSecond).toFixed(2)}× throughput` : 'not measured';
  };
  // Each gateway against calling the subgraphs directly, per read scenario, side by side.
  const gatewayTable = [
    '| scenario | ours | Hive Gateway | Hive Gateway, Rust planner |',
    '|---|---:|---:|---:|',
    ...['Person 360', 'Township roster, 100', 'Coverage gaps, 100'].map((scenario) => {
      const cell = (label: string) => {
        const row = rows.find((r) => r.name === `${scenario} (${label})`);
        const direct = rows.find((r) => r.name === `${scenario} (direct)`);
        return row && direct
          ? `${row.perSecond.toFixed(1)} req/s, p50 ${row.p50.toFixed(0)} ms (${(row.p50 / direct.p50).toFixed(2)}× direct)`
          : 'not measured';
      };
      return `| ${scenario} | ${cell('gateway')} | ${cell('Hive Gateway')} | ${cell('Hive Gateway, Rust planner')} |`;
    }),
  ].join('\n');
  const report = `## ${new Date().toISOString().slice(0, 10)}: ${persons} persons

Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL server at ${new URL(DATABASE_URL).host}.
Command: \`npm run bench -- --seconds ${seconds} --warmup ${warmup} --concurrency ${concurrency}${fromMemory ? ' --sql-from-memory' : ''}\` (closed loop, ${concurrency} concurrent clients, ${warmup} s warm-up per scenario).
Load average ${loadAtStart} at the start, ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} at the end (1, 5, 15 min).
Township ${township!.code} (${township!.persons} persons), county ${county!.code} (${county!.persons} persons).

${table}

${
  fromMemory
    ? `Statements answered from memory (--sql-from-memory): every subgraph answered a statement it had run before with the same
parameters (a write: with the same text) with that run's result, without PostgreSQL; each scenario asked about 20 persons or
pages, all of them asked in the warm-up. The statements column counts those that still reached PostgreSQL; there is no floor.`
    : `SQL statements are counted on the wire (a proxy between each subgraph and PostgreSQL), audit log and request-signature
writes included; in brackets, one request's count with pages of 50 instead of 100. The floor is one request's own statements
(recorded alone after the warm-up, three times) replayed with node-postgres on warm connections (a statement the service prepares is
prepared once per connection there too), statements that overlapped in time side by side and the others in order: the median of 15 replays' wall time
(the request's signatures forgotten before each, so the replay guard's write, with a query's audit entry, writes again), and of the three recordings' the median. SQL ms in series is the same statements' times added up.
The write mix's floor is the mean of five consecutive requests' (one write, four reads).`
}

CPU ms per request (user + system, from /proc, over the measured window; Hive Gateway with its workers; PostgreSQL = the
backends serving the subgraphs' databases; total without the client and the proxy, which direct calls make the client's work):

${cpuTable}

Gateways side by side (Hive Gateway ${hiveVersion}, same supergraph, same subgraphs):

${gatewayTable}

Our gateway against a client calling the subgraphs itself: Person 360 ${ratio('Person 360 (gateway)', 'Person 360 (direct)')}; roster ${ratio('Township roster, 100 (gateway)', 'Township roster, 100 (direct)')}; coverage gaps ${ratio('Coverage gaps, 100 (gateway)', 'Coverage gaps, 100 (direct)')}.
${Object.entries(hiveProblems)
  .filter(([, problem]) => problem)
  .map(([name, problem]) => `${name} did not serve the supergraph: ${problem}; see its log above.`)
  .join('\n')}
Peak memory (VmHWM): ${memory}.
`;
  console.log(report);
  if (values.write) writeFileSync(values.write, report);
  if (values.statements)
    writeFileSync(
      values.statements,
      JSON.stringify(recordings, (key, value) => (key === 'replay' ? undefined : value), 2),
    );
} finally {
  await monitor.end();
  await stopAll(all);
  proxy.kill();
}
