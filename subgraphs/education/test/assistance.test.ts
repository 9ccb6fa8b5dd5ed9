import { checkAmount, toFen } from '@lip/shared/money';
import { policyValue } from '@lip/shared/policy';
import { codeOf, day } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import { academicYear, academicYearFromLabel } from '../src/domain/academic-year.ts';
import {
  checkAssistanceStillFits,
  checkKindForStage,
  checkNotDuplicate,
  checkPaidOn,
  checkRecordCoversAcademicYear,
  nextAssistanceStatus,
  termsOverlap,
} from '../src/domain/assistance.ts';
import { assistanceMax } from '../src/domain/policy.ts';

describe('amounts', () => {
  it('are exact in fen', () => {
    expect(toFen('1234.5')).toBe(123450);
    expect(toFen('0.01')).toBe(1);
    expect(toFen('-3')).toBe(-300);
    expect(codeOf(() => toFen('12,00'))).toMatchObject({ code: 'INVALID_INPUT', field: 'amount' });
  });

  it('are above 0 and at most the maximum', () => {
    expect(checkAmount('2000', 'GRANT', 5000)).toBe('2000.00');
    expect(checkAmount('5000.00', 'GRANT', 5000)).toBe('5000.00');
    expect(codeOf(() => checkAmount('0', 'GRANT', 5000))).toMatchObject({ code: 'INVALID_INPUT', field: 'amount', reason: 'NOT_POSITIVE' });
    expect(codeOf(() => checkAmount('-10', 'GRANT', 5000))).toMatchObject({ code: 'INVALID_INPUT', reason: 'NOT_POSITIVE' });
    expect(codeOf(() => checkAmount('5000.01', 'GRANT', 5000))).toMatchObject({ code: 'INVALID_INPUT', reason: 'ABOVE_MAXIMUM', maximum: '5000.00' });
  });

  it('read the maximum of the school’s county, else the city, for the year', () => {
    const rows = [
      { regionCode: '411200', year: 2024, name: 'ASSISTANCE_MAX_LIVING_ALLOWANCE', value: '2500.0000' },
      { regionCode: '411224', year: 2024, name: 'ASSISTANCE_MAX_LIVING_ALLOWANCE', value: '3000.0000' },
    ];
    expect(assistanceMax(rows, 'LIVING_ALLOWANCE', '411224206', 2024)).toBe(3000);
    expect(assistanceMax(rows, 'LIVING_ALLOWANCE', '411282', 2024)).toBe(2500);
    expect(codeOf(() => assistanceMax(rows, 'LIVING_ALLOWANCE', '411282', 2019))).toMatchObject({ code: 'INVALID_INPUT', reason: 'NO_POLICY' });
    expect(codeOf(() => assistanceMax(rows, 'GRANT', '411282', 2024))).toMatchObject({ code: 'INVALID_INPUT', reason: 'NO_POLICY' });
    expect(policyValue(rows, 'ASSISTANCE_MAX_LIVING_ALLOWANCE', '411224', 2024)).toBe(3000);
  });
});

describe('kinds', () => {
  it('fit the stage', () => {
    expect(codeOf(() => checkKindForStage('STUDENT_LOAN', 'HIGHER'))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkKindForStage('WORK_STUDY', 'VOCATIONAL'))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkKindForStage('LIVING_ALLOWANCE', 'PRIMARY'))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkKindForStage('STUDENT_LOAN', 'SENIOR_SECONDARY'))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'kind',
      reason: 'KIND_NOT_FOR_STAGE',
    });
    expect(codeOf(() => checkKindForStage('WORK_STUDY', 'PRIMARY'))).toMatchObject({ code: 'INVALID_INPUT', reason: 'KIND_NOT_FOR_STAGE' });
  });
});

describe('academic year and record', () => {
  it('the record must be open during the academic year', () => {
    const open = { enrolmentYear: 2025, endedOn: null };
    expect(codeOf(() => checkRecordCoversAcademicYear(open, academicYear(2025)))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkRecordCoversAcademicYear(open, academicYear(2024)))).toEqual({ code: 'NONE' }); // joined in spring 2025
    expect(codeOf(() => checkRecordCoversAcademicYear(open, academicYear(2023)))).toMatchObject({ code: 'CONFLICT', reason: 'RECORD_NOT_IN_ACADEMIC_YEAR' });
    const ended = { enrolmentYear: 2020, endedOn: day('2025-07-01') };
    expect(codeOf(() => checkRecordCoversAcademicYear(ended, academicYear(2024)))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkRecordCoversAcademicYear(ended, academicYear(2025)))).toMatchObject({ code: 'CONFLICT', reason: 'RECORD_NOT_IN_ACADEMIC_YEAR' });
  });
});

