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

/** A year filter: a plain calendar year from 1900 to 9999. */
export function checkYear(year: number, field = 'year') {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    throw new DomainError(ErrorCode.INVALID_INPUT, `${field} must be a year from 1900 to 9999, got ${year}`, { field });
  }
  return year;
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
