// 临时救助 rules (三.3): who may decide which amount, small-amount-first, and the documentation deadline.
import { chinaCalendar } from '@lip/shared/calendar';
import { DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import { fenToYuan } from './payroll.ts';
import type { TemporaryAssistancePolicy } from './policy.ts';

export type Level = 'TOWNSHIP' | 'COUNTY';

/** A caller scoped to a township decides as the township; a county or city caller as the county. */
export const decisionLevelOf = (region: string): Level => (region.length >= 9 ? 'TOWNSHIP' : 'COUNTY');

/** Checks an amount a decider at `level` may grant. */
export function checkDecisionAmount(amountFen: number, level: Level, policy: TemporaryAssistancePolicy) {
  if (amountFen <= 0) throw invalidInput('amount must be greater than 0', { field: 'amount', reason: 'NOT_POSITIVE' });
  if (amountFen > policy.countyLimit) {
    throw invalidInput(`amount is above the county limit of ${fenToYuan(policy.countyLimit)} yuan`, {
      field: 'amount',
      reason: 'ABOVE_MAXIMUM',
      maximum: fenToYuan(policy.countyLimit),
    });
  }
  if (level === 'TOWNSHIP' && amountFen > policy.townshipLimit) {
    throw new DomainError(ErrorCode.FORBIDDEN, `Above ${fenToYuan(policy.townshipLimit)} yuan the county decides`, {
      reason: 'ABOVE_TOWNSHIP_LIMIT',
      maximum: fenToYuan(policy.townshipLimit),
    });
  }
}

/** Small-amount-first: at most the cap, paid at once, documented within the working days that follow. */
export function smallAmountFirst(amountFen: number, paidOn: Date, policy: TemporaryAssistancePolicy): { documentationDueOn: Date } {
  if (amountFen <= 0) throw invalidInput('amount must be greater than 0', { field: 'amount', reason: 'NOT_POSITIVE' });
  if (amountFen > policy.smallAmountCap) {
    throw invalidInput(`A small amount paid first is at most ${fenToYuan(policy.smallAmountCap)} yuan`, {
      field: 'amount',
      reason: 'ABOVE_SMALL_AMOUNT_CAP',
      maximum: fenToYuan(policy.smallAmountCap),
    });
  }
  return { documentationDueOn: chinaCalendar.addWorkingDays(paidOn, policy.documentationWorkingDays) };
}

/** Paid first, not yet documented, and the deadline has passed. */
export const isOverdue = (record: { documentationDueOn: Date | null; documentedAt: Date | null }, asOf: Date) =>
  record.documentationDueOn !== null && record.documentedAt === null && asOf > record.documentationDueOn;
