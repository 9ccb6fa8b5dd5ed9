// The health-insurance subgraph over HTTP: mutations (good and each kind of bad input), queries,
// `_entities` with `@requires` facts, and the statement count of a batch of entities.

import { currentYear, formatDate, today } from '@lip/shared/calendar';
import { makeIdNumber } from '@lip/shared/id-number';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { expectRejectedWrite, openTestDatabase } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimComputation, computeAssistance } from '../src/domain/claims.ts';
import { formatCents } from '../src/domain/money.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { healthInsurance } from '../src/subgraph.ts';
import { postGraphQL } from './helpers.ts';

let running: RunningSubgraph<PrismaClient>;
const query = <T = any>(text: string, variables?: Record<string, unknown>) => postGraphQL<T>(running.url, text, variables);

beforeAll(async () => {
  running = await startSubgraph(healthInsurance, { db: await openTestDatabase('health-insurance') });
});
afterAll(() => running?.close());

let sequence = 0;
/** A fresh valid ID number. */
const newId = (birthDate = '1962-05-17', areaCode = '411224') => makeIdNumber({ areaCode, birthDate, sequence: ++sequence });

/** A fingerprint of both tables: any insert, update or delete changes it. */
async function snapshot() {
  const [row] = await running.db.sql.query<{ enrolments: string | null; claims: string | null }>(`SELECT
    (SELECT md5(string_agg(e::text, ',' ORDER BY e.id)) FROM "MedicalInsuranceEnrolment" e) AS enrolments,
    (SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) FROM "MedicalClaim" c) AS claims`);
  return row;
}

/** Runs a write that must fail and checks its code and that nothing changed. */
const expectRejected = (text: string, variables: Record<string, unknown>, code: string) => expectRejectedWrite(() => query(text, variables), snapshot, code);

const ENROL = `mutation Enrol($input: EnrolMedicalInsuranceInput!) {
  enrolMedicalInsurance(input: $input) { id idNumber year countyCode countyName premium subsidyKind subsidyAmount personalContribution assistanceIdentity recordedBy }
}`;
const RECORD = `mutation Record($input: RecordMedicalClaimInput!) {
  recordMedicalClaim(input: $input) {
    id settlementNumber idNumber year visitKind visitDate totalCost basicInsurancePaid criticalIllnessPaid medicalAssistancePaid outOfPocket status
    explanation { outcome assistanceIdentity eligibleAmount deductibleRemaining deductibleApplied ratio annualCap capRemaining text }
    enrolment { year assistanceIdentity }
  }
}`;
const REVERSE = `mutation Reverse($id: ID!, $reason: String!) { reverseMedicalClaim(claimId: $id, reason: $reason) { id status reversalReason reversedBy reversedAt } }`;

async function enrol(input: Record<string, unknown>) {
  const result = await query(ENROL, { input });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.enrolMedicalInsurance;
}

let settlement = 0;
async function record(input: Record<string, unknown>) {
  const result = await query(RECORD, {
    input: {
      settlementNumber: `TEST-${String(++settlement).padStart(4, '0')}`,
      visitKind: 'INPATIENT',
      visitDate: '2025-03-10',
      criticalIllnessPaid: '0',
      ...input,
    },
  });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.recordMedicalClaim;
}

describe('policy parameters', () => {
  it('are readable per year, the same for 2024, 2025 and 2026', async () => {
    const { data } = await query(`{ a: healthInsurancePolicyParameters(year: 2024) { regionCode year name value description }
      b: healthInsurancePolicyParameters(year: 2026, regionCode: "411200") { name value } none: healthInsurancePolicyParameters(year: 2019) { name } }`);
    expect(data.a).toHaveLength(25);
    expect(data.a.find((row: { name: string }) => row.name === 'PREMIUM')).toMatchObject({ regionCode: '411200', year: 2024, value: '380.0000' });
    expect(data.a.find((row: { name: string }) => row.name === 'ASSISTANCE_RATIO_SUBSISTENCE_ALLOWANCE').value).toBe('0.7000');
    expect(data.b.map((row: { name: string; value: string }) => `${row.name}=${row.value}`)).toEqual(
      data.a.map((row: { name: string; value: string }) => `${row.name}=${row.value}`),
    );
    expect(data.none).toEqual([]);
  });
});

