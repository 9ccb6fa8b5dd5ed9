// Rules for student records (学籍记录): where the school is, a stage that fits the student's age,
// the school's identification of a student from a financially difficult family (家庭经济困难学生),
// and the record's life: CURRENT until it is replaced (CHANGED: another school or stage),
// GRADUATED or LEFT. Only a CURRENT record changes; an ended record is history.

import { ageOn, civilDate, formatDate } from '@lip/shared/calendar';
import { DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import { parseIdNumber } from '@lip/shared/id-number';
import { validateRegionCode } from '@lip/shared/regions';
import { checkText } from '@lip/shared/text';
import type { EducationStage, StudentRecordStatus } from '../generated/prisma/enums.ts';

/** The school's name: 2 to 100 characters. */
export const checkSchoolName = (name: string) => checkText(name, 'schoolName', 2, 100);

/** Where the school is (or, for a school outside the city, the county of origin): a county or township of Sanmenxia. */
export function checkSchoolRegionCode(code: string, field = 'schoolRegionCode'): string {
  const checked = validateRegionCode(code.trim(), { minLevel: 'COUNTY' });
  if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, `${field}: ${checked.message}`, { field, reason: checked.reason });
  if (checked.region.level === 'VILLAGE') {
    throw new DomainError(
      ErrorCode.INVALID_REGION_CODE,
      `${field} ${code} is a village (${checked.region.name}); give the county (6) or township (9 digit) code`,
      {
        field,
        reason: 'LEVEL',
      },
    );
  }
  return checked.region.code;
}

/**
 * Plausible ages (whole years on 1 September of the enrolment year) for joining a school of each
 * stage, transfers in mid-stage included. A data-entry sanity check, not an admission rule: ages
 * outside these ranges are almost surely a wrong stage, year or ID number.
 */
export const STAGE_AGES: Record<EducationStage, readonly [min: number, max: number]> = {
  PRESCHOOL: [2, 6],
  PRIMARY: [5, 14],
  JUNIOR_SECONDARY: [10, 18],
  SENIOR_SECONDARY: [13, 21],
  VOCATIONAL: [13, 30],
  HIGHER: [15, 60],
};

/** The birth date an ID number carries (the scalar has validated it). */
export function birthDateOf(idNumber: string): Date {
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) throw new DomainError(ErrorCode.INVALID_ID_NUMBER, parsed.message, { field: 'personIdNumber', reason: parsed.reason });
  return new Date(`${parsed.birthDate}T00:00:00.000Z`);
}

/**
 * The enrolment year (入学年份: the year the student joined this school or stage): not after the
 * current year, and one in which the student's age fits the stage.
 */
export function checkEnrolment(birthDate: Date, stage: EducationStage, enrolmentYear: number, today: Date) {
  if (!Number.isInteger(enrolmentYear) || enrolmentYear > today.getUTCFullYear()) {
    throw invalidInput(`enrolmentYear must be a year not after ${today.getUTCFullYear()}, got ${enrolmentYear}`, { field: 'enrolmentYear', reason: 'FUTURE' });
  }
  const age = ageOn(birthDate, civilDate(enrolmentYear, 9, 1));
  const [min, max] = STAGE_AGES[stage];
  if (age < min || age > max) {
    throw invalidInput(
      `A student born ${formatDate(birthDate)} is ${age} on ${enrolmentYear}-09-01, outside the ages ${min}–${max} for ${stage}; check the stage, the enrolment year and the ID number`,
      { field: 'stage', reason: 'AGE_DOES_NOT_FIT_STAGE', age, minAge: min, maxAge: max },
    );
  }
}

/** The day a record counts from: 1 January of its enrolment year. */
export const recordStart = (record: { enrolmentYear: number }) => civilDate(record.enrolmentYear, 1, 1);

/**
 * The identification date: not in the future, not before the record's enrolment year, and not after
 * the record ended.
 */
export function checkIdentifiedOn(record: { enrolmentYear: number; endedOn?: Date | null }, identifiedOn: Date, today: Date) {
  if (identifiedOn > today) throw invalidInput('identifiedOn must not be in the future', { field: 'identifiedOn' });
  if (identifiedOn < recordStart(record)) {
    throw invalidInput(`identifiedOn must not be before the enrolment year ${record.enrolmentYear}`, { field: 'identifiedOn' });
  }
  if (record.endedOn && identifiedOn > record.endedOn) {
    throw invalidInput(`identifiedOn must not be after the record ended (${formatDate(record.endedOn)})`, { field: 'identifiedOn' });
  }
}

export interface Identification {
  identifiedAsDifficult: boolean;
  identifiedOn: Date | null;
}

/** Identified needs its date; not identified takes none. */
export function checkIdentification(
  record: { enrolmentYear: number; endedOn?: Date | null },
  identified: boolean,
  identifiedOn: Date | null | undefined,
  today: Date,
): Identification {
  if (!identified) {
    if (identifiedOn != null) throw invalidInput('identifiedOn is only given when identifiedAsDifficult is true', { field: 'identifiedOn' });
    return { identifiedAsDifficult: false, identifiedOn: null };
  }
  if (identifiedOn == null) throw invalidInput('identifiedOn is required when identifiedAsDifficult is true', { field: 'identifiedOn' });
  checkIdentifiedOn(record, identifiedOn, today);
  return { identifiedAsDifficult: true, identifiedOn };
}

export type RecordChange = 'UPDATE' | 'IDENTIFY' | 'CHANGE_SCHOOL' | 'GRADUATE' | 'LEAVE';

const CHANGE_TO: Record<RecordChange, StudentRecordStatus> = {
  UPDATE: 'CURRENT',
  IDENTIFY: 'CURRENT',
  CHANGE_SCHOOL: 'CHANGED',
  GRADUATE: 'GRADUATED',
  LEAVE: 'LEFT',
};

/** The status after `change`: every change starts from CURRENT; an ended record is history and never changes again. */
export function nextRecordStatus(change: RecordChange, current: StudentRecordStatus): StudentRecordStatus {
  if (current !== 'CURRENT') {
    throw new DomainError(
      ErrorCode.INVALID_TRANSITION,
      `Cannot ${change.toLowerCase().replace('_', ' ')} a student record that is ${current}; only a CURRENT record changes`,
      {
        from: current,
        change,
      },
    );
  }
  return CHANGE_TO[change];
}

/** An end date (graduation, leaving, or a change of school): not in the future, not before the enrolment year or the identification. */
export function checkEndedOn(record: { enrolmentYear: number; identifiedOn: Date | null }, endedOn: Date, today: Date, field = 'endedOn') {
  if (endedOn > today) throw invalidInput(`${field} must not be in the future`, { field });
  if (endedOn < recordStart(record)) throw invalidInput(`${field} must not be before the enrolment year ${record.enrolmentYear}`, { field });
  if (record.identifiedOn && endedOn < record.identifiedOn) {
    throw invalidInput(`${field} must not be before the identification (${formatDate(record.identifiedOn)})`, { field });
  }
}

export interface SchoolPlace {
  schoolName: string;
  schoolRegionCode: string;
  stage: EducationStage;
}

/** A change of school or stage must change the school or the stage. */
export function checkSchoolChange(from: SchoolPlace, to: SchoolPlace) {
  if (from.schoolName === to.schoolName && from.schoolRegionCode === to.schoolRegionCode && from.stage === to.stage) {
    throw invalidInput('The new school and stage are the same as the current ones; use updateStudentRecord to correct a record', {
      field: 'schoolName',
      reason: 'NO_CHANGE',
    });
  }
}
