// A run matches the changed persons to its copy of the register (kept from civil affairs' change
// log), asks the graph only where something outside the feeds changed, and raises and resolves
// alerts with their referrals in bulk; on PGlite and (TEST_DATABASE_URL) a PostgreSQL server.

import { dateOf } from '@lip/shared/calendar';
import { makeIdNumber } from '@lip/shared/id-number';
import type { DepartmentSignal } from '@lip/shared/signal-changes';
import { databaseUnderTest } from '@lip/shared/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerFacts } from '../src/domain/evaluate.ts';
import { dueOn } from '../src/domain/referrals.ts';
import type { GraphClient, PersonView } from '../src/engine/graph.ts';
import { importFeedBatch } from '../src/engine/import.ts';
import { runMonitoring } from '../src/engine/run.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { openMigratedDatabase } from './database.ts';

let prisma: PrismaClient;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ prisma, close } = await openMigratedDatabase());
});
afterAll(() => close?.());

const ON = dateOf('2025-06-16');
const id = (sequence: number) => makeIdNumber({ areaCode: '411202', birthDate: '1970-02-02', sequence });
const [dibao, plain, outsider, edge] = [id(1), id(2), id(3), id(4)];
const person = (idNumber: string, kind: string, household: string): DepartmentSignal<string> => ({
  personIdNumber: idNumber,
  source: 'REGISTER',
  status: 'LIVING',
  kind,
  level: 0,
  amount: '600.00',
  occurredOn: null,
  regionCode: '411202001001',
  reference: household,
});

// Civil affairs' change log, one page per entry; persons() answers from the latest page naming a person.
const log: DepartmentSignal<string>[][] = [
  [person(dibao, 'SUBSISTENCE_ALLOWANCE', 'h1'), person(plain, '', 'h2'), person(edge, 'NEAR_SUBSISTENCE;EXTREME_POVERTY', 'h3')],
];
const asked: string[] = [];
const graph: GraphClient = {
  persons: async (idNumbers) => {
    asked.push(...idNumbers);
    const views = new Map<string, PersonView>();
    for (const page of log)
      for (const signal of page) {
        if (idNumbers.includes(signal.personIdNumber)) {
          views.set(signal.personIdNumber, {
            facts: registerFacts(signal),
            entitlements: {},
            departmentsAnswered: ['EDUCATION', 'HOUSING', 'HEALTH_INSURANCE', 'UNION'],
          });
        }
      }
    return views;
  },
  recordDeath: async () => true,
  departmentSignals: async (department, after) => {
    const position = Number(after ?? 0);
    if (department !== 'CIVIL_AFFAIRS' || position >= log.length) return { signals: [], cursor: after ?? '0', hasMore: false };
    return { signals: log[position]!, cursor: String(position + 1), hasMore: position + 1 < log.length };
  },
  latePayments: async () => [],
};

const run = () => runMonitoring(prisma, graph, { trigger: 'ON_DEMAND', requestedBy: 'test', on: ON });
const unemployment = (batchId: string, rows: [string, string][]) =>
  importFeedBatch(prisma, {
    feed: 'UNEMPLOYMENT',
    batchId,
    submittedBy: 'test',
    rows: rows.map(([idNumber, status]) => ({ idNumber, occurredOn: '2025-06-01', status })),
  });
const alertsOf = (idNumber: string) =>
  prisma.alert.findMany({ where: { personIdNumber: idNumber }, include: { referrals: true }, orderBy: { raisedAt: 'asc' } });

