// The civil-affairs register through the real gateway over HTTP.

import { makeIdNumber } from '@lip/shared/id-number';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.ts';

let stack: Stack;
// A stack of its own (an empty register), unseeded; five databases still take minutes on a loaded 2-core machine.
beforeAll(async () => {
  stack = await startStack();
}, 600_000);
afterAll(() => stack?.close());

let sequence = 100;
/** A fresh valid ID number (odd sequence = male). */
const newId = (birthDate = '1975-03-14', areaCode = '411202', male = true) => {
  sequence += 2;
  return makeIdNumber({ areaCode, birthDate, sequence: male ? sequence + 1 : sequence });
};

const REGISTER = `mutation Register($input: RegisterHouseholdInput!) {
  registerHousehold(input: $input) { id regionCode memberCount perCapitaMonthlyIncome head { idNumber name } members { idNumber name relationshipToHead } }
}`;
const GRANT = `mutation Grant($input: GrantCategoryInput!) { grantCategory(input: $input) { id category status subtype history { action toStatus actor reason } } }`;

const household = (members: { idNumber: string; name: string; relationshipToHead: string; phone?: string }[], overrides: Record<string, unknown> = {}) => ({
  regionCode: '411202001001',
  address: '湖滨街道市场社区3号楼2单元',
  hukouType: 'URBAN',
  monthlyIncome: '1200.00',
  financialAssets: '3000',
  members,
  ...overrides,
});

async function register(members: Parameters<typeof household>[0], overrides?: Record<string, unknown>) {
  const result = await stack.query(REGISTER, { input: household(members, overrides) });
  expect(result.errors).toBeUndefined();
  return result.data.registerHousehold;
}

const count = async (table: string) => {
  const [row] = await stack.subgraphs['civil-affairs']!.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
  return row!.n;
};

/** Runs a write that must fail, and checks its code and that no table changed. */
async function expectRejected(query: string, variables: Record<string, unknown>, code: string) {
  const tables = ['Household', 'Person', 'CategoryHolding', 'CategoryHoldingEvent'];
  const before = await Promise.all(tables.map(count));
  const result = await stack.query(query, variables);
  expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe(code);
  expect(await Promise.all(tables.map(count))).toEqual(before);
  return result.errors![0]!;
}

