// What a holding earns in a month: rules only, in whole fen, no database.
import { daysBetween, daysInMonth, monthEnd } from '@lip/shared/calendar';
import type { CareLevel, HukouType, PayrollPolicy } from './policy.ts';

/** A holding as the register's payroll source gives it (Money as yuan strings). */
export interface SourceHolding {
  holdingId: string;
  personIdNumber: string;
  regionCode: string;
  hukouType: HukouType;
  householdId: string | null;
  deceasedOn: Date | null;
  category: 'SUBSISTENCE_ALLOWANCE' | 'EXTREME_POVERTY';
  subtype: string | null;
  status: 'ACTIVE' | 'SUSPENDED' | 'ENDED';
  validFrom: Date;
  validTo: Date | null;
  monthlyAmount: string | null;
  careLevel: CareLevel | null;
  careInstitution: string | null;
  grantedBy: string | null;
}

export interface ComputedLine {
  holdingId: string;
  personIdNumber: string;
  householdId: string | null;
  regionCode: string;
  category: SourceHolding['category'];
  careLevel: CareLevel | null;
  payeeKind: 'PERSON' | 'INSTITUTION';
  institutionName: string | null;
  basicFen: number;
  careFen: number;
  amountFen: number;
  paidFrom: Date;
  paidTo: Date;
  grantedBy: string | null;
}

const yuanToFen = (yuan: string) => Math.round(Number(yuan) * 100);
const max = (a: Date, b: Date) => (a > b ? a : b);
const min = (a: Date, b: Date) => (a < b ? a : b);

/**
 * The days of `month` the holding pays for: from its start to the earliest of the month's end, the
 * end of an ENDED holding and the person's death (the day of death counts). Null when none: a person
 * who died, or a holding that ended, before the month is never paid for it. An ACTIVE holding's
 * validTo is its planned review date, not an end.
 */
export function heldPeriod(holding: Pick<SourceHolding, 'validFrom' | 'validTo' | 'status' | 'deceasedOn'>, month: Date): { from: Date; to: Date } | null {
  const from = max(holding.validFrom, month);
  let to = monthEnd(month);
  if (holding.status === 'ENDED' && holding.validTo) to = min(to, holding.validTo);
  if (holding.deceasedOn) to = min(to, holding.deceasedOn);
  if (holding.status === 'SUSPENDED') return null;
  return to < from ? null : { from, to };
}

/** Applies the county's first/last-month rule to a full monthly amount; 0 when nothing is due. */
export function prorate(fullFen: number, period: { from: Date; to: Date }, month: Date, rule: PayrollPolicy['prorate']): number {
  const days = daysBetween(period.from, period.to) + 1;
  const total = daysInMonth(month);
  if (rule === 'WHOLE_MONTH' || days === total) return fullFen;
  if (rule === 'BY_DAYS') return Math.round((fullFen * days) / total);
  const fifteenth = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 15));
  return period.from <= fifteenth && fifteenth <= period.to ? fullFen : 0;
}

/** The full-month amounts of a holding: the decided amount, else the standard for the person's hukou. */
export function fullMonthAmounts(holding: SourceHolding, policy: PayrollPolicy): { basicFen: number; careFen: number } {
  if (holding.category === 'SUBSISTENCE_ALLOWANCE') {
    return { basicFen: holding.monthlyAmount ? yuanToFen(holding.monthlyAmount) : policy.subsistenceStandard[holding.hukouType], careFen: 0 };
  }
  return {
    basicFen: holding.monthlyAmount ? yuanToFen(holding.monthlyAmount) : policy.extremePovertyBasic[holding.hukouType],
    careFen: holding.careLevel ? policy.careAllowance[holding.careLevel] : 0,
  };
}

/** The payroll line a holding earns in `month` (its first day), or null when it earns nothing. */
export function payrollLine(holding: SourceHolding, month: Date, policy: PayrollPolicy): ComputedLine | null {
  const period = heldPeriod(holding, month);
  if (!period) return null;
  const full = fullMonthAmounts(holding, policy);
  const basicFen = prorate(full.basicFen, period, month, policy.prorate);
  const careFen = prorate(full.careFen, period, month, policy.prorate);
  if (basicFen + careFen <= 0) return null;
  const institution = holding.category === 'EXTREME_POVERTY' && holding.subtype === 'CENTRALIZED' ? holding.careInstitution : null;
  return {
    holdingId: holding.holdingId,
    personIdNumber: holding.personIdNumber,
    householdId: holding.householdId,
    regionCode: holding.regionCode,
    category: holding.category,
    careLevel: holding.careLevel,
    payeeKind: institution ? 'INSTITUTION' : 'PERSON',
    institutionName: institution,
    basicFen,
    careFen,
    amountFen: basicFen + careFen,
    paidFrom: period.from,
    paidTo: period.to,
    grantedBy: holding.grantedBy,
  };
}

/** Whole fen as a yuan string with 2 decimals. */
export const fenToYuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
