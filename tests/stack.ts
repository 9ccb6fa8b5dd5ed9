// Starts the whole graph for end-to-end tests: every subgraph on a fresh test database and a
// free port, and the gateway in front of them. Requests go over real HTTP.
//   sharedStack()  the one seeded stack of the run (tests/global-setup.ts), for files that read
//                  the demo population and write only records of their own;
//   startStack()   a stack of the file's own, for files that stop a subgraph, spy on a logger
//                  or count rows of an empty register (unseeded: it starts in seconds).

import type { ExplorerOptions } from '@lip/gateway/explorer';
import { type RunningGateway, startGateway } from '@lip/gateway/gateway';
import { firstDemoRun } from '@lip/monitoring/demo/seed';
import type { PrismaClient as MonitoringClient } from '@lip/monitoring/generated/prisma/client';
import type { Identity } from '@lip/shared/auth';
import type { SeedOptions } from '@lip/shared/subgraph';
import { type RunningSubgraph, SUBGRAPH_AT, startSubgraph } from '@lip/shared/subgraph';
import { type GraphQLResponse, openTestDatabase, postGraphQL } from '@lip/shared/testing';
import { SUBGRAPH_MODULES } from '../scripts/subgraphs.ts';

export type { GraphQLResponse } from '@lip/shared/testing';

/** The shared stack's demo population (seed 2024): operations/*.graphql use values from it. */
export const SHARED_STACK_PERSONS = 3000;

export interface QueryOptions {
  /** Send straight to this subgraph URL, signed as the gateway would. */
  url?: string;
  /** Send to another gateway at this URL, with a bearer token as to ours. */
  gatewayUrl?: string;
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

export async function startStack(options: { seed?: boolean | SeedOptions; explorer?: ExplorerOptions } = {}): Promise<Stack> {
  const subgraphs: Record<string, RunningSubgraph<unknown>> = {};
  for (const module of SUBGRAPH_MODULES) {
    subgraphs[module.name] = (await startSubgraph(module as never, {
      db: await openTestDatabase(module.name),
      seed: options.seed,
    })) as RunningSubgraph<unknown>;
  }
  const gateway = await startGateway({
    subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url])),
    explorer: options.explorer,
  });
  // Civil affairs, monitoring and payments read the graph through this gateway.
  process.env.GATEWAY_URL = gateway.url;
  // With demo data, monitoring's first run raises the demo's alerts.
  if (options.seed) await firstDemoRun(subgraphs.monitoring!.client as MonitoringClient);
  return {
    gateway,
    subgraphs,
    query: (query, variables, options = {}) =>
      postGraphQL(options.url ?? options.gatewayUrl ?? gateway.url, query, variables, {
        as: options.as,
        direct: options.url !== undefined,
        headers: options.headers,
      }),
    close: async () => {
      await gateway.close();
      for (const subgraph of Object.values(subgraphs)) await subgraph.close();
    },
  };
}

/** The shared stack as a test file in a worker sees it: URLs, queries, and SQL reads over HTTP. */
export interface SharedStack {
  gateway: { url: string };
  subgraphs: Record<string, { url: string; db: { sql: { query<R = any>(text: string, params?: unknown[]): Promise<R[]> } } }>;
  query: Stack['query'];
}

async function control<T>(url: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, url), { method: 'POST', body: JSON.stringify(body ?? {}) });
  const answer = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`shared stack: ${answer.error}`);
  return answer;
}

/**
 * The run's seeded stack. Writes made through it are seen by every file that runs later: write
 * only records of your own (fresh ID numbers) and never assert totals of the whole register.
 */
export async function sharedStack(): Promise<SharedStack> {
  // Imported here: the global setup imports this file in vitest's main process, where inject() is not.
  const { inject } = await import('vitest');
  const provided = inject('sharedStack');
  const { gatewayUrl, subgraphUrls } = provided.gatewayUrl
    ? provided
    : await control<{ gatewayUrl: string; subgraphUrls: Record<string, string> }>(provided.controlUrl, '/stack');
  // Signed requests straight to a subgraph need its name (its key); these run in the setup's process.
  for (const [name, url] of Object.entries(subgraphUrls)) SUBGRAPH_AT.set(url, name);
  const subgraphs = Object.fromEntries(
    Object.entries(subgraphUrls).map(([name, url]) => [
      name,
      { url, db: { sql: { query: <R>(text: string, params?: unknown[]) => control<R[]>(provided.controlUrl, '/sql', { subgraph: name, text, params }) } } },
    ]),
  );
  return {
    gateway: { url: gatewayUrl },
    subgraphs,
    query: (query, variables, options = {}) =>
      postGraphQL(options.url ?? options.gatewayUrl ?? gatewayUrl, query, variables, {
        as: options.as,
        direct: options.url !== undefined,
        headers: options.headers,
      }),
  };
}
