// `payrollChangesSince` straight at the subgraph: the persons the register's change log names after a
// position, with their basic-living holdings now (any status), for civil affairs' payment service only;
// and `payrollSnapshot`, the same holdings all at once with the log's position a copy starts from.
import type { Identity } from '@lip/shared/auth';
import { makeIdNumber } from '@lip/shared/id-number';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase, postAs, TEST_IDENTITIES } from '@lip/shared/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { civilAffairs } from '../src/subgraph.ts';

let running: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  running = await startSubgraph(civilAffairs, { db: await openTestDatabase('civil-affairs') });
});
afterAll(() => running?.close());

const PAY_SERVICE: Identity = { subject: 'service:payments', role: 'SERVICE', department: 'CIVIL_AFFAIRS', region: '4112' };
const gql = async (query: string, variables: Record<string, unknown> = {}, as: Identity = TEST_IDENTITIES.admin) => {
  const result = await postAs(as, running.url, query, variables, { direct: true });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as any;
};
const CHANGES = `query($after: String, $first: Int) { payrollChangesSince(after: $after, first: $first) {
  cursor hasMore persons holdings { holdingId personIdNumber regionCode hukouType deceasedOn category status validTo monthlyAmount careLevel grantedBy changedAt } } }`;
const since = async (after: string | null, as: Identity = PAY_SERVICE) => (await gql(CHANGES, { after }, as)).payrollChangesSince;
const id = (sequence: number) => makeIdNumber({ areaCode: '411202', birthDate: '1958-04-04', sequence });

it('names the persons changed after a position with their basic-living holdings now, for the payment service only', async () => {
  const start = (await since(null)).cursor;
  const [head, other] = [id(1), id(2)];
  await gql(`mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
    input: {
      regionCode: '411202001001',
      address: '湖滨街道发放1号',
      hukouType: 'URBAN',
      monthlyIncome: '300',
      financialAssets: '0',
      members: [
        { idNumber: head, name: '李一', relationshipToHead: 'HEAD' },
        { idNumber: other, name: '李二', relationshipToHead: 'SPOUSE' },
      ],
    },
  });
  const registered = await since(start);
  expect([registered.persons.sort(), registered.holdings, registered.hasMore]).toEqual([[head, other].sort(), [], false]);

  const grant = (category: string, monthlyAmount?: string) =>
    gql(`mutation($input: GrantCategoryInput!) { grantCategory(input: $input) { id } }`, {
      input: { idNumber: head, category, validFrom: '2026-01-01', recognizedBy: '湖滨区民政局', reason: '审核确认', monthlyAmount },
    });
  const dibao = (await grant('SUBSISTENCE_ALLOWANCE', '500')).grantCategory.id;
  await grant('OTHER_HARDSHIP'); // not paid: never in the payroll's source
  const granted = await since(registered.cursor);
  expect(granted.persons).toEqual([head]);
  expect(granted.holdings).toEqual([
    expect.objectContaining({
      holdingId: dibao,
      personIdNumber: head,
      category: 'SUBSISTENCE_ALLOWANCE',
      status: 'ACTIVE',
      monthlyAmount: '500.00',
      grantedBy: TEST_IDENTITIES.admin.subject,
      changedAt: expect.any(String),
    }),
  ]);
  // Nothing changed: nothing named, at the same position.
  expect(await since(granted.cursor)).toEqual({ cursor: granted.cursor, hasMore: false, persons: [], holdings: [] });

  // A death ends the holding: the person is named again with the holding ENDED and the day of death.
  await gql(`mutation($idNumber: IdNumber!) { recordDeath(idNumber: $idNumber, deceasedOn: "2026-02-03", reason: "公安户籍注销") { idNumber } }`, {
    idNumber: head,
  });
  const death = await since(granted.cursor);
  expect(death.persons).toContain(head);
  expect(death.holdings).toEqual([expect.objectContaining({ holdingId: dibao, status: 'ENDED', deceasedOn: '2026-02-03' })]);

  // Pages of the log: one entry at a time reaches the same position, having named the same persons.
  let page = { cursor: start, hasMore: true, persons: [] as string[] };
  const named = new Set<string>();
  while (page.hasMore || page.cursor === start) {
    page = (await gql(CHANGES, { after: page.cursor, first: 1 }, PAY_SERVICE)).payrollChangesSince;
    for (const person of page.persons) named.add(person);
  }
  expect(page.cursor).toBe(death.cursor);
  expect([...named].sort()).toEqual([head, other].sort());
});

it('refuses everyone but civil affairs’ services, a bad position and a bad page size', async () => {
  const refusedAs: Identity[] = [
    TEST_IDENTITIES.admin,
    { subject: 'county', role: 'COUNTY_OFFICER', region: '411202' },
    { subject: 'finance', role: 'DEPARTMENT_OFFICER', department: 'FINANCE', region: '4112' },
    { subject: 'housing', role: 'SERVICE', department: 'HOUSING', region: '4112' },
  ];
  for (const as of refusedAs) {
    const refused = await postAs(as, running.url, CHANGES, {}, { direct: true });
    expect(refused.errors?.[0]?.extensions?.code, as.subject).toBe('FORBIDDEN');
  }
  const plain = await postAs(PAY_SERVICE, running.url, CHANGES, { after: '12' }, { direct: true });
  expect(plain.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  const tooMany = await postAs(PAY_SERVICE, running.url, CHANGES, { first: 1001 }, { direct: true });
  expect(tooMany.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  const unsigned = await postAs(null, running.url, CHANGES, {}, { direct: true });
  expect(unsigned.status).toBe(401);
});

it('names only persons of the caller’s region', async () => {
  const start = (await since(null)).cursor;
  const elsewhere = makeIdNumber({ areaCode: '411282', birthDate: '1960-05-05', sequence: 3 });
  await gql(`mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
    input: {
      regionCode: '411282100001',
      address: '灵宝某村',
      hukouType: 'RURAL',
      monthlyIncome: '100',
      financialAssets: '0',
      members: [{ idNumber: elsewhere, name: '周一', relationshipToHead: 'HEAD' }],
    },
  });
  const county: Identity = { ...PAY_SERVICE, region: '411202' };
  expect((await since(start, county)).persons).toEqual([]);
  expect((await since(start)).persons).toEqual([elsewhere]);
});

