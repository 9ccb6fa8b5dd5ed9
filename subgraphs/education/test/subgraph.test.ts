// The education subgraph over HTTP: every mutation with good and bad input, the lists, entity
// resolution with the @requires facts a gateway would send, and batching of Person fields.

import { formatDate, today } from '@lip/shared/calendar';
import type { Database } from '@lip/shared/database';
import { makeIdNumber } from '@lip/shared/id-number';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { expectRejectedWrite, openTestDatabase, postGraphQL } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicYear, academicYearOf } from '../src/domain/academic-year.ts';
import { PrismaClient } from '../src/generated/prisma/client.ts';
import { education } from '../src/subgraph.ts';

/** Counts the SQL statements Prisma sends, to prove batching. */
let statements = 0;
const counted = {
  ...education,
  createClient: (db: Database) => {
    const client = new PrismaClient({ adapter: db.adapter, log: [{ emit: 'event', level: 'query' }] });
    client.$on('query', () => void statements++);
    return client;
  },
};

const currentYear = academicYearOf(today());
const CURRENT = currentYear.label;
const PREVIOUS = academicYear(currentYear.startYear - 1).label;

let running: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  running = await startSubgraph(counted, { db: await openTestDatabase('education') });
  // The migration holds policy for 2024–2026; should the tests run later, the current year gets 2026's values.
  for (const year of [currentYear.startYear, currentYear.startYear + 1]) {
    await running.db.sql.query(
      `INSERT INTO "PolicyParameter" ("regionCode", "year", "name", "value", "description")
       SELECT "regionCode", $1, "name", "value", "description" FROM "PolicyParameter" WHERE "year" = 2026 ON CONFLICT DO NOTHING`,
      [year],
    );
  }
});
afterAll(async () => {
  if (!running) return;
  await running.close();
});

const gql = (query: string, variables?: Record<string, unknown>) => postGraphQL(running.url, query, variables, { direct: true });

let sequence = 0;
/** A fresh valid ID number. */
const newId = (birthDate = '2012-05-01', areaCode = '411282') => makeIdNumber({ areaCode, birthDate, sequence: ++sequence });

const RECORD_FIELDS = `id personIdNumber person { idNumber } schoolName schoolRegionCode schoolRegionName countyCode stage enrolmentYear status current
  identifiedAsDifficult identifiedOn endedOn endNote recordedBy`;
const ENROL = `mutation($input: EnrolStudentInput!) { enrolStudent(input: $input) { ${RECORD_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateStudentRecordInput!) { updateStudentRecord(input: $input) { ${RECORD_FIELDS} } }`;
const CHANGE = `mutation($input: ChangeStudentSchoolInput!) { changeStudentSchool(input: $input) { ${RECORD_FIELDS} } }`;
const MARK = `mutation($input: MarkStudentDifficultyInput!) { markStudentDifficulty(input: $input) { ${RECORD_FIELDS} } }`;
const END = `mutation($id: ID!, $outcome: StudentRecordEnding!, $on: Date!, $note: String) {
  endStudentRecord(recordId: $id, outcome: $outcome, endedOn: $on, note: $note) { ${RECORD_FIELDS} } }`;
const ASSISTANCE_FIELDS = `id studentRecordId studentRecord { id stage } personIdNumber person { idNumber } kind amount academicYear term status approvedBy
  paidOn cancelledAt cancelledBy cancellationReason recordedBy`;
const RECORD = `mutation($input: RecordEducationAssistanceInput!) { recordEducationAssistance(input: $input) { ${ASSISTANCE_FIELDS} } }`;
const PAY = `mutation($id: ID!, $on: Date!) { markEducationAssistancePaid(assistanceId: $id, paidOn: $on) { ${ASSISTANCE_FIELDS} } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelEducationAssistance(assistanceId: $id, reason: $reason) { ${ASSISTANCE_FIELDS} } }`;

/** A junior secondary pupil born 2012, at a township school of 灵宝市 since 2024. */
const enrolInput = (overrides: Record<string, unknown> = {}) => ({
  personIdNumber: newId(),
  schoolName: '朱阳镇初级中学',
  schoolRegionCode: '411282102',
  stage: 'JUNIOR_SECONDARY',
  enrolmentYear: 2024,
  ...overrides,
});

async function enrol(overrides: Record<string, unknown> = {}) {
  const result = await gql(ENROL, { input: enrolInput(overrides) });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.enrolStudent;
}

const assistanceInput = (studentRecordId: string, overrides: Record<string, unknown> = {}) => ({
  studentRecordId,
  kind: 'LIVING_ALLOWANCE',
  amount: '625',
  academicYear: '2025-2026',
  term: 'AUTUMN',
  approvedBy: '灵宝市学生资助管理中心',
  ...overrides,
});

async function grant(studentRecordId: string, overrides: Record<string, unknown> = {}) {
  const result = await gql(RECORD, { input: assistanceInput(studentRecordId, overrides) });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.recordEducationAssistance;
}

/** Every row of both tables, for "nothing changed" checks. */
async function snapshot() {
  return {
    records: await running.db.sql.query(`SELECT * FROM "StudentRecord" ORDER BY id`),
    assistance: await running.db.sql.query(`SELECT * FROM "EducationAssistance" ORDER BY id`),
  };
}

/** Runs a write that must fail, and checks its code (and details) and that no row changed. */
const expectRejected = (query: string, variables: Record<string, unknown>, code: string, details: Record<string, unknown> = {}) =>
  expectRejectedWrite(() => gql(query, variables), snapshot, code, details);

