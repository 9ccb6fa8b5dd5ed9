// The README cannot drift: every fenced command block in it runs here. GraphQL blocks go to the
// shared stack; shell blocks run in bash from the repository root, with the gateway address
// pointed at the shared stack; `npm start` runs as a newcomer would run it (small and in memory),
// and the token and example its banner prints are run as printed. The few lines that cannot run
// on a CI machine are listed below with the reason, and the test fails on any line it does not
// know, so a new command in the README must be run here or explicitly excused.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envPrefix } from '@lip/shared/database';
import { expectData, postGraphQL } from '@lip/shared/testing';
import { SUBGRAPHS } from '@lip/shared/topology';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SharedStack, sharedStack } from './stack.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Fenced blocks with their language (diagrams and layouts have none and are not commands). */
function fencedBlocks(markdown: string): { lang: string; body: string }[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, body]) => ({ lang: lang!, body: body! }));
}

const blocks = fencedBlocks(README);
const shellBlocks = blocks.filter((block) => block.lang === 'sh');
const commandsOf = (body: string) =>
  body
    .split('\n')
    .map((line) => line.replace(/\s+#\s.*$/, '').trim())
    .filter(Boolean);

/** Lines a CI machine cannot run, and why. Everything else in a shell block runs. */
const NOT_RUN: [RegExp, string][] = [
  [
    /^DATABASE_URL=postgresql:\/\/\S+ npm (start|run demo -- --persons \d+|run bench -- .*)$/,
    'needs a PostgreSQL server to itself (fixed database names lip_<subgraph>) and, for the benchmark, minutes of load; bench/RESULTS.md records a run',
  ],
  [/^docker compose up$/, 'Docker does not run on these machines; the containers run the same start commands'],
];
const notRun = (line: string) => NOT_RUN.find(([pattern]) => pattern.test(line))?.[1];

/**
 * Environment for a command run as a newcomer's shell has it: quiet npm, no colour codes, and none
 * of the variables this run added: the global setup's GATEWAY_URL (the shared stack's
 * gateway), vitest's (VITEST*, NODE_ENV=test, NODE_PATH…, read by a nested vitest)
 * and the package manager's (npm_*, pnpm_*: configuration to a nested npm). NO_COLOR rather than
 * FORCE_COLOR=0: vitest forces colours when FORCE_COLOR is set at all, even to 0, and its
 * coloured summary does not read "Tests  3 passed".
 */
const ADDED_BY_THIS_RUN =
  /^(VITEST.*|TEST|NODE_ENV|MODE|DEV|PROD|SSR|BASE_URL|FORCE_TTY|FORCE_COLOR|NODE_OPTIONS|NODE_PATH|LOG_LEVEL|GATEWAY_URL|INIT_CWD|NODE|npm_.*|pnpm_.*|PNPM_.*)$/;
const baseEnv = () => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !ADDED_BY_THIS_RUN.test(name))),
  npm_config_update_notifier: 'false',
  NO_COLOR: '1',
});
const UPDATE_NOTICE = /update available|new (major|minor|patch) version|npm notice/i;

let stack: SharedStack;
beforeAll(async () => {
  stack = await sharedStack();
});

