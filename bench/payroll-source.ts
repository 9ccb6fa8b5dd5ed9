// The register's side of payroll generation: civil affairs' payrollSource read through the real gateway
// in pages of 1,000 (the gateway's cost limit), exactly as generatePayroll reads it, for every county of
// the demo register. Subgraph, gateway and reader share this process, so its CPU time is the whole cost.
//   node --import tsx bench/payroll-source.ts [--persons 20000]
// Civil affairs runs on an in-memory PGlite (or DATABASE_URL's server, a fresh database dropped at the end).

import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { civilAffairs } from '@lip/civil-affairs/subgraph';
import { startGateway } from '@lip/gateway/gateway';
import { graphSource } from '@lip/payments/services/payroll';
import { dateOf } from '@lip/shared/calendar';
import { AS_OF } from '@lip/shared/demo/population';
import { gatewayClient } from '@lip/shared/gateway-client';
import { counties } from '@lip/shared/regions';
import { startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase } from '@lip/shared/testing';

const { values } = parseArgs({ options: { persons: { type: 'string', default: '20000' } } });
const month = dateOf(`${AS_OF.slice(0, 7)}-01`);

if (process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
const seeded = performance.now();
const register = await startSubgraph(civilAffairs as never, { db: await openTestDatabase('payroll_source_bench'), seed: { persons: Number(values.persons) } });
const gateway = await startGateway({ subgraphUrls: { 'civil-affairs': register.url } });
process.env.GATEWAY_URL = gateway.url;
console.log(
  `register of ${Number(values.persons).toLocaleString('en')} persons loaded in ${((performance.now() - seeded) / 1000).toFixed(0)} s; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`,
);
try {
  const source = graphSource((region) => gatewayClient('payments', { department: 'CIVIL_AFFAIRS', region }));
  let pages = 0;
  let holdings = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const county of counties()) {
    for await (const page of source(county.code, month)) {
      pages++;
      holdings += page.length;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  const cpuSeconds = (user + system) / 1e6;
  console.log(
    `${holdings.toLocaleString('en')} holdings of ${AS_OF.slice(0, 7)} in ${pages} requests (${counties().length} counties): ${seconds.toFixed(1)} s wall, ` +
      `${cpuSeconds.toFixed(1)} s CPU (register, gateway and reader), ${((cpuSeconds * 1000) / pages).toFixed(0)} ms CPU per request, ` +
      `${((cpuSeconds * 1000) / holdings).toFixed(2)} ms per holding → ${((cpuSeconds / holdings) * 628_950).toFixed(0)} s CPU for 628,950 holdings; load ${loadavg()[0]!.toFixed(1)}`,
  );
} finally {
  await gateway.close();
  await register.close();
}
