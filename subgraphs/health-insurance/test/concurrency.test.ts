// Races over HTTP against the health-insurance subgraph (N requests at once), invariants checked
// in SQL. PGlite by default; with TEST_DATABASE_URL the PostgreSQL server with a pool of 10 connections.

import { makeIdNumber } from '@lip/shared/id-number';
import { databaseUnderTest, race, startTestSubgraph } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthInsurance } from '../src/subgraph.ts';

const N = 20;
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(healthInsurance);
});
afterAll(() => subgraph?.close());

let sequence = 0;
const newId = () => makeIdNumber({ areaCode: '411282', birthDate: '1960-01-15', sequence: ++sequence });

const ENROL = `mutation($input: EnrolMedicalInsuranceInput!) { enrolMedicalInsurance(input: $input) { id } }`;
const RECORD = `mutation($input: RecordMedicalClaimInput!) { recordMedicalClaim(input: $input) { id medicalAssistancePaid } }`;
const REVERSE = `mutation($id: ID!) { reverseMedicalClaim(claimId: $id, reason: "结算数据错误") { id } }`;

let settlement = 0;
const claim = (idNumber: string, settlementNumber = `RACE-${String(++settlement).padStart(5, '0')}`) => ({
  settlementNumber,
  idNumber,
  visitKind: 'INPATIENT',
  visitDate: '2025-03-10',
  totalCost: '9000',
  basicInsurancePaid: '4000',
  criticalIllnessPaid: '0',
});

async function enrolled(assistanceIdentity = 'SUBSISTENCE_ALLOWANCE') {
  const idNumber = newId();
  const result = await subgraph.gql(ENROL, { input: { idNumber, year: 2025, countyCode: '411282', assistanceIdentity } });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return idNumber;
}

const totals = async (idNumber: string) =>
  (
    await subgraph.sql<{ claims: number; assistance: string; deductible: string }>(
      `SELECT count(*)::int AS claims, sum("medicalAssistancePaid")::text AS assistance, sum("deductibleApplied")::text AS deductible
         FROM "MedicalClaim" WHERE "personIdNumber" = $1 AND "status" = 'SETTLED'`,
      [idNumber],
    )
  )[0]!;

describe(`health insurance under ${N} concurrent requests (${databaseUnderTest()})`, () => {
  it('keeps one enrolment per person and year; concurrent enrolments replace it one after the other (20 enrolMedicalInsurance)', async () => {
    const idNumber = newId();
    const { tally } = await race(N, (i) =>
      subgraph.gql(ENROL, { input: { idNumber, year: 2025, countyCode: '411282', assistanceIdentity: i % 2 ? 'SUBSISTENCE_ALLOWANCE' : null } }),
    );
    expect(tally).toEqual({ ok: N });
    expect(await subgraph.sql(`SELECT 1 FROM "MedicalInsuranceEnrolment" WHERE "personIdNumber" = $1`, [idNumber])).toHaveLength(1);
  });

  it('records a settlement once (20 recordMedicalClaim with one settlement number)', async () => {
    const idNumber = await enrolled();
    const { tally } = await race(N, () => subgraph.gql(RECORD, { input: claim(idNumber, 'RACE-SAME-0001') }));
    expect(tally).toEqual({ ok: 1, 'CONFLICT:DUPLICATE_SETTLEMENT': N - 1 });
    expect((await totals(idNumber)).claims).toBe(1);
  });

  it('applies the deductible and the cap as if the claims came one at a time (20 different claims on one enrolment)', async () => {
    const racing = await enrolled();
    const { tally } = await race(N, () => subgraph.gql(RECORD, { input: claim(racing) }));
    expect(tally).toEqual({ ok: N });
    const sequential = await enrolled();
    for (let i = 0; i < N; i++) {
      const result = await subgraph.gql(RECORD, { input: claim(sequential) });
      expect(result.errors).toBeUndefined();
    }
    // Nothing lost or doubled: the same deductible and the same assistance in total.
    expect(await totals(racing)).toEqual(await totals(sequential));
  });

  it('reverses a claim once (20 reverseMedicalClaim)', async () => {
    const idNumber = await enrolled();
    const recorded = await subgraph.gql(RECORD, { input: claim(idNumber) });
    expect(recorded.errors).toBeUndefined();
    const id = recorded.data.recordMedicalClaim.id;
    const { tally } = await race(N, () => subgraph.gql(REVERSE, { id }));
    expect(tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
    expect((await totals(idNumber)).claims).toBe(0);
  });
});
