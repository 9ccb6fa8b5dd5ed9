// Opens a subgraph's own database: a PostgreSQL server when configured, otherwise an
// embedded PostgreSQL (PGlite) kept on disk under data/pglite/<subgraph>.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/** The few SQL operations the migration runner, seeding and tests need beside Prisma. */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs a script of several statements. */
  exec(sql: string): Promise<void>;
}

export interface QueryOptions {
  /**
   * A server prepares the statement once per connection and, after five runs, keeps a generic plan:
   * for the constant statements every request runs (batch loaders by `= ANY($1)`, the audit and replay
   * writes), whose planning cost as much as their execution (0.5–1 ms against a generic plan's 0.02 ms).
   * Not for statements whose best plan depends on the values (a region's range, a page's bounds).
   */
  prepared?: boolean;
}
export const PREPARED: QueryOptions = { prepared: true };

/** One connection's runner, which can also stream rows in with COPY. */
export interface SessionRunner extends SqlRunner {
  /**
   * Runs `COPY <target> FROM STDIN` (text format) fed with `lines` (strings of whole lines, each ending in a
   * newline), as they come: on a server one streamed COPY; on PGlite one COPY per 2 MB, so memory stays bounded.
   */
  copyFrom(target: string, lines: AsyncIterable<string>): Promise<void>;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** One value as a field of COPY's text format: `\N` for null, backslash, tab and line breaks escaped. */
export const copyField = (value: string | null) => (value === null ? '\\N' : value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!));

/** A row as a line of COPY's text format. */
export const copyRow = (values: readonly (string | null)[]) => `${values.map(copyField).join('\t')}\n`;

export interface Database {
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for logs: a folder, `memory`, or the URL without password. */
  location: string;
  adapter: PrismaPg | PrismaPGlite;
  sql: SqlRunner;
  /** Runs `work` on one connection (session-level locks, multi-statement transactions). */
  session<T>(work: (sql: SessionRunner) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction on one connection, committed when it resolves and rolled back when it
   * throws: bulk writes Prisma cannot make (COPY) with the all-or-nothing of a Prisma transaction. On
   * PGlite every other query (Prisma's included) waits until it ends.
   */
  transaction<T>(work: (sql: SessionRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `civil-affairs` → `CIVIL_AFFAIRS`, the prefix of a subgraph's settings. */
export const envPrefix = (subgraph: string) => subgraph.toUpperCase().replace(/-/g, '_');

/**
 * Settings, first match wins:
 * - `<SUBGRAPH>_DATABASE_URL`: that database on a PostgreSQL server;
 * - `DATABASE_URL`: a server; each subgraph uses its own database `lip_<subgraph>` there, created if missing
 *   (`DATABASE_PREFIX` replaces `lip`, so two loaded copies, e.g. two benchmarks, can share one server);
 * - otherwise PGlite in `PGLITE_DIR/<subgraph>` (default `data/pglite`; `PGLITE_DIR=memory` keeps nothing).
 */
export async function openDatabase(subgraph: string, env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const own = env[`${envPrefix(subgraph)}_DATABASE_URL`];
  if (own) return openPostgres(own);
  if (env.DATABASE_URL) {
    const url = new URL(serverDatabaseUrl(subgraph, env.DATABASE_URL, env.DATABASE_PREFIX));
    await createDatabaseIfMissing(new URL(env.DATABASE_URL), url.pathname.slice(1));
    return openPostgres(url.toString());
  }
  const root = env.PGLITE_DIR ?? path.join(REPO_ROOT, 'data', 'pglite');
  return openPglite(root === 'memory' ? undefined : path.join(root, subgraph));
}

/** A subgraph's own database on the server at `serverUrl`: `<prefix>_<subgraph>`, prefix `lip` by default. */
export function serverDatabaseUrl(subgraph: string, serverUrl: string, prefix = 'lip'): string {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(prefix)) throw new Error(`DATABASE_PREFIX must be lower-case letters, digits and _, got ${JSON.stringify(prefix)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${prefix}_${subgraph.replace(/-/g, '_')}`;
  return url.toString();
}

export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    location: dataDir ?? 'memory',
    adapter: new PrismaPGlite(db),
    sql: pgliteRunner(db),
    session: (work) => work(pgliteRunner(db)), // PGlite has a single connection
    // PGlite's own transaction holds its lock, so no other query (Prisma's adapter takes the same lock) runs inside it.
    transaction: (work) => db.transaction((tx) => work(pgliteRunner(tx))),
    close: () => db.close(),
  };
}

/** Characters per COPY on PGlite (a COPY there reads one in-memory blob). */
const COPY_CHUNK = 2_000_000;

function pgliteRunner(db: Pick<Transaction, 'query' | 'exec'>): SessionRunner {
  const copyFrom = async (target: string, lines: AsyncIterable<string>) => {
    let chunk: string[] = [];
    let size = 0;
    const flush = async () => {
      if (chunk.length) await db.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob(chunk) });
      chunk = [];
      size = 0;
    };
    for await (const text of lines) {
      chunk.push(text);
      size += text.length;
      if (size >= COPY_CHUNK) await flush();
    }
    await flush();
  };
  return {
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    exec: async (text: string) => void (await db.exec(text)),
    copyFrom,
  };
}

const defaultTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (text: string) => Date | number;
/** The number written at text[from, to), or -1 unless it is all digits. */
const digits = (text: string, from: number, to: number) => {
  let value = 0;
  for (let index = from; index < to; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
};

/**
 * A timestamptz as the server prints it (`2024-03-01 00:00:00+00`, a fraction and a `+05:30` offset
 * allowed), read by position: the batch loaders read thousands a roster page, and postgres-date's regular
 * expressions were 5 % of a subgraph's CPU. The same Date as node-postgres's own parser (the same arithmetic
 * for a fraction); undefined for anything else (BC, infinity, a year before 1000, an offset with seconds).
 */
export function readTimestamptz(text: string): Date | undefined {
  let zone = 19;
  if (text.charCodeAt(19) === 46) for (zone = 20; digits(text, zone, zone + 1) >= 0; zone += 1);
  const sign = text.charCodeAt(zone) === 43 ? 1 : text.charCodeAt(zone) === 45 ? -1 : 0;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const zoneHours = digits(text, zone + 1, zone + 3);
  const zoneMinutes = text.length === zone + 3 ? 0 : text.length === zone + 6 && text.charCodeAt(zone + 3) === 58 ? digits(text, zone + 4, zone + 6) : -1;
  const separators =
    text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 32 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58;
  if (!separators || sign === 0 || zone === 20 || year < 1000 || Math.min(month, day, hour, minute, second, zoneHours, zoneMinutes) < 0) return undefined;
  const milliseconds = zone > 19 ? 1000 * Number.parseFloat(text.slice(19, zone)) : 0;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, milliseconds) - sign * (zoneHours * 3600 + zoneMinutes * 60) * 1000);
}