describe('enrolment', () => {
  it('computes the premium and the subsidy the identity calls for', async () => {
    const tekun = await enrol({ idNumber: newId(), year: 2025, countyCode: '411224', assistanceIdentity: 'EXTREME_POVERTY' });
    expect(tekun).toMatchObject({
      year: 2025,
      countyCode: '411224',
      countyName: '卢氏县',
      premium: '380.00',
      subsidyKind: 'FULL',
      subsidyAmount: '380.00',
      personalContribution: '0.00',
      recordedBy: 'test-user',
    });
    const dibao = await enrol({ idNumber: newId(), year: 2025, countyCode: '411282', assistanceIdentity: 'SUBSISTENCE_ALLOWANCE' });
    expect(dibao).toMatchObject({ subsidyKind: 'FIXED', subsidyAmount: '266.00', personalContribution: '114.00' });
    const plain = await enrol({ idNumber: newId(), year: 2025, countyCode: '411202' });
    expect(plain).toMatchObject({ subsidyKind: 'NONE', subsidyAmount: '0.00', personalContribution: '380.00', assistanceIdentity: null });
    const paidFirst = await enrol({ idNumber: newId(), year: 2025, countyCode: '411202', assistanceIdentity: 'NEAR_SUBSISTENCE', subsidyKind: 'NONE' });
    expect(paidFirst).toMatchObject({ subsidyKind: 'NONE', assistanceIdentity: 'NEAR_SUBSISTENCE' });
  });

  it('replaces the year’s enrolment instead of adding one', async () => {
    const id = newId();
    const first = await enrol({ idNumber: id, year: 2025, countyCode: '411221', assistanceIdentity: 'NEAR_SUBSISTENCE' });
    expect(first).toMatchObject({ subsidyKind: 'FIXED', subsidyAmount: '190.00' });
    const second = await enrol({ idNumber: id, year: 2025, countyCode: '411221', assistanceIdentity: 'EXTREME_POVERTY' });
    expect(second).toMatchObject({ id: first.id, subsidyKind: 'FULL', subsidyAmount: '380.00' });
    const other = await enrol({ idNumber: id, year: 2024, countyCode: '411221' });
    expect(other.id).not.toBe(first.id);
    const { data } = await query(`query($id: IdNumber!) { medicalInsuranceEnrolments(filter: { idNumber: $id }) { totalCount edges { node { year } } } }`, {
      id,
    });
    expect(data.medicalInsuranceEnrolments).toEqual({ totalCount: 2, edges: [{ node: { year: 2025 } }, { node: { year: 2024 } }] });
  });

  it('rejects each kind of bad input and writes nothing', async () => {
    const id = newId();
    await enrol({ idNumber: id, year: 2025, countyCode: '411221', assistanceIdentity: 'SUBSISTENCE_ALLOWANCE' });
    const good = { idNumber: id, year: 2025, countyCode: '411221', assistanceIdentity: 'SUBSISTENCE_ALLOWANCE' };
    const badCheck = `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`;
    await expectRejected(ENROL, { input: { ...good, idNumber: badCheck } }, 'INVALID_ID_NUMBER');
    await expectRejected(ENROL, { input: { ...good, countyCode: '410102' } }, 'INVALID_REGION_CODE');
    await expectRejected(ENROL, { input: { ...good, countyCode: '411221001' } }, 'INVALID_REGION_CODE');
    await expectRejected(ENROL, { input: { ...good, year: currentYear() + 2 } }, 'INVALID_INPUT');
    await expectRejected(ENROL, { input: { ...good, idNumber: newId('2025-02-01'), year: 2024 } }, 'INVALID_INPUT'); // before birth
    const noPolicy = await expectRejected(ENROL, { input: { ...good, year: 2017 } }, 'INVALID_INPUT');
    expect(noPolicy.extensions?.reason).toBe('NO_POLICY');
    const fullForDibao = await expectRejected(ENROL, { input: { ...good, subsidyKind: 'FULL' } }, 'INVALID_INPUT');
    expect(fullForDibao.extensions).toMatchObject({ field: 'subsidyKind', reason: 'SUBSIDY_KIND_MISMATCH' });
    await expectRejected(ENROL, { input: { ...good, assistanceIdentity: 'EXTREME_POVERTY', subsidyKind: 'FIXED' } }, 'INVALID_INPUT');
    await expectRejected(ENROL, { input: { ...good, assistanceIdentity: null, subsidyKind: 'FIXED' } }, 'INVALID_INPUT');
    await expectRejected(ENROL, { input: { ...good, assistanceIdentity: 'POOR' } }, 'BAD_USER_INPUT');
  });
});

