// List helpers every subgraph's queries share: year filters and the counted connection.
import { civilDate } from './calendar.ts';
import { invalidInput } from './errors.ts';

/** A calendar year for filters and policy look-ups (1900 to 9999); INVALID_INPUT naming `field` otherwise. */
export function checkYear(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw invalidInput(`${field} must be a calendar year from 1900 to 9999, got ${year}`, { field });
  return year;
}

/** The first and last day of a checked calendar year, as a Prisma date filter. */
export const yearRange = (year: number, field = 'year') => ({ gte: civilDate(checkYear(year, field), 1, 1), lte: civilDate(year, 12, 31) });

/** The connection object plugin-prisma resolves `totalCount` from (it adds the field without a description). */
export type CountedConnection = { totalCount?: () => number | Promise<number> };

/**
 * Options for a `totalCount` with a description, replacing the plugin's field of the same name; the
 * extension lets plugin-prisma answer a count-only selection without loading the page.
 */
export const totalCountOptions = (description: string) => ({
  nullable: false as const,
  description,
  extensions: { pothosPrismaTotalCount: true },
  resolve: (parent: object) => (parent as CountedConnection).totalCount?.() ?? 0,
});
