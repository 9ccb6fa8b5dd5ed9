import { addMonths, ageOn } from '@lip/shared/calendar';
import { codeOf, day } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import {
  checkClosing,
  checkCountyCode,
  checkEmployer,
  checkNewFile,
  checkReasonDetail,
  checkReview,
  nextFileStatus,
  reviewDueOn,
} from '../src/domain/files.ts';
import { assistanceMax, filingPolicy, reviewIntervalMonths } from '../src/domain/policy.ts';

const policy = { minAge: 16, maxAge: 60 };
const today = day('2025-06-30');
const birth = day('1980-05-10');

describe('filing a worker', () => {
  it('files a working-age worker with no other file', () => {
    expect(codeOf(() => checkNewFile(birth, day('2025-01-02'), today, policy, []))).toEqual({ code: 'NONE' });
  });

  it('refuses a future date', () => {
    expect(codeOf(() => checkNewFile(birth, day('2025-07-01'), today, policy, []))).toMatchObject({ code: 'INVALID_INPUT', field: 'filedOn' });
  });

  it('applies the filing age from the policy, counting birthdays exactly', () => {
    const oldWorker = day('1964-07-01');
    expect(codeOf(() => checkNewFile(oldWorker, day('2025-06-30'), today, policy, []))).toEqual({ code: 'NONE' }); // 60
    expect(codeOf(() => checkNewFile(oldWorker, day('2025-06-30'), today, { minAge: 16, maxAge: 59 }, []))).toMatchObject({
      code: 'INVALID_INPUT',
      reason: 'FILING_CONDITIONS',
      age: 60,
    });
    const young = day('2009-06-30');
    expect(codeOf(() => checkNewFile(young, day('2025-06-29'), today, policy, []))).toMatchObject({ reason: 'FILING_CONDITIONS', age: 15 });
    expect(codeOf(() => checkNewFile(young, day('2025-06-30'), today, policy, []))).toEqual({ code: 'NONE' });
  });

  it('allows one OPEN file per person, and never overlapping files', () => {
    const open = { status: 'OPEN' as const, filedOn: day('2024-01-01'), closedOn: null };
    expect(codeOf(() => checkNewFile(birth, day('2025-01-02'), today, policy, [open]))).toMatchObject({ code: 'CONFLICT', reason: 'OPEN_FILE_EXISTS' });
    const closed = { status: 'CLOSED' as const, filedOn: day('2023-01-01'), closedOn: day('2024-12-31') };
    expect(codeOf(() => checkNewFile(birth, day('2024-12-31'), today, policy, [closed]))).toMatchObject({ code: 'CONFLICT', reason: 'OVERLAPS_PREVIOUS_FILE' });
    expect(codeOf(() => checkNewFile(birth, day('2025-01-01'), today, policy, [closed]))).toEqual({ code: 'NONE' });
  });
});