describe('enrolStudent', () => {
  it('registers a current student, identified or not', async () => {
    const plain = await enrol();
    expect(plain).toMatchObject({
      schoolName: '朱阳镇初级中学',
      schoolRegionCode: '411282102',
      schoolRegionName: '灵宝市朱阳镇',
      countyCode: '411282',
      stage: 'JUNIOR_SECONDARY',
      enrolmentYear: 2024,
      status: 'CURRENT',
      current: true,
      identifiedAsDifficult: false,
      identifiedOn: null,
      endedOn: null,
      recordedBy: 'test-user',
    });
    expect(plain.person).toEqual({ idNumber: plain.personIdNumber });
    const identified = await enrol({
      schoolName: ' 灵宝市第一高级中学 ',
      schoolRegionCode: '411282',
      stage: 'SENIOR_SECONDARY',
      enrolmentYear: 2024,
      personIdNumber: newId('2009-02-02'),
      identifiedAsDifficult: true,
      identifiedOn: '2024-09-20',
    });
    expect(identified).toMatchObject({ schoolName: '灵宝市第一高级中学', schoolRegionName: '灵宝市', identifiedAsDifficult: true, identifiedOn: '2024-09-20' });
  });

  it('accepts a lowercase x check character and stores it uppercase', async () => {
    let idNumber = '';
    for (let s = 900; !idNumber.endsWith('X'); s++) idNumber = makeIdNumber({ areaCode: '411224', birthDate: '2015-06-06', sequence: s });
    const record = await enrol({
      personIdNumber: idNumber.toLowerCase(),
      stage: 'PRIMARY',
      enrolmentYear: 2021,
      schoolName: '杜关镇中心小学',
      schoolRegionCode: '411224101',
    });
    expect(record.personIdNumber).toBe(idNumber);
  });

  it('rejects bad input with a stable code and writes nothing', async () => {
    const bad = (overrides: Record<string, unknown>) => ({ input: enrolInput(overrides) });
    const id = newId();
    await expectRejected(ENROL, bad({ personIdNumber: `${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}` }), 'INVALID_ID_NUMBER', {
      reason: 'CHECK_CHARACTER',
    });
    await expectRejected(ENROL, bad({ personIdNumber: '41128220120501' }), 'INVALID_ID_NUMBER', { reason: 'LENGTH' });
    await expectRejected(ENROL, bad({ schoolName: '校' }), 'INVALID_INPUT', { field: 'schoolName' });
    await expectRejected(ENROL, bad({ schoolRegionCode: '411282102200' }), 'INVALID_REGION_CODE', { field: 'schoolRegionCode', reason: 'LEVEL' });
    await expectRejected(ENROL, bad({ schoolRegionCode: '410102' }), 'INVALID_REGION_CODE', { reason: 'OUTSIDE_SANMENXIA' });
    await expectRejected(ENROL, bad({ schoolRegionCode: '411282999' }), 'INVALID_REGION_CODE', { reason: 'UNKNOWN' });
    await expectRejected(ENROL, bad({ enrolmentYear: today().getUTCFullYear() + 1 }), 'INVALID_INPUT', { field: 'enrolmentYear' });
    await expectRejected(ENROL, bad({ stage: 'HIGHER' }), 'INVALID_INPUT', { field: 'stage', reason: 'AGE_DOES_NOT_FIT_STAGE' });
    await expectRejected(ENROL, bad({ stage: 'PRESCHOOL' }), 'INVALID_INPUT', { reason: 'AGE_DOES_NOT_FIT_STAGE' });
    await expectRejected(ENROL, bad({ stage: 'KINDERGARTEN' }), 'BAD_USER_INPUT');
    await expectRejected(ENROL, bad({ identifiedAsDifficult: true }), 'INVALID_INPUT', { field: 'identifiedOn' });
    await expectRejected(ENROL, bad({ identifiedOn: '2024-09-20' }), 'INVALID_INPUT', { field: 'identifiedOn' });
    await expectRejected(ENROL, bad({ identifiedAsDifficult: true, identifiedOn: '2023-12-31' }), 'INVALID_INPUT', { field: 'identifiedOn' });
    await expectRejected(ENROL, bad({ identifiedAsDifficult: true, identifiedOn: formatDate(new Date(today().getTime() + 86_400_000)) }), 'INVALID_INPUT', {
      field: 'identifiedOn',
    });
    await expectRejected(ENROL, bad({ identifiedAsDifficult: true, identifiedOn: '2024-02-30' }), 'INVALID_INPUT');
  });

  it('refuses a second current record', async () => {
    const first = await enrol();
    const error = await expectRejected(ENROL, { input: enrolInput({ personIdNumber: first.personIdNumber, schoolName: '灵宝市实验中学' }) }, 'CONFLICT', {
      reason: 'CURRENT_RECORD_EXISTS',
      recordId: first.id,
    });
    expect(error.message).toContain('changeStudentSchool');
  });
});

describe('updateStudentRecord', () => {
  it('corrects a current record in place', async () => {
    const record = await enrol();
    const result = await gql(UPDATE, { input: { recordId: record.id, schoolName: '朱阳镇第一初级中学', enrolmentYear: 2025 } });
    expect(result.errors).toBeUndefined();
    expect(result.data.updateStudentRecord).toMatchObject({
      id: record.id,
      schoolName: '朱阳镇第一初级中学',
      enrolmentYear: 2025,
      stage: 'JUNIOR_SECONDARY',
      status: 'CURRENT',
    });
  });

  it('rejects bad corrections and writes nothing', async () => {
    const record = await enrol({ identifiedAsDifficult: true, identifiedOn: '2024-10-10' });
    await expectRejected(UPDATE, { input: { recordId: record.id } }, 'INVALID_INPUT', { field: 'input' });
    await expectRejected(UPDATE, { input: { recordId: record.id, stage: 'PRESCHOOL' } }, 'INVALID_INPUT', { reason: 'AGE_DOES_NOT_FIT_STAGE' });
    await expectRejected(UPDATE, { input: { recordId: record.id, schoolRegionCode: '4112' } }, 'INVALID_REGION_CODE');
    await expectRejected(UPDATE, { input: { recordId: record.id, schoolName: 'x' } }, 'INVALID_INPUT', { field: 'schoolName' });
    await expectRejected(UPDATE, { input: { recordId: record.id, enrolmentYear: 2025 } }, 'INVALID_INPUT', { field: 'identifiedOn' }); // identified 2024
    await expectRejected(UPDATE, { input: { recordId: 'no-such-record', schoolName: '朱阳镇初级中学' } }, 'NOT_FOUND');
  });

  it('keeps the record’s assistance valid', async () => {
    const record = await enrol({
      personIdNumber: newId('2006-03-03'),
      stage: 'HIGHER',
      enrolmentYear: 2024,
      schoolName: '河南大学',
      schoolRegionCode: '411282',
    });
    await grant(record.id, { kind: 'STUDENT_LOAN', amount: '12000', term: 'FULL_YEAR', academicYear: '2024-2025' });
    await expectRejected(UPDATE, { input: { recordId: record.id, stage: 'SENIOR_SECONDARY' } }, 'CONFLICT', { reason: 'ASSISTANCE_DOES_NOT_FIT' });
    await expectRejected(UPDATE, { input: { recordId: record.id, enrolmentYear: 2026 } }, 'CONFLICT', { reason: 'ASSISTANCE_DOES_NOT_FIT' });
  });
});

