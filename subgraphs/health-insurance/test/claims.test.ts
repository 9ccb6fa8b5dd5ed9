import { today } from '@lip/shared/calendar';
import type { LowIncomeCategory } from '@lip/shared/enums';
import { describe, expect, it } from 'vitest';
import {
  type AssistanceInput,
  checkClaimAmounts,
  checkReversible,
  checkVisitDate,
  claimComputation,
  computeAssistance,
  yearUsage,
} from '../src/domain/claims.ts';
import { applyRatio, formatCents, toBasisPoints, toCents } from '../src/domain/money.ts';
import { assistanceTier, claimTotalCostMaxCents } from '../src/domain/policy.ts';
import { codeOf, policyRows } from './helpers.ts';

const rows = policyRows(2024);
const tier = (identity: LowIncomeCategory) => assistanceTier(rows, identity, '411224', 2024);
const amounts = (total: number, basic: number, critical = 0) => ({ totalCents: total * 100, basicCents: basic * 100, criticalCents: critical * 100 });
const none = { deductibleAppliedCents: 0, assistanceCents: 0 };
const compute = (input: Partial<AssistanceInput> & { identity: LowIncomeCategory | null }) =>
  computeAssistance({
    visitKind: 'INPATIENT',
    amounts: amounts(10_000, 6_000),
    tier: input.identity ? tier(input.identity) : null,
    usage: none,
    ...input,
  });

describe('money', () => {
  it('converts decimals to fen exactly and back', () => {
    expect(toCents('380')).toBe(38_000);
    expect(toCents('380.0000')).toBe(38_000);
    expect(toCents('0.1')).toBe(10);
    expect(toCents('1234567.89')).toBe(123_456_789);
    expect(toCents('2.345')).toBe(235);
    expect(toCents('-5')).toBe(-500);
    expect(formatCents(123_456_789)).toBe('1234567.89');
    expect(formatCents(5)).toBe('0.05');
    expect(toBasisPoints('0.7000')).toBe(7_000);
    expect(applyRatio(333, 5_000)).toBe(167); // half up
  });
});

