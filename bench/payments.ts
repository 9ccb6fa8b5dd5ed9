// Payroll at county scale: generation of a county's month from the holdings of N persons (at the
// demo population's share of dibao and extreme-poverty holdings) and the bank-file export; then the
// bank's return file imported and reconciled. Supervision runs after generation and after approval, as the
// mutations run it. Files are streamed; memory is sampled throughout.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node --expose-gc --max-old-space-size=400 --import tsx bench/payments.ts [--persons 1000000]
// Cap the heap to see what is kept: uncapped, V8 lets garbage pile up to hundreds of MB before collecting,
// so the peak grows with the run's length whatever is kept. --expose-gc collects before each measured step.
// Without DATABASE_URL it runs on an in-memory PGlite. The database is a fresh one, dropped at the end.

import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SourceHolding } from '@lip/payments/domain/payroll';
import { payrollPolicy } from '@lip/payments/domain/policy';
import { createPrismaClient } from '@lip/payments/prisma';
import { csvRecords } from '@lip/payments/services/bank-files';
import {
  approvePayroll,
  exportBankFile,
  generatePayroll,
  importBankReturn,
  payrollTotals,
  type SourceReader,
  type Transactor,
} from '@lip/payments/services/payroll';
import { COPY_STREAM } from '@lip/payments/services/register-copy';
import { superviseMonth } from '@lip/payments/services/supervision';
import { BulkRows, insertRows } from '@lip/shared/bulk-insert';
import { dateOf } from '@lip/shared/calendar';
import { AS_OF, generatePopulation } from '@lip/shared/demo/population';
import type { GatewayClient } from '@lip/shared/gateway-client';
import { checkCharacter } from '@lip/shared/id-number';
import { migrate } from '@lip/shared/migrate';
import { openTestDatabase } from '@lip/shared/testing';

const { values } = parseArgs({ options: { persons: { type: 'string', default: '1000000' } } });
const PERSONS = Number(values.persons);
const COUNTY = '411282';
const MONTH = dateOf('2024-11-01');
const PAGE = 10_000;

// The demo's share: persons with an ACTIVE dibao or extreme-poverty holding, and how those split.
let sample = 0;
let dibao = 0;
let extreme = 0;
for (const household of generatePopulation({ seed: 2024, persons: 20_000 })) {
  for (const person of household.members) {
    sample++;
    for (const holding of person.holdings) {
      if (holding.status !== 'ACTIVE' || person.deceasedOn) continue;
      if (holding.category === 'SUBSISTENCE_ALLOWANCE') dibao++;
      if (holding.category === 'EXTREME_POVERTY') extreme++;
    }
  }
}
const HOLDINGS = Math.round(((dibao + extreme) / sample) * PERSONS);
const extremeShare = extreme / (dibao + extreme);

/** The i-th synthetic holding: a valid ID number, a village of 灵宝市, and terms like the register's. */
function holding(i: number): SourceHolding {
  const birth = new Date(Date.UTC(1940, 0, 1) + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
  const first17 = `${COUNTY}${birth.replace(/-/g, '')}${String(Math.floor(i / 20_000)).padStart(3, '0')}`;
  const idNumber = first17 + checkCharacter(first17);
  const isExtreme = (i * 7919) % 1000 < extremeShare * 1000;
  return {
    holdingId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    personIdNumber: idNumber,
    regionCode: '411282100001',
    hukouType: i % 3 ? 'RURAL' : 'URBAN',
    householdId: `h-${Math.floor(i / 2)}`,
    deceasedOn: i % 997 === 0 ? dateOf('2024-11-16') : null,
    category: isExtreme ? 'EXTREME_POVERTY' : 'SUBSISTENCE_ALLOWANCE',
    subtype: isExtreme ? 'DISPERSED' : null,
    status: 'ACTIVE',
    validFrom: i % 101 === 0 ? dateOf('2024-11-11') : dateOf('2020-01-01'),
    validTo: null,
    monthlyAmount: i % 4 ? null : `${300 + (i % 300)}.50`,
    careLevel: isExtreme ? (['SELF_CARE', 'PARTIALLY_DISABLED', 'FULLY_DISABLED'] as const)[i % 3]! : null,
    careInstitution: null,
    grantedBy: 'bench',
  };
}

const source: SourceReader = async function* () {
  for (let start = 0; start < HOLDINGS; start += PAGE) yield Array.from({ length: Math.min(PAGE, HOLDINGS - start) }, (_, k) => holding(start + k));
};

/** CPU seconds each of this database's server processes has used so far (a local server; none on PGlite, which runs in this process). */
async function serverCpu(): Promise<Map<number, number>> {
  const used = new Map<number, number>();
  if (db.kind !== 'postgres') return used;
  for (const { pid } of await db.sql.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      used.set(pid, (Number(fields[11]) + Number(fields[12])) / 100); // utime + stime, in clock ticks of 1/100 s
    } catch {} // not on this machine, or gone
  }
  return used;
}