describe('changeStudentSchool', () => {
  it('ends the current record and starts a new one, carrying the identification over', async () => {
    const record = await enrol({
      personIdNumber: newId('2011-04-04'),
      stage: 'PRIMARY',
      enrolmentYear: 2017,
      schoolName: '朱阳镇中心小学',
      identifiedAsDifficult: true,
      identifiedOn: '2023-09-15',
    });
    const result = await gql(CHANGE, {
      input: {
        recordId: record.id,
        changedOn: '2023-07-05',
        schoolName: '朱阳镇初级中学',
        schoolRegionCode: '411282102',
        stage: 'JUNIOR_SECONDARY',
        note: '小学毕业升入初中',
      },
    });
    // identified after the change date: the change must not precede the identification
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'changedOn' });
    const changed = await gql(CHANGE, {
      input: {
        recordId: record.id,
        changedOn: '2024-07-05',
        schoolName: '朱阳镇初级中学',
        schoolRegionCode: '411282102',
        stage: 'JUNIOR_SECONDARY',
        note: '小学毕业升入初中',
      },
    });
    expect(changed.errors).toBeUndefined();
    const next = changed.data.changeStudentSchool;
    expect(next).toMatchObject({ status: 'CURRENT', stage: 'JUNIOR_SECONDARY', enrolmentYear: 2024, identifiedAsDifficult: true, identifiedOn: '2023-09-15' });
    expect(next.id).not.toBe(record.id);
    const old = await gql(`query($id: ID!) { studentRecord(id: $id) { status current endedOn endNote } }`, { id: record.id });
    expect(old.data.studentRecord).toEqual({ status: 'CHANGED', current: false, endedOn: '2024-07-05', endNote: '小学毕业升入初中' });
    await expectRejected(
      CHANGE,
      { input: { recordId: record.id, changedOn: '2025-01-01', schoolName: '灵宝市实验中学', schoolRegionCode: '411282', stage: 'JUNIOR_SECONDARY' } },
      'INVALID_TRANSITION',
      {
        from: 'CHANGED',
      },
    );
  });

  it('sets a new identification when given', async () => {
    const record = await enrol({ identifiedAsDifficult: true, identifiedOn: '2024-09-15' });
    const moved = await gql(CHANGE, {
      input: {
        recordId: record.id,
        changedOn: '2025-02-20',
        schoolName: '灵宝市实验中学',
        schoolRegionCode: '411282',
        stage: 'JUNIOR_SECONDARY',
        identifiedAsDifficult: false,
      },
    });
    expect(moved.data.changeStudentSchool).toMatchObject({ enrolmentYear: 2025, identifiedAsDifficult: false, identifiedOn: null, schoolRegionName: '灵宝市' });
  });

  it('rejects bad changes and writes nothing', async () => {
    const record = await enrol();
    const change = (overrides: Record<string, unknown>) => ({
      input: {
        recordId: record.id,
        changedOn: '2025-02-20',
        schoolName: '灵宝市实验中学',
        schoolRegionCode: '411282',
        stage: 'JUNIOR_SECONDARY',
        ...overrides,
      },
    });
    await expectRejected(CHANGE, change({ schoolName: '朱阳镇初级中学', schoolRegionCode: '411282102' }), 'INVALID_INPUT', { reason: 'NO_CHANGE' });
    await expectRejected(CHANGE, change({ changedOn: formatDate(new Date(today().getTime() + 86_400_000)) }), 'INVALID_INPUT', { field: 'changedOn' });
    await expectRejected(CHANGE, change({ changedOn: '2023-12-31' }), 'INVALID_INPUT', { field: 'changedOn' });
    await expectRejected(CHANGE, change({ stage: 'HIGHER' }), 'INVALID_INPUT', { reason: 'AGE_DOES_NOT_FIT_STAGE' });
    await expectRejected(CHANGE, change({ schoolRegionCode: '411282102200' }), 'INVALID_REGION_CODE');
    await expectRejected(CHANGE, change({ note: 'x' }), 'INVALID_INPUT', { field: 'note' });
    await expectRejected(CHANGE, change({ identifiedAsDifficult: true }), 'INVALID_INPUT', { field: 'identifiedOn' });
    await expectRejected(CHANGE, change({ identifiedAsDifficult: true, identifiedOn: '2024-09-01' }), 'INVALID_INPUT', { field: 'identifiedOn' }); // before 2025
    await expectRejected(CHANGE, change({ recordId: 'no-such-record' }), 'NOT_FOUND');
  });
});

describe('markStudentDifficulty', () => {
  it('identifies and withdraws', async () => {
    const record = await enrol();
    const marked = await gql(MARK, { input: { recordId: record.id, identifiedAsDifficult: true, identifiedOn: '2025-09-18' } });
    expect(marked.data.markStudentDifficulty).toMatchObject({ identifiedAsDifficult: true, identifiedOn: '2025-09-18' });
    const withdrawn = await gql(MARK, { input: { recordId: record.id, identifiedAsDifficult: false } });
    expect(withdrawn.data.markStudentDifficulty).toMatchObject({ identifiedAsDifficult: false, identifiedOn: null });
  });

  it('rejects bad identifications and writes nothing', async () => {
    const record = await enrol();
    const mark = (overrides: Record<string, unknown>) => ({
      input: { recordId: record.id, identifiedAsDifficult: true, identifiedOn: '2025-09-18', ...overrides },
    });
    await expectRejected(MARK, mark({ identifiedOn: null }), 'INVALID_INPUT', { field: 'identifiedOn' });
    await expectRejected(MARK, mark({ identifiedAsDifficult: false }), 'INVALID_INPUT', { field: 'identifiedOn' });
    await expectRejected(MARK, mark({ identifiedOn: '2023-09-18' }), 'INVALID_INPUT', { field: 'identifiedOn' });
    await expectRejected(MARK, mark({ identifiedOn: formatDate(new Date(today().getTime() + 86_400_000)) }), 'INVALID_INPUT', { field: 'identifiedOn' });
    await expectRejected(MARK, mark({ recordId: 'no-such-record' }), 'NOT_FOUND');
    await gql(END, { id: record.id, outcome: 'LEFT', on: '2025-06-30' });
    await expectRejected(MARK, mark({}), 'INVALID_TRANSITION', { from: 'LEFT' });
  });
});

