// The region argument of a list: checked as a code prefix and narrowed to the caller's region.
import type { Identity } from './auth.ts';
import { DomainError, ErrorCode } from './errors.ts';
import { validateRegionPrefix } from './regions.ts';
import { scopedPrefix } from './scopes.ts';

/**
 * The prefix a list filters on: `requested` (checked: INVALID_REGION_CODE) narrowed to the
 * caller's region, the caller's region when none is asked for, or null when the two do not
 * overlap (the list is then empty, not an error).
 */
export function listPrefix(identity: Identity, requested: string | null | undefined, field = 'regionCode'): string | null {
  if (requested != null) {
    const checked = validateRegionPrefix(requested);
    if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field, reason: checked.reason });
  }
  return scopedPrefix(identity, requested);
}

/**
 * A region prefix as a range of codes (`gte` prefix, `lt` the next prefix of the same length), which a
 * plain btree on `(regionCode, …)` can both filter and order by: a `LIKE 'prefix%'` needs
 * text_pattern_ops under a non-C collation, and such an index cannot give the ordinary order, so a
 * page sorted by region walked another index instead. Exact for digit-only codes.
 */
export function regionRange(prefix: string): { gte: string; lt?: string } {
  if (!/^\d+$/.test(prefix)) throw new Error(`A region prefix has digits only, got ${JSON.stringify(prefix)}`);
  const next = (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0');
  // An all-9 prefix has no next prefix of its length: every code from it on starts with it.
  return next.length > prefix.length ? { gte: prefix } : { gte: prefix, lt: next };
}
