import { DomainError, ErrorCode } from '@lip/shared/errors';
import { validateRegionPrefix } from '@lip/shared/regions';

/** A region filter matched with startsWith: 4112 (the whole city), a county (6) or a township (9 digits). */
export function regionPrefixFilter(prefix: string, field = 'regionPrefix') {
  const checked = validateRegionPrefix(prefix);
  if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field, reason: checked.reason });
  if (prefix.length > 9) {
    throw new DomainError(ErrorCode.INVALID_REGION_CODE, `${field} must be 4112, a county (6) or a township (9 digits); schools are not recorded by village`, {
      field,
      reason: 'LEVEL',
    });
  }
  return { startsWith: prefix };
}
