// 城乡居民医保参保: the rules of a yearly enrolment and its premium subsidy (参保资助).
//   FULL  (全额资助) = the whole premium, only for an EXTREME_POVERTY identity;
//   FIXED (定额资助) = the policy amount of the identity (capped at the premium), for any other low-income identity;
//   NONE  = no subsidy (no identity, or the person paid before being recognised).

import type { LowIncomeCategory } from '@lip/shared/enums';
import { DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import { validateRegionCode } from '@lip/shared/regions';
import type { Cents } from './money.ts';

export type PremiumSubsidyKind = 'FULL' | 'FIXED' | 'NONE';

/** The kind an identity calls for. */
export function expectedSubsidyKind(identity: LowIncomeCategory | null | undefined): PremiumSubsidyKind {
  if (!identity) return 'NONE';
  return identity === 'EXTREME_POVERTY' ? 'FULL' : 'FIXED';
}

export interface SubsidyRequest {
  identity: LowIncomeCategory | null;
  /** The kind asked for; absent = the kind the identity calls for. */
  requestedKind?: PremiumSubsidyKind | null;
  premiumCents: Cents;
  /** The fixed amount of the identity (only called for FIXED). */
  fixedCents: (identity: LowIncomeCategory) => Cents;
}

/** Decides the subsidy, refusing a kind that contradicts the identity (INVALID_INPUT, reason SUBSIDY_KIND_MISMATCH). */
export function decideSubsidy({ identity, requestedKind, premiumCents, fixedCents }: SubsidyRequest): { kind: PremiumSubsidyKind; amountCents: Cents } {
  const kind = requestedKind ?? expectedSubsidyKind(identity);
  const mismatch = (message: string) => invalidInput(message, { field: 'subsidyKind', reason: 'SUBSIDY_KIND_MISMATCH' });
  switch (kind) {
    case 'FULL':
      if (identity !== 'EXTREME_POVERTY') throw mismatch(`FULL subsidy (全额资助) is only for an EXTREME_POVERTY identity, got ${identity ?? 'none'}`);
      return { kind, amountCents: premiumCents };
    case 'FIXED':
      if (!identity) throw mismatch('FIXED subsidy (定额资助) needs a low-income assistance identity');
      if (identity === 'EXTREME_POVERTY') throw mismatch('an EXTREME_POVERTY identity is subsidised in FULL (全额资助), not FIXED');
      return { kind, amountCents: Math.min(fixedCents(identity), premiumCents) };
    case 'NONE':
      return { kind, amountCents: 0 };
  }
}

/**
 * The enrolment year: from 10 years back (late registration of old bills) to next year (集中参保期 runs in autumn),
 * and not before the year of birth (YYYY-MM-DD, from the ID number) when given.
 */
export function checkEnrolmentYear(year: number, thisYear: number, birthDate?: string): number {
  if (!Number.isInteger(year) || year < thisYear - 10 || year > thisYear + 1) {
    throw invalidInput(`year must be from ${thisYear - 10} to ${thisYear + 1}, got ${year}`, { field: 'year' });
  }
  if (birthDate && year < Number(birthDate.slice(0, 4))) throw invalidInput(`year ${year} is before the birth date ${birthDate}`, { field: 'year' });
  return year;
}

/** 参保地: a county-level code of Sanmenxia (6 digits). */
export function checkCountyCode(code: string): string {
  const checked = validateRegionCode(code, { minLevel: 'COUNTY' });
  const fail = (message: string, reason: string) => new DomainError(ErrorCode.INVALID_REGION_CODE, message, { field: 'countyCode', reason });
  if (!checked.ok) throw fail(checked.message, checked.reason);
  if (checked.region.level !== 'COUNTY') throw fail(`countyCode ${code} is a ${checked.region.level.toLowerCase()}; a county (6 digits) is required`, 'LEVEL');
  return code;
}
