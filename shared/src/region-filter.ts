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
