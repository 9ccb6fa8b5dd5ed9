// The subgraphs that make up the graph, and where each listens by default.
import { envPrefix } from './database.ts';

export const SUBGRAPHS = [
  { name: 'civil-affairs', port: 4001 },
  { name: 'education', port: 4002 },
  { name: 'housing', port: 4003 },
  { name: 'health-insurance', port: 4004 },
  { name: 'union', port: 4005 },
  { name: 'monitoring', port: 4006 },
  { name: 'payments', port: 4007 },
] as const;

export const GATEWAY_PORT = 4000;

/** `<SUBGRAPH>_PORT` or the default. */
export function subgraphPort(name: string, env: NodeJS.ProcessEnv = process.env): number {
  const configured = env[`${envPrefix(name)}_PORT`];
  if (configured) return Number(configured);
  return SUBGRAPHS.find((subgraph) => subgraph.name === name)?.port ?? 0;
}

/** `<SUBGRAPH>_URL` or the default local address, for the gateway. */
export function subgraphUrl(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${envPrefix(name)}_URL`] ?? `http://127.0.0.1:${subgraphPort(name, env)}/graphql`;
}

/** `GATEWAY_URL` or the local default: where services that read the graph send their queries (gateway-client.ts). */
export const gatewayUrl = (env: NodeJS.ProcessEnv = process.env) => env.GATEWAY_URL ?? `http://127.0.0.1:${env.GATEWAY_PORT ?? GATEWAY_PORT}/graphql`;
