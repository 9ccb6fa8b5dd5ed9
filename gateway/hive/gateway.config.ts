// Hive Gateway's configuration file for its own CLI, the way a city runs it in production:
//   hive-gateway supergraph schema/supergraph.graphql --config-path gateway/hive/gateway.config.ts
// (`npm run start:hive -w @lip/gateway` in docker-compose's `hive` profile). Subgraph URLs come
// from <SUBGRAPH>_URL as for our gateway; HIVE_ROUTER_RUNTIME=1 selects the Rust query planner.
// Tokens are checked here with Hive's JWT plugin (and again by every subgraph); limits are Hive's
// built-in ones plus graphql-armor's for aliases, cost and directives (the plugins Hive's
// documentation names for them), set to ours (gateway/src/hardening.ts); introspection is closed to
// the roles ours closes it to. tests/security.e2e.test.ts runs the security suite through it.
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { createInlineSigningKeyProvider, extractFromHeader, type GatewayPlugin } from '@graphql-hive/gateway';
import { DEV_JWT_SECRET, type Role } from '@lip/shared/auth';
import { introspectionRoles, limits } from '../src/hardening.ts';
import { hiveGatewayConfig } from './config.ts';

const limit = limits();
const base = hiveGatewayConfig({ routerRuntime: ['1', 'true'].includes(process.env.HIVE_ROUTER_RUNTIME ?? '') });
const armor = new EnvelopArmor({
  maxAliases: { n: limit.maxAliases },
  costLimit: { maxCost: limit.maxCost, ignoreIntrospection: true },
  maxDirectives: { n: limit.maxDirectives },
  // Hive's own options below cover these.
  maxDepth: { enabled: false },
  maxTokens: { enabled: false },
  blockFieldSuggestion: { enabled: false },
}).protect();
const mayIntrospect = introspectionRoles();
// As our gateway: production never runs on the development secret (the subgraphs refuse it too).
if (!process.env.AUTH_JWT_SECRET && process.env.NODE_ENV === 'production') throw new Error('Production needs AUTH_JWT_SECRET');

export const gatewayConfig = {
  ...base,
  plugins: (context: Parameters<NonNullable<typeof base.plugins>>[0]) => [...(base.plugins?.(context) ?? []), ...(armor.plugins as GatewayPlugin[])],
  jwt: {
    signingKeyProviders: [createInlineSigningKeyProvider(process.env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET)],
    tokenLookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
    tokenVerification: { issuer: process.env.AUTH_ISSUER ?? 'lip-dev', audience: process.env.AUTH_AUDIENCE ?? 'low-income-graph', algorithms: ['HS256'] },
    reject: { missingToken: true, invalidToken: true },
  },
  disableIntrospection: {
    disableIf: ({ context }: { context: { jwt?: { payload?: { role?: string } } } }) => !mayIntrospect.includes(context.jwt?.payload?.role as Role),
  },
  maxDepth: limit.maxDepth,
  maxTokens: limit.maxTokens,
  blockFieldSuggestions: true,
};
