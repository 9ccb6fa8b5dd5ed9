// The housing subgraph over HTTP: every mutation with good and bad input, the state machine,
// list queries, `_entities` with @requires facts, and the cost of a batch of entities.

import type { RunningSubgraph } from '@lip/shared/subgraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { daysFromToday, expectRejected, newId, ok, post, startHousing, todayIso, villageOf } from './helpers.ts';

let housing: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  housing = await startHousing();
});
afterAll(() => housing?.close());

const LUSHI = villageOf('411224'); // 卢氏县: county override for D / NO_HOUSE subsidies
const MIANCHI = villageOf('411221'); // 渑池县: city-wide values

const ASSESS = `mutation($input: RecordDwellingAssessmentInput!) {
  recordDwellingAssessment(input: $input) { id idNumber memberIdNumbers grade assessedOn assessor recordedBy regionCode person { idNumber } }
}`;
const RENTAL = `mutation($input: StartPublicRentalInput!) {
  startPublicRental(input: $input) { id kind unit startDate endDate status current monthlyAmount memberIdNumbers }
}`;
const END_RENTAL = `mutation($id: ID!, $endDate: Date, $reason: String!) {
  endPublicRental(id: $id, endDate: $endDate, reason: $reason) { id endDate endReason endedBy status }
}`;
const SUBSIDY = `mutation($input: GrantRentSubsidyInput!) {
  grantRentSubsidy(input: $input) { id kind monthlyAmount startDate endDate unit }
}`;
const END_SUBSIDY = `mutation($id: ID!, $endDate: Date, $reason: String!) {
  endRentSubsidy(id: $id, endDate: $endDate, reason: $reason) { id endDate endReason endedBy }
}`;
const APPLY = `mutation($input: ApplyForRuralRenovationInput!) {
  applyForRuralRenovation(input: $input) { id status open appliedOn memberIdNumbers steps { fromStatus toStatus actor note } }
}`;
const ADVANCE = `mutation($id: ID!, $to: RuralRenovationStatus!, $note: String) {
  advanceRuralRenovationCase(caseId: $id, to: $to, note: $note) {
    id status open approvedGrade subsidyAmount closedAt assessment { id grade } steps { fromStatus toStatus actor note at }
  }
}`;
const REJECT = `mutation($id: ID!, $reason: String!) {
  rejectRuralRenovationCase(caseId: $id, reason: $reason) { id status open rejectionReason closedAt steps { fromStatus toStatus note } }
}`;

const assessment = (overrides: Record<string, unknown> = {}) => ({
  idNumber: newId(),
  regionCode: LUSHI,
  grade: 'D',
  assessedOn: '2024-04-10',
  assessor: '卢氏县住房和城乡建设局',
  ...overrides,
});