describe('households', () => {
  it('registers a household and derives sex, birth date and region from the data', async () => {
    const head = newId('1968-07-02');
    const wife = newId('1970-11-30', '411202', false);
    const created = await register([
      { idNumber: head, name: '王建国', relationshipToHead: 'HEAD', phone: '13812345678' },
      { idNumber: wife, name: '李秀英', relationshipToHead: 'SPOUSE' },
    ]);
    expect(created).toMatchObject({ regionCode: '411202001001', memberCount: 2, perCapitaMonthlyIncome: '600.00', head: { idNumber: head, name: '王建国' } });
    const { data } = await stack.query(
      `query($id: IdNumber!) { person(idNumber: $id) { name sex birthDate hukouType alive phone relationshipToHead region { level fullName } household { id } } }`,
      { id: wife },
    );
    expect(data.person).toMatchObject({
      name: '李秀英',
      sex: 'FEMALE',
      birthDate: '1970-11-30',
      hukouType: 'URBAN',
      alive: true,
      phone: null,
      relationshipToHead: 'SPOUSE',
      region: { level: 'VILLAGE', fullName: expect.stringMatching(/^三门峡市湖滨区湖滨街道/) },
      household: { id: created.id },
    });
  });

  it('rejects bad registrations with a stable code and writes nothing', async () => {
    const ok = () => ({ idNumber: newId(), name: '赵四', relationshipToHead: 'HEAD' });
    const badCheck = `${newId().slice(0, 17)}${newId().endsWith('0') ? '1' : '0'}`;
    await expectRejected(REGISTER, { input: household([{ ...ok(), idNumber: badCheck }]) }, 'INVALID_ID_NUMBER');
    await expectRejected(REGISTER, { input: household([ok()], { regionCode: '410102001001' }) }, 'INVALID_REGION_CODE');
    await expectRejected(REGISTER, { input: household([ok()], { regionCode: '411202' }) }, 'INVALID_REGION_CODE');
    await expectRejected(REGISTER, { input: household([ok()], { monthlyIncome: '-5' }) }, 'INVALID_INPUT');
    await expectRejected(REGISTER, { input: household([ok()], { monthlyIncome: '12.345' }) }, 'INVALID_INPUT');
    await expectRejected(REGISTER, { input: household([ok(), ok()]) }, 'INVALID_INPUT'); // two heads
    await expectRejected(REGISTER, { input: household([{ ...ok(), name: '张3' }]) }, 'INVALID_INPUT');
    await expectRejected(REGISTER, { input: household([{ ...ok(), phone: '12345' }]) }, 'INVALID_INPUT');
    await expectRejected(REGISTER, { input: household([ok()], { vehicleCount: -1 }) }, 'INVALID_INPUT');
    // The second member already belongs to a household: the first member must not be created either.
    const taken = newId();
    await register([{ idNumber: taken, name: '钱五', relationshipToHead: 'HEAD' }]);
    const error = await expectRejected(REGISTER, { input: household([ok(), { idNumber: taken, name: '钱五', relationshipToHead: 'CHILD' }]) }, 'CONFLICT');
    expect(error.extensions?.reason).toBe('IN_ANOTHER_HOUSEHOLD');
  });

  it('adds, moves and removes members and changes the head', async () => {
    const a = await register([{ idNumber: newId(), name: '孙大伟', relationshipToHead: 'HEAD' }]);
    const headB = newId('1950-01-01');
    const b = await register([{ idNumber: headB, name: '周老汉', relationshipToHead: 'HEAD' }], { regionCode: '411282100', hukouType: 'RURAL' });
    const child = newId('2001-05-05', '411202', false);

    const added = await stack.query(`mutation($h: ID!, $m: MemberInput!) { addHouseholdMember(householdId: $h, member: $m) { memberCount } }`, {
      h: a.id,
      m: { idNumber: child, name: '孙小红', relationshipToHead: 'CHILD' },
    });
    expect(added.data.addHouseholdMember.memberCount).toBe(2);

    const moved = await stack.query(
      `mutation($id: IdNumber!, $to: ID!) { moveHouseholdMember(idNumber: $id, toHouseholdId: $to, relationshipToHead: GRANDCHILD) { id memberCount } }`,
      { id: child, to: b.id },
    );
    expect(moved.data.moveHouseholdMember).toEqual({ id: b.id, memberCount: 2 });
    const person = await stack.query(`query($id: IdNumber!) { person(idNumber: $id) { regionCode hukouType relationshipToHead } }`, { id: child });
    expect(person.data.person).toEqual({ regionCode: '411282100', hukouType: 'RURAL', relationshipToHead: 'GRANDCHILD' });

    const changed = await stack.query(
      `mutation($h: ID!, $id: IdNumber!) { changeHouseholdHead(householdId: $h, newHeadIdNumber: $id, formerHeadRelationship: GRANDPARENT) { head { idNumber } } }`,
      { h: b.id, id: child },
    );
    expect(changed.data.changeHouseholdHead.head.idNumber).toBe(child);

    const removed = await stack.query(`mutation($id: IdNumber!) { removeHouseholdMember(idNumber: $id) { memberCount } }`, { id: headB });
    expect(removed.data.removeHouseholdMember.memberCount).toBe(1);
    const left = await stack.query(`query($id: IdNumber!) { person(idNumber: $id) { household { id } relationshipToHead } }`, { id: headB });
    expect(left.data.person).toEqual({ household: null, relationshipToHead: null });
  });

  it('rejects bad membership changes and writes nothing', async () => {
    const head = newId();
    const h = await register([{ idNumber: head, name: '吴刚', relationshipToHead: 'HEAD' }]);
    const ADD = `mutation($h: ID!, $m: MemberInput!) { addHouseholdMember(householdId: $h, member: $m) { id } }`;
    await expectRejected(ADD, { h: h.id, m: { idNumber: newId(), name: '吴二', relationshipToHead: 'HEAD' } }, 'CONFLICT');
    await expectRejected(ADD, { h: 'no-such-household', m: { idNumber: newId(), name: '吴二', relationshipToHead: 'CHILD' } }, 'NOT_FOUND');
    await expectRejected(ADD, { h: h.id, m: { idNumber: '41120219800101001', name: '吴二', relationshipToHead: 'CHILD' } }, 'INVALID_ID_NUMBER');
    const MOVE = `mutation($id: IdNumber!, $to: ID!) { moveHouseholdMember(idNumber: $id, toHouseholdId: $to, relationshipToHead: CHILD) { id } }`;
    const other = await register([{ idNumber: newId(), name: '郑和', relationshipToHead: 'HEAD' }]);
    await expectRejected(MOVE, { id: head, to: other.id }, 'CONFLICT'); // the head cannot leave
    await expectRejected(MOVE, { id: newId(), to: other.id }, 'NOT_FOUND');
    await expectRejected(`mutation($id: IdNumber!) { removeHouseholdMember(idNumber: $id) { id } }`, { id: head }, 'CONFLICT');
    await expectRejected(
      `mutation($h: ID!, $i: HouseholdInput!) { updateHousehold(id: $h, input: $i) { id } }`.replace('HouseholdInput', 'UpdateHouseholdInput'),
      { h: h.id, i: { regionCode: '999999999' } },
      'INVALID_REGION_CODE',
    );
    await expectRejected(
      `mutation($h: ID!, $id: IdNumber!) { changeHouseholdHead(householdId: $h, newHeadIdNumber: $id, formerHeadRelationship: SPOUSE) { id } }`,
      { h: h.id, id: newId() },
      'CONFLICT',
    );
  });

  it('moves every member with the household when its region changes', async () => {
    const member = newId();
    const h = await register([
      { idNumber: newId(), name: '冯宝宝', relationshipToHead: 'HEAD' },
      { idNumber: member, name: '冯二', relationshipToHead: 'SIBLING' },
    ]);
    const updated = await stack.query(
      `mutation($h: ID!) { updateHousehold(id: $h, input: { regionCode: "411224100", monthlyIncome: "800" }) { regionCode monthlyIncome perCapitaMonthlyIncome } }`,
      { h: h.id },
    );
    expect(updated.data.updateHousehold).toEqual({ regionCode: '411224100', monthlyIncome: '800.00', perCapitaMonthlyIncome: '400.00' });
    const person = await stack.query(`query($id: IdNumber!) { person(idNumber: $id) { regionCode region { name } } }`, { id: member });
    expect(person.data.person.regionCode).toBe('411224100');
  });
});

