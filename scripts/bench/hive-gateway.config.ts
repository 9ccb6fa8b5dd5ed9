// Hive Gateway serving the same supergraph, as the bench's reference gateway. It speaks to the
// subgraphs the way any gateway must (docs/security.md): it forwards the caller's bearer token and
// signs each subgraph request with Hive's own HMAC upstream-signature plugin, one instance per
// subgraph with that subgraph's key, over Hive's `{query, variables}` plus our request claim.
// It does not verify tokens itself, mask or limit: the subgraphs verify and mask on their own.
import { randomUUID } from 'node:crypto';
import { defaultExecutionRequestSerializer, defineConfig, useHmacUpstreamSignature, type GatewayPlugin } from '@graphql-hive/gateway';
import { SUBGRAPHS } from '@lip/shared/topology';
import { REQUEST_EXTENSION, deriveSubgraphKey, signedMaterial, tokenDigest } from '@lip/shared/upstream-signature';

const routes = JSON.parse(process.env.BENCH_ROUTES ?? '{}') as Record<string, string>;
const secret = process.env.SUBGRAPH_SIGNING_SECRET!;
const bearer = (request: Request) => /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';

export const gatewayConfig = defineConfig({
  supergraph: 'schema/supergraph.graphql',
  propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }) },
  plugins: (): GatewayPlugin[] => [
    {
      onFetch({ url, setURL }) {
        if (routes[url]) setURL(routes[url]);
      },
      // The claim that makes a signature good for one request: set before the HMAC plugins run.
      onSubgraphExecute({ executionRequest }) {
        const request = (executionRequest.context as { request: Request }).request;
        executionRequest.extensions = { ...executionRequest.extensions, [REQUEST_EXTENSION]: { nonce: randomUUID(), issuedAt: Date.now(), token: tokenDigest(bearer(request)) } };
      },
    },
    // The plugin's declared type comes from another copy of the runtime's types; it is the same plugin shape.
    ...SUBGRAPHS.map(({ name }) =>
      (useHmacUpstreamSignature as (options: Parameters<typeof useHmacUpstreamSignature>[0]) => GatewayPlugin)({
        secret: deriveSubgraphKey(secret, name),
        shouldSign: ({ subgraphName }) => subgraphName === name,
        // Hive's own {query, variables} (printed exactly as it sends them) plus the request claim.
        serializeExecutionRequest: (request) => signedMaterial({ ...JSON.parse(defaultExecutionRequestSerializer(request) ?? '{}'), extensions: request.extensions }),
      }),
    ),
  ],
});
