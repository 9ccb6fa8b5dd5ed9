// Races over HTTP against the education subgraph (N requests at once), invariants checked in SQL.
// PGlite by default; with TEST_DATABASE_URL the PostgreSQL server with a pool of 10 connections.

import { makeIdNumber } from '@lip/shared/id-number';
import { databaseUnderTest, onlyExpectedOutcomes, race, startTestSubgraph } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { education } from '../src/subgraph.ts';

const N = 20;
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(education);
});
afterAll(() => subgraph?.close());

let sequence = 0;
const newId = () => makeIdNumber({ areaCode: '411282', birthDate: '2012-03-04', sequence: ++sequence });

const ENROL = `mutation($input: EnrolStudentInput!) { enrolStudent(input: $input) { id } }`;
const END = `mutation($id: ID!) { endStudentRecord(recordId: $id, outcome: LEFT, endedOn: "2025-07-01", note: "随父母迁往外省") { id } }`;
const CHANGE = `mutation($id: ID!, $school: String!) {
  changeStudentSchool(input: { recordId: $id, changedOn: "2025-09-01", schoolName: $school, schoolRegionCode: "411282102", stage: JUNIOR_SECONDARY }) { id }
}`;
const RECORD = `mutation($input: RecordEducationAssistanceInput!) { recordEducationAssistance(input: $input) { id } }`;
const PAY = `mutation($id: ID!) { markEducationAssistancePaid(assistanceId: $id, paidOn: "2025-10-15") { id status } }`;
const CANCEL = `mutation($id: ID!) { cancelEducationAssistance(assistanceId: $id, reason: "重复录入") { id status } }`;

const enrolInput = (personIdNumber: string) => ({
  personIdNumber,
  schoolName: '朱阳镇初级中学',
  schoolRegionCode: '411282102',
  stage: 'JUNIOR_SECONDARY',
  enrolmentYear: 2024,
});
const assistanceInput = (studentRecordId: string) => ({
  studentRecordId,
  kind: 'LIVING_ALLOWANCE',
  amount: '625',
  academicYear: '2025-2026',
  term: 'AUTUMN',
  approvedBy: '灵宝市学生资助管理中心',
});

async function enrolled() {
  const person = newId();
  const result = await subgraph.gql(ENROL, { input: enrolInput(person) });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return { person, id: result.data.enrolStudent.id as string };
}

async function approved() {
  const { id: recordId } = await enrolled();
  const result = await subgraph.gql(RECORD, { input: assistanceInput(recordId) });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.recordEducationAssistance.id as string;
}

const currentRecords = (person: string) => subgraph.sql(`SELECT 1 FROM "StudentRecord" WHERE "personIdNumber" = $1 AND "status" = 'CURRENT'`, [person]);

describe(`education under ${N} concurrent requests (${databaseUnderTest()})`, () => {
  it('keeps one CURRENT record per person (20 enrolStudent)', async () => {
    const person = newId();
    const { tally } = await race(N, () => subgraph.gql(ENROL, { input: enrolInput(person) }));
    expect(tally).toEqual({ ok: 1, 'CONFLICT:CURRENT_RECORD_EXISTS': N - 1 });
    expect(await currentRecords(person)).toHaveLength(1);
  });

  it('ends a record once (20 endStudentRecord)', async () => {
    const { person, id } = await enrolled();
    const { tally } = await race(N, () => subgraph.gql(END, { id }));
    expect(tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
    expect(await currentRecords(person)).toHaveLength(0);
  });

  it('changes school once, leaving one CURRENT record (20 changeStudentSchool)', async () => {
    const { person, id } = await enrolled();
    const { tally } = await race(N, (i) => subgraph.gql(CHANGE, { id, school: `灵宝市第${i + 2}初级中学` }));
    expect(tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
    expect(await currentRecords(person)).toHaveLength(1);
    expect(await subgraph.sql(`SELECT 1 FROM "StudentRecord" WHERE "personIdNumber" = $1`, [person])).toHaveLength(2);
  });

  it('records the same assistance once (20 recordEducationAssistance of one kind and term)', async () => {
    const { id } = await enrolled();
    const { tally } = await race(N, () => subgraph.gql(RECORD, { input: assistanceInput(id) }));
    expect(onlyExpectedOutcomes(tally), JSON.stringify(tally)).toBe(true);
    expect(tally.ok).toBe(1);
    expect(await subgraph.sql(`SELECT 1 FROM "EducationAssistance" WHERE "studentRecordId" = $1`, [id])).toHaveLength(1);
  });

  it('pays once (20 markEducationAssistancePaid)', async () => {
    const id = await approved();
    const { tally } = await race(N, () => subgraph.gql(PAY, { id }));
    expect(tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
  });

  it('keeps the assistance state machine: pays and cancels at most once each, in that order (10 + 10)', async () => {
    const id = await approved();
    const { tally, outcomes } = await race(N, (i) => subgraph.gql(i % 2 ? CANCEL : PAY, { id }));
    expect(onlyExpectedOutcomes(tally), JSON.stringify(tally)).toBe(true);
    const paid = outcomes.filter((outcome, i) => i % 2 === 0 && outcome === 'ok').length;
    const cancelled = outcomes.filter((outcome, i) => i % 2 === 1 && outcome === 'ok').length;
    expect(cancelled).toBe(1);
    expect(paid).toBeLessThanOrEqual(1);
    const [row] = await subgraph.sql<{ status: string; paidOn: Date | null }>(`SELECT "status", "paidOn" FROM "EducationAssistance" WHERE "id" = $1`, [id]);
    expect(row!.status).toBe('CANCELLED');
    expect(row!.paidOn !== null).toBe(paid === 1);
  });
});
