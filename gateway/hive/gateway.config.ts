// Hive Gateway's configuration file for its own CLI, the way a city runs it in production:
//   hive-gateway supergraph schema/supergraph.graphql --config-path gateway/hive/gateway.config.ts
// Subgraph URLs come from <SUBGRAPH>_URL as for our gateway; HIVE_ROUTER_RUNTIME=1 selects the
// Rust query planner. Tokens are checked here with Hive's JWT plugin (and again by every
// subgraph); limits are Hive's built-in ones, set to ours (gateway/src/hardening.ts).
import { createInlineSigningKeyProvider, extractFromHeader } from '@graphql-hive/gateway';
import { DEV_JWT_SECRET } from '@lip/shared/auth';
import { limits } from '../src/hardening.ts';
import { hiveGatewayConfig } from './config.ts';

const limit = limits();

export const gatewayConfig = {
  ...hiveGatewayConfig({ routerRuntime: ['1', 'true'].includes(process.env.HIVE_ROUTER_RUNTIME ?? '') }),
  jwt: {
    signingKeyProviders: [createInlineSigningKeyProvider(process.env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET)],
    tokenLookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
    tokenVerification: { issuer: process.env.AUTH_ISSUER ?? 'lip-dev', audience: process.env.AUTH_AUDIENCE ?? 'low-income-graph', algorithms: ['HS256'] },
    reject: { missingToken: true, invalidToken: true },
  },
  maxDepth: limit.maxDepth,
  maxTokens: limit.maxTokens,
  blockFieldSuggestions: true,
};
