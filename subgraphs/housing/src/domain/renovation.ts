// 农村危房改造: the case state machine. A case moves one step at a time, APPLIED →
// VILLAGE_REVIEWED (村级评议) → TOWNSHIP_REVIEWED (乡镇审核) → COUNTY_APPROVED (县级审批) →
// COMPLETED (竣工验收), or is REJECTED from any open step. Closed cases never move.
import { conflict, DomainError, ErrorCode } from '@lip/shared/errors';
import type { DwellingSafetyGrade, RuralRenovationStatus } from '../generated/prisma/enums.ts';
import { isUnsafe } from './assessment.ts';

export const CLOSED: readonly RuralRenovationStatus[] = ['COMPLETED', 'REJECTED'];
export const OPEN: readonly RuralRenovationStatus[] = ['APPLIED', 'VILLAGE_REVIEWED', 'TOWNSHIP_REVIEWED', 'COUNTY_APPROVED'];

/** The one step forward from each open state. */
export const NEXT: Readonly<Record<RuralRenovationStatus, RuralRenovationStatus | null>> = {
  APPLIED: 'VILLAGE_REVIEWED',
  VILLAGE_REVIEWED: 'TOWNSHIP_REVIEWED',
  TOWNSHIP_REVIEWED: 'COUNTY_APPROVED',
  COUNTY_APPROVED: 'COMPLETED',
  COMPLETED: null,
  REJECTED: null,
};

export const isOpen = (status: RuralRenovationStatus) => !CLOSED.includes(status);

const transitionError = (from: RuralRenovationStatus, to: RuralRenovationStatus, message: string) =>
  new DomainError(ErrorCode.INVALID_TRANSITION, message, { from, to });

/** Checks advancing from `from` to `to`: exactly the next step, never from a closed case, never to REJECTED. */
export function checkAdvance(from: RuralRenovationStatus, to: RuralRenovationStatus): RuralRenovationStatus {
  if (!isOpen(from)) throw transitionError(from, to, `A ${from} case is closed and cannot move`);
  if (to === 'REJECTED') throw transitionError(from, to, 'Use rejectRuralRenovationCase to reject a case, with a reason');
  if (NEXT[from] !== to) throw transitionError(from, to, `A ${from} case can only advance to ${NEXT[from]}, not ${to}`);
  return to;
}

/** Checks rejecting a case in state `from`: any open step may be rejected. */
export function checkReject(from: RuralRenovationStatus): RuralRenovationStatus {
  if (!isOpen(from)) throw transitionError(from, 'REJECTED', `A ${from} case is closed and cannot be rejected`);
  return 'REJECTED';
}

/** The policy parameter holding the subsidy for a grade. */
export const SUBSIDY_PARAMETER: Readonly<Record<'C' | 'D' | 'NO_HOUSE', string>> = {
  C: 'RURAL_RENOVATION_SUBSIDY_C',
  D: 'RURAL_RENOVATION_SUBSIDY_D',
  NO_HOUSE: 'RURAL_RENOVATION_SUBSIDY_NO_HOUSE',
};

/**
 * County approval needs the applicant's latest assessment to be C, D or NO_HOUSE; returns the
 * policy parameter that gives the subsidy.
 */
export function checkApprovalGrade(latest: { id: string; grade: DwellingSafetyGrade } | null): string {
  if (!latest) {
    throw conflict('The applicant has no dwelling safety assessment; assess the dwelling before county approval', {
      reason: 'NO_ASSESSMENT',
    });
  }
  if (!isUnsafe(latest.grade)) {
    throw conflict(`The latest assessment (${latest.id}) grades the dwelling ${latest.grade}; only C, D or NO_HOUSE may be approved`, {
      reason: 'DWELLING_NOT_UNSAFE',
      grade: latest.grade,
    });
  }
  return SUBSIDY_PARAMETER[latest.grade as keyof typeof SUBSIDY_PARAMETER];
}

/** Refuses a new case while one of its persons is in an open case. */
export function checkNoOpenCase(open: readonly { id: string; status: RuralRenovationStatus }[]) {
  const clash = open.find((c) => isOpen(c.status));
  if (clash) {
    throw conflict(`The household already has an open renovation case ${clash.id} (${clash.status})`, {
      reason: 'OPEN_CASE_EXISTS',
      caseId: clash.id,
    });
  }
}