describe('file fields', () => {
  it('checks the employer name and credit code', () => {
    expect(checkEmployer({ name: '  三门峡宏达机械有限公司 ', unifiedSocialCreditCode: ' 914403001922038216 ' })).toEqual({
      employerName: '三门峡宏达机械有限公司',
      employerCreditCode: '914403001922038216',
    });
    expect(checkEmployer({ name: '义马煤机厂', unifiedSocialCreditCode: '' })).toEqual({ employerName: '义马煤机厂', employerCreditCode: null });
    expect(checkEmployer({ name: '义马煤机厂' })).toEqual({ employerName: '义马煤机厂', employerCreditCode: null });
    expect(codeOf(() => checkEmployer({ name: ' 厂 ' }))).toMatchObject({ code: 'INVALID_INPUT', field: 'employer.name' });
    expect(codeOf(() => checkEmployer({ name: 'x'.repeat(101) }))).toMatchObject({ code: 'INVALID_INPUT', field: 'employer.name' });
    expect(codeOf(() => checkEmployer({ name: '义马煤机厂', unifiedSocialCreditCode: '914403001922038217' }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'employer.unifiedSocialCreditCode',
      reason: 'CHECK_CHARACTER',
    });
    expect(codeOf(() => checkEmployer({ name: '义马煤机厂', unifiedSocialCreditCode: '12345' }))).toMatchObject({ reason: 'LENGTH' });
  });

  it('takes a county of Sanmenxia only', () => {
    expect(checkCountyCode('411224')).toBe('411224');
    expect(codeOf(() => checkCountyCode('411202001'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'LEVEL' }); // a township
    expect(codeOf(() => checkCountyCode('411200'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'LEVEL' }); // the city
    expect(codeOf(() => checkCountyCode('410102'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'OUTSIDE_SANMENXIA' });
    expect(codeOf(() => checkCountyCode('411299'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'UNKNOWN' });
    expect(codeOf(() => checkCountyCode('41120A'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'NOT_NUMERIC' });
  });

  it('needs a reason detail for OTHER only', () => {
    expect(checkReasonDetail('ILLNESS', null)).toBeNull();
    expect(checkReasonDetail('ILLNESS', '  ')).toBeNull();
    expect(checkReasonDetail('OTHER', ' 家庭主要劳动力意外身亡 ')).toBe('家庭主要劳动力意外身亡');
    expect(codeOf(() => checkReasonDetail('OTHER', undefined))).toMatchObject({ code: 'INVALID_INPUT', field: 'reasonDetail' });
    expect(codeOf(() => checkReasonDetail('LAID_OFF', 'x'.repeat(501)))).toMatchObject({ code: 'INVALID_INPUT', field: 'reasonDetail' });
  });
});

describe('file state machine', () => {
  it('lets an OPEN file be updated, reviewed and closed, and a CLOSED one nothing', () => {
    expect(nextFileStatus('UPDATE', 'OPEN')).toBe('OPEN');
    expect(nextFileStatus('REVIEW', 'OPEN')).toBe('OPEN');
    expect(nextFileStatus('CLOSE', 'OPEN')).toBe('CLOSED');
    for (const change of ['UPDATE', 'REVIEW', 'CLOSE'] as const) {
      expect(codeOf(() => nextFileStatus(change, 'CLOSED'))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'CLOSED', change });
    }
  });

  it('checks review dates', () => {
    const file = { filedOn: day('2024-03-01'), reviewedOn: day('2025-02-20') };
    expect(codeOf(() => checkReview(file, day('2025-06-30'), today))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkReview(file, day('2025-07-01'), today))).toMatchObject({ code: 'INVALID_INPUT', field: 'reviewedOn' });
    expect(codeOf(() => checkReview(file, day('2025-02-19'), today))).toMatchObject({ code: 'INVALID_INPUT', field: 'reviewedOn' });
    expect(codeOf(() => checkReview({ ...file, reviewedOn: null }, day('2024-02-29'), today))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('checks closing dates against the filing, the last review and the assistance', () => {
    const file = { filedOn: day('2024-03-01'), reviewedOn: null };
    expect(codeOf(() => checkClosing(file, day('2024-03-01'), today, null))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkClosing(file, day('2024-02-29'), today, null))).toMatchObject({ code: 'INVALID_INPUT', field: 'closedOn' });
    expect(codeOf(() => checkClosing(file, day('2025-07-01'), today, null))).toMatchObject({ code: 'INVALID_INPUT', field: 'closedOn' });
    expect(codeOf(() => checkClosing({ ...file, reviewedOn: day('2025-03-01') }, day('2025-02-01'), today, null))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(codeOf(() => checkClosing(file, day('2025-01-19'), today, day('2025-01-20')))).toMatchObject({
      code: 'CONFLICT',
      reason: 'ASSISTANCE_AFTER_CLOSING',
    });
    expect(codeOf(() => checkClosing(file, day('2025-01-20'), today, day('2025-01-20')))).toEqual({ code: 'NONE' });
  });

  it('computes the review due date from the last review or the filing', () => {
    expect(reviewDueOn({ status: 'OPEN', filedOn: day('2024-03-15'), reviewedOn: null }, 12)).toEqual(day('2025-03-15'));
    expect(reviewDueOn({ status: 'OPEN', filedOn: day('2024-03-15'), reviewedOn: day('2025-02-01') }, 12)).toEqual(day('2026-02-01'));
    expect(reviewDueOn({ status: 'OPEN', filedOn: day('2024-08-31'), reviewedOn: null }, 6)).toEqual(day('2025-02-28'));
    expect(reviewDueOn({ status: 'CLOSED', filedOn: day('2024-03-15'), reviewedOn: null }, 12)).toBeNull();
    expect(reviewDueOn({ status: 'OPEN', filedOn: day('2024-03-15'), reviewedOn: null }, null)).toBeNull();
  });
});

describe('dates', () => {
  it('adds months, clamping to the end of the month', () => {
    expect(addMonths(day('2024-01-31'), 1)).toEqual(day('2024-02-29'));
    expect(addMonths(day('2024-02-29'), 12)).toEqual(day('2025-02-28'));
    expect(addMonths(day('2024-11-15'), 3)).toEqual(day('2025-02-15'));
  });

  it('counts ages in whole years', () => {
    expect(ageOn(day('1980-05-10'), day('2025-05-09'))).toBe(44);
    expect(ageOn(day('1980-05-10'), day('2025-05-10'))).toBe(45);
  });
});

describe('policy parameters', () => {
  const row = (regionCode: string, year: number, name: string, value: number) => ({ regionCode, year, name, value });
  const rows = [
    row('411200', 2024, 'FILE_REVIEW_INTERVAL_MONTHS', 12),
    row('411200', 2025, 'FILE_REVIEW_INTERVAL_MONTHS', 6),
    row('411200', 2024, 'FILING_MIN_AGE', 16),
    row('411200', 2024, 'FILING_MAX_AGE', 60),
    row('411200', 2024, 'ASSISTANCE_MAX_SEASONAL_VISIT', 1000),
    row('411282', 2024, 'ASSISTANCE_MAX_SEASONAL_VISIT', 1200),
  ];

  it('prefers a county’s own row over the city-wide one', () => {
    expect(assistanceMax(rows, 'SEASONAL_VISIT', '411282', 2024)).toBe(1200);
    expect(assistanceMax(rows, 'SEASONAL_VISIT', '411224', 2024)).toBe(1000);
    expect(filingPolicy(rows, '411224', 2024)).toEqual({ minAge: 16, maxAge: 60 });
  });

  it('refuses a year without the parameter', () => {
    expect(codeOf(() => assistanceMax(rows, 'LIVING', '411224', 2024))).toMatchObject({ code: 'INVALID_INPUT', reason: 'NO_POLICY' });
    expect(codeOf(() => filingPolicy(rows, '411224', 2019))).toMatchObject({ code: 'INVALID_INPUT', reason: 'NO_POLICY', year: 2019 });
  });

  it('uses the nearest year’s review interval for files older or newer than the table', () => {
    expect(reviewIntervalMonths(rows, '411224', 2024)).toBe(12);
    expect(reviewIntervalMonths(rows, '411224', 2025)).toBe(6);
    expect(reviewIntervalMonths(rows, '411224', 2019)).toBe(12); // the earliest later year
    expect(reviewIntervalMonths(rows, '411224', 2030)).toBe(6); // the latest earlier year
    expect(reviewIntervalMonths([], '411224', 2024)).toBeNull();
  });
});
