// Production sign-in: OpenID Connect, authorization code with PKCE, against a real provider
// (oidc-provider) started here. The gateway trusts only the provider's keys (AUTH_JWKS_FILE,
// no development secret: its development sign-in answers 403), and the dashboard, configured
// with the provider's issuer and client, signs in through the provider's login page and reads
// the graph with the access token. Civil affairs alone serves the graph (the page needs no more).
process.env.LIP_DEMO_PERSONS = '300';

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { civilAffairs } from '@lip/civil-affairs/subgraph';
import { type RunningGateway, startGateway } from '@lip/gateway/gateway';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { openTestDatabase } from '@lip/shared/testing';
import Provider from 'oidc-provider';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../../tests/chromium.ts';

// A resource indicator must be an absolute URI (RFC 8707): a bare name is refused with invalid_target.
const AUDIENCE = 'urn:lip:low-income-graph';
// Who each login name is at the provider: the claims the gateway reads from the access token.
const ACCOUNTS: Record<string, { role: string; region: string; name: string }> = {
  lingbao: { role: 'COUNTY_OFFICER', region: '411282', name: '灵宝市民政局 张三' },
};

let provider: Server;
let issuer: string;
let gateway: RunningGateway;
let subgraph: RunningSubgraph<unknown>;
let dashboardUrl: string;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

beforeAll(async () => {
  // The gateway's port must be known for the client's redirect URI: take one, then start.
  const probe = (await import('node:http')).createServer();
  const gatewayPort = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  dashboardUrl = `http://localhost:${gatewayPort}/dashboard`;

  const shell = (await import('node:http')).createServer();
  const providerPort = await listen(shell);
  await new Promise((resolve) => shell.close(resolve));
  issuer = `http://localhost:${providerPort}`;
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: 'dashboard',
        token_endpoint_auth_method: 'none',
        redirect_uris: [dashboardUrl],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, name: ACCOUNTS[id]?.name }) }),
    claims: { openid: ['sub'], profile: ['name'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'openid profile',
          audience: AUDIENCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    extraTokenClaims: (_ctx: unknown, token: unknown) => {
      const account = ACCOUNTS[(token as { accountId: string }).accountId];
      return account ? { role: account.role, region: account.region } : {};
    },
  });
  provider = oidc.listen(providerPort, '127.0.0.1') as unknown as Server;
  await new Promise((resolve) => provider.once('listening', resolve));

  // The gateway trusts the provider's published keys, read from a file (never fetched at run time).
  const jwks = await (await fetch(`${issuer}/jwks`)).json();
  const dir = mkdtempSync(join(tmpdir(), 'lip-oidc-'));
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify(jwks));
  const saved = { ...process.env };
  Object.assign(process.env, { AUTH_JWKS_FILE: join(dir, 'jwks.json'), AUTH_ISSUER: issuer, AUTH_AUDIENCE: AUDIENCE });
  try {
    // The subgraph verifies the forwarded token again, so it must trust the same keys as the gateway.
    subgraph = (await startSubgraph(civilAffairs as never, { db: await openTestDatabase('civil-affairs'), seed: true })) as RunningSubgraph<unknown>;
    gateway = await startGateway({
      port: gatewayPort,
      subgraphUrls: { 'civil-affairs': subgraph.url },
      oidc: { issuer, clientId: 'dashboard', resource: AUDIENCE },
    });
  } finally {
    for (const key of ['AUTH_JWKS_FILE', 'AUTH_ISSUER', 'AUTH_AUDIENCE']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}, 600_000);

afterAll(async () => {
  await gateway?.close();
  await subgraph?.close();
  provider?.close();
});

describe('production sign-in', () => {
  it('refuses development tokens and the development sign-in', async () => {
    const refused = await fetch(new URL('/explorer/dev-token?role=CITY_ADMIN&region=4112', gateway.url), { headers: { 'x-lip-dev-sign-in': '1' } });
    expect(refused.status).toBe(403);
    const html = await (await fetch(dashboardUrl)).text();
    expect(html).toContain('"devSignIn":null');
    expect(html).toContain(`"issuer":"${issuer}"`);
  });
});

describe.skipIf(!hasChromium)('OpenID Connect in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('signs in with authorization code + PKCE and reads the graph as the provider says', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const outside: string[] = [];
    const authorize: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') {
        // Nothing leaves: every such request is refused. The stand-in provider's own development
        // login page asks for a web font (a city's provider is its own affair); the dashboard's pages may ask for nothing.
        const from = route.request().frame().url();
        if (!from.startsWith(issuer)) outside.push(`${url.href} (from ${from})`);
        return route.abort('internetdisconnected');
      }
      if (url.pathname === '/auth') authorize.push(url.href);
      return route.continue();
    });
    const page = await context.newPage();
    // A provider's refusal sent back on the redirect is shown, not swallowed.
    await page.goto(`${dashboardUrl}?error=invalid_target&error_description=resource+indicator+must+be+an+absolute+URI&state=x`);
    await page.getByTestId('oidc-sign-in').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('sign-in-error').textContent()).toContain('resource indicator must be an absolute URI');
    await page.goto(dashboardUrl);
    await page.getByTestId('oidc-sign-in').click();
    // The provider's own login and consent pages (oidc-provider's development interactions).
    await page.locator('input[name=login]').fill('lingbao');
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    await page.locator('button[type=submit]').click(); // consent
    await page.getByTestId('who').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('who').textContent()).toContain('411282');

    const request = new URL(authorize[0]!);
    expect(request.searchParams.get('response_type')).toBe('code');
    expect(request.searchParams.get('code_challenge_method')).toBe('S256');
    expect(request.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);

    await page.getByTestId('counts-table').waitFor({ timeout: 120_000 });
    const counties = await page.locator('[data-testid=counts-table] tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key));
    expect(counties).toEqual(['411282']);
    mkdirSync(new URL('../../data/screenshots/', import.meta.url), { recursive: true });
    await page.screenshot({ path: new URL('../../data/screenshots/oidc-overview.png', import.meta.url).pathname });
    expect(outside).toEqual([]);
    await context.close();
  }, 600_000);
});
