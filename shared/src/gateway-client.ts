// A subgraph reading other departments' records through the gateway (DESIGN.md §3: "the gateway
// for bulk"), as a SERVICE identity. The gateway's address comes from configuration, never from
// the request, so a caller cannot point a subgraph elsewhere.
import { mintToken, type Department } from './auth.ts';
import { GATEWAY_PORT } from './topology.ts';

/** GATEWAY_URL, or the local gateway. Read on every call: tests start the gateway after the subgraphs. */
export const gatewayUrl = (env: NodeJS.ProcessEnv = process.env) => env.GATEWAY_URL ?? `http://127.0.0.1:${GATEWAY_PORT}/graphql`;

export interface ServiceCaller {
  subject: string;
  department: Department;
  /** The narrowest region the read needs (a county or township code). */
  region: string;
}

/**
 * The bearer token of a service: GATEWAY_SERVICE_TOKEN where the identity provider issued one;
 * otherwise a short-lived token signed with the configured JWT secret (development, tests).
 */
async function serviceToken(caller: ServiceCaller, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.GATEWAY_SERVICE_TOKEN) return env.GATEWAY_SERVICE_TOKEN;
  if (env.NODE_ENV === 'production' && !env.AUTH_JWT_SECRET) throw new Error('Production needs GATEWAY_SERVICE_TOKEN (or AUTH_JWT_SECRET) to read through the gateway');
  return mintToken(
    { subject: caller.subject, role: 'SERVICE', department: caller.department, region: caller.region },
    { secret: env.AUTH_JWT_SECRET, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, expiresIn: '5m' },
  );
}

export interface GatewayAnswer<T> {
  data?: T | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** One GraphQL request to the gateway; a transport failure is thrown, GraphQL errors are returned with the data. */
export async function queryGateway<T>(caller: ServiceCaller, query: string, variables: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): Promise<GatewayAnswer<T>> {
  const response = await fetch(gatewayUrl(env), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await serviceToken(caller, env)}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(Number(env.GATEWAY_TIMEOUT_MS ?? 30_000)),
  });
  if (!response.ok && !response.headers.get('content-type')?.includes('json')) throw new Error(`gateway answered HTTP ${response.status}`);
  return (await response.json()) as GatewayAnswer<T>;
}
