// The benchmarks bench/RESULTS.md quotes, run small: a change that breaks one fails here rather than
// at the next measurement (the payroll's bench once failed on a copy that had never synced).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const server = process.env.TEST_DATABASE_URL;
const bench = async (args: string[]) => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PREFIX: 'lip_test' };
  if (server) env.DATABASE_URL = server;
  else delete env.DATABASE_URL;
  return (await promisify(execFile)(process.execPath, ['--import', 'tsx', ...args], { env, maxBuffer: 64 * 1024 * 1024 })).stdout;
};

it('bench/payments.ts generates, supervises, approves and exports a county, then imports the return file and reconciles', async () => {
  const out = await bench(['bench/payments.ts', '--persons', '2000']);
  expect(out).toMatch(/generate \+ supervise \+ approve \+ supervise \+ export: [\d.]+ s for [1-9][\d,]* lines exported/);
  expect(out).toMatch(/supervise [\d.]+ s \([1-9]\d* findings\)/);
  expect(out).toMatch(/reconciled true/);
}, 900_000);

// The hand-written side loads its file with a server-side COPY: the PostgreSQL server only.
it.skipIf(!server)(
  'bench/monitoring-feed.ts raises the alerts the hand-written SQL raises',
  async () => {
    const out = await bench(['bench/monitoring-feed.ts', '--rows', '2000']);
    expect(out).toMatch(/ratio ours \/ hand-written: [\d.]+×; alerts ours ([1-9]\d*), hand-written \1 \(same\)/);
    expect(out).toMatch(/1,000 changes against a register of 2000: import [\d.]+ s \(1000 changed\)/);
  },
  900_000,
);

it('bench/transport.ts measures the roster topology with nothing in it, through a gateway and direct', async () => {
  const out = await bench(['bench/transport.ts', '--seconds', '1', '--rounds', '1']);
  expect(out).toMatch(/answers of (\d+ kB, ){4}\d+ kB; through the gateway one of [1-9]\d\d kB/);
  expect(out).toMatch(/round 1, through the gateway: [1-9]\d* requests, p50 [\d.]+ ms, p95 [\d.]+ ms/);
  expect(out).toMatch(/round 1, direct: [1-9]\d* requests, p50 [\d.]+ ms, p95 [\d.]+ ms/);
}, 300_000);
