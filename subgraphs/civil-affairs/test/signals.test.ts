// `civilAffairsSignalsSince` straight at the subgraph: the register's own changes (a holding granted,
// the household's income, a member joining, a death) name every person whose facts they change.
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

const gql = async (query: string, variables: Record<string, unknown> = {}, as: Identity = TEST_IDENTITIES.admin) => {
  const result = await postAs(as, running.url, query, variables, { direct: true });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as any;
};
const SINCE = `query($after: String) { civilAffairsSignalsSince(after: $after) { cursor hasMore signals { personIdNumber source status kind level amount occurredOn regionCode reference } } }`;
const since = async (after: string) => (await gql(SINCE, { after }, TEST_IDENTITIES.monitoring)).civilAffairsSignalsSince;
const id = (sequence: number) => makeIdNumber({ areaCode: '411202', birthDate: '1966-03-03', sequence });

it('names every person whose register facts a change touches, with their facts now; monitoring only', async () => {
  const start = (await gql(SINCE, {}, TEST_IDENTITIES.monitoring)).civilAffairsSignalsSince.cursor;
  const [head, child, joiner] = [id(1), id(2), id(3)];
  const household = (
    await gql(`mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
      input: {
        regionCode: '411202001001',
        address: '湖滨街道测试2号',
        hukouType: 'URBAN',
        monthlyIncome: '1200',
        financialAssets: '0',
        members: [
          { idNumber: head, name: '王一', relationshipToHead: 'HEAD' },
          { idNumber: child, name: '王二', relationshipToHead: 'CHILD' },
        ],
      },
    })
  ).registerHousehold.id;
  const registered = await since(start);
  expect(registered.signals.map((signal: any) => signal.personIdNumber).sort()).toEqual([head, child].sort());
  expect(registered.signals[0]).toMatchObject({ source: 'REGISTER', status: 'LIVING', kind: '', level: 0, amount: '600.00', reference: household });

  // Nothing changed: an empty page at the same position.
  const still = await since(registered.cursor);
  expect([still.signals, still.hasMore]).toEqual([[], false]);

  // A holding granted names its holder only.
  await gql(`mutation($input: GrantCategoryInput!) { grantCategory(input: $input) { id } }`, {
    input: {
      idNumber: head,
      category: 'SUBSISTENCE_ALLOWANCE',
      validFrom: '2026-01-01',
      recognizedBy: '湖滨区民政局',
      reason: '审核确认',
      monthlyAmount: '500',
    },
  });
  const granted = await since(registered.cursor);
  expect(granted.signals).toEqual([expect.objectContaining({ personIdNumber: head, kind: 'SUBSISTENCE_ALLOWANCE', level: 1 })]);

  // The household's income, and a member joining (the per-capita income of every member changes).
  await gql(`mutation($id: ID!) { updateHousehold(id: $id, input: { monthlyIncome: "1500" }) { id } }`, { id: household });
  const income = await since(granted.cursor);
  expect(income.signals.map((signal: any) => [signal.personIdNumber, signal.amount]).sort()).toEqual(
    [
      [head, '750.00'],
      [child, '750.00'],
    ].sort(),
  );
  await gql(`mutation($id: ID!, $member: MemberInput!) { addHouseholdMember(householdId: $id, member: $member) { id } }`, {
    id: household,
    member: { idNumber: joiner, name: '王三', relationshipToHead: 'CHILD' },
  });
  const joined = await since(income.cursor);
  expect(joined.signals.map((signal: any) => [signal.personIdNumber, signal.amount]).sort()).toEqual(
    [
      [head, '500.00'],
      [child, '500.00'],
      [joiner, '500.00'],
    ].sort(),
  );

  // A death: the holder's holdings end, and the status says so; the category shows as held before.
  await gql(`mutation($idNumber: IdNumber!) { recordDeath(idNumber: $idNumber, deceasedOn: "2026-02-03", reason: "公安户籍注销") { idNumber } }`, {
    idNumber: head,
  });
  const death = await since(joined.cursor);
  expect(death.signals.find((signal: any) => signal.personIdNumber === head)).toMatchObject({
    status: 'DECEASED',
    occurredOn: '2026-02-03',
    kind: ';SUBSISTENCE_ALLOWANCE',
    level: 0,
  });

  for (const as of [TEST_IDENTITIES.admin, { subject: 'h', role: 'SERVICE', department: 'HOUSING', region: '4112' }] as Identity[]) {
    const refused = await postAs(as, running.url, SINCE, {}, { direct: true });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
});
