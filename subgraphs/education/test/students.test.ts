import { formatDate } from '@lip/shared/calendar';
import { makeIdNumber } from '@lip/shared/id-number';
import { codeOf, day } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import {
  birthDateOf,
  checkEndedOn,
  checkEnrolment,
  checkIdentification,
  checkSchoolChange,
  checkSchoolName,
  checkSchoolRegionCode,
  nextRecordStatus,
} from '../src/domain/students.ts';

const today = day('2026-11-29');

describe('schools', () => {
  it('need a name of 2 to 100 characters', () => {
    expect(checkSchoolName('  灵宝市第一高级中学 ')).toBe('灵宝市第一高级中学');
    expect(codeOf(() => checkSchoolName('一'))).toMatchObject({ code: 'INVALID_INPUT', field: 'schoolName' });
    expect(codeOf(() => checkSchoolName('   '))).toMatchObject({ code: 'INVALID_INPUT', field: 'schoolName' });
    expect(codeOf(() => checkSchoolName('学'.repeat(101)))).toMatchObject({ code: 'INVALID_INPUT', field: 'schoolName' });
  });

  it('are in a county or township of Sanmenxia', () => {
    expect(checkSchoolRegionCode('411282')).toBe('411282');
    expect(checkSchoolRegionCode('411203100')).toBe('411203100');
    expect(checkSchoolRegionCode('411271')).toBe('411271'); // the development zone is county level
    expect(codeOf(() => checkSchoolRegionCode('411202001001'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'LEVEL' }); // a village
    expect(codeOf(() => checkSchoolRegionCode('411200'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'LEVEL' }); // the city
    expect(codeOf(() => checkSchoolRegionCode('410102'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'OUTSIDE_SANMENXIA' });
    expect(codeOf(() => checkSchoolRegionCode('411299'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'UNKNOWN' });
    expect(codeOf(() => checkSchoolRegionCode('4112'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'LENGTH' });
    expect(codeOf(() => checkSchoolRegionCode('41128a'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'NOT_NUMERIC' });
  });
});

describe('enrolment', () => {
  const born2014 = birthDateOf(makeIdNumber({ areaCode: '411282', birthDate: '2014-03-10', sequence: 11 }));

  it('reads the birth date from the ID number', () => {
    expect(formatDate(born2014)).toBe('2014-03-10');
  });

  it('needs a stage that fits the age in the enrolment year', () => {
    expect(codeOf(() => checkEnrolment(born2014, 'PRIMARY', 2020, today))).toEqual({ code: 'NONE' }); // 6
    expect(codeOf(() => checkEnrolment(born2014, 'JUNIOR_SECONDARY', 2026, today))).toEqual({ code: 'NONE' }); // 12
    expect(codeOf(() => checkEnrolment(born2014, 'PRESCHOOL', 2017, today))).toEqual({ code: 'NONE' }); // 3
    expect(codeOf(() => checkEnrolment(born2014, 'HIGHER', 2026, today))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'stage',
      reason: 'AGE_DOES_NOT_FIT_STAGE',
      age: 12,
      minAge: 15,
    });
    expect(codeOf(() => checkEnrolment(born2014, 'PRESCHOOL', 2026, today))).toMatchObject({
      code: 'INVALID_INPUT',
      reason: 'AGE_DOES_NOT_FIT_STAGE',
      age: 12,
      maxAge: 6,
    });
    expect(codeOf(() => checkEnrolment(born2014, 'PRIMARY', 2015, today))).toMatchObject({ code: 'INVALID_INPUT', reason: 'AGE_DOES_NOT_FIT_STAGE', age: 1 });
  });

  it('is not in a future year', () => {
    expect(codeOf(() => checkEnrolment(born2014, 'JUNIOR_SECONDARY', 2027, today))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'enrolmentYear',
      reason: 'FUTURE',
    });
  });
});

describe('identification as from a difficult family', () => {
  const record = { enrolmentYear: 2025, endedOn: null };

  it('has a date exactly when identified', () => {
    expect(checkIdentification(record, true, day('2025-09-20'), today)).toEqual({ identifiedAsDifficult: true, identifiedOn: day('2025-09-20') });
    expect(checkIdentification(record, false, null, today)).toEqual({ identifiedAsDifficult: false, identifiedOn: null });
    expect(codeOf(() => checkIdentification(record, true, null, today))).toMatchObject({ code: 'INVALID_INPUT', field: 'identifiedOn' });
    expect(codeOf(() => checkIdentification(record, false, day('2025-09-20'), today))).toMatchObject({ code: 'INVALID_INPUT', field: 'identifiedOn' });
  });

  it('is dated from the enrolment year to today, and not after the record ended', () => {
    expect(codeOf(() => checkIdentification(record, true, day('2025-01-01'), today))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkIdentification(record, true, today, today))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkIdentification(record, true, day('2024-12-31'), today))).toMatchObject({ code: 'INVALID_INPUT', field: 'identifiedOn' });
    expect(codeOf(() => checkIdentification(record, true, day('2026-11-30'), today))).toMatchObject({ code: 'INVALID_INPUT', field: 'identifiedOn' });
    expect(codeOf(() => checkIdentification({ enrolmentYear: 2025, endedOn: day('2026-07-01') }, true, day('2026-07-02'), today))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'identifiedOn',
    });
  });
});

describe('the record state machine', () => {
  it('changes only a CURRENT record', () => {
    expect(nextRecordStatus('UPDATE', 'CURRENT')).toBe('CURRENT');
    expect(nextRecordStatus('IDENTIFY', 'CURRENT')).toBe('CURRENT');
    expect(nextRecordStatus('CHANGE_SCHOOL', 'CURRENT')).toBe('CHANGED');
    expect(nextRecordStatus('GRADUATE', 'CURRENT')).toBe('GRADUATED');
    expect(nextRecordStatus('LEAVE', 'CURRENT')).toBe('LEFT');
    for (const from of ['CHANGED', 'GRADUATED', 'LEFT'] as const) {
      for (const change of ['UPDATE', 'IDENTIFY', 'CHANGE_SCHOOL', 'GRADUATE', 'LEAVE'] as const) {
        expect(codeOf(() => nextRecordStatus(change, from))).toMatchObject({ code: 'INVALID_TRANSITION', from, change });
      }
    }
  });

  it('ends on a date between the enrolment year (and identification) and today', () => {
    const record = { enrolmentYear: 2024, identifiedOn: day('2025-10-01') };
    expect(codeOf(() => checkEndedOn(record, day('2026-07-01'), today))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkEndedOn(record, day('2026-11-30'), today))).toMatchObject({ code: 'INVALID_INPUT', field: 'endedOn' });
    expect(codeOf(() => checkEndedOn(record, day('2023-12-31'), today))).toMatchObject({ code: 'INVALID_INPUT', field: 'endedOn' });
    expect(codeOf(() => checkEndedOn(record, day('2025-09-30'), today, 'changedOn'))).toMatchObject({ code: 'INVALID_INPUT', field: 'changedOn' });
  });

  it('changes school only to another school or stage', () => {
    const place = { schoolName: '大营镇中心小学', schoolRegionCode: '411203100', stage: 'PRIMARY' as const };
    expect(codeOf(() => checkSchoolChange(place, { ...place, stage: 'JUNIOR_SECONDARY' }))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkSchoolChange(place, { ...place, schoolName: '大营镇第二小学' }))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkSchoolChange(place, { ...place }))).toMatchObject({ code: 'INVALID_INPUT', reason: 'NO_CHANGE' });
  });
});
