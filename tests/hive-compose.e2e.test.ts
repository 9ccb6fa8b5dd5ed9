// docker-compose's `hive` profile and the README's "Running Hive Gateway instead of ours". Docker
// does not run on the CI machines, so this checks what can be checked without it: the profile's
// service is well formed and points at files and scripts that exist, every README `shell` line (the
// Docker commands; tests/readme.e2e.test.ts runs the `sh` ones) names that profile and service, and
// the container's command, run here as the container would run it, serves the graph in front of
// running subgraphs with a token as the only credential.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_JWT_SECRET, DEV_SIGNING_SECRET } from '@lip/shared/auth';
import { envPrefix } from '@lip/shared/database';
import { SUBGRAPHS } from '@lip/shared/topology';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type SharedStack, sharedStack } from './stack.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      profiles?: string[];
      command: string;
      environment: Record<string, string>;
      ports?: string[];
      depends_on: Record<string, { condition: string }>;
      networks?: Record<string, { aliases?: string[] }>;
      healthcheck: { test: string[] };
    }
  >;
};
const hive = compose.services['hive-gateway']!;
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
// Fenced blocks as tests/readme.e2e.test.ts reads them (importing that file would run its tests here).
const fencedBlocks = (markdown: string) => [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang, body]) => ({ lang: lang!, body: body! }));
const section = /^### Running Hive Gateway instead of ours\n([\s\S]*?)^##/m.exec(README)?.[1] ?? '';

describe('docker-compose profile `hive`', () => {
  it('runs Hive Gateway with gateway/hive/gateway.config.ts in place of ours, in front of every subgraph', () => {
    expect(hive.profiles).toEqual(['hive']);
    expect(compose.services.gateway!.profiles).toBeUndefined(); // ours stays the default
    // The command: a workspace package's script, which runs Hive's CLI on files that exist.
    const command = /^npx --yes pnpm@10\.34\.9 --filter (\S+) (\S+)$/.exec(hive.command);
    expect(command).not.toBeNull();
    const [, filter, script] = command!;
    const gateway = JSON.parse(readFileSync(path.join(ROOT, 'gateway/package.json'), 'utf8')) as { name: string; scripts: Record<string, string> };
    expect(gateway.name).toBe(filter);
    const run = /^hive-gateway supergraph (\S+) --config-path (\S+)$/.exec(gateway.scripts[script!] ?? '');
    expect(run, gateway.scripts[script!]).not.toBeNull();
    for (const file of run!.slice(1)) expect([file, existsSync(path.join(ROOT, 'gateway', file!))]).toEqual([file, true]);
    expect(existsSync(path.join(ROOT, 'gateway/node_modules/.bin/hive-gateway'))).toBe(true);
    // Every subgraph, healthy first, at the address its own service listens on.
    for (const { name, port } of SUBGRAPHS) {
      expect([name, hive.depends_on[name]?.condition]).toEqual([name, 'service_healthy']);
      expect(hive.environment[`${envPrefix(name)}_URL`]).toBe(`http://${name}:${port}/graphql`);
      expect(compose.services[name]!.environment[`${envPrefix(name)}_PORT`]).toBe(String(port));
    }
    // Where ours was: the same port, and the name monitoring and payments read the graph at.
    expect([hive.environment.PORT, hive.ports, hive.networks?.default?.aliases]).toEqual(['4000', ['4000:4000'], ['gateway']]);
    for (const reader of ['civil-affairs', 'monitoring', 'payments'])
      expect([reader, compose.services[reader]!.environment.GATEWAY_URL]).toEqual([reader, 'http://gateway:4000/graphql']);
    // Production settings from the same .env as ours, and Hive's own readiness check.
    expect(hive.environment).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0' });
    for (const secret of ['AUTH_JWT_SECRET', 'SUBGRAPH_SIGNING_SECRET']) expect(hive.environment[secret]).toMatch(/^\$\{\w+:\?/);
    expect(hive.healthcheck.test.join(' ')).toContain('http://127.0.0.1:4000/readiness');
  });

  it('is what the README section runs: every `shell` line starts that service of that profile', () => {
    const lines = fencedBlocks(section)
      .filter((block) => block.lang === 'shell')
      .flatMap((block) => block.body.split('\n'))
      .map((line) => line.replace(/\s+#\s.*$/, '').trim())
      .filter(Boolean);
    expect(lines).toEqual(['docker compose --profile hive up hive-gateway', 'HIVE_ROUTER_RUNTIME=1 docker compose --profile hive up hive-gateway']);
    expect(hive.environment.HIVE_ROUTER_RUNTIME).toMatch(/^\$\{HIVE_ROUTER_RUNTIME:-0\}$/); // passed on from the shell, off by default
    expect(section).toContain(`\`${hive.command}\``);
    // README blocks of other kinds than `sh` and `graphql` are only these, so nothing escapes a runner.
    expect(
      fencedBlocks(README)
        .filter((block) => !['', 'sh', 'graphql'].includes(block.lang))
        .map((block) => block.lang),
    ).toEqual(['shell']);
  });
});

describe('the container’s command, run without Docker', () => {
  let stack: SharedStack;
  beforeAll(async () => {
    stack = await sharedStack();
  });

  const freePort = () =>
    new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });

  it.each([['0'], ['1']])('serves the graph with HIVE_ROUTER_RUNTIME=%s, tokens checked, in production mode', { timeout: 600_000 }, async (runtime) => {
    const port = await freePort();
    // The compose environment, with the shared stack's subgraphs and secrets in place of the containers'.
    const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, subgraph]) => [`${envPrefix(name)}_URL`, subgraph.url]));
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS')),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      HIVE_ROUTER_RUNTIME: runtime,
      AUTH_JWT_SECRET: DEV_JWT_SECRET,
      SUBGRAPH_SIGNING_SECRET: DEV_SIGNING_SECRET,
      npm_config_update_notifier: 'false',
      ...urls,
    };
    const [command, ...args] = hive.command.split(' ');
    const child = spawn(command!, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const origin = `http://127.0.0.1:${port}`;
    try {
      for (
        const deadline = Date.now() + 300_000;
        !(await fetch(`${origin}/readiness`).then(
          (response) => response.ok,
          () => false,
        ));
      ) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`hive-gateway did not become ready:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const [person] = await stack.subgraphs['civil-affairs']!.db.sql.query<{ idNumber: string }>(
        `SELECT "idNumber" FROM "Person" ORDER BY "idNumber" LIMIT 1`,
      );
      const query = `query($id: IdNumber!) { person(idNumber: $id) { idNumber educationEntitlements { status } unionEntitlements { status } } }`;
      const ours = await stack.query(query, { id: person!.idNumber });
      const theirs = await stack.query(query, { id: person!.idNumber }, { gatewayUrl: `${origin}/graphql` });
      expect(theirs.errors, output).toBeUndefined();
      expect(theirs.data).toEqual(ours.data);
      const anonymous = await stack.query(query, { id: person!.idNumber }, { gatewayUrl: `${origin}/graphql`, as: null });
      expect([anonymous.status, anonymous.data ?? null]).toEqual([401, null]);
    } finally {
      // pnpm runs the CLI in a child of its own: stop the whole group.
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  });
});
