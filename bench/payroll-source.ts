// The register's side of payroll generation, both ways it can be read, for every county of the demo register:
//   graph  civil affairs' payrollSource through the real gateway in pages of 1,000 (the gateway's cost limit),
//          as generation read it before payments kept a copy;
//   copy   payments' copy of the holdings (src/services/register-copy.ts): its first sync (a snapshot of the
//          register's holdings, then the log after it), a sync after 1,000 changes, and the copy read for every county.
// Subgraph, gateway and reader share this process (and the databases, on PGlite), so its CPU time is the whole cost.
//   node --import tsx bench/payroll-source.ts [--persons 20000] [--source graph|copy|both] [--copy-holdings 628950]
// --copy-holdings N then fills the copy with N synthetic holdings of one county (the register is not loaded at that
// size) and generates that county's payroll reading the copy. Databases: in-memory PGlite, or DATABASE_URL's server
// (fresh databases, dropped at the end).

import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { civilAffairs } from '@lip/civil-affairs/subgraph';
import { startGateway } from '@lip/gateway/gateway';
import { payrollPolicy } from '@lip/payments/domain/policy';
import { createPrismaClient } from '@lip/payments/prisma';
import { generatePayroll } from '@lip/payments/services/payroll';
import { copiedHoldings, copySource, fromWire, syncRegisterCopy, type WireHolding } from '@lip/payments/services/register-copy';
import { dateOf, formatDate, monthEnd } from '@lip/shared/calendar';
import { AS_OF } from '@lip/shared/demo/population';
import { type GatewayClient, gatewayClient } from '@lip/shared/gateway-client';
import { migrate } from '@lip/shared/migrate';
import { formatMonth } from '@lip/shared/periods';
import { CITY_PREFIX, counties } from '@lip/shared/regions';
import { startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase } from '@lip/shared/testing';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '20000' },
    source: { type: 'string', default: 'both' },
    'copy-holdings': { type: 'string', default: '0' },
  },
});
const month = dateOf(`${AS_OF.slice(0, 7)}-01`);
const [first, last] = [formatDate(month), formatDate(monthEnd(month))];
const FULL_COUNTY = 628_950; // holdings of a county of 1,000,000 persons at the demo's share (bench/payments.ts)

/** Wall and CPU seconds of `work` (this process: register, gateway and reader), with the load before and after. */
async function measured<T>(label: string, work: () => Promise<T>): Promise<{ result: T; cpu: number }> {
  const load = loadavg()[0]!;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const { user, system } = process.cpuUsage(cpu);
  const cpuSeconds = (user + system) / 1e6;
  console.log(
    `${label}: ${((performance.now() - started) / 1000).toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU; load ${load.toFixed(1)}→${loadavg()[0]!.toFixed(1)}`,
  );
  return { result, cpu: cpuSeconds };
}

// Pages of 1,000 keep the query within the gateway's cost limit (graphql-armor multiplies by `first`).
const SOURCE_QUERY = `query PayrollSource($county: String!, $month: String!, $after: String) {
  payrollSource(countyCode: $county, month: $month, first: 1000, after: $after) {
    hasNextPage endCursor
    holdings { holdingId personIdNumber regionCode hukouType householdId deceasedOn category subtype status validFrom validTo monthlyAmount careLevel careInstitution grantedBy }
  }
}`;

/** How generation read the source before the copy: payrollSource through the gateway, page by page. */
async function* graphPages(client: GatewayClient, countyCode: string) {
  let after: string | null = null;
  do {
    const data: { payrollSource: { hasNextPage: boolean; endCursor: string | null; holdings: WireHolding[] } } = await client.query(SOURCE_QUERY, {
      county: countyCode,
      month: formatMonth(month),
      after,
    });
    yield data.payrollSource.holdings.map(fromWire);
    after = data.payrollSource.hasNextPage ? data.payrollSource.endCursor : null;
  } while (after);
}

