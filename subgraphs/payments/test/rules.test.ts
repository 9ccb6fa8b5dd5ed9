import { parseCsv } from '@lip/shared/csv';
import { checkMonth } from '@lip/shared/periods';
import { codeOf, day } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import { maskAccountNumber, parseReturnRow } from '../src/domain/bank-file.ts';
import { lateness } from '../src/domain/late.ts';
import { fenToYuan, heldPeriod, payrollLine, prorate, type SourceHolding } from '../src/domain/payroll.ts';
import { type PayrollPolicy, payrollPolicy, type TemporaryAssistancePolicy } from '../src/domain/policy.ts';

const PAYROLL_PARAMETERS = [
  'PRORATE_RULE',
  'SUBSISTENCE_STANDARD_URBAN',
  'SUBSISTENCE_STANDARD_RURAL',
  'EXTREME_POVERTY_BASIC_URBAN',
  'EXTREME_POVERTY_BASIC_RURAL',
  'CARE_ALLOWANCE_SELF_CARE',
  'CARE_ALLOWANCE_PARTIALLY_DISABLED',
  'CARE_ALLOWANCE_FULLY_DISABLED',
];

import { checkDecisionAmount, isOverdue, smallAmountFirst } from '../src/domain/temporary-assistance.ts';

const policy: PayrollPolicy = {
  subsistenceStandard: { URBAN: 68000, RURAL: 43000 },
  extremePovertyBasic: { URBAN: 88400, RURAL: 55900 },
  careAllowance: { SELF_CARE: 9500, PARTIALLY_DISABLED: 38000, FULLY_DISABLED: 76000 },
  prorate: 'BY_DAYS',
  approvalDay: 5,
  paymentDueDay: 10,
};
const holding: SourceHolding = {
  holdingId: 'h',
  personIdNumber: '411202195003140015',
  regionCode: '411202001001',
  hukouType: 'RURAL',
  householdId: null,
  deceasedOn: null,
  category: 'SUBSISTENCE_ALLOWANCE',
  subtype: null,
  status: 'ACTIVE',
  validFrom: day('2024-01-01'),
  validTo: null,
  monthlyAmount: null,
  careLevel: null,
  careInstitution: null,
  grantedBy: null,
};
const month = day('2024-02-01');

describe('what a holding earns in a month', () => {
  it('pays the standard for the hukou where no amount was decided, the decided amount otherwise', () => {
    expect(payrollLine(holding, month, policy)?.amountFen).toBe(43000);
    expect(payrollLine({ ...holding, monthlyAmount: '512.34' }, month, policy)?.amountFen).toBe(51234);
  });

  it('adds the care allowance for extreme poverty and pays a centralized person’s institution', () => {
    const line = payrollLine(
      { ...holding, category: 'EXTREME_POVERTY', subtype: 'CENTRALIZED', careLevel: 'PARTIALLY_DISABLED', careInstitution: '福利院' },
      month,
      policy,
    )!;
    expect(line).toMatchObject({ basicFen: 55900, careFen: 38000, amountFen: 93900, payeeKind: 'INSTITUTION', institutionName: '福利院' });
  });

  it('pro-rates a part month by the county rule, counting the day of death, and pays nothing after', () => {
    const died = { ...holding, deceasedOn: day('2024-02-10') };
    expect(heldPeriod(died, month)).toEqual({ from: day('2024-02-01'), to: day('2024-02-10') });
    expect(payrollLine(died, month, policy)?.amountFen).toBe(Math.round((43000 * 10) / 29));
    expect(payrollLine(died, month, { ...policy, prorate: 'WHOLE_MONTH' })?.amountFen).toBe(43000);
    expect(payrollLine(died, month, { ...policy, prorate: 'HELD_ON_15TH' })).toBeNull();
    expect(payrollLine(died, day('2024-03-01'), policy)).toBeNull();
    expect(payrollLine({ ...holding, status: 'ENDED', validTo: day('2024-01-31') }, month, policy)).toBeNull();
    expect(payrollLine({ ...holding, status: 'SUSPENDED' }, month, policy)).toBeNull();
    expect(prorate(43000, { from: day('2024-02-15'), to: day('2024-02-29') }, month, 'HELD_ON_15TH')).toBe(43000);
  });

  it('ends an ENDED holding on its last day: a part month by the rule, nothing the month after', () => {
    const ended = { ...holding, status: 'ENDED' as const, validTo: day('2024-02-20') };
    expect(heldPeriod(ended, month)).toEqual({ from: day('2024-02-01'), to: day('2024-02-20') });
    expect(payrollLine(ended, month, policy)).toMatchObject({ amountFen: Math.round((43000 * 20) / 29), paidTo: day('2024-02-20') });
    for (const rule of ['WHOLE_MONTH', 'BY_DAYS', 'HELD_ON_15TH'] as const)
      expect(payrollLine(ended, day('2024-03-01'), { ...policy, prorate: rule })).toBeNull();
    // A death before the holding's end ends the payment first.
    expect(payrollLine({ ...ended, deceasedOn: day('2024-02-05') }, month, policy)?.paidTo).toEqual(day('2024-02-05'));
  });

  it('takes the county’s PRORATE_RULE parameter, else the city’s, and refuses a value that is no rule', () => {
    const rows = Object.entries({ ...Object.fromEntries(PAYROLL_PARAMETERS.map((name) => [name, 1])), PAYROLL_APPROVAL_DAY: 5, PAYMENT_DUE_DAY: 10 }).map(
      ([name, value]) => ({ regionCode: '411200', year: 2024, name, value }),
    );
    expect(payrollPolicy(rows, '411202', 2024).prorate).toBe('BY_DAYS');
    expect(payrollPolicy([...rows, { regionCode: '411282', year: 2024, name: 'PRORATE_RULE', value: 0 }], '411282', 2024).prorate).toBe('WHOLE_MONTH');
    expect(payrollPolicy([...rows, { regionCode: '411282', year: 2024, name: 'PRORATE_RULE', value: 2 }], '411282', 2024).prorate).toBe('HELD_ON_15TH');
    expect(payrollPolicy([...rows, { regionCode: '411282', year: 2024, name: 'PRORATE_RULE', value: 2 }], '411202', 2024).prorate).toBe('BY_DAYS');
    expect(() => payrollPolicy([...rows, { regionCode: '411282', year: 2024, name: 'PRORATE_RULE', value: 3 }], '411282', 2024)).toThrow(/PRORATE_RULE/);
  });

  it('writes fen as yuan exactly', () => {
    expect([fenToYuan(0), fenToYuan(5), fenToYuan(46065), fenToYuan(-120)]).toEqual(['0.00', '0.05', '460.65', '-1.20']);
  });
});

