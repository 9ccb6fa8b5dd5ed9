// Races over HTTP against the civil-affairs subgraph: N requests at once, then the invariant is
// checked in SQL. Runs on PGlite and, with TEST_DATABASE_URL, on the PostgreSQL server with a
// pool of 10 connections (shared/src/database.ts openPostgres).

import { makeIdNumber } from '@lip/shared/id-number';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { databaseUnderTest, onlyExpectedOutcomes, openTestDatabase, postAs, race, TEST_IDENTITIES } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { civilAffairs } from '../src/subgraph.ts';

const N = 20;
let running: RunningSubgraph<PrismaClient>;
beforeAll(async () => {
  running = await startSubgraph(civilAffairs, { db: await openTestDatabase('civil-affairs') });
});
afterAll(() => running?.close());

const gql = (query: string, variables?: Record<string, unknown>) => postAs(TEST_IDENTITIES.admin, running.url, query, variables, { direct: true });
const sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => running.db.sql.query<T>(text, params);

let sequence = 0;
const newId = (birthDate = '1970-05-01') => makeIdNumber({ areaCode: '411202', birthDate, sequence: ++sequence });

const REGISTER = `mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id memberCount } }`;
const ADD = `mutation($id: ID!, $member: MemberInput!) { addHouseholdMember(householdId: $id, member: $member) { id memberCount } }`;
const MOVE = `mutation($idNumber: IdNumber!, $to: ID!) { moveHouseholdMember(idNumber: $idNumber, toHouseholdId: $to, relationshipToHead: OTHER) { id } }`;
const HEAD = `mutation($id: ID!, $head: IdNumber!) { changeHouseholdHead(householdId: $id, newHeadIdNumber: $head, formerHeadRelationship: OTHER) { id } }`;
const GRANT = `mutation($input: GrantCategoryInput!) { grantCategory(input: $input) { id } }`;
const CHANGE = (change: string) => `mutation($id: ID!) { ${change}Category(holdingId: $id, reason: "复核调整") { id status } }`;
const DEATH = `mutation($idNumber: IdNumber!) { recordDeath(idNumber: $idNumber, deceasedOn: "2025-01-02", reason: "公安户籍注销") { idNumber } }`;
const IMPORT = `mutation($input: RelapseImportInput!) { importRelapseMonitoringTargets(input: $input) { granted subtypeChanged unchanged } }`;

const member = (idNumber: string, relationshipToHead = 'CHILD') => ({ idNumber, name: '李华', relationshipToHead });
const householdInput = (members: ReturnType<typeof member>[]) => ({
  regionCode: '411202001001',
  address: '湖滨街道市场社区5号楼',
  hukouType: 'URBAN',
  monthlyIncome: '900',
  financialAssets: '0',
  members,
});

async function register(size: number) {
  const members = [member(newId(), 'HEAD'), ...Array.from({ length: size - 1 }, () => member(newId('2001-02-03')))];
  const result = await gql(REGISTER, { input: householdInput(members) });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return { id: result.data.registerHousehold.id as string, members: members.map((m) => m.idNumber) };
}

const grant = (idNumber: string, category: string, subtype?: string) =>
  gql(GRANT, { input: { idNumber, category, subtype, validFrom: '2024-01-01', recognizedBy: '湖滨区民政局', reason: '家庭收入低于低保标准' } });

async function grantedHolding(category = 'NEAR_SUBSISTENCE') {
  const { members } = await register(1);
  const result = await grant(members[0]!, category);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return { idNumber: members[0]!, holdingId: result.data.grantCategory.id as string };
}

/** Every household has 1 to 30 members and exactly one head. */
async function householdsAreWhole() {
  return sql(`SELECT h."id", count(p."idNumber")::int AS members, count(*) FILTER (WHERE p."relationshipToHead" = 'HEAD')::int AS heads
    FROM "Household" h LEFT JOIN "Person" p ON p."householdId" = h."id" GROUP BY h."id"
    HAVING count(p."idNumber") NOT BETWEEN 1 AND 30 OR count(*) FILTER (WHERE p."relationshipToHead" = 'HEAD') <> 1`);
}

/** A holding's history is a chain: each event starts where the previous ended, and the last is the holding's status. */
async function historyIsAChain(holdingId: string) {
  const events = await sql<{ fromStatus: string | null; toStatus: string }>(
    `SELECT "fromStatus", "toStatus" FROM "CategoryHoldingEvent" WHERE "holdingId" = $1 AND "action" <> 'SUBTYPE_CHANGED' ORDER BY "at", "id"`,
    [holdingId],
  );
  const [holding] = await sql<{ status: string }>(`SELECT "status" FROM "CategoryHolding" WHERE "id" = $1`, [holdingId]);
  const broken = events.filter((event, index) => index > 0 && event.fromStatus !== events[index - 1]!.toStatus);
  return { events: events.length, broken: broken.length, endsAt: events.at(-1)?.toStatus === holding!.status };
}

