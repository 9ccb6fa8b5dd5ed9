// Hive Gateway in front of the same subgraphs, as a supported alternative to gateway/src. It speaks
// to the subgraphs the way any gateway must (docs/security.md): it forwards the caller's bearer
// token and signs each subgraph request with Hive's own HMAC upstream-signature plugin, one
// instance per subgraph with that subgraph's key, over Hive's `{query, variables}` plus our
// request claim. The subgraphs verify the token, scope and mask on their own, so what is here is
// configuration of Hive's own plugins, not security code of ours.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  createGatewayRuntime,
  defaultExecutionRequestSerializer,
  defineConfig,
  type GatewayConfigSupergraph,
  type GatewayPlugin,
  useHmacUpstreamSignature,
} from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { envPrefix } from '@lip/shared/database';
import { SUBGRAPHS, subgraphUrl } from '@lip/shared/topology';
import { deriveSubgraphKey, REQUEST_EXTENSION, signedMaterial, signingSecret, tokenDigest } from '@lip/shared/upstream-signature';

export const SUPERGRAPH_FILE = new URL('../../schema/supergraph.graphql', import.meta.url);

export interface HiveOptions {
  /** Subgraph name → URL; defaults to `<SUBGRAPH>_URL` or the local default port. */
  subgraphUrls?: Record<string, string>;
  /** The Rust query planner of Hive Router (`@graphql-hive/router-runtime`) instead of the JavaScript one. */
  routerRuntime?: boolean;
}

const bearer = (request: Request) => /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';

export function hiveGatewayConfig(options: HiveOptions = {}): GatewayConfigSupergraph {
  const secret = signingSecret();
  return defineConfig({
    supergraph: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    logging: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'error',
    ...(options.routerRuntime ? { unifiedGraphHandler } : {}),
    transportEntries: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, { location: options.subgraphUrls?.[name] ?? subgraphUrl(name) }])),
    propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? undefined }) },
    plugins: (): GatewayPlugin[] => [
      {
        // The claim that makes a signature good for one request and one caller: set before the HMAC plugins run.
        onSubgraphExecute({ executionRequest }) {
          const request = (executionRequest.context as { request: Request }).request;
          executionRequest.extensions = {
            ...executionRequest.extensions,
            [REQUEST_EXTENSION]: { nonce: randomUUID(), issuedAt: Date.now(), token: tokenDigest(bearer(request)) },
          };
        },
      },
      // The plugin's declared type comes from another copy of the runtime's types; it is the same plugin shape.
      ...SUBGRAPHS.map(({ name }) =>
        (useHmacUpstreamSignature as (options: Parameters<typeof useHmacUpstreamSignature>[0]) => GatewayPlugin)({
          secret: deriveSubgraphKey(secret, name),
          shouldSign: ({ subgraphName }) => subgraphName === name,
          serializeExecutionRequest: (request) =>
            signedMaterial({ ...JSON.parse(defaultExecutionRequestSerializer(request) ?? '{}'), extensions: request.extensions }),
        }),
      ),
    ],
  }) as GatewayConfigSupergraph;
}

/** Hive Gateway in this process on `port` (0: any free port), for tests. */
export async function startHiveGateway(options: HiveOptions & { port?: number; host?: string } = {}) {
  const runtime = createGatewayRuntime(hiveGatewayConfig(options));
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}/graphql`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await runtime.dispose();
    },
  };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/**
 * Hive Gateway as a city runs it: its own CLI in a process of its own with gateway/hive/gateway.config.ts
 * (JWT plugin, limits, introspection by role, HMAC signing), the command of docker-compose's `hive` profile.
 */
export async function startHiveGatewayCli(options: HiveOptions & { env?: NodeJS.ProcessEnv } = {}) {
  const port = await freePort();
  const urls = Object.fromEntries(Object.entries(options.subgraphUrls ?? {}).map(([name, url]) => [`${envPrefix(name)}_URL`, url]));
  const child = spawn(
    process.execPath,
    [
      fileURLToPath(new URL('../node_modules/@graphql-hive/gateway/dist/bin.js', import.meta.url)),
      'supergraph',
      fileURLToPath(SUPERGRAPH_FILE),
      '--config-path',
      'hive/gateway.config.ts',
    ],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, ...options.env, ...urls, HOST: '127.0.0.1', PORT: String(port), HIVE_ROUTER_RUNTIME: options.routerRuntime ? '1' : '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (const deadline = Date.now() + 180_000; ; await new Promise((resolve) => setTimeout(resolve, 250))) {
    if (child.exitCode !== null) throw new Error(`hive-gateway exited with ${child.exitCode}:\n${output}`);
    if (
      await fetch(`${origin}/readiness`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) {
      await close();
      throw new Error(`hive-gateway not ready after 180 s:\n${output}`);
    }
  }
  return { url: `${origin}/graphql`, close, output: () => output };
}