describe('duplicates', () => {
  const existing = [
    { id: 'a', kind: 'GRANT' as const, academicYear: '2025-2026', term: 'AUTUMN' as const, status: 'PAID' as const },
    { id: 'b', kind: 'FEE_WAIVER' as const, academicYear: '2025-2026', term: 'FULL_YEAR' as const, status: 'APPROVED' as const },
    { id: 'c', kind: 'GRANT' as const, academicYear: '2025-2026', term: 'SPRING' as const, status: 'CANCELLED' as const },
  ];

  it('terms overlap when equal or one is the full year', () => {
    expect(termsOverlap('AUTUMN', 'AUTUMN')).toBe(true);
    expect(termsOverlap('AUTUMN', 'FULL_YEAR')).toBe(true);
    expect(termsOverlap('FULL_YEAR', 'SPRING')).toBe(true);
    expect(termsOverlap('AUTUMN', 'SPRING')).toBe(false);
  });

  it('refuse a second grant of a kind for an overlapping term; cancelled ones do not count', () => {
    expect(codeOf(() => checkNotDuplicate(existing, { kind: 'GRANT', academicYear: '2025-2026', term: 'SPRING' }))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkNotDuplicate(existing, { kind: 'GRANT', academicYear: '2024-2025', term: 'AUTUMN' }))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkNotDuplicate(existing, { kind: 'LIVING_ALLOWANCE', academicYear: '2025-2026', term: 'AUTUMN' }))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkNotDuplicate(existing, { kind: 'GRANT', academicYear: '2025-2026', term: 'AUTUMN' }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'DUPLICATE_ASSISTANCE',
      existingId: 'a',
    });
    expect(codeOf(() => checkNotDuplicate(existing, { kind: 'GRANT', academicYear: '2025-2026', term: 'FULL_YEAR' }))).toMatchObject({
      code: 'CONFLICT',
      existingId: 'a',
    });
    expect(codeOf(() => checkNotDuplicate(existing, { kind: 'FEE_WAIVER', academicYear: '2025-2026', term: 'SPRING' }))).toMatchObject({
      code: 'CONFLICT',
      existingId: 'b',
    });
  });

  it('existing assistance must still fit a corrected record', () => {
    const given = [{ id: 'loan', kind: 'STUDENT_LOAN' as const, academicYear: '2025-2026', term: 'FULL_YEAR' as const, status: 'APPROVED' as const }];
    expect(codeOf(() => checkAssistanceStillFits({ stage: 'HIGHER', enrolmentYear: 2025, endedOn: null }, given, academicYearFromLabel))).toEqual({
      code: 'NONE',
    });
    expect(
      codeOf(() => checkAssistanceStillFits({ stage: 'SENIOR_SECONDARY', enrolmentYear: 2025, endedOn: null }, given, academicYearFromLabel)),
    ).toMatchObject({
      code: 'CONFLICT',
      reason: 'ASSISTANCE_DOES_NOT_FIT',
      assistanceId: 'loan',
    });
    expect(codeOf(() => checkAssistanceStillFits({ stage: 'HIGHER', enrolmentYear: 2027, endedOn: null }, given, academicYearFromLabel))).toMatchObject({
      code: 'CONFLICT',
      reason: 'ASSISTANCE_DOES_NOT_FIT',
    });
    const cancelled = [{ ...given[0]!, status: 'CANCELLED' as const }];
    expect(codeOf(() => checkAssistanceStillFits({ stage: 'PRIMARY', enrolmentYear: 2027, endedOn: null }, cancelled, academicYearFromLabel))).toEqual({
      code: 'NONE',
    });
  });
});

describe('the status machine', () => {
  it('allows APPROVED → PAID and APPROVED/PAID → CANCELLED only', () => {
    expect(nextAssistanceStatus('PAY', 'APPROVED')).toBe('PAID');
    expect(nextAssistanceStatus('CANCEL', 'APPROVED')).toBe('CANCELLED');
    expect(nextAssistanceStatus('CANCEL', 'PAID')).toBe('CANCELLED');
    expect(codeOf(() => nextAssistanceStatus('PAY', 'PAID'))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'PAID', change: 'PAY' });
    expect(codeOf(() => nextAssistanceStatus('PAY', 'CANCELLED'))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'CANCELLED' });
    expect(codeOf(() => nextAssistanceStatus('CANCEL', 'CANCELLED'))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'CANCELLED', change: 'CANCEL' });
  });

  it('pays within the academic year and not in the future', () => {
    const year = academicYear(2025);
    const today = day('2026-11-29');
    expect(codeOf(() => checkPaidOn(year, day('2025-09-01'), today))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkPaidOn(year, day('2026-08-31'), today))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkPaidOn(year, day('2025-08-31'), today))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'paidOn',
      reason: 'OUTSIDE_ACADEMIC_YEAR',
    });
    expect(codeOf(() => checkPaidOn(year, day('2026-09-01'), today))).toMatchObject({ code: 'INVALID_INPUT', reason: 'OUTSIDE_ACADEMIC_YEAR' });
    expect(codeOf(() => checkPaidOn(academicYear(2026), day('2026-11-30'), today))).toMatchObject({ code: 'INVALID_INPUT', field: 'paidOn', reason: 'FUTURE' });
  });
});
