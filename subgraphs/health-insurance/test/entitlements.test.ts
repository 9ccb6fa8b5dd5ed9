import { describe, expect, it } from 'vitest';
import { type EnrolmentFacts, healthInsuranceEntitlements, medicalAssistanceEntitlement, premiumSubsidyEntitlement } from '../src/domain/entitlements.ts';

const enrolment = (overrides: Partial<EnrolmentFacts> = {}): EnrolmentFacts => ({
  year: 2026,
  subsidyKind: 'FIXED',
  subsidyAmount: '266.00',
  assistanceIdentity: 'SUBSISTENCE_ALLOWANCE',
  ...overrides,
});
const dibao = { activeCategories: ['SUBSISTENCE_ALLOWANCE' as const], hukouType: 'URBAN' as const, extremePovertySupport: null };
const tekun = { activeCategories: ['EXTREME_POVERTY' as const], hukouType: 'RURAL' as const, extremePovertySupport: 'DISPERSED' as const };
const fullForTekun = enrolment({ subsidyKind: 'FULL', subsidyAmount: '380.00', assistanceIdentity: 'EXTREME_POVERTY' });

describe('PREMIUM_SUBSIDY', () => {
  it('is covered by a subsidy of the right kind', () => {
    expect(premiumSubsidyEntitlement(tekun, fullForTekun, 2026)).toEqual({
      program: 'PREMIUM_SUBSIDY',
      status: 'ENTITLED_COVERED',
      reason: 'EXTREME_POVERTY: the premium is subsidised in FULL (全额资助); the 2026 enrolment carries a FULL (全额资助) subsidy of 380.00',
    });
    expect(premiumSubsidyEntitlement(dibao, enrolment(), 2026).status).toBe('ENTITLED_COVERED');
    const relapse = { ...dibao, activeCategories: ['RELAPSE_MONITORING' as const] };
    expect(premiumSubsidyEntitlement(relapse, enrolment({ assistanceIdentity: 'RELAPSE_MONITORING', subsidyAmount: '190.00' }), 2026).status).toBe(
      'ENTITLED_COVERED',
    );
  });

  it('is missing without an enrolment, without a subsidy, or with the wrong kind', () => {
    expect(premiumSubsidyEntitlement(dibao, undefined, 2026)).toMatchObject({
      status: 'ENTITLED_MISSING',
      reason: expect.stringContaining('not enrolled in resident medical insurance for 2026'),
    });
    expect(premiumSubsidyEntitlement(dibao, enrolment({ subsidyKind: 'NONE', subsidyAmount: '0', assistanceIdentity: null }), 2026)).toMatchObject({
      status: 'ENTITLED_MISSING',
      reason: expect.stringContaining('carries no subsidy, FIXED (定额资助) expected'),
    });
    expect(premiumSubsidyEntitlement(tekun, enrolment(), 2026)).toMatchObject({
      status: 'ENTITLED_MISSING',
      reason: expect.stringContaining('carries a FIXED (定额资助) subsidy, FULL (全额资助) expected'),
    });
  });

  it('is not entitled outside the register or without a category, and says when a subsidy should stop', () => {
    expect(premiumSubsidyEntitlement({}, undefined, 2026)).toEqual({
      program: 'PREMIUM_SUBSIDY',
      status: 'NOT_ENTITLED',
      reason: 'not in the low-income register',
    });
    expect(premiumSubsidyEntitlement({ activeCategories: null, hukouType: null, extremePovertySupport: null }, undefined, 2026).reason).toBe(
      'not in the low-income register',
    );
    expect(premiumSubsidyEntitlement({ ...dibao, activeCategories: [] }, enrolment(), 2026)).toEqual({
      program: 'PREMIUM_SUBSIDY',
      status: 'NOT_ENTITLED',
      reason: 'in the register but holds no active low-income category; but the 2026 enrolment still carries a FIXED (定额资助) subsidy (应退尽退: review it)',
    });
  });
});

describe('MEDICAL_ASSISTANCE', () => {
  it('is covered when the identity is the best category held', () => {
    expect(medicalAssistanceEntitlement(dibao, enrolment(), 2026)).toMatchObject({
      status: 'ENTITLED_COVERED',
      reason: expect.stringContaining('records the assistance identity SUBSISTENCE_ALLOWANCE'),
    });
    const both = { ...dibao, activeCategories: ['RELAPSE_MONITORING' as const, 'SUBSISTENCE_ALLOWANCE' as const] };
    expect(medicalAssistanceEntitlement(both, enrolment(), 2026).status).toBe('ENTITLED_COVERED');
  });

  it('is missing without an enrolment, without an identity, or with a lesser or stale one', () => {
    expect(medicalAssistanceEntitlement(dibao, undefined, 2026).status).toBe('ENTITLED_MISSING');
    expect(medicalAssistanceEntitlement(dibao, enrolment({ assistanceIdentity: null, subsidyKind: 'NONE' }), 2026)).toMatchObject({
      status: 'ENTITLED_MISSING',
      reason: expect.stringContaining('records no assistance identity'),
    });
    const both = { ...dibao, activeCategories: ['RELAPSE_MONITORING' as const, 'SUBSISTENCE_ALLOWANCE' as const] };
    expect(medicalAssistanceEntitlement(both, enrolment({ assistanceIdentity: 'RELAPSE_MONITORING' }), 2026)).toMatchObject({
      status: 'ENTITLED_MISSING',
      reason: expect.stringContaining('a less favourable tier than SUBSISTENCE_ALLOWANCE'),
    });
    expect(medicalAssistanceEntitlement(tekun, enrolment(), 2026)).toMatchObject({
      status: 'ENTITLED_MISSING',
      reason: expect.stringContaining('not a current category'),
    });
  });

  it('is not entitled without a category, and says when claims are still assisted', () => {
    expect(medicalAssistanceEntitlement({}, undefined, 2026)).toEqual({
      program: 'MEDICAL_ASSISTANCE',
      status: 'NOT_ENTITLED',
      reason: 'not in the low-income register',
    });
    expect(medicalAssistanceEntitlement({}, enrolment(), 2026).reason).toContain('应退尽退');
  });
});

describe('both programs', () => {
  it('use the enrolment of the year asked for', () => {
    const enrolments = [enrolment({ year: 2025 }), enrolment({ year: 2024, subsidyKind: 'NONE', assistanceIdentity: null })];
    expect(healthInsuranceEntitlements(dibao, enrolments, 2025).map((e) => e.status)).toEqual(['ENTITLED_COVERED', 'ENTITLED_COVERED']);
    expect(healthInsuranceEntitlements(dibao, enrolments, 2024).map((e) => e.status)).toEqual(['ENTITLED_MISSING', 'ENTITLED_MISSING']);
    expect(healthInsuranceEntitlements(dibao, enrolments, 2026).map((e) => [e.program, e.status])).toEqual([
      ['PREMIUM_SUBSIDY', 'ENTITLED_MISSING'],
      ['MEDICAL_ASSISTANCE', 'ENTITLED_MISSING'],
    ]);
  });
});