describe('claims', () => {
  it('computes medical assistance and out-of-pocket, and explains them', async () => {
    const id = newId();
    await enrol({ idNumber: id, year: 2025, countyCode: '411224', assistanceIdentity: 'SUBSISTENCE_ALLOWANCE' });
    const claim = await record({ idNumber: id, totalCost: '20000', basicInsurancePaid: '6000', criticalIllnessPaid: '2000.00' });
    expect(claim).toMatchObject({
      idNumber: id,
      year: 2025,
      visitDate: '2025-03-10',
      totalCost: '20000.00',
      medicalAssistancePaid: '8400.00',
      outOfPocket: '3600.00',
      status: 'SETTLED',
      explanation: {
        outcome: 'ASSISTED',
        assistanceIdentity: 'SUBSISTENCE_ALLOWANCE',
        eligibleAmount: '12000.00',
        deductibleRemaining: '0.00',
        deductibleApplied: '0.00',
        ratio: '0.7000',
        annualCap: '60000.00',
        capRemaining: '60000.00',
      },
      enrolment: { year: 2025, assistanceIdentity: 'SUBSISTENCE_ALLOWANCE' },
    });
    expect(claim.explanation.text).toContain('(12000.00 − 0.00) × 70% = 8400.00');
  });

  it('spreads the deductible over the year’s claims, frees it when a claim is reversed, and stops at the cap', async () => {
    const id = newId();
    await enrol({ idNumber: id, year: 2025, countyCode: '411203', assistanceIdentity: 'OTHER_HARDSHIP' });
    const first = await record({ idNumber: id, visitKind: 'CHRONIC_OUTPATIENT', visitDate: '2025-01-15', totalCost: '1000', basicInsurancePaid: '400' });
    expect(first).toMatchObject({
      medicalAssistancePaid: '0.00',
      outOfPocket: '600.00',
      explanation: { outcome: 'DEDUCTIBLE_NOT_MET', deductibleApplied: '600.00' },
    });
    const second = await record({ idNumber: id, visitDate: '2025-02-15', totalCost: '3000', basicInsurancePaid: '1400' });
    // eligible 1600: 400 left of the deductible, then 50% of 1200.
    expect(second).toMatchObject({
      medicalAssistancePaid: '600.00',
      outOfPocket: '1000.00',
      explanation: { deductibleRemaining: '400.00', deductibleApplied: '400.00' },
    });

    const reversed = await query(REVERSE, { id: first.id, reason: '重复结算，冲销' });
    expect(reversed.data.reverseMedicalClaim).toMatchObject({ status: 'REVERSED', reversalReason: '重复结算，冲销', reversedBy: 'test-user' });
    const third = await record({ idNumber: id, visitDate: '2025-03-15', totalCost: '1600', basicInsurancePaid: '0' });
    // The reversed claim’s 600 of deductible is free again.
    expect(third).toMatchObject({ medicalAssistancePaid: '500.00', explanation: { deductibleRemaining: '600.00', deductibleApplied: '600.00' } });

    const big = await record({ idNumber: id, visitDate: '2025-04-01', totalCost: '200000', basicInsurancePaid: '100000', criticalIllnessPaid: '30000' });
    // 50% of 70000 = 35000, capped at 30000 − 1100 already paid.
    expect(big).toMatchObject({ medicalAssistancePaid: '28900.00', explanation: { outcome: 'CAPPED', capRemaining: '28900.00' } });
    const after = await record({ idNumber: id, visitDate: '2025-05-01', totalCost: '5000', basicInsurancePaid: '2000' });
    expect(after).toMatchObject({ medicalAssistancePaid: '0.00', outOfPocket: '3000.00', explanation: { outcome: 'CAP_EXHAUSTED', capRemaining: '0.00' } });

    const { data } = await query(
      `query($id: IdNumber!) { medicalClaims(filter: { idNumber: $id }) { totalCount }
      settled: medicalClaims(filter: { idNumber: $id, status: SETTLED }) { totalCount }
      medicalYearTotals(year: 2025, minOutOfPocket: "0") { idNumber claimCount outOfPocketTotal medicalAssistanceTotal } }`,
      { id },
    );
    expect(data.medicalClaims.totalCount).toBe(5);
    expect(data.settled.totalCount).toBe(4);
    expect(data.medicalYearTotals.find((total: { idNumber: string }) => total.idNumber === id)).toEqual({
      idNumber: id,
      claimCount: 4,
      outOfPocketTotal: formatCents(100_000 + 110_000 + 4_110_000 + 300_000),
      medicalAssistanceTotal: '30000.00',
    });
  });

  it('assists neither ordinary outpatient visits nor persons without an identity', async () => {
    const id = newId();
    await enrol({ idNumber: id, year: 2025, countyCode: '411203', assistanceIdentity: 'EXTREME_POVERTY' });
    const outpatient = await record({ idNumber: id, visitKind: 'OUTPATIENT', totalCost: '300', basicInsurancePaid: '100' });
    expect(outpatient).toMatchObject({
      medicalAssistancePaid: '0.00',
      outOfPocket: '200.00',
      explanation: { outcome: 'VISIT_NOT_ELIGIBLE', ratio: '0.0000', annualCap: null },
    });
    const other = newId();
    await enrol({ idNumber: other, year: 2025, countyCode: '411203' });
    const plain = await record({ idNumber: other, totalCost: '8000', basicInsurancePaid: '5000' });
    expect(plain).toMatchObject({
      medicalAssistancePaid: '0.00',
      outOfPocket: '3000.00',
      explanation: { outcome: 'NOT_LOW_INCOME', assistanceIdentity: null },
    });
  });

  it('rejects each kind of bad input and writes nothing', async () => {
    const id = newId();
    await enrol({ idNumber: id, year: 2025, countyCode: '411282', assistanceIdentity: 'NEAR_SUBSISTENCE' });
    await record({ idNumber: id, settlementNumber: 'DUP-0001', totalCost: '100', basicInsurancePaid: '50' });
    const good = {
      settlementNumber: 'NEW-0001',
      idNumber: id,
      visitKind: 'INPATIENT',
      visitDate: '2025-06-01',
      totalCost: '1000',
      basicInsurancePaid: '500',
      criticalIllnessPaid: '0',
    };
    const tomorrow = formatDate(new Date(today().getTime() + 86_400_000));
    await expectRejected(RECORD, { input: { ...good, visitDate: tomorrow } }, 'INVALID_INPUT');
    await expectRejected(RECORD, { input: { ...good, visitDate: '2025-02-30' } }, 'INVALID_INPUT');
    const baby = newId('2025-05-01');
    await enrol({ idNumber: baby, year: 2025, countyCode: '411282' });
    await expectRejected(RECORD, { input: { ...good, idNumber: baby, visitDate: '2025-04-30' } }, 'INVALID_INPUT'); // before birth
    const notEnrolled = await expectRejected(RECORD, { input: { ...good, visitDate: '2024-06-01' } }, 'CONFLICT');
    expect(notEnrolled.extensions?.reason).toBe('NOT_ENROLLED');
    await expectRejected(RECORD, { input: { ...good, idNumber: newId() } }, 'CONFLICT');
    await expectRejected(RECORD, { input: { ...good, totalCost: '-5' } }, 'INVALID_INPUT');
    await expectRejected(RECORD, { input: { ...good, basicInsurancePaid: '-0.01' } }, 'INVALID_INPUT');
    await expectRejected(RECORD, { input: { ...good, totalCost: '0', basicInsurancePaid: '0' } }, 'INVALID_INPUT');
    await expectRejected(RECORD, { input: { ...good, totalCost: '12.345' } }, 'INVALID_INPUT');
    const above = await expectRejected(RECORD, { input: { ...good, basicInsurancePaid: '800', criticalIllnessPaid: '300' } }, 'INVALID_INPUT');
    expect(above.extensions?.reason).toBe('PAID_ABOVE_TOTAL');
    const implausible = await expectRejected(RECORD, { input: { ...good, totalCost: '5000000.01' } }, 'INVALID_INPUT');
    expect(implausible.extensions?.reason).toBe('IMPLAUSIBLE_AMOUNT');
    const duplicate = await expectRejected(RECORD, { input: { ...good, settlementNumber: 'DUP-0001' } }, 'CONFLICT');
    expect(duplicate.extensions?.reason).toBe('DUPLICATE_SETTLEMENT');
    await expectRejected(RECORD, { input: { ...good, settlementNumber: 'a b' } }, 'INVALID_INPUT');
    await expectRejected(RECORD, { input: { ...good, idNumber: '41122419620517001' } }, 'INVALID_ID_NUMBER');
    await expectRejected(RECORD, { input: { ...good, visitKind: 'DENTAL' } }, 'BAD_USER_INPUT');
  });

  it('reverses a claim once, with a reason, and only a known one', async () => {
    const id = newId();
    await enrol({ idNumber: id, year: 2025, countyCode: '411282' });
    const claim = await record({ idNumber: id, totalCost: '100', basicInsurancePaid: '50' });
    await expectRejected(REVERSE, { id: claim.id, reason: ' ' }, 'INVALID_INPUT');
    await expectRejected(REVERSE, { id: 'no-such-claim', reason: '重复结算' }, 'NOT_FOUND');
    expect((await query(REVERSE, { id: claim.id, reason: '重复结算' })).data.reverseMedicalClaim.status).toBe('REVERSED');
    const again = await expectRejected(REVERSE, { id: claim.id, reason: '重复结算' }, 'INVALID_TRANSITION');
    expect(again.extensions).toMatchObject({ from: 'REVERSED', to: 'REVERSED' });
  });
});