if (process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
const seeded = performance.now();
const register = await startSubgraph(civilAffairs as never, { db: await openTestDatabase('payroll_source_bench'), seed: { persons: Number(values.persons) } });
const gateway = await startGateway({ subgraphUrls: { 'civil-affairs': register.url } });
process.env.GATEWAY_URL = gateway.url;
const payments = await openTestDatabase('payroll_source_bench_payments');
await migrate(payments, fileURLToPath(new URL('../subgraphs/payments/prisma/migrations', import.meta.url)));
console.log(
  `register of ${Number(values.persons).toLocaleString('en')} persons loaded in ${((performance.now() - seeded) / 1000).toFixed(0)} s; ${register.db.kind}; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`,
);
const perCounty = new Map<string, number>();
try {
  if (values.source !== 'copy') {
    let pages = 0;
    let holdings = 0;
    const { cpu } = await measured('graph: payrollSource of every county through the gateway', async () => {
      for (const county of counties()) {
        const client = gatewayClient('payments', { department: 'CIVIL_AFFAIRS', region: county.code });
        for await (const page of graphPages(client, county.code)) {
          pages++;
          holdings += page.length;
          perCounty.set(county.code, (perCounty.get(county.code) ?? 0) + page.length);
        }
      }
    });
    console.log(
      `  ${holdings.toLocaleString('en')} holdings of ${AS_OF.slice(0, 7)} in ${pages} requests: ${((cpu * 1000) / pages).toFixed(0)} ms CPU per request, ` +
        `${((cpu * 1000) / holdings).toFixed(3)} ms per holding → ${((cpu / holdings) * FULL_COUNTY).toFixed(0)} s CPU for ${FULL_COUNTY.toLocaleString('en')} holdings`,
    );
  }
  if (values.source !== 'graph') {
    const city = gatewayClient('payments', { department: 'CIVIL_AFFAIRS', region: CITY_PREFIX });
    const sync = (label: string) => measured(label, () => payments.transaction((sql) => syncRegisterCopy(sql, city)));
    const initial = await sync('copy: first sync (snapshot, then the log after it)');
    const [{ copied }] = (await payments.sql.query<{ copied: number }>(`SELECT count(*)::int AS copied FROM "RegisterHolding"`)) as [{ copied: number }];
    console.log(
      `  ${initial.result.requests} requests, ${initial.result.persons.toLocaleString('en')} persons, ${copied.toLocaleString('en')} holdings copied: ` +
        `${((initial.cpu * 1000) / copied).toFixed(3)} ms CPU per holding → ${((initial.cpu / copied) * FULL_COUNTY).toFixed(0)} s CPU for ${FULL_COUNTY.toLocaleString('en')} (once)`,
    );
    // 1,000 changes in the register: amounts decided on 1,000 dibao holdings, one statement (its change log names 1,000 persons).
    await register.db.sql.query(
      `UPDATE "CategoryHolding" SET "monthlyAmount" = coalesce("monthlyAmount", 600) + 1, "updatedAt" = now()
       WHERE id IN (SELECT id FROM "CategoryHolding" WHERE category = 'SUBSISTENCE_ALLOWANCE' ORDER BY id LIMIT 1000)`,
    );
    const after = await sync('copy: sync after 1,000 changes');
    console.log(`  ${after.result.requests} requests, ${after.result.persons} persons, ${after.result.holdings} holdings rewritten`);
    await sync('copy: sync with nothing changed (what every generation pays at least)');
    let holdings = 0;
    const read = await measured('copy: read of every county’s month from the copy', () =>
      payments.transaction(async (sql) => {
        for (const county of counties()) {
          let count = 0;
          for await (const page of copiedHoldings(sql, county.code, first, last)) count += page.length;
          holdings += count;
          if (perCounty.size && perCounty.get(county.code) !== count)
            throw new Error(`${county.code}: ${count} holdings from the copy, ${perCounty.get(county.code)} through the graph`);
        }
      }),
    );
    console.log(
      `  ${holdings.toLocaleString('en')} holdings${perCounty.size ? ', the same per county as through the graph' : ''}: ${((read.cpu * 1000) / holdings).toFixed(4)} ms per holding`,
    );
  }
  const synthetic = Number(values['copy-holdings']);
  if (synthetic > 0) {
    // N holdings of 灵宝市 written straight into the copy (as a first sync would leave them); the terms vary like the register's.
    await payments.sql.query(`DELETE FROM "RegisterHolding"`);
    await payments.sql.query(
      `INSERT INTO "RegisterHolding" ("holdingId", "personIdNumber", "countyCode", "regionCode", "hukouType", "householdId", "deceasedOn", category, subtype,
         status, "validFrom", "validTo", "monthlyAmount", "careLevel", "careInstitution", "grantedBy", "changedAt")
       SELECT '00000000-0000-4000-8000-' || lpad(i::text, 12, '0'), '411282' || to_char(date '1940-01-01' + i % 20000, 'YYYYMMDD') || lpad((i / 20000)::text, 3, '0') || 'X',
         '411282', '411282100001', CASE WHEN i % 3 = 0 THEN 'URBAN' ELSE 'RURAL' END, 'h-' || i / 2, CASE WHEN i % 997 = 0 THEN $2::date + 15 END,
         e.category::"PaymentCategory", CASE WHEN e.extreme THEN 'DISPERSED' END, CASE WHEN i % 50 = 0 THEN 'ENDED' ELSE 'ACTIVE' END,
         CASE WHEN i % 101 = 0 THEN $2::date + 10 ELSE date '2020-01-01' END, CASE WHEN i % 50 = 0 THEN $2::date - 20 END,
         CASE WHEN i % 4 = 0 THEN 300 + i % 300 + 0.5 END, CASE WHEN e.extreme THEN (ARRAY['SELF_CARE', 'PARTIALLY_DISABLED', 'FULLY_DISABLED'])[1 + i % 3]::"CareLevel" END,
         NULL, 'bench', now() - interval '90 days'
       FROM generate_series(0, $1::int - 1) i, LATERAL (SELECT (i::bigint * 7919) % 1000 < 150 AS extreme) x,
         LATERAL (SELECT CASE WHEN x.extreme THEN 'EXTREME_POVERTY' ELSE 'SUBSISTENCE_ALLOWANCE' END AS category, x.extreme) e`,
      [synthetic, first],
    );
    await payments.sql.exec('ANALYZE "RegisterHolding"');
    let holdings = 0;
    const read = await measured(`copy: read of ${synthetic.toLocaleString('en')} synthetic holdings of one county`, () =>
      payments.transaction(async (sql) => {
        for await (const page of copiedHoldings(sql, '411282', first, last)) holdings += page.length;
      }),
    );
    console.log(`  ${holdings.toLocaleString('en')} holdings of the month: ${((read.cpu * 1000) / holdings).toFixed(4)} ms CPU per holding`);
    const prisma = createPrismaClient(payments);
    const policy = payrollPolicy(await prisma.policyParameter.findMany(), '411282', month.getUTCFullYear());
    // The service's source without the sync (measured above): the copy read on generation's transaction.
    const generated = await measured('generation of that county’s payroll reading the copy', () =>
      generatePayroll(payments, { countyCode: '411282', month, preparedBy: 'bench', policy, source: copySource }),
    );
    console.log(`  ${generated.result.lines.toLocaleString('en')} lines from ${generated.result.holdings.toLocaleString('en')} holdings`);
    await prisma.$disconnect();
  }
} finally {
  await gateway.close();
  await register.close();
  await payments.close();
}
