// Bootstrap shared by every subgraph: open and migrate its database, build the schema,
// serve it. A subgraph's server.ts only says which subgraph it is.
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { type AuditEntry, auditPlugin } from './audit.ts';
import { type Identity, tokenConfig } from './auth.ts';
import { type Database, openDatabase, type SqlRunner } from './database.ts';
import { formatError } from './errors.ts';
import { type RunningHttp, serveApollo } from './http.ts';
import { applyMaskingPolicy, cursorArgumentsPlugin, responseMaskingPlugin } from './masking-schema.ts';
import { migrate } from './migrate.ts';
import { createObservability, type Observability } from './observability.ts';
import { personReferenceSecret } from './person-reference.ts';
import { applyRegionScope } from './region-scope.ts';
import { admissionPlugin, databaseReplayGuard } from './replay.ts';
import { subgraphPort } from './topology.ts';
import { type Admission, admitUpstream, subgraphSigningKey } from './upstream-signature.ts';

export interface SubgraphContext {
  identity: Identity;
  requestId: string;
  /**
   * The database's driver, for read-only batch loaders where Prisma's per-row cost shows (100-id
   * lists, Decimal parsing); writes and everything else go through Prisma.
   */
  sql: SqlRunner;
  /** One transaction on one connection, for the bulk writes Prisma cannot make (COPY): see Database.transaction. */
  transaction: Database['transaction'];
  /** The replay guard's verdict on this request (upstream-signature.ts admitUpstream): a query's is taken after it ran. */
  admission?: Admission<AuditEntry>;
}

export interface SubgraphModule<Client, Context extends SubgraphContext> {
  /** Folder name under subgraphs/, e.g. `civil-affairs`. */
  name: string;
  /** The subgraph package's root folder (holds prisma/migrations). */
  root: string;
  createClient(db: Database): Client;
  createSchema(client: Client): GraphQLSchema;
  createContext(client: Client, base: SubgraphContext): Context;
  /** Loads demo data into an empty database (only when asked). */
  seed?(client: Client, db: Database, options?: SeedOptions): Promise<unknown>;
}

/** Demo data: size and seed default to LIP_DEMO_PERSONS / LIP_DEMO_SEED (20000, 2024). */
export interface SeedOptions {
  persons?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface RunningSubgraph<Client> extends RunningHttp {
  name: string;
  db: Database;
  client: Client;
  observability: Observability;
  /** Stops the HTTP server only; the database stays open (tests use this to simulate an outage). */
  stopHttp(): Promise<void>;
  /** What the demo seed reported (`{ seeded, persons… }`) when asked to seed. */
  seedResult?: unknown;
}

export interface StartOptions {
  port?: number;
  host?: string;
  db?: Database;
  /** Load demo data into an empty database; options pass size, seed and a progress callback. */
  seed?: boolean | SeedOptions;
}

/** Which subgraph listens at a URL in this process (tests sign requests for the subgraph they call). */
export const SUBGRAPH_AT = new Map<string, string>();

export async function startSubgraph<Client extends { $disconnect(): Promise<void> }, Context extends SubgraphContext>(
  module: SubgraphModule<Client, Context>,
  options: StartOptions = {},
): Promise<RunningSubgraph<Client>> {
  const db = options.db ?? (await openDatabase(module.name));
  await migrate(db, path.join(module.root, 'prisma', 'migrations'));
  const client = module.createClient(db);
  const observability = createObservability(module.name);
  const key = subgraphSigningKey(module.name);
  const tokens = await tokenConfig();
  personReferenceSecret(); // production refuses to start without PERSON_REFERENCE_KEY, not at the first masked answer
  const replay = databaseReplayGuard(db);
  const admissions = new WeakMap<IncomingMessage, Admission<AuditEntry>>();
  observability.observeQueries(client);
  const sql = observability.observeSql(db.sql);
  let seedResult: { seeded?: boolean } | undefined;
  if (options.seed && module.seed) {
    seedResult = (await module.seed(client, db, options.seed === true ? undefined : options.seed)) as { seeded?: boolean } | undefined;
    // A bulk load leaves the planner without statistics (index lookups become scans).
    if (seedResult?.seeded) await db.sql.exec('ANALYZE');
  }
  const apollo = new ApolloServer<Context>({
    // Masking and the region of department Person fields are enforced here, where the data lives,
    // for every subgraph (not only behind our gateway).
    schema: applyMaskingPolicy(applyRegionScope(module.createSchema(client))),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Traces are for Apollo's hosted studio, which an intranet never reaches. No schema sets cache
    // hints and nothing caches answers (personal data), so no cache-control plugin wrapping every resolver.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      cursorArgumentsPlugin(),
      observability.plugin(),
      admissionPlugin(),
      auditPlugin(db, module.name),
      responseMaskingPlugin(),
    ],
  });
  await apollo.start();
  const http = await serveApollo(apollo, {
    port: options.port ?? 0,
    host: options.host,
    // Only POSTs a gateway signed for this subgraph, with a token this subgraph verifies itself, and
    // only once: a query's signature is written after it ran, with its audit entry (auditPlugin), or
    // here alone when it has none; a mutation's before it runs (admissionPlugin). No answer leaves before.
    authenticate: async (request, body, parsed) => {
      const { identity, admission } = await admitUpstream(request, body, { key, tokens, replay, parsed });
      admissions.set(request, admission);
      return identity;
    },
    admit: async (request) => {
      const refusal = await admissions.get(request)?.verdict();
      if (refusal) throw refusal;
    },
    graphqlMethods: ['POST'],
    context: (identity, requestId, request) =>
      module.createContext(client, { identity, requestId, sql, transaction: db.transaction, admission: admissions.get(request) }),
    ready: async () => (await db.sql.query('SELECT 1 AS ok')).length === 1,
    routes: { '/metrics': observability.metricsRoute },
  });
  SUBGRAPH_AT.set(http.url, module.name);
  return {
    ...http,
    name: module.name,
    db,
    client,
    observability,
    seedResult,
    stopHttp: () => http.close(),
    close: async () => {
      SUBGRAPH_AT.delete(http.url);
      await http.close();
      await apollo.stop();
      await client.$disconnect();
      await db.close();
    },
  };
}

/** `server.ts` of a subgraph: serve it until SIGINT/SIGTERM (LIP_DEMO_DATA=1 seeds an empty database). */
export async function runSubgraphMain<Client extends { $disconnect(): Promise<void> }, Context extends SubgraphContext>(
  module: SubgraphModule<Client, Context>,
) {
  const running = await startSubgraph(module, {
    port: subgraphPort(module.name),
    host: process.env.HOST ?? '127.0.0.1',
    seed: ['1', 'true'].includes(process.env.LIP_DEMO_DATA ?? ''),
  });
  running.observability.logger.info({ url: running.url, database: `${running.db.kind} ${running.db.location}` }, 'subgraph started');
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return running;
}