/** Runs a shell script in bash from the repository root with the gateway address pointed at the shared stack. */
function bash(script: string, env: NodeJS.ProcessEnv = {}) {
  const gateway = new URL(stack.gateway.url);
  const result = spawnSync('bash', ['-euo', 'pipefail', '-c', script.replaceAll('http://127.0.0.1:4000', gateway.origin)], {
    cwd: ROOT,
    env: { ...baseEnv(), ...env },
    encoding: 'utf8',
    timeout: 600_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('README', () => {
  it('has command blocks, and every shell line is either run here or excused with a reason', () => {
    expect(shellBlocks.length).toBeGreaterThan(4);
    expect(blocks.filter((block) => block.lang === 'graphql').length).toBeGreaterThan(3);
    const excused = shellBlocks.flatMap((block) => commandsOf(block.body)).filter(notRun);
    // Every excuse is used, so a stale one goes too.
    for (const [pattern] of NOT_RUN)
      expect(
        excused.some((line) => pattern.test(line)),
        String(pattern),
      ).toBe(true);
    expect(excused.length).toBeLessThanOrEqual(5);
  });

  it('has no bare pnpm command and no link out of the repository', () => {
    for (const block of shellBlocks) for (const line of commandsOf(block.body)) expect(line).not.toMatch(/(^|[\s;&|(])pnpm\s/);
    expect(README).not.toMatch(/\.\.\/shared|DESIGN\.md/);
    // docs/security.md is written on the security branch; once merged it is checked like the rest.
    const pending = new Set(['docs/security.md']);
    for (const [, target] of README.matchAll(/\]\(((?!https?:)[^)#]+)/g)) {
      if (!pending.has(target!)) expect(() => readFileSync(path.join(ROOT, target!)), target).not.toThrow();
    }
  });

  it('runs every GraphQL example through the gateway without an error', async () => {
    const [sample] = await stack.subgraphs['civil-affairs']!.db.sql.query<{ idNumber: string }>(
      `SELECT "idNumber" FROM "Person" WHERE "deceasedOn" IS NULL ORDER BY "idNumber" LIMIT 1`,
    );
    for (const { body } of blocks.filter((block) => block.lang === 'graphql')) {
      const variables = body.includes('$id') ? { id: sample!.idNumber } : undefined;
      const data = expectData(await stack.query(body, variables));
      expect(
        Object.values(data as object).every((value) => value !== null),
        body,
      ).toBe(true);
    }
  });

  it('mints tokens with every `npm run token` line, each accepted by the gateway as the role it names', async () => {
    const lines = shellBlocks.flatMap((block) => commandsOf(block.body)).filter((line) => /^npm run token -- /.test(line));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const result = bash(line.replace(/^npm run /, 'npm run -s '));
      expect(result.status, `${line}\n${result.stderr}`).toBe(0);
      const token = result.stdout.trim();
      expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).role).toBe(/--role (\w+)/.exec(line)![1]);
      const answer = await postGraphQL(stack.gateway.url, '{ __typename }', {}, { as: null, headers: { authorization: `Bearer ${token}` } });
      expect(answer.status, line).toBe(200);
    }
    const help = bash('npm run -s token -- --help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run token -- /);
    const wrong = bash('npm run -s token -- --rolle ANALYST || echo "exit $?"');
    expect(wrong.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Unknown option '--rolle'.*npm run token -- --help/)]);
    expect(wrong.stdout.trim()).toBe('exit 2');
  });

  it('runs every other shell block as written (demo sizes made small), each answer without errors', { timeout: 900_000 }, () => {
    // One data folder for every block, as on a newcomer's machine: the first demo load fills it, later ones find it loaded.
    const data = mkdtempSync(path.join(tmpdir(), 'lip-readme-'));
    for (const { body } of shellBlocks) {
      const lines = commandsOf(body).filter((line) => !notRun(line) && !/^npm (start|test)$/.test(line) && !/^npm run token -- /.test(line));
      if (!lines.length) continue;
      const script = lines.map((line) => line.replace(/^npm run demo -- --persons \d+$/, 'npm run demo -- --persons 200')).join('\n');
      const result = bash(script, { PGLITE_DIR: data });
      expect(result.status, `${script}\n${result.stderr}`).toBe(0);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(UPDATE_NOTICE);
      for (const answer of result.stdout.split('\n').filter((line) => line.startsWith('{'))) {
        expect(JSON.parse(answer), answer).not.toHaveProperty('errors');
        expect(JSON.parse(answer)).toHaveProperty('data');
      }
    }
  });

  it('`npm test` runs the suite (here on one small file)', () => {
    const result = spawnSync('npm', ['test', '--', 'shared/test/scalars.test.ts'], { cwd: ROOT, env: baseEnv(), encoding: 'utf8', timeout: 600_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Tests\s+\d+ passed/);
  });

  it('`npm start` shows seeding progress, prints a banner whose token and example work, and stops on Ctrl-C', async () => {
    const ports = Object.fromEntries(SUBGRAPHS.map(({ name }) => [`${envPrefix(name)}_PORT`, '0']));
    const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'lip-start-')), 'graph.log');
    const child = spawn('npm', ['start'], {
      cwd: ROOT,
      detached: true,
      env: { ...baseEnv(), ...ports, GATEWAY_PORT: '0', PGLITE_DIR: 'memory', LIP_DEMO_PERSONS: '300', LOG_FILE: logFile, LOG_LEVEL: 'info' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      await expect.poll(() => stdout, { timeout: 900_000, interval: 1000 }).toContain('Press Enter');
      for (const { name } of SUBGRAPHS) expect(stderr, stderr).toMatch(new RegExp(`${name}\\s+http://\\S+\\s+demo data loaded: \\w+ \\d+`));
      expect(stderr).toMatch(/civil-affairs\s+100%\s+300\/300 persons/);
      // Monitoring's first run read this graph, not whatever answers on the default port 4000.
      expect(stdout, stderr).toMatch(/monitoring: first run read \d+ changes/);
      expect(`${stdout}${stderr}`).not.toMatch(UPDATE_NOTICE);
      // The banner is readable: no JSON log lines in it (they went to the log file).
      expect(stdout).not.toMatch(/^\{"level"/m);
      expect(stdout).toMatch(/Explorer: +http:\/\/127\.0\.0\.1:\d+\/explorer/);
      expect(stdout).toMatch(/Dashboard: http:\/\/127\.0\.0\.1:\d+\/dashboard/);
      expect(stdout).toContain('npm run token -- --help');
      // The example as printed: export the token, then the curl command with its continuation line.
      const example = /^\s*(export TOKEN=\S+)\n\s*(curl [^\n]*\\\n[^\n]*)$/m.exec(stdout);
      expect(example, stdout).not.toBeNull();
      const ran = spawnSync('bash', ['-euo', 'pipefail', '-c', `${example![1]}\n${example![2]}`], { encoding: 'utf8', timeout: 120_000 });
      expect(ran.status, ran.stderr).toBe(0);
      const answer = JSON.parse(ran.stdout);
      expect(answer.errors).toBeUndefined();
      expect(answer.data.person.activeCategories).toContain('SUBSISTENCE_ALLOWANCE');
      expect(readFileSync(logFile, 'utf8')).toMatch(/"service":"gateway"/);
      const gateway = /Gateway:\s+(\S+)/.exec(stdout)![1]!;
      // Ctrl-C reaches the whole process group, as in a terminal; the gateway stops answering.
      process.kill(-child.pid!, 'SIGINT');
      await exited;
      await expect(fetch(new URL('/health', gateway))).rejects.toThrow();
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  }, 1_200_000);
});
