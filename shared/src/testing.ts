// Databases for tests: a fresh in-memory PGlite by default, or, when TEST_DATABASE_URL
// names a PostgreSQL server, a fresh database on it that is dropped on close.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Identity, mintToken } from './auth.ts';
import { type Database, openPglite, openPostgres } from './database.ts';
import { DomainError } from './errors.ts';
import { SUBGRAPH_AT, type SubgraphContext, type SubgraphModule, startSubgraph } from './subgraph.ts';
import { type GraphQLBody, signUpstream, subgraphSigningKey } from './upstream-signature.ts';

export async function openTestDatabase(subgraph: string): Promise<Database> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return openPglite();
  const name = `lip_test_${subgraph.replace(/-/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString());
  return {
    ...db,
    close: async () => {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export const databaseUnderTest = () => (process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');

/** Identities tests act as (tokens are minted with the development secret). */
export const TEST_IDENTITIES = {
  admin: { subject: 'test-user', role: 'CITY_ADMIN', region: '4112' },
  /** Civil affairs' monitoring service: the one reader of departments' `…SignalsSince`. */
  monitoring: { subject: 'monitoring-service', role: 'SERVICE', department: 'CIVIL_AFFAIRS', region: '4112' },
} as const satisfies Record<string, Identity>;

/** The subgraph started in this process at `url`. */
export function subgraphAt(url: string): string {
  const name = SUBGRAPH_AT.get(url);
  if (!name) throw new Error(`no subgraph was started at ${url} in this process`);
  return name;
}

/**
 * A request straight to a subgraph as a gateway sends it: the caller's token in the headers and the
 * body signed for that subgraph. Returns the headers and the body to send.
 */
export async function signedRequest(identity: Identity, subgraph: string, request: GraphQLBody): Promise<{ headers: Record<string, string>; body: string }> {
  const token = await mintToken(identity);
  return { headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(signUpstream(request, subgraphSigningKey(subgraph), token)) };
}

/** POSTs a GraphQL request: with a bearer token to the gateway, or signed straight to a subgraph. */
export async function postAs<T = any>(
  identity: Identity | null,
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  options: { direct?: boolean; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  let body = JSON.stringify({ query, variables });
  let auth: Record<string, string> = {};
  if (identity && options.direct) ({ headers: auth, body } = await signedRequest(identity, subgraphAt(url), { query, variables }));
  else if (identity) auth = { authorization: `Bearer ${await mintToken(identity)}` };
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth, ...options.headers }, body });
  return { status: response.status, ...((await response.json()) as object) };
}

/** Runs `fn` and reports the DomainError it throws as { code, ...details }, or { code: 'NONE' }. */
export function codeOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? { code: error.code, ...error.details } : { code: 'UNEXPECTED', message: String(error) };
  }
  return { code: 'NONE' };
}

/** A date at UTC midnight, as the Date scalar parses it. */
export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A GraphQL error as it arrives over HTTP. */
export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: Record<string, any>;
}

/** A GraphQL answer over HTTP, with its status code. */
export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: GraphQLErrorBody[];
}

export interface RequestOptions {
  /** Who asks (default a city administrator); null sends no credentials. */
  as?: Identity | null;
  /** Straight to a subgraph, signed as the gateway would sign it (instead of a bearer token). */
  direct?: boolean;
  headers?: Record<string, string>;
}

/** The one request helper: POSTs a GraphQL operation to the gateway or (direct) a subgraph. */
export const postGraphQL = <T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  options: RequestOptions = {},
): Promise<GraphQLResponse<T>> =>
  postAs<T>(options.as === undefined ? TEST_IDENTITIES.admin : options.as, url, query, variables, { direct: options.direct, headers: options.headers });

/** The `extensions.code` of every error in the answer, in order. */
export const errorCodes = (response: Pick<GraphQLResponse, 'errors'>): string[] => (response.errors ?? []).map((error) => String(error.extensions?.code));

/**
 * Asserts the answer failed with `code` (and, if given, these extension values) and returns that
 * error; the message names what came instead, so a failing test says why.
 */
export function expectError(response: Pick<GraphQLResponse, 'errors'>, code: string, extensions: Record<string, unknown> = {}): GraphQLErrorBody {
  const matches = (error: GraphQLErrorBody) =>
    error.extensions?.code === code && Object.entries(extensions).every(([key, value]) => JSON.stringify(error.extensions?.[key]) === JSON.stringify(value));
  const error = response.errors?.find(matches);
  if (!error) {
    const wanted = Object.keys(extensions).length ? `${code} with ${JSON.stringify(extensions)}` : code;
    throw new Error(`expected an error ${wanted}, got ${response.errors ? JSON.stringify(response.errors.map((e) => e.extensions)) : 'no errors'}`);
  }
  return error;
}

/**
 * Runs a write that must fail: asserts it failed with `code` (and these extension values), answered no
 * data for its field, and left `snapshot` (the rows it could have touched) as it was; returns the error.
 */
export async function expectRejectedWrite(
  write: () => Promise<Pick<GraphQLResponse, 'errors' | 'data'>>,
  snapshot: () => Promise<unknown>,
  code: string,
  extensions: Record<string, unknown> = {},
): Promise<GraphQLErrorBody> {
  const before = JSON.stringify(await snapshot());
  const response = await write();
  const error = expectError(response, code, extensions);
  const data = response.data as Record<string, unknown> | null | undefined;
  const answered = data?.[Object.keys(data ?? {})[0] ?? ''] ?? null;
  if (answered !== null) throw new Error(`expected no data for a rejected write, got ${JSON.stringify(answered)}`);
  if (JSON.stringify(await snapshot()) !== before) throw new Error('a rejected write changed rows');
  return error;
}

/** Asserts the answer has no errors and returns its data. */
export function expectData<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(`expected no errors, got ${JSON.stringify(response.errors)}`);
  if (response.data === undefined || response.data === null) throw new Error(`expected data, got HTTP ${response.status} with none`);
  return response.data;
}

/** SQL statements a running service has sent so far (`lip_db_queries_total` from its /metrics). */
export async function sqlStatements(serviceUrl: string): Promise<number> {
  const response = await fetch(new URL('/metrics', serviceUrl), {
    headers: process.env.METRICS_TOKEN ? { authorization: `Bearer ${process.env.METRICS_TOKEN}` } : {},
  });
  const text = await response.text();
  return [...text.matchAll(/^lip_db_queries_total\{[^}]*\} (\d+(?:\.\d+)?)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** A response's outcome: `ok`, or the code of its first error (with its reason when it has one). */
export function outcomeOf(response: { status: number; errors?: { extensions?: Record<string, any> }[] }): string {
  const error = response.errors?.[0];
  if (!error) return 'ok';
  const { code, reason } = error.extensions ?? {};
  return reason && typeof reason === 'string' ? `${code}:${reason}` : String(code);
}

/**
 * Sends `n` requests at once (a race, as clerks at several desks make it) and counts the outcomes,
 * e.g. `{ ok: 1, 'CONFLICT:ALREADY_HELD': 19 }`. `request` gets the request's index.
 */
export async function race(
  n: number,
  request: (index: number) => Promise<{ status: number; errors?: { extensions?: Record<string, any> }[] }>,
): Promise<{ tally: Record<string, number>; outcomes: string[]; statuses: number[] }> {
  const responses = await Promise.all(Array.from({ length: n }, (_, index) => request(index)));
  const outcomes = responses.map(outcomeOf);
  const tally: Record<string, number> = {};
  for (const outcome of outcomes) tally[outcome] = (tally[outcome] ?? 0) + 1;
  return { tally, outcomes, statuses: responses.map((response) => response.status) };
}

/** Whether every outcome of a race is a success or one of the refusals a sequential request could get. */
export const onlyExpectedOutcomes = (tally: Record<string, number>) =>
  Object.keys(tally).every((outcome) => outcome === 'ok' || outcome.startsWith('CONFLICT') || outcome.startsWith('INVALID_TRANSITION'));

/**
 * A subgraph on its own fresh test database, served over HTTP, with `gql` (signed as the gateway
 * would, as a city administrator) and `sql` for checking invariants afterwards.
 */
export async function startTestSubgraph<Client extends { $disconnect(): Promise<void> }, Context extends SubgraphContext>(
  module: SubgraphModule<Client, Context>,
) {
  const running = await startSubgraph(module, { db: await openTestDatabase(module.name) });
  return {
    running,
    gql: (query: string, variables?: Record<string, unknown>) => postAs(TEST_IDENTITIES.admin, running.url, query, variables, { direct: true }),
    sql: <T = Record<string, unknown>>(text: string, params?: unknown[]) => running.db.sql.query<T>(text, params),
    close: () => running.close(),
  };
}
