import { codeOf, day } from '@lip/shared/testing';
import { checkReason } from '@lip/shared/text';
import { describe, expect, it } from 'vitest';
import { checkGrant, checkSubtype, exclusiveWith, nextStatus } from '../src/domain/holdings.ts';

const alive = { deceasedOn: null };

describe('category rules', () => {
  it('dibao and extreme poverty exclude each other, and nothing else', () => {
    expect(exclusiveWith('SUBSISTENCE_ALLOWANCE')).toEqual(['EXTREME_POVERTY']);
    expect(exclusiveWith('EXTREME_POVERTY')).toEqual(['SUBSISTENCE_ALLOWANCE']);
    expect(exclusiveWith('RELAPSE_MONITORING')).toEqual([]);
  });

  it('refuses extreme poverty to a dibao holder, but allows it once dibao has ended', () => {
    const request = { category: 'EXTREME_POVERTY' as const, subtype: 'DISPERSED' as const, validFrom: day('2024-01-01') };
    expect(codeOf(() => checkGrant(alive, [{ category: 'SUBSISTENCE_ALLOWANCE', status: 'ACTIVE' }], request))).toMatchObject({
      code: 'CONFLICT',
      reason: 'MUTUALLY_EXCLUSIVE',
    });
    expect(codeOf(() => checkGrant(alive, [{ category: 'SUBSISTENCE_ALLOWANCE', status: 'SUSPENDED' }], request))).toMatchObject({
      reason: 'MUTUALLY_EXCLUSIVE',
    });
    expect(codeOf(() => checkGrant(alive, [{ category: 'SUBSISTENCE_ALLOWANCE', status: 'ENDED' }], request))).toEqual({ code: 'NONE' });
  });

  it('lets relapse monitoring sit beside dibao', () => {
    const request = { category: 'RELAPSE_MONITORING' as const, subtype: 'MARGINAL_AT_RISK' as const, validFrom: day('2024-01-01') };
    expect(codeOf(() => checkGrant(alive, [{ category: 'SUBSISTENCE_ALLOWANCE', status: 'ACTIVE' }], request))).toEqual({ code: 'NONE' });
  });

  it('refuses a deceased person and a category already held', () => {
    const request = { category: 'NEAR_SUBSISTENCE' as const, validFrom: day('2024-01-01') };
    expect(codeOf(() => checkGrant({ deceasedOn: day('2023-05-01') }, [], request))).toMatchObject({ code: 'CONFLICT', reason: 'PERSON_DECEASED' });
    expect(codeOf(() => checkGrant(alive, [{ category: 'NEAR_SUBSISTENCE', status: 'SUSPENDED' }], request))).toMatchObject({ reason: 'ALREADY_HELD' });
  });

  it('requires the right subtype for each category', () => {
    expect(codeOf(() => checkSubtype('EXTREME_POVERTY', null))).toMatchObject({ code: 'INVALID_INPUT', field: 'subtype' });
    expect(codeOf(() => checkSubtype('EXTREME_POVERTY', 'MARGINAL_AT_RISK'))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(codeOf(() => checkSubtype('EXTREME_POVERTY', 'CENTRALIZED'))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkSubtype('RELAPSE_MONITORING', 'SUDDEN_SEVERE_HARDSHIP'))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkSubtype('SUBSISTENCE_ALLOWANCE', 'DISPERSED'))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses a validity that ends before it starts', () => {
    const request = { category: 'OTHER_HARDSHIP' as const, validFrom: day('2024-06-01'), validTo: day('2024-05-31') };
    expect(codeOf(() => checkGrant(alive, [], request))).toMatchObject({ code: 'INVALID_INPUT', field: 'validTo' });
  });
});

describe('support terms', () => {
  const validFrom = day('2024-01-01');
  it('take an amount for basic living assistance only, and more than zero', () => {
    expect(codeOf(() => checkGrant(alive, [], { category: 'SUBSISTENCE_ALLOWANCE', validFrom, monthlyAmount: '620.50' }))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkGrant(alive, [], { category: 'NEAR_SUBSISTENCE', validFrom, monthlyAmount: '100' }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'monthlyAmount',
    });
    expect(codeOf(() => checkGrant(alive, [], { category: 'SUBSISTENCE_ALLOWANCE', validFrom, monthlyAmount: '0.00' }))).toMatchObject({
      field: 'monthlyAmount',
    });
  });
  it('give care only to extreme poverty, and an institution only when centralized', () => {
    const dispersed = { category: 'EXTREME_POVERTY' as const, subtype: 'DISPERSED' as const, validFrom };
    expect(codeOf(() => checkGrant(alive, [], { ...dispersed, careLevel: 'FULLY_DISABLED' }))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkGrant(alive, [], { ...dispersed, careInstitution: '灵宝市敬老院' }))).toMatchObject({ field: 'careInstitution' });
    expect(codeOf(() => checkGrant(alive, [], { ...dispersed, subtype: 'CENTRALIZED', careInstitution: '灵宝市敬老院' }))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkGrant(alive, [], { category: 'SUBSISTENCE_ALLOWANCE', validFrom, careLevel: 'SELF_CARE' }))).toMatchObject({
      field: 'careLevel',
    });
  });
  it('review no earlier than the holding starts', () => {
    expect(codeOf(() => checkGrant(alive, [], { category: 'OTHER_HARDSHIP', validFrom, nextReviewOn: day('2023-12-31') }))).toMatchObject({
      field: 'nextReviewOn',
    });
  });
});

describe('holding status machine', () => {
  it('allows suspend, resume and end from the right states only', () => {
    expect(nextStatus('SUSPEND', 'ACTIVE')).toBe('SUSPENDED');
    expect(nextStatus('RESUME', 'SUSPENDED')).toBe('ACTIVE');
    expect(nextStatus('END', 'ACTIVE')).toBe('ENDED');
    expect(nextStatus('END', 'SUSPENDED')).toBe('ENDED');
    expect(codeOf(() => nextStatus('RESUME', 'ACTIVE'))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'ACTIVE' });
    expect(codeOf(() => nextStatus('SUSPEND', 'ENDED'))).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(codeOf(() => nextStatus('END', 'ENDED'))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('needs a real reason', () => {
    expect(checkReason('  复核收入超标  ')).toBe('复核收入超标');
    expect(codeOf(() => checkReason(' '))).toMatchObject({ code: 'INVALID_INPUT', field: 'reason' });
  });
});
