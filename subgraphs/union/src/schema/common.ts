import { DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import { validateRegionPrefix } from '@lip/shared/regions';

/** The first and last day of a calendar year, for `year` filters. */
export function yearRange(year: number, field = 'year') {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw invalidInput(`${field} must be a year from 1900 to 9999, got ${year}`, { field });
  return { gte: new Date(Date.UTC(year, 0, 1)), lte: new Date(Date.UTC(year, 11, 31)) };
}

/** A county filter: 4112 (the whole city) or a 6-digit county code. */
export function countyFilter(code: string, field = 'countyCode') {
  const checked = validateRegionPrefix(code);
  if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field, reason: checked.reason });
  if (code.length > 6)
    throw new DomainError(ErrorCode.INVALID_REGION_CODE, `${field} must be 4112 or a 6-digit county code, got ${code}`, { field, reason: 'LEVEL' });
  return code.length === 4 ? { startsWith: code } : code;
}

/** The connection object plugin-prisma resolves `totalCount` from (it adds the field without a description). */
export type CountedConnection = { totalCount?: () => number | Promise<number> };

/** Options for a `totalCount` with a description, replacing the plugin's field of the same name. */
export const totalCountOptions = (description: string) => ({
  nullable: false as const,
  description,
  extensions: { pothosPrismaTotalCount: true },
  resolve: (parent: object) => (parent as CountedConnection).totalCount?.() ?? 0,
});