describe('endStudentRecord', () => {
  it('ends a current record for good; the person may enrol again', async () => {
    const record = await enrol({
      personIdNumber: newId('2008-08-08'),
      stage: 'SENIOR_SECONDARY',
      enrolmentYear: 2023,
      schoolName: '灵宝市第二高级中学',
      schoolRegionCode: '411282',
    });
    const ended = await gql(END, { id: record.id, outcome: 'GRADUATED', on: '2026-06-28', note: '高中毕业' });
    expect(ended.data.endStudentRecord).toMatchObject({ status: 'GRADUATED', current: false, endedOn: '2026-06-28', endNote: '高中毕业' });
    await expectRejected(END, { id: record.id, outcome: 'LEFT', on: '2026-06-29' }, 'INVALID_TRANSITION', { from: 'GRADUATED' });
    const again = await enrol({
      personIdNumber: record.personIdNumber,
      stage: 'HIGHER',
      enrolmentYear: 2026,
      schoolName: LOCAL_COLLEGE,
      schoolRegionCode: '411202',
    });
    expect(again).toMatchObject({ status: 'CURRENT', schoolRegionName: '湖滨区' });
  });

  it('rejects bad endings and writes nothing', async () => {
    const record = await enrol();
    await expectRejected(END, { id: record.id, outcome: 'GRADUATED', on: formatDate(new Date(today().getTime() + 86_400_000)) }, 'INVALID_INPUT', {
      field: 'endedOn',
    });
    await expectRejected(END, { id: record.id, outcome: 'GRADUATED', on: '2023-06-30' }, 'INVALID_INPUT', { field: 'endedOn' });
    await expectRejected(END, { id: record.id, outcome: 'LEFT', on: '2025-06-30', note: 'x'.repeat(201) }, 'INVALID_INPUT', { field: 'note' });
    await expectRejected(END, { id: record.id, outcome: 'CHANGED', on: '2025-06-30' }, 'BAD_USER_INPUT');
    await expectRejected(END, { id: 'no-such-record', outcome: 'LEFT', on: '2025-06-30' }, 'NOT_FOUND');
  });
});

const LOCAL_COLLEGE = '三门峡职业技术学院';