const SNAPSHOT = `query($after: String, $first: Int) { payrollSnapshot(after: $after, first: $first) {
  position endCursor hasNextPage holdings { holdingId personIdNumber category status monthlyAmount } } }`;

/** A new household of one in 湖滨区 granted dibao: its holding's id. */
const recipient = async (idNumber: string) => {
  await gql(`mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
    input: {
      regionCode: '411202001001',
      address: `湖滨街道发放${idNumber.slice(-4)}号`,
      hukouType: 'URBAN',
      monthlyIncome: '200',
      financialAssets: '0',
      members: [{ idNumber, name: '王九', relationshipToHead: 'HEAD' }],
    },
  });
  const granted = await gql(`mutation($input: GrantCategoryInput!) { grantCategory(input: $input) { id } }`, {
    input: { idNumber, category: 'SUBSISTENCE_ALLOWANCE', validFrom: '2026-01-01', recognizedBy: '湖滨区民政局', reason: '审核确认' },
  });
  return granted.grantCategory.id as string;
};

it('gives every basic-living holding of the caller’s region in pages, with the log position to read changes from', async () => {
  await recipient(id(8));
  const register = (
    await running.db.sql.query<{ id: string }>(
      `SELECT h.id FROM "CategoryHolding" h JOIN "Person" p ON p."idNumber" = h."personIdNumber"
       WHERE h.category IN ('SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY') AND p."regionCode" LIKE '4112%' ORDER BY h.id`,
    )
  ).map((row) => row.id);
  expect(register.length).toBeGreaterThan(1);
  type Page = { position: string; endCursor: string | null; hasNextPage: boolean; holdings: { holdingId: string }[] };
  const pages: Page[] = [];
  for (let after: string | null = null; ; ) {
    const page: Page = (await gql(SNAPSHOT, { after, first: 1 }, PAY_SERVICE)).payrollSnapshot;
    pages.push(page);
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  expect(pages.flatMap((page) => page.holdings.map((holding) => holding.holdingId))).toEqual(register);

  // Changes after the first page's position are named by payrollChangesSince; nothing before it is.
  const position = pages[0]!.position;
  expect(await since(position)).toMatchObject({ persons: [], holdings: [] });
  const newcomer = id(9);
  const dibao = await recipient(newcomer);
  const changed = await since(position);
  expect(changed.persons).toEqual([newcomer]);
  expect(changed.holdings.map((holding: { holdingId: string }) => holding.holdingId)).toEqual([dibao]);

  // A county's service sees its county only.
  const county = (await gql(SNAPSHOT, { first: 10_000 }, { ...PAY_SERVICE, region: '411282' })).payrollSnapshot;
  expect(county.holdings.map((holding: { holdingId: string }) => holding.holdingId)).not.toContain(dibao);
  for (const holding of county.holdings) expect(holding.personIdNumber.slice(0, 6)).not.toBe('411202');
});

it('refuses the snapshot to everyone but civil affairs’ services, and a bad page size or cursor', async () => {
  for (const as of [TEST_IDENTITIES.admin, { subject: 'housing', role: 'SERVICE', department: 'HOUSING', region: '4112' } as Identity]) {
    const refused = await postAs(as, running.url, SNAPSHOT, {}, { direct: true });
    expect(refused.errors?.[0]?.extensions?.code, as.subject).toBe('FORBIDDEN');
  }
  for (const variables of [{ first: 0 }, { first: 10_001 }, { after: 'not-a-cursor' }]) {
    const bad = await postAs(PAY_SERVICE, running.url, SNAPSHOT, variables, { direct: true });
    expect(bad.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('INVALID_INPUT');
  }
});
