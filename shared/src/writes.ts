// The write guards every subgraph uses: a transaction-scoped lock per business key, and a
// unique-index violation reported as the CONFLICT the sequential check would have raised.
import { conflict } from './errors.ts';

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
  for (const key of [...new Set(keys)].sort()) {
    await tx.$queryRawUnsafe('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))::text AS locked', `${namespace}:${key}`);
  }
}

const isUniqueViolation = (error: unknown) => {
  const { code, message } = error as { code?: string; message?: string };
  return code === 'P2002' || code === '23505' || /unique constraint/i.test(message ?? '');
};

/** Runs a write; a unique-index violation (a race the checks could not see) becomes CONFLICT with `reason`. */
export async function uniqueAsConflict<T>(write: () => Promise<T>, message: string, reason: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(message, { reason });
    throw error;
  }
}
