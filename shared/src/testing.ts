// Databases for tests: a fresh in-memory PGlite by default, or, when TEST_DATABASE_URL
// names a PostgreSQL server, a fresh database on it that is dropped on close.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mintToken, signRequest, signingSecret, type Identity } from './auth.ts';
import { openPglite, openPostgres, type Database } from './database.ts';
import { DomainError } from './errors.ts';
import { startSubgraph, type SubgraphContext, type SubgraphModule } from './subgraph.ts';

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
} as const satisfies Record<string, Identity>;

/** Headers for a request straight to a subgraph, signed as the gateway would sign it. */
export const signedHeaders = (identity: Identity, body: string) => signRequest(identity, body, signingSecret());

/** POSTs a GraphQL request: with a bearer token to the gateway, or signed straight to a subgraph. */
export async function postAs<T = any>(
  identity: Identity | null,
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  options: { direct?: boolean; headers?: Record<string, string> } = {},
): Promise<{ status: number; data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] }> {
  const body = JSON.stringify({ query, variables });
  const auth = !identity ? {} : options.direct ? signedHeaders(identity, body) : { authorization: `Bearer ${await mintToken(identity)}` };
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