const parseTimestamptz = (text: string) => readTimestamptz(text) ?? defaultTimestamptz(text);

/** node-postgres's parsers, but timestamptz's by position when it can (readTimestamptz); Prisma's adapter brings its own per query. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.TIMESTAMPTZ && format !== 'binary' ? parseTimestamptz : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function openPostgres(connectionString: string): Database {
  const pool = new pg.Pool({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), types });
  // An idle connection the server drops (restart, DROP DATABASE … FORCE in tests) must not
  // crash the process: the pool replaces it on the next query.
  pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
  const url = new URL(connectionString);
  url.password = '';
  return {
    kind: 'postgres',
    location: url.toString(),
    adapter: new PrismaPg(pool),
    sql: runner(pool),
    session: async (work) => {
      const client = await pool.connect();
      try {
        return await work(sessionRunner(client));
      } finally {
        client.release();
      }
    },
    transaction: async (work) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(sessionRunner(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((lost: Error) => {
          broken = lost; // the connection is gone: the server rolled back, and the pool must not reuse it
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** A prepared statement's name, the same for the same text on every connection (node-postgres parses it once per connection). */
const preparedNames = new Map<string, string>();
function preparedName(text: string) {
  let name = preparedNames.get(text);
  if (!name) {
    name = `lip_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    preparedNames.set(text, name);
  }
  return name;
}

const runner = (client: pg.Pool | pg.PoolClient): SqlRunner => ({
  query: async <T>(text: string, params?: unknown[], options?: QueryOptions) =>
    (await client.query(options?.prepared ? { name: preparedName(text), text, values: params } : { text, values: params })).rows as T[],
  exec: async (text: string) => void (await client.query(text)),
});

const sessionRunner = (client: pg.PoolClient): SessionRunner => ({
  ...runner(client),
  copyFrom: (target, lines) => pipeline(Readable.from(pieces(lines)), client.query(copyFromStdin(`COPY ${target} FROM STDIN`))),
});

/** Lines joined into pieces of about 64 KB: one CopyData message and socket write each, not one per line. */
async function* pieces(lines: AsyncIterable<string>, size = 65_536): AsyncGenerator<string> {
  let piece = '';
  for await (const line of lines) {
    piece += line;
    if (piece.length >= size) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

async function createDatabaseIfMissing(server: URL, database: string) {
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created meanwhile by another service
      });
    }
  } finally {
    await client.end();
  }
}
