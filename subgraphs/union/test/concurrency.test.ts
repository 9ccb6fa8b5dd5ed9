// Races over HTTP against the union subgraph (N requests at once), invariants checked in SQL.
// PGlite by default; with TEST_DATABASE_URL the PostgreSQL server with a pool of 10 connections.

import { makeIdNumber } from '@lip/shared/id-number';
import { databaseUnderTest, race, startTestSubgraph } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { union } from '../src/subgraph.ts';

const N = 20;
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(union);
});
afterAll(() => subgraph?.close());

let sequence = 0;
const newId = () => makeIdNumber({ areaCode: '411202', birthDate: '1978-04-12', sequence: ++sequence });

const OPEN = `mutation($input: OpenDifficultWorkerFileInput!) { openDifficultWorkerFile(input: $input) { id } }`;
const CLOSE = `mutation($id: ID!) { closeDifficultWorkerFile(fileId: $id, closedOn: "2025-09-01", reason: "已再就业，收入稳定") { id status } }`;
const RECORD = `mutation($input: RecordUnionAssistanceInput!) { recordUnionAssistance(input: $input) { id } }`;
const CANCEL = `mutation($id: ID!) { cancelUnionAssistance(assistanceId: $id, reason: "重复录入") { id } }`;

const fileInput = (personIdNumber: string) => ({
  personIdNumber,
  countyCode: '411202',
  employer: { name: '三门峡宏达机械有限公司', unifiedSocialCreditCode: '914403001922038216' },
  reason: 'LAID_OFF',
  filedOn: '2025-03-01',
});

async function openFile() {
  const result = await subgraph.gql(OPEN, { input: fileInput(newId()) });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.openDifficultWorkerFile.id as string;
}

describe(`union under ${N} concurrent requests (${databaseUnderTest()})`, () => {
  it('keeps one OPEN file per person (20 openDifficultWorkerFile)', async () => {
    const person = newId();
    const { tally } = await race(N, () => subgraph.gql(OPEN, { input: fileInput(person) }));
    expect(tally).toEqual({ ok: 1, 'CONFLICT:OPEN_FILE_EXISTS': N - 1 });
    expect(await subgraph.sql(`SELECT 1 FROM "DifficultWorkerFile" WHERE "personIdNumber" = $1`, [person])).toHaveLength(1);
  });

  it('closes a file once (20 closeDifficultWorkerFile)', async () => {
    const id = await openFile();
    const { tally } = await race(N, () => subgraph.gql(CLOSE, { id }));
    expect(tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
    const [file] = await subgraph.sql<{ status: string; closedOn: Date }>(`SELECT "status", "closedOn" FROM "DifficultWorkerFile" WHERE "id" = $1`, [id]);
    expect(file!.status).toBe('CLOSED');
  });

  it('records every assistance once on an open file, and none after it closed (20 recordUnionAssistance racing a close)', async () => {
    const id = await openFile();
    const { outcomes } = await race(N, (i) =>
      i === 10
        ? subgraph.gql(CLOSE, { id })
        : subgraph.gql(RECORD, {
            input: { fileId: id, kind: 'SEASONAL_VISIT', amount: '800', grantedOn: `2025-${i < 10 ? '06' : '10'}-${String(i + 1).padStart(2, '0')}` },
          }),
    );
    // Grants dated before the closing (June) succeed whatever the order; the close and the October grants exclude each other.
    const allowed = ['ok', 'CONFLICT:ASSISTANCE_AFTER_CLOSING', 'CONFLICT:FILE_NOT_OPEN_ON_DATE'];
    expect(
      outcomes.every((outcome) => allowed.includes(outcome)),
      outcomes.join(),
    ).toBe(true);
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('ok'));
    const recorded = outcomes.filter((outcome, i) => i !== 10 && outcome === 'ok').length;
    expect(await subgraph.sql(`SELECT 1 FROM "UnionAssistance" WHERE "fileId" = $1`, [id])).toHaveLength(recorded);
    const late = await subgraph.sql(
      `SELECT 1 FROM "UnionAssistance" a JOIN "DifficultWorkerFile" f ON f."id" = a."fileId" WHERE f."id" = $1 AND a."grantedOn" > f."closedOn"`,
      [id],
    );
    expect(late).toEqual([]);
  });

  it('cancels an assistance record once (20 cancelUnionAssistance)', async () => {
    const fileId = await openFile();
    const recorded = await subgraph.gql(RECORD, { input: { fileId, kind: 'LIVING', amount: '500', grantedOn: '2025-06-01' } });
    expect(recorded.errors, JSON.stringify(recorded.errors)).toBeUndefined();
    const id = recorded.data.recordUnionAssistance.id;
    const { tally } = await race(N, () => subgraph.gql(CANCEL, { id }));
    expect(tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
    const [row] = await subgraph.sql<{ cancelledAt: Date | null }>(`SELECT "cancelledAt" FROM "UnionAssistance" WHERE "id" = $1`, [id]);
    expect(row!.cancelledAt).not.toBeNull();
  });
});