describe('medical assistance computation', () => {
  it('assists by the ratio of the identity’s tier', () => {
    const byTier = (identity: LowIncomeCategory) => compute({ identity }).assistanceCents / 100;
    // eligible 4000: extreme poverty 100%, dibao 70%, relapse/near 60% of (4000 − 1000), hardship 50% of 3000.
    expect(byTier('EXTREME_POVERTY')).toBe(4_000);
    expect(byTier('SUBSISTENCE_ALLOWANCE')).toBe(2_800);
    expect(byTier('RELAPSE_MONITORING')).toBe(1_800);
    expect(byTier('NEAR_SUBSISTENCE')).toBe(1_800);
    expect(byTier('ESSENTIAL_EXPENDITURE_HARDSHIP')).toBe(1_500);
    expect(byTier('OTHER_HARDSHIP')).toBe(1_500);
  });

  it('keeps the computation with the result', () => {
    const result = compute({ identity: 'SUBSISTENCE_ALLOWANCE', amounts: amounts(20_000, 6_000, 2_000) });
    expect(result).toMatchObject({
      outcome: 'ASSISTED',
      identity: 'SUBSISTENCE_ALLOWANCE',
      eligibleCents: 1_200_000,
      deductibleRemainingCents: 0,
      deductibleAppliedCents: 0,
      ratioBp: 7_000,
      annualCapCents: 6_000_000,
      capRemainingCents: 6_000_000,
      assistanceCents: 840_000,
      outOfPocketCents: 360_000,
    });
    expect(result.explanation).toContain('eligible 12000.00 = 总费用 20000.00 − 基本医保 6000.00 − 大病保险 2000.00');
    expect(result.explanation).toContain('(12000.00 − 0.00) × 70% = 8400.00');
    expect(result.explanation).toContain('个人自付 out-of-pocket 3600.00');
    expect(claimComputation(result)).toMatchObject({
      medicalAssistancePaid: '8400.00',
      outOfPocket: '3600.00',
      assistanceRatio: '0.7000',
      annualCap: '60000.00',
    });
  });

  it('spreads the yearly deductible over claims until it is used up', () => {
    const first = compute({ identity: 'NEAR_SUBSISTENCE', visitKind: 'CHRONIC_OUTPATIENT', amounts: amounts(1_000, 400) });
    expect(first).toMatchObject({
      outcome: 'DEDUCTIBLE_NOT_MET',
      eligibleCents: 60_000,
      deductibleRemainingCents: 100_000,
      deductibleAppliedCents: 60_000,
      assistanceCents: 0,
      outOfPocketCents: 60_000,
    });
    const usage = yearUsage([{ status: 'SETTLED', deductibleAppliedCents: first.deductibleAppliedCents, assistanceCents: first.assistanceCents }]);
    const second = compute({ identity: 'NEAR_SUBSISTENCE', amounts: amounts(3_000, 1_400), usage });
    // eligible 1600: the remaining 400 of the deductible, then 60% of 1200.
    expect(second).toMatchObject({
      outcome: 'ASSISTED',
      deductibleRemainingCents: 40_000,
      deductibleAppliedCents: 40_000,
      assistanceCents: 72_000,
      outOfPocketCents: 88_000,
    });
    const third = compute({
      identity: 'NEAR_SUBSISTENCE',
      amounts: amounts(3_000, 1_400),
      usage: { deductibleAppliedCents: 100_000, assistanceCents: 72_000 },
    });
    expect(third).toMatchObject({ deductibleRemainingCents: 0, deductibleAppliedCents: 0, assistanceCents: 96_000 });
  });

  it('stops at the annual cap', () => {
    const capped = compute({
      identity: 'OTHER_HARDSHIP',
      amounts: amounts(100_000, 40_000),
      usage: { deductibleAppliedCents: 100_000, assistanceCents: 2_500_000 },
    });
    // 50% of 60000 = 30000, but only 5000 of the 30000 cap is left.
    expect(capped).toMatchObject({ outcome: 'CAPPED', capRemainingCents: 500_000, assistanceCents: 500_000, outOfPocketCents: 5_500_000 });
    expect(capped.explanation).toContain('capped at 5000.00');
    const exhausted = compute({ identity: 'OTHER_HARDSHIP', usage: { deductibleAppliedCents: 100_000, assistanceCents: 3_000_000 } });
    expect(exhausted).toMatchObject({ outcome: 'CAP_EXHAUSTED', capRemainingCents: 0, assistanceCents: 0, outOfPocketCents: 400_000 });
    const exactly = compute({ identity: 'EXTREME_POVERTY', amounts: amounts(10_000, 0), usage: { deductibleAppliedCents: 0, assistanceCents: 9_000_000 } });
    expect(exactly).toMatchObject({ outcome: 'ASSISTED', assistanceCents: 1_000_000, outOfPocketCents: 0 });
  });

  it('does not assist ordinary outpatient visits', () => {
    const result = compute({ identity: 'EXTREME_POVERTY', visitKind: 'OUTPATIENT', amounts: amounts(300, 100) });
    expect(result).toMatchObject({
      outcome: 'VISIT_NOT_ELIGIBLE',
      assistanceCents: 0,
      outOfPocketCents: 20_000,
      deductibleAppliedCents: 0,
      ratioBp: 0,
      annualCapCents: null,
    });
    expect(result.explanation).toContain('普通门诊');
  });

  it('does not assist an enrolment without a low-income identity', () => {
    const result = compute({ identity: null });
    expect(result).toMatchObject({ outcome: 'NOT_LOW_INCOME', assistanceCents: 0, outOfPocketCents: 400_000, capRemainingCents: null });
  });

  it('has nothing to assist when insurance paid everything', () => {
    expect(compute({ identity: 'SUBSISTENCE_ALLOWANCE', amounts: amounts(5_000, 4_000, 1_000) })).toMatchObject({
      outcome: 'NOTHING_ELIGIBLE',
      assistanceCents: 0,
      outOfPocketCents: 0,
    });
  });

  it('ignores reversed claims when adding up the year', () => {
    expect(
      yearUsage([
        { status: 'SETTLED', deductibleAppliedCents: 100, assistanceCents: 1_000 },
        { status: 'REVERSED', deductibleAppliedCents: 900, assistanceCents: 9_000 },
        { status: 'SETTLED', deductibleAppliedCents: 0, assistanceCents: 500 },
      ]),
    ).toEqual({ deductibleAppliedCents: 100, assistanceCents: 1_500 });
  });
});