describe('category holdings', () => {
  it('grants, suspends, resumes and ends with an append-only history naming the actor', async () => {
    const id = newId('1948-02-02');
    await register([{ idNumber: id, name: '陈老太', relationshipToHead: 'HEAD' }]);
    const granted = await stack.query(GRANT, {
      input: {
        idNumber: id,
        category: 'EXTREME_POVERTY',
        subtype: 'DISPERSED',
        validFrom: '2024-01-01',
        recognizedBy: '湖滨区民政局',
        reason: '无劳动能力无赡养人',
      },
    });
    expect(granted.errors).toBeUndefined();
    const holdingId = granted.data.grantCategory.id;
    const step = async (mutation: string) => {
      const result = await stack.query(`mutation($h: ID!) { ${mutation}(holdingId: $h, reason: "年度复核") { status } }`, { h: holdingId });
      expect(result.errors).toBeUndefined();
      return result.data[mutation].status;
    };
    expect(await step('suspendCategory')).toBe('SUSPENDED');
    expect(await step('resumeCategory')).toBe('ACTIVE');
    expect(await step('endCategory')).toBe('ENDED');
    const { data } = await stack.query(
      `query($id: IdNumber!) { person(idNumber: $id) { activeCategories holdings { status validTo history { action fromStatus toStatus actor } } } }`,
      { id },
    );
    expect(data.person.activeCategories).toEqual([]);
    expect(data.person.holdings[0].validTo).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(data.person.holdings[0].history).toEqual([
      { action: 'GRANTED', fromStatus: null, toStatus: 'ACTIVE', actor: 'test-user' },
      { action: 'SUSPENDED', fromStatus: 'ACTIVE', toStatus: 'SUSPENDED', actor: 'test-user' },
      { action: 'RESUMED', fromStatus: 'SUSPENDED', toStatus: 'ACTIVE', actor: 'test-user' },
      { action: 'ENDED', fromStatus: 'ACTIVE', toStatus: 'ENDED', actor: 'test-user' },
    ]);
    // The history cannot be rewritten, even with direct SQL.
    await expect(stack.subgraphs['civil-affairs']!.db.sql.exec(`DELETE FROM "CategoryHoldingEvent"`)).rejects.toThrow(/append-only/);
  });

  it('keeps the support terms payments pays by, refusing terms that do not fit the category', async () => {
    const id = newId('1950-03-03');
    await register([{ idNumber: id, name: '任老汉', relationshipToHead: 'HEAD' }]);
    const terms = `mutation Grant($input: GrantCategoryInput!) { grantCategory(input: $input) { monthlyAmount careLevel careInstitution nextReviewOn } }`;
    const base = {
      idNumber: id,
      category: 'EXTREME_POVERTY',
      subtype: 'CENTRALIZED',
      validFrom: '2024-01-01',
      recognizedBy: '湖滨区民政局',
      reason: '特困认定',
    };
    await expectRejected(terms, { input: { ...base, subtype: 'DISPERSED', careInstitution: '湖滨区敬老院' } }, 'INVALID_INPUT');
    await expectRejected(terms, { input: { ...base, monthlyAmount: '-5' } }, 'INVALID_INPUT');
    const granted = await stack.query(terms, {
      input: { ...base, monthlyAmount: '1040', careLevel: 'PARTIALLY_DISABLED', careInstitution: ' 湖滨区敬老院 ', nextReviewOn: '2025-01-01' },
    });
    expect(granted.errors).toBeUndefined();
    expect(granted.data.grantCategory).toEqual({
      monthlyAmount: '1040.00',
      careLevel: 'PARTIALLY_DISABLED',
      careInstitution: '湖滨区敬老院',
      nextReviewOn: '2025-01-01',
    });
    const { data } = await stack.query(`query($id: IdNumber!) { person(idNumber: $id) { holdings { category } } }`, { id });
    expect(data.person.holdings).toEqual([{ category: 'EXTREME_POVERTY' }]); // the refused grants wrote nothing
  });

  it('enforces exclusivity, subtypes, transitions and deceased persons, writing nothing on error', async () => {
    const id = newId('1960-06-06');
    await register([{ idNumber: id, name: '褚明', relationshipToHead: 'HEAD' }]);
    const grant = (input: Record<string, unknown>) => ({
      input: { idNumber: id, validFrom: '2024-03-01', recognizedBy: '湖滨区民政局', reason: '入户核查', ...input },
    });
    const dibao = await stack.query(GRANT, grant({ category: 'SUBSISTENCE_ALLOWANCE' }));
    expect(dibao.errors).toBeUndefined();
    expect((await expectRejected(GRANT, grant({ category: 'EXTREME_POVERTY', subtype: 'DISPERSED' }), 'CONFLICT')).extensions?.reason).toBe(
      'MUTUALLY_EXCLUSIVE',
    );
    expect((await expectRejected(GRANT, grant({ category: 'SUBSISTENCE_ALLOWANCE' }), 'CONFLICT')).extensions?.reason).toBe('ALREADY_HELD');
    await expectRejected(GRANT, grant({ category: 'RELAPSE_MONITORING' }), 'INVALID_INPUT');
    await expectRejected(GRANT, grant({ category: 'NEAR_SUBSISTENCE', validTo: '2024-01-01' }), 'INVALID_INPUT');
    await expectRejected(GRANT, grant({ category: 'NEAR_SUBSISTENCE', validFrom: '2024-02-30' }), 'INVALID_INPUT');
    await expectRejected(GRANT, grant({ category: 'NEAR_SUBSISTENCE', reason: ' ' }), 'INVALID_INPUT');
    await expectRejected(GRANT, grant({ category: 'NO_SUCH_CATEGORY' }), 'BAD_USER_INPUT');
    await expectRejected(GRANT, { input: { ...grant({ category: 'NEAR_SUBSISTENCE' }).input, idNumber: newId() } }, 'NOT_FOUND');
    await expectRejected(
      `mutation($h: ID!) { resumeCategory(holdingId: $h, reason: "复核") { id } }`,
      { h: dibao.data.grantCategory.id },
      'INVALID_TRANSITION',
    );
    await expectRejected(`mutation { suspendCategory(holdingId: "nope", reason: "复核") { id } }`, {}, 'NOT_FOUND');

    const death = await stack.query(
      `mutation($id: IdNumber!) { recordDeath(idNumber: $id, deceasedOn: "2024-08-01", reason: "公安户籍注销") { alive deceasedOn holdings { status validTo } } }`,
      { id },
    );
    expect(death.data.recordDeath).toEqual({ alive: false, deceasedOn: '2024-08-01', holdings: [{ status: 'ENDED', validTo: '2024-08-01' }] });
    expect((await expectRejected(GRANT, grant({ category: 'OTHER_HARDSHIP' }), 'CONFLICT')).extensions?.reason).toBe('PERSON_DECEASED');
    await expectRejected(
      `mutation($id: IdNumber!) { recordDeath(idNumber: $id, deceasedOn: "2099-01-01", reason: "公安户籍注销") { alive } }`,
      { id: newId() },
      'INVALID_INPUT',
    );
  });
});