describe('database constraints', () => {
  it('refuse inconsistent rows whatever writes them', async () => {
    const base = { personIdNumber: newId(), year: 2025, countyCode: '411202', premium: '380.00', recordedBy: 'test' };
    await expect(
      running.client.medicalInsuranceEnrolment.create({
        data: { ...base, subsidyKind: 'FULL', subsidyAmount: '380.00', assistanceIdentity: 'SUBSISTENCE_ALLOWANCE' },
      }),
    ).rejects.toThrow();
    await expect(
      running.client.medicalInsuranceEnrolment.create({ data: { ...base, subsidyKind: 'FIXED', subsidyAmount: '190.00', assistanceIdentity: null } }),
    ).rejects.toThrow();
    await expect(running.client.medicalInsuranceEnrolment.create({ data: { ...base, subsidyKind: 'NONE', subsidyAmount: '10.00' } })).rejects.toThrow();
    await expect(
      running.client.medicalInsuranceEnrolment.create({
        data: { ...base, subsidyKind: 'FIXED', subsidyAmount: '400.00', assistanceIdentity: 'OTHER_HARDSHIP' },
      }),
    ).rejects.toThrow();
    const enrolment = await running.client.medicalInsuranceEnrolment.create({ data: { ...base, subsidyKind: 'NONE', subsidyAmount: '0' } });
    const claim = {
      settlementNumber: 'CHECK-0001',
      enrolmentId: enrolment.id,
      personIdNumber: base.personIdNumber,
      year: 2025,
      visitKind: 'INPATIENT' as const,
      visitDate: new Date('2025-01-02T00:00:00Z'),
      totalCost: '100',
      basicInsurancePaid: '50',
      criticalIllnessPaid: '0',
      medicalAssistancePaid: '0',
      outOfPocket: '50',
      assistanceOutcome: 'NOT_LOW_INCOME' as const,
      eligibleAmount: '50',
      deductibleRemaining: '0',
      deductibleApplied: '0',
      assistanceRatio: '0',
      explanation: 'x',
      recordedBy: 'test',
    };
    await expect(running.client.medicalClaim.create({ data: { ...claim, outOfPocket: '40' } })).rejects.toThrow();
    await expect(running.client.medicalClaim.create({ data: { ...claim, basicInsurancePaid: '150', outOfPocket: '-50' } })).rejects.toThrow();
    await expect(running.client.medicalClaim.create({ data: { ...claim, status: 'REVERSED' } })).rejects.toThrow();
    await running.client.medicalInsuranceEnrolment.delete({ where: { id: enrolment.id } });
  });
});

