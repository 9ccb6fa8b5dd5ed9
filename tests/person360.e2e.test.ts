// The "person 360" view: one gateway query returns a person's register entry and every
// department's assistance and entitlements, and stays one batch per subgraph per page.

import { mintToken } from '@lip/shared/auth';
import { makeIdNumber } from '@lip/shared/id-number';
import { sqlStatements, TEST_IDENTITIES } from '@lip/shared/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SharedStack, sharedStack } from './stack.ts';

let stack: SharedStack; // its 3000 demo persons hold a township with a page of 100
beforeAll(async () => {
  stack = await sharedStack();
});

const PERSON_360 = `query Person360($id: IdNumber!) {
  person(idNumber: $id) {
    idNumber name age activeCategories hukouType
    household { memberCount }
    currentStudentRecord { stage schoolName }
    educationAssistance { kind amount status }
    educationEntitlements { program status reason }
    latestDwellingAssessment { grade }
    urbanHousingAssistances { kind status }
    ruralRenovationCases { status }
    housingEntitlements { program status reason }
    medicalInsuranceEnrolments { year subsidyKind assistanceIdentity }
    medicalYearTotals { year outOfPocketTotal }
    healthInsuranceEntitlements { program status reason }
    difficultWorkerFiles { status reason }
    unionAssistance { kind amount }
    unionEntitlements { program status reason }
  }
}`;

const statuses = (person: Record<string, any>) =>
  Object.fromEntries(
    ['educationEntitlements', 'housingEntitlements', 'healthInsuranceEntitlements', 'unionEntitlements'].flatMap((field) =>
      (person[field] as { program: string; status: string }[]).map((e) => [e.program, e.status]),
    ),
  );

