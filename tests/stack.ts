// Starts the whole graph for end-to-end tests: every subgraph on a fresh test database
// and a free port, and the gateway in front of them. Requests go over real HTTP.
import { startSubgraph, type RunningSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase } from '@lip/shared/testing';
import { startGateway, type RunningGateway } from '@lip/gateway/gateway';
import { SUBGRAPH_MODULES } from '../scripts/subgraphs.ts';

export interface Stack {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph<unknown>>;
  /** POSTs a GraphQL operation to the gateway (or another URL) and returns the parsed body. */
  query<T = any>(query: string, variables?: Record<string, unknown>, options?: { url?: string; headers?: Record<string, string> }): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export async function postGraphQL<T>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lip-subject': 'test-user', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

export async function startStack(options: { seed?: boolean } = {}): Promise<Stack> {
  const subgraphs: Record<string, RunningSubgraph<unknown>> = {};
  for (const module of SUBGRAPH_MODULES) {
    subgraphs[module.name] = (await startSubgraph(module as never, { db: await openTestDatabase(module.name), seed: options.seed })) as RunningSubgraph<unknown>;
  }
  const gateway = await startGateway({ subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url])) });
  return {
    gateway,
    subgraphs,
    query: (query, variables, options) => postGraphQL(options?.url ?? gateway.url, query, variables, options?.headers),
    close: async () => {
      await gateway.close();
      for (const subgraph of Object.values(subgraphs)) await subgraph.close();
    },
  };
}
