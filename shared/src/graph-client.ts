// A service reading the graph through the gateway (DESIGN.md §3: "the gateway for bulk"), as a
// SERVICE identity of its department, so the gateway and every subgraph apply their usual rules.
import { mintToken, type Department } from './auth.ts';
import { DomainError, ErrorCode } from './errors.ts';
import { gatewayUrl } from './topology.ts';

export interface GraphClient {
  query<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/**
 * The token comes from `<SERVICE>_GATEWAY_TOKEN` (issued by the identity provider in production);
 * without it one is minted with AUTH_JWT_SECRET or the development secret, which only works where the
 * gateway verifies HS256 tokens with that secret.
 */
export function serviceGraphClient(service: string, identity: { department: Department; region: string }, env: NodeJS.ProcessEnv = process.env): GraphClient {
  const configured = env[`${service.toUpperCase().replace(/-/g, '_')}_GATEWAY_TOKEN`];
  const token = async () =>
    configured ||
    mintToken({ subject: `service:${service}`, role: 'SERVICE', department: identity.department, region: identity.region }, { secret: env.AUTH_JWT_SECRET, expiresIn: '5m' });
  return {
    async query<T>(query: string, variables?: Record<string, unknown>) {
      const response = await fetch(gatewayUrl(env), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
      if (body.errors?.length || !body.data) {
        const first = body.errors?.[0];
        // The register's own refusal (e.g. a bad county) keeps its code; anything else means the graph is unavailable.
        const code = (first?.extensions?.code as ErrorCode | undefined) ?? ErrorCode.INTERNAL_SERVER_ERROR;
        throw new DomainError(Object.values(ErrorCode).includes(code) ? code : ErrorCode.INTERNAL_SERVER_ERROR, `reading the graph failed: ${first?.message ?? `HTTP ${response.status}`}`, {
          reason: 'GRAPH_READ_FAILED',
        });
      }
      return body.data;
    },
  };
}
