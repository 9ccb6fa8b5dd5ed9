// Who may see and change what, through the real gateway over HTTP (docs/security.md).

import { type Identity, mintToken } from '@lip/shared/auth';
import { makeIdNumber } from '@lip/shared/id-number';
import { postAs, signedRequest, TEST_IDENTITIES } from '@lip/shared/testing';
import { deriveSubgraphKey, signUpstream, subgraphSigningKey } from '@lip/shared/upstream-signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack.ts';

const as = {
  admin: TEST_IDENTITIES.admin,
  county: { subject: 'county-lingbao', role: 'COUNTY_OFFICER', region: '411282' },
  township: { subject: 'worker-hubin', role: 'TOWNSHIP_WORKER', region: '411202001' },
  analyst: { subject: 'analyst-1', role: 'ANALYST', region: '4112' },
  auditor: { subject: 'auditor-1', role: 'AUDITOR', region: '4112' },
  union: { subject: 'union-officer', role: 'DEPARTMENT_OFFICER', department: 'UNION', region: '4112' },
  housing: { subject: 'housing-officer', role: 'DEPARTMENT_OFFICER', department: 'HOUSING', region: '4112' },
  agriculture: { subject: 'agri-feed', role: 'SERVICE', department: 'AGRICULTURE', region: '4112' },
} satisfies Record<string, Identity>;

let stack: Stack;
const hubin = makeIdNumber({ areaCode: '411202', birthDate: '1971-04-04', sequence: 11 });
const lingbao = makeIdNumber({ areaCode: '411282', birthDate: '1966-06-06', sequence: 21 });

const REGISTER = `mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`;
const household = (regionCode: string, idNumber: string, name: string) => ({
  input: {
    regionCode,
    address: '某街道1号',
    hukouType: 'URBAN',
    monthlyIncome: '800',
    financialAssets: '0',
    members: [{ idNumber, name, relationshipToHead: 'HEAD', phone: '13912345678' }],
  },
});
const GRANT = `mutation($id: IdNumber!) { grantCategory(input: { idNumber: $id, category: NEAR_SUBSISTENCE, validFrom: "2024-01-01", recognizedBy: "民政局", reason: "边缘家庭认定" }) { id } }`;
const persons = async (identity: Identity) =>
  (await stack.query(`{ persons(first: 50) { totalCount edges { node { idNumber name phone } } } }`, {}, { as: identity })).data?.persons;
const personCount = async () => (await stack.subgraphs['civil-affairs']!.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM "Person"'))[0]!.n;

beforeAll(async () => {
  stack = await startStack();
  expect((await stack.query(REGISTER, household('411202001001', hubin, '王湖滨'))).errors).toBeUndefined();
  expect((await stack.query(REGISTER, household('411282100', lingbao, '李灵宝'))).errors).toBeUndefined();
});
afterAll(() => stack?.close());

describe('identity at the gateway', () => {
  const post = (headers: Record<string, string>) =>
    fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ regions { code } }' }),
    });

  it('refuses a request without, or with a forged, expired or foreign token', async () => {
    const tokens = {
      none: undefined,
      forged: await mintToken(as.admin, { secret: 'guessed' }),
      expired: await mintToken(as.admin, { expiresIn: -300 }),
      wrongAudience: await mintToken(as.admin, { audience: 'another-system' }),
      wrongIssuer: await mintToken(as.admin, { issuer: 'someone-else' }),
      badRole: await mintToken({ ...as.admin, role: 'SUPERUSER' as never }),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const response = await post(token ? { authorization: `Bearer ${token}` } : {});
      expect([name, response.status, (await response.json()).errors[0].extensions.code]).toEqual([name, 401, 'UNAUTHENTICATED']);
    }
    expect((await post({ authorization: `Bearer ${await mintToken(as.admin)}` })).status).toBe(200);
  });

  it('leaves health and readiness open, and nothing else', async () => {
    expect((await fetch(new URL('/health', stack.gateway.url))).status).toBe(200);
    expect((await fetch(new URL('/ready', stack.gateway.url))).status).toBe(200);
    expect((await post({})).status).toBe(401);
  });
});

