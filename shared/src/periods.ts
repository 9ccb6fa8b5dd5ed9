// Input rules for the periods and places money is paid for: a calendar month and a county.
import { DomainError, ErrorCode, invalidInput } from './errors.ts';
import { validateRegionCode } from './regions.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` → the month's first day (UTC midnight); INVALID_INPUT naming `field` otherwise. */
export function checkMonth(value: string, field = 'month'): Date {
  const match = MONTH.exec(value.trim());
  if (!match || Number(match[1]) < 2000 || Number(match[1]) > 2999)
    throw invalidInput(`${field} must be a month as YYYY-MM, got ${JSON.stringify(value)}`, { field });
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
}

/** The month of a first-of-month date, as `YYYY-MM`. */
export const formatMonth = (month: Date) => month.toISOString().slice(0, 7);

/** A 6-digit county (or county-level city/district) code of Sanmenxia; INVALID_REGION_CODE otherwise. */
export function checkCountyCode(code: string, field = 'countyCode'): string {
  const checked = validateRegionCode(code, { minLevel: 'COUNTY' });
  if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field, reason: checked.reason });
  if (checked.region.level !== 'COUNTY')
    throw new DomainError(ErrorCode.INVALID_REGION_CODE, `${field} must be a county code, got ${code}`, { field, reason: 'LEVEL' });
  return code;
}