describe(`civil-affairs under ${N} concurrent requests (${databaseUnderTest()})`, () => {
  it('grants dibao or extreme poverty, never both (10 + 10 grants on one person)', async () => {
    const { members } = await register(1);
    const person = members[0]!;
    const { tally } = await race(N, (i) => (i % 2 ? grant(person, 'EXTREME_POVERTY', 'DISPERSED') : grant(person, 'SUBSISTENCE_ALLOWANCE')));
    expect(onlyExpectedOutcomes(tally), JSON.stringify(tally)).toBe(true);
    expect(tally.ok).toBe(1);
    expect((tally['CONFLICT:MUTUALLY_EXCLUSIVE'] ?? 0) + (tally['CONFLICT:ALREADY_HELD'] ?? 0)).toBe(N - 1);
    const open = await sql(`SELECT "category" FROM "CategoryHolding" WHERE "personIdNumber" = $1 AND "status" <> 'ENDED'`, [person]);
    expect(open).toHaveLength(1);
    expect(
      await sql(`SELECT 1 FROM "CategoryHoldingEvent" e JOIN "CategoryHolding" h ON h."id" = e."holdingId" WHERE h."personIdNumber" = $1`, [person]),
    ).toHaveLength(1);
  });

  it('keeps one open holding per category (20 grants of the same category)', async () => {
    const { members } = await register(1);
    const { tally } = await race(N, () => grant(members[0]!, 'NEAR_SUBSISTENCE'));
    expect(tally).toEqual({ ok: 1, 'CONFLICT:ALREADY_HELD': N - 1 });
    expect(await sql(`SELECT 1 FROM "CategoryHolding" WHERE "personIdNumber" = $1`, [members[0]])).toHaveLength(1);
  });

  it('fills a household of 25 to exactly 30 (20 addHouseholdMember)', async () => {
    const household = await register(25);
    const { tally } = await race(N, () => gql(ADD, { id: household.id, member: member(newId('2005-06-07')) }));
    expect(tally).toEqual({ ok: 5, 'CONFLICT:HOUSEHOLD_FULL': N - 5 });
    const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Person" WHERE "householdId" = $1`, [household.id]);
    expect(row!.n).toBe(30);
    expect(await householdsAreWhole()).toEqual([]);
  });

  it('fills a household of 25 to exactly 30 by moves (20 moveHouseholdMember from other households)', async () => {
    const destination = await register(25);
    const sources = await Promise.all(Array.from({ length: N }, () => register(2)));
    const { tally } = await race(N, (i) => gql(MOVE, { idNumber: sources[i]!.members[1], to: destination.id }));
    expect(tally).toEqual({ ok: 5, 'CONFLICT:HOUSEHOLD_FULL': N - 5 });
    const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Person" WHERE "householdId" = $1`, [destination.id]);
    expect(row!.n).toBe(30);
    expect(await householdsAreWhole()).toEqual([]);
  });

  it('puts a household-less person in one household only (20 registerHousehold reusing them)', async () => {
    const household = await register(2);
    const loner = household.members[1]!;
    const removed = await gql(`mutation($id: IdNumber!) { removeHouseholdMember(idNumber: $id) { id } }`, { id: loner });
    expect(removed.errors).toBeUndefined();
    const [before] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Household"`);
    const { tally } = await race(N, () => gql(REGISTER, { input: householdInput([member(loner, 'HEAD'), member(newId('2010-01-01'))]) }));
    expect(tally).toEqual({ ok: 1, 'CONFLICT:IN_ANOTHER_HOUSEHOLD': N - 1 });
    const [after] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Household"`);
    expect(after!.n - before!.n).toBe(1);
    expect(await householdsAreWhole()).toEqual([]);
  });

  it('keeps exactly one head (20 changeHouseholdHead to different members)', async () => {
    const household = await register(21);
    const { tally } = await race(N, (i) => gql(HEAD, { id: household.id, head: household.members[i + 1] }));
    expect(onlyExpectedOutcomes(tally), JSON.stringify(tally)).toBe(true);
    expect(tally.ok).toBeGreaterThanOrEqual(1);
    expect(await householdsAreWhole()).toEqual([]);
  });

  it('suspends an ACTIVE holding once (20 suspendCategory)', async () => {
    const { holdingId } = await grantedHolding();
    const { tally } = await race(N, () => gql(CHANGE('suspend'), { id: holdingId }));
    expect(tally).toEqual({ ok: 1, INVALID_TRANSITION: N - 1 });
    const events = await sql(`SELECT 1 FROM "CategoryHoldingEvent" WHERE "holdingId" = $1 AND "action" = 'SUSPENDED'`, [holdingId]);
    expect(events).toHaveLength(1);
    expect(await historyIsAChain(holdingId)).toEqual({ events: 2, broken: 0, endsAt: true });
  });

  it('keeps the holding state machine a chain (20 mixed suspend, resume and end)', async () => {
    const { holdingId } = await grantedHolding();
    const changes = ['suspend', 'resume', 'end'];
    const { tally } = await race(N, (i) => gql(CHANGE(changes[i % 3]!), { id: holdingId }));
    expect(onlyExpectedOutcomes(tally), JSON.stringify(tally)).toBe(true);
    const chain = await historyIsAChain(holdingId);
    expect(chain).toMatchObject({ broken: 0, endsAt: true });
    expect(chain.events).toBe(1 + (tally.ok ?? 0));
  });

  it('records a death once and ends every holding once (20 recordDeath)', async () => {
    const { idNumber, holdingId } = await grantedHolding('SUBSISTENCE_ALLOWANCE');
    const { tally } = await race(N, () => gql(DEATH, { idNumber }));
    expect(tally).toEqual({ ok: 1, 'CONFLICT:PERSON_DECEASED': N - 1 });
    expect(await historyIsAChain(holdingId)).toEqual({ events: 2, broken: 0, endsAt: true });
  });

  it('imports the same relapse list once (20 concurrent imports)', async () => {
    const persons = (await Promise.all(Array.from({ length: 5 }, () => register(1)))).map((h) => h.members[0]!);
    const input = {
      recognizedBy: '三门峡市农业农村局',
      validFrom: '2025-01-01',
      reason: '2025年第1批监测对象',
      rows: persons.map((idNumber) => ({ idNumber, subtype: 'MARGINAL_AT_RISK' })),
    };
    const { tally } = await race(N, () => gql(IMPORT, { input }));
    expect(tally).toEqual({ ok: N });
    const [row] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "CategoryHolding" WHERE "personIdNumber" = ANY($1::text[]) AND "category" = 'RELAPSE_MONITORING'`,
      [persons],
    );
    expect(row!.n).toBe(persons.length);
  });
});

describe('the database holds the rules itself (whatever writes to it)', () => {
  it('refuses a second basic-living holding, a holding going back from ENDED, and a household without exactly one head', async () => {
    const { idNumber, holdingId } = await grantedHolding('SUBSISTENCE_ALLOWANCE');
    const insert = (category: string) =>
      sql(
        `INSERT INTO "CategoryHolding" ("id", "personIdNumber", "category", "status", "validFrom", "recognizedBy", "updatedAt")
           VALUES (gen_random_uuid()::text, $1, $2, 'ACTIVE', '2024-01-01', 'x', now())`,
        [idNumber, category],
      );
    await expect(insert('EXTREME_POVERTY')).rejects.toThrow(/CategoryHolding_basic_living_key/);
    await sql(`UPDATE "CategoryHolding" SET "status" = 'ENDED', "validTo" = '2024-06-30' WHERE "id" = $1`, [holdingId]);
    await expect(sql(`UPDATE "CategoryHolding" SET "status" = 'ACTIVE' WHERE "id" = $1`, [holdingId])).rejects.toThrow(/lip:INVALID_TRANSITION:NOT_ALLOWED/);

    const household = await register(3);
    await expect(sql(`UPDATE "Person" SET "relationshipToHead" = 'HEAD' WHERE "idNumber" = $1`, [household.members[1]])).rejects.toThrow(
      /one_head_per_household/,
    );
    await expect(sql(`UPDATE "Person" SET "relationshipToHead" = 'OTHER' WHERE "idNumber" = $1`, [household.members[0]])).rejects.toThrow(
      /lip:CONFLICT:HEAD_REQUIRED/,
    );
    await expect(
      sql(`INSERT INTO "Household" ("id", "regionCode", "address", "hukouType", "monthlyIncome", "financialAssets", "updatedAt")
                      VALUES ('empty', '411202001001', 'x', 'URBAN', 0, 0, now())`),
    ).rejects.toThrow(/lip:CONFLICT:HEAD_REQUIRED/);
    expect(await householdsAreWhole()).toEqual([]);
  });
});
