// The whole graph in one process on the embedded database: every subgraph on its
// default port with its own PGlite database under data/pglite/, demo data loaded into an
// empty register (with progress), and the gateway in front. Settings as in the README.
// In development the request log goes to data/logs/graph.log so the banner stays readable;
// in production (NODE_ENV=production) it is JSON on stdout, as for a lone service.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEV_SIGN_IN_DEFAULT } from '@lip/gateway/dev-sign-in';
import { startGateway } from '@lip/gateway/gateway';
import { firstDemoRun } from '@lip/monitoring/demo/seed';
import { startScheduler } from '@lip/monitoring/engine/scheduler';
import type { PrismaClient as MonitoringClient } from '@lip/monitoring/generated/prisma/client';
import { mintToken, tokenConfig } from '@lip/shared/auth';
import { describeCounts, seedProgress } from '@lip/shared/cli';
import { openDatabase } from '@lip/shared/database';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { GATEWAY_PORT, subgraphPort } from '@lip/shared/topology';
import { SUBGRAPH_MODULES } from './subgraphs.ts';

const production = process.env.NODE_ENV === 'production';
if (!production) process.env.LOG_FILE ??= path.join(fileURLToPath(new URL('..', import.meta.url)), 'data', 'logs', 'graph.log');

const started = performance.now();
const host = process.env.HOST ?? '127.0.0.1';
const seed = process.env.LIP_DEMO_DATA !== '0';
const subgraphs: RunningSubgraph<unknown>[] = [];
console.error(`Starting ${SUBGRAPH_MODULES.length} subgraphs and the gateway${seed ? '; an empty database gets demo data first' : ''}…`);
for (const module of SUBGRAPH_MODULES) {
  const moduleStarted = performance.now();
  const db = await openDatabase(module.name);
  const running = await startSubgraph(module as never, { db, port: subgraphPort(module.name), host, seed: seed && { onProgress: seedProgress(module.name) } });
  subgraphs.push(running as RunningSubgraph<unknown>);
  const result = running.seedResult as { seeded?: boolean } | undefined;
  const data = result ? `${result.seeded ? 'demo data loaded' : 'data kept'}: ${describeCounts(result)}` : 'no demo data';
  console.error(
    `  ${module.name.padEnd(18)} ${running.url}  ${data}  (${((performance.now() - moduleStarted) / 1000).toFixed(1)} s; ${db.kind} ${db.location})`,
  );
}
const gateway = await startGateway({
  port: Number(process.env.GATEWAY_PORT ?? GATEWAY_PORT),
  host,
  subgraphUrls: Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph.url])),
});

// The services that read the graph (civil affairs, monitoring, payments) read this one: their
// default names port 4000, which is another graph's (or nobody's) when GATEWAY_PORT is set.
process.env.GATEWAY_URL = gateway.url;

// Monitoring reads the graph through the gateway, so its first demo run and its schedule start now.
const monitoringService = subgraphs.find((subgraph) => subgraph.name === 'monitoring') as RunningSubgraph<MonitoringClient> | undefined;
if (monitoringService) {
  if (seed) {
    const run = await firstDemoRun(monitoringService.client).catch((error: Error) => console.warn(`  first monitoring run failed: ${error.message}`));
    if (run) console.log(`  monitoring: first run read ${run.read} changes, raised ${run.raised} alerts, escalated ${run.escalated} overdue referrals`);
  }
  startScheduler(monitoringService.client);
}

const civil = subgraphs.find((subgraph) => subgraph.name === 'civil-affairs')!;
const [sample] = await civil.db.sql.query<{ idNumber: string }>(
  `SELECT p."idNumber" FROM "Person" p JOIN "CategoryHolding" h ON h."personIdNumber" = p."idNumber"
   WHERE h.status = 'ACTIVE' AND h.category = 'SUBSISTENCE_ALLOWANCE' AND p."deceasedOn" IS NULL ORDER BY p."idNumber" LIMIT 1`,
);
const example = `{ person(idNumber: "${sample?.idNumber ?? '411202198001010012'}") { name age region { fullName } activeCategories household { memberCount } educationEntitlements { status } housingEntitlements { program status } healthInsuranceEntitlements { program status } unionEntitlements { status } } }`;
// On the development secret only: the same identity the explorer signs in as (nothing usable in production).
const development = (await tokenConfig()).development;
const signIn = DEV_SIGN_IN_DEFAULT;
const token = development ? await mintToken({ subject: 'demo-admin', role: signIn.role, region: signIn.region }) : '<your token>';
const explorer = new URL('/explorer', gateway.url);
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const banner = () => `
The low-income population graph is running (started in ${seconds} s, ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB now).

  Explorer:  ${explorer}   (open it in a browser; works offline)
  Dashboard: ${new URL('/dashboard', gateway.url)}   (charts, queues and Excel exports; works offline)
  Gateway:   ${gateway.url}
  Logs:      ${process.env.LOG_FILE ?? 'stdout (JSON)'}
${
  development
    ? `
The explorer signs you in as a development ${signIn.role} for region ${signIn.region}; pick another
role, department or region in its "Sign in" panel. From a shell, the same identity's token:

  export TOKEN=${token}
  curl -s ${gateway.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '${JSON.stringify({ query: example })}'

Other roles: npm run token -- --help`
    : `
Every request needs a bearer token from the city's identity provider (the development sign-in is off).`
}

Press Enter to print this again. Stop with Ctrl-C; the data stays in data/pglite/ for the next start.`;
console.log(banner());
// Reprint on Enter: the terminal may have scrolled (or been cleared) since.
if (process.stdin.isTTY) createInterface({ input: process.stdin }).on('line', () => console.log(banner()));

const stop = async () => {
  await gateway.close();
  for (const subgraph of subgraphs) await subgraph.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