describe('relapse-monitoring import', () => {
  const IMPORT = `mutation($input: RelapseImportInput!) { importRelapseMonitoringTargets(input: $input) { total granted subtypeChanged unchanged } }`;
  const batch = (rows: { idNumber: string; subtype: string }[]) => ({
    input: { recognizedBy: '三门峡市农业农村局', validFrom: '2024-04-01', reason: '2024年第1批', rows },
  });

  it('is idempotent and updates changed subtypes', async () => {
    const ids = [newId(), newId(), newId()];
    await register(
      [
        { idNumber: ids[0]!, name: '蒋一', relationshipToHead: 'HEAD' },
        { idNumber: ids[1]!, name: '蒋二', relationshipToHead: 'CHILD' },
        { idNumber: ids[2]!, name: '蒋三', relationshipToHead: 'CHILD' },
      ],
      { regionCode: '411224100', hukouType: 'RURAL' },
    );
    const rows = ids.map((idNumber) => ({ idNumber, subtype: 'MARGINAL_AT_RISK' }));
    expect((await stack.query(IMPORT, batch(rows))).data.importRelapseMonitoringTargets).toEqual({ total: 3, granted: 3, subtypeChanged: 0, unchanged: 0 });
    const events = await count('CategoryHoldingEvent');
    expect((await stack.query(IMPORT, batch(rows))).data.importRelapseMonitoringTargets).toEqual({ total: 3, granted: 0, subtypeChanged: 0, unchanged: 3 });
    expect(await count('CategoryHoldingEvent')).toBe(events);
    rows[1]!.subtype = 'SUDDEN_SEVERE_HARDSHIP';
    expect((await stack.query(IMPORT, batch(rows))).data.importRelapseMonitoringTargets).toEqual({ total: 3, granted: 0, subtypeChanged: 1, unchanged: 2 });
  });

  it('rejects the whole batch, listing every bad row', async () => {
    const good = newId();
    await register([{ idNumber: good, name: '沈一', relationshipToHead: 'HEAD' }], { regionCode: '411224100', hukouType: 'RURAL' });
    const error = await expectRejected(
      IMPORT,
      batch([
        { idNumber: good, subtype: 'UNSTABLE_LIFTED_OUT' },
        { idNumber: '41122419800101123', subtype: 'UNSTABLE_LIFTED_OUT' },
        { idNumber: newId(), subtype: 'MARGINAL_AT_RISK' },
        { idNumber: good.toLowerCase(), subtype: 'MARGINAL_AT_RISK' },
        { idNumber: newId(), subtype: 'DISPERSED' },
      ]),
      'BATCH_REJECTED',
    );
    expect(error.extensions?.rows.map((row: { row: number; code: string }) => [row.row, row.code])).toEqual([
      [2, 'INVALID_ID_NUMBER'],
      [3, 'PERSON_NOT_FOUND'],
      [4, 'DUPLICATE_ROW'],
      [5, 'INVALID_SUBTYPE'],
    ]);
    // Every bad row is listed at once: format errors and duplicates beside unknown persons.
    const unknown = await expectRejected(
      IMPORT,
      batch([
        { idNumber: good, subtype: 'UNSTABLE_LIFTED_OUT' },
        { idNumber: newId(), subtype: 'MARGINAL_AT_RISK' },
      ]),
      'BATCH_REJECTED',
    );
    expect(unknown.extensions?.rows).toEqual([expect.objectContaining({ row: 2, code: 'PERSON_NOT_FOUND' })]);
  });
});

