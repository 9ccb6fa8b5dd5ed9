// `unionSignalsSince` straight at the subgraph: only changes after a position, for civil affairs'
// monitoring service only, within its region, bad positions refused.

import type { Identity } from '@lip/shared/auth';
import { makeIdNumber } from '@lip/shared/id-number';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase, postGraphQL } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { union } from '../src/subgraph.ts';

let running: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  running = await startSubgraph(union, { db: await openTestDatabase('union') });
});
afterAll(() => running?.close());

const MONITORING: Identity = { subject: 'monitoring-service', role: 'SERVICE', department: 'CIVIL_AFFAIRS', region: '4112' };
const gql = (query: string, variables?: Record<string, unknown>, as?: Identity) => postGraphQL(running.url, query, variables, { direct: true, as });
const SINCE = `query($after: String, $first: Int) { unionSignalsSince(after: $after, first: $first) {
  cursor hasMore signals { personIdNumber source status kind level amount occurredOn regionCode reference } } }`;

let sequence = 700;
const newId = () => makeIdNumber({ areaCode: '411202', birthDate: '1980-02-03', sequence: ++sequence });
const OPEN = `mutation($input: OpenDifficultWorkerFileInput!) { openDifficultWorkerFile(input: $input) { id } }`;
const openFile = async (personIdNumber: string, countyCode = '411202') => {
  const result = await gql(OPEN, {
    input: { personIdNumber, countyCode, employer: { name: '三门峡宏达机械有限公司' }, reason: 'LAID_OFF', filedOn: '2025-03-01' },
  });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.openDifficultWorkerFile.id as string;
};

describe('unionSignalsSince', () => {
  it('pages through the changes after a position, each person once with their current file', async () => {
    const start = (await gql(SINCE, {}, MONITORING)).data.unionSignalsSince.cursor as string;
    const [a, b] = [newId(), newId()];
    const fileA = await openFile(a);
    await openFile(b, '411282');
    const first = await gql(SINCE, { after: start, first: 1 }, MONITORING);
    expect(first.errors).toBeUndefined();
    expect(first.data.unionSignalsSince).toMatchObject({
      hasMore: true,
      signals: [
        { personIdNumber: a, source: 'DIFFICULT_WORKER', status: 'OPEN', kind: 'LAID_OFF', occurredOn: '2025-03-01', regionCode: '411202', reference: fileA },
      ],
    });
    const second = (await gql(SINCE, { after: first.data.unionSignalsSince.cursor }, MONITORING)).data.unionSignalsSince;
    expect(second.signals.map((signal: any) => signal.personIdNumber)).toEqual([b]);
    expect(second.hasMore).toBe(false);
    // Nothing changed since: an empty page at the same position.
    expect((await gql(SINCE, { after: second.cursor }, MONITORING)).data.unionSignalsSince).toEqual({ cursor: second.cursor, hasMore: false, signals: [] });
    // Closing the file is a change; the signal says CLOSED.
    const closed = await gql(`mutation($id: ID!) { closeDifficultWorkerFile(fileId: $id, closedOn: "2025-06-01", reason: "再就业") { id } }`, { id: fileA });
    expect(closed.errors).toBeUndefined();
    const third = (await gql(SINCE, { after: second.cursor }, MONITORING)).data.unionSignalsSince;
    expect(third.signals).toEqual([expect.objectContaining({ personIdNumber: a, status: 'CLOSED', occurredOn: '2025-06-01' })]);
  });

  it('answers civil affairs’ monitoring service only, within its region', async () => {
    const id = newId();
    await openFile(id, '411282');
    for (const as of [
      undefined, // a city administrator
      { subject: 'u', role: 'SERVICE', department: 'UNION', region: '4112' },
      { subject: 'h', role: 'DEPARTMENT_OFFICER', department: 'UNION', region: '4112' },
      { subject: 'a', role: 'ANALYST', region: '4112' },
    ] as (Identity | undefined)[]) {
      expect((await gql(SINCE, {}, as)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const county: Identity = { ...MONITORING, region: '411202' };
    const all = (await gql(SINCE, { first: 1000 }, county)).data.unionSignalsSince.signals as any[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((signal) => signal.regionCode.startsWith('411202'))).toBe(true);
    expect(all.map((signal) => signal.personIdNumber)).not.toContain(id);
  });

  it('refuses a position it did not hand out and a page size out of range', async () => {
    for (const variables of [{ after: 'abc' }, { after: '-1' }, { first: 0 }, { first: 1001 }]) {
      expect((await gql(SINCE, variables, MONITORING)).errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    }
  });
});
