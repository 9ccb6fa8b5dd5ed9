// 医疗费用结算 and the medical assistance (医疗救助) computed on it. Never typed in:
//   eligible   = total − basic insurance − critical-illness insurance      (政策范围内个人负担)
//   only INPATIENT and CHRONIC_OUTPATIENT visits, only for a low-income identity;
//   deductible = what is left of the identity's yearly deductible, taken from the eligible amount;
//   assistance = (eligible − deductible) × the identity's ratio, capped by what is left of the yearly cap;
//   out-of-pocket = total − basic − critical − assistance.

import { formatDate } from '@lip/shared/calendar';
import type { LowIncomeCategory } from '@lip/shared/enums';
import { DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import { applyRatio, type Cents, formatBasisPoints, formatCents, percent } from './money.ts';
import type { AssistanceTier } from './policy.ts';

export type MedicalVisitKind = 'INPATIENT' | 'CHRONIC_OUTPATIENT' | 'OUTPATIENT';
export type MedicalAssistanceOutcome =
  | 'ASSISTED'
  | 'CAPPED'
  | 'CAP_EXHAUSTED'
  | 'DEDUCTIBLE_NOT_MET'
  | 'NOTHING_ELIGIBLE'
  | 'VISIT_NOT_ELIGIBLE'
  | 'NOT_LOW_INCOME';

export const ASSISTED_VISIT_KINDS: readonly MedicalVisitKind[] = ['INPATIENT', 'CHRONIC_OUTPATIENT'];

const VISIT_NAMES: Record<MedicalVisitKind, string> = { INPATIENT: '住院', CHRONIC_OUTPATIENT: '门诊慢特病', OUTPATIENT: '普通门诊' };

export interface ClaimAmounts {
  totalCents: Cents;
  basicCents: Cents;
  criticalCents: Cents;
}

/** Refuses negative amounts, payments above the total and totals above the plausibility bound (INVALID_INPUT with the field). */
export function checkClaimAmounts({ totalCents, basicCents, criticalCents }: ClaimAmounts, maxTotalCents: Cents): void {
  const fields: [string, Cents][] = [
    ['totalCost', totalCents],
    ['basicInsurancePaid', basicCents],
    ['criticalIllnessPaid', criticalCents],
  ];
  for (const [field, cents] of fields) if (cents < 0) throw invalidInput(`${field} must not be negative`, { field });
  if (totalCents === 0) throw invalidInput('totalCost must be greater than zero', { field: 'totalCost' });
  if (totalCents > maxTotalCents) {
    throw invalidInput(`totalCost ${formatCents(totalCents)} is above the plausible maximum of ${formatCents(maxTotalCents)} for one settlement`, {
      field: 'totalCost',
      reason: 'IMPLAUSIBLE_AMOUNT',
    });
  }
  if (basicCents + criticalCents > totalCents) {
    throw invalidInput('basicInsurancePaid + criticalIllnessPaid must not exceed totalCost', { field: 'basicInsurancePaid', reason: 'PAID_ABOVE_TOTAL' });
  }
}

/**
 * A visit date must not be in the future (China time) nor before the person's birth (YYYY-MM-DD, from the ID
 * number); it belongs to the enrolment of its calendar year, whose number is returned.
 */
export function checkVisitDate(visitDate: Date, today: Date, birthDate?: string): number {
  if (visitDate.getTime() > today.getTime()) throw invalidInput('visitDate must not be in the future', { field: 'visitDate' });
  if (birthDate && formatDate(visitDate) < birthDate) {
    throw invalidInput(`visitDate must not be before the birth date ${birthDate}`, { field: 'visitDate' });
  }
  return visitDate.getUTCFullYear();
}

/** What the year's settled claims (before this one) have already used. */
export interface YearUsage {
  deductibleAppliedCents: Cents;
  assistanceCents: Cents;
}

export interface AssistanceInput {
  visitKind: MedicalVisitKind;
  amounts: ClaimAmounts;
  /** The enrolment's identity; null when it records none. */
  identity: LowIncomeCategory | null;
  /** The identity's terms (ignored, and may be null, when there is no identity). */
  tier: AssistanceTier | null;
  usage: YearUsage;
}

export interface AssistanceComputation {
  outcome: MedicalAssistanceOutcome;
  identity: LowIncomeCategory | null;
  eligibleCents: Cents;
  /** The deductible left before this claim (0 when not assisted). */
  deductibleRemainingCents: Cents;
  deductibleAppliedCents: Cents;
  ratioBp: number;
  /** The identity's yearly cap, and what was left of it before this claim (null when not assisted). */
  annualCapCents: Cents | null;
  capRemainingCents: Cents | null;
  assistanceCents: Cents;
  outOfPocketCents: Cents;
  /** The whole computation in words, for the case worker. */
  explanation: string;
}

export function computeAssistance({ visitKind, amounts, identity, tier, usage }: AssistanceInput): AssistanceComputation {
  const { totalCents, basicCents, criticalCents } = amounts;
  const eligibleCents = totalCents - basicCents - criticalCents;
  const y = formatCents;
  const head = `政策范围内个人负担 eligible ${y(eligibleCents)} = 总费用 ${y(totalCents)} − 基本医保 ${y(basicCents)} − 大病保险 ${y(criticalCents)}`;
  const none = (outcome: MedicalAssistanceOutcome, why: string): AssistanceComputation => ({
    outcome,
    identity,
    eligibleCents,
    deductibleRemainingCents: 0,
    deductibleAppliedCents: 0,
    ratioBp: 0,
    annualCapCents: null,
    capRemainingCents: null,
    assistanceCents: 0,
    outOfPocketCents: eligibleCents,
    explanation: `${head}. ${why}: 医疗救助 0.00; 个人自付 out-of-pocket ${y(eligibleCents)}.`,
  });
  if (!ASSISTED_VISIT_KINDS.includes(visitKind)) {
    return none('VISIT_NOT_ELIGIBLE', `${VISIT_NAMES[visitKind]} (${visitKind}) is not covered by medical assistance (only 住院 and 门诊慢特病)`);
  }
  if (!identity || !tier) return none('NOT_LOW_INCOME', 'The enrolment records no low-income assistance identity (医疗救助对象身份)');

  const deductibleRemainingCents = Math.max(0, tier.deductibleCents - usage.deductibleAppliedCents);
  const deductibleAppliedCents = Math.min(eligibleCents, deductibleRemainingCents);
  const baseCents = eligibleCents - deductibleAppliedCents;
  const rawCents = applyRatio(baseCents, tier.ratioBp);
  const capRemainingCents = Math.max(0, tier.annualCapCents - usage.assistanceCents);
  const assistanceCents = Math.min(rawCents, capRemainingCents);
  const outcome: MedicalAssistanceOutcome =
    eligibleCents === 0
      ? 'NOTHING_ELIGIBLE'
      : baseCents === 0
        ? 'DEDUCTIBLE_NOT_MET'
        : capRemainingCents === 0
          ? 'CAP_EXHAUSTED'
          : rawCents > capRemainingCents
            ? 'CAPPED'
            : 'ASSISTED';
  const steps = [
    head,
    `身份 identity ${identity}: 年度起付标准 deductible ${y(tier.deductibleCents)}, 剩余 remaining ${y(deductibleRemainingCents)}, 本次扣除 applied ${y(deductibleAppliedCents)}`,
    `救助比例 ratio ${percent(tier.ratioBp)}: (${y(eligibleCents)} − ${y(deductibleAppliedCents)}) × ${percent(tier.ratioBp)} = ${y(rawCents)}`,
    `年度限额 annual cap ${y(tier.annualCapCents)}, 剩余 remaining ${y(capRemainingCents)}${rawCents > capRemainingCents ? ` → capped at ${y(capRemainingCents)}` : ''}`,
    `医疗救助 assistance ${y(assistanceCents)} (${outcome}); 个人自付 out-of-pocket ${y(eligibleCents - assistanceCents)}.`,
  ];
  return {
    outcome,
    identity,
    eligibleCents,
    deductibleRemainingCents,
    deductibleAppliedCents,
    ratioBp: tier.ratioBp,
    annualCapCents: tier.annualCapCents,
    capRemainingCents,
    assistanceCents,
    outOfPocketCents: eligibleCents - assistanceCents,
    explanation: steps.join('; '),
  };
}

/** Sums the usage of settled claims (reversed ones no longer count). */
export function yearUsage(claims: readonly { status: string; deductibleAppliedCents: Cents; assistanceCents: Cents }[]): YearUsage {
  const settled = claims.filter((claim) => claim.status === 'SETTLED');
  return {
    deductibleAppliedCents: settled.reduce((sum, claim) => sum + claim.deductibleAppliedCents, 0),
    assistanceCents: settled.reduce((sum, claim) => sum + claim.assistanceCents, 0),
  };
}

/** A claim may be reversed once; a reversed claim stays as it was, for the record. */
export function checkReversible(status: string): void {
  if (status !== 'SETTLED') {
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `a ${status} claim cannot be reversed; only a SETTLED one`, { from: status, to: 'REVERSED' });
  }
}

/** The stored columns of a computation. */
export function claimComputation(result: AssistanceComputation) {
  return {
    medicalAssistancePaid: formatCents(result.assistanceCents),
    outOfPocket: formatCents(result.outOfPocketCents),
    assistanceIdentity: result.identity,
    assistanceOutcome: result.outcome,
    eligibleAmount: formatCents(result.eligibleCents),
    deductibleRemaining: formatCents(result.deductibleRemainingCents),
    deductibleApplied: formatCents(result.deductibleAppliedCents),
    assistanceRatio: formatBasisPoints(result.ratioBp),
    annualCap: result.annualCapCents === null ? null : formatCents(result.annualCapCents),
    capRemaining: result.capRemainingCents === null ? null : formatCents(result.capRemainingCents),
    explanation: result.explanation,
  };
}