describe('queries', () => {
  it('lists persons by region prefix and category with cursors and a total count', async () => {
    const township = '411221101';
    const ids = [newId('1980-01-01', '411221'), newId('1981-01-01', '411221'), newId('1982-01-01', '411221')];
    await register(
      ids.map((idNumber, i) => ({ idNumber, name: `韩${'一二三'[i]}`, relationshipToHead: i === 0 ? 'HEAD' : 'CHILD' })),
      { regionCode: township, hukouType: 'RURAL' },
    );
    for (const idNumber of ids.slice(0, 2)) {
      await stack.query(GRANT, {
        input: { idNumber, category: 'NEAR_SUBSISTENCE', validFrom: '2024-01-01', recognizedBy: '渑池县民政局', reason: '边缘家庭认定' },
      });
    }
    const LIST = `query($f: PersonFilter, $after: String) { persons(filter: $f, first: 1, after: $after) { totalCount edges { cursor node { idNumber } } pageInfo { hasNextPage endCursor } } }`;
    const first = await stack.query(LIST, { f: { regionPrefix: township, category: 'NEAR_SUBSISTENCE' } });
    expect(first.data.persons.totalCount).toBe(2);
    const second = await stack.query(LIST, { f: { regionPrefix: township, category: 'NEAR_SUBSISTENCE' }, after: first.data.persons.pageInfo.endCursor });
    expect([first.data.persons.edges[0].node.idNumber, second.data.persons.edges[0].node.idNumber].sort()).toEqual(ids.slice(0, 2).sort());
    expect(second.data.persons.pageInfo.hasNextPage).toBe(false);
    const county = await stack.query(LIST, { f: { regionPrefix: '411221' } });
    expect(county.data.persons.totalCount).toBeGreaterThanOrEqual(3);
    const bad = await stack.query(LIST, { f: { regionPrefix: '4101' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_REGION_CODE');
  });

  it('counts persons by county and category', async () => {
    const { data } = await stack.query(`{ categoryCounts(regionPrefix: "411221") { countyCode countyName category persons } }`);
    expect(data.categoryCounts).toContainEqual({ countyCode: '411221', countyName: '渑池县', category: 'NEAR_SUBSISTENCE', persons: 2 });
  });

  it('resolves Person entities in one batch through _entities', async () => {
    const ids = [newId(), newId()];
    await register([
      { idNumber: ids[0]!, name: '杨一', relationshipToHead: 'HEAD' },
      { idNumber: ids[1]!, name: '杨二', relationshipToHead: 'SPOUSE' },
    ]);
    const result = await stack.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber name activeCategories } } }`,
      { r: [...ids, newId()].map((idNumber) => ({ __typename: 'Person', idNumber })) },
      { url: stack.subgraphs['civil-affairs']!.url },
    );
    expect(result.data._entities).toEqual([
      { idNumber: ids[0], name: '杨一', activeCategories: [] },
      { idNumber: ids[1], name: '杨二', activeCategories: [] },
      null,
    ]);
  });

  it('reports a malformed ID number argument with INVALID_ID_NUMBER', async () => {
    const result = await stack.query(`query($id: IdNumber!) { person(idNumber: $id) { name } }`, { id: '411202198002301234' });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ID_NUMBER');
    expect(result.errors?.[0]?.message).toMatch(/date/i);
  });
});
