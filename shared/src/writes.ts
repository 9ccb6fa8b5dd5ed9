// The write guards every subgraph uses: a transaction-scoped lock per business key or row, a
// retry for the deadlocks and serialization failures PostgreSQL resolves by aborting one
// writer, and the database's own refusals (unique indexes, transition triggers) reported as the
// CONFLICT or INVALID_TRANSITION the sequential check would have raised.

import { databaseRefusal, isRetryable, isUniqueViolation } from './database-errors.ts';
import { conflict } from './errors.ts';
import { QUERY_EVENTS } from './observability.ts';

export { databaseRefusal, isRetryable, isUniqueViolation };

/** Anything that can run a raw query inside a transaction (a Prisma transaction client). */
export interface RawQueryRunner {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/**
 * Serialises writes about the same keys (persons, households, cases) until the transaction ends,
 * on any number of replicas: a PostgreSQL advisory lock per `namespace:key`. Keys are locked in
 * sorted order so two writers never deadlock. `namespace` keeps subgraphs' and domains' locks apart.
 */
export async function lockKeys(tx: RawQueryRunner, namespace: string, keys: readonly string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort().map((key) => `${namespace}:${key}`);
  if (sorted.length === 0) return;
  // One statement for any number of keys (an import locks thousands), taken in array order.
  await tx.$queryRawUnsafe(
    'SELECT count(pg_advisory_xact_lock(hashtextextended(key, 0)))::int AS locked FROM unnest($1::text[]) WITH ORDINALITY AS keys(key, position)',
    sorted,
  );
}

/**
 * Locks rows of `table` by id (SELECT … FOR UPDATE, in id order) until the transaction ends, so a
 * state change reads the state the previous writer committed. Returns the ids that exist.
 */
export async function lockRows(tx: RawQueryRunner, table: string, ids: readonly string[]): Promise<string[]> {
  if (!/^\w+$/.test(table)) throw new Error(`not a table name: ${table}`);
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return [];
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "${table}" WHERE "id" = ANY($1::text[]) ORDER BY "id" FOR UPDATE`, sorted);
  return rows.map((row) => row.id);
}

/** Every subgraph's Prisma client options: its database's adapter, counted statements, patient transactions. */
export const prismaOptions = (db: { adapter: unknown }) => ({ adapter: db.adapter, log: [...QUERY_EVENTS], transactionOptions: TRANSACTION_OPTIONS });

/**
 * Options for every subgraph's interactive transactions. Under a burst, a transaction may wait
 * for a pooled connection and then for another writer's lock; Prisma's defaults (2 s, 5 s) turn
 * that wait into an internal error on a busy machine.
 */
export const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 120_000 } as const;

/**
 * Runs a write transaction; a deadlock or serialization failure runs it again (a few times, with a
 * short random pause), and a trigger's refusal becomes its DomainError.
 */
export async function retrying<T>(write: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt < attempts && isRetryable(error)) {
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw databaseRefusal(error) ?? error;
    }
  }
}

/** Runs a write; a unique-index violation (a race the checks could not see) becomes CONFLICT with `reason`. */
export async function uniqueAsConflict<T>(write: () => Promise<T>, message: string, reason: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(message, { reason });
    throw error;
  }
}