describe('trust between gateway and subgraphs', () => {
  const url = () => stack.subgraphs['civil-affairs']!.url;
  const request = { query: '{ persons(first: 1) { totalCount } }' };
  const send = (signed: { headers: Record<string, string>; body: string }) =>
    fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json', ...signed.headers }, body: signed.body });

  it('accepts a request the gateway signed, once', async () => {
    const signed = await signedRequest(as.admin, 'civil-affairs', request);
    expect((await send(signed)).status).toBe(200);
    const replay = await send(signed);
    expect([replay.status, (await replay.json()).errors[0].message]).toEqual([401, 'replayed request']);
  });

  it('refuses unsigned, badly signed, borrowed-token and old requests', async () => {
    const analyst = await signedRequest(as.analyst, 'civil-affairs', request);
    const adminToken = await mintToken(as.admin);
    const requests = [
      { headers: { authorization: `Bearer ${adminToken}` }, body: JSON.stringify(request) },
      {
        headers: analyst.headers,
        body: JSON.stringify(signUpstream(request, deriveSubgraphKey('wrong-secret', 'civil-affairs'), analyst.headers.authorization!.slice(7))),
      },
      { headers: { authorization: `Bearer ${adminToken}` }, body: analyst.body },
      {
        headers: { authorization: `Bearer ${adminToken}` },
        body: JSON.stringify(signUpstream(request, subgraphSigningKey('civil-affairs'), adminToken, Date.now() - 120_000)),
      },
    ];
    for (const signed of requests) expect((await send(signed)).status).toBe(401);
  });
});

describe('region scope', () => {
  it('filters lists and counts to the caller’s region', async () => {
    expect((await persons(as.admin)).totalCount).toBe(2);
    expect((await persons(as.township)).edges.map((e: any) => e.node.idNumber)).toEqual([hubin]);
    expect((await persons(as.county)).edges.map((e: any) => e.node.idNumber)).toEqual([lingbao]);
    const wider = await stack.query(`{ persons(filter: { regionPrefix: "4112" }) { totalCount } }`, {}, { as: as.township });
    expect(wider.data.persons.totalCount).toBe(1);
    const elsewhere = await stack.query(`{ persons(filter: { regionPrefix: "411282" }) { totalCount } }`, {}, { as: as.township });
    expect(elsewhere.data.persons.totalCount).toBe(0);
  });

  it('answers a single read outside the region as unknown', async () => {
    const read = await stack.query(`query($id: IdNumber!) { person(idNumber: $id) { name } }`, { id: lingbao }, { as: as.township });
    expect(read.data.person).toBeNull();
  });

  it('refuses writes outside the region and writes nothing', async () => {
    const before = await personCount();
    const outside = await stack.query(REGISTER, household('411282100', makeIdNumber({ areaCode: '411282', birthDate: '1990-01-01', sequence: 31 }), '赵外'), {
      as: as.township,
    });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await personCount()).toBe(before);
    // A person outside the region is refused exactly as an unregistered one (the audit log keeps the reason).
    const grant = await stack.query(GRANT, { id: lingbao }, { as: as.township });
    const unknown = await stack.query(GRANT, { id: makeIdNumber({ areaCode: '411282', birthDate: '1966-06-06', sequence: 23 }) }, { as: as.township });
    expect(grant.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(grant.errors?.[0]?.message.replace(lingbao, 'X')).toBe(unknown.errors?.[0]?.message.replace(/\d{17}[\dX]/, 'X'));
    expect((await stack.query(GRANT, { id: hubin }, { as: as.township })).errors).toBeUndefined();
  });
});

