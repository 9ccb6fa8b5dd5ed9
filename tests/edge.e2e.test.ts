// The edge of the gateway (issue 10, issue 17 item 6): every refusal of parsing, validation,
// limits, introspection and input is HTTP 400 with a stable code and no data; oversized or
// unsafe values are refused before anything else; request ids are bounded; subgraphs log the
// real code of every error, and an unexpected one's class and stack without personal data.

import { type Identity, mintToken } from '@lip/shared/auth';
import { makeIdNumber } from '@lip/shared/id-number';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Stack, startStack } from './stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

const admin: Identity = { subject: 'edge-admin', role: 'CITY_ADMIN', region: '4112' };
const valid = makeIdNumber({ areaCode: '411202', birthDate: '1968-07-02', sequence: 17 });
const wrongCheck = `${valid.slice(0, 17)}${valid.endsWith('0') ? '1' : '0'}`;

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintToken(admin)}`, ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
  return { status: response.status, headers: response.headers, json, code: json.errors?.[0]?.extensions?.code };
}

describe('refusals are 400 with a stable code', () => {
  it('a syntax error', async () => {
    const { status, code } = await post({ query: '{ person(idNumber: "x" { name } }' });
    expect([status, code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
  });

  it('an unknown field and an unknown enum value', async () => {
    expect(await post({ query: '{ nosuchfield }' })).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    const enumValue = await post({ query: '{ persons(filter: { category: NO_SUCH_CATEGORY }, first: 1) { totalCount } }' });
    expect(enumValue).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('the token limit (500 aliases of person { name })', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `p${i}: person(idNumber: "${valid}") { name }`).join(' ');
    const { status, json, code } = await post({ query: `{ ${aliases} }` });
    expect([status, code, json.data ?? null]).toEqual([400, 'GRAPHQL_PARSE_FAILED', null]);
    expect((json.errors?.[0] as { message?: string } | undefined)?.message).toMatch(/contains more th.. 3000 tokens/);
  });

  it('introspection refused to a role', async () => {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await mintToken({ subject: 'feed', role: 'SERVICE', department: 'AGRICULTURE', region: '4112' })}`,
      },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    const json = await response.json();
    expect([response.status, json.errors[0].extensions.code, json.errors[0].extensions.reason]).toEqual([400, 'FORBIDDEN', 'INTROSPECTION']);
  });

  it('an invalid ID number gives INVALID_ID_NUMBER whether inline or a variable', async () => {
    const inline = await post({ query: `{ person(idNumber: "${wrongCheck}") { name } }` });
    const variable = await post({ query: 'query($id: IdNumber!) { person(idNumber: $id) { name } }', variables: { id: wrongCheck } });
    expect([inline.status, inline.code, inline.json.errors?.[0]?.extensions?.reason]).toEqual([400, 'INVALID_ID_NUMBER', 'CHECK_CHARACTER']);
    expect([variable.status, variable.code, variable.json.errors?.[0]?.extensions?.reason]).toEqual([400, 'INVALID_ID_NUMBER', 'CHECK_CHARACTER']);
  });

  it('an input error voids the answer: data is null, never a field null that reads as "not found"', async () => {
    const result = await post({ query: '{ persons(filter: { regionPrefix: "99" }, first: 1) { totalCount } }' });
    expect(result.status).toBe(400);
    expect(result.json.data).toBeNull();
    expect(result.code).toBe('INVALID_REGION_CODE');
    // A person not found is a plain null with no error.
    const missing = await post({ query: `{ person(idNumber: "${valid}") { name } }` });
    expect([missing.status, missing.json]).toEqual([200, { data: { person: null } }]);
  });
});

describe('values are checked before anything else', () => {
  // Under the body limit, so it reaches the subgraph, whose refusal (longer than 64 KiB, as it
  // quotes the value) the gateway relays: reading that body through a clone once hung here.
  it("refuses a 70,000-character ID number with 400 and the scalar's code", async () => {
    const { status, json, code } = await post({ query: 'query($id: IdNumber!) { person(idNumber: $id) { name } }', variables: { id: '4'.repeat(70_000) } });
    expect([status, code, json.errors?.[0]?.extensions?.reason]).toEqual([400, 'INVALID_ID_NUMBER', 'LENGTH']);
  });

  it('refuses a value longer than the body limit with 413', async () => {
    const { status, code } = await post({ query: 'query($id: IdNumber!) { person(idNumber: $id) { name } }', variables: { id: '4'.repeat(120_000) } });
    expect([status, code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('refuses NUL, other control characters and lone surrogates in any variable, and inline', async () => {
    const REGISTER = 'mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }';
    const input = (address: string) => ({
      regionCode: '411202001001',
      address,
      hukouType: 'URBAN',
      monthlyIncome: '100',
      financialAssets: '0',
      members: [{ idNumber: valid, name: '王建国', relationshipToHead: 'HEAD' }],
    });
    for (const address of ['市场社区\u0000', '市场\u0007社区', '市场社区\ud800']) {
      const result = await post({ query: REGISTER, variables: { input: input(address) } });
      expect([result.status, result.code, result.json.errors?.[0]?.extensions?.reason]).toEqual([400, 'INVALID_INPUT', 'UNSAFE_CHARACTER']);
    }
    const inline = await post({ query: `mutation { recordDeath(idNumber: "${valid}", deceasedOn: "2024-01-01", reason: "x\\u0000y") { name } }` });
    expect([inline.status, inline.code]).toEqual([400, 'INVALID_INPUT']);
    const [row] = await stack.subgraphs['civil-affairs']!.db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM "Household"');
    expect(row!.n).toBe(0);
  });
});

describe('request ids', () => {
  it('keeps a well-formed one and replaces an oversized or strange one', async () => {
    const kept = await post({ query: '{ regions(countyCode: "411202") { code } }' }, { 'x-request-id': 'case-desk-7:0001' });
    expect(kept.headers.get('x-request-id')).toBe('case-desk-7:0001');
    for (const bad of ['x'.repeat(8000), 'a b', 'id\u00e9']) {
      const replaced = await post({ query: '{ regions(countyCode: "411202") { code } }' }, { 'x-request-id': bad });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('errors you can debug', () => {
  it('the subgraph logs the real code of a refusal', async () => {
    const log = vi.spyOn(stack.subgraphs['civil-affairs']!.observability.logger, 'info');
    await post({ query: `mutation { suspendCategory(holdingId: "no-such-holding", reason: "复核") { id } }` });
    const line = log.mock.calls.map(([entry]) => entry as { errorCodes?: string[] }).find((entry) => entry.errorCodes?.length);
    expect(line?.errorCodes).toEqual(['NOT_FOUND']);
  });
});