describe('education assistance', () => {
  it('records, pays and cancels', async () => {
    const record = await enrol();
    const given = await grant(record.id);
    expect(given).toMatchObject({
      studentRecordId: record.id,
      studentRecord: { id: record.id, stage: 'JUNIOR_SECONDARY' },
      personIdNumber: record.personIdNumber,
      person: { idNumber: record.personIdNumber },
      kind: 'LIVING_ALLOWANCE',
      amount: '625.00',
      academicYear: '2025-2026',
      term: 'AUTUMN',
      status: 'APPROVED',
      approvedBy: '灵宝市学生资助管理中心',
      paidOn: null,
      recordedBy: 'test-user',
    });
    const paid = await gql(PAY, { id: given.id, on: '2025-10-15' });
    expect(paid.data.markEducationAssistancePaid).toMatchObject({ status: 'PAID', paidOn: '2025-10-15' });
    const cancelled = await gql(CANCEL, { id: given.id, reason: ' 学生已转出本市 ' });
    expect(cancelled.data.cancelEducationAssistance).toMatchObject({
      status: 'CANCELLED',
      paidOn: '2025-10-15',
      cancelledBy: 'test-user',
      cancellationReason: '学生已转出本市',
    });
    expect(cancelled.data.cancelEducationAssistance.cancelledAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Cancelled: the term is free again, and an APPROVED record can be cancelled too.
    const again = await grant(record.id);
    expect((await gql(CANCEL, { id: again.id, reason: '重复录入' })).data.cancelEducationAssistance.status).toBe('CANCELLED');
  });

  it('rejects bad assistance and writes nothing', async () => {
    const record = await enrol();
    const bad = (overrides: Record<string, unknown>) => ({ input: assistanceInput(record.id, overrides) });
    await expectRejected(RECORD, bad({ amount: '0' }), 'INVALID_INPUT', { field: 'amount', reason: 'NOT_POSITIVE' });
    await expectRejected(RECORD, bad({ amount: '-100' }), 'INVALID_INPUT', { field: 'amount' });
    await expectRejected(RECORD, bad({ amount: '12.345' }), 'INVALID_INPUT');
    await expectRejected(RECORD, bad({ amount: 'lots' }), 'INVALID_INPUT');
    await expectRejected(RECORD, bad({ amount: '2500.01' }), 'INVALID_INPUT', { reason: 'ABOVE_MAXIMUM', maximum: '2500.00' });
    await expectRejected(RECORD, bad({ kind: 'GRANT', amount: '5000.01' }), 'INVALID_INPUT', { reason: 'ABOVE_MAXIMUM', maximum: '5000.00' });
    await expectRejected(RECORD, bad({ kind: 'STUDENT_LOAN', amount: '1000' }), 'INVALID_INPUT', { field: 'kind', reason: 'KIND_NOT_FOR_STAGE' });
    await expectRejected(RECORD, bad({ kind: 'WORK_STUDY', amount: '1000' }), 'INVALID_INPUT', { reason: 'KIND_NOT_FOR_STAGE' });
    await expectRejected(RECORD, bad({ academicYear: '2025/2026' }), 'INVALID_INPUT', { field: 'academicYear', reason: 'FORMAT' });
    await expectRejected(RECORD, bad({ academicYear: '2025-2027' }), 'INVALID_INPUT', { field: 'academicYear', reason: 'NOT_CONSECUTIVE' });
    await expectRejected(RECORD, bad({ academicYear: `${currentYear.startYear + 2}-${currentYear.startYear + 3}` }), 'INVALID_INPUT', { reason: 'FUTURE' });
    await expectRejected(RECORD, bad({ academicYear: '2022-2023' }), 'CONFLICT', { reason: 'RECORD_NOT_IN_ACADEMIC_YEAR' });
    await expectRejected(RECORD, bad({ approvedBy: ' ' }), 'INVALID_INPUT', { field: 'approvedBy' });
    await expectRejected(RECORD, bad({ term: 'SUMMER' }), 'BAD_USER_INPUT');
    await expectRejected(RECORD, bad({ studentRecordId: 'no-such-record' }), 'NOT_FOUND');
    const old = await enrol({ personIdNumber: newId('2010-01-01'), stage: 'PRIMARY', enrolmentYear: 2016, schoolName: '朱阳镇中心小学' });
    await expectRejected(RECORD, { input: assistanceInput(old.id, { academicYear: '2020-2021' }) }, 'INVALID_INPUT', { reason: 'NO_POLICY' });
  });

  it('reads the maximum of the school’s county (卢氏县 pays more living allowance)', async () => {
    const lushi = await enrol({ personIdNumber: newId('2012-05-01', '411224'), schoolName: '杜关镇初级中学', schoolRegionCode: '411224101' });
    expect((await grant(lushi.id, { amount: '3000', term: 'FULL_YEAR', approvedBy: '卢氏县学生资助管理中心' })).amount).toBe('3000.00');
    await expectRejected(RECORD, { input: assistanceInput(lushi.id, { amount: '3000.01', academicYear: '2024-2025' }) }, 'INVALID_INPUT', {
      maximum: '3000.00',
    });
  });

  it('refuses a second grant of a kind for the same term of the person, whichever record', async () => {
    const record = await enrol();
    const first = await grant(record.id, { term: 'FULL_YEAR' });
    await expectRejected(RECORD, { input: assistanceInput(record.id, { term: 'SPRING' }) }, 'CONFLICT', {
      reason: 'DUPLICATE_ASSISTANCE',
      existingId: first.id,
    });
    const moved = await gql(CHANGE, {
      input: { recordId: record.id, changedOn: '2026-02-20', schoolName: '灵宝市实验中学', schoolRegionCode: '411282', stage: 'JUNIOR_SECONDARY' },
    });
    await expectRejected(RECORD, { input: assistanceInput(moved.data.changeStudentSchool.id, { term: 'SPRING' }) }, 'CONFLICT', {
      reason: 'DUPLICATE_ASSISTANCE',
    });
    expect((await grant(moved.data.changeStudentSchool.id, { kind: 'FEE_WAIVER', amount: '300', term: 'SPRING' })).status).toBe('APPROVED');
    // The old record still takes late entries for the time it was open, and none after it ended.
    expect((await grant(record.id, { kind: 'GRANT', amount: '500', term: 'AUTUMN' })).studentRecordId).toBe(record.id);
    await expectRejected(RECORD, { input: assistanceInput(record.id, { academicYear: '2026-2027' }) }, 'CONFLICT', { reason: 'RECORD_NOT_IN_ACADEMIC_YEAR' });
  });

  it('pays only APPROVED assistance, on a day of its academic year', async () => {
    const record = await enrol();
    const given = await grant(record.id);
    await expectRejected(PAY, { id: given.id, on: '2025-08-31' }, 'INVALID_INPUT', { field: 'paidOn', reason: 'OUTSIDE_ACADEMIC_YEAR' });
    await expectRejected(PAY, { id: given.id, on: '2026-09-01' }, 'INVALID_INPUT', { field: 'paidOn' });
    await expectRejected(PAY, { id: given.id, on: formatDate(new Date(today().getTime() + 86_400_000)) }, 'INVALID_INPUT', { field: 'paidOn' });
    await expectRejected(PAY, { id: given.id, on: '2025-13-01' }, 'INVALID_INPUT');
    await expectRejected(PAY, { id: 'no-such-assistance', on: '2025-10-15' }, 'NOT_FOUND');
    await gql(PAY, { id: given.id, on: '2026-08-31' });
    await expectRejected(PAY, { id: given.id, on: '2026-08-31' }, 'INVALID_TRANSITION', { from: 'PAID', change: 'PAY' });
    await gql(CANCEL, { id: given.id, reason: '重复录入' });
    await expectRejected(PAY, { id: given.id, on: '2026-08-31' }, 'INVALID_TRANSITION', { from: 'CANCELLED' });
    await expectRejected(CANCEL, { id: given.id, reason: '再次撤销' }, 'INVALID_TRANSITION', { from: 'CANCELLED', change: 'CANCEL' });
  });

  it('cancels only with a reason', async () => {
    const record = await enrol();
    const given = await grant(record.id);
    await expectRejected(CANCEL, { id: given.id, reason: 'x' }, 'INVALID_INPUT', { field: 'reason' });
    await expectRejected(CANCEL, { id: given.id, reason: 'x'.repeat(501) }, 'INVALID_INPUT', { field: 'reason' });
    await expectRejected(CANCEL, { id: 'no-such-assistance', reason: '重复录入' }, 'NOT_FOUND');
  });
});

describe('concurrent writes', () => {
  it('let exactly one of several simultaneous enrolments and grants through', async () => {
    const idNumber = newId();
    const enrolments = await Promise.all(Array.from({ length: 5 }, () => gql(ENROL, { input: enrolInput({ personIdNumber: idNumber }) })));
    expect(enrolments.filter((result) => !result.errors)).toHaveLength(1);
    expect(enrolments.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(4);
    const recordId = enrolments.find((result) => !result.errors)!.data.enrolStudent.id;
    const grants = await Promise.all(Array.from({ length: 5 }, () => gql(RECORD, { input: assistanceInput(recordId) })));
    expect(grants.filter((result) => !result.errors)).toHaveLength(1);
    expect(grants.filter((result) => result.errors?.[0]?.extensions?.reason === 'DUPLICATE_ASSISTANCE')).toHaveLength(4);
    const [rows] = await running.db.sql.query<{ records: number; grants: number }>(
      `SELECT (SELECT count(*)::int FROM "StudentRecord" WHERE "personIdNumber" = $1) AS records,
              (SELECT count(*)::int FROM "EducationAssistance" WHERE "personIdNumber" = $1) AS grants`,
      [idNumber],
    );
    expect(rows).toEqual({ records: 1, grants: 1 });
  });
});

describe('lists', () => {
  it('pages student records with filters and a total', async () => {
    const person = newId('2009-09-09', '411221');
    const first = await enrol({
      personIdNumber: person,
      stage: 'JUNIOR_SECONDARY',
      enrolmentYear: 2022,
      schoolName: '英豪镇初级中学',
      schoolRegionCode: '411221101',
    });
    const second = (
      await gql(CHANGE, {
        input: { recordId: first.id, changedOn: '2025-07-10', schoolName: '渑池县第一高级中学', schoolRegionCode: '411221', stage: 'SENIOR_SECONDARY' },
      })
    ).data.changeStudentSchool;
    const LIST = `query($f: StudentRecordFilter, $after: String) { studentRecords(filter: $f, first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id status stage } } } }`;
    const page = await gql(LIST, { f: { personIdNumber: person } });
    expect(page.data.studentRecords).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { id: second.id, status: 'CURRENT' } }] });
    const next = await gql(LIST, { f: { personIdNumber: person }, after: page.data.studentRecords.pageInfo.endCursor });
    expect(next.data.studentRecords).toMatchObject({ pageInfo: { hasNextPage: false }, edges: [{ node: { id: first.id, status: 'CHANGED' } }] });
    const count = async (f: Record<string, unknown>) => (await gql(LIST, { f })).data.studentRecords.totalCount;
    expect(await count({ regionPrefix: '411221', status: 'CURRENT' })).toBe(1);
    expect(await count({ regionPrefix: '411221101' })).toBe(1);
    expect(await count({ regionPrefix: '411221', stage: 'SENIOR_SECONDARY', enrolmentYear: 2025, identifiedAsDifficult: false })).toBe(1);
    expect(await count({ regionPrefix: '4112' })).toBeGreaterThan(10);
    expect((await gql(LIST, { f: { regionPrefix: '411221101001' } })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'LEVEL' });
    expect((await gql(LIST, { f: { regionPrefix: '4101' } })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_REGION_CODE' });
    expect((await gql(LIST, { f: { enrolmentYear: 20250 } })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'enrolmentYear' });
    const one = await gql(`query($id: ID!) { studentRecord(id: $id) { id } missing: studentRecord(id: "nope") { id } }`, { id: first.id });
    expect(one.data).toEqual({ studentRecord: { id: first.id }, missing: null });
  });

  it('lists difficult students, with or without assistance this academic year', async () => {
    const assisted = await enrol({
      personIdNumber: newId('2013-03-03', '411281'),
      stage: 'PRIMARY',
      enrolmentYear: 2019,
      schoolName: '千秋路小学',
      schoolRegionCode: '411281001',
      identifiedAsDifficult: true,
      identifiedOn: '2025-09-12',
    });
    await grant(assisted.id, { academicYear: CURRENT, amount: '500', approvedBy: '义马市学生资助管理中心' });
    const unassisted = await enrol({
      personIdNumber: newId('2013-04-04', '411281'),
      stage: 'PRIMARY',
      enrolmentYear: 2019,
      schoolName: '千秋路小学',
      schoolRegionCode: '411281001',
      identifiedAsDifficult: true,
      identifiedOn: '2025-09-13',
    });
    await grant(unassisted.id, { academicYear: PREVIOUS, amount: '500', approvedBy: '义马市学生资助管理中心' });
    await enrol({
      personIdNumber: newId('2013-05-05', '411281'),
      stage: 'PRIMARY',
      enrolmentYear: 2019,
      schoolName: '千秋路小学',
      schoolRegionCode: '411281001',
    }); // not identified
    const LIST = `query($f: DifficultStudentFilter) { difficultStudents(filter: $f) { totalCount edges { node { id personIdNumber identifiedOn person { idNumber } } } } }`;
    const all = await gql(LIST, { f: { regionPrefix: '411281' } });
    expect(all.data.difficultStudents.totalCount).toBe(2);
    expect(all.data.difficultStudents.edges.map((edge: any) => edge.node.id)).toEqual([unassisted.id, assisted.id]); // latest identification first
    const ids = async (f: Record<string, unknown>) =>
      (await gql(LIST, { f: { regionPrefix: '411281', ...f } })).data.difficultStudents.edges.map((edge: any) => edge.node.id);
    expect(await ids({ assisted: true })).toEqual([assisted.id]);
    expect(await ids({ assisted: false })).toEqual([unassisted.id]);
    expect(await ids({ assisted: true, academicYear: PREVIOUS })).toEqual([unassisted.id]);
    expect(await ids({ identifiedFrom: '2025-09-13' })).toEqual([unassisted.id]);
    expect(await ids({ identifiedTo: '2025-09-12', stage: 'PRIMARY' })).toEqual([assisted.id]);
    expect(await ids({ stage: 'HIGHER' })).toEqual([]);
    expect((await gql(LIST, { f: { identifiedFrom: '2025-09-14', identifiedTo: '2025-09-13' } })).errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect((await gql(LIST, { f: { academicYear: '2025' } })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'academicYear' });
  });

  it('lists assistance by person, record, kind, status, year, term, stage and region', async () => {
    const record = await enrol({ personIdNumber: newId('2012-06-06', '411203'), schoolName: '大营镇初级中学', schoolRegionCode: '411203100' });
    const a = await grant(record.id, { academicYear: '2024-2025', approvedBy: '陕州区学生资助管理中心' });
    await grant(record.id, { academicYear: '2025-2026', term: 'SPRING', approvedBy: '陕州区学生资助管理中心' });
    const c = await grant(record.id, { kind: 'FEE_WAIVER', amount: '300', academicYear: '2025-2026', term: 'FULL_YEAR', approvedBy: '陕州区学生资助管理中心' });
    await gql(PAY, { id: a.id, on: '2024-10-10' });
    await gql(CANCEL, { id: c.id, reason: '录入错误' });
    const LIST = `query($f: EducationAssistanceFilter) { educationAssistances(filter: $f) { totalCount edges { node { id academicYear status } } } }`;
    const count = async (f: Record<string, unknown>) => (await gql(LIST, { f })).data.educationAssistances.totalCount;
    expect(await count({ personIdNumber: record.personIdNumber })).toBe(3);
    expect(await count({ studentRecordId: record.id, status: 'CANCELLED' })).toBe(1);
    expect(await count({ personIdNumber: record.personIdNumber, academicYear: '2025-2026' })).toBe(2);
    expect(await count({ personIdNumber: record.personIdNumber, kind: 'LIVING_ALLOWANCE', term: 'AUTUMN', status: 'PAID' })).toBe(1);
    expect(await count({ regionPrefix: '411203100', stage: 'JUNIOR_SECONDARY' })).toBe(3);
    expect(await count({ regionPrefix: '411203', stage: 'HIGHER' })).toBe(0);
    expect((await gql(LIST, { f: { academicYear: '2025-2025' } })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', reason: 'NOT_CONSECUTIVE' });
    const one = await gql(`query($id: ID!) { educationAssistance(id: $id) { id status } missing: educationAssistance(id: "nope") { id } }`, { id: c.id });
    expect(one.data).toEqual({ educationAssistance: { id: c.id, status: 'CANCELLED' }, missing: null });
    const byRecord = await gql(
      `query($id: ID!) { studentRecord(id: $id) { counted: assistance { id } all: assistance(includeCancelled: true) { id } y: assistance(academicYear: "2024-2025") { id } } }`,
      { id: record.id },
    );
    expect(byRecord.data.studentRecord.counted).toHaveLength(2);
    expect(byRecord.data.studentRecord.all).toHaveLength(3);
    expect(byRecord.data.studentRecord.y).toEqual([{ id: a.id }]);
  });

  it('publishes the policy parameters of a year and the current academic year', async () => {
    const result = await gql(`{ educationPolicyParameters(year: 2024) { regionCode year name value description } currentAcademicYear }`);
    const values = Object.fromEntries(result.data.educationPolicyParameters.map((p: any) => [`${p.regionCode}:${p.name}`, p.value]));
    expect(values).toEqual({
      '411200:ASSISTANCE_MAX_FEE_WAIVER': '8000',
      '411200:ASSISTANCE_MAX_GRANT': '5000',
      '411200:ASSISTANCE_MAX_LIVING_ALLOWANCE': '2500',
      '411224:ASSISTANCE_MAX_LIVING_ALLOWANCE': '3000',
      '411200:ASSISTANCE_MAX_STUDENT_LOAN': '20000',
      '411200:ASSISTANCE_MAX_WORK_STUDY': '6000',
    });
    expect(result.data.currentAcademicYear).toBe(CURRENT);
    expect((await gql(`{ educationPolicyParameters(year: 2025) { name } }`)).data.educationPolicyParameters).toHaveLength(6);
    expect((await gql(`{ educationPolicyParameters(year: 2018) { name } }`)).data.educationPolicyParameters).toEqual([]);
    expect((await gql(`{ educationPolicyParameters(year: 99999) { name } }`)).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT' });
  });
});

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
  idNumber
  studentRecords { id status assistance { id } }
  currentStudentRecord { id stage }
  educationAssistance { id academicYear studentRecord { id } }
  educationEntitlements { program status reason }
} } }`;

/** A representation as the gateway sends it for `educationEntitlements` (with the @requires facts). */
const person = (idNumber: string, activeCategories: string[] | null, hukouType: string | null = 'URBAN') =>
  activeCategories === null ? { __typename: 'Person', idNumber } : { __typename: 'Person', idNumber, activeCategories, hukouType, extremePovertySupport: null };

describe('Person entities', () => {
  it('gives each entitlement status from the facts in the representations', async () => {
    const covered = await enrol();
    await grant(covered.id, { academicYear: CURRENT });
    const missing = await enrol();
    await grant(missing.id, { academicYear: PREVIOUS });
    const cancelled = await grant(missing.id, { academicYear: CURRENT });
    await gql(CANCEL, { id: cancelled.id, reason: '录入错误' });
    const graduate = await enrol({
      personIdNumber: newId('2007-07-07'),
      stage: 'SENIOR_SECONDARY',
      enrolmentYear: 2022,
      schoolName: '灵宝市第一高级中学',
      schoolRegionCode: '411282',
    });
    await gql(END, { id: graduate.id, outcome: 'GRADUATED', on: '2025-06-28' });
    const outside = await enrol();
    const noCategory = await enrol();
    const nothing = newId();

    const result = await gql(ENTITIES, {
      r: [
        person(covered.personIdNumber, ['SUBSISTENCE_ALLOWANCE']),
        person(missing.personIdNumber, ['RELAPSE_MONITORING', 'NEAR_SUBSISTENCE'], 'RURAL'),
        person(graduate.personIdNumber, ['ESSENTIAL_EXPENDITURE_HARDSHIP']),
        person(outside.personIdNumber, null),
        person(noCategory.personIdNumber, []),
        person(nothing, ['OTHER_HARDSHIP']),
      ],
    });
    expect(result.errors).toBeUndefined();
    const statuses = result.data._entities.map((entity: any) => entity.educationEntitlements[0]);
    expect(statuses[0]).toEqual({
      program: 'EDUCATION_ASSISTANCE',
      status: 'ENTITLED_COVERED',
      reason: `current JUNIOR_SECONDARY student at 朱阳镇初级中学 since 2024, low-income categories SUBSISTENCE_ALLOWANCE; education assistance in ${CURRENT}: LIVING_ALLOWANCE APPROVED`,
    });
    expect(statuses[1]).toEqual({
      program: 'EDUCATION_ASSISTANCE',
      status: 'ENTITLED_MISSING',
      reason: `current JUNIOR_SECONDARY student at 朱阳镇初级中学 since 2024, low-income categories RELAPSE_MONITORING, NEAR_SUBSISTENCE; no approved or paid education assistance in ${CURRENT}`,
    });
    expect(statuses[2]).toEqual({
      program: 'EDUCATION_ASSISTANCE',
      status: 'NOT_ENTITLED',
      reason: 'not a current student (last record GRADUATED on 2025-06-28); holds ESSENTIAL_EXPENDITURE_HARDSHIP',
    });
    expect(statuses[3]).toMatchObject({ status: 'NOT_ENTITLED', reason: expect.stringContaining('not in the low-income register') });
    expect(statuses[4]).toMatchObject({ status: 'NOT_ENTITLED', reason: expect.stringContaining('holds no qualifying low-income category') });
    expect(statuses[5]).toEqual({ program: 'EDUCATION_ASSISTANCE', status: 'NOT_ENTITLED', reason: 'not a current student; holds OTHER_HARDSHIP' });

    const [first, second, third, , , sixth] = result.data._entities;
    expect(first.currentStudentRecord).toEqual({ id: covered.id, stage: 'JUNIOR_SECONDARY' });
    expect(first.studentRecords).toEqual([{ id: covered.id, status: 'CURRENT', assistance: [{ id: expect.any(String) }] }]);
    expect(first.educationAssistance).toEqual([{ id: expect.any(String), academicYear: CURRENT, studentRecord: { id: covered.id } }]);
    expect(second.educationAssistance.map((given: any) => given.academicYear)).toEqual([PREVIOUS]); // the cancelled one is left out
    expect(third.currentStudentRecord).toBeNull();
    expect(third.studentRecords).toEqual([{ id: graduate.id, status: 'GRADUATED', assistance: [] }]);
    expect(sixth).toEqual({ idNumber: nothing, studentRecords: [], currentStudentRecord: null, educationAssistance: [], educationEntitlements: [statuses[5]] });
  });

  it('lists the current record first and filters assistance by year and cancellation', async () => {
    const first = await enrol({ personIdNumber: newId('2013-11-11'), stage: 'PRIMARY', enrolmentYear: 2020, schoolName: '朱阳镇中心小学' });
    const old = await grant(first.id, { academicYear: '2024-2025' });
    const second = (
      await gql(CHANGE, {
        input: { recordId: first.id, changedOn: '2025-02-20', schoolName: '灵宝市实验小学', schoolRegionCode: '411282', stage: 'PRIMARY', note: '转学' },
      })
    ).data.changeStudentSchool;
    const wrong = await grant(second.id, { academicYear: '2025-2026' });
    await gql(CANCEL, { id: wrong.id, reason: '录入错误' });
    const result = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
        studentRecords { id status }
        all: educationAssistance(includeCancelled: true) { id status } y2024: educationAssistance(academicYear: "2024-2025") { id } y2025: educationAssistance(academicYear: "2025-2026") { id } } } }`,
      { r: [person(first.personIdNumber, null)] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0]).toEqual({
      studentRecords: [
        { id: second.id, status: 'CURRENT' },
        { id: first.id, status: 'CHANGED' },
      ],
      all: [
        { id: wrong.id, status: 'CANCELLED' },
        { id: old.id, status: 'APPROVED' },
      ],
      y2024: [{ id: old.id }],
      y2025: [],
    });
  });

  it('costs the same number of SQL statements for 10 and for 100 persons', async () => {
    // 100 persons with an ended and a current record and two assistance records each, written directly.
    const ids = Array.from({ length: 100 }, () => newId('2010-10-10', '411221'));
    await running.client.studentRecord.createMany({
      data: ids.flatMap((idNumber) => [
        {
          id: `old-${idNumber}`,
          personIdNumber: idNumber,
          schoolName: '英豪镇中心小学',
          schoolRegionCode: '411221101',
          stage: 'PRIMARY' as const,
          enrolmentYear: 2016,
          status: 'CHANGED' as const,
          endedOn: new Date('2022-07-01T00:00:00Z'),
          recordedBy: 'test',
        },
        {
          id: `now-${idNumber}`,
          personIdNumber: idNumber,
          schoolName: '英豪镇初级中学',
          schoolRegionCode: '411221101',
          stage: 'JUNIOR_SECONDARY' as const,
          enrolmentYear: 2022,
          status: 'CURRENT' as const,
          recordedBy: 'test',
        },
      ]),
    });
    await running.client.educationAssistance.createMany({
      data: ids.flatMap((idNumber) => [
        {
          studentRecordId: `old-${idNumber}`,
          personIdNumber: idNumber,
          kind: 'LIVING_ALLOWANCE' as const,
          amount: '500',
          academicYear: '2021-2022',
          term: 'FULL_YEAR' as const,
          status: 'PAID' as const,
          paidOn: new Date('2021-10-10T00:00:00Z'),
          approvedBy: '渑池县学生资助管理中心',
          recordedBy: 'test',
        },
        {
          studentRecordId: `now-${idNumber}`,
          personIdNumber: idNumber,
          kind: 'LIVING_ALLOWANCE' as const,
          amount: '625',
          academicYear: CURRENT,
          term: 'AUTUMN' as const,
          status: 'APPROVED' as const,
          approvedBy: '渑池县学生资助管理中心',
          recordedBy: 'test',
        },
      ]),
    });
    const measure = async (count: number) => {
      statements = 0;
      const result = await gql(ENTITIES, { r: ids.slice(0, count).map((idNumber) => person(idNumber, ['SUBSISTENCE_ALLOWANCE'])) });
      expect(result.errors).toBeUndefined();
      expect(result.data._entities).toHaveLength(count);
      for (const entity of result.data._entities) {
        expect(entity.studentRecords).toHaveLength(2);
        expect(entity.studentRecords.every((record: any) => record.assistance.length === 1)).toBe(true);
        expect(entity.educationAssistance).toHaveLength(2);
        expect(entity.educationEntitlements[0].status).toBe('ENTITLED_COVERED');
      }
      return statements;
    };
    const ten = await measure(10);
    const hundred = await measure(100);
    console.log(`SQL statements for _entities: 10 persons → ${ten}, 100 persons → ${hundred}`);
    expect(ten).toBeGreaterThan(0);
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(4); // records by person, assistance by person, assistance by record, records by id
  });
});
