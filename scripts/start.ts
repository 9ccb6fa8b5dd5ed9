// The whole graph in one process on the embedded database: every subgraph on its
// default port with its own PGlite database under data/pglite/, demo data loaded into an
// empty register, and the gateway in front. Settings as in the README (DATABASE_URL…).
import { performance } from 'node:perf_hooks';
import { startGateway } from '@lip/gateway/gateway';
import { mintToken, tokenConfig } from '@lip/shared/auth';
import { openDatabase } from '@lip/shared/database';
import { startSubgraph, type RunningSubgraph } from '@lip/shared/subgraph';
import { GATEWAY_PORT, subgraphPort } from '@lip/shared/topology';
import { firstDemoRun } from '@lip/monitoring/demo/seed';
import { startScheduler } from '@lip/monitoring/engine/scheduler';
import type { PrismaClient as MonitoringClient } from '@lip/monitoring/generated/prisma/client';
import { SUBGRAPH_MODULES } from './subgraphs.ts';

const started = performance.now();
const host = process.env.HOST ?? '127.0.0.1';
const seed = process.env.LIP_DEMO_DATA !== '0';
const subgraphs: RunningSubgraph<unknown>[] = [];
for (const module of SUBGRAPH_MODULES) {
  const db = await openDatabase(module.name);
  const running = await startSubgraph(module as never, { db, port: subgraphPort(module.name), host, seed });
  subgraphs.push(running as RunningSubgraph<unknown>);
  console.log(`  ${module.name.padEnd(18)} ${running.url}   (${db.kind}: ${db.location})`);
}
const gateway = await startGateway({
  port: Number(process.env.GATEWAY_PORT ?? GATEWAY_PORT),
  host,
  subgraphUrls: Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph.url])),
});

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
// On the development secret only: a token to try the example with (print nothing usable in production).
const token = (await tokenConfig()).development ? await mintToken({ subject: 'demo-admin', role: 'CITY_ADMIN', region: '4112' }) : '<your token>';

console.log(`
The low-income population graph is running (started in ${((performance.now() - started) / 1000).toFixed(1)} s, ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB).

  Gateway:  ${gateway.url}
  Explorer: ${new URL('/explorer', gateway.url)}   (open it in a browser; works offline)

Every request needs a bearer token. A city administrator's, valid 8 hours (paste it in the
explorer's headers as {"Authorization": "Bearer …"}); others: npx pnpm@10.34.9 token --help.

Try:
  export TOKEN=${token}
  curl -s ${gateway.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '${JSON.stringify({ query: example })}'

Stop with Ctrl-C; the data stays in data/pglite/ for the next start.`);

const stop = async () => {
  await gateway.close();
  for (const subgraph of subgraphs) await subgraph.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
