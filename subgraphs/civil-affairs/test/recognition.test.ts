// The steps of a case, their deadlines in working days, the review plan, the verification
// report's differences, the application's checks and the legal-aid report's escaping.

import { WorkingCalendar } from '@lip/shared/calendar';
import { codeOf, day } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import { checkApplication } from '../src/domain/application.ts';
import type { RecognitionPolicy } from '../src/domain/assessment.ts';
import { escapeHtml, renderLegalAidReport } from '../src/domain/legal-aid-report.ts';
import {
  checkNoticeClosed,
  checkStepDate,
  checkTransition,
  decisionDueOn,
  graceUntil,
  isOverdue,
  noticeEndOn,
  planReview,
  stepDueOn,
} from '../src/domain/recognition.ts';
import { buildVerification } from '../src/domain/verification.ts';

const policy = {
  acceptWorkingDays: 5,
  decisionWorkingDays: 30,
  decisionWorkingDaysExtended: 45,
  noticeDays: 7,
  notifyWorkingDays: 3,
  exitGraceMonths: 6,
} as RecognitionPolicy;
// 2026-10-01..07 National Day holidays, 2026-10-10 (Saturday) a make-up working day.
const calendar = new WorkingCalendar({
  '2026': {
    holidays: Object.fromEntries(['01', '02', '03', '04', '05', '06', '07'].map((d) => [`2026-10-${d}`, '国庆节'])),
    workdays: { '2026-10-10': '国庆节调休' },
  },
});

describe('steps', () => {
  it('allows the application’s steps in order, withdrawal before the decision, and nothing else', () => {
    expect(codeOf(() => checkTransition('APPLICATION', 'SUBMITTED', 'ACCEPTED'))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkTransition('APPLICATION', 'PUBLIC_NOTICE', 'ACCEPTED'))).toEqual({ code: 'NONE' });
    for (const step of ['SUBMITTED', 'ACCEPTED', 'INVESTIGATED', 'VERIFIED', 'TOWNSHIP_REVIEWED', 'PUBLIC_NOTICE'] as const) {
      expect(codeOf(() => checkTransition('APPLICATION', step, 'WITHDRAWN'))).toEqual({ code: 'NONE' });
    }
    for (const step of ['CONFIRMED', 'REJECTED', 'NOTIFIED', 'NOT_ACCEPTED', 'WITHDRAWN'] as const) {
      expect(codeOf(() => checkTransition('APPLICATION', step, 'WITHDRAWN'))).toMatchObject({ code: 'INVALID_TRANSITION', from: step, to: 'WITHDRAWN' });
    }
    expect(codeOf(() => checkTransition('APPLICATION', 'SUBMITTED', 'VERIFIED')).code).toBe('INVALID_TRANSITION');
    expect(codeOf(() => checkTransition('APPLICATION', 'VERIFIED', 'CONFIRMED')).code).toBe('INVALID_TRANSITION');
  });

  it('runs a review in short form: accepted, verified, decided, notified', () => {
    expect(codeOf(() => checkTransition('REVIEW', 'ACCEPTED', 'VERIFIED'))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkTransition('REVIEW', 'VERIFIED', 'CONFIRMED'))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkTransition('REVIEW', 'VERIFIED', 'TOWNSHIP_REVIEWED')).code).toBe('INVALID_TRANSITION');
    expect(codeOf(() => checkTransition('REVIEW', 'VERIFIED', 'REJECTED')).code).toBe('INVALID_TRANSITION');
  });

  it('dates a step no later than today and no earlier than the previous one', () => {
    expect(checkStepDate(day('2026-05-05'), day('2026-05-05'), day('2026-05-05'))).toEqual(day('2026-05-05'));
    expect(codeOf(() => checkStepDate(day('2026-05-06'), day('2026-05-05'), day('2026-05-01')))).toMatchObject({ code: 'INVALID_INPUT', field: 'on' });
    expect(codeOf(() => checkStepDate(day('2026-04-30'), day('2026-05-05'), day('2026-05-01')))).toMatchObject({ code: 'INVALID_INPUT', field: 'on' });
  });
});

