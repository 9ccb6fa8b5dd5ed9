// Hive Gateway in front of the same subgraphs, as a supported alternative to gateway/src. It speaks
// to the subgraphs the way any gateway must (docs/security.md): it forwards the caller's bearer
// token and signs each subgraph request with Hive's own HMAC upstream-signature plugin, one
// instance per subgraph with that subgraph's key, over Hive's `{query, variables}` plus our
// request claim. The subgraphs verify the token, scope and mask on their own, so what is here is
// configuration of Hive's own plugins, not security code of ours.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createGatewayRuntime,
  defaultExecutionRequestSerializer,
  defineConfig,
  useHmacUpstreamSignature,
  type GatewayConfigSupergraph,
  type GatewayPlugin,
} from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { SUBGRAPHS, subgraphUrl } from '@lip/shared/topology';
import { REQUEST_EXTENSION, deriveSubgraphKey, signedMaterial, signingSecret, tokenDigest } from '@lip/shared/upstream-signature';

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
          serializeExecutionRequest: (request) => signedMaterial({ ...JSON.parse(defaultExecutionRequestSerializer(request) ?? '{}'), extensions: request.extensions }),
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
