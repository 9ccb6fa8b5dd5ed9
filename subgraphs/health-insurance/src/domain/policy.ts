// The health-insurance policy parameters (rows of PolicyParameter, filled by the init migration) and
// how each rule reads them. Values are data per county and year; no amount lives in code.

import type { LowIncomeCategory } from '@lip/shared/enums';
import { type PolicyParameterRow, policyValue } from '@lip/shared/policy';
import { type Cents, toBasisPoints, toCents } from './money.ts';

export const POLICY = {
  /** 城乡居民医保个人缴费标准 (yuan per person and year). */
  PREMIUM: 'PREMIUM',
  /** Plausibility bound on one settlement's total cost (yuan). */
  CLAIM_TOTAL_COST_MAX: 'CLAIM_TOTAL_COST_MAX',
} as const;

/** 定额资助 for a low-income identity other than EXTREME_POVERTY (which is subsidised in full). */
export const fixedSubsidyParameter = (identity: LowIncomeCategory) => `PREMIUM_SUBSIDY_FIXED_${identity}`;
export const ratioParameter = (identity: LowIncomeCategory) => `ASSISTANCE_RATIO_${identity}`;
export const deductibleParameter = (identity: LowIncomeCategory) => `ASSISTANCE_DEDUCTIBLE_${identity}`;
export const annualCapParameter = (identity: LowIncomeCategory) => `ASSISTANCE_ANNUAL_CAP_${identity}`;

/** The medical-assistance terms of one identity in a county and year. */
export interface AssistanceTier {
  identity: LowIncomeCategory;
  /** Share of the eligible cost above the deductible, in basis points (7000 = 70%). */
  ratioBp: number;
  /** Yearly deductible (起付标准), consumed by the year's eligible claims in order. */
  deductibleCents: Cents;
  /** Yearly cap on the assistance paid (年度救助限额). */
  annualCapCents: Cents;
}

const amount = (rows: readonly PolicyParameterRow[], name: string, countyCode: string, year: number): Cents =>
  toCents(policyValue(rows, name, countyCode, year).toFixed(4));

export function assistanceTier(rows: readonly PolicyParameterRow[], identity: LowIncomeCategory, countyCode: string, year: number): AssistanceTier {
  return {
    identity,
    ratioBp: toBasisPoints(policyValue(rows, ratioParameter(identity), countyCode, year)),
    deductibleCents: amount(rows, deductibleParameter(identity), countyCode, year),
    annualCapCents: amount(rows, annualCapParameter(identity), countyCode, year),
  };
}

export const premiumCents = (rows: readonly PolicyParameterRow[], countyCode: string, year: number) => amount(rows, POLICY.PREMIUM, countyCode, year);

export const fixedSubsidyCents = (rows: readonly PolicyParameterRow[], identity: LowIncomeCategory, countyCode: string, year: number) =>
  amount(rows, fixedSubsidyParameter(identity), countyCode, year);

export const claimTotalCostMaxCents = (rows: readonly PolicyParameterRow[], countyCode: string, year: number) =>
  amount(rows, POLICY.CLAIM_TOTAL_COST_MAX, countyCode, year);