/**
 * Wall time, CPU time (this process, and the database server's processes: what survives a busy machine), load
 * average, and peak resident memory (and V8 heap in use) while `work` runs, sampled every 50 ms.
 */
async function measured<T>(work: () => Promise<T>) {
  global.gc?.();
  const mb = (bytes: number) => bytes / 2 ** 20;
  const startMb = mb(process.memoryUsage().rss);
  let peak = startMb;
  let peakHeap = mb(process.memoryUsage().heapUsed);
  const sample = () => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, mb(usage.rss));
    peakHeap = Math.max(peakHeap, mb(usage.heapUsed));
  };
  const timer = setInterval(sample, 50);
  const load = loadavg()[0]!;
  const serverBefore = await serverCpu();
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const result = await work();
    sample();
    const { user, system } = process.cpuUsage(cpu);
    let serverSeconds = 0;
    for (const [pid, seconds] of await serverCpu()) serverSeconds += seconds - (serverBefore.get(pid) ?? 0);
    return {
      result,
      seconds: (performance.now() - started) / 1000,
      nodeCpu: (user + system) / 1e6,
      serverCpu: serverSeconds,
      load: `${load.toFixed(1)}→${loadavg()[0]!.toFixed(1)}`,
      peakMb: peak,
      startMb,
      peakHeapMb: peakHeap,
    };
  } finally {
    clearInterval(timer);
  }
}
const cpuNote = (step: { nodeCpu: number; serverCpu: number; load: string }) =>
  `CPU: Node ${step.nodeCpu.toFixed(1)} s, server ${step.serverCpu.toFixed(1)} s; load ${step.load}`;