describe('policy parameters', () => {
  it('lists the 2024 values, county rows beside the city-wide ones', async () => {
    const data = await ok(housing, `{ housingPolicyParameters(year: 2024) { regionCode year name value description } }`);
    const value = (name: string, region = '411200') =>
      data.housingPolicyParameters.find((row: { name: string; regionCode: string }) => row.name === name && row.regionCode === region)?.value;
    expect(value('RENT_SUBSIDY_MONTHLY_MAX')).toBe('600');
    expect(value('RENT_SUBSIDY_MONTHLY_MAX', '411202')).toBe('800');
    expect(value('RENT_SUBSIDY_MAX_MONTHS')).toBe('12');
    expect(value('RURAL_RENOVATION_SUBSIDY_C')).toBe('12000');
    expect(value('RURAL_RENOVATION_SUBSIDY_D', '411224')).toBe('40000');
    const bad = await post(housing.url, `{ housingPolicyParameters(year: 1800) { name } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  });
});

describe('dwelling assessments', () => {
  it('records an assessment with its members and the actor', async () => {
    const member = newId();
    const input = assessment({ memberIdNumbers: [member], assessor: '  三门峡市房屋安全鉴定所 ' });
    const { recordDwellingAssessment: row } = await ok(housing, ASSESS, { input });
    expect(row).toMatchObject({
      idNumber: input.idNumber,
      memberIdNumbers: [member],
      grade: 'D',
      assessedOn: '2024-04-10',
      assessor: '三门峡市房屋安全鉴定所',
      recordedBy: 'test-user',
      person: { idNumber: input.idNumber },
    });
    const today = await ok(housing, ASSESS, { input: assessment({ assessedOn: todayIso() }) });
    expect(today.recordDwellingAssessment.assessedOn).toBe(todayIso());
  });

  it('rejects bad input with a stable code and writes nothing', async () => {
    const first = assessment();
    await ok(housing, ASSESS, { input: first });
    await expectRejected(housing, ASSESS, { input: { ...first, grade: 'C' } }, 'CONFLICT'); // same head, same date
    await expectRejected(housing, ASSESS, { input: assessment({ assessedOn: daysFromToday(1) }) }, 'INVALID_INPUT');
    await expectRejected(housing, ASSESS, { input: assessment({ assessedOn: '2024-02-30' }) }, 'INVALID_INPUT');
    await expectRejected(housing, ASSESS, { input: assessment({ assessor: ' ' }) }, 'INVALID_INPUT');
    await expectRejected(housing, ASSESS, { input: assessment({ regionCode: '411224' }) }, 'INVALID_REGION_CODE'); // a county, not a village
    await expectRejected(housing, ASSESS, { input: assessment({ regionCode: '410102001001' }) }, 'INVALID_REGION_CODE');
    const bad = newId();
    await expectRejected(housing, ASSESS, { input: assessment({ idNumber: `${bad.slice(0, 17)}${bad.endsWith('0') ? '1' : '0'}` }) }, 'INVALID_ID_NUMBER');
    const head = newId();
    await expectRejected(housing, ASSESS, { input: assessment({ idNumber: head, memberIdNumbers: [head] }) }, 'INVALID_INPUT');
  });
});

describe('urban housing assistance', () => {
  it('starts and ends a public-rental tenancy', async () => {
    const member = newId('411202');
    const input = { idNumber: newId('411202'), memberIdNumbers: [member], regionCode: '411202', unit: '阳光苑公租房 3-2-501', startDate: '2024-03-01' };
    const { startPublicRental: rental } = await ok(housing, RENTAL, { input });
    expect(rental).toMatchObject({ kind: 'PUBLIC_RENTAL', unit: '阳光苑公租房 3-2-501', endDate: null, status: 'CURRENT', current: true, monthlyAmount: null });

    // The household already has assistance: no second record for it or any of its members.
    await expectRejected(housing, RENTAL, { input: { ...input, unit: '康居苑公租房 1-1-101', startDate: '2025-01-01' } }, 'CONFLICT');
    const overlapping = { idNumber: member, regionCode: '411202', monthlyAmount: '300', startDate: '2025-01-01', endDate: '2025-12-31' };
    const conflict = await expectRejected(housing, SUBSIDY, { input: overlapping }, 'CONFLICT');
    expect(conflict.extensions).toMatchObject({ reason: 'OVERLAPPING_ASSISTANCE', recordId: rental.id });

    await expectRejected(housing, END_RENTAL, { id: rental.id, endDate: '2024-02-29', reason: '迁出' }, 'INVALID_INPUT'); // before the start
    await expectRejected(housing, END_RENTAL, { id: rental.id, reason: ' ' }, 'INVALID_INPUT');
    await expectRejected(housing, END_SUBSIDY, { id: rental.id, reason: '停发补贴' }, 'CONFLICT'); // wrong kind
    await expectRejected(housing, END_RENTAL, { id: 'no-such-record', reason: '迁出' }, 'NOT_FOUND');
    const { endPublicRental: ended } = await ok(housing, END_RENTAL, { id: rental.id, endDate: '2025-06-30', reason: '已购买自有住房，退出' });
    expect(ended).toMatchObject({ endDate: '2025-06-30', endReason: '已购买自有住房，退出', endedBy: 'test-user', status: 'ENDED' });
    await expectRejected(housing, END_RENTAL, { id: rental.id, reason: '再次退出' }, 'INVALID_TRANSITION');

    // After the tenancy ended, a subsidy may follow.
    const after = await ok(housing, SUBSIDY, { input: { ...overlapping, startDate: '2025-07-01', endDate: '2026-06-30' } });
    expect(after.grantRentSubsidy).toMatchObject({ kind: 'RENT_SUBSIDY', monthlyAmount: '300.00', unit: null });
  });

  it('validates a tenancy', async () => {
    const input = { idNumber: newId('411202'), regionCode: '411202001', unit: '阳光苑公租房 1-1-101', startDate: '2024-03-01' };
    await expectRejected(housing, RENTAL, { input: { ...input, endDate: '2024-02-01' } }, 'INVALID_INPUT');
    await expectRejected(housing, RENTAL, { input: { ...input, startDate: daysFromToday(400) } }, 'INVALID_INPUT');
    await expectRejected(housing, RENTAL, { input: { ...input, unit: '' } }, 'INVALID_INPUT');
    await expectRejected(housing, RENTAL, { input: { ...input, regionCode: '411299' } }, 'INVALID_REGION_CODE');
    await expectRejected(housing, RENTAL, { input: { ...input, idNumber: '41120219800101001' } }, 'INVALID_ID_NUMBER');
    const { startPublicRental } = await ok(housing, RENTAL, { input: { ...input, endDate: '2024-12-31' } });
    expect(startPublicRental).toMatchObject({ endDate: '2024-12-31', status: 'ENDED', current: false });
  });

  it('grants rent subsidies within the county’s policy limits and ends them early', async () => {
    const subsidy = (overrides: Record<string, unknown> = {}) => ({
      idNumber: newId('411221'),
      regionCode: '411221',
      monthlyAmount: '600',
      startDate: '2025-01-01',
      endDate: '2025-12-31',
      ...overrides,
    });
    const { grantRentSubsidy: granted } = await ok(housing, SUBSIDY, { input: subsidy() });
    expect(granted).toMatchObject({ monthlyAmount: '600.00', startDate: '2025-01-01', endDate: '2025-12-31' });
    // 湖滨区 allows 800 a month, the city-wide default 600.
    await ok(housing, SUBSIDY, { input: subsidy({ regionCode: '411202001', monthlyAmount: 800 }) });
    const tooMuch = await expectRejected(housing, SUBSIDY, { input: subsidy({ monthlyAmount: '600.01' }) }, 'INVALID_INPUT');
    expect(tooMuch.extensions).toMatchObject({ field: 'monthlyAmount', maximum: '600.00' });
    await expectRejected(housing, SUBSIDY, { input: subsidy({ regionCode: '411202', monthlyAmount: '800.50' }) }, 'INVALID_INPUT');
    await expectRejected(housing, SUBSIDY, { input: subsidy({ monthlyAmount: '0' }) }, 'INVALID_INPUT');
    await expectRejected(housing, SUBSIDY, { input: subsidy({ monthlyAmount: '-20' }) }, 'INVALID_INPUT');
    await expectRejected(housing, SUBSIDY, { input: subsidy({ monthlyAmount: '12.345' }) }, 'INVALID_INPUT');
    await expectRejected(housing, SUBSIDY, { input: subsidy({ endDate: '2026-01-01' }) }, 'INVALID_INPUT'); // 12 months + 1 day
    await expectRejected(housing, SUBSIDY, { input: subsidy({ endDate: '2024-12-31' }) }, 'INVALID_INPUT');
    const noPolicy = await expectRejected(housing, SUBSIDY, { input: subsidy({ startDate: '2023-01-01', endDate: '2023-12-31' }) }, 'INVALID_INPUT');
    expect(noPolicy.extensions).toMatchObject({ reason: 'NO_POLICY' });
    await expectRejected(housing, SUBSIDY, { input: subsidy({ regionCode: '4112' }) }, 'INVALID_REGION_CODE');

    await expectRejected(housing, END_RENTAL, { id: granted.id, reason: '迁出' }, 'CONFLICT');
    // 2025 is over: the subsidy has already ended by its own date.
    await expectRejected(housing, END_SUBSIDY, { id: granted.id, endDate: '2025-06-30', reason: '收入超标' }, 'INVALID_TRANSITION');
  });

  it('ends a running subsidy on a day within its period', async () => {
    const start = daysFromToday(-30);
    const end = daysFromToday(200);
    const year = Number(start.slice(0, 4));
    // Only while the policy covers the start year (the migration fills 2024–2026).
    if (year > 2026) return;
    const { grantRentSubsidy } = await ok(housing, SUBSIDY, {
      input: { idNumber: newId('411221'), regionCode: '411221', monthlyAmount: '450.5', startDate: start, endDate: end },
    });
    await expectRejected(housing, END_SUBSIDY, { id: grantRentSubsidy.id, endDate: daysFromToday(201), reason: '收入超标' }, 'INVALID_INPUT'); // would extend
    await expectRejected(housing, END_SUBSIDY, { id: grantRentSubsidy.id, endDate: daysFromToday(-31), reason: '收入超标' }, 'INVALID_INPUT'); // before the start
    const { endRentSubsidy } = await ok(housing, END_SUBSIDY, { id: grantRentSubsidy.id, reason: '家庭人均收入超过保障标准，退出' });
    expect(endRentSubsidy).toMatchObject({ endDate: todayIso(), endedBy: 'test-user' });
    await expectRejected(housing, END_SUBSIDY, { id: grantRentSubsidy.id, reason: '再次' }, 'INVALID_TRANSITION');
  });
});

describe('rural renovation cases', () => {
  const apply = async (idNumber: string, overrides: Record<string, unknown> = {}) =>
    (await ok(housing, APPLY, { input: { idNumber, regionCode: LUSHI, ...overrides } })).applyForRuralRenovation;
  const advance = async (id: string, to: string, note?: string) => (await ok(housing, ADVANCE, { id, to, note })).advanceRuralRenovationCase;

  it('goes through every step, recording actor and time, and sets the subsidy at county approval', async () => {
    const head = newId();
    const member = newId();
    await ok(housing, ASSESS, { input: assessment({ idNumber: head, memberIdNumbers: [member], grade: 'A', assessedOn: '2020-05-01' }) });
    const { recordDwellingAssessment: latest } = await ok(housing, ASSESS, {
      input: assessment({ idNumber: head, memberIdNumbers: [member], grade: 'D', assessedOn: '2024-05-01' }),
    });
    const created = await apply(head, { memberIdNumbers: [member], appliedOn: '2024-06-01', note: '房屋墙体开裂' });
    expect(created).toMatchObject({
      status: 'APPLIED',
      open: true,
      appliedOn: '2024-06-01',
      steps: [{ fromStatus: null, toStatus: 'APPLIED', actor: 'test-user', note: '房屋墙体开裂' }],
    });

    await expectRejected(housing, ADVANCE, { id: created.id, to: 'TOWNSHIP_REVIEWED' }, 'INVALID_TRANSITION'); // no skipping
    await expectRejected(housing, ADVANCE, { id: created.id, to: 'COMPLETED' }, 'INVALID_TRANSITION');
    await expectRejected(housing, ADVANCE, { id: created.id, to: 'REJECTED' }, 'INVALID_TRANSITION');
    await expectRejected(housing, ADVANCE, { id: created.id, to: 'APPLIED' }, 'INVALID_TRANSITION');
    await advance(created.id, 'VILLAGE_REVIEWED', '村民代表评议通过');
    await expectRejected(housing, ADVANCE, { id: created.id, to: 'VILLAGE_REVIEWED' }, 'INVALID_TRANSITION');
    await advance(created.id, 'TOWNSHIP_REVIEWED');
    const approved = await advance(created.id, 'COUNTY_APPROVED');
    expect(approved).toMatchObject({
      status: 'COUNTY_APPROVED',
      open: true,
      approvedGrade: 'D',
      subsidyAmount: '40000.00',
      assessment: { id: latest.id, grade: 'D' },
    });
    const done = await advance(created.id, 'COMPLETED', '竣工验收合格');
    expect(done.status).toBe('COMPLETED');
    expect(done.open).toBe(false);
    expect(done.closedAt).not.toBeNull();
    expect(done.steps.map((step: { fromStatus: string | null; toStatus: string }) => [step.fromStatus, step.toStatus])).toEqual([
      [null, 'APPLIED'],
      ['APPLIED', 'VILLAGE_REVIEWED'],
      ['VILLAGE_REVIEWED', 'TOWNSHIP_REVIEWED'],
      ['TOWNSHIP_REVIEWED', 'COUNTY_APPROVED'],
      ['COUNTY_APPROVED', 'COMPLETED'],
    ]);
    expect(done.steps.every((step: { actor: string; at: string }) => step.actor === 'test-user' && !Number.isNaN(Date.parse(step.at)))).toBe(true);

    // A closed case never moves.
    await expectRejected(housing, ADVANCE, { id: created.id, to: 'COMPLETED' }, 'INVALID_TRANSITION');
    await expectRejected(housing, REJECT, { id: created.id, reason: '复核不符合条件' }, 'INVALID_TRANSITION');
    await expectRejected(housing, ADVANCE, { id: 'no-such-case', to: 'VILLAGE_REVIEWED' }, 'NOT_FOUND');
  });

  it('approves at county level only a C, D or NO_HOUSE latest assessment', async () => {
    const toCounty = async (head: string) => {
      const created = await apply(head, { regionCode: MIANCHI });
      await advance(created.id, 'VILLAGE_REVIEWED');
      await advance(created.id, 'TOWNSHIP_REVIEWED');
      return created.id as string;
    };
    const none = newId();
    const noAssessment = await expectRejected(housing, ADVANCE, { id: await toCounty(none), to: 'COUNTY_APPROVED' }, 'CONFLICT');
    expect(noAssessment.extensions).toMatchObject({ reason: 'NO_ASSESSMENT' });

    // Latest counts: D in 2022, then B in 2024.
    const repaired = newId();
    await ok(housing, ASSESS, { input: assessment({ idNumber: repaired, regionCode: MIANCHI, grade: 'D', assessedOn: '2022-01-01' }) });
    await ok(housing, ASSESS, { input: assessment({ idNumber: repaired, regionCode: MIANCHI, grade: 'B', assessedOn: '2024-01-01' }) });
    const caseId = await toCounty(repaired);
    const safe = await expectRejected(housing, ADVANCE, { id: caseId, to: 'COUNTY_APPROVED' }, 'CONFLICT');
    expect(safe.extensions).toMatchObject({ reason: 'DWELLING_NOT_UNSAFE', grade: 'B' });

    // A newer C assessment makes it approvable, with the city-wide C amount.
    await ok(housing, ASSESS, { input: assessment({ idNumber: repaired, regionCode: MIANCHI, grade: 'C', assessedOn: '2024-09-01' }) });
    expect(await advance(caseId, 'COUNTY_APPROVED')).toMatchObject({ approvedGrade: 'C', subsidyAmount: '12000.00' });

    const homeless = newId();
    await ok(housing, ASSESS, { input: assessment({ idNumber: homeless, regionCode: MIANCHI, grade: 'NO_HOUSE' }) });
    expect(await advance(await toCounty(homeless), 'COUNTY_APPROVED')).toMatchObject({ approvedGrade: 'NO_HOUSE', subsidyAmount: '35000.00' });
  });

  it('rejects an open case with a reason; the household may apply again', async () => {
    const head = newId();
    const created = await apply(head);
    await advance(created.id, 'VILLAGE_REVIEWED');
    await expectRejected(housing, REJECT, { id: created.id, reason: ' ' }, 'INVALID_INPUT');
    await expectRejected(housing, REJECT, { id: 'no-such-case', reason: '不符合条件' }, 'NOT_FOUND');
    const { rejectRuralRenovationCase: rejected } = await ok(housing, REJECT, { id: created.id, reason: '乡镇审核未通过：家庭在城镇有商品房' });
    expect(rejected).toMatchObject({ status: 'REJECTED', open: false, rejectionReason: '乡镇审核未通过：家庭在城镇有商品房' });
    expect(rejected.steps.at(-1)).toEqual({ fromStatus: 'VILLAGE_REVIEWED', toStatus: 'REJECTED', note: '乡镇审核未通过：家庭在城镇有商品房' });
    await expectRejected(housing, ADVANCE, { id: created.id, to: 'TOWNSHIP_REVIEWED' }, 'INVALID_TRANSITION');
    await expectRejected(housing, REJECT, { id: created.id, reason: '再次驳回' }, 'INVALID_TRANSITION');
    expect((await apply(head)).status).toBe('APPLIED');
  });

  it('allows one open case per person, applicant or member', async () => {
    const head = newId();
    const member = newId();
    await apply(head, { memberIdNumbers: [member] });
    await expectRejected(housing, APPLY, { input: { idNumber: head, regionCode: LUSHI } }, 'CONFLICT');
    const asMember = await expectRejected(housing, APPLY, { input: { idNumber: member, regionCode: LUSHI } }, 'CONFLICT');
    expect(asMember.extensions).toMatchObject({ reason: 'OPEN_CASE_EXISTS' });
    await expectRejected(housing, APPLY, { input: { idNumber: newId(), memberIdNumbers: [head], regionCode: LUSHI } }, 'CONFLICT');
  });

  it('lets only one of several concurrent applications for the same person through', async () => {
    const head = newId();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => post(housing.url, APPLY, { input: { idNumber: head, regionCode: LUSHI, note: `第${i + 1}次提交` } })),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(4);
    expect(await housing.client.ruralRenovationCase.count({ where: { personIdNumber: head } })).toBe(1);
  });

  it('validates an application', async () => {
    await expectRejected(housing, APPLY, { input: { idNumber: newId(), regionCode: LUSHI, appliedOn: daysFromToday(1) } }, 'INVALID_INPUT');
    await expectRejected(housing, APPLY, { input: { idNumber: newId(), regionCode: '411224001' } }, 'INVALID_REGION_CODE');
    await expectRejected(housing, APPLY, { input: { idNumber: newId(), regionCode: LUSHI, note: 'x'.repeat(501) } }, 'INVALID_INPUT');
    await expectRejected(housing, APPLY, { input: { idNumber: '411224196208171230', regionCode: LUSHI } }, 'INVALID_ID_NUMBER');
  });

  it('keeps the step history append-only in the database', async () => {
    await expect(housing.db.sql.query(`UPDATE "RuralRenovationStep" SET "actor" = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(housing.db.sql.query(`DELETE FROM "RuralRenovationStep"`)).rejects.toThrow(/append-only/);
  });
});

describe('lists', () => {
  it('pages each kind of record with filters and totals, including persons not in the register', async () => {
    const head = newId('411282');
    await ok(housing, ASSESS, { input: assessment({ idNumber: head, regionCode: villageOf('411282'), grade: 'C', assessedOn: '2023-03-03' }) });
    const data = await ok(
      housing,
      `query($id: IdNumber!) {
        byPerson: dwellingAssessments(filter: { idNumber: $id }) { totalCount edges { node { grade person { idNumber } } } }
        lingbao: dwellingAssessments(filter: { regionPrefix: "411282", grade: C, assessedFrom: "2023-01-01", assessedTo: "2023-12-31" }) { totalCount }
        all: dwellingAssessments(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
        rentals: urbanHousingAssistances(filter: { kind: PUBLIC_RENTAL, regionPrefix: "411202" }) { totalCount }
        current: urbanHousingAssistances(filter: { current: true }) { totalCount edges { node { current } } }
        in2025: urbanHousingAssistances(filter: { year: 2025 }) { totalCount }
        completed: ruralRenovationCases(filter: { status: [COMPLETED], regionPrefix: "411224" }) { totalCount edges { node { status members { idNumber } } } }
        applied2024: ruralRenovationCases(filter: { year: 2024 }) { totalCount }
      }`,
      { id: head },
    );
    expect(data.byPerson).toEqual({ totalCount: 1, edges: [{ node: { grade: 'C', person: { idNumber: head } } }] });
    expect(data.lingbao.totalCount).toBe(1);
    expect(data.all.totalCount).toBeGreaterThan(2);
    expect(data.all.pageInfo.hasNextPage).toBe(true);
    expect(data.rentals.totalCount).toBeGreaterThanOrEqual(1);
    expect(data.current.edges.every((edge: { node: { current: boolean } }) => edge.node.current)).toBe(true);
    expect(data.in2025.totalCount).toBeGreaterThanOrEqual(2);
    expect(data.completed.totalCount).toBe(1);
    expect(data.completed.edges[0].node.members).toHaveLength(1);
    expect(data.applied2024.totalCount).toBe(1);

    const next = await ok(housing, `query($after: String) { dwellingAssessments(first: 2, after: $after) { edges { node { id } } } }`, {
      after: data.all.pageInfo.endCursor,
    });
    expect(next.dwellingAssessments.edges[0].node.id).not.toBe(data.all.edges[0].node.id);
    const bad = await post(housing.url, `{ ruralRenovationCases(filter: { regionPrefix: "4101" }) { totalCount } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_REGION_CODE');
  });
});

describe('Person entities', () => {
  const ENTITIES = `query($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Person {
        idNumber
        dwellingAssessments { grade }
        latestDwellingAssessment { grade assessedOn }
        urbanHousingAssistances { kind current }
        ruralRenovationCases { status steps { toStatus } assessment { grade } }
        housingEntitlements { program status reason }
      }
    }
  }`;
  const rep = (idNumber: string, facts: { activeCategories?: string[] | null; hukouType?: string | null; extremePovertySupport?: string | null }) => ({
    __typename: 'Person',
    idNumber,
    activeCategories: ['SUBSISTENCE_ALLOWANCE'],
    hukouType: 'URBAN',
    extremePovertySupport: null,
    ...facts,
  });
  const statusOf = (person: { housingEntitlements: { program: string; status: string }[] }, program: string) =>
    person.housingEntitlements.find((e) => e.program === program)!.status;

  it('decides each entitlement status from the @requires facts and the records', async () => {
    const urbanCovered = newId('411202');
    const urbanMember = newId('411202');
    await ok(housing, RENTAL, {
      input: { idNumber: urbanCovered, memberIdNumbers: [urbanMember], regionCode: '411202', unit: '民生苑公租房 2-1-302', startDate: '2024-01-01' },
    });
    const urbanMissing = newId('411202');
    const ruralCovered = newId();
    await ok(housing, ASSESS, { input: assessment({ idNumber: ruralCovered, grade: 'D' }) });
    await ok(housing, APPLY, { input: { idNumber: ruralCovered, regionCode: LUSHI } });
    const ruralMissing = newId();
    await ok(housing, ASSESS, { input: assessment({ idNumber: ruralMissing, grade: 'C' }) });
    const ruralSafe = newId();
    await ok(housing, ASSESS, { input: assessment({ idNumber: ruralSafe, grade: 'B' }) });
    const outsider = newId();

    const reps = [
      rep(urbanCovered, {}),
      rep(urbanMember, { activeCategories: ['EXTREME_POVERTY'], extremePovertySupport: 'DISPERSED' }),
      rep(urbanMissing, { activeCategories: ['NEAR_SUBSISTENCE'] }),
      rep(ruralCovered, { hukouType: 'RURAL', activeCategories: ['RELAPSE_MONITORING'] }),
      rep(ruralMissing, { hukouType: 'RURAL' }),
      rep(ruralSafe, { hukouType: 'RURAL' }),
      { __typename: 'Person', idNumber: outsider, activeCategories: null, hukouType: null, extremePovertySupport: null },
      rep(newId('411202'), { activeCategories: ['EXTREME_POVERTY'], extremePovertySupport: 'CENTRALIZED' }),
    ];
    const { _entities: persons } = await ok(housing, ENTITIES, { reps });
    expect(persons.map((p: never) => [statusOf(p, 'URBAN_HOUSING'), statusOf(p, 'RURAL_HOUSING_RENOVATION')])).toEqual([
      ['ENTITLED_COVERED', 'NOT_ENTITLED'],
      ['ENTITLED_COVERED', 'NOT_ENTITLED'], // covered as a member of the tenancy
      ['ENTITLED_MISSING', 'NOT_ENTITLED'],
      ['NOT_ENTITLED', 'ENTITLED_COVERED'],
      ['NOT_ENTITLED', 'ENTITLED_MISSING'],
      ['NOT_ENTITLED', 'NOT_ENTITLED'],
      ['NOT_ENTITLED', 'NOT_ENTITLED'],
      ['NOT_ENTITLED', 'NOT_ENTITLED'],
    ]);
    expect(persons[1].urbanHousingAssistances).toEqual([{ kind: 'PUBLIC_RENTAL', current: true }]);
    expect(persons[3].ruralRenovationCases).toEqual([{ status: 'APPLIED', steps: [{ toStatus: 'APPLIED' }], assessment: null }]);
    expect(persons[4].latestDwellingAssessment).toEqual({ grade: 'C', assessedOn: '2024-04-10' });
    expect(persons[5].housingEntitlements[1].reason).toContain('grades the dwelling B');
    expect(persons[6].housingEntitlements.map((e: { reason: string }) => e.reason)).toEqual([
      'not in the low-income register',
      'not in the low-income register',
    ]);
    expect(persons[6].dwellingAssessments).toEqual([]);
    expect(persons[7].housingEntitlements[0].reason).toContain('centralized');
  });

  it('costs the same number of SQL statements for 10 and for 100 persons', async () => {
    const ids = Array.from({ length: 100 }, () => newId('411282', '1971-01-01'));
    const village = villageOf('411282');
    const prisma = housing.client;
    await prisma.dwellingAssessment.createMany({
      data: ids.map((id, i) => ({
        personIdNumber: id,
        regionCode: village,
        grade: (['A', 'B', 'C', 'D', 'NO_HOUSE'] as const)[i % 5]!,
        assessedOn: new Date('2024-02-02'),
        assessor: '灵宝市住房和城乡建设局',
        recordedBy: 'test',
      })),
    });
    await prisma.urbanHousingAssistance.createMany({
      data: ids.map((id) => ({
        personIdNumber: id,
        kind: 'PUBLIC_RENTAL' as const,
        regionCode: '411282',
        unit: '惠民家园 1-1-101',
        startDate: new Date('2024-01-01'),
        recordedBy: 'test',
        updatedAt: new Date(),
      })),
    });
    for (const id of ids) {
      const created = await prisma.ruralRenovationCase.create({
        data: { personIdNumber: id, regionCode: village, status: 'APPLIED', appliedOn: new Date('2024-03-03') },
      });
      await prisma.ruralRenovationStep.create({ data: { caseId: created.id, toStatus: 'APPLIED', actor: 'test' } });
    }

    let statements = 0;
    prisma.$on(
      'query' as never,
      (() => {
        statements += 1;
      }) as never,
    );
    const measure = async (count: number) => {
      statements = 0;
      const reps = ids.slice(0, count).map((id) => rep(id, { hukouType: 'RURAL' }));
      const { _entities: persons } = await ok(housing, ENTITIES, { reps });
      expect(persons).toHaveLength(count);
      expect(
        persons.every(
          (p: { ruralRenovationCases: unknown[]; urbanHousingAssistances: unknown[] }) =>
            p.ruralRenovationCases.length === 1 && p.urbanHousingAssistances.length === 1,
        ),
      ).toBe(true);
      return statements;
    };
    const ten = await measure(10);
    const hundred = await measure(100);
    console.info(`housing _entities: ${ten} SQL statements for 10 persons, ${hundred} for 100`);
    expect(ten).toBeGreaterThan(0);
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(4); // assessments, urban records, cases, steps
  });
});
