import { day } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import { unionEntitlement } from '../src/domain/entitlements.ts';

const today = day('2025-06-30');
const open = { status: 'OPEN' as const, filedOn: day('2024-03-01') };
const closed = { status: 'CLOSED' as const, filedOn: day('2022-03-01') };
const given = (iso: string, cancelled = false) => ({ grantedOn: day(iso), cancelledAt: cancelled ? day('2025-06-01') : null });
const dibao = { activeCategories: ['SUBSISTENCE_ALLOWANCE' as const], hukouType: 'URBAN' as const, extremePovertySupport: null };

describe('UNION_ASSISTANCE entitlement', () => {
  it('is covered with an open file, a category and assistance this calendar year', () => {
    const result = unionEntitlement(dibao, [open], [given('2025-01-20')], today);
    expect(result).toEqual({
      program: 'UNION_ASSISTANCE',
      status: 'ENTITLED_COVERED',
      reason: 'open difficult-worker file since 2024-03-01 and low-income categories SUBSISTENCE_ALLOWANCE; union assistance in 2025, last on 2025-01-20',
    });
  });

  it('is missing when this year has no assistance, or only cancelled or last year’s', () => {
    for (const assistance of [[], [given('2024-12-31')], [given('2025-02-01', true)]]) {
      expect(unionEntitlement(dibao, [closed, open], assistance, today)).toMatchObject({
        status: 'ENTITLED_MISSING',
        reason: expect.stringContaining('no union assistance in 2025'),
      });
    }
  });

  it('takes any category, tier 2 and relapse monitoring included', () => {
    for (const category of ['NEAR_SUBSISTENCE', 'RELAPSE_MONITORING', 'OTHER_HARDSHIP'] as const) {
      expect(unionEntitlement({ activeCategories: [category] }, [open], [], today).status).toBe('ENTITLED_MISSING');
    }
  });

  it('is not entitled with an open file but no category, saying why', () => {
    expect(unionEntitlement({}, [open], [given('2025-01-20')], today)).toEqual({
      program: 'UNION_ASSISTANCE',
      status: 'NOT_ENTITLED',
      reason: 'open difficult-worker file since 2024-03-01, but not in the low-income register',
    });
    expect(unionEntitlement({ activeCategories: null }, [open], [], today).reason).toContain('not in the low-income register');
    expect(unionEntitlement({ activeCategories: [] }, [open], [], today)).toMatchObject({
      status: 'NOT_ENTITLED',
      reason: expect.stringContaining('holds no active low-income category'),
    });
  });

  it('is not entitled without an open file, categories or not', () => {
    expect(unionEntitlement(dibao, [], [], today)).toEqual({
      program: 'UNION_ASSISTANCE',
      status: 'NOT_ENTITLED',
      reason: 'no open difficult-worker file (holds SUBSISTENCE_ALLOWANCE)',
    });
    expect(unionEntitlement(dibao, [closed], [given('2025-01-20')], today).status).toBe('NOT_ENTITLED');
    expect(unionEntitlement({}, [], [], today).reason).toBe('no open difficult-worker file');
  });
});