// A fresh database on the server (dropped at the end), or an in-memory PGlite.
if (process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
const db = await openTestDatabase('payments_bench');
const prisma = createPrismaClient(db);
// Where each step's time goes: the statements that took longest (Prisma's and the driver transactions'), summed by their first words.
const statements = new Map<string, { count: number; ms: number }>();
const count = (sql: string, ms: number) => {
  const key = sql.replace(/\s+/g, ' ').slice(0, 90);
  const entry = statements.get(key) ?? { count: 0, ms: 0 };
  entry.count++;
  entry.ms += ms;
  statements.set(key, entry);
};
prisma.$on('query', (event) => count(event.query, event.duration));
const timed = async <T>(sql: string, work: () => Promise<T>) => {
  const started = performance.now();
  try {
    return await work();
  } finally {
    count(sql, performance.now() - started);
  }
};
const store: Transactor = {
  transaction: (work) =>
    db.transaction((sql) =>
      work({
        query: (text, params) => timed(text, () => sql.query(text, params)),
        exec: (text) => timed(text, () => sql.exec(text)),
        copyFrom: (target, lines) => timed(`COPY ${target}`, () => sql.copyFrom(target, lines)),
      }),
    ),
};
const slowest = () => {
  const top = [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8);
  statements.clear();
  return top.map(([sql, { count, ms }]) => `    ${(ms / 1000).toFixed(1).padStart(6)} s ×${String(count).padEnd(4)} ${sql}`).join('\n');
};
const dir = mkdtempSync(path.join(tmpdir(), 'lip-bench-payments-'));
try {
  await migrate(db, fileURLToPath(new URL('../subgraphs/payments/prisma/migrations', import.meta.url)));
  console.log(`${db.kind} ${db.location}; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB; Node ${process.version}`);
  console.log(
    `county of ${PERSONS.toLocaleString('en')} persons at the demo's share (${sample} sampled as of ${AS_OF}: ${dibao} dibao, ${extreme} extreme poverty) → ${HOLDINGS.toLocaleString('en')} holdings`,
  );

  // Set-up (not timed): an account for every recipient but one in 200.
  const rows = new BulkRows([
    {
      name: 'PaymentAccount',
      updatedAt: true,
      columns: [
        ['id', 'text'],
        ['kind', '"PayeeKind"'],
        ['personIdNumber', 'text'],
        ['countyCode', 'text'],
        ['bankName', 'text'],
        ['accountNumber', 'text'],
        ['holderName', 'text'],
        ['createdBy', 'text'],
        ['updatedBy', 'text'],
      ],
    },
  ] as const);
  for (let i = 0; i < HOLDINGS; i++) {
    if (i % 200 === 199) continue;
    rows.add('PaymentAccount', [
      `a-${i}`,
      'PERSON',
      holding(i).personIdNumber,
      COUNTY,
      '中国农业银行灵宝支行',
      `622848${String(i).padStart(13, '0')}`,
      '持卡人',
      'bench',
      'bench',
    ]);
    if (i % PAGE === 0) await rows.flush(db.sql);
  }
  await rows.flush(db.sql);
  // Payments' copy of the register holds the same holdings (supervision reads its register rows from it, as the mutations do).
  for await (const page of source(COUNTY, MONTH, db.sql)) {
    await insertRows(
      db.sql,
      'RegisterHolding',
      page.map((h) => ({ ...h, countyCode: COUNTY, changedAt: dateOf('2020-01-01') })),
    );
  }
  // …at the log's head, as a copy that has synced (the stub below answers that nothing changed after it).
  await db.sql.query(`INSERT INTO "RegisterCursor" (stream, position, "updatedAt") VALUES ($1, 'head', now())`, [COPY_STREAM]);
  // The approver declared one recipient in 5,000 as a relative: what the 人情保 check finds.
  await prisma.staffMember.create({
    data: {
      subject: 'checker',
      idNumber: holding(HOLDINGS).personIdNumber,
      name: '审批人',
      countyCode: COUNTY,
      position: '科员',
      createdBy: 'bench',
      relatives: {
        createMany: {
          data: Array.from({ length: Math.ceil(HOLDINGS / 5000) }, (_, k) => ({
            relativeIdNumber: holding(k * 5000).personIdNumber,
            relationship: '配偶',
            declaredBy: 'bench',
          })),
        },
      },
    },
  });
  await db.sql.exec('ANALYZE');

  const policy = payrollPolicy(await prisma.policyParameter.findMany(), COUNTY, 2024);
  const bankPath = path.join(dir, 'bank.csv');
  const steps: string[] = [];
  // As the mutations call it, from the copy: the register's change log answers that nothing changed since (one request).
  const headOfLog = { data: { payrollChangesSince: { cursor: 'head', hasMore: false, persons: [], holdings: [] } } };
  const graph = { request: async () => headOfLog } as unknown as GatewayClient;
  const supervise = async () => {
    const t0 = performance.now();
    const added = await superviseMonth({ prisma, policy: () => prisma.policyParameter.findMany(), graph: () => graph }, COUNTY, MONTH);
    steps.push(`supervise ${((performance.now() - t0) / 1000).toFixed(1)} s (${added} findings)`);
  };
  statements.clear();
  const generation = await measured(async () => {
    const t0 = performance.now();
    const { payrollId } = await generatePayroll(store, { countyCode: COUNTY, month: MONTH, preparedBy: 'maker', policy, source });
    steps.push(`generate ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await supervise();
    const t1 = performance.now();
    await approvePayroll(prisma, payrollId, 'checker', () => {});
    steps.push(`approve ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    await supervise();
    const t2 = performance.now();
    const out = createWriteStream(bankPath);
    const file = await exportBankFile(
      store,
      payrollId,
      { identity: { subject: 'bench', role: 'SERVICE', department: 'CIVIL_AFFAIRS' }, requestId: 'bench', operation: 'bench' },
      async (chunk) => {
        if (!out.write(chunk)) await once(out, 'drain');
      },
    );
    out.end();
    await once(out, 'finish');
    steps.push(`export ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    return { payrollId, file };
  });
  const { payrollId, file } = generation.result;
  console.log(
    `generate + supervise + approve + supervise + export: ${generation.seconds.toFixed(1)} s for ${file.lineCount.toLocaleString('en')} lines exported ` +
      `(${file.withoutAccount} without account), ${(statSync(bankPath).size / 2 ** 20).toFixed(1)} MB file (${steps.join(', ')}); RSS ${generation.startMb.toFixed(0)} → peak ${generation.peakMb.toFixed(0)} MB, heap peak ${generation.peakHeapMb.toFixed(0)} MB; ${cpuNote(generation)}`,
  );
  console.log(slowest());

  // The bank's answer (not timed): one line in 50 fails.
  const returnPath = path.join(dir, 'return.csv');
  const answer = createWriteStream(returnPath);
  answer.write('reference,status,reason,paid_on\n');
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(bankPath) })) {
    if (n++ === 0) continue;
    const reference = line.slice(0, line.indexOf(','));
    if (!answer.write(n % 50 === 0 ? `${reference},FAILED,账户已冻结,\n` : `${reference},PAID,,2024-11-08\n`)) await once(answer, 'drain');
  }
  answer.end();
  await once(answer, 'finish');

  const reconciliation = await measured(async () => {
    const result = await importBankReturn(store, payrollId, csvRecords(returnPath));
    return { result, totals: await payrollTotals(prisma, payrollId) };
  });
  const { result, totals } = reconciliation.result;
  const balanced = totals.byStatus.PAID.fen + totals.byStatus.FAILED.fen + totals.byStatus.PENDING.fen === totals.totalFen;
  console.log(
    `import return file + reconcile: ${reconciliation.seconds.toFixed(1)} s for ${(result.paid + result.failed).toLocaleString('en')} rows ` +
      `(${result.paid} paid, ${result.failed} failed); total ${(totals.totalFen / 100).toFixed(2)} yuan, reconciled ${balanced}; ` +
      `RSS ${reconciliation.startMb.toFixed(0)} → peak ${reconciliation.peakMb.toFixed(0)} MB, heap peak ${reconciliation.peakHeapMb.toFixed(0)} MB; ${cpuNote(reconciliation)}`,
  );
  console.log(slowest());
} finally {
  rmSync(dir, { recursive: true, force: true });
  await prisma.$disconnect();
  await db.close();
}
