// Logs and metrics for the gateway and every subgraph: one JSON log line per request
// (who, which operation, outcome, time; never variables or personal data) and Prometheus
// metrics at /metrics.

import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { type Logger, pino } from 'pino';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { SqlRunner } from './database.ts';
import { sqlState } from './database-errors.ts';
import { ErrorCode, errorCodeOf } from './errors.ts';

const OPERATIONS_DIR = fileURLToPath(new URL('../../operations/', import.meta.url));

export interface Observability {
  logger: Logger;
  registry: Registry;
  dbQueries: Counter<'service'>;
  dbQueryDuration: Histogram<'service'>;
  subgraphFetchErrors: Counter<'subgraph'>;
  /** Apollo Server plugin that logs and measures each operation. */
  plugin<Context extends BaseContext & { requestId: string; identity: { subject: string } }>(): ApolloServerPlugin<Context>;
  /** GET /metrics */
  metricsRoute(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Counts and times every SQL statement of a Prisma client created with `log: QUERY_EVENTS`. */
  observeQueries(client: unknown): void;
  /** The runner with every statement counted and timed as Prisma's are (batch loaders that read through the driver). */
  observeSql(sql: SqlRunner): SqlRunner;
}

/** Pass as Prisma's `log` option so statements are reported as events (counted, never logged). */
export const QUERY_EVENTS = [{ emit: 'event', level: 'query' }] as const;

/**
 * Operation names that get their own metrics label: the ready-made operations (operations/*.graphql)
 * and the explorer's introspection. Names are chosen by clients, so any other name shares one label.
 */
export const KNOWN_OPERATIONS: ReadonlySet<string> = new Set([
  ...readdirSync(OPERATIONS_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) =>
      [...readFileSync(path.join(OPERATIONS_DIR, file), 'utf8').matchAll(/^\s*(?:query|mutation|subscription)\s+(\w+)/gm)].map((match) => match[1]!),
    ),
  'IntrospectionQuery',
]);

/**
 * The client's operation name for logs and the audit log: the gateway names each subgraph fetch
 * `<name>__<subgraph>__<n>`. Names are chosen by clients, so its length and alphabet are bounded.
 */
export function operationLabel(name: string | null | undefined): string {
  const client = name?.replace(/__[a-z0-9_]+__\d+$/, '');
  return client && /^\w{1,64}$/.test(client) ? client : 'anonymous';
}

const destinations = new Map<string, pino.DestinationStream>();
/** LOG_FILE: append JSON lines to that file (one stream per file for every service in the process); unset: stdout. */
function logDestination(file: string | undefined): pino.DestinationStream | undefined {
  if (!file) return undefined;
  let destination = destinations.get(file);
  if (!destination) {
    destination = pino.destination({ dest: file, mkdir: true, sync: true });
    destinations.set(file, destination);
  }
  return destination;
}

/** The metrics label of an operation: a known name keeps it, no name is `anonymous`, any other name is `other`. */
export function metricsLabel(name: string | null | undefined): string {
  const label = operationLabel(name);
  return label === 'anonymous' || KNOWN_OPERATIONS.has(label) ? label : 'other';
}

/** What the log may say about an unexpected error: its class, codes and stack frames, never its message (it may quote input). */
export function describeUnexpected(error: unknown) {
  const original = unwrapResolverError(error);
  if (!(original instanceof Error)) return { errorClass: typeof original };
  const { code, meta } = original as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } } };
  return {
    errorClass: original.constructor?.name ?? original.name,
    prismaCode: typeof code === 'string' ? code : undefined,
    sqlState: meta?.driverAdapterError?.cause?.originalCode ?? sqlState(original),
    stack: original.stack
      ?.split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .slice(0, 15)
      .join('\n'),
  };
}

export function createObservability(service: string): Observability {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'lip_' });
  const requests = new Counter({
    name: 'lip_graphql_requests_total',
    help: 'GraphQL operations by operation name and outcome (ok, error).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'lip_graphql_request_duration_seconds',
    help: 'GraphQL operation latency.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const dbQueries = new Counter({
    name: 'lip_db_queries_total',
    help: 'SQL statements sent to the database.',
    labelNames: ['service'] as const,
    registers: [registry],
  });
  const dbQueryDuration = new Histogram({
    name: 'lip_db_query_duration_seconds',
    help: 'SQL statement duration as reported by Prisma.',
    labelNames: ['service'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
    registers: [registry],
  });
  const subgraphFetchErrors = new Counter({
    name: 'lip_subgraph_fetch_errors_total',
    help: 'Gateway requests to a subgraph that failed (unreachable or HTTP error).',
    labelNames: ['subgraph'] as const,
    registers: [registry],
  });
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service } }, logDestination(process.env.LOG_FILE));

  return {
    logger,
    registry,
    dbQueries,
    dbQueryDuration,
    subgraphFetchErrors,
    plugin: () => ({
      async requestDidStart({ contextValue }) {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse({ operationName, errors, response }) {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
            const allErrors: readonly unknown[] = errors ?? body?.errors ?? [];
            const outcome = allErrors.length ? 'error' : 'ok';
            const operation = operationLabel(operationName);
            const label = metricsLabel(operationName);
            requests.inc({ operation: label, outcome });
            duration.observe({ operation: label }, seconds);
            const errorCodes = allErrors.map((error) => errorCodeOf(error));
            logger.info({
              requestId: contextValue.requestId,
              subject: contextValue.identity?.subject,
              operation,
              outcome,
              errorCodes,
              durationMs: Math.round(seconds * 1000),
            });
            allErrors.forEach((error, index) => {
              if (errorCodes[index] !== ErrorCode.INTERNAL_SERVER_ERROR) return;
              const { path: at } = error as { path?: readonly (string | number)[] };
              logger.error({ requestId: contextValue.requestId, operation, path: at?.join('.'), ...describeUnexpected(error) }, 'unexpected error');
            });
          },
        };
      },
    }),
    metricsRoute: async (request, response) => {
      // Metrics are not personal data, but nothing but health is open in production:
      // scrapers present METRICS_TOKEN; without one configured, production serves none.
      const token = process.env.METRICS_TOKEN;
      const allowed = token ? request.headers.authorization === `Bearer ${token}` : process.env.NODE_ENV !== 'production';
      if (!allowed) {
        response.writeHead(401, { 'content-type': 'text/plain' });
        return void response.end('metrics need Authorization: Bearer <METRICS_TOKEN>\n');
      }
      response.writeHead(200, { 'content-type': registry.contentType });
      response.end(await registry.metrics());
    },
    observeQueries: (client) => {
      const emitter = client as { $on?(event: 'query', listener: (event: { duration: number }) => void): void };
      emitter.$on?.('query', (event) => {
        dbQueries.inc({ service });
        dbQueryDuration.observe({ service }, event.duration / 1000);
      });
    },
    observeSql: (sql) => ({
      ...sql,
      query: async (text, params, options) => {
        const started = performance.now();
        try {
          return await sql.query(text, params, options);
        } finally {
          dbQueries.inc({ service });
          dbQueryDuration.observe({ service }, (performance.now() - started) / 1000);
        }
      },
    }),
  };
}
