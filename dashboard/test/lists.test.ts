import { describe, expect, it } from 'vitest';
import { type AlertNode, alertQueueRows, type CaseNode, COLUMNS, gapRows, gapSummary, type RosterPerson, reviewRows } from '../src/lists.ts';

const person = (idNumber: string, overrides: Partial<RosterPerson> = {}): RosterPerson => ({
  idNumber,
  name: '王建国',
  sex: 'MALE',
  age: 58,
  phone: null,
  region: { code: '411202001001', fullName: '三门峡市湖滨区湖滨街道' },
  activeCategories: ['SUBSISTENCE_ALLOWANCE'],
  holdings: [],
  educationEntitlements: [],
  housingEntitlements: [{ program: 'URBAN_HOUSING', status: 'ENTITLED_MISSING', reason: '城镇低保，无住房保障记录' }],
  healthInsuranceEntitlements: [
    { program: 'PREMIUM_SUBSIDY', status: 'ENTITLED_COVERED', reason: '已资助参保' },
    { program: 'MEDICAL_ASSISTANCE', status: 'ENTITLED_MISSING', reason: '无医疗救助记录' },
  ],
  unionEntitlements: null,
  ...overrides,
});

describe('coverage gaps', () => {
  it('lists each program a department decides ENTITLED_MISSING, for one department when asked', () => {
    const persons = [person('411202196807020017'), person('411202197001010011', { housingEntitlements: [] })];
    expect(gapRows(persons).map((r) => `${r.idNumber}/${r.department}/${r.program}`)).toEqual([
      '411202196807020017/HOUSING/URBAN_HOUSING',
      '411202196807020017/HEALTH_INSURANCE/MEDICAL_ASSISTANCE',
      '411202197001010011/HEALTH_INSURANCE/MEDICAL_ASSISTANCE',
    ]);
    expect(gapRows(persons, 'HOUSING')).toHaveLength(1);
    expect(gapSummary(gapRows(persons))).toEqual([
      { department: 'HEALTH_INSURANCE', program: 'MEDICAL_ASSISTANCE', persons: 2 },
      { department: 'HOUSING', program: 'URBAN_HOUSING', persons: 1 },
    ]);
  });
});

describe('reviews due', () => {
  it('keeps overdue and soon-due holdings, soonest first, and counts days in the calendar', () => {
    const holding = (id: string, nextReviewOn: string | null) => ({
      id,
      category: 'SUBSISTENCE_ALLOWANCE' as const,
      nextReviewOn,
      validFrom: '2024-01-01',
      monthlyAmount: null,
    });
    const persons = [
      person('411202196807020017', { holdings: [holding('a', '2026-12-20'), holding('b', null)] }),
      person('411202197001010011', { holdings: [holding('c', '2026-11-25'), holding('d', '2027-03-01')] }),
    ];
    expect(reviewRows(persons, '2026-11-30').map((r) => [r.idNumber, r.nextReviewOn, r.daysLeft])).toEqual([
      ['411202197001010011', '2026-11-25', -5],
      ['411202196807020017', '2026-12-20', 20],
    ]);
  });
});

describe('export columns', () => {
  it('head every list with Chinese first, English second', () => {
    for (const columns of Object.values(COLUMNS)) for (const column of columns) expect(column.header).toMatch(/^[\u4e00-\u9fff]+ [A-Z][A-Za-z ]+$/);
    expect(COLUMNS.roster.map((c) => c.value(person('411202196807020017')))).toEqual([
      '411202196807020017',
      '王建国',
      '男',
      58,
      '',
      '三门峡市湖滨区湖滨街道',
      '最低生活保障对象 Subsistence allowance',
    ]);
  });
});

describe('recognition cases export', () => {
  it('writes each case with its head of household, labels in Chinese and English, and blanks for what is unknown', () => {
    const row = (head: { idNumber: string; name: string } | null, stepDueOn: string | null) =>
      COLUMNS.cases.map((c) =>
        c.value({
          id: '1',
          kind: 'APPLICATION',
          step: 'INVESTIGATED',
          stepDueOn,
          overdue: stepDueOn !== null && stepDueOn < '2026-11-30',
          submittedOn: '2026-11-01',
          regionCode: '411224100001',
          household: { id: 'h', head },
        } satisfies CaseNode),
      );
    expect(row({ idNumber: '411224197409051438', name: '李秀英' }, '2026-11-20')).toEqual([
      '2026-11-20',
      '是 Yes',
      '411224197409051438',
      '李秀英',
      '认定申请 Application',
      '已入户调查 Investigated',
      '2026-11-01',
      '411224100001',
    ]);
    expect(row(null, null).slice(0, 4)).toEqual(['', '否 No', '', '']);
  });
});

describe('open alerts in the queue', () => {
  it('puts alerts with an open referral first by its due date, then the rest newest first', () => {
    const alert = (id: string, raisedAt: string, referrals: { dueOn: string; status: 'PENDING' | 'ACCEPTED' | 'SENT_BACK' }[]): AlertNode => ({
      id,
      personIdNumber: '411202196807020017',
      person: { name: '王建国' },
      regionCode: '411202001001',
      ruleCode: 'DEATH_REPORTED',
      severity: 'HIGH',
      status: referrals.length ? 'REFERRED' : 'OPEN',
      raisedAt,
      rule: { nameZh: '死亡' },
      referrals,
    });
    const rows = alertQueueRows([
      alert('old', '2026-11-01T00:00:00Z', []),
      alert('new', '2026-11-20T00:00:00Z', []),
      alert('later', '2026-11-02T00:00:00Z', [{ dueOn: '2026-12-10', status: 'ACCEPTED' }]),
      // A referral sent back no longer counts: its due date is not the alert's.
      alert('sooner', '2026-11-03T00:00:00Z', [
        { dueOn: '2026-11-01', status: 'SENT_BACK' },
        { dueOn: '2026-12-01', status: 'PENDING' },
      ]),
    ]);
    expect(rows.map((r) => [r.alert.id, r.dueOn])).toEqual([
      ['sooner', '2026-12-01'],
      ['later', '2026-12-10'],
      ['new', null],
      ['old', null],
    ]);
  });
});