describe('person 360', () => {
  it('joins the register with every department in one query', async () => {
    const [sample] = await stack.subgraphs['civil-affairs']!.db.sql.query<{ idNumber: string }>(
      `SELECT p."idNumber" FROM "Person" p JOIN "CategoryHolding" h ON h."personIdNumber" = p."idNumber"
       WHERE h.status = 'ACTIVE' AND h.category = 'SUBSISTENCE_ALLOWANCE' AND p."deceasedOn" IS NULL ORDER BY p."idNumber" LIMIT 1`,
    );
    const result = await stack.query(PERSON_360, { id: sample!.idNumber });
    expect(result.errors).toBeUndefined();
    expect(result.data.person.activeCategories).toContain('SUBSISTENCE_ALLOWANCE');
    expect(Object.keys(statuses(result.data.person)).sort()).toEqual(
      ['EDUCATION_ASSISTANCE', 'MEDICAL_ASSISTANCE', 'PREMIUM_SUBSIDY', 'RURAL_HOUSING_RENOVATION', 'UNION_ASSISTANCE', 'URBAN_HOUSING'].sort(),
    );
    expect(result.data.person.medicalInsuranceEnrolments.length).toBeGreaterThan(0);
  });

  it('changes entitlements when civil affairs grants or ends a category', async () => {
    const id = makeIdNumber({ areaCode: '411202', birthDate: '1975-05-05', sequence: 601 });
    const registered = await stack.query(`mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, {
      input: {
        regionCode: '411202001001',
        address: '湖滨街道2号',
        hukouType: 'URBAN',
        monthlyIncome: '500',
        financialAssets: '0',
        members: [{ idNumber: id, name: '孔新', relationshipToHead: 'HEAD' }],
      },
    });
    expect(registered.errors).toBeUndefined();
    const opened = await stack.query(`mutation($input: OpenDifficultWorkerFileInput!) { openDifficultWorkerFile(input: $input) { id } }`, {
      input: { personIdNumber: id, countyCode: '411202', employer: { name: '三门峡某机械厂' }, reason: 'LAID_OFF', filedOn: '2024-03-01' },
    });
    expect(opened.errors).toBeUndefined();
    const view = async () => statuses((await stack.query(PERSON_360, { id })).data.person);

    expect(await view()).toMatchObject({ UNION_ASSISTANCE: 'NOT_ENTITLED', MEDICAL_ASSISTANCE: 'NOT_ENTITLED', URBAN_HOUSING: 'NOT_ENTITLED' });
    const granted = await stack.query(
      `mutation($id: IdNumber!) { grantCategory(input: { idNumber: $id, category: SUBSISTENCE_ALLOWANCE, validFrom: "2024-01-01", recognizedBy: "湖滨区民政局", reason: "低保认定" }) { id } }`,
      { id },
    );
    expect(await view()).toMatchObject({
      UNION_ASSISTANCE: 'ENTITLED_MISSING',
      MEDICAL_ASSISTANCE: 'ENTITLED_MISSING',
      PREMIUM_SUBSIDY: 'ENTITLED_MISSING',
      URBAN_HOUSING: 'ENTITLED_MISSING',
    });

    const year = new Date().getFullYear();
    const enrolled = await stack.query(`mutation($input: EnrolMedicalInsuranceInput!) { enrolMedicalInsurance(input: $input) { subsidyKind } }`, {
      input: { idNumber: id, year, countyCode: '411202', assistanceIdentity: 'SUBSISTENCE_ALLOWANCE' },
    });
    expect(enrolled.errors).toBeUndefined();
    expect(await view()).toMatchObject({ MEDICAL_ASSISTANCE: 'ENTITLED_COVERED', PREMIUM_SUBSIDY: 'ENTITLED_COVERED' });

    await stack.query(`mutation($h: ID!) { endCategory(holdingId: $h, reason: "收入超标退出") { status } }`, { h: granted.data.grantCategory.id });
    expect(await view()).toMatchObject({ UNION_ASSISTANCE: 'NOT_ENTITLED', MEDICAL_ASSISTANCE: 'NOT_ENTITLED', URBAN_HOUSING: 'NOT_ENTITLED' });
  });

  // The gateway's result shaping is patched (patches/@apollo__gateway@2.14.4.patch): a selection without
  // directives skips the @skip/@include lookup, one with them still obeys them, in the owner's fields and a department's.
  it('obeys @skip and @include on a person and on a department field', async () => {
    const [sample] = await stack.subgraphs['civil-affairs']!.db.sql.query<{ idNumber: string }>(
      `SELECT "idNumber" FROM "Person" WHERE "deceasedOn" IS NULL ORDER BY "idNumber" LIMIT 1`,
    );
    const query = `query($id: IdNumber!, $withName: Boolean!, $withoutUnion: Boolean!) {
      person(idNumber: $id) {
        idNumber name @include(if: $withName) age @skip(if: true)
        household @include(if: true) { memberCount }
        unionEntitlements @skip(if: $withoutUnion) { program }
        ... on Person @include(if: $withName) { hukouType }
      }
    }`;
    const shown = await stack.query(query, { id: sample!.idNumber, withName: true, withoutUnion: false });
    expect(shown.errors).toBeUndefined();
    expect(Object.keys(shown.data.person).sort()).toEqual(['household', 'hukouType', 'idNumber', 'name', 'unionEntitlements']);
    const hidden = await stack.query(query, { id: sample!.idNumber, withName: false, withoutUnion: true });
    expect(hidden.errors).toBeUndefined();
    expect(Object.keys(hidden.data.person).sort()).toEqual(['household', 'idNumber']);
    expect(hidden.data.person.household.memberCount).toBeGreaterThan(0);
  });

  // The patched gateway keeps the operation it built per parsed document's operation (the test above asks
  // one document twice): in a document with two operations, each request still gets the one it names.
  it('answers the operation a request names, in a document of two', async () => {
    const [sample] = await stack.subgraphs['civil-affairs']!.db.sql.query<{ idNumber: string }>(
      `SELECT "idNumber" FROM "Person" WHERE "deceasedOn" IS NULL ORDER BY "idNumber" LIMIT 1`,
    );
    const query = `
      query Owner($id: IdNumber!) { person(idNumber: $id) { idNumber ...Named } }
      query Union($id: IdNumber!) { person(idNumber: $id) { unionEntitlements { program } } }
      fragment Named on Person { name }`;
    const authorization = `Bearer ${await mintToken(TEST_IDENTITIES.admin)}`;
    const ask = async (operationName: string) => {
      const body = JSON.stringify({ query, variables: { id: sample!.idNumber }, operationName });
      const response = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
      return (await response.json()) as { data: { person: Record<string, unknown> }; errors?: unknown[] };
    };
    for (let round = 0; round < 2; round++) {
      const owner = await ask('Owner');
      expect(owner.errors).toBeUndefined();
      expect(Object.keys(owner.data.person).sort()).toEqual(['idNumber', 'name']);
      const union = await ask('Union');
      expect(union.errors).toBeUndefined();
      expect(Object.keys(union.data.person)).toEqual(['unionEntitlements']);
    }
  });
});

describe('a page of persons with every department', () => {
  const ROSTER = `query Roster($prefix: String!, $first: Int!) {
    persons(filter: { regionPrefix: $prefix }, first: $first) { edges { node { ${PERSON_360.slice(PERSON_360.indexOf('idNumber name'), PERSON_360.lastIndexOf('}', PERSON_360.lastIndexOf('}') - 1))} } } }
  }`;
  const statements = async (subgraphs = Object.values(stack.subgraphs)) => {
    let total = 0;
    for (const subgraph of subgraphs) total += await sqlStatements(subgraph.url);
    return total;
  };
  // Other files query the shared stack at the same time and their statements add to the count:
  // the fewest of a few tries is this request's own cost.
  const cost = async (first: number, prefix: string, query = ROSTER, subgraphs = Object.values(stack.subgraphs)) => {
    let fewest = Infinity;
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await statements(subgraphs);
      const result = await stack.query(query, { prefix, first });
      expect(result.errors).toBeUndefined();
      expect(result.data.persons.edges).toHaveLength(first);
      fewest = Math.min(fewest, (await statements(subgraphs)) - before);
    }
    return fewest;
  };

  it('costs the same number of SQL statements for 10 persons as for 100', async () => {
    const [township] = await stack.subgraphs['civil-affairs']!.db.sql.query<{ code: string }>(
      `SELECT substr("regionCode", 1, 9) AS code FROM "Person" GROUP BY 1 HAVING count(*) >= 100 ORDER BY count(*) DESC LIMIT 1`,
    );
    const ten = await cost(10, township!.code);
    const hundred = await cost(100, township!.code);
    expect(ten).toBeGreaterThan(5);
    expect(hundred).toBe(ten);
  });

  it('reads holdings once when a page asks for them beside activeCategories', async () => {
    // Selections of `holdings` with different arguments would make plugin-prisma refetch the page's persons and holdings.
    const page = (fields: string) =>
      `query Page($prefix: String!, $first: Int!) { persons(filter: { regionPrefix: $prefix }, first: $first) { edges { node { ${fields} } } } }`;
    const civil = [stack.subgraphs['civil-affairs']!];
    const categories = await cost(20, '4112', page('idNumber activeCategories extremePovertySupport'), civil);
    const withHoldings = await cost(20, '4112', page('idNumber activeCategories extremePovertySupport holdings { category status validFrom }'), civil);
    expect(withHoldings).toBe(categories);
  });
});
