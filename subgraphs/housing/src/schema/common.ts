// Helpers the housing schema files share: person references, list filters, and the write
// guards (per-person locks, unique-violation mapping).
import { DomainError, ErrorCode, conflict, invalidInput } from '@lip/shared/errors';
import type { RegisterFacts } from '@lip/shared/entitlements';
import { validateRegionPrefix } from '@lip/shared/regions';
import { Prisma } from '../generated/prisma/client.ts';

export type PersonReference = { idNumber: string } & RegisterFacts;

/** What a record's `person` field returns: the gateway joins civil-affairs data from the key. */
export const personOf = (idNumber: string): PersonReference => ({ idNumber });

/** `regionCode startsWith` for a list filter: 4112 (the city), a county, township or village code. */
export function regionPrefixWhere(prefix: string | null | undefined): { startsWith: string } | undefined {
  if (prefix == null) return undefined;
  const checked = validateRegionPrefix(prefix);
  if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field: 'regionPrefix', reason: checked.reason });
  return { startsWith: prefix };
}

/** A calendar year for filters and policy look-ups. */
export function checkYear(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalidInput(`${field} must be from 2000 to 2100, got ${year}`, { field });
  return year;
}

/** The whole calendar year as dates. */
export const yearRange = (year: number) => ({ first: new Date(Date.UTC(year, 0, 1)), last: new Date(Date.UTC(year, 11, 31)) });

// Advisory-lock namespace of this subgraph ("HO"), so per-person locks never meet other lock users.
const LOCK_NAMESPACE = 0x484f;

/**
 * Serialises writes about the same persons: checks like "one open case" or "no overlapping
 * assistance" read, then write, so two concurrent requests must not both pass. Locks are taken
 * in ID order (no deadlocks) and held to the end of the transaction.
 */
export async function lockPersons(tx: Prisma.TransactionClient, idNumbers: readonly string[]) {
  for (const idNumber of [...new Set(idNumbers)].sort()) {
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${idNumber}))`;
  }
}

/** Runs a write; a unique-index violation (a race the checks could not see) becomes CONFLICT. */
export async function uniqueAsConflict<T>(write: () => Promise<T>, message: string, reason: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw conflict(message, { reason });
    throw error;
  }
}
