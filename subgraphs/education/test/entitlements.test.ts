import { day } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import { type EntitlementAssistance, type EntitlementRecord, educationEntitlement } from '../src/domain/entitlements.ts';

const today = day('2026-11-29'); // academic year 2026-2027
const current: EntitlementRecord = { status: 'CURRENT', stage: 'JUNIOR_SECONDARY', schoolName: '大营镇初级中学', enrolmentYear: 2025, endedOn: null };
const past: EntitlementRecord = { status: 'CHANGED', stage: 'PRIMARY', schoolName: '大营镇中心小学', enrolmentYear: 2019, endedOn: day('2025-07-01') };
const given = (
  academicYear: string,
  status: EntitlementAssistance['status'],
  kind: EntitlementAssistance['kind'] = 'LIVING_ALLOWANCE',
): EntitlementAssistance => ({ kind, academicYear, status });

describe('EDUCATION_ASSISTANCE entitlement', () => {
  it('is covered for a current student in a qualifying category with assistance this academic year', () => {
    expect(educationEntitlement({ activeCategories: ['SUBSISTENCE_ALLOWANCE'] }, [current, past], [given('2026-2027', 'PAID')], today)).toEqual({
      program: 'EDUCATION_ASSISTANCE',
      status: 'ENTITLED_COVERED',
      reason:
        'current JUNIOR_SECONDARY student at 大营镇初级中学 since 2025, low-income categories SUBSISTENCE_ALLOWANCE; education assistance in 2026-2027: LIVING_ALLOWANCE PAID',
    });
    expect(educationEntitlement({ activeCategories: ['NEAR_SUBSISTENCE'] }, [current], [given('2026-2027', 'APPROVED', 'GRANT')], today).status).toBe(
      'ENTITLED_COVERED',
    );
  });

  it('counts every qualifying category, "other difficult households" included', () => {
    for (const category of [
      'SUBSISTENCE_ALLOWANCE',
      'EXTREME_POVERTY',
      'NEAR_SUBSISTENCE',
      'ESSENTIAL_EXPENDITURE_HARDSHIP',
      'OTHER_HARDSHIP',
      'RELAPSE_MONITORING',
    ] as const) {
      expect(educationEntitlement({ activeCategories: [category] }, [current], [], today).status).toBe('ENTITLED_MISSING');
    }
  });

  it('is missing without approved or paid assistance in the current academic year', () => {
    const result = educationEntitlement(
      { activeCategories: ['EXTREME_POVERTY'], hukouType: 'RURAL', extremePovertySupport: 'DISPERSED' },
      [current],
      [given('2025-2026', 'PAID'), given('2026-2027', 'CANCELLED')],
      today,
    );
    expect(result).toEqual({
      program: 'EDUCATION_ASSISTANCE',
      status: 'ENTITLED_MISSING',
      reason:
        'current JUNIOR_SECONDARY student at 大营镇初级中学 since 2025, low-income categories EXTREME_POVERTY; no approved or paid education assistance in 2026-2027',
    });
  });

  it('uses the academic year that starts on 1 September', () => {
    const spring = [given('2025-2026', 'APPROVED')];
    expect(educationEntitlement({ activeCategories: ['OTHER_HARDSHIP'] }, [current], spring, day('2026-08-31')).status).toBe('ENTITLED_COVERED');
    expect(educationEntitlement({ activeCategories: ['OTHER_HARDSHIP'] }, [current], spring, day('2026-09-01')).status).toBe('ENTITLED_MISSING');
  });

  it('is not entitled for someone who is not a current student', () => {
    expect(educationEntitlement({ activeCategories: ['SUBSISTENCE_ALLOWANCE'] }, [past], [given('2026-2027', 'PAID')], today)).toEqual({
      program: 'EDUCATION_ASSISTANCE',
      status: 'NOT_ENTITLED',
      reason: 'not a current student (last record CHANGED on 2025-07-01); holds SUBSISTENCE_ALLOWANCE',
    });
    expect(educationEntitlement({ activeCategories: [] }, [], [], today).reason).toBe('not a current student');
    expect(educationEntitlement({}, [], [], today).reason).toBe('not a current student');
  });

  it('is not entitled for a current student outside the register or without a category', () => {
    expect(educationEntitlement({}, [current], [given('2026-2027', 'PAID')], today)).toMatchObject({
      status: 'NOT_ENTITLED',
      reason: 'current JUNIOR_SECONDARY student at 大营镇初级中学 since 2025, but not in the low-income register',
    });
    expect(educationEntitlement({ activeCategories: null }, [current], [], today).status).toBe('NOT_ENTITLED');
    expect(educationEntitlement({ activeCategories: [] }, [current], [], today)).toMatchObject({
      status: 'NOT_ENTITLED',
      reason: 'current JUNIOR_SECONDARY student at 大营镇初级中学 since 2025, but holds no qualifying low-income category',
    });
  });
});
