// The one client for a service reading the graph through the gateway (docs/design.md: "the gateway
// for bulk"), as a SERVICE identity of its department, so the gateway and every subgraph apply
// their usual rules. Configured the same way for every service: the gateway at GATEWAY_URL, the
// service's token in <SERVICE>_GATEWAY_TOKEN (e.g. PAYMENTS_GATEWAY_TOKEN). The address comes from
// configuration, never from the request, so a caller cannot point a service elsewhere.
import { type Department, mintToken } from './auth.ts';
import { envPrefix } from './database.ts';
import { DomainError, ErrorCode } from './errors.ts';
import { gatewayUrl } from './topology.ts';

/** Whom a service acts for: its department, within the narrowest region the read needs. */
export interface ServiceIdentity {
  department: Department;
  region: string;
}

export interface GatewayAnswer<T> {
  data?: T | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface GatewayClient {
  /** The whole answer: the data next to the errors of the fields that failed (a partial answer). */
  request<T>(query: string, variables?: Record<string, unknown>): Promise<GatewayAnswer<T>>;
  /** The data, or a DomainError: the register's own refusal (e.g. a bad county) keeps its code. */
  query<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/**
 * The bearer token: <SERVICE>_GATEWAY_TOKEN where the identity provider issued one (required where
 * the gateway verifies tokens with keys the service does not hold: JWKS, public keys); otherwise a
 * 5-minute token signed with AUTH_JWT_SECRET, or the development secret outside production.
 */
async function serviceToken(service: string, identity: ServiceIdentity, env: NodeJS.ProcessEnv): Promise<string> {
  const variable = `${envPrefix(service)}_GATEWAY_TOKEN`;
  const configured = env[variable];
  if (configured) return configured;
  if (env.NODE_ENV === 'production' && !env.AUTH_JWT_SECRET) throw new Error(`Production needs ${variable} (or AUTH_JWT_SECRET) to read through the gateway`);
  return mintToken(
    { subject: `service:${service}`, role: 'SERVICE', ...identity },
    { secret: env.AUTH_JWT_SECRET, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, expiresIn: '5m' },
  );
}

/** `service`: the service's name (its token variable's prefix and its token's subject, `service:<name>`). */
export function gatewayClient(service: string, identity: ServiceIdentity, env: NodeJS.ProcessEnv = process.env): GatewayClient {
  async function request<T>(query: string, variables?: Record<string, unknown>): Promise<GatewayAnswer<T>> {
    // The address and token are read on every call: tests start the gateway after the subgraphs.
    const token = await serviceToken(service, identity, env);
    try {
      const response = await fetch(gatewayUrl(env), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(Number(env.GATEWAY_TIMEOUT_MS ?? 30_000)),
      });
      // A GraphQL answer comes as JSON whatever its status; anything else is the gateway (or a proxy) failing.
      if (!response.headers.get('content-type')?.includes('json')) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as GatewayAnswer<T>;
    } catch (error) {
      throw new DomainError(ErrorCode.SUBGRAPH_UNAVAILABLE, `the gateway cannot be read: ${(error as Error).message}`, { serviceName: 'gateway' });
    }
  }
  return {
    request,
    async query<T>(query: string, variables?: Record<string, unknown>) {
      const answer = await request<T>(query, variables);
      if (!answer.errors?.length && answer.data) return answer.data;
      const first = answer.errors?.[0];
      // The register's own refusal keeps its code; anything else means the graph could not be read.
      const code = first?.extensions?.code as ErrorCode | undefined;
      throw new DomainError(
        code && Object.values(ErrorCode).includes(code) ? code : ErrorCode.INTERNAL_SERVER_ERROR,
        `reading the graph failed: ${first?.message ?? 'no data'}`,
        {
          reason: 'GRAPH_READ_FAILED',
        },
      );
    },
  };
}
