// Hive Gateway in front of the same subgraphs, as a supported alternative to gateway/src. The
// subgraphs trust no gateway in particular (docs/gateways.md): what a gateway must do is in
// this configuration, not in code of ours inside the gateway.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, defineConfig, type GatewayConfigSupergraph } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { signRequest, signingSecret, tokenConfig, verifyBearer } from '@lip/shared/auth';
import { SUBGRAPHS, subgraphUrl } from '@lip/shared/topology';

export const SUPERGRAPH_FILE = new URL('../../schema/supergraph.graphql', import.meta.url);

export interface HiveOptions {
  /** Subgraph name → URL; defaults to `<SUBGRAPH>_URL` or the local default port. */
  subgraphUrls?: Record<string, string>;
  /** The Rust query planner of Hive Router (`@graphql-hive/router-runtime`) instead of the JavaScript one. */
  routerRuntime?: boolean;
}

export function hiveGatewayConfig(options: HiveOptions = {}): GatewayConfigSupergraph {
  const urls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, options.subgraphUrls?.[name] ?? subgraphUrl(name)]));
  const tokens = tokenConfig();
  const secret = signingSecret();
  return defineConfig({
    supergraph: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    logging: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'error',
    ...(options.routerRuntime ? { unifiedGraphHandler } : {}),
    transportEntries: Object.fromEntries(Object.entries(urls).map(([name, location]) => [name, { location }])),
    plugins: () => [
      {
        async onFetch({ context, options: request, setOptions }) {
          const authorization = (context as { request?: Request } | undefined)?.request?.headers.get('authorization') ?? undefined;
          const identity = await verifyBearer(authorization, await tokens);
          const body = typeof request.body === 'string' ? request.body : '';
          setOptions({ ...request, headers: { ...(request.headers as Record<string, string>), ...signRequest(identity, body, secret) } });
        },
      },
    ],
  }) as GatewayConfigSupergraph;
}

/** Hive Gateway in this process on `port` (0: any free port), for tests and the bench. */
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
