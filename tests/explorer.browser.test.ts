// The explorer in a real (headless) browser: Debian's Chromium driven by playwright-core.
// Every request that does not go to this machine is blocked and fails the test, so the
// explorer is proved to work with the network cut off. A screenshot lands in artifacts/.
// The page signs itself in with the development sign-in: nothing is pasted.
import { mkdirSync } from 'node:fs';
import { CONTENT_SECURITY_POLICY, loadOperations } from '@lip/gateway/explorer';
import { mintToken } from '@lip/shared/auth';
import { TEST_IDENTITIES } from '@lip/shared/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchChromium } from './chromium.ts';
import { type SharedStack, sharedStack } from './stack.ts';

if (!hasChromium) console.warn(`explorer browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

const SCREENSHOT = new URL('../artifacts/explorer.png', import.meta.url);
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

let stack: SharedStack;
let explorerUrl: string;
beforeAll(async () => {
  stack = await sharedStack();
  explorerUrl = new URL('/explorer', stack.gateway.url).href;
});

describe('the explorer over HTTP', () => {
  it('is served at /explorer and at the gateway URL to browsers, with only local, relative resources', async () => {
    for (const url of [explorerUrl, stack.gateway.url, new URL('/', stack.gateway.url).href]) {
      const response = await fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const html = await response.text();
      expect(html).toContain('id="lip-explorer-config"');
      const references = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
      expect(references.length).toBeGreaterThan(4);
      for (const reference of references) expect(reference, 'a resource that is not relative').toMatch(/^(explorer\/[\w.-]+|data:,)$/);
      for (const reference of references.filter((r) => r.startsWith('explorer/'))) {
        const asset = await fetch(new URL(reference, url));
        expect(asset.status, reference).toBe(200);
        const text = await asset.text();
        // No stylesheet pulls in anything from elsewhere (fonts are inlined as data: URLs).
        if (reference.endsWith('.css')) expect(text.match(/@import|url\((?!data:)[^)]*\)/g) ?? [], reference).toEqual([]);
      }
    }
  });

  it('leaves every other request to /graphql to GraphQL', async () => {
    const url = `${stack.gateway.url}?query=${encodeURIComponent('{ __typename }')}`;
    const headers = { accept: 'application/json', 'apollo-require-preflight': 'true' };
    expect((await fetch(url, { headers })).status).toBe(401); // the page is open; the data is not
    const get = await fetch(url, { headers: { ...headers, authorization: `Bearer ${await mintToken(TEST_IDENTITIES.admin)}` } });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const post = await stack.query('{ __typename }');
    expect(post.data).toEqual({ __typename: 'Query' });
  });
});

describe.skipIf(!hasChromium)(`the explorer in Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const outside: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', serviceWorkers: 'block' });
    // The network is cut off: anything not addressed to this machine is recorded and refused.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (LOCAL_HOSTS.has(url.hostname)) return route.continue();
      outside.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    context.on('weberror', (error) => pageErrors.push(error.error().message));
    // A Content-Security-Policy refusal would mean the page tried to load something from elsewhere.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('opens with the ready-made operations, runs one, shows the answer and loads nothing from outside', async () => {
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
    await page.goto(explorerUrl, { waitUntil: 'load' });
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });

    // The ready-made operations are tabs, and listed with their descriptions in the side panel.
    const tabs = page.locator('.graphiql-tab');
    await expect
      .poll(() => tabs.allInnerTexts(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['CategoryCounts', 'Household', 'Person', 'Regions', 'TownshipRoster']));
    const panel = page.locator('.lip-operation[data-operation="CategoryCounts"]');
    await expect.poll(() => panel.innerText()).toContain('分县分类统计');

    // The first tab opens with its example variables, like every other.
    const variables = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)');
    const [first] = loadOperations();
    expect(Object.keys(first!.variables).length, 'the first operation has example variables').toBeGreaterThan(0);
    await expect.poll(() => variables.innerText()).toContain(`"${Object.keys(first!.variables)[0]}"`);

    // Signed in without pasting anything: the page names the development identity, and the
    // schema came in at once (the documentation explorer lists the root type).
    await page.getByRole('button', { name: /Show Sign in/i }).click();
    await expect.poll(() => page.locator('.lip-sign-in-current').innerText()).toContain('CITY_ADMIN');
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /Show Operations/i }).click();

    // Run "counts by county and category" from the panel: the answer shows the counties.
    await panel.locator('.lip-operation-run').click();
    await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toContain('CategoryCounts');
    const response = page.locator('.graphiql-response');
    await response.getByText('湖滨区').first().waitFor({ timeout: 20_000 });
    const answer = await response.innerText();
    expect(answer).toContain('"categoryCounts"');
    expect(answer).toContain('SUBSISTENCE_ALLOWANCE');
    expect(answer).not.toContain('"errors"');

    // Another tab gets the same identity: the roster runs there too.
    await page.locator('.lip-operation[data-operation="TownshipRoster"] .lip-operation-run').click();
    await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toContain('TownshipRoster');
    await response.getByText('"totalCount"').first().waitFor({ timeout: 20_000 });
    expect(await response.innerText()).not.toContain('"errors"');

    // The headers editor is there, and empty: the page adds the token itself.
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    await expect.poll(() => variables.innerText()).not.toContain('Authorization');
    await page.getByRole('button', { name: 'Variables', exact: true }).click();

    // The run went into the history.
    await page.getByRole('button', { name: /Show History/i }).click();
    await page.locator('.graphiql-history').getByText('CategoryCounts').first().waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: /Show Operations/i }).click();

    mkdirSync(new URL('.', SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT.pathname });

    // Autocompletion from the schema, in a new tab: typing in the query editor suggests fields.
    await page.getByRole('button', { name: 'Add tab' }).click();
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{ categ');
    await page.locator('.CodeMirror-hints').getByText('categoryCounts').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');

    const violations = await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
    expect(outside, 'requests that left this machine').toEqual([]);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
    expect(failed, 'failed requests').toEqual([]);
    expect(pageErrors, 'errors in the page').toEqual([]);
  }, 120_000);

  it('signs in as another role, department and region from the lists, and asks as that identity', async () => {
    await page.getByRole('button', { name: /Show Sign in/i }).click();
    const form = page.locator('.lip-sign-in form');
    await form.locator('select[name="role"]').selectOption('ANALYST');
    await form.locator('select[name="region"]').selectOption('411282');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.lip-sign-in-current').innerText()).toContain('ANALYST · 灵宝市 411282');
    await page.getByRole('button', { name: /Show Operations/i }).click();
    await page.locator('.lip-operation[data-operation="TownshipRoster"] .lip-operation-run').click();
    const response = page.locator('.graphiql-response');
    // An analyst sees names and ID numbers masked.
    await expect.poll(() => response.innerText(), { timeout: 20_000 }).toMatch(/"idNumber": "4112\d{2}\*+/);
    expect(await response.innerText()).not.toContain('"errors"');
    // Back to the default identity for the tests that follow.
    await page.evaluate(() => window.sessionStorage.clear());
  }, 60_000);

  it('is what a browser gets at the gateway URL itself', async () => {
    await page.goto(stack.gateway.url, { waitUntil: 'load' });
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.graphiql-tab').count()).toBeGreaterThan(0);
    expect(outside).toEqual([]);
  }, 60_000);

  it('could not reach outside even if a script tried: the page policy refuses it', async () => {
    const outcome = await page.evaluate(() =>
      fetch('https://fonts.googleapis.com/css?family=Roboto').then(
        () => 'fetched',
        (error: Error) => error.name,
      ),
    );
    expect(outcome).toBe('TypeError');
    const violations = await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
    expect(violations).toEqual([expect.stringMatching(/^connect-src https:\/\/fonts\.googleapis\.com/)]);
    expect(outside, 'the policy stops it before the network').toEqual([]);
  });
});
