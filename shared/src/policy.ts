// Policy parameters (amounts, ratios, caps, thresholds) are data per county and year
// (DESIGN.md §4). A department stores rows of this shape; the city-wide row (411200)
// applies where a county has none.

import { DomainError, ErrorCode } from './errors.ts';
import { CITY_CODE } from './regions.ts';

export interface PolicyParameterRow {
  regionCode: string;
  year: number;
  name: string;
  value: { toString(): string } | number | string;
}

/** The value of `name` for a county (6-digit code) and year, preferring the county's own row. */
export function policyValue(rows: readonly PolicyParameterRow[], name: string, countyCode: string, year: number): number {
  const match = (region: string) => rows.find((row) => row.name === name && row.year === year && row.regionCode === region);
  const row = match(countyCode.slice(0, 6)) ?? match(CITY_CODE);
  if (!row) {
    throw new DomainError(ErrorCode.INVALID_INPUT, `No policy parameter ${name} for ${countyCode.slice(0, 6)} in ${year}`, {
      reason: 'NO_POLICY',
      parameter: name,
      year,
    });
  }
  return Number(row.value.toString());
}
