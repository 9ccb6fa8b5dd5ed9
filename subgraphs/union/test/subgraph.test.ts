// The union subgraph over HTTP: every mutation with good and bad input, the lists, entity
// resolution with the @requires facts a gateway would send, and batching of Person fields.

import { formatDate, today } from '@lip/shared/calendar';
import type { Database } from '@lip/shared/database';
import { makeIdNumber } from '@lip/shared/id-number';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { expectRejectedWrite, openTestDatabase, postGraphQL } from '@lip/shared/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PrismaClient } from '../src/generated/prisma/client.ts';
import { union } from '../src/subgraph.ts';

/** Counts the SQL statements Prisma sends, to prove batching. */
let statements = 0;
const counted = {
  ...union,
  createClient: (db: Database) => {
    const client = new PrismaClient({ adapter: db.adapter, log: [{ emit: 'event', level: 'query' }] });
    client.$on('query', () => void statements++);
    return client;
  },
};

let running: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  running = await startSubgraph(counted, { db: await openTestDatabase('union') });
});
afterAll(() => running?.close());

const gql = (query: string, variables?: Record<string, unknown>) => postGraphQL(running.url, query, variables, { direct: true });

let sequence = 0;
/** A fresh valid ID number. */
const newId = (birthDate = '1978-04-12', areaCode = '411202') => makeIdNumber({ areaCode, birthDate, sequence: ++sequence });

const FILE_FIELDS = `id personIdNumber person { idNumber } countyCode employer { name unifiedSocialCreditCode } reason reasonDetail status
  filedOn reviewedOn reviewDueOn reviewOverdue closedOn closingReason filedBy`;
const OPEN = `mutation($input: OpenDifficultWorkerFileInput!) { openDifficultWorkerFile(input: $input) { ${FILE_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateDifficultWorkerFileInput!) { updateDifficultWorkerFile(input: $input) { ${FILE_FIELDS} } }`;
const REVIEW = `mutation($id: ID!, $on: Date) { reviewDifficultWorkerFile(fileId: $id, reviewedOn: $on) { ${FILE_FIELDS} } }`;
const CLOSE = `mutation($id: ID!, $on: Date, $reason: String!) { closeDifficultWorkerFile(fileId: $id, closedOn: $on, reason: $reason) { ${FILE_FIELDS} } }`;
const ASSISTANCE_FIELDS = `id fileId personIdNumber person { idNumber } kind amount grantedOn note recordedBy cancelled cancelledAt cancelledBy cancellationReason file { id status }`;
const RECORD = `mutation($input: RecordUnionAssistanceInput!) { recordUnionAssistance(input: $input) { ${ASSISTANCE_FIELDS} } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelUnionAssistance(assistanceId: $id, reason: $reason) { ${ASSISTANCE_FIELDS} } }`;

const CREDIT_CODE = '914403001922038216';
const fileInput = (overrides: Record<string, unknown> = {}) => ({
  personIdNumber: newId(),
  countyCode: '411202',
  employer: { name: '三门峡宏达机械有限公司', unifiedSocialCreditCode: CREDIT_CODE.toLowerCase() },
  reason: 'LAID_OFF',
  filedOn: '2025-03-01',
  ...overrides,
});

async function open(overrides: Record<string, unknown> = {}) {
  const result = await gql(OPEN, { input: fileInput(overrides) });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.openDifficultWorkerFile;
}

async function record(fileId: string, overrides: Record<string, unknown> = {}) {
  const result = await gql(RECORD, { input: { fileId, kind: 'SEASONAL_VISIT', amount: '800', grantedOn: '2025-06-01', ...overrides } });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.recordUnionAssistance;
}

/** Every row of both tables, for "nothing changed" checks. */
async function snapshot() {
  const rows = async (table: string) => JSON.stringify(await running.db.sql.query(`SELECT * FROM "${table}" ORDER BY "id"`));
  return [await rows('DifficultWorkerFile'), await rows('UnionAssistance')];
}