describe('claim validation', () => {
  const max = claimTotalCostMaxCents(rows, '411202', 2024);
  it('accepts sane amounts', () => {
    expect(max).toBe(500_000_000);
    expect(codeOf(() => checkClaimAmounts(amounts(100, 60, 40), max))).toEqual({ code: 'NONE' });
  });

  it('refuses each kind of bad amount', () => {
    expect(codeOf(() => checkClaimAmounts({ ...amounts(100, 50), totalCents: -1 }, max))).toMatchObject({ code: 'INVALID_INPUT', field: 'totalCost' });
    expect(codeOf(() => checkClaimAmounts({ ...amounts(100, 50), basicCents: -1 }, max))).toMatchObject({ code: 'INVALID_INPUT', field: 'basicInsurancePaid' });
    expect(codeOf(() => checkClaimAmounts({ ...amounts(100, 50), criticalCents: -1 }, max))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'criticalIllnessPaid',
    });
    expect(codeOf(() => checkClaimAmounts(amounts(0, 0), max))).toMatchObject({ code: 'INVALID_INPUT', field: 'totalCost' });
    expect(codeOf(() => checkClaimAmounts(amounts(100, 80, 30), max))).toMatchObject({ code: 'INVALID_INPUT', reason: 'PAID_ABOVE_TOTAL' });
    expect(codeOf(() => checkClaimAmounts(amounts(5_000_001, 0), max))).toMatchObject({ code: 'INVALID_INPUT', reason: 'IMPLAUSIBLE_AMOUNT' });
  });

  it('refuses a visit in the future and gives the year of a past one', () => {
    const now = new Date('2026-03-01T20:00:00Z'); // already 2 March in China
    expect(today(now).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(checkVisitDate(new Date('2026-03-02T00:00:00Z'), today(now))).toBe(2026);
    expect(codeOf(() => checkVisitDate(new Date('2026-03-03T00:00:00Z'), today(now)))).toMatchObject({ code: 'INVALID_INPUT', field: 'visitDate' });
    expect(checkVisitDate(new Date('2025-06-01T00:00:00Z'), today(now), '2025-06-01')).toBe(2025);
    expect(codeOf(() => checkVisitDate(new Date('2025-05-31T00:00:00Z'), today(now), '2025-06-01'))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'visitDate',
    });
  });

  it('reverses a claim only once', () => {
    expect(codeOf(() => checkReversible('SETTLED'))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkReversible('REVERSED'))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'REVERSED' });
  });

  it('refuses to compute without a policy for the year', () => {
    expect(codeOf(() => assistanceTier(rows, 'OTHER_HARDSHIP', '411202', 2019))).toMatchObject({ code: 'INVALID_INPUT', reason: 'NO_POLICY' });
  });

  it('prefers a county’s own parameter over the city-wide one', () => {
    const withCounty = [...rows, { regionCode: '411224', year: 2024, name: 'ASSISTANCE_RATIO_OTHER_HARDSHIP', value: '0.6500' }];
    expect(assistanceTier(withCounty, 'OTHER_HARDSHIP', '411224', 2024).ratioBp).toBe(6_500);
    expect(assistanceTier(withCounty, 'OTHER_HARDSHIP', '411202', 2024).ratioBp).toBe(5_000);
  });
});
