// The audit log (shared/src/audit.ts) as every subgraph keeps it, here in union's database on
// either engine: an answered read is already in the log when its answer arrives, even with many
// at once, written with the request's signature in one transaction (a replay writes neither); the index by person is kept by each INSERT (no pending list to merge on a read's path);
// and the auditor's by-person queries use it and find exactly what was read.

import { AUDIT_TABLE, auditLogQueries } from '@lip/shared/audit';
import { makeIdNumber } from '@lip/shared/id-number';
import { REPLAY_TABLE } from '@lip/shared/replay';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase, postAs, signedRequest } from '@lip/shared/testing';
import { SIGNATURE_EXTENSION } from '@lip/shared/upstream-signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { union } from '../src/subgraph.ts';

let running: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  running = await startSubgraph(union, { db: await openTestDatabase('union') });
});
afterAll(() => running?.close());

const worker = { subject: 'audit-worker', role: 'TOWNSHIP_WORKER', region: '411202001' } as const;
const auditor = { subject: 'audit-auditor', role: 'AUDITOR', region: '4112' } as const;
const READ = `query UnionLooksUp($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber unionEntitlements { program status } } } }`;
const LOG = `query($id: IdNumber!) { unionAuditLog(filter: { personIdNumber: $id }, first: 100) { totalCount entries { subject role kind operation persons } } }`;

let sequence = 0;
const newId = () => makeIdNumber({ areaCode: '411202', birthDate: '1980-01-01', sequence: ++sequence });
const representation = (idNumber: string) => ({
  __typename: 'Person',
  idNumber,
  activeCategories: ['SUBSISTENCE'],
  hukouType: 'URBAN',
  extremePovertySupport: null,
});
const logged = async (idNumber: string) =>
  (await running.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "lip_audit_log" WHERE "persons" @> ARRAY[$1]::text[]`, [idNumber]))[0]!.n;

describe('the audit log', () => {
  it('holds every answered read by the time its answer arrives, with many reads at once', async () => {
    const persons = Array.from({ length: 20 }, newId);
    const inLogWhenAnswered = await Promise.all(
      persons.map(async (idNumber) => {
        const answer = await postAs(worker, running.url, READ, { r: [representation(idNumber)] }, { direct: true });
        expect(answer.errors).toBeUndefined();
        return logged(idNumber);
      }),
    );
    expect(inLogWhenAnswered).toEqual(persons.map(() => 1));
  });

  it('writes a read’s entry in its signature’s transaction, and neither for its replay; a read with no entry writes the signature alone', async () => {
    const idNumber = newId();
    const read = await signedRequest(worker, 'union', { query: READ, variables: { r: [representation(idNumber)] } });
    const unaudited = await signedRequest(worker, 'union', { query: '{ __typename }' });
    const send = (signed: { headers: Record<string, string>; body: string }) =>
      fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signed.headers }, body: signed.body });
    for (const signed of [read, unaudited]) {
      expect((await send(signed)).status).toBe(200);
      const replay = await send(signed);
      expect([replay.status, (await replay.json()).errors[0].message]).toEqual([401, 'replayed request']);
    }
    const transactionOf = async (sql: string, value: string) => (await running.db.sql.query<{ tx: string }>(sql, [value])).map((row) => row.tx);
    const signatureOf = (signed: { body: string }) => JSON.parse(signed.body).extensions[SIGNATURE_EXTENSION] as string;
    const guard = `SELECT xmin::text AS tx FROM "${REPLAY_TABLE}" WHERE "signature" = $1`;
    const [entry] = await transactionOf(`SELECT xmin::text AS tx FROM "${AUDIT_TABLE}" WHERE "persons" @> ARRAY[$1]::text[]`, idNumber);
    expect(await transactionOf(guard, signatureOf(read))).toEqual([entry]);
    expect(await transactionOf(guard, signatureOf(unaudited))).toHaveLength(1);
  });

  it('keeps its index by person up to date in each INSERT, with no pending list', async () => {
    const [index] = await running.db.sql.query<{ options: string[] }>(`SELECT reloptions AS options FROM pg_class WHERE relname = 'lip_audit_log_persons_idx'`);
    expect(index!.options).toContain('fastupdate=off');
  });

  it('answers the auditor by person from the index, and exactly', async () => {
    const [one, other] = [newId(), newId()];
    const pages = [[one], [one, other], [other]];
    for (const page of pages) await postAs(worker, running.url, READ, { r: page.map(representation) }, { direct: true });
    const log = await postAs(auditor, running.url, LOG, { id: one }, { direct: true });
    expect(log.errors).toBeUndefined();
    expect(log.data.unionAuditLog.totalCount).toBe(2);
    expect(log.data.unionAuditLog.entries.map((entry: { persons: string[] }) => entry.persons.length)).toEqual([2, 1]);
    expect(log.data.unionAuditLog.entries[0]).toMatchObject({ subject: 'audit-worker', role: 'TOWNSHIP_WORKER', kind: 'READ', operation: 'UnionLooksUp' });

    // Both of its statements, on one connection with sequential scans ruled out, still plan a scan of the index.
    const { count, page } = auditLogQueries({ personIdNumber: one, kind: 'READ' }, 20, 1_000_000n);
    const plans = await running.db.session(async (sql) => {
      await sql.exec('SET enable_seqscan = off');
      try {
        const explain = async (query: { sql: string; values: unknown[] }) =>
          (await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.sql}`, query.values)).map((row) => row['QUERY PLAN']).join('\n');
        return [await explain(count), await explain(page)];
      } finally {
        await sql.exec('RESET enable_seqscan');
      }
    });
    for (const plan of plans) expect(plan).toMatch(/Index Scan using lip_audit_log_persons_idx|Bitmap Index Scan on lip_audit_log_persons_idx/);
  });
});
