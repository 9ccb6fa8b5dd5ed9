// The steps of a recognition case (受理 → 调查 → 核对 → 审核 → 公示 → 确认 → 告知), the
// deadline of each in working days, and the review outcome (复核: continue, change or exit).
import { addDays, addMonths, chinaCalendar, type WorkingCalendar } from '@lip/shared/calendar';
import { DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import type { CaseKind, CaseStep, LowIncomeCategory, ReviewOutcome } from '../generated/prisma/enums.ts';
import type { ProposedGrant, RecognitionPolicy } from './assessment.ts';

/** Steps at which a case is still open: it can be withdrawn, and it counts against the household's one open case. */
export const OPEN_STEPS: readonly CaseStep[] = ['SUBMITTED', 'ACCEPTED', 'INVESTIGATED', 'VERIFIED', 'TOWNSHIP_REVIEWED', 'PUBLIC_NOTICE'];

const APPLICATION: Partial<Record<CaseStep, readonly CaseStep[]>> = {
  SUBMITTED: ['ACCEPTED', 'NOT_ACCEPTED', 'WITHDRAWN'],
  ACCEPTED: ['INVESTIGATED', 'WITHDRAWN'],
  INVESTIGATED: ['VERIFIED', 'WITHDRAWN'],
  VERIFIED: ['TOWNSHIP_REVIEWED', 'REJECTED', 'WITHDRAWN'],
  TOWNSHIP_REVIEWED: ['PUBLIC_NOTICE', 'REJECTED', 'WITHDRAWN'],
  // An upheld objection sends the case back to be investigated again.
  PUBLIC_NOTICE: ['CONFIRMED', 'REJECTED', 'ACCEPTED', 'WITHDRAWN'],
  CONFIRMED: ['NOTIFIED'],
  REJECTED: ['NOTIFIED'],
};

// A review is the short form: no acceptance, no township review, no notice.
const REVIEW: Partial<Record<CaseStep, readonly CaseStep[]>> = {
  ACCEPTED: ['VERIFIED', 'WITHDRAWN'],
  VERIFIED: ['CONFIRMED', 'WITHDRAWN'],
  CONFIRMED: ['NOTIFIED'],
};

export function checkTransition(kind: CaseKind, from: CaseStep, to: CaseStep) {
  const allowed = (kind === 'APPLICATION' ? APPLICATION : REVIEW)[from] ?? [];
  if (!allowed.includes(to)) {
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `A${kind === 'APPLICATION' ? 'n application' : ' review'} at ${from} cannot move to ${to}`, {
      from,
      to,
      kind,
    });
  }
}

/** The date a step is done on: given or today, never in the future, never before the case's previous step. */
export function checkStepDate(on: Date, today: Date, previous: Date) {
  if (on > today) throw invalidInput('A step cannot be dated in the future', { field: 'on' });
  if (on < previous) throw invalidInput('A step cannot be dated before the case’s previous step', { field: 'on' });
  return on;
}

export interface CaseDates {
  submittedOn: Date;
  decisionDueOn?: Date | null;
  decidedOn?: Date | null;
}

/** The decision deadline: 30 working days from acceptance, 45 for cases that need extra checks (policy). */
export function decisionDueOn(acceptedOn: Date, extendedChecks: boolean, policy: RecognitionPolicy, calendar: WorkingCalendar = chinaCalendar): Date {
  return calendar.addWorkingDays(acceptedOn, extendedChecks ? policy.decisionWorkingDaysExtended : policy.decisionWorkingDays);
}

/** The last day the current step may be finished on; null for a closed case. */
export function stepDueOn(step: CaseStep, dates: CaseDates, policy: RecognitionPolicy, calendar: WorkingCalendar = chinaCalendar): Date | null {
  switch (step) {
    case 'SUBMITTED':
      return calendar.addWorkingDays(dates.submittedOn, policy.acceptWorkingDays);
    case 'ACCEPTED':
    case 'INVESTIGATED':
    case 'VERIFIED':
    case 'TOWNSHIP_REVIEWED':
    case 'PUBLIC_NOTICE':
      return dates.decisionDueOn ?? null;
    case 'CONFIRMED':
    case 'REJECTED':
      return dates.decidedOn ? calendar.addWorkingDays(dates.decidedOn, policy.notifyWorkingDays) : null;
    default:
      return null;
  }
}

/** Overdue: the due date has passed (finishing on the due date itself is in time). */
export const isOverdue = (dueOn: Date | null | undefined, today: Date) => dueOn != null && dueOn < today;

/** The public notice runs `noticeDays` days from its start (the end day is the last day of notice). */
export const noticeEndOn = (startOn: Date, policy: RecognitionPolicy) => addDays(startOn, policy.noticeDays);

/** Whether a case at PUBLIC_NOTICE may be decided: the notice is over and every objection is answered. */
export function checkNoticeClosed(noticeEnd: Date | null, on: Date, openObjections: number) {
  if (!noticeEnd || on < noticeEnd) {
    throw new DomainError(ErrorCode.CONFLICT, `The public notice runs until ${noticeEnd?.toISOString().slice(0, 10)}; decide after it ends`, {
      reason: 'NOTICE_RUNNING',
    });
  }
  if (openObjections > 0) {
    throw new DomainError(ErrorCode.CONFLICT, `${openObjections} objection(s) raised during the notice are not answered yet`, {
      reason: 'OBJECTION_UNANSWERED',
    });
  }
}

export interface HeldCategory {
  holdingId: string;
  idNumber: string;
  category: LowIncomeCategory;
  monthlyAmount: string | null;
}

export interface ReviewPlan {
  outcome: ReviewOutcome;
  /** Holdings that go on, with the amount the review decided (maybe unchanged). */
  keep: { holdingId: string; monthlyAmount: string | null; changed: boolean }[];
  /** Holdings that end (or run out through the grace period). */
  end: string[];
  /** Holdings the household now qualifies for and does not hold. */
  grant: ProposedGrant[];
}

/** What a review changes, from the household's holdings and the new assessment's grants. */
export function planReview(held: readonly HeldCategory[], proposed: readonly ProposedGrant[]): ReviewPlan {
  const key = (idNumber: string, category: string) => `${idNumber}:${category}`;
  const proposedByKey = new Map(proposed.map((grant) => [key(grant.idNumber, grant.category), grant]));
  const heldKeys = new Set(held.map((holding) => key(holding.idNumber, holding.category)));
  const keep: ReviewPlan['keep'] = [];
  const end: string[] = [];
  for (const holding of held) {
    const next = proposedByKey.get(key(holding.idNumber, holding.category));
    if (!next) end.push(holding.holdingId);
    else keep.push({ holdingId: holding.holdingId, monthlyAmount: next.monthlyAmount, changed: next.monthlyAmount !== holding.monthlyAmount });
  }
  const grant = proposed.filter((item) => !heldKeys.has(key(item.idNumber, item.category)));
  const outcome: ReviewOutcome =
    keep.length === 0 && grant.length === 0 ? 'EXIT' : end.length === 0 && grant.length === 0 && keep.every((item) => !item.changed) ? 'CONTINUE' : 'CHANGE';
  return { outcome, keep, end, grant };
}

/** The last day paid during the grace period (渐退期) of an exit for new work income. */
export const graceUntil = (decidedOn: Date, policy: RecognitionPolicy) => addDays(addMonths(decidedOn, policy.exitGraceMonths), -1);
