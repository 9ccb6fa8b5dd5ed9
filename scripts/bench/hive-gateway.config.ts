// Hive Gateway serving the same supergraph, as the bench's reference gateway. It signs
// subgraph requests as our gateway does (for a fixed bench identity: it verifies no tokens,
// masks nothing and applies no limits, so it measures plain federation work).
import { defineConfig } from '@graphql-hive/gateway';
import { signRequest, type Identity } from '@lip/shared/auth';

const routes = JSON.parse(process.env.BENCH_ROUTES ?? '{}') as Record<string, string>;
const identity: Identity = { subject: 'bench', role: 'CITY_ADMIN', region: '4112' };

export const gatewayConfig = defineConfig({
  supergraph: 'schema/supergraph.graphql',
  plugins: () => [
    {
      onFetch({ url, setURL, options, setOptions }) {
        if (routes[url]) setURL(routes[url]);
        const body = typeof options.body === 'string' ? options.body : '';
        const headers = { ...(options.headers as Record<string, string>), ...signRequest(identity, body, process.env.SUBGRAPH_SIGNING_SECRET!) };
        setOptions({ ...options, headers });
      },
    },
  ],
});
