// The development sign-in route: it mints a token only while the gateway runs on the built-in
// development secret, and the token works for the identity asked for; with a real key the
// route refuses and the explorer page offers no sign-in.

import { DEV_SIGN_IN_DEFAULT, DEV_SIGN_IN_HEADER, DEV_TOKEN_PATH } from '@lip/gateway/dev-sign-in';
import { type RunningGateway, startGateway } from '@lip/gateway/gateway';
import { expectData, expectError, postGraphQL } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SharedStack, sharedStack } from './stack.ts';

let stack: SharedStack;
beforeAll(async () => {
  stack = await sharedStack();
});

const devToken = (gatewayUrl: string, query: Record<string, string>, headers: Record<string, string> = { [DEV_SIGN_IN_HEADER]: '1' }) =>
  fetch(new URL(`${DEV_TOKEN_PATH}?${new URLSearchParams(query)}`, gatewayUrl), { headers });

const bearer = (token: string) => ({ as: null, headers: { authorization: `Bearer ${token}` } });

describe('development sign-in, on the development secret', () => {
  it('mints a token for the chosen role, department and region, which the gateway accepts as that identity', async () => {
    const response = await devToken(stack.gateway.url, { role: 'DEPARTMENT_OFFICER', department: 'HOUSING', region: '411282' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { token: string; identity: Record<string, string>; expiresAt: string };
    expect(body.identity).toMatchObject({ role: 'DEPARTMENT_OFFICER', department: 'HOUSING', region: '411282' });
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    // Confined to 灵宝市: a roster of another county is empty, its own is not.
    const roster = `query($p: String!) { persons(filter: { regionPrefix: $p }, first: 1) { totalCount } }`;
    expect(expectData(await postGraphQL(stack.gateway.url, roster, { p: '411282' }, bearer(body.token))).persons.totalCount).toBeGreaterThan(0);
    expect(expectData(await postGraphQL(stack.gateway.url, roster, { p: '411202' }, bearer(body.token))).persons.totalCount).toBe(0);
  });

  it('signs in as the default identity, the one npm start prints, when nothing is chosen', async () => {
    const body = (await (await devToken(stack.gateway.url, {})).json()) as { identity: Record<string, string> };
    expect(body.identity).toMatchObject(DEV_SIGN_IN_DEFAULT);
  });

  it('refuses identities the gateway would refuse, with the reason', async () => {
    for (const [query, reason] of [
      [{ role: 'EMPEROR' }, /role must be one of/],
      [{ role: 'DEPARTMENT_OFFICER', region: '411282' }, /needs a department/],
      [{ role: 'ANALYST', region: '419999' }, /unknown region/],
      [{ role: 'CITY_ADMIN', region: '411282' }, /covers the city/],
    ] as const) {
      const response = await devToken(stack.gateway.url, query);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(reason);
    }
  });

  it('needs its header, which a page from another origin cannot send without a preflight', async () => {
    const response = await devToken(stack.gateway.url, {}, {});
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).not.toContain('token"');
  });

  it('offers the lists on the explorer page', async () => {
    const html = await (await fetch(new URL('/explorer', stack.gateway.url))).text();
    const config = JSON.parse(/<script id="lip-explorer-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!);
    expect(config.devSignIn.default).toEqual(DEV_SIGN_IN_DEFAULT);
    expect(config.devSignIn.roles).toContain('TOWNSHIP_WORKER');
    expect(config.devSignIn.regions.map((region: { code: string }) => region.code)).toEqual(expect.arrayContaining(['4112', '411282', '411202001']));
    expect(config.defaultHeaders).toBe('{}');
  });
});

describe('development sign-in, with a real key', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    process.env.AUTH_JWT_SECRET = 'a-real-secret-of-this-deployment';
    try {
      gateway = await startGateway({ subgraphUrls: {} });
    } finally {
      delete process.env.AUTH_JWT_SECRET;
    }
  });
  afterAll(() => gateway?.close());

  it('is refused, and the explorer page offers no sign-in', async () => {
    const response = await devToken(gateway.url, { role: 'CITY_ADMIN' });
    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).toMatch(/development sign-in is off/);
    const html = await (await fetch(new URL('/explorer', gateway.url))).text();
    expect(html).toContain('"devSignIn":null');
    // A development token is no good here either.
    const token = ((await (await devToken(stack.gateway.url, {})).json()) as { token: string }).token;
    expectError(await postGraphQL(gateway.url, '{ __typename }', {}, bearer(token)), 'UNAUTHENTICATED');
  });
});
