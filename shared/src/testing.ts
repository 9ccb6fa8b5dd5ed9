// Databases for tests: a fresh in-memory PGlite by default, or, when TEST_DATABASE_URL
// names a PostgreSQL server, a fresh database on it that is dropped on close.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mintToken, type Identity } from './auth.ts';
import { SUBGRAPH_AT } from './subgraph.ts';
import { signUpstream, subgraphSigningKey, type GraphQLBody } from './upstream-signature.ts';
import { openPglite, openPostgres, type Database } from './database.ts';
import { DomainError } from './errors.ts';

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
): Promise<{ status: number; data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] }> {
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
