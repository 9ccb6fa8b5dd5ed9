// The union's policy parameters (rows of PolicyParameter, see the init migration) and how
// each rule reads them. Values are data per county and year; no amount lives in code.
import { type PolicyParameterRow, policyValue } from '@lip/shared/policy';
import type { UnionAssistanceKind } from '../generated/prisma/enums.ts';

export const POLICY = {
  FILING_MIN_AGE: 'FILING_MIN_AGE',
  FILING_MAX_AGE: 'FILING_MAX_AGE',
  FILE_REVIEW_INTERVAL_MONTHS: 'FILE_REVIEW_INTERVAL_MONTHS',
} as const;

/** The parameter capping a single assistance of each kind. */
export const ASSISTANCE_MAX: Record<UnionAssistanceKind, string> = {
  LIVING: 'ASSISTANCE_MAX_LIVING',
  MEDICAL: 'ASSISTANCE_MAX_MEDICAL',
  EDUCATION: 'ASSISTANCE_MAX_EDUCATION',
  SEASONAL_VISIT: 'ASSISTANCE_MAX_SEASONAL_VISIT',
};

export interface FilingPolicy {
  minAge: number;
  maxAge: number;
}

/** The filing conditions in force in a county in a year (throws INVALID_INPUT / NO_POLICY when the year has none). */
export const filingPolicy = (rows: readonly PolicyParameterRow[], countyCode: string, year: number): FilingPolicy => ({
  minAge: policyValue(rows, POLICY.FILING_MIN_AGE, countyCode, year),
  maxAge: policyValue(rows, POLICY.FILING_MAX_AGE, countyCode, year),
});

export const assistanceMax = (rows: readonly PolicyParameterRow[], kind: UnionAssistanceKind, countyCode: string, year: number) =>
  policyValue(rows, ASSISTANCE_MAX[kind], countyCode, year);

/**
 * The review interval for a review basis (filing or last review) in `year`. A file may be older
 * than the policy table: then the nearest year that has the parameter is used (the earliest later
 * year, or else the latest earlier one), so every file has a due date.
 */
export function reviewIntervalMonths(rows: readonly PolicyParameterRow[], countyCode: string, year: number): number | null {
  const years = [...new Set(rows.filter((row) => row.name === POLICY.FILE_REVIEW_INTERVAL_MONTHS).map((row) => row.year))].sort((a, b) => a - b);
  if (years.length === 0) return null;
  const chosen = years.includes(year) ? year : (years.find((y) => y > year) ?? years[years.length - 1]!);
  return policyValue(rows, POLICY.FILE_REVIEW_INTERVAL_MONTHS, countyCode, chosen);
}
