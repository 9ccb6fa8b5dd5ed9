// Starts the whole graph for end-to-end tests: every subgraph on a fresh test database
// and a free port, and the gateway in front of them. Requests go over real HTTP.
import type { Identity } from '@lip/shared/auth';
import { startSubgraph, type RunningSubgraph } from '@lip/shared/subgraph';
import { TEST_IDENTITIES, openTestDatabase, postAs } from '@lip/shared/testing';
import { startGateway, type RunningGateway } from '@lip/gateway/gateway';
import type { ExplorerOptions } from '@lip/gateway/explorer';
import { firstDemoRun } from '@lip/monitoring/demo/seed';
import type { PrismaClient as MonitoringClient } from '@lip/monitoring/generated/prisma/client';
import { SUBGRAPH_MODULES } from '../scripts/subgraphs.ts';

export interface QueryOptions {
  /** Send straight to this subgraph URL, signed as the gateway would. */
  url?: string;
  /** Who asks (default a city administrator); null sends no credentials. */
  as?: Identity | null;
  headers?: Record<string, string>;
}

export interface Stack {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph<unknown>>;
  /** POSTs a GraphQL operation to the gateway (or a subgraph) and returns the parsed body. */
  query<T = any>(query: string, variables?: Record<string, unknown>, options?: QueryOptions): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export async function startStack(options: { seed?: boolean; explorer?: ExplorerOptions } = {}): Promise<Stack> {
  const subgraphs: Record<string, RunningSubgraph<unknown>> = {};
  for (const module of SUBGRAPH_MODULES) {
    subgraphs[module.name] = (await startSubgraph(module as never, { db: await openTestDatabase(module.name), seed: options.seed })) as RunningSubgraph<unknown>;
  }
  const gateway = await startGateway({
    subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url])),
    explorer: options.explorer,
  });
  // Monitoring reads the graph through this gateway; with demo data, its first run raises the demo's alerts.
  process.env.MONITORING_GATEWAY_URL = gateway.url;
  if (options.seed) await firstDemoRun(subgraphs.monitoring!.client as MonitoringClient);
  return {
    gateway,
    subgraphs,
    query: (query, variables, options = {}) =>
      postAs(options.as === undefined ? TEST_IDENTITIES.admin : options.as, options.url ?? gateway.url, query, variables, {
        direct: options.url !== undefined,
        headers: options.headers,
      }),
    close: async () => {
      await gateway.close();
      for (const subgraph of Object.values(subgraphs)) await subgraph.close();
    },
  };
}
