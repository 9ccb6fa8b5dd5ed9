import { describe, expect, it } from 'vitest';
import { checkCountyCode, checkEnrolmentYear, decideSubsidy, expectedSubsidyKind } from '../src/domain/enrolment.ts';
import { isPreferredIdentity, preferredIdentity } from '../src/domain/identity.ts';
import { fixedSubsidyCents, premiumCents } from '../src/domain/policy.ts';
import { codeOf, policyRows } from './helpers.ts';

const rows = policyRows(2024);
const premium = premiumCents(rows, '411221', 2024);
const request = (identity: Parameters<typeof decideSubsidy>[0]['identity'], requestedKind?: 'FULL' | 'FIXED' | 'NONE') => ({
  identity,
  requestedKind,
  premiumCents: premium,
  fixedCents: (category: NonNullable<typeof identity>) => fixedSubsidyCents(rows, category, '411221', 2024),
});

describe('premium subsidy', () => {
  it('reads the premium from the policy', () => {
    expect(premium).toBe(38_000);
  });

  it('derives the kind from the identity when none is asked for', () => {
    expect(decideSubsidy(request('EXTREME_POVERTY'))).toEqual({ kind: 'FULL', amountCents: 38_000 });
    expect(decideSubsidy(request('SUBSISTENCE_ALLOWANCE'))).toEqual({ kind: 'FIXED', amountCents: 26_600 });
    expect(decideSubsidy(request('RELAPSE_MONITORING'))).toEqual({ kind: 'FIXED', amountCents: 19_000 });
    expect(decideSubsidy(request(null))).toEqual({ kind: 'NONE', amountCents: 0 });
    expect(expectedSubsidyKind('OTHER_HARDSHIP')).toBe('FIXED');
  });

  it('caps a fixed amount at the premium', () => {
    expect(decideSubsidy({ ...request('SUBSISTENCE_ALLOWANCE'), premiumCents: 20_000 })).toEqual({ kind: 'FIXED', amountCents: 20_000 });
  });

  it('allows NONE for any identity (paid before recognition)', () => {
    expect(decideSubsidy(request('EXTREME_POVERTY', 'NONE'))).toEqual({ kind: 'NONE', amountCents: 0 });
  });

  it('refuses a kind that contradicts the identity', () => {
    const mismatch = { code: 'INVALID_INPUT', field: 'subsidyKind', reason: 'SUBSIDY_KIND_MISMATCH' };
    expect(codeOf(() => decideSubsidy(request('SUBSISTENCE_ALLOWANCE', 'FULL')))).toMatchObject(mismatch);
    expect(codeOf(() => decideSubsidy(request(null, 'FULL')))).toMatchObject(mismatch);
    expect(codeOf(() => decideSubsidy(request('EXTREME_POVERTY', 'FIXED')))).toMatchObject(mismatch);
    expect(codeOf(() => decideSubsidy(request(null, 'FIXED')))).toMatchObject(mismatch);
  });

  it('needs a fixed amount in the policy', () => {
    const incomplete = rows.filter((row) => row.name !== 'PREMIUM_SUBSIDY_FIXED_OTHER_HARDSHIP');
    expect(codeOf(() => fixedSubsidyCents(incomplete, 'OTHER_HARDSHIP', '411221', 2024))).toMatchObject({ code: 'INVALID_INPUT', reason: 'NO_POLICY' });
  });
});

describe('enrolment fields', () => {
  it('accepts years from ten back to next year', () => {
    expect(checkEnrolmentYear(2016, 2026)).toBe(2016);
    expect(checkEnrolmentYear(2027, 2026)).toBe(2027);
    expect(codeOf(() => checkEnrolmentYear(2015, 2026))).toMatchObject({ code: 'INVALID_INPUT', field: 'year' });
    expect(codeOf(() => checkEnrolmentYear(2028, 2026))).toMatchObject({ code: 'INVALID_INPUT', field: 'year' });
    expect(checkEnrolmentYear(2024, 2026, '2024-12-31')).toBe(2024);
    expect(codeOf(() => checkEnrolmentYear(2023, 2026, '2024-01-01'))).toMatchObject({ code: 'INVALID_INPUT', field: 'year' });
  });

  it('takes a county of Sanmenxia only', () => {
    expect(checkCountyCode('411224')).toBe('411224');
    expect(codeOf(() => checkCountyCode('410102'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'OUTSIDE_SANMENXIA' });
    expect(codeOf(() => checkCountyCode('411200'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'LEVEL' });
    expect(codeOf(() => checkCountyCode('411202001'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'LEVEL' });
    expect(codeOf(() => checkCountyCode('4112'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'LENGTH' });
    expect(codeOf(() => checkCountyCode('41122x'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'NOT_NUMERIC' });
    expect(codeOf(() => checkCountyCode('411299'))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'UNKNOWN' });
  });
});

describe('assistance identity', () => {
  it('prefers extreme poverty, then dibao, then the tier-2 categories', () => {
    expect(preferredIdentity(['RELAPSE_MONITORING', 'SUBSISTENCE_ALLOWANCE'])).toBe('SUBSISTENCE_ALLOWANCE');
    expect(preferredIdentity(['OTHER_HARDSHIP', 'ESSENTIAL_EXPENDITURE_HARDSHIP'])).toBe('ESSENTIAL_EXPENDITURE_HARDSHIP');
    expect(preferredIdentity(['EXTREME_POVERTY'])).toBe('EXTREME_POVERTY');
    expect(preferredIdentity([])).toBeNull();
    expect(preferredIdentity(null)).toBeNull();
  });

  it('accepts any held category of the best rank', () => {
    expect(isPreferredIdentity('NEAR_SUBSISTENCE', ['NEAR_SUBSISTENCE', 'RELAPSE_MONITORING'])).toBe(true);
    expect(isPreferredIdentity('RELAPSE_MONITORING', ['NEAR_SUBSISTENCE', 'RELAPSE_MONITORING'])).toBe(true);
    expect(isPreferredIdentity('RELAPSE_MONITORING', ['SUBSISTENCE_ALLOWANCE', 'RELAPSE_MONITORING'])).toBe(false);
    expect(isPreferredIdentity('SUBSISTENCE_ALLOWANCE', ['NEAR_SUBSISTENCE'])).toBe(false);
    expect(isPreferredIdentity(null, ['NEAR_SUBSISTENCE'])).toBe(false);
  });
});
