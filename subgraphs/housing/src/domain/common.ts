// Validation shared by every housing record: dates, free text, region codes and the household
// members a record covers. Pure functions; resolvers call them before any write.
import { formatDate } from '@lip/shared/calendar';
import { DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import { type RegionLevel, validateRegionCode } from '@lip/shared/regions';
import { checkText as checkSharedText } from '@lip/shared/text';

// The one calendar (today in China, not at UTC midnight), re-exported for the housing rules.
export { addDays, addMonths, today } from '@lip/shared/calendar';

/** Records before this date are not accepted: the programs and their files start later. */
export const EARLIEST_DATE = new Date('2000-01-01T00:00:00.000Z');

/** A date from EARLIEST_DATE to `latest` (default: no later bound). */
export function checkDate(field: string, value: Date, latest?: Date) {
  if (value < EARLIEST_DATE) throw invalidInput(`${field} must not be before 2000-01-01`, { field });
  if (latest && value > latest) {
    throw invalidInput(`${field} must not be after ${formatDate(latest)}`, { field });
  }
}

/** Checks that a period does not end before it starts. */
export function checkPeriod(startDate: Date, endDate: Date | null | undefined, field = 'endDate') {
  if (endDate && endDate < startDate) throw invalidInput(`${field} must not be before the start date`, { field });
}

/** Trimmed text of `min` to `max` characters (the shared rule: code points, no control characters). */
export const checkText = (field: string, value: string, { min = 2, max = 200 }: { min?: number; max?: number } = {}): string =>
  checkSharedText(value, field, min, max);

/** A Sanmenxia region code of at least `minLevel` (COUNTY: county, township or village; VILLAGE: a village only). */
export function checkRegion(regionCode: string, minLevel: RegionLevel, field = 'regionCode') {
  const result = validateRegionCode(regionCode, { minLevel });
  if (!result.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, result.message, { field, reason: result.reason });
  return result.region;
}

export const MAX_MEMBERS = 20;

/**
 * The other household members a record covers (ID numbers already checked by the IdNumber scalar):
 * none twice, not the applicant, at most MAX_MEMBERS.
 */
export function checkMembers(applicant: string, members: readonly string[] | null | undefined): string[] {
  const list = [...(members ?? [])];
  if (list.length > MAX_MEMBERS) throw invalidInput(`At most ${MAX_MEMBERS} household members may be listed`, { field: 'memberIdNumbers' });
  const seen = new Set<string>();
  for (const member of list) {
    if (member === applicant) throw invalidInput('The applicant must not be listed again as a member', { field: 'memberIdNumbers' });
    if (seen.has(member)) throw invalidInput(`${member.slice(0, 6)}… is listed twice`, { field: 'memberIdNumbers' });
    seen.add(member);
  }
  return list;
}

/** Everyone a record concerns: the applicant first, then the members. */
export const personsOf = (record: { personIdNumber: string; memberIdNumbers: readonly string[] }) => [record.personIdNumber, ...record.memberIdNumbers];