describe('roles and departments', () => {
  const openFile = (id: string) => ({
    input: { personIdNumber: id, countyCode: '411202', employer: { name: '三门峡某纺织厂' }, reason: 'LAID_OFF', filedOn: '2024-03-01' },
  });
  const OPEN_FILE = `mutation($input: OpenDifficultWorkerFileInput!) { openDifficultWorkerFile(input: $input) { id } }`;

  it('lets only a department’s officers write its records', async () => {
    expect((await stack.query(OPEN_FILE, openFile(hubin), { as: as.housing })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.query(OPEN_FILE, openFile(hubin), { as: as.township })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.query(OPEN_FILE, openFile(hubin), { as: as.union })).errors).toBeUndefined();
    expect(
      (
        await stack.query(REGISTER, household('411202001001', makeIdNumber({ areaCode: '411202', birthDate: '1980-01-01', sequence: 41 }), '钱部门'), {
          as: as.union,
        })
      ).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('filters department lists by the records’ own region', async () => {
    const files = async (identity: Identity) =>
      (await stack.query(`{ difficultWorkerFiles { totalCount } }`, {}, { as: identity })).data.difficultWorkerFiles.totalCount;
    expect(await files(as.union)).toBe(1); // filed in 湖滨区 411202 by the test above
    expect(await files({ ...as.county, region: '411202' })).toBe(1);
    expect(await files(as.county)).toBe(0); // 灵宝市
    expect(await files(as.township)).toBe(0); // a county-level record is hidden from a township
  });

  it('lets every department read what entitlements need', async () => {
    const read = await stack.query(
      `query($id: IdNumber!) { person(idNumber: $id) { activeCategories unionEntitlements { status } } }`,
      { id: hubin },
      { as: as.housing },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.person.unionEntitlements[0].status).toBe('ENTITLED_MISSING');
  });

  it('lets the agriculture feed import relapse-monitoring targets and nothing else', async () => {
    const imported = await stack.query(
      `mutation($input: RelapseImportInput!) { importRelapseMonitoringTargets(input: $input) { granted } }`,
      { input: { recognizedBy: '农业农村局', validFrom: '2024-05-01', reason: '2024年第2批', rows: [{ idNumber: lingbao, subtype: 'MARGINAL_AT_RISK' }] } },
      { as: as.agriculture },
    );
    expect(imported.data?.importRelapseMonitoringTargets).toEqual({ granted: 1 });
    expect((await stack.query(GRANT, { id: lingbao }, { as: as.agriculture })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('gives analysts masked identifiers and no writes', async () => {
    const list = await persons(as.analyst);
    const node = list.edges.find((e: any) => e.node.idNumber.endsWith(hubin.slice(-4))).node;
    expect(node).toEqual({ idNumber: `${hubin.slice(0, 6)}********${hubin.slice(-4)}`, name: '王**', phone: '139****5678' });
    expect((await stack.query(GRANT, { id: hubin }, { as: as.analyst })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows case workers identifiers in full', async () => {
    const node = (await persons(as.township)).edges[0].node;
    expect(node).toEqual({ idNumber: hubin, name: '王湖滨', phone: '13912345678' });
  });

  it('keeps auditors out of the register', async () => {
    const read = await stack.query(`{ persons(first: 1) { totalCount } }`, {}, { as: as.auditor });
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(read.data).toBeNull();
  });
});

describe('a direct call', () => {
  it('cannot borrow the gateway’s trust with a forged identity header', async () => {
    const body = { query: `{ persons(first: 1) { totalCount } }` };
    const result = await postAs(
      null,
      stack.subgraphs['civil-affairs']!.url,
      body.query,
      {},
      { headers: { 'x-lip-identity': Buffer.from(JSON.stringify(as.admin)).toString('base64url') } },
    );
    expect(result.status).toBe(401);
  });
});

describe('audit log', () => {
  const LOG = `query($filter: AuditFilter) { civilAffairsAuditLog(filter: $filter, first: 50) { totalCount entries { subject role operation kind subgraph persons } } }`;

  it('records reads, masked or not, and writes', async () => {
    await stack.query(`query WorkerLooksUp($id: IdNumber!) { person(idNumber: $id) { name } }`, { id: hubin }, { as: as.township });
    await stack.query(`query AnalystLooksUp($id: IdNumber!) { person(idNumber: $id) { name } }`, { id: hubin }, { as: as.analyst });
    const log = await stack.query(LOG, { filter: { personIdNumber: hubin } }, { as: as.auditor });
    expect(log.errors).toBeUndefined();
    const entries = log.data.civilAffairsAuditLog.entries;
    expect(entries).toContainEqual({
      subject: 'worker-hubin',
      role: 'TOWNSHIP_WORKER',
      operation: 'WorkerLooksUp',
      kind: 'READ',
      subgraph: 'civil-affairs',
      persons: [`${hubin.slice(0, 6)}********${hubin.slice(-4)}`],
    });
    expect(entries).toContainEqual({
      subject: 'analyst-1',
      role: 'ANALYST',
      operation: 'AnalystLooksUp',
      kind: 'READ',
      subgraph: 'civil-affairs',
      persons: [`${hubin.slice(0, 6)}********${hubin.slice(-4)}`],
    });
    expect(entries.some((entry: { kind: string; subject: string }) => entry.kind === 'WRITE' && entry.subject === 'test-user')).toBe(true);
    // Department subgraphs keep their own log of what they served.
    const union = await stack.query(`{ unionAuditLog(filter: { kind: WRITE }) { totalCount entries { subject operation } } }`, {}, { as: as.auditor });
    expect(union.data.unionAuditLog.entries).toContainEqual({ subject: 'union-officer', operation: 'anonymous' });
  });

  it('is open to auditors only, and nothing can change it', async () => {
    expect((await stack.query(LOG, {}, { as: as.township })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const mutations = await stack.query(`{ __schema { mutationType { fields { name } } } }`);
    expect(mutations.data.__schema.mutationType.fields.filter((field: { name: string }) => /audit/i.test(field.name))).toEqual([]);
    await expect(stack.subgraphs['civil-affairs']!.db.sql.exec('DELETE FROM "lip_audit_log"')).rejects.toThrow(/append-only/);
  });
});

describe('hardening', () => {
  const rejected = async (query: string, identity: Identity = as.admin) => {
    const result = await stack.query(query, {}, { as: identity });
    expect(result.data ?? null).toBeNull();
    return result.errors![0]!;
  };

  it('limits depth, aliases, tokens and cost with clear errors', async () => {
    const deep = `{ persons { edges { node { household { members { household { members { household { members { household { members { name } } } } } } } } } } } }`;
    expect((await rejected(deep)).message).toMatch(/depth limit/i);
    const aliases = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: regions { code }`).join(' ')} }`;
    expect((await rejected(aliases)).message).toMatch(/aliases limit/i);
    // A large literal costs little but parses long: the token limit stops it before validation.
    const rows = Array.from({ length: 400 }, () => `{ idNumber: "${hubin}", subtype: MARGINAL_AT_RISK }`).join(', ');
    const tokens = `mutation { importRelapseMonitoringTargets(input: { recognizedBy: "x", validFrom: "2024-01-01", reason: "xx", rows: [${rows}] }) { granted } }`;
    expect((await rejected(tokens)).message).toMatch(/contains more th.. 3000 tokens/i);
    // Each alias is a whole township page with every department: fine once, too costly ten times over.
    const page = `persons(first: 100) { edges { node { idNumber name holdings { category history { reason } } household { members { name } }
      educationAssistance { kind amount } urbanHousingAssistances { kind } medicalYearTotals { outOfPocketTotal } unionAssistance { kind }
      educationEntitlements { status } housingEntitlements { status } healthInsuranceEntitlements { status } unionEntitlements { status } } } }`;
    const costly = `{ ${Array.from({ length: 14 }, (_, i) => `p${i}: ${page}`).join(' ')} }`;
    expect((await rejected(costly)).message).toMatch(/cost limit of 60000 exceeded/i);
    expect((await stack.query(`{ ${page} }`)).errors).toBeUndefined();
  });

  it('refuses an oversized body before parsing it', async () => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintToken(as.admin)}` },
      body: JSON.stringify({ query: `{ regions { code } }`, variables: { padding: 'x'.repeat(200_000) } }),
    });
    expect([response.status, (await response.json()).errors[0].extensions.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('gives no field suggestions and no stack traces', async () => {
    const error = await rejected(`{ person(idNumber: "11010519491231002X") { nmae } }`);
    expect(error.message).not.toMatch(/did you mean/i);
    expect(JSON.stringify(error)).not.toMatch(/stacktrace|\.ts:\d+/);
  });

  it('opens introspection only to the roles configured', async () => {
    const introspection = `{ __schema { queryType { name } } }`;
    expect((await stack.query(introspection, {}, { as: as.analyst })).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await rejected(introspection, as.agriculture)).extensions?.code).toBe('FORBIDDEN');
  });
});