it(`${databaseUnderTest()}: a feed matched to the register's copy raises in bulk, asks the graph for no one, and a change resolves`, async () => {
  await run();
  expect(await prisma.registerPerson.findUnique({ where: { idNumber: edge } })).toMatchObject({
    categories: ['NEAR_SUBSISTENCE'],
    everHeld: ['EXTREME_POVERTY', 'NEAR_SUBSISTENCE'],
    householdId: 'h3',
  });

  await unemployment('hr-1', [
    [dibao, 'REGISTERED'],
    [plain, 'REGISTERED'],
    [outsider, 'REGISTERED'],
    [edge, 'REGISTERED'],
  ]);
  const first = await run();
  // Four changes; CEL decides for the two the prefilter leaves (no category, or not in the register: the rule cannot fire).
  expect([first.read, first.persons, first.raised, first.resolved]).toEqual([4, 2, 2, 0]);
  expect(asked).toEqual([]); // feed rows change no department's entitlements, and the rule reads none
  const [alert] = await alertsOf(dibao);
  expect(alert).toMatchObject({
    ruleCode: 'UNEMPLOYED_MEMBER',
    status: 'REFERRED',
    regionCode: '411202001001',
    householdId: 'h1',
    raisedByRunId: first.id,
    evidence: [expect.objectContaining({ source: 'UNEMPLOYMENT', state: expect.objectContaining({ status: 'REGISTERED' }) })],
    referrals: [
      expect.objectContaining({
        office: 'HUMAN_RESOURCES',
        officeRegion: '411202',
        status: 'PENDING',
        referredOn: ON,
        dueOn: dueOn(ON, 10),
        referredBy: 'monitoring-run',
      }),
    ],
  });
  expect((await alertsOf(edge)).map((row) => row.ruleCode)).toEqual(['UNEMPLOYED_MEMBER']);
  expect(await alertsOf(plain)).toEqual([]);
  expect(await alertsOf(outsider)).toEqual([]);

  // Human resources assists one, the other finds work: one closes as covered, the other is withdrawn.
  await unemployment('hr-2', [
    [dibao, 'ASSISTED'],
    [edge, 'EMPLOYED'],
  ]);
  const second = await run();
  expect([second.read, second.raised, second.resolved]).toEqual([2, 0, 2]);
  expect(await alertsOf(dibao)).toMatchObject([{ status: 'RESOLVED', resolution: 'COVERED', referrals: [{ status: 'CLOSED_COVERED' }] }]);
  expect(await alertsOf(edge)).toMatchObject([{ status: 'RESOLVED', resolution: 'CONDITION_CLEARED', referrals: [{ status: 'WITHDRAWN' }] }]);

  // The register changes: the plain member's household is recognised. The copy follows, and the person
  // (followed: they have a feed signal) is evaluated with the graph's answer, asked for them alone.
  log.push([person(plain, 'NEAR_SUBSISTENCE', 'h2')]);
  const third = await run();
  expect([third.persons, third.raised]).toEqual([1, 1]);
  expect(asked).toEqual([plain]);
  expect(await prisma.registerPerson.findUnique({ where: { idNumber: plain } })).toMatchObject({ categories: ['NEAR_SUBSISTENCE'] });
  expect(await alertsOf(plain)).toMatchObject([{ ruleCode: 'UNEMPLOYED_MEMBER', status: 'REFERRED', referrals: [{ status: 'PENDING' }] }]);

  // Nothing changed: nothing read, nothing raised twice.
  expect(await run()).toMatchObject({ read: 0, persons: 0, raised: 0 });
});

it(`${databaseUnderTest()}: a run read in several windows raises each person's alerts once and ends at the high-water mark`, async () => {
  const [w1, w2, w3, w4, w5] = [11, 12, 13, 14, 15].map(id);
  log.push([
    person(w1!, 'SUBSISTENCE_ALLOWANCE', 'h11'),
    person(w2!, 'SUBSISTENCE_ALLOWANCE', 'h12'),
    person(w3!, 'SUBSISTENCE_ALLOWANCE', 'h13'),
    person(w4!, 'NEAR_SUBSISTENCE', 'h14'),
    person(w5!, '', 'h15'),
  ]);
  await run(); // the register's copy takes them in
  await unemployment(
    'hr-w',
    [w1!, w2!, w3!, w4!, w5!].map((idNumber): [string, string] => [idNumber, 'REGISTERED']),
  );
  // w1 changes again, in a later window: a vehicle worth more than the county's threshold.
  await importFeedBatch(prisma, {
    feed: 'VEHICLE',
    batchId: 'car-w',
    submittedBy: 'test',
    rows: [{ idNumber: w1!, occurredOn: '2025-06-03', status: 'REGISTERED', kind: 'CAR', amount: '80000' }],
  });
  // Six changes in windows of two, a person per chunk: each window's statement, and each chunk's
  // read, runs while the one before is evaluated.
  const windowed = await runMonitoring(prisma, graph, { trigger: 'ON_DEMAND', requestedBy: 'test', on: ON, windowChanges: 2, chunkSize: 1 });
  const [high] = await prisma.$queryRawUnsafe<{ seq: bigint }[]>('SELECT max("seq") AS seq FROM "PersonSignal"');
  expect([windowed.read, windowed.raised, windowed.cursorTo]).toEqual([6, 5, high!.seq]);
  const rules = async (idNumber: string) => (await alertsOf(idNumber)).map((alert) => [alert.ruleCode, alert.referrals.length]);
  expect(await rules(w1!)).toEqual(
    expect.arrayContaining([
      ['UNEMPLOYED_MEMBER', 1],
      ['ASSETS_ACQUIRED', 1],
    ]),
  );
  expect(await rules(w1!)).toHaveLength(2);
  for (const idNumber of [w2!, w3!, w4!]) expect(await rules(idNumber)).toEqual([['UNEMPLOYED_MEMBER', 1]]);
  expect(await alertsOf(w5!)).toEqual([]);
  expect(await run()).toMatchObject({ read: 0, raised: 0 });
});
