// Races over HTTP against the housing subgraph (N requests at once), invariants checked in SQL.
// PGlite by default; with TEST_DATABASE_URL the PostgreSQL server with a pool of 10 connections.

import { databaseUnderTest, onlyExpectedOutcomes, race, startTestSubgraph } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { housing } from '../src/subgraph.ts';
import { newId, villageOf } from './helpers.ts';

const N = 20;
const LUSHI = villageOf('411224');
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(housing);
});
afterAll(() => subgraph?.close());

const APPLY = `mutation($input: ApplyForRuralRenovationInput!) { applyForRuralRenovation(input: $input) { id } }`;
const ADVANCE = `mutation($id: ID!, $to: RuralRenovationStatus!) { advanceRuralRenovationCase(caseId: $id, to: $to) { id status } }`;
const REJECT = `mutation($id: ID!) { rejectRuralRenovationCase(caseId: $id, reason: "不符合申请条件") { id status } }`;
const RENTAL = `mutation($input: StartPublicRentalInput!) { startPublicRental(input: $input) { id } }`;
const END_RENTAL = `mutation($id: ID!) { endPublicRental(id: $id, endDate: "2025-06-30", reason: "已购买自有住房，退出") { id } }`;

async function applied() {
  const result = await subgraph.gql(APPLY, { input: { idNumber: newId(), regionCode: LUSHI, appliedOn: '2024-06-01' } });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.applyForRuralRenovation.id as string;
}

/** A case's steps form a chain: each starts where the previous ended, and the last is the case's status. */
async function stepsAreAChain(caseId: string) {
  const steps = await subgraph.sql<{ fromStatus: string | null; toStatus: string }>(
    `SELECT "fromStatus", "toStatus" FROM "RuralRenovationStep" WHERE "caseId" = $1 ORDER BY "at", "id"`,
    [caseId],
  );
  const [row] = await subgraph.sql<{ status: string }>(`SELECT "status" FROM "RuralRenovationCase" WHERE "id" = $1`, [caseId]);
  return {
    steps: steps.length,
    broken: steps.filter((step, i) => i > 0 && step.fromStatus !== steps[i - 1]!.toStatus).length,
    endsAt: steps.at(-1)?.toStatus === row!.status,
  };
}

describe(`housing under ${N} concurrent requests (${databaseUnderTest()})`, () => {
  it('keeps one open renovation case per person (20 applyForRuralRenovation)', async () => {
    const person = newId();
    const { tally } = await race(N, () => subgraph.gql(APPLY, { input: { idNumber: person, regionCode: LUSHI, appliedOn: '2024-06-01' } }));
    expect(tally).toEqual({ ok: 1, 'CONFLICT:OPEN_CASE_EXISTS': N - 1 });
    expect(await subgraph.sql(`SELECT 1 FROM "RuralRenovationCase" WHERE "personIdNumber" = $1`, [person])).toHaveLength(1);
  });

  it('advances a case one step once (20 advanceRuralRenovationCase)', async () => {
    const id = await applied();
    const { tally } = await race(N, () => subgraph.gql(ADVANCE, { id, to: 'VILLAGE_REVIEWED' }));
    expect(tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
    expect(await stepsAreAChain(id)).toEqual({ steps: 2, broken: 0, endsAt: true });
  });

  it('keeps the case state machine a chain (10 advances racing 10 rejections)', async () => {
    const id = await applied();
    const { tally } = await race(N, (i) => (i % 2 ? subgraph.gql(REJECT, { id }) : subgraph.gql(ADVANCE, { id, to: 'VILLAGE_REVIEWED' })));
    expect(onlyExpectedOutcomes(tally), JSON.stringify(tally)).toBe(true);
    const chain = await stepsAreAChain(id);
    expect(chain).toMatchObject({ broken: 0, endsAt: true });
    expect(chain.steps).toBe(1 + (tally.ok ?? 0));
  });

  it('gives a household one tenancy at a time (20 startPublicRental)', async () => {
    const person = newId();
    const input = { idNumber: person, regionCode: '411202', unit: '阳光苑公租房 3-2-501', startDate: '2024-03-01' };
    const { tally } = await race(N, () => subgraph.gql(RENTAL, { input }));
    expect(tally).toEqual({ ok: 1, 'CONFLICT:OVERLAPPING_ASSISTANCE': N - 1 });
    expect(await subgraph.sql(`SELECT 1 FROM "UrbanHousingAssistance" WHERE "personIdNumber" = $1`, [person])).toHaveLength(1);
  });

  it('ends a tenancy once (20 endPublicRental)', async () => {
    const created = await subgraph.gql(RENTAL, { input: { idNumber: newId(), regionCode: '411202', unit: '阳光苑公租房 1-1-101', startDate: '2024-03-01' } });
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const id = created.data.startPublicRental.id;
    const { tally } = await race(N, () => subgraph.gql(END_RENTAL, { id }));
    expect(tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
  });
});