describe('deadlines', () => {
  it('counts working days past holidays and make-up days', () => {
    // Accepted Wednesday 2026-09-30: 30 working days skip the holiday week and count Saturday 10-10.
    expect(decisionDueOn(day('2026-09-30'), false, policy, calendar)).toEqual(day('2026-11-17'));
    expect(decisionDueOn(day('2026-09-30'), true, policy, calendar)).toEqual(day('2026-12-08'));
    expect(stepDueOn('SUBMITTED', { submittedOn: day('2026-09-29') }, policy, calendar)).toEqual(day('2026-10-12'));
  });

  it('gives each step its due date, and none to a closed case', () => {
    const dates = { submittedOn: day('2026-03-02'), decisionDueOn: day('2026-04-14'), decidedOn: day('2026-04-10') };
    for (const step of ['ACCEPTED', 'INVESTIGATED', 'VERIFIED', 'TOWNSHIP_REVIEWED', 'PUBLIC_NOTICE'] as const)
      expect(stepDueOn(step, dates, policy, calendar)).toEqual(day('2026-04-14'));
    expect(stepDueOn('CONFIRMED', dates, policy, calendar)).toEqual(day('2026-04-15'));
    for (const step of ['NOTIFIED', 'WITHDRAWN', 'NOT_ACCEPTED'] as const) expect(stepDueOn(step, dates, policy, calendar)).toBeNull();
  });

  it('is overdue the day after the due date, not on it', () => {
    expect(isOverdue(day('2026-04-14'), day('2026-04-14'))).toBe(false);
    expect(isOverdue(day('2026-04-14'), day('2026-04-15'))).toBe(true);
    expect(isOverdue(null, day('2026-04-15'))).toBe(false);
  });

  it('ends the notice after its days, and decides only after it with every objection answered', () => {
    expect(noticeEndOn(day('2026-04-01'), policy)).toEqual(day('2026-04-08'));
    expect(codeOf(() => checkNoticeClosed(day('2026-04-08'), day('2026-04-07'), 0))).toMatchObject({ code: 'CONFLICT', reason: 'NOTICE_RUNNING' });
    expect(codeOf(() => checkNoticeClosed(day('2026-04-08'), day('2026-04-08'), 1))).toMatchObject({ code: 'CONFLICT', reason: 'OBJECTION_UNANSWERED' });
    expect(codeOf(() => checkNoticeClosed(day('2026-04-08'), day('2026-04-08'), 0))).toEqual({ code: 'NONE' });
  });

  it('keeps paying through the grace period’s last day', () => {
    expect(graceUntil(day('2026-01-31'), policy)).toEqual(day('2026-07-30'));
  });
});

describe('review plan', () => {
  const grant = (idNumber: string, category: 'SUBSISTENCE_ALLOWANCE' | 'NEAR_SUBSISTENCE', monthlyAmount: string | null) => ({
    idNumber,
    category,
    subtype: null,
    monthlyAmount,
    careLevel: null,
    careInstitution: null,
  });
  const held = [{ holdingId: 'h1', idNumber: 'A', category: 'SUBSISTENCE_ALLOWANCE' as const, monthlyAmount: '420.00' }];
  it('continues, changes an amount, changes a category, or exits', () => {
    expect(planReview(held, [grant('A', 'SUBSISTENCE_ALLOWANCE', '420.00')])).toEqual({
      outcome: 'CONTINUE',
      keep: [{ holdingId: 'h1', monthlyAmount: '420.00', changed: false }],
      end: [],
      grant: [],
    });
    expect(planReview(held, [grant('A', 'SUBSISTENCE_ALLOWANCE', '300.00')])).toMatchObject({
      outcome: 'CHANGE',
      keep: [{ changed: true, monthlyAmount: '300.00' }],
    });
    expect(planReview(held, [grant('A', 'NEAR_SUBSISTENCE', null)])).toMatchObject({
      outcome: 'CHANGE',
      end: ['h1'],
      grant: [{ category: 'NEAR_SUBSISTENCE' }],
    });
    expect(planReview(held, [])).toEqual({ outcome: 'EXIT', keep: [], end: ['h1'], grant: [] });
  });
});

