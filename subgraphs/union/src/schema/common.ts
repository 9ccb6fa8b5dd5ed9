import { DomainError, ErrorCode } from '@lip/shared/errors';
import { validateRegionPrefix } from '@lip/shared/regions';

/** A county filter: 4112 (the whole city) or a 6-digit county code. */
export function countyFilter(code: string, field = 'countyCode') {
  const checked = validateRegionPrefix(code);
  if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field, reason: checked.reason });
  if (code.length > 6)
    throw new DomainError(ErrorCode.INVALID_REGION_CODE, `${field} must be 4112 or a 6-digit county code, got ${code}`, { field, reason: 'LEVEL' });
  return code.length === 4 ? { startsWith: code } : code;
}