/** Runs a write that must fail: checks its code (and details) and that no row changed. */
const expectRejected = (query: string, variables: Record<string, unknown>, code: string, details: Record<string, unknown> = {}) =>
  expectRejectedWrite(() => gql(query, variables), snapshot, code, details);

describe('opening a file', () => {
  it('opens a file, normalising the credit code and computing the review date from the policy', async () => {
    const input = fileInput({ reasonDetail: ' 企业关停下岗 ' });
    const result = await gql(OPEN, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data.openDifficultWorkerFile).toMatchObject({
      personIdNumber: input.personIdNumber,
      person: { idNumber: input.personIdNumber },
      countyCode: '411202',
      employer: { name: '三门峡宏达机械有限公司', unifiedSocialCreditCode: CREDIT_CODE },
      reason: 'LAID_OFF',
      reasonDetail: '企业关停下岗',
      status: 'OPEN',
      filedOn: '2025-03-01',
      reviewedOn: null,
      reviewDueOn: '2026-03-01',
      closedOn: null,
      filedBy: 'test-user',
    });
  });

  it('rejects bad input with a stable code and writes nothing', async () => {
    const badCheck = `${newId().slice(0, 17)}${newId().endsWith('1') ? '2' : '1'}`;
    await expectRejected(OPEN, { input: fileInput({ personIdNumber: badCheck }) }, 'INVALID_ID_NUMBER');
    await expectRejected(OPEN, { input: fileInput({ countyCode: '411202001' }) }, 'INVALID_REGION_CODE', { reason: 'LEVEL' });
    await expectRejected(OPEN, { input: fileInput({ countyCode: '410102' }) }, 'INVALID_REGION_CODE', { reason: 'OUTSIDE_SANMENXIA' });
    await expectRejected(OPEN, { input: fileInput({ employer: { name: '厂' } }) }, 'INVALID_INPUT', { field: 'employer.name' });
    await expectRejected(OPEN, { input: fileInput({ employer: { name: '宏达机械', unifiedSocialCreditCode: '914403001922038217' } }) }, 'INVALID_INPUT', {
      field: 'employer.unifiedSocialCreditCode',
      reason: 'CHECK_CHARACTER',
    });
    await expectRejected(OPEN, { input: fileInput({ employer: { name: '宏达机械', unifiedSocialCreditCode: '91440300192203821' } }) }, 'INVALID_INPUT', {
      reason: 'LENGTH',
    });
    await expectRejected(OPEN, { input: fileInput({ reason: 'OTHER' }) }, 'INVALID_INPUT', { field: 'reasonDetail' });
    await expectRejected(OPEN, { input: fileInput({ reason: 'SICK' }) }, 'BAD_USER_INPUT');
    await expectRejected(OPEN, { input: fileInput({ filedOn: '2025-02-30' }) }, 'INVALID_INPUT');
    const tomorrow = formatDate(new Date(today().getTime() + 86_400_000));
    await expectRejected(OPEN, { input: fileInput({ filedOn: tomorrow }) }, 'INVALID_INPUT', { field: 'filedOn' });
    await expectRejected(OPEN, { input: fileInput({ personIdNumber: newId('1960-01-15') }) }, 'INVALID_INPUT', { reason: 'FILING_CONDITIONS', age: 65 });
    await expectRejected(OPEN, { input: fileInput({ personIdNumber: newId('2010-01-15') }) }, 'INVALID_INPUT', { reason: 'FILING_CONDITIONS', age: 15 });
    await expectRejected(OPEN, { input: fileInput({ filedOn: '2019-05-01' }) }, 'INVALID_INPUT', { reason: 'NO_POLICY' });
  });

  it('allows one OPEN file per person; a new file only after the last one closed', async () => {
    const first = await open();
    const person = first.personIdNumber;
    await expectRejected(OPEN, { input: fileInput({ personIdNumber: person, filedOn: '2025-04-01' }) }, 'CONFLICT', { reason: 'OPEN_FILE_EXISTS' });
    await gql(CLOSE, { id: first.id, on: '2025-05-31', reason: '实现稳定就业，脱困销档' });
    await expectRejected(OPEN, { input: fileInput({ personIdNumber: person, filedOn: '2025-05-31' }) }, 'CONFLICT', { reason: 'OVERLAPS_PREVIOUS_FILE' });
    const second = await open({ personIdNumber: person, filedOn: '2025-06-01', reason: 'ILLNESS' });
    expect(second).toMatchObject({ status: 'OPEN', filedOn: '2025-06-01' });
  });

  it('turns a race past the check into CONFLICT (the partial unique index holds)', async () => {
    const person = newId();
    const results = await Promise.all([1, 2, 3].map(() => gql(OPEN, { input: fileInput({ personIdNumber: person }) })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    for (const result of results.filter((r) => r.errors)) expect(result.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'OPEN_FILE_EXISTS' });
    const [row] = await running.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "DifficultWorkerFile" WHERE "personIdNumber" = $1`, [person]);
    expect(row!.n).toBe(1);
  });
});

describe('changing a file', () => {
  it('updates the employer and the reason of an OPEN file; only the given fields change', async () => {
    const file = await open({ reasonDetail: '企业关停' });
    const result = await gql(UPDATE, { input: { fileId: file.id, employer: { name: '三门峡鑫源物流有限公司' } } });
    expect(result.data.updateDifficultWorkerFile).toMatchObject({
      employer: { name: '三门峡鑫源物流有限公司', unifiedSocialCreditCode: null },
      reason: 'LAID_OFF',
      reasonDetail: '企业关停',
    });
    const changed = await gql(UPDATE, { input: { fileId: file.id, reason: 'OTHER', reasonDetail: '家庭主要劳动力意外身亡' } });
    expect(changed.data.updateDifficultWorkerFile).toMatchObject({ reason: 'OTHER', reasonDetail: '家庭主要劳动力意外身亡' });
    const cleared = await gql(UPDATE, { input: { fileId: file.id, reason: 'ILLNESS', reasonDetail: null } });
    expect(cleared.data.updateDifficultWorkerFile).toMatchObject({ reason: 'ILLNESS', reasonDetail: null });
  });

  it('rejects bad updates and any change to a CLOSED file', async () => {
    const file = await open();
    await expectRejected(UPDATE, { input: { fileId: file.id } }, 'INVALID_INPUT', { field: 'input' });
    await expectRejected(UPDATE, { input: { fileId: file.id, reason: 'OTHER' } }, 'INVALID_INPUT', { field: 'reasonDetail' });
    await expectRejected(UPDATE, { input: { fileId: file.id, employer: { name: '宏达', unifiedSocialCreditCode: '91440300708461136A' } } }, 'INVALID_INPUT', {
      reason: 'CHECK_CHARACTER',
    });
    await expectRejected(UPDATE, { input: { fileId: 'no-such-file', reason: 'ILLNESS' } }, 'NOT_FOUND');
    await gql(CLOSE, { id: file.id, on: '2025-04-01', reason: '脱困销档' });
    await expectRejected(UPDATE, { input: { fileId: file.id, reason: 'ILLNESS' } }, 'INVALID_TRANSITION', { from: 'CLOSED' });
    await expectRejected(REVIEW, { id: file.id, on: '2025-04-01' }, 'INVALID_TRANSITION', { from: 'CLOSED' });
  });

  it('records a review, which moves the due date on', async () => {
    const file = await open({ filedOn: '2024-05-10' });
    expect(file).toMatchObject({ reviewDueOn: '2025-05-10', reviewOverdue: true });
    const result = await gql(REVIEW, { id: file.id, on: '2025-05-06' });
    expect(result.data.reviewDifficultWorkerFile).toMatchObject({ reviewedOn: '2025-05-06', reviewDueOn: '2026-05-06' });
    await expectRejected(REVIEW, { id: file.id, on: '2025-05-05' }, 'INVALID_INPUT', { field: 'reviewedOn' });
    await expectRejected(REVIEW, { id: file.id, on: formatDate(new Date(today().getTime() + 86_400_000)) }, 'INVALID_INPUT', { field: 'reviewedOn' });
    await expectRejected(REVIEW, { id: 'no-such-file' }, 'NOT_FOUND');
  });
});

describe('closing a file', () => {
  it('closes an OPEN file for good', async () => {
    const file = await open();
    const result = await gql(CLOSE, { id: file.id, on: '2025-09-30', reason: ' 实现稳定就业，脱困销档 ' });
    expect(result.data.closeDifficultWorkerFile).toMatchObject({
      status: 'CLOSED',
      closedOn: '2025-09-30',
      closingReason: '实现稳定就业，脱困销档',
      reviewDueOn: null,
      reviewOverdue: false,
    });
    await expectRejected(CLOSE, { id: file.id, on: '2025-10-01', reason: '再次销档' }, 'INVALID_TRANSITION', { from: 'CLOSED', change: 'CLOSE' });
  });

  it('defaults the closing date to today', async () => {
    const file = await open();
    const result = await gql(CLOSE, { id: file.id, reason: '脱困销档' });
    expect(result.data.closeDifficultWorkerFile.closedOn).toBe(formatDate(today()));
  });

  it('rejects bad closings and writes nothing', async () => {
    const file = await open();
    await expectRejected(CLOSE, { id: file.id, on: '2025-02-28', reason: '脱困销档' }, 'INVALID_INPUT', { field: 'closedOn' });
    await expectRejected(CLOSE, { id: file.id, on: formatDate(new Date(today().getTime() + 86_400_000)), reason: '脱困销档' }, 'INVALID_INPUT', {
      field: 'closedOn',
    });
    await expectRejected(CLOSE, { id: file.id, on: '2025-04-01', reason: ' ' }, 'INVALID_INPUT', { field: 'reason' });
    await expectRejected(CLOSE, { id: 'no-such-file', reason: '脱困销档' }, 'NOT_FOUND');
    await record(file.id, { grantedOn: '2025-06-01' });
    await expectRejected(CLOSE, { id: file.id, on: '2025-05-31', reason: '脱困销档' }, 'CONFLICT', { reason: 'ASSISTANCE_AFTER_CLOSING' });
  });

  it('may close before a cancelled assistance date', async () => {
    const file = await open();
    const given = await record(file.id, { grantedOn: '2025-06-01' });
    await gql(CANCEL, { id: given.id, reason: '录入错误' });
    const result = await gql(CLOSE, { id: file.id, on: '2025-05-31', reason: '脱困销档' });
    expect(result.data.closeDifficultWorkerFile).toMatchObject({ status: 'CLOSED', closedOn: '2025-05-31' });
  });
});

describe('assistance', () => {
  let fileId: string;
  beforeEach(async () => {
    fileId = (await open({ filedOn: '2025-01-10' })).id;
  });

  it('records assistance on a file open that day', async () => {
    const given = await record(fileId, { kind: 'LIVING', amount: 2999.5, grantedOn: '2025-01-10', note: '生活救助' });
    expect(given).toMatchObject({
      fileId,
      kind: 'LIVING',
      amount: '2999.50',
      grantedOn: '2025-01-10',
      note: '生活救助',
      recordedBy: 'test-user',
      cancelled: false,
      cancelledAt: null,
      file: { id: fileId, status: 'OPEN' },
    });
    expect(given.person.idNumber).toBe(given.personIdNumber);
    const max = await record(fileId, { kind: 'MEDICAL', amount: '10000.00' });
    expect(max.amount).toBe('10000.00');
  });

  it('rejects bad assistance and writes nothing', async () => {
    await expectRejected(RECORD, { input: { fileId, kind: 'LIVING', amount: '0', grantedOn: '2025-06-01' } }, 'INVALID_INPUT', { field: 'amount' });
    await expectRejected(RECORD, { input: { fileId, kind: 'LIVING', amount: '-100', grantedOn: '2025-06-01' } }, 'INVALID_INPUT', { field: 'amount' });
    await expectRejected(RECORD, { input: { fileId, kind: 'LIVING', amount: '12.345', grantedOn: '2025-06-01' } }, 'INVALID_INPUT');
    await expectRejected(RECORD, { input: { fileId, kind: 'LIVING', amount: '3000.01', grantedOn: '2025-06-01' } }, 'INVALID_INPUT', {
      reason: 'ABOVE_MAXIMUM',
      maximum: '3000.00',
    });
    await expectRejected(RECORD, { input: { fileId, kind: 'SEASONAL_VISIT', amount: '1001', grantedOn: '2025-06-01' } }, 'INVALID_INPUT', {
      reason: 'ABOVE_MAXIMUM',
    });
    await expectRejected(RECORD, { input: { fileId, kind: 'LIVING', amount: '100', grantedOn: '2025-01-09' } }, 'CONFLICT', {
      reason: 'FILE_NOT_OPEN_ON_DATE',
    });
    await expectRejected(
      RECORD,
      { input: { fileId, kind: 'LIVING', amount: '100', grantedOn: formatDate(new Date(today().getTime() + 86_400_000)) } },
      'INVALID_INPUT',
      {
        field: 'grantedOn',
      },
    );
    await expectRejected(RECORD, { input: { fileId, kind: 'LIVING', amount: '100', grantedOn: '2025-06-01', note: 'x'.repeat(201) } }, 'INVALID_INPUT', {
      field: 'note',
    });
    await expectRejected(RECORD, { input: { fileId: 'no-such-file', kind: 'LIVING', amount: '100', grantedOn: '2025-06-01' } }, 'NOT_FOUND');
  });

  it('reads the maximum of the file’s county (灵宝市 pays more for seasonal visits)', async () => {
    const lingbao = (await open({ countyCode: '411282', filedOn: '2025-01-10' })).id;
    expect((await record(lingbao, { amount: '1200' })).amount).toBe('1200.00');
    await expectRejected(RECORD, { input: { fileId: lingbao, kind: 'SEASONAL_VISIT', amount: '1200.01', grantedOn: '2025-06-01' } }, 'INVALID_INPUT', {
      maximum: '1200.00',
    });
  });

  it('accepts a late record for a day a now-closed file was open, and nothing after it closed', async () => {
    await gql(CLOSE, { id: fileId, on: '2025-03-31', reason: '脱困销档' });
    expect(await record(fileId, { grantedOn: '2025-03-31' })).toMatchObject({ file: { status: 'CLOSED' } });
    await expectRejected(RECORD, { input: { fileId, kind: 'LIVING', amount: '100', grantedOn: '2025-04-01' } }, 'CONFLICT', {
      reason: 'FILE_NOT_OPEN_ON_DATE',
    });
  });

  it('cancels a record with a reason and keeps it', async () => {
    const given = await record(fileId);
    const result = await gql(CANCEL, { id: given.id, reason: ' 重复录入 ' });
    expect(result.data.cancelUnionAssistance).toMatchObject({
      id: given.id,
      amount: '800.00',
      cancelled: true,
      cancelledBy: 'test-user',
      cancellationReason: '重复录入',
    });
    expect(result.data.cancelUnionAssistance.cancelledAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await expectRejected(CANCEL, { id: given.id, reason: '再次作废' }, 'INVALID_TRANSITION', { from: 'CANCELLED' });
    await expectRejected(CANCEL, { id: (await record(fileId)).id, reason: 'x' }, 'INVALID_INPUT', { field: 'reason' });
    await expectRejected(CANCEL, { id: 'no-such-record', reason: '重复录入' }, 'NOT_FOUND');
    const listed = await gql(`query($id: ID!) { difficultWorkerFile(id: $id) { all: assistance(includeCancelled: true) { id } counted: assistance { id } } }`, {
      id: fileId,
    });
    expect(listed.data.difficultWorkerFile.all).toHaveLength(2);
    expect(listed.data.difficultWorkerFile.counted).toHaveLength(1);
  });
});

describe('lists', () => {
  it('pages files with filters and a total', async () => {
    const person = newId('1985-02-02', '411224');
    const first = await open({ personIdNumber: person, countyCode: '411224', filedOn: '2024-02-01', reason: 'DISABILITY' });
    await gql(CLOSE, { id: first.id, on: '2024-12-31', reason: '脱困销档' });
    const second = await open({ personIdNumber: person, countyCode: '411224', filedOn: '2025-02-01', reason: 'DISABILITY' });
    const LIST = `query($f: DifficultWorkerFileFilter, $after: String) { difficultWorkerFiles(filter: $f, first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id filedOn status } } } }`;
    const page = await gql(LIST, { f: { personIdNumber: person } });
    expect(page.data.difficultWorkerFiles).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { id: second.id } }] });
    const next = await gql(LIST, { f: { personIdNumber: person }, after: page.data.difficultWorkerFiles.pageInfo.endCursor });
    expect(next.data.difficultWorkerFiles).toMatchObject({ pageInfo: { hasNextPage: false }, edges: [{ node: { id: first.id, status: 'CLOSED' } }] });
    const closed = await gql(LIST, { f: { countyCode: '411224', status: 'CLOSED', reason: 'DISABILITY', filedYear: 2024 } });
    expect(closed.data.difficultWorkerFiles.totalCount).toBe(1);
    const city = await gql(LIST, { f: { countyCode: '4112' } });
    expect(city.data.difficultWorkerFiles.totalCount).toBeGreaterThan(10);
    expect((await gql(LIST, { f: { countyCode: '411224001' } })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_REGION_CODE' });
    expect((await gql(LIST, { f: { filedYear: 20240 } })).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'filedYear' });
  });

  it('lists assistance by person, year, kind and county, cancelled only when asked', async () => {
    const file = await open({ countyCode: '411221', filedOn: '2024-01-02' });
    await record(file.id, { grantedOn: '2024-02-01' });
    await record(file.id, { grantedOn: '2025-01-20' });
    const wrong = await record(file.id, { kind: 'LIVING', amount: '500', grantedOn: '2025-03-01' });
    await gql(CANCEL, { id: wrong.id, reason: '录入错误' });
    const LIST = `query($f: UnionAssistanceFilter) { unionAssistances(filter: $f) { totalCount edges { node { grantedOn kind cancelled } } } }`;
    const person = file.personIdNumber;
    expect((await gql(LIST, { f: { personIdNumber: person } })).data.unionAssistances.totalCount).toBe(2);
    expect((await gql(LIST, { f: { personIdNumber: person, includeCancelled: true } })).data.unionAssistances.totalCount).toBe(3);
    const year = await gql(LIST, { f: { personIdNumber: person, year: 2025 } });
    expect(year.data.unionAssistances.edges.map((edge: any) => edge.node)).toEqual([{ grantedOn: '2025-01-20', kind: 'SEASONAL_VISIT', cancelled: false }]);
    expect((await gql(LIST, { f: { countyCode: '411221', kind: 'LIVING', includeCancelled: true } })).data.unionAssistances.totalCount).toBe(1);
    expect((await gql(LIST, { f: { fileId: file.id } })).data.unionAssistances.totalCount).toBe(2);
    const one = await gql(`query($id: ID!) { unionAssistance(id: $id) { id cancelled } missing: unionAssistance(id: "nope") { id } }`, { id: wrong.id });
    expect(one.data).toEqual({ unionAssistance: { id: wrong.id, cancelled: true }, missing: null });
  });

  it('publishes the policy parameters of a year', async () => {
    const result = await gql(`{ unionPolicyParameters(year: 2024) { regionCode year name value description } }`);
    const values = Object.fromEntries(result.data.unionPolicyParameters.map((p: any) => [`${p.regionCode}:${p.name}`, p.value]));
    expect(values).toEqual({
      '411200:ASSISTANCE_MAX_EDUCATION': '5000',
      '411200:ASSISTANCE_MAX_LIVING': '3000',
      '411200:ASSISTANCE_MAX_MEDICAL': '10000',
      '411200:ASSISTANCE_MAX_SEASONAL_VISIT': '1000',
      '411282:ASSISTANCE_MAX_SEASONAL_VISIT': '1200',
      '411200:FILE_REVIEW_INTERVAL_MONTHS': '12',
      '411200:FILING_MAX_AGE': '60',
      '411200:FILING_MIN_AGE': '16',
    });
    expect((await gql(`{ unionPolicyParameters(year: 2025) { name } }`)).data.unionPolicyParameters).toHaveLength(8);
    expect((await gql(`{ unionPolicyParameters(year: 2018) { name } }`)).data.unionPolicyParameters).toEqual([]);
  });
});

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
  idNumber
  difficultWorkerFiles { id status reviewDueOn reviewOverdue employer { name } assistance { id amount } }
  unionAssistance { id grantedOn file { id } }
  unionEntitlements { program status reason }
} } }`;

/** A representation as the gateway sends it for `unionEntitlements` (with the @requires facts). */
const person = (idNumber: string, activeCategories: string[] | null, hukouType: string | null = 'URBAN') =>
  activeCategories === null ? { __typename: 'Person', idNumber } : { __typename: 'Person', idNumber, activeCategories, hukouType, extremePovertySupport: null };

/** Inserts assistance dated today straight into the table (recording it would need this year's policy rows). */
async function givenToday(fileId: string, cancelled = false) {
  const [file] = await running.db.sql.query<{ personIdNumber: string }>(`SELECT "personIdNumber" FROM "DifficultWorkerFile" WHERE id = $1`, [fileId]);
  await running.db.sql.query(
    `INSERT INTO "UnionAssistance" (id, "fileId", "personIdNumber", kind, amount, "grantedOn", "recordedBy", "cancelledAt", "updatedAt")
     VALUES (gen_random_uuid()::text, $1, $2, 'SEASONAL_VISIT', 800, $3::date, 'test', $4::timestamp, now())`,
    [fileId, file!.personIdNumber, formatDate(today()), cancelled ? new Date().toISOString() : null],
  );
}

describe('Person entities', () => {
  it('gives each entitlement status from the facts in the representations', async () => {
    const covered = await open({ filedOn: '2025-01-02' });
    await givenToday(covered.id);
    const missing = await open({ filedOn: '2025-01-02' });
    await record(missing.id, { grantedOn: '2025-01-20' }); // an earlier year (or, in 2025, this one: see below)
    await givenToday(missing.id, true); // cancelled: does not count
    const outside = await open();
    const noCategory = await open();
    const closed = await open({ filedOn: '2025-01-02' });
    await gql(CLOSE, { id: closed.id, on: '2025-02-01', reason: '脱困销档' });
    const nothing = newId();

    const result = await gql(ENTITIES, {
      r: [
        person(covered.personIdNumber, ['SUBSISTENCE_ALLOWANCE']),
        person(missing.personIdNumber, ['NEAR_SUBSISTENCE', 'RELAPSE_MONITORING'], 'RURAL'),
        person(outside.personIdNumber, null),
        person(noCategory.personIdNumber, []),
        person(closed.personIdNumber, ['EXTREME_POVERTY']),
        person(nothing, ['SUBSISTENCE_ALLOWANCE']),
      ],
    });
    expect(result.errors).toBeUndefined();
    const statuses = result.data._entities.map((entity: any) => entity.unionEntitlements[0]);
    const thisYear = today().getUTCFullYear();
    expect(statuses[0]).toEqual({
      program: 'UNION_ASSISTANCE',
      status: 'ENTITLED_COVERED',
      reason: `open difficult-worker file since 2025-01-02 and low-income categories SUBSISTENCE_ALLOWANCE; union assistance in ${thisYear}, last on ${formatDate(today())}`,
    });
    expect(statuses[1]).toMatchObject({ status: thisYear === 2025 ? 'ENTITLED_COVERED' : 'ENTITLED_MISSING' });
    expect(statuses[2]).toMatchObject({ status: 'NOT_ENTITLED', reason: expect.stringContaining('not in the low-income register') });
    expect(statuses[3]).toMatchObject({ status: 'NOT_ENTITLED', reason: expect.stringContaining('holds no active low-income category') });
    expect(statuses[4]).toMatchObject({ status: 'NOT_ENTITLED', reason: 'no open difficult-worker file (holds EXTREME_POVERTY)' });
    expect(statuses[5]).toMatchObject({ status: 'NOT_ENTITLED', reason: 'no open difficult-worker file (holds SUBSISTENCE_ALLOWANCE)' });

    const [first, , , , fifth, sixth] = result.data._entities;
    expect(first.difficultWorkerFiles).toEqual([
      {
        id: covered.id,
        status: 'OPEN',
        reviewDueOn: '2026-01-02',
        reviewOverdue: formatDate(today()) > '2026-01-02',
        employer: { name: '三门峡宏达机械有限公司' },
        assistance: [{ id: expect.any(String), amount: '800.00' }],
      },
    ]);
    expect(first.unionAssistance).toEqual([{ id: expect.any(String), grantedOn: formatDate(today()), file: { id: covered.id } }]);
    expect(fifth.difficultWorkerFiles).toMatchObject([{ id: closed.id, status: 'CLOSED', reviewDueOn: null }]);
    expect(sixth).toEqual({ idNumber: nothing, difficultWorkerFiles: [], unionAssistance: [], unionEntitlements: [statuses[5]] });
  });

  it('filters a person’s assistance by year and cancellation', async () => {
    const file = await open({ filedOn: '2024-06-01' });
    await record(file.id, { grantedOn: '2024-06-01' });
    const wrong = await record(file.id, { grantedOn: '2025-01-20' });
    await gql(CANCEL, { id: wrong.id, reason: '录入错误' });
    const result = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
        all: unionAssistance(includeCancelled: true) { grantedOn cancelled } y2024: unionAssistance(year: 2024) { grantedOn } y2025: unionAssistance(year: 2025) { grantedOn } } } }`,
      { r: [person(file.personIdNumber, null)] },
    );
    expect(result.data._entities[0]).toEqual({
      all: [
        { grantedOn: '2025-01-20', cancelled: true },
        { grantedOn: '2024-06-01', cancelled: false },
      ],
      y2024: [{ grantedOn: '2024-06-01' }],
      y2025: [],
    });
  });

  it('costs the same number of SQL statements for 10 and for 100 persons', async () => {
    // 100 persons with a file and two assistance records each, written directly (the mutations are tested above).
    const ids = Array.from({ length: 100 }, () => newId('1982-09-09', '411203'));
    await running.client.difficultWorkerFile.createMany({
      data: ids.map((idNumber) => ({
        id: `batch-${idNumber}`,
        personIdNumber: idNumber,
        countyCode: '411203',
        employerName: '三门峡华峰纺织有限公司',
        reason: 'ILLNESS' as const,
        status: 'OPEN' as const,
        filedOn: new Date('2025-01-02T00:00:00Z'),
        filedBy: 'test',
      })),
    });
    await running.client.unionAssistance.createMany({
      data: ids.flatMap((idNumber) =>
        ['2025-01-20', '2025-05-01'].map((on) => ({
          fileId: `batch-${idNumber}`,
          personIdNumber: idNumber,
          kind: 'SEASONAL_VISIT' as const,
          amount: '600',
          grantedOn: new Date(`${on}T00:00:00Z`),
          recordedBy: 'test',
        })),
      ),
    });
    const measure = async (count: number) => {
      statements = 0;
      const result = await gql(ENTITIES, { r: ids.slice(0, count).map((idNumber) => person(idNumber, ['SUBSISTENCE_ALLOWANCE'])) });
      expect(result.errors).toBeUndefined();
      expect(result.data._entities).toHaveLength(count);
      expect(result.data._entities.every((entity: any) => entity.difficultWorkerFiles[0].assistance.length === 2 && entity.unionAssistance.length === 2)).toBe(
        true,
      );
      return statements;
    };
    const ten = await measure(10);
    const hundred = await measure(100);
    console.log(`SQL statements for _entities: 10 persons → ${ten}, 100 persons → ${hundred}`);
    expect(ten).toBeGreaterThan(0);
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(5); // files, assistance by person, policy, assistance by file, files by id
  });
});