describe('verification report', () => {
  const base = {
    on: day('2026-06-30'),
    declared: {
      submittedOn: day('2026-06-01'),
      incomes: [{ kind: 'WAGES', memberIdNumber: 'A', monthlyAmount: '500.00' }],
      assets: [{ kind: 'DEPOSITS', value: '1000.00', description: '存款' }],
      expenditures: [{ kind: 'MEDICAL', annualAmount: '9000.00', description: '住院' }],
    },
    register: { monthlyIncome: '500.00', financialAssets: '1000.00', realEstateCount: 0, vehicleCount: 0, updatedAt: day('2026-05-01') },
    unavailable: [] as string[],
  };
  it('lists each item with its source and date and finds no difference where records agree', () => {
    const report = buildVerification({
      ...base,
      departments: [
        { idNumber: 'A', medicalYearTotals: [{ year: 2026, outOfPocketTotal: '9500.00' }], unionAssistance: [], urbanHousingAssistances: [], feedRecords: [] },
      ],
    });
    expect(report.items).toContainEqual({ source: '申请人申报', idNumber: 'A', item: '工资性收入 (元/月)', value: '500.00', asOf: '2026-06-01' });
    expect(report.items).toContainEqual({ source: '医保局', idNumber: 'A', item: '2026 年医疗费用个人自付 (元)', value: '9500.00', asOf: '2026-06-30' });
    expect(report.differences).toEqual([]);
  });

  it('lists what was found but not declared', () => {
    const report = buildVerification({
      ...base,
      register: { ...base.register, financialAssets: '50000.00', vehicleCount: 1 },
      departments: [
        {
          idNumber: 'A',
          medicalYearTotals: [{ year: 2026, outOfPocketTotal: '2000.00' }],
          unionAssistance: [
            { kind: 'LIVING', amount: '1200.00', grantedOn: '2026-03-01' },
            { kind: 'LIVING', amount: '800.00', grantedOn: '2025-01-01' },
          ],
          urbanHousingAssistances: [{ kind: 'RENT_SUBSIDY', monthlyAmount: '300.00', startDate: '2025-01-01', current: true }],
          feedRecords: [],
        },
      ],
    });
    expect(report.differences).toEqual([
      '申报存款和有价证券 1000.00 元，登记为 50000.00 元',
      '申报机动车 0 辆，登记为 1 辆',
      '申报年医疗支出 9000.00 元，医保记录本年个人自付 2000.00 元',
      '近 12 个月工会帮扶 1200.00 元，申报转移净收入每月 0.00 元',
      '在享住房保障每月 300.00 元，申报转移净收入每月 0.00 元',
    ]);
  });

  it('lists the outside feeds’ rows with their source and date, and compares the newest of each with what was declared', () => {
    const row = (
      feed: string,
      source: string,
      occurredOn: string,
      state: Partial<Record<'status' | 'kind' | 'reference' | 'amount', string>> & { level?: number },
    ) => ({
      feed,
      source,
      occurredOn,
      status: null,
      kind: null,
      level: null,
      amount: null,
      reference: null,
      ...state,
    });
    const none = { medicalYearTotals: [], unionAssistance: [], urbanHousingAssistances: [] };
    const report = buildVerification({
      ...base,
      declared: { ...base.declared, assets: [...base.declared.assets, { kind: 'VEHICLE', value: '30000.00', description: '旧车' }], expenditures: [] },
      register: { ...base.register, vehicleCount: 1 },
      departments: [
        {
          idNumber: 'A',
          ...none,
          // Newest first: the second car was sold (deregistered) after it was bought, one business is cancelled.
          feedRecords: [
            row('VEHICLE', '公安交管 机动车登记', '2026-04-01', { status: 'DEREGISTERED', kind: 'CAR', amount: '80000' }),
            row('VEHICLE', '公安交管 机动车登记', '2025-01-01', { status: 'REGISTERED', kind: 'CAR', amount: '80000' }),
            row('BUSINESS', '市场监管 市场主体登记', '2026-02-01', { status: 'ACTIVE', reference: '92411202MA0001', amount: '50000' }),
            row('BUSINESS', '市场监管 市场主体登记', '2025-02-01', { status: 'CANCELLED', reference: '92411202MA0002', amount: '10000' }),
            row('REAL_ESTATE', '不动产登记', '2024-05-01', { status: 'REGISTERED', level: 2, amount: '90.5' }),
          ],
        },
        { idNumber: 'B', ...none, feedRecords: [row('UNEMPLOYMENT', '人社 登记失业人员', '2026-05-20', { status: 'EMPLOYED' })] },
      ],
    });
    expect(report.items).toEqual(
      expect.arrayContaining([
        { source: '公安交管 机动车登记', idNumber: 'A', item: '机动车 小型汽车（已注销或转出）购置价 (元)', value: '80000.00', asOf: '2026-04-01' },
        { source: '市场监管 市场主体登记', idNumber: 'A', item: '市场主体 92411202MA0001（存续）注册资本 (元)', value: '50000.00', asOf: '2026-02-01' },
        { source: '不动产登记', idNumber: 'A', item: '不动产登记，建筑面积 90.5 平方米，登记后名下住房 (套)', value: '2', asOf: '2024-05-01' },
        { source: '人社 登记失业人员', idNumber: 'B', item: '失业登记状态', value: '已就业', asOf: '2026-05-20' },
      ]),
    );
    // The car declared matches the register; the deregistered one is no difference.
    expect(report.differences).toEqual([
      '申报企业或个体工商户 0 个，市场监管登记存续 1 个',
      '申报房产 0 套，不动产登记成员名下住房合计 2 套',
      '人社记录 B 号成员 2026-05-20 已就业，未申报其工资性收入',
    ]);
  });

  it('says which sources could not be read instead of comparing with nothing', () => {
    const report = buildVerification({ ...base, departments: [], unavailable: ['医保局'] });
    expect(report.unavailable).toEqual(['医保局']);
    expect(report.differences).toEqual([]);
  });
});

