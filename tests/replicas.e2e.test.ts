// Two replicas of one subgraph on one database, as behind a load balancer: a signed request is
// accepted once by the pair, not once by each (the replay guard lives in PostgreSQL, not in memory).

import { AUDIT_TABLE } from '@lip/shared/audit';
import { makeIdNumber } from '@lip/shared/id-number';
import { REPLAY_TABLE } from '@lip/shared/replay';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase, signedRequest, TEST_IDENTITIES } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { union } from '../subgraphs/union/src/subgraph.ts';

let first: RunningSubgraph<unknown>;
let second: RunningSubgraph<unknown>;
beforeAll(async () => {
  const db = await openTestDatabase('union');
  first = (await startSubgraph(union, { db })) as RunningSubgraph<unknown>;
  second = (await startSubgraph(union, { db })) as RunningSubgraph<unknown>;
});
afterAll(async () => {
  await first?.stopHttp();
  await second?.close();
});

const send = (replica: RunningSubgraph<unknown>, signed: { headers: Record<string, string>; body: string }) =>
  fetch(replica.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signed.headers }, body: signed.body });

describe('two replicas of one subgraph', () => {
  it('refuse a signed request replayed from one to the other', async () => {
    const signed = await signedRequest(TEST_IDENTITIES.admin, 'union', { query: '{ difficultWorkerFiles(first: 1) { totalCount } }' });
    expect((await send(first, signed)).status).toBe(200);
    const replay = await send(second, signed);
    expect([replay.status, (await replay.json()).errors[0].message]).toEqual([401, 'replayed request']);
  });

  it('let exactly one of them accept a request sent to both at once', async () => {
    for (let round = 0; round < 5; round++) {
      const signed = await signedRequest(TEST_IDENTITIES.admin, 'union', { query: '{ difficultWorkerFiles(first: 1) { totalCount } }' });
      const statuses = (await Promise.all([send(first, signed), send(second, signed)])).map((response) => response.status).sort();
      expect(statuses).toEqual([200, 401]);
    }
  });

  // A query reads while its signature is being remembered, and answers only once it is; a mutation waits first.
  it('run a mutation sent to both at once exactly once', async () => {
    const officer = { subject: 'union-officer', role: 'DEPARTMENT_OFFICER', department: 'UNION', region: '4112' } as const;
    const personIdNumber = makeIdNumber({ areaCode: '411202', birthDate: '1970-05-05', sequence: 31 });
    const signed = await signedRequest(officer, 'union', {
      query: `mutation($input: OpenDifficultWorkerFileInput!) { openDifficultWorkerFile(input: $input) { id } }`,
      variables: { input: { personIdNumber, countyCode: '411202', employer: { name: '三门峡某纺织厂' }, reason: 'LAID_OFF', filedOn: '2024-03-01' } },
    });
    const statuses = (await Promise.all([send(first, signed), send(second, signed)])).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 401]);
    const files = await first.db.sql.query(`SELECT 1 FROM "DifficultWorkerFile" WHERE "personIdNumber" = $1`, [personIdNumber]);
    const writes = await first.db.sql.query(`SELECT 1 FROM "${AUDIT_TABLE}" WHERE "kind" = 'WRITE' AND "persons" @> ARRAY[$1]::text[]`, [personIdNumber]);
    expect([files.length, writes.length]).toEqual([1, 1]);
  });

  it('log a read sent to both at once once: the refused replay is not logged', async () => {
    const idNumber = makeIdNumber({ areaCode: '411202', birthDate: '1971-06-06', sequence: 41 });
    const signed = await signedRequest(TEST_IDENTITIES.admin, 'union', {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { difficultWorkerFiles { id } } } }`,
      variables: { r: [{ __typename: 'Person', idNumber }] },
    });
    const answers = await Promise.all([send(first, signed), send(second, signed)]);
    expect(answers.map((response) => response.status).sort()).toEqual([200, 401]);
    const refused = answers.find((response) => response.status === 401)!;
    expect((await refused.json()).errors[0].message).toBe('replayed request');
    const reads = await first.db.sql.query(`SELECT 1 FROM "${AUDIT_TABLE}" WHERE "kind" = 'READ' AND "persons" @> ARRAY[$1]::text[]`, [idNumber]);
    expect(reads.length).toBe(1);
  });

  it('keep each signature with an expiry, in the shared table', async () => {
    const rows = await first.db.sql.query<{ expiresAt: Date }>(`SELECT "expiresAt" FROM "${REPLAY_TABLE}"`);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) expect(new Date(row.expiresAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
