// `npm run bench -- --sql-from-memory` (sql-from-memory.ts in every subgraph): a statement reaches
// PostgreSQL the first time it runs with its parameters, and is answered with the same result from
// memory after that. A scenario then measures the graph without its database (HTTP, tokens, signatures,
// GraphQL, audit, shaping) on the same answers: the part of a p50 that no SQL change can remove.
import type pg from 'pg';

type Query = typeof pg.Client.prototype.query;
type Callback = (error: Error | null, result?: pg.QueryResult) => void;

/** Statements that change a session or a transaction's state: always sent. */
const SESSION = /^\s*(BEGIN|COMMIT|ROLLBACK|START|SET|RESET|DEALLOCATE|SAVEPOINT|RELEASE)\b/i;
/**
 * A write carries fresh values each time (request ids, signatures, timestamps), so it is remembered by its
 * text alone: the first one is written, the others get its result and write nothing.
 */
const WRITE = /^\s*(WITH\b[\s\S]*?\b)?(INSERT|UPDATE|DELETE)\b/i;

/** The rows' shape (objects or arrays) is part of the answer, so part of what is remembered by. */
const keyOf = (text: string, values: unknown, rowMode = '') =>
  WRITE.test(text)
    ? `${rowMode}\u0000${text}`
    : `${rowMode}\u0000${text}\u0000${JSON.stringify(values ?? [], (_key, value) => (typeof value === 'bigint' ? String(value) : value))}`;

/**
 * Makes `Client`'s queries answer from memory, as described above. node-postgres's pool passes a callback,
 * Prisma's adapter a config object and awaits the promise: both are kept. A streamed query (COPY, a cursor)
 * goes to the server as it is.
 */
export function answerFromMemory(Client: typeof pg.Client) {
  const remembered = new Map<string, pg.QueryResult>();
  const send = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | (pg.QueryConfig & { submit?: unknown; rowMode?: string });
    if (typeof config === 'object' && typeof config.submit === 'function') return send.apply(this, args);
    const callback = typeof args.at(-1) === 'function' ? (args.pop() as Callback) : undefined;
    const text = typeof config === 'string' ? config : config.text;
    const options = typeof config === 'object' ? config : undefined;
    const key = SESSION.test(text) ? undefined : keyOf(text, args[1] ?? options?.values, options?.rowMode);
    const known = key === undefined ? undefined : remembered.get(key);
    if (known) {
      if (!callback) return Promise.resolve(known);
      queueMicrotask(() => callback(null, known));
      return undefined;
    }
    const keep = (result: pg.QueryResult) => {
      if (key !== undefined) remembered.set(key, result);
      return result;
    };
    if (callback) return send.apply(this, [...args, (error: Error | null, result?: pg.QueryResult) => callback(error, error ? result : keep(result!))]);
    return (send.apply(this, args) as Promise<pg.QueryResult>).then(keep);
  } as Query;
}
