// The payments' policy parameters (rows of PolicyParameter, see the init migration) and how
// each rule reads them. Values are data per county and year; no amount lives in code.
import { type PolicyParameterRow, policyValue } from '@lip/shared/policy';

export type HukouType = 'URBAN' | 'RURAL';
export type CareLevel = 'SELF_CARE' | 'PARTIALLY_DISABLED' | 'FULLY_DISABLED';

/** How a month held only in part is paid (PRORATE_RULE). */
export type ProrateRule = 'WHOLE_MONTH' | 'BY_DAYS' | 'HELD_ON_15TH';
const PRORATE_RULES: Record<number, ProrateRule> = { 0: 'WHOLE_MONTH', 1: 'BY_DAYS', 2: 'HELD_ON_15TH' };

export interface PayrollPolicy {
  /** Whole fen per month. */
  subsistenceStandard: Record<HukouType, number>;
  extremePovertyBasic: Record<HukouType, number>;
  careAllowance: Record<CareLevel, number>;
  prorate: ProrateRule;
  approvalDay: number;
  paymentDueDay: number;
}

const fen = (yuan: number) => Math.round(yuan * 100);

export function payrollPolicy(rows: readonly PolicyParameterRow[], countyCode: string, year: number): PayrollPolicy {
  const value = (name: string) => policyValue(rows, name, countyCode, year);
  const rule = PRORATE_RULES[value('PRORATE_RULE')];
  if (!rule) throw new Error(`PRORATE_RULE for ${countyCode} in ${year} must be 0, 1 or 2`);
  return {
    subsistenceStandard: { URBAN: fen(value('SUBSISTENCE_STANDARD_URBAN')), RURAL: fen(value('SUBSISTENCE_STANDARD_RURAL')) },
    extremePovertyBasic: { URBAN: fen(value('EXTREME_POVERTY_BASIC_URBAN')), RURAL: fen(value('EXTREME_POVERTY_BASIC_RURAL')) },
    careAllowance: {
      SELF_CARE: fen(value('CARE_ALLOWANCE_SELF_CARE')),
      PARTIALLY_DISABLED: fen(value('CARE_ALLOWANCE_PARTIALLY_DISABLED')),
      FULLY_DISABLED: fen(value('CARE_ALLOWANCE_FULLY_DISABLED')),
    },
    prorate: rule,
    approvalDay: value('PAYROLL_APPROVAL_DAY'),
    paymentDueDay: value('PAYMENT_DUE_DAY'),
  };
}

export interface TemporaryAssistancePolicy {
  /** Whole fen: the township decides up to this, the county above it up to countyLimit. */
  townshipLimit: number;
  countyLimit: number;
  smallAmountCap: number;
  documentationWorkingDays: number;
}

export function temporaryAssistancePolicy(rows: readonly PolicyParameterRow[], countyCode: string, year: number): TemporaryAssistancePolicy {
  const value = (name: string) => policyValue(rows, name, countyCode, year);
  const line = value('SUBSISTENCE_STANDARD_URBAN');
  return {
    townshipLimit: fen(line * value('TEMPORARY_TOWNSHIP_LIMIT_MULTIPLE')),
    countyLimit: fen(line * value('TEMPORARY_COUNTY_LIMIT_MULTIPLE')),
    smallAmountCap: fen(value('TEMPORARY_SMALL_AMOUNT_CAP')),
    documentationWorkingDays: value('TEMPORARY_DOCUMENTATION_WORKING_DAYS'),
  };
}

export const complaintAnswerDays = (rows: readonly PolicyParameterRow[], countyCode: string, year: number) =>
  policyValue(rows, 'COMPLAINT_ANSWER_DAYS', countyCode, year);
