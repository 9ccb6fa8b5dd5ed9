// On time (三.1: paid monthly, in place by the 10th): a payroll is approved by the approval day of
// its month, each line PAID by the due day. China's civil date decides, at any hour.
import { daysBetween, today } from '@lip/shared/calendar';
import type { PayrollPolicy } from './policy.ts';

const dayOf = (month: Date, day: number) => new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), day));

export const approvalDueOn = (month: Date, policy: Pick<PayrollPolicy, 'approvalDay'>) => dayOf(month, policy.approvalDay);
export const paymentDueOn = (month: Date, policy: Pick<PayrollPolicy, 'paymentDueDay'>) => dayOf(month, policy.paymentDueDay);

export interface Lateness {
  dueOn: Date;
  /** When it happened (China's date), or null while still outstanding. */
  settledOn: Date | null;
  daysLate: number;
}

/**
 * Whether something due on `dueOn` is late as of `asOf`: done after the due day, or still not done
 * after it. Null when on time (or not yet due).
 */
export function lateness(dueOn: Date, doneOn: Date | null, asOf: Date): Lateness | null {
  if (doneOn) return doneOn > dueOn ? { dueOn, settledOn: doneOn, daysLate: daysBetween(dueOn, doneOn) } : null;
  return asOf > dueOn ? { dueOn, settledOn: null, daysLate: daysBetween(dueOn, asOf) } : null;
}

/** A payroll's approval lateness (approvedAt is an instant; its civil date in China counts). */
export const approvalLateness = (payroll: { month: Date; approvedAt: Date | null }, policy: Pick<PayrollPolicy, 'approvalDay'>, asOf: Date) =>
  lateness(approvalDueOn(payroll.month, policy), payroll.approvedAt ? today(payroll.approvedAt) : null, asOf);

export const paymentLateness = (line: { month: Date; paidOn: Date | null }, policy: Pick<PayrollPolicy, 'paymentDueDay'>, asOf: Date) =>
  lateness(paymentDueOn(line.month, policy), line.paidOn, asOf);
