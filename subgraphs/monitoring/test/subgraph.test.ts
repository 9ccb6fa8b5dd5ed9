// Straight at the monitoring subgraph with validly signed requests (as the gateway would sign
// them): it enforces role, department and region on its own output, whoever sits in front.

import type { Identity } from '@lip/shared/auth';
import { makeIdNumber } from '@lip/shared/id-number';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase, postAs } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { monitoring } from '../src/subgraph.ts';

let running: RunningSubgraph<PrismaClient>;
const personA = makeIdNumber({ areaCode: '411202', birthDate: '1970-01-01', sequence: 11 });
const personB = makeIdNumber({ areaCode: '411202', birthDate: '1970-01-01', sequence: 13 });

const AS = {
  townshipA: { subject: 'a', role: 'TOWNSHIP_WORKER', region: '411202001' },
  townshipB: { subject: 'b', role: 'TOWNSHIP_WORKER', region: '411202002' },
  county: { subject: 'c', role: 'COUNTY_OFFICER', region: '411202' },
  otherCounty: { subject: 'd', role: 'COUNTY_OFFICER', region: '411203' },
  auditor: { subject: 'e', role: 'AUDITOR', region: '4112' },
  analyst: { subject: 'f', role: 'ANALYST', region: '4112' },
  police: { subject: 'g', role: 'SERVICE', department: 'PUBLIC_SECURITY', region: '4112' },
  health: { subject: 'h', role: 'SERVICE', department: 'HEALTH', region: '4112' },
} satisfies Record<string, Identity>;

const gql = (as: Identity | null, query: string, variables?: Record<string, unknown>) => postAs(as, running.url, query, variables, { direct: true });

beforeAll(async () => {
  running = await startSubgraph(monitoring, { db: await openTestDatabase('monitoring') });
  // One referred alert in each of two townships of 湖滨区.
  for (const [id, person, region] of [
    ['alert-a', personA, '411202001001'],
    ['alert-b', personB, '411202002001'],
  ] as const) {
    await running.db.sql.query(
      `INSERT INTO "Alert" ("id", "personIdNumber", "regionCode", "ruleCode", "severity", "status", "evidence", "evidenceKey", "updatedAt")
       VALUES ($1, $2, $3, 'VISIT_REPORTED_CHANGE', 'MEDIUM', 'REFERRED', '[]', 'k', now())`,
      [id, person, region],
    );
    await running.db.sql.query(
      `INSERT INTO "Referral" ("id", "alertId", "personIdNumber", "office", "officeRegion", "status", "referredOn", "dueOn", "referredBy", "updatedAt")
       VALUES ($1, $2, $3, 'TOWNSHIP', $4, 'PENDING', DATE '2025-06-02', DATE '2025-06-09', 'test', now())`,
      [`ref-${id}`, id, person, region.slice(0, 9)],
    );
  }
});
afterAll(() => running?.close());

const ENTITY = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { idNumber alerts { id } referrals { id } } } }`;

describe('straight at the subgraph', () => {
  it('refuses unsigned requests', async () => {
    expect((await gql(null, '{ monitoringRules { code } }')).status).toBe(401);
  });

  it('keeps Person.alerts and referrals to the caller’s region', async () => {
    const reps = [
      { __typename: 'Person', idNumber: personA },
      { __typename: 'Person', idNumber: personB },
    ];
    const asA = (await gql(AS.townshipA, ENTITY, { reps })).data._entities;
    expect(asA).toEqual([
      { idNumber: personA, alerts: [{ id: 'alert-a' }], referrals: [{ id: 'ref-alert-a' }] },
      { idNumber: personB, alerts: [], referrals: [] },
    ]);
    const asCounty = (await gql(AS.county, ENTITY, { reps })).data._entities;
    expect(asCounty.map((person: any) => person.alerts.length)).toEqual([1, 1]);
    expect((await gql(AS.otherCounty, ENTITY, { reps })).data._entities.map((person: any) => person.alerts.length)).toEqual([0, 0]);
  });

  it('lists, finds and queues only within the region; the auditor reads nothing', async () => {
    const list = async (as: Identity) => (await gql(as, `{ alerts { edges { node { id } } } }`)).data.alerts.edges.map((edge: any) => edge.node.id);
    expect(await list(AS.townshipA)).toEqual(['alert-a']);
    expect((await list(AS.county)).sort()).toEqual(['alert-a', 'alert-b']);
    expect((await gql(AS.townshipB, `{ alert(id: "alert-a") { id } }`)).data.alert).toBeNull();
    const queue = await gql(AS.townshipB, `{ referralQueue { totalCount edges { node { id } } } }`);
    expect(queue.data.referralQueue).toEqual({ totalCount: 1, edges: [{ node: { id: 'ref-alert-b' } }] });
    for (const query of [
      `{ alerts { totalCount } }`,
      `{ referralQueue { totalCount } }`,
      `{ monitoringRules { code } }`,
      `{ overdueReferralsByCounty { overdue } }`,
    ]) {
      expect((await gql(AS.auditor, query)).errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    expect((await gql(AS.auditor, `{ monitoringAuditLog(first: 1) { totalCount } }`)).errors).toBeUndefined();
  });

  it('lets only the receiving office act and only a feed’s department send it', async () => {
    const accept = `mutation { acceptReferral(referralId: "ref-alert-a") { status } }`;
    for (const as of [AS.townshipB, AS.analyst, AS.police, AS.otherCounty]) {
      expect((await gql(as, accept)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const death = { input: { feed: 'DEATH', batchId: 'b1', rows: [{ idNumber: personA, occurredOn: '2025-03-01' }] } };
    const IMPORT = `mutation($input: ImportFeedBatchInput!) { importFeedBatch(input: $input) { changed } }`;
    expect((await gql(AS.health, IMPORT, death)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(AS.county, IMPORT, death)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(AS.police, IMPORT, death)).data.importFeedBatch).toEqual({ changed: 1 });
    expect((await gql(AS.analyst, `mutation { runMonitoring { id } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(AS.townshipA, `mutation { dismissAlert(alertId: "alert-b", reason: "不在本辖区") { id } }`)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});
