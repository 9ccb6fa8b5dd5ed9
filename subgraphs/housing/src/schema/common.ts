// Helpers the housing schema files share: list filters and the write guard (per-person locks).

import { DomainError, ErrorCode } from '@lip/shared/errors';
import { validateRegionPrefix } from '@lip/shared/regions';
import { lockKeys, type RawQueryRunner } from '@lip/shared/writes';

/** `regionCode startsWith` for a list filter: 4112 (the city), a county, township or village code. */
export function regionPrefixWhere(prefix: string | null | undefined): { startsWith: string } | undefined {
  if (prefix == null) return undefined;
  const checked = validateRegionPrefix(prefix);
  if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field: 'regionPrefix', reason: checked.reason });
  return { startsWith: prefix };
}

/**
 * Serialises writes about the same persons: checks like "one open case" or "no overlapping
 * assistance" read, then write, so two concurrent requests must not both pass.
 */
export const lockPersons = (tx: RawQueryRunner, idNumbers: readonly string[]) => lockKeys(tx, 'housing:person', idNumbers);
