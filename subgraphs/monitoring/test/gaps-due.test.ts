// Time-based rules: a gap recorded on one day raises its alert on the day it passes the grace
// period, with no new signal; on PGlite and (TEST_DATABASE_URL) a PostgreSQL server.

import { dateOf } from '@lip/shared/calendar';
import { makeIdNumber } from '@lip/shared/id-number';
import type { DepartmentSignal } from '@lip/shared/signal-changes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFacts } from '../src/domain/evaluate.ts';
import { dueWindows, gapThresholds } from '../src/domain/gaps-due.ts';
import { dueOn } from '../src/domain/referrals.ts';
import type { GraphClient, PersonView } from '../src/engine/graph.ts';
import { GAPS_DUE_STREAM, runMonitoring } from '../src/engine/run.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { openMigratedDatabase } from './database.ts';

describe('gapThresholds and dueWindows', () => {
  const parameters = [
    { regionCode: '4112', year: 2024, name: 'graceDays', value: 30 },
    { regionCode: '411202', year: 2025, name: 'graceDays', value: 20 },
    { regionCode: '4112', year: 2024, name: 'other', value: 99 },
  ];

  it('reads each department compared with a parameter or a number, either way round', () => {
    expect(gapThresholds({ expression: 'has(gaps.EDUCATION) && gaps.EDUCATION >= params.graceDays', parameters })).toEqual([
      { department: 'EDUCATION', minDays: 20, maxDays: 30 },
    ]);
    expect(gapThresholds({ expression: '7 < gaps.UNION || (has(gaps.HOUSING) && gaps.HOUSING > 14)', parameters: [] })).toEqual([
      { department: 'UNION', minDays: 8, maxDays: 8 },
      { department: 'HOUSING', minDays: 15, maxDays: 15 },
    ]);
    expect(gapThresholds({ expression: 'has(feed.DEATH) && size(person.everHeld) > 0', parameters })).toEqual([]);
  });

  it('spans the missingSince dates coming due after the previous day and by this one', () => {
    const thresholds = [
      { department: 'EDUCATION', minDays: 20, maxDays: 30 },
      { department: 'EDUCATION', minDays: 25, maxDays: 25 },
    ];
    expect(dueWindows(thresholds, dateOf('2025-07-01'), dateOf('2025-07-03'))).toEqual([{ department: 'EDUCATION', after: '2025-06-01', upTo: '2025-06-13' }]);
    expect(dueWindows(thresholds, null, dateOf('2025-07-03'))).toEqual([{ department: 'EDUCATION', after: null, upTo: '2025-06-13' }]);
    expect(dueWindows(thresholds, dateOf('2025-07-03'), dateOf('2025-07-03'))).toEqual([]);
    expect(dueWindows(thresholds, dateOf('2025-07-04'), dateOf('2025-07-03'))).toEqual([]);
  });
});

