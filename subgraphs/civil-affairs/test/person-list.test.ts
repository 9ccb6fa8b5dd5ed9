// The person list and a person's holdings and household, read through the driver (issue 18): pages in
// both directions, every filter, the caller's region, and the same answers Prisma's relations gave.
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase, postAs, TEST_IDENTITIES } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { civilAffairs } from '../src/subgraph.ts';

let running: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  running = await startSubgraph(civilAffairs, { db: await openTestDatabase('civil-affairs'), seed: { persons: 400, seed: 7 } });
});
afterAll(() => running?.close());

const county = '411282';
const gql = async (query: string, variables?: Record<string, unknown>, as: Parameters<typeof postAs>[0] = TEST_IDENTITIES.admin) => {
  const answer = await postAs(as, running.url, query, variables, { direct: true });
  expect(answer.errors).toBeUndefined();
  return answer.data;
};
const LIST = `query($f: PersonFilter, $first: Int, $after: String, $last: Int, $before: String) {
  persons(filter: $f, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { startCursor endCursor hasNextPage hasPreviousPage } edges { cursor node { idNumber } }
  }
}`;
const ids = (data: { persons: { edges: { node: { idNumber: string } }[] } }) => data.persons.edges.map((edge) => edge.node.idNumber);

describe('the person list', () => {
  it('pages forwards and backwards along (regionCode, idNumber), with the total of the filter', async () => {
    const all = await running.db.sql.query<{ idNumber: string }>(
      `SELECT "idNumber" FROM "Person" WHERE "regionCode" LIKE $1 ORDER BY "regionCode", "idNumber"`,
      [`${county}%`],
    );
    expect(all.length).toBeGreaterThan(20);
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data = await gql(LIST, { f: { regionPrefix: county }, first: 7, after });
      expect(data.persons.totalCount).toBe(all.length);
      walked.push(...ids(data));
      if (!data.persons.pageInfo.hasNextPage) break;
      after = data.persons.pageInfo.endCursor;
    }
    expect(walked).toEqual(all.map((row) => row.idNumber));

    const first = await gql(LIST, { f: { regionPrefix: county }, first: 12 });
    const back = await gql(LIST, { f: { regionPrefix: county }, last: 4, before: first.persons.edges[10].cursor });
    expect(ids(back)).toEqual(walked.slice(6, 10));
    const last = await gql(LIST, { f: { regionPrefix: county }, last: 3 });
    expect(ids(last)).toEqual(walked.slice(-3));
  });

  it('filters by category, holding state, life and household, as SQL counts them', async () => {
    const count = async (where: string) =>
      (await running.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Person" p WHERE "regionCode" LIKE '4112%' AND ${where}`))[0]!.n;
    const [holding] = await running.db.sql.query<{ category: string }>(`SELECT category::text FROM "CategoryHolding" WHERE status = 'ACTIVE' LIMIT 1`);
    const [household] = await running.db.sql.query<{ id: string }>(`SELECT "householdId" AS id FROM "Person" GROUP BY 1 HAVING count(*) > 1 LIMIT 1`);
    const cases: [Record<string, unknown>, string][] = [
      [
        { category: holding!.category },
        `EXISTS (SELECT 1 FROM "CategoryHolding" h WHERE h."personIdNumber" = p."idNumber" AND h.category::text = '${holding!.category}' AND h.status = 'ACTIVE')`,
      ],
      [{ holdingStatus: 'ENDED' }, `EXISTS (SELECT 1 FROM "CategoryHolding" h WHERE h."personIdNumber" = p."idNumber" AND h.status = 'ENDED')`],
      [{ alive: false }, `"deceasedOn" IS NOT NULL`],
      [{ alive: true, householdId: household!.id }, `"deceasedOn" IS NULL AND "householdId" = '${household!.id}'`],
    ];
    for (const [filter, where] of cases) {
      const expected = await count(where);
      const data = await gql(LIST, { f: filter, first: 100 });
      expect({ filter, total: data.persons.totalCount, page: data.persons.edges.length }).toEqual({ filter, total: expected, page: Math.min(expected, 100) });
    }
    expect((await gql(LIST, { f: { holdingStatus: 'ENDED' }, first: 1 })).persons.totalCount).toBeGreaterThan(0);
  });

  it("keeps to the caller's region: another county's list is empty and its persons unknown", async () => {
    const worker = { subject: 'worker', role: 'TOWNSHIP_WORKER', region: '411202001' } as const;
    const [outside] = await running.db.sql.query<{ idNumber: string }>(`SELECT "idNumber" FROM "Person" WHERE "regionCode" NOT LIKE '411202001%' LIMIT 1`);
    expect((await gql(LIST, { f: { regionPrefix: county }, first: 5 }, worker)).persons).toMatchObject({ totalCount: 0, edges: [] });
    expect(await gql(`query($id: IdNumber!) { person(idNumber: $id) { idNumber } }`, { id: outside!.idNumber }, worker)).toEqual({ person: null });
  });
});

describe("a person's holdings and household", () => {
  it('gives what Prisma reads: holdings newest first (filtered by state), the household with its members and head', async () => {
    const [person] = await running.db.sql.query<{ idNumber: string }>(
      `SELECT "personIdNumber" AS "idNumber" FROM "CategoryHolding" GROUP BY 1 HAVING count(DISTINCT status) > 1 LIMIT 1`,
    );
    const data = await gql(
      `query($id: IdNumber!) { person(idNumber: $id) {
        holdings { id status validFrom monthlyAmount history { action } }
        active: holdings(status: [ACTIVE]) { id }
        activeCategories
        household { id monthlyIncome memberCount head { idNumber } members { idNumber holdings { id } } }
      } }`,
      { id: person!.idNumber },
    );
    const expected = await running.client.person.findUniqueOrThrow({
      where: { idNumber: person!.idNumber },
      include: {
        holdings: { orderBy: [{ validFrom: 'desc' }, { createdAt: 'desc' }], include: { events: { orderBy: { at: 'asc' } } } },
        household: { include: { members: { orderBy: [{ relationshipToHead: 'asc' }, { birthDate: 'asc' }] } } },
      },
    });
    expect(data.person.holdings).toEqual(
      expected.holdings.map((holding) => ({
        id: holding.id,
        status: holding.status,
        validFrom: holding.validFrom.toISOString().slice(0, 10),
        monthlyAmount: holding.monthlyAmount?.toFixed(2) ?? null,
        history: holding.events.map((event) => ({ action: event.action })),
      })),
    );
    expect(data.person.active).toEqual(expected.holdings.filter((holding) => holding.status === 'ACTIVE').map((holding) => ({ id: holding.id })));
    expect(data.person.activeCategories).toEqual([...new Set(expected.holdings.filter((h) => h.status === 'ACTIVE').map((h) => h.category))]);
    const household = expected.household!;
    expect(data.person.household).toMatchObject({
      id: household.id,
      monthlyIncome: household.monthlyIncome.toFixed(2),
      memberCount: household.members.length,
      head: { idNumber: household.members.find((member) => member.relationshipToHead === 'HEAD')!.idNumber },
      members: household.members.map((member) => ({ idNumber: member.idNumber, holdings: expect.any(Array) })),
    });
  });
});