describe('browsing', () => {
  it('pages and filters enrolments and claims, with totals', async () => {
    const county = '411281';
    const ids = [newId('1950-01-01', county), newId('1951-01-01', county), newId('1952-01-01', county)];
    for (const id of ids) await enrol({ idNumber: id, year: 2025, countyCode: county, assistanceIdentity: 'RELAPSE_MONITORING' });
    await record({ idNumber: ids[0], totalCost: '50000', basicInsurancePaid: '20000' });
    const first = await query(`{ medicalInsuranceEnrolments(first: 2, filter: { countyCode: "${county}", year: 2025, assistanceIdentity: RELAPSE_MONITORING }) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { idNumber person { idNumber } } } } }`);
    expect(first.data.medicalInsuranceEnrolments.totalCount).toBe(3);
    expect(first.data.medicalInsuranceEnrolments.pageInfo.hasNextPage).toBe(true);
    const rest = await query(
      `query($after: String) { medicalInsuranceEnrolments(first: 2, after: $after, filter: { countyCode: "${county}", year: 2025 }) { edges { node { idNumber } } } }`,
      {
        after: first.data.medicalInsuranceEnrolments.pageInfo.endCursor,
      },
    );
    const seen = [...first.data.medicalInsuranceEnrolments.edges, ...rest.data.medicalInsuranceEnrolments.edges].map(
      (edge: { node: { idNumber: string } }) => edge.node.idNumber,
    );
    expect(seen).toEqual([...ids].sort());
    const claims = await query(
      `{ medicalClaims(filter: { countyCode: "${county}", visitKind: INPATIENT, minOutOfPocket: "1000" }) { totalCount edges { node { idNumber outOfPocket person { idNumber } } } } }`,
    );
    expect(claims.data.medicalClaims).toEqual({
      totalCount: 1,
      edges: [{ node: { idNumber: ids[0], outOfPocket: '12600.00', person: { idNumber: ids[0] } } }],
    });
    const top = await query(`{ medicalYearTotals(year: 2025, countyCode: "${county}", limit: 5) { idNumber outOfPocketTotal person { idNumber } } }`);
    expect(top.data.medicalYearTotals).toEqual([{ idNumber: ids[0], outOfPocketTotal: '12600.00', person: { idNumber: ids[0] } }]);
    const claimId = (await query(`{ medicalClaims(filter: { countyCode: "${county}" }) { edges { node { id } } } }`)).data.medicalClaims.edges[0].node.id;
    const found = await query(`query($id: ID!) { medicalClaim(id: $id) { idNumber } none: medicalClaim(id: "nope") { id } }`, { id: claimId });
    expect(found.data).toEqual({ medicalClaim: { idNumber: ids[0] }, none: null });
  });

  it('rejects bad filters', async () => {
    expect((await query(`{ medicalInsuranceEnrolments(filter: { countyCode: "4112" }) { totalCount } }`)).errors?.[0]?.extensions?.code).toBe(
      'INVALID_REGION_CODE',
    );
    expect((await query(`{ medicalClaims(filter: { countyCode: "410102" }) { totalCount } }`)).errors?.[0]?.extensions?.code).toBe('INVALID_REGION_CODE');
    expect((await query(`{ medicalYearTotals(year: 2025, limit: 0) { year } }`)).errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect((await query(`{ medicalYearTotals(year: 2025, minOutOfPocket: "-1") { year } }`)).errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  });
});

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
  idNumber
  healthInsuranceEntitlements(year: 2025) { program status reason }
} } }`;

describe('Person entities', () => {
  const person = (idNumber: string, activeCategories: string[] | null, extra: Record<string, unknown> = {}) => ({
    __typename: 'Person',
    idNumber,
    activeCategories,
    hukouType: activeCategories ? 'RURAL' : null,
    extremePovertySupport: activeCategories?.includes('EXTREME_POVERTY') ? 'DISPERSED' : null,
    ...extra,
  });
  const statuses = (entity: { healthInsuranceEntitlements: { program: string; status: string }[] }) =>
    Object.fromEntries(entity.healthInsuranceEntitlements.map((e) => [e.program, e.status]));

  it('decide every entitlement status from the facts civil affairs gives', async () => {
    const covered = newId();
    const wrongKind = newId();
    const notEnrolled = newId();
    const stale = newId();
    const outsider = newId();
    await enrol({ idNumber: covered, year: 2025, countyCode: '411224', assistanceIdentity: 'SUBSISTENCE_ALLOWANCE' });
    await enrol({ idNumber: wrongKind, year: 2025, countyCode: '411224', assistanceIdentity: 'SUBSISTENCE_ALLOWANCE' });
    await enrol({ idNumber: stale, year: 2025, countyCode: '411224', assistanceIdentity: 'NEAR_SUBSISTENCE' });
    await enrol({ idNumber: outsider, year: 2025, countyCode: '411224' });
    const result = await query(ENTITIES, {
      reps: [
        person(covered, ['SUBSISTENCE_ALLOWANCE', 'RELAPSE_MONITORING']),
        person(wrongKind, ['EXTREME_POVERTY']),
        person(notEnrolled, ['OTHER_HARDSHIP']),
        person(stale, []),
        { __typename: 'Person', idNumber: outsider },
      ],
    });
    expect(result.errors).toBeUndefined();
    const [a, b, c, d, e] = result.data._entities;
    expect(statuses(a)).toEqual({ PREMIUM_SUBSIDY: 'ENTITLED_COVERED', MEDICAL_ASSISTANCE: 'ENTITLED_COVERED' });
    expect(statuses(b)).toEqual({ PREMIUM_SUBSIDY: 'ENTITLED_MISSING', MEDICAL_ASSISTANCE: 'ENTITLED_MISSING' });
    expect(b.healthInsuranceEntitlements[0].reason).toContain('carries a FIXED (定额资助) subsidy, FULL (全额资助) expected');
    expect(statuses(c)).toEqual({ PREMIUM_SUBSIDY: 'ENTITLED_MISSING', MEDICAL_ASSISTANCE: 'ENTITLED_MISSING' });
    expect(c.healthInsuranceEntitlements[0].reason).toContain('not enrolled');
    expect(statuses(d)).toEqual({ PREMIUM_SUBSIDY: 'NOT_ENTITLED', MEDICAL_ASSISTANCE: 'NOT_ENTITLED' });
    expect(d.healthInsuranceEntitlements[1].reason).toContain('应退尽退');
    expect(e.healthInsuranceEntitlements).toEqual([
      { program: 'PREMIUM_SUBSIDY', status: 'NOT_ENTITLED', reason: 'not in the low-income register' },
      { program: 'MEDICAL_ASSISTANCE', status: 'NOT_ENTITLED', reason: 'not in the low-income register' },
    ]);
  });

  it('check the current year when no year is given', async () => {
    const id = newId();
    const result = await query(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
      now: healthInsuranceEntitlements { reason } explicit: healthInsuranceEntitlements(year: ${currentYear()}) { reason } } } }`,
      {
        reps: [person(id, ['SUBSISTENCE_ALLOWANCE'])],
      },
    );
    expect(result.data._entities[0].now).toEqual(result.data._entities[0].explicit);
    expect(result.data._entities[0].now[0].reason).toContain(`for ${currentYear()}`);
  });

  it('resolve a batch of 10 or 100 persons with the same number of SQL statements', async () => {
    const ids = Array.from({ length: 100 }, (_, index) => newId(`19${String(40 + (index % 50)).padStart(2, '0')}-03-0${1 + (index % 9)}`, '411282'));
    const enrolments = ids.map((idNumber, index) => ({
      id: `batch-${index}`,
      personIdNumber: idNumber,
      year: 2025,
      countyCode: '411282',
      premium: '380.00',
      subsidyKind: 'FIXED' as const,
      subsidyAmount: '266.00',
      assistanceIdentity: 'SUBSISTENCE_ALLOWANCE' as const,
      recordedBy: 'test',
    }));
    await running.client.medicalInsuranceEnrolment.createMany({ data: enrolments });
    const tier = { identity: 'SUBSISTENCE_ALLOWANCE' as const, ratioBp: 7_000, deductibleCents: 0, annualCapCents: 6_000_000 };
    await running.client.medicalClaim.createMany({
      data: enrolments.map((enrolment, index) => ({
        settlementNumber: `BATCH-${index}`,
        enrolmentId: enrolment.id,
        personIdNumber: enrolment.personIdNumber,
        year: 2025,
        visitKind: 'INPATIENT' as const,
        visitDate: new Date('2025-04-01T00:00:00Z'),
        totalCost: '1000.00',
        basicInsurancePaid: '600.00',
        criticalIllnessPaid: '0.00',
        ...claimComputation(
          computeAssistance({
            visitKind: 'INPATIENT',
            amounts: { totalCents: 100_000, basicCents: 60_000, criticalCents: 0 },
            identity: 'SUBSISTENCE_ALLOWANCE',
            tier,
            usage: { deductibleAppliedCents: 0, assistanceCents: 0 },
          }),
        ),
        recordedBy: 'test',
      })),
    });
    const FULL = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
      idNumber
      medicalInsuranceEnrolments { year subsidyKind claims { id } yearTotal { outOfPocketTotal } }
      medicalClaims { id outOfPocket explanation { outcome text } enrolment { year } }
      medicalYearTotals { year outOfPocketTotal medicalAssistanceTotal }
      healthInsuranceEntitlements { program status }
    } } }`;
    const statements = async () => (await running.observability.dbQueries.get()).values.reduce((sum, value) => sum + value.value, 0);
    const measure = async (count: number) => {
      const before = await statements();
      const result = await query(FULL, { reps: ids.slice(0, count).map((id) => person(id, ['SUBSISTENCE_ALLOWANCE'])) });
      expect(result.errors).toBeUndefined();
      expect(result.data._entities).toHaveLength(count);
      expect(result.data._entities[count - 1].medicalClaims[0]).toMatchObject({ outOfPocket: '120.00', enrolment: { year: 2025 } });
      expect(result.data._entities[count - 1].medicalYearTotals).toEqual([{ year: 2025, outOfPocketTotal: '120.00', medicalAssistanceTotal: '280.00' }]);
      return (await statements()) - before;
    };
    const ten = await measure(10);
    const hundred = await measure(100);
    console.info(`health-insurance _entities: ${ten} SQL statements for 10 persons, ${hundred} for 100`);
    expect(ten).toBeGreaterThan(0);
    expect(hundred).toBe(ten);
  });
});