describe('a run on a later day with no new signal', () => {
  let prisma: PrismaClient;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ prisma, close } = await openMigratedDatabase());
  });
  afterAll(() => close?.());

  const id = (sequence: number) => makeIdNumber({ areaCode: '411202', birthDate: '2010-03-03', sequence });
  const [student, housed] = [id(1), id(2)];
  const inRegister = (idNumber: string, household: string): DepartmentSignal<string> => ({
    personIdNumber: idNumber,
    source: 'REGISTER',
    status: 'LIVING',
    kind: 'SUBSISTENCE_ALLOWANCE',
    level: 1,
    amount: '500.00',
    occurredOn: null,
    regionCode: '411202001001',
    reference: household,
  });
  // Education and housing each publish one change of a person; their entitlements stay missing.
  const departmentPage = (idNumber: string, source: string): DepartmentSignal<string> => ({
    personIdNumber: idNumber,
    source,
    status: 'ENROLLED',
    kind: '',
    level: 0,
    amount: '0',
    occurredOn: '2025-06-01',
    regionCode: '411202001001',
    reference: `${source}-1`,
  });
  const pages: Partial<Record<string, DepartmentSignal<string>[]>> = {
    EDUCATION: [departmentPage(student, 'STUDENT_ENROLLED')],
    HOUSING: [departmentPage(housed, 'DWELLING_ASSESSED')],
    CIVIL_AFFAIRS: [inRegister(student, 'h1'), inRegister(housed, 'h2')],
  };
  const missing: Record<string, Record<string, string>> = {
    [student]: { EDUCATION_ASSISTANCE: 'ENTITLED_MISSING' },
    [housed]: { URBAN_HOUSING: 'ENTITLED_MISSING' },
  };
  let asked: string[] = [];
  const graph: GraphClient = {
    persons: async (idNumbers) => {
      asked.push(...idNumbers);
      const views = new Map<string, PersonView>();
      for (const signal of pages.CIVIL_AFFAIRS!) {
        if (!idNumbers.includes(signal.personIdNumber)) continue;
        views.set(signal.personIdNumber, {
          facts: registerFacts(signal),
          entitlements: missing[signal.personIdNumber] ?? {},
          departmentsAnswered: ['EDUCATION', 'HOUSING', 'HEALTH_INSURANCE', 'UNION'],
        });
      }
      return views;
    },
    recordDeath: async () => true,
    departmentSignals: async (department, after) =>
      after === null && pages[department] ? { signals: pages[department], cursor: '1', hasMore: false } : { signals: [], cursor: after ?? '0', hasMore: false },
    latePayments: async () => [],
  };
  const run = (on: string) => {
    asked = [];
    return runMonitoring(prisma, graph, { trigger: 'SCHEDULED', requestedBy: 'test', on: dateOf(on) });
  };
  const gapAlerts = () => prisma.alert.findMany({ where: { ruleCode: { startsWith: 'ENTITLEMENT_GAP_' } }, include: { referrals: true } });

  it('records the gaps on the day the departments leave them missing, and raises nothing that day', async () => {
    await run('2025-06-02');
    const gaps = await prisma.personSignal.findMany({ where: { source: 'ENTITLEMENTS' }, orderBy: { personIdNumber: 'asc' } });
    expect(gaps.map((gap) => [gap.personIdNumber, gap.state])).toEqual([
      [student, { EDUCATION: '2025-06-02' }],
      [housed, { HOUSING: '2025-06-02' }],
    ]);
    await run('2025-06-02'); // the same day again
    expect(await gapAlerts()).toEqual([]);
    expect((await prisma.runCursor.findUnique({ where: { stream: GAPS_DUE_STREAM } }))?.position).toBe('2025-06-02');
  });

  it('does not raise the day before the grace period ends (29 days), nor evaluate anyone', async () => {
    const before = await run('2025-07-01');
    expect(before.persons).toBe(0);
    expect(asked).toEqual([]);
    expect(await gapAlerts()).toEqual([]);
  });

  it('raises education’s alert on the 30th day, referred with the due date counted from that day; housing (60 days) not yet', async () => {
    const due = await run('2025-07-02');
    expect(due.persons).toBe(1);
    expect(asked).toEqual([student]);
    const [alert, ...others] = await gapAlerts();
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ personIdNumber: student, ruleCode: 'ENTITLEMENT_GAP_EDUCATION', status: 'REFERRED' });
    expect(alert!.referrals).toHaveLength(1);
    expect(alert!.referrals[0]).toMatchObject({ office: 'EDUCATION', status: 'PENDING' });
    expect(alert!.referrals[0]!.dueOn).toEqual(dueOn(dateOf('2025-07-02'), 10));
    expect(alert!.evidence).toContainEqual(
      expect.objectContaining({ source: 'ENTITLEMENTS', state: expect.objectContaining({ missingSince: { EDUCATION: '2025-06-02' } }) }),
    );
  });

  it('raises nothing again on the same day, and housing’s on its 60th day after a gap of several days without runs', async () => {
    const again = await run('2025-07-02');
    expect(again.raised).toBe(0);
    expect(again.persons).toBe(0);
    const late = await run('2025-08-05'); // the 64th day: due since the previous run's day
    expect(late.raised).toBe(1);
    expect(asked).toEqual([housed]);
    expect((await gapAlerts()).map((alert) => [alert.personIdNumber, alert.ruleCode]).sort()).toEqual(
      [
        [student, 'ENTITLEMENT_GAP_EDUCATION'],
        [housed, 'ENTITLEMENT_GAP_HOUSING'],
      ].sort(),
    );
  });
});