describe('application checks', () => {
  const input = {
    channel: 'IN_PERSON' as const,
    submittedOn: day('2026-06-01'),
    members: [{ idNumber: 'A', ableToWork: true }],
    incomes: [{ memberIdNumber: 'A', kind: 'WAGES' as const, monthlyAmount: '0' }],
  };
  it('defaults the members’ facts and keeps zero amounts', () => {
    expect(checkApplication(input, day('2026-06-01'))).toEqual({
      alertId: null,
      members: [{ idNumber: 'A', ableToWork: true, severeDisability: false, hasSupporter: true, careLevel: null, careInstitution: null }],
      incomes: [{ memberIdNumber: 'A', kind: 'WAGES', monthlyAmount: '0' }],
      assets: [],
      expenditures: [],
    });
  });
  it('names the first bad field', () => {
    expect(
      codeOf(() =>
        checkApplication({ ...input, members: Array.from({ length: 21 }, (_, i) => ({ idNumber: String(i), ableToWork: true })) }, day('2026-06-01')),
      ),
    ).toMatchObject({ field: 'members' });
    expect(
      codeOf(() => checkApplication({ ...input, incomes: [{ memberIdNumber: 'B', kind: 'WAGES', monthlyAmount: '1' }] }, day('2026-06-01'))),
    ).toMatchObject({ field: 'incomes.0.memberIdNumber' });
    expect(codeOf(() => checkApplication({ ...input, incomes: [{ kind: 'WAGES', monthlyAmount: '-0.01' }] }, day('2026-06-01')))).toMatchObject({
      field: 'incomes.0.monthlyAmount',
    });
    expect(codeOf(() => checkApplication({ ...input, channel: 'MONITORING_ALERT', alertId: '  ' }, day('2026-06-01')))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(
      codeOf(() => checkApplication({ ...input, members: [{ idNumber: 'A', ableToWork: true, careInstitution: 'x'.repeat(101) }] }, day('2026-06-01'))),
    ).toMatchObject({ field: 'members.0.careInstitution' });
  });
});

describe('legal-aid report', () => {
  it('escapes every value it prints', () => {
    expect(escapeHtml(`<script>"a"&'b'</script>`)).toBe('&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/script&gt;');
    const html = renderLegalAidReport({
      issuedOn: '2026-06-30',
      requestedBy: 'justice',
      applicant: { name: '<b>王</b>', idNumber: '411202197001010011' },
      address: 'x',
      region: '三门峡市',
      members: [],
      report: {
        assembledOn: '2026-06-30',
        items: [{ source: '医保局', idNumber: null, item: '<i>', value: '1', asOf: '2026-06-30' }],
        differences: [],
        unavailable: [],
      },
      assessment: null,
      assessedOn: null,
    });
    expect(html).not.toContain('<b>王</b>');
    expect(html).toContain('&lt;b&gt;王&lt;/b&gt;');
    expect(html).toContain('<td>全户</td><td>&lt;i&gt;</td>');
    expect(html).toContain('该家庭暂无认定审核记录');
  });
});