describe('files and deadlines', () => {
  it('reads return rows and says what is wrong with a bad one', () => {
    const ref = '00000000-0000-4000-8000-000000000001.2';
    expect(parseReturnRow([ref, 'PAID', '', '2024-02-08'], 2)).toMatchObject({ ok: true, value: { attempt: 2, status: 'PAID' } });
    expect(parseReturnRow([ref, 'FAILED', '', ''], 3)).toMatchObject({ ok: false, error: { row: 3 } });
    expect(parseReturnRow([ref, 'PAID', '', '2024-02-30'], 4)).toMatchObject({ ok: false });
    expect(parseReturnRow(['x', 'PAID', '', '2024-02-08'], 5)).toMatchObject({ ok: false });
    expect([...parseCsv('a,"b, ""c""",d\r\n1,2,3')]).toEqual([
      ['a', 'b, "c"', 'd'],
      ['1', '2', '3'],
    ]);
  });

  it('masks account numbers and checks months', () => {
    expect(maskAccountNumber('6228480012345678901')).toBe('6228***********8901');
    expect(codeOf(() => checkMonth('2024-13'))).toMatchObject({ code: 'INVALID_INPUT', field: 'month' });
  });

  it('judges lateness by the due day', () => {
    expect(lateness(day('2024-02-10'), day('2024-02-10'), day('2024-03-01'))).toBeNull();
    expect(lateness(day('2024-02-10'), day('2024-02-12'), day('2024-03-01'))).toMatchObject({ daysLate: 2 });
    expect(lateness(day('2024-02-10'), null, day('2024-02-15'))).toMatchObject({ settledOn: null, daysLate: 5 });
  });

  it('limits temporary assistance by level and dates documentation by working days', () => {
    const limits: TemporaryAssistancePolicy = { townshipLimit: 204000, countyLimit: 816000, smallAmountCap: 100000, documentationWorkingDays: 5 };
    expect(codeOf(() => checkDecisionAmount(204000, 'TOWNSHIP', limits))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkDecisionAmount(204001, 'TOWNSHIP', limits))).toMatchObject({ code: 'FORBIDDEN', reason: 'ABOVE_TOWNSHIP_LIMIT' });
    expect(codeOf(() => checkDecisionAmount(816001, 'COUNTY', limits))).toMatchObject({ code: 'INVALID_INPUT', reason: 'ABOVE_MAXIMUM' });
    // 2024-09-30 (Monday) + 5 working days skips the National Day holiday (1–7 October).
    expect(smallAmountFirst(80000, day('2024-09-30'), limits).documentationDueOn).toEqual(day('2024-10-12'));
    expect(isOverdue({ documentationDueOn: day('2024-10-12'), documentedAt: null }, day('2024-10-14'))).toBe(true);
    expect(isOverdue({ documentationDueOn: day('2024-10-12'), documentedAt: new Date() }, day('2024-10-14'))).toBe(false);
  });
});
