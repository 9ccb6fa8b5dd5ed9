// Rules for education assistance (教育资助): an amount above 0 and within the policy maximum for its
// kind, a kind the student's stage can receive, an academic year the student record covers, no
// second grant of the same kind for the same term, and the status machine
// APPROVED → PAID, APPROVED/PAID → CANCELLED (with a reason); nothing else.

import { formatDate } from '@lip/shared/calendar';
import { conflict, DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import type { AcademicTerm, EducationAssistanceKind, EducationAssistanceStatus, EducationStage } from '../generated/prisma/enums.ts';
import { type AcademicYear, describeAcademicYear, withinAcademicYear } from './academic-year.ts';
import { recordStart } from './students.ts';

/**
 * The stages each kind serves: student loans (生源地信用助学贷款) are for higher education, work-study
 * (勤工助学) for vocational and higher education; grants, living allowances and fee waivers for all.
 */
export const KIND_STAGES: Record<EducationAssistanceKind, readonly EducationStage[]> = {
  GRANT: ['PRESCHOOL', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL', 'HIGHER'],
  LIVING_ALLOWANCE: ['PRESCHOOL', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL', 'HIGHER'],
  WORK_STUDY: ['VOCATIONAL', 'HIGHER'],
  STUDENT_LOAN: ['HIGHER'],
  FEE_WAIVER: ['PRESCHOOL', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL', 'HIGHER'],
};

export function checkKindForStage(kind: EducationAssistanceKind, stage: EducationStage) {
  if (!KIND_STAGES[kind].includes(stage)) {
    throw invalidInput(`${kind} is not given to ${stage} students (only ${KIND_STAGES[kind].join(', ')})`, {
      field: 'kind',
      reason: 'KIND_NOT_FOR_STAGE',
    });
  }
}

export interface RecordSpan {
  enrolmentYear: number;
  endedOn: Date | null;
}

/** Whether the record was open at some time in the academic year (from 1 January of its enrolment year to its end). */
export const recordCoversAcademicYear = (record: RecordSpan, year: AcademicYear) =>
  year.end >= recordStart(record) && (record.endedOn === null || record.endedOn >= year.start);

export function checkRecordCoversAcademicYear(record: RecordSpan, year: AcademicYear) {
  if (!recordCoversAcademicYear(record, year)) {
    const span = `${record.enrolmentYear} to ${record.endedOn ? formatDate(record.endedOn) : 'now'}`;
    throw conflict(`The student record (${span}) does not cover the academic year ${describeAcademicYear(year)}`, {
      field: 'academicYear',
      reason: 'RECORD_NOT_IN_ACADEMIC_YEAR',
    });
  }
}

/** Whether two terms of the same academic year overlap (the full year overlaps both terms). */
export const termsOverlap = (a: AcademicTerm, b: AcademicTerm) => a === b || a === 'FULL_YEAR' || b === 'FULL_YEAR';

export interface ExistingAssistance {
  id: string;
  kind: EducationAssistanceKind;
  academicYear: string;
  term: AcademicTerm;
  status: EducationAssistanceStatus;
}

/** One grant of a kind per person and term: a second one (not cancelled) for an overlapping term is a CONFLICT. */
export function checkNotDuplicate(
  existing: readonly ExistingAssistance[],
  wanted: { kind: EducationAssistanceKind; academicYear: string; term: AcademicTerm },
) {
  const clash = existing.find(
    (other) =>
      other.status !== 'CANCELLED' && other.kind === wanted.kind && other.academicYear === wanted.academicYear && termsOverlap(other.term, wanted.term),
  );
  if (clash) {
    throw conflict(`The student already has ${wanted.kind} for ${clash.term} ${clash.academicYear} (${clash.id}); cancel it first to replace it`, {
      reason: 'DUPLICATE_ASSISTANCE',
      existingId: clash.id,
    });
  }
}

/**
 * Existing assistance must still fit a corrected record: a kind its stage can receive, in an academic
 * year the record covers.
 */
export function checkAssistanceStillFits(
  record: RecordSpan & { stage: EducationStage },
  assistance: readonly ExistingAssistance[],
  year: (label: string) => AcademicYear,
) {
  for (const given of assistance) {
    if (given.status === 'CANCELLED') continue;
    if (!KIND_STAGES[given.kind].includes(record.stage)) {
      throw conflict(`Assistance ${given.id} (${given.kind}) does not fit ${record.stage}; cancel it first`, {
        reason: 'ASSISTANCE_DOES_NOT_FIT',
        assistanceId: given.id,
      });
    }
    if (!recordCoversAcademicYear(record, year(given.academicYear))) {
      throw conflict(`Assistance ${given.id} for ${given.academicYear} would fall outside the record; cancel it first`, {
        reason: 'ASSISTANCE_DOES_NOT_FIT',
        assistanceId: given.id,
      });
    }
  }
}

export type AssistanceChange = 'PAY' | 'CANCEL';

const TRANSITIONS: Record<AssistanceChange, { from: readonly EducationAssistanceStatus[]; to: EducationAssistanceStatus }> = {
  PAY: { from: ['APPROVED'], to: 'PAID' },
  CANCEL: { from: ['APPROVED', 'PAID'], to: 'CANCELLED' },
};

/** APPROVED → PAID; APPROVED or PAID → CANCELLED. Anything else is INVALID_TRANSITION. */
export function nextAssistanceStatus(change: AssistanceChange, current: EducationAssistanceStatus): EducationAssistanceStatus {
  const rule = TRANSITIONS[change];
  if (!rule.from.includes(current)) {
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `Cannot ${change.toLowerCase()} assistance that is ${current}`, { from: current, change });
  }
  return rule.to;
}

/** The payment date: not in the future and within the academic year the assistance is for. */
export function checkPaidOn(year: AcademicYear, paidOn: Date, today: Date) {
  if (paidOn > today) throw invalidInput('paidOn must not be in the future', { field: 'paidOn', reason: 'FUTURE' });
  if (!withinAcademicYear(year, paidOn)) {
    throw invalidInput(`paidOn ${formatDate(paidOn)} is outside the academic year ${describeAcademicYear(year)}`, {
      field: 'paidOn',
      reason: 'OUTSIDE_ACADEMIC_YEAR',
    });
  }
}
