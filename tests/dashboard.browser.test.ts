// The dashboard through the real gateway, on the shared seeded stack: the page and its policy, the
// development sign-in it shares with the explorer, the monthly category snapshot and trend
// (through the gateway and straight against civil affairs), monitoring's alert statistics (through
// the gateway and straight against monitoring), the Excel exports (read with the caller's identity
// and audited by the subgraphs), then every page in Debian's headless Chromium as three roles,
// with the network cut off, screenshots in data/screenshots/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { PersonDocument } from '@lip/dashboard/gql/graphql';
import {
  type AlertNode,
  alertQueueRows,
  type CaseNode,
  COLUMNS,
  type FindingNode,
  gapRows,
  gapSummary,
  type PayrollLineNode,
  type RosterPerson,
  reviewRows,
} from '@lip/dashboard/lists';
import {
  CountyMoney,
  ExportOpenAlerts,
  ExportOpenCases,
  ExportOpenFindings,
  ExportPayrollLines,
  ExportReferralQueue,
  MonitoringOverview,
  RosterPage,
} from '@lip/dashboard/operations';
import { contentSecurityPolicy } from '@lip/dashboard/routes';
import { startGateway } from '@lip/gateway/gateway';
import { type Identity, mintToken } from '@lip/shared/auth';
import { counties } from '@lip/shared/regions';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchChromium } from './chromium.ts';
import { type SharedStack, sharedStack } from './stack.ts';

const admin: Identity = { subject: 'dash-admin', role: 'CITY_ADMIN', region: '4112' };
const analyst: Identity = { subject: 'dash-analyst', role: 'ANALYST', region: '411282' };
let stack: SharedStack;
let township: Identity;

/** categoryCounts rows (per county) summed by category. */
const byCategory = (rows: { category: string; persons: number }[]) => {
  const sums: Record<string, number> = {};
  for (const row of rows) sums[row.category] = (sums[row.category] ?? 0) + row.persons;
  return sums;
};
const currentMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

async function roster(as: Identity, regionPrefix: string): Promise<RosterPerson[]> {
  const persons: RosterPerson[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors }: { data?: any; errors?: unknown } = await stack.query(RosterPage.toString(), { regionPrefix, first: 100, after }, { as });
    expect(errors).toBeUndefined();
    persons.push(...data.persons.edges.map((e: { node: RosterPerson }) => e.node));
    if (!data.persons.pageInfo.hasNextPage) return persons;
    after = data.persons.pageInfo.endCursor;
  }
}

/** A person holding a category in a region, as the city administrator reads them (full ID number and name). */
async function someoneIn(regionPrefix: string): Promise<{ idNumber: string; name: string; regionCode: string }> {
  const { data } = await stack.query(
    'query($p: String) { persons(filter: { regionPrefix: $p, holdingStatus: ACTIVE }, first: 1) { edges { node { idNumber name regionCode } } } }',
    { p: regionPrefix },
    { as: admin },
  );
  return data.persons.edges[0].node;
}

/** Every page of a connection read through the gateway as `as`. */
async function allNodes<Node>(query: string, variables: Record<string, unknown>, pick: (data: any) => any, as: Identity): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors } = await stack.query(query, { first: 100, ...variables, after }, { as });
    expect(errors).toBeUndefined();
    const page = pick(data);
    if (!page) return nodes;
    nodes.push(...page.edges.map((e: { node: Node }) => e.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

/** The payroll lines of a month, county by county, in smaller pages than the export reads them. */
async function payrollLines(as: Identity, month: string, regionPrefix = as.region): Promise<PayrollLineNode[]> {
  const lines: PayrollLineNode[] = [];
  for (const { code: countyCode } of counties().filter((c) => c.code.startsWith(regionPrefix) || regionPrefix.startsWith(c.code))) {
    lines.push(...(await allNodes<PayrollLineNode>(ExportPayrollLines.toString(), { countyCode, month }, (d) => d.countyPayroll?.lines, as)));
  }
  return lines.filter((line) => line.regionCode.startsWith(regionPrefix));
}

async function download(as: Identity, query: string) {
  const response = await fetch(new URL(`/dashboard/export?${query}`, stack.gateway.url), { headers: { authorization: `Bearer ${await mintToken(as)}` } });
  return response;
}

/** A row's cells (ExcelJS leaves empty cells out). */
const cellsOf = (values: unknown[], width: number) => Array.from({ length: width }, (_, i) => (values[i + 1] ?? '') as string | number);

async function sheetRows(response: Response): Promise<(string | number)[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  const sheet = workbook.worksheets[0]!;
  const rows: (string | number)[][] = [];
  sheet.eachRow((row) => rows.push(cellsOf(row.values as unknown[], sheet.columnCount)));
  return rows;
}

beforeAll(async () => {
  stack = await sharedStack();
  // A township of 卢氏县 with persons who hold no category: the browser tests grant two of them a review due.
  const { data } = await stack.query(
    '{ persons(filter: { regionPrefix: "411224" }, first: 100) { edges { node { regionCode activeCategories } } } }',
    {},
    { as: admin },
  );
  const withoutCategory = new Map<string, number>();
  for (const { node } of data.persons.edges as { node: { regionCode: string; activeCategories: string[] } }[]) {
    const code = node.regionCode.slice(0, 9);
    withoutCategory.set(code, (withoutCategory.get(code) ?? 0) + (node.activeCategories.length ? 0 : 1));
  }
  const [region] = [...withoutCategory].sort((a, b) => b[1] - a[1])[0]!;
  township = { subject: 'dash-township', role: 'TOWNSHIP_WORKER', region };
});

describe('the dashboard page', () => {
  it('is served at /dashboard with a policy that keeps it to this server, and its files from the workspace', async () => {
    const response = await fetch(new URL('/dashboard', stack.gateway.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    const html = await response.text();
    const references = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    expect(references.sort()).toEqual(['dashboard/app.css', 'dashboard/app.js', 'data:,']);
    const config = JSON.parse(/<script id="lip-dashboard-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!);
    expect(config.devSignIn.tokenPath).toBe('explorer/dev-token');
    expect(config.devSignIn.roles).toContain('TOWNSHIP_WORKER');
    for (const asset of ['app.js', 'app.css', 'sanmenxia.json']) {
      const file = await fetch(new URL(`/dashboard/${asset}`, stack.gateway.url));
      expect(file.status, asset).toBe(200);
      const text = await file.text();
      expect(text, `${asset} refers to no other host`).not.toMatch(
        /https?:\/\/(?!www\.w3\.org|github\.com\/apache|echarts\.apache\.org|ecomfe)[a-z0-9.-]+\.(com|cn|org|io|net)\/[\w/-]*\.(js|css|woff2?|json)/,
      );
    }
    const geo = await (await fetch(new URL('/dashboard/sanmenxia.json', stack.gateway.url))).json();
    expect(geo.features.map((f: { properties: { name: string } }) => f.properties.name).sort()).toEqual(
      ['义马市', '卢氏县', '渑池县', '湖滨区', '灵宝市', '陕州区'].sort(),
    );
  });

  it('signs in through the development route only while the gateway runs on the development secret', async () => {
    const path = `/explorer/dev-token?role=TOWNSHIP_WORKER&region=${township.region}`;
    const ok = await fetch(new URL(path, stack.gateway.url), { headers: { 'x-lip-dev-sign-in': '1' } });
    expect(ok.status).toBe(200);
    const { token, identity } = await ok.json();
    expect(identity).toMatchObject({ role: 'TOWNSHIP_WORKER', region: township.region });
    const answer = await fetch(new URL('/graphql', stack.gateway.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ categoryCounts { countyCode } }' }),
    });
    const counts = (await answer.json()).data.categoryCounts as { countyCode: string }[];
    expect(new Set(counts.map((c) => c.countyCode))).toEqual(new Set([township.region.slice(0, 6)]));

    const saved = process.env.AUTH_JWT_SECRET;
    process.env.AUTH_JWT_SECRET = 'a-real-secret-of-this-city-at-least-32-characters';
    const production = await startGateway({ subgraphUrls: Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, s.url])) });
    if (saved === undefined) delete process.env.AUTH_JWT_SECRET;
    else process.env.AUTH_JWT_SECRET = saved;
    try {
      const refused = await fetch(new URL(path, production.url), { headers: { 'x-lip-dev-sign-in': '1' } });
      expect(refused.status).toBe(403);
      const html = await (await fetch(new URL('/dashboard', production.url))).text();
      expect(html).toContain('"devSignIn":null');
    } finally {
      await production.close();
    }
  });
});

describe('monthly snapshots and the trend', () => {
  const TREND = 'query($p: String) { categoryTrend(regionPrefix: $p, months: 12) { month category persons source } }';
  const COUNTS = 'query($p: String) { categoryCounts(regionPrefix: $p) { category persons } }';

  it('reconstructs months never snapshotted; a snapshot freezes the month; the current month matches categoryCounts', async () => {
    const before = await stack.query(TREND, {}, { as: admin });
    expect(before.errors).toBeUndefined();
    const months = [...new Set(before.data.categoryTrend.map((r: { month: string }) => r.month))];
    expect(months).toHaveLength(12);
    expect(months.at(-1)).toBe(currentMonth());
    expect(before.data.categoryTrend.filter((r: { month: string }) => r.month === currentMonth()).every((r: { source: string }) => r.source === 'LIVE')).toBe(
      true,
    );

    const taken = await stack.query('mutation { takeCategorySnapshot { month persons retaken } }', {}, { as: admin });
    expect(taken.errors).toBeUndefined();
    expect(taken.data.takeCategorySnapshot).toMatchObject({ month: currentMonth(), retaken: false });
    const counts = (await stack.query(COUNTS, {}, { as: admin })).data.categoryCounts as { category: string; persons: number }[];
    // categoryCounts counts distinct persons per county; the snapshot per township: equal unless someone moved.
    expect(taken.data.takeCategorySnapshot.persons).toBe(counts.reduce((s, c) => s + c.persons, 0));

    const after = (await stack.query(TREND, {}, { as: admin })).data.categoryTrend as { month: string; category: string; persons: number; source: string }[];
    const now = after.filter((r) => r.month === currentMonth());
    expect(now.every((r) => r.source === 'SNAPSHOT')).toBe(true);
    expect(Object.fromEntries(now.map((r) => [r.category, r.persons]))).toEqual(byCategory(counts));
    expect((await stack.query('mutation { takeCategorySnapshot { retaken } }', {}, { as: admin })).data.takeCategorySnapshot.retaken).toBe(true);

    // A past month is taken once and kept.
    const past = after[0]!.month;
    const first = await stack.query('mutation($m: String) { takeCategorySnapshot(month: $m) { month persons retaken } }', { m: past }, { as: admin });
    const again = await stack.query('mutation($m: String) { takeCategorySnapshot(month: $m) { month persons retaken } }', { m: past }, { as: admin });
    expect(again.data.takeCategorySnapshot).toEqual({ ...first.data.takeCategorySnapshot, retaken: false });
  });

  it('refuses bad months and callers below the city, writing nothing', async () => {
    for (const month of ['2026-13', '26-01', '2999-01']) {
      const result = await stack.query('mutation($m: String) { takeCategorySnapshot(month: $m) { month } }', { m: month }, { as: admin });
      expect(result.errors?.[0]?.extensions?.code, month).toBe('INVALID_INPUT');
    }
    const county: Identity = { subject: 'dash-county', role: 'COUNTY_OFFICER', region: '411224' };
    expect((await stack.query('mutation { takeCategorySnapshot { month } }', {}, { as: county })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.query('{ categoryTrend(months: 0) { month } }', {}, { as: admin })).errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect((await stack.query('{ categoryTrend(regionPrefix: "9999") { month } }', {}, { as: admin })).errors?.[0]?.extensions?.code).toBe(
      'INVALID_REGION_CODE',
    );
  });

  it('keeps each caller to their region, through the gateway and straight against civil affairs', async () => {
    const url = stack.subgraphs['civil-affairs']!.url;
    for (const options of [{}, { url }]) {
      const own = await stack.query(TREND, {}, { as: township, ...options });
      const ownCounts = (await stack.query(COUNTS, {}, { as: township })).data.categoryCounts as { category: string; persons: number }[];
      const now = (own.data.categoryTrend as { month: string; category: string; persons: number }[]).filter((r) => r.month === currentMonth());
      expect(Object.fromEntries(now.map((r) => [r.category, r.persons]))).toEqual(byCategory(ownCounts));
      const elsewhere = await stack.query(TREND, { p: '411202' }, { as: township, ...options });
      expect(elsewhere.data.categoryTrend).toEqual([]);
    }
  });
});

describe('alert statistics for the monitoring page', () => {
  const COUNT = 'query($s: [AlertStatus!], $r: String) { alerts(filter: { status: $s, ruleCode: $r }) { totalCount } }';
  const STATUSES = ['OPEN', 'REFERRED', 'IN_PROGRESS', 'RESOLVED', 'DISMISSED'];

  it('count what `alerts` lists for the caller, through the gateway and straight against monitoring', async () => {
    const url = stack.subgraphs.monitoring!.url;
    const raised: Record<string, number> = {};
    for (const as of [admin, township, analyst]) {
      for (const options of [{}, { url }]) {
        const { data, errors } = await stack.query(MonitoringOverview.toString(), {}, { as, ...options });
        expect(errors).toBeUndefined();
        const stats = data.alertStatistics;
        for (const status of STATUSES) {
          const listed = (await stack.query(COUNT, { s: [status] }, { as })).data.alerts.totalCount;
          const counted = stats.byRuleAndStatus.filter((c: any) => c.status === status).reduce((sum: number, c: any) => sum + c.alerts, 0);
          expect(counted, `${as.subject} ${status}`).toBe(listed);
        }
        expect(stats.funnel.raised).toBe(stats.byRuleAndStatus.reduce((sum: number, c: any) => sum + c.alerts, 0));
        expect(stats.funnel.closed).toBe(stats.funnel.resolved + stats.funnel.dismissed);
        raised[as.subject] = stats.funnel.raised;
      }
      // Overdue referrals only of offices in the caller's region.
      const { data } = await stack.query(MonitoringOverview.toString(), {}, { as });
      for (const row of data.overdueReferralsByCounty) expect(row.countyCode.startsWith(as.region.slice(0, 6)) || as.region === '4112').toBe(true);
    }
    expect(raised[admin.subject]).toBeGreaterThan(0);
    expect(raised[township.subject]!).toBeLessThanOrEqual(raised[admin.subject]!);
    // Another county's prefix is narrowed to nothing, a bad one is refused.
    const elsewhere = await stack.query('{ alertStatistics(regionPrefix: "411202") { funnel { raised } } }', {}, { as: analyst });
    expect(elsewhere.data.alertStatistics.funnel.raised).toBe(0);
    const bad = await stack.query('{ alertStatistics(regionPrefix: "12") { funnel { raised } } }', {}, { as: admin });
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_REGION_CODE');
    const auditor: Identity = { subject: 'dash-auditor', role: 'AUDITOR', region: '4112' };
    expect((await stack.query('{ alertStatistics { funnel { raised } } }', {}, { as: auditor })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the latest payroll of a county, for the money page', () => {
  const LATEST = 'query($c: String!) { latestCountyPayroll(countyCode: $c) { id countyCode month } }';

  it('is the payroll of the county’s latest month, and nothing outside the caller’s region', async () => {
    const sql = stack.subgraphs.payments!.db.sql;
    for (const { code } of counties()) {
      const [latest] = await sql.query<{ id: string; month: string }>(
        `SELECT "id", to_char("month", 'YYYY-MM') AS "month" FROM "Payroll" WHERE "countyCode" = $1 ORDER BY "month" DESC LIMIT 1`,
        [code],
      );
      const { data, errors } = await stack.query(LATEST, { c: code }, { as: admin });
      expect(errors).toBeUndefined();
      expect(data.latestCountyPayroll, code).toEqual(latest ? { ...latest, countyCode: code } : null);
    }
    expect((await stack.query(LATEST, { c: '411202' }, { as: analyst })).data.latestCountyPayroll).toBeNull();
    expect((await stack.query(LATEST, { c: '411282001' }, { as: admin })).errors?.[0]?.extensions?.code).toBe('INVALID_REGION_CODE');
  });
});

describe('Excel exports', () => {
  it('streams the roster the caller may read, with Chinese headers, and the subgraphs audit it as the caller', async () => {
    const response = await download(township, `list=roster&regionPrefix=${township.region}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const rows = await sheetRows(response);
    expect(rows[0]).toEqual(COLUMNS.roster.map((c) => c.header));
    const expected = await roster(township, township.region);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.slice(1)).toEqual(expected.map((p) => COLUMNS.roster.map((c) => c.value(p))));

    const audit = await stack.query(
      'query($s: String) { civilAffairsAuditLog(filter: { subject: $s, operation: "DashboardExport" }, first: 50) { totalCount entries { operation subject role persons } } }',
      { s: township.subject },
      { as: admin },
    );
    expect(audit.errors).toBeUndefined();
    expect(audit.data.civilAffairsAuditLog.totalCount).toBeGreaterThan(0);
    const audited = new Set(audit.data.civilAffairsAuditLog.entries.flatMap((e: { persons: string[] }) => e.persons));
    for (const person of expected) expect(audited.has(person.idNumber), person.idNumber).toBe(true);
  });

  it('exports coverage gaps as the page computes them, and masks what a masked role reads', async () => {
    // 湖滨区: the seeded county with gaps before the browser tests add any.
    const gaps = await sheetRows(await download(admin, 'list=gaps&regionPrefix=411202'));
    const expected = gapRows(await roster(admin, '411202'));
    expect(expected.length).toBeGreaterThan(0);
    expect(gaps.slice(1)).toEqual(expected.map((r) => COLUMNS.gaps.map((c) => c.value(r))));

    const masked = await sheetRows(await download(analyst, `list=roster&regionPrefix=${analyst.region}`));
    expect(masked.length).toBeGreaterThan(1);
    for (const row of masked.slice(1)) {
      expect(String(row[0])).toContain('*');
      expect(String(row[1])).toContain('*');
    }
  }, 300_000);

  it('exports payroll lines, referrals and alerts as the graph lists them for the caller', async () => {
    // 湖滨区: a county with fewer lines than a page of the export.
    const payroll = await sheetRows(await download(admin, 'list=payroll&month=2024-11&regionPrefix=411202'));
    const lines = await payrollLines(admin, '2024-11', '411202');
    expect(lines.length).toBeGreaterThan(0);
    expect(payroll[0]).toEqual(COLUMNS.payroll.map((c) => c.header));
    expect(payroll.slice(1)).toEqual(lines.map((line) => COLUMNS.payroll.map((c) => c.value(line))));
    expect((await download(admin, 'list=payroll&month=2024-13')).status).toBe(400);
    // 灵宝市: more lines than a page, all of them in the download.
    const lingbao = await sheetRows(await download(admin, 'list=payroll&month=2024-11&regionPrefix=411282'));
    const { data: money } = await stack.query(`{ countyPayroll(countyCode: "411282", month: "2024-11") { totals { lineCount } } }`, {}, { as: admin });
    expect(money.countyPayroll.totals.lineCount).toBeGreaterThan(500);
    expect(lingbao.length - 1).toBe(money.countyPayroll.totals.lineCount);
    expect(lingbao.slice(1)).toEqual((await payrollLines(admin, '2024-11', '411282')).map((line) => COLUMNS.payroll.map((c) => c.value(line))));

    const referrals = await sheetRows(await download(township, `list=referrals&regionPrefix=${township.region}`));
    const queue = await allNodes<any>(ExportReferralQueue.toString(), {}, (d) => d.referralQueue, township);
    expect(referrals.slice(1)).toEqual(queue.map((r) => COLUMNS.referrals.map((c) => c.value(r))));

    const alerts = await sheetRows(await download(admin, 'list=alerts&regionPrefix=4112'));
    const open = await allNodes<AlertNode>(ExportOpenAlerts.toString(), { regionPrefix: '4112' }, (d) => d.alerts, admin);
    expect(open.length).toBeGreaterThan(0);
    expect(alerts.slice(1)).toEqual(alertQueueRows(open).map((r) => COLUMNS.alerts.map((c) => c.value(r))));
  }, 300_000);

  it('refuses a missing token, a bad list and a region outside the city with a clear error', async () => {
    expect((await fetch(new URL('/dashboard/export?list=roster', stack.gateway.url))).status).toBe(401);
    const bad = await download(admin, 'list=everything');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/list must be one of/);
    expect((await download(admin, 'list=roster&regionPrefix=1101')).status).toBe(400);
    // Supervision findings are for auditors and the city administrator: a refusal, not a file.
    expect((await download(township, 'list=findings')).status).toBe(403);
    // A region outside the caller's: the graph filters the list, so the file is empty, never someone else's.
    const outside = await sheetRows(await download(township, 'list=roster&regionPrefix=411202'));
    expect(outside).toHaveLength(1);
  });
});

// ------------------------------------------------------------------------------------------
// In the browser.

if (!hasChromium) console.warn(`dashboard browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium fonts-wqy-microhei)`);
const SHOTS = new URL('../data/screenshots/', import.meta.url);
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const chinaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const numberOf = (text: string | null | undefined) => Number((text ?? '').replace(/[,\s]/g, ''));

describe.skipIf(!hasChromium)(`the dashboard in Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
  const outside: string[] = [];
  const pageErrors: string[] = [];
  const failed: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
    // Reviews due in the township: two persons without a category get one, due soon and overdue.
    const { data } = await stack.query(
      'query($p: String) { persons(filter: { regionPrefix: $p }, first: 100) { edges { node { idNumber activeCategories } } } }',
      { p: township.region },
      { as: admin },
    );
    const free = data.persons.edges
      .map((e: { node: { idNumber: string; activeCategories: string[] } }) => e.node)
      .filter((p: { activeCategories: string[] }) => !p.activeCategories.length);
    for (const [index, person] of free.slice(0, 2).entries()) {
      const granted = await stack.query(
        'mutation($input: GrantCategoryInput!) { grantCategory(input: $input) { id } }',
        {
          input: {
            idNumber: person.idNumber,
            category: 'OTHER_HARDSHIP',
            validFrom: chinaDay(-300),
            recognizedBy: '卢氏县人民政府',
            reason: '测试：复核到期',
            nextReviewOn: chinaDay(index === 0 ? -3 : 10),
          },
        },
        { as: admin },
      );
      expect(granted.errors).toBeUndefined();
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    expect(outside, 'requests that left this machine').toEqual([]);
    expect(pageErrors, 'errors in the page').toEqual([]);
    expect(failed, 'failed requests').toEqual([]);
  });

  async function signIn(identity: Identity, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', serviceWorkers: 'block', acceptDownloads: true });
    // The network is cut off: anything not addressed to this machine is recorded and refused.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (LOCAL_HOSTS.has(url.hostname)) return route.continue();
      outside.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    context.on('weberror', (error) => pageErrors.push(error.error().stack ?? error.error().message));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const page = await context.newPage();
    page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
    await page.goto(new URL('/dashboard', stack.gateway.url).href);
    await page.locator('select[name=role]').selectOption(identity.role);
    await page.locator('select[name=region]').selectOption(identity.region);
    if (identity.department) await page.locator('select[name=department]').selectOption(identity.department);
    await page.getByTestId('dev-sign-in').click();
    await page.getByTestId('who').waitFor({ timeout: 30_000 });
    return page;
  }

  async function open(page: Page, path: string, ready: string) {
    await page.evaluate((hash) => (location.hash = hash), `#/${path}`);
    await page.getByTestId(ready).first().waitFor({ timeout: 120_000 });
  }

  /** A screenshot of the page as it is; first, the page is usable at this size: its body never scrolls sideways (wide tables scroll in their own box). */
  async function shot(page: Page, name: string) {
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth, `${name}: the page is wider than the window`).toBeLessThanOrEqual(clientWidth);
    await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
  }

  /** Every region a picker offers is within the caller's. */
  async function expectPickerInRegion(page: Page, testId: string, as: Identity) {
    const options = await page.locator(`[data-testid=${testId}] option`).evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) expect(option.startsWith(as.region), `${testId} offers ${option}`).toBe(true);
  }

  /** Person 360 shows what the graph answers the caller about the person (masked for a masked role). */
  async function checkPerson(page: Page, as: Identity, idNumber: string) {
    await open(page, `person/${idNumber}`, 'person-page');
    return expectPerson(page, as, idNumber);
  }

  async function expectPerson(page: Page, as: Identity, idNumber: string) {
    const { data, errors } = await stack.query(PersonDocument.toString(), { idNumber }, { as });
    expect(errors).toBeUndefined();
    const person = data.person;
    expect(await page.locator('h1').first().textContent()).toContain(person.name);
    const text = (await page.getByTestId('person-page').textContent())!;
    expect(text).toContain(person.idNumber);
    expect(Number(await page.getByTestId('holdings').getAttribute('data-rows'))).toBe(person.holdings.length);
    if (person.household) {
      expect(Number(await page.getByTestId('household-members').getAttribute('data-rows'))).toBe(person.household.members.length);
    } else expect(await page.getByTestId('household-members').count()).toBe(0);
    // Entitlements the departments decide: one row a program, in every department's section.
    const programs = ['educationEntitlements', 'housingEntitlements', 'healthInsuranceEntitlements', 'unionEntitlements'].reduce(
      (sum, field) => sum + (person[field]?.length ?? 0),
      0,
    );
    const shown = await page.locator('[data-testid=entitlements]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.rows)));
    expect(shown.reduce((a, b) => a + b, 0)).toBe(programs);
    return person;
  }

  async function expectNoViolations(page: Page) {
    expect(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual([]);
    expect(await page.getByTestId('page-error').count()).toBe(0);
  }

  /** Clicks an export button and reads the workbook the browser downloads. */
  async function exportedRows(page: Page, testId: string, width: number): Promise<unknown[][]> {
    const download = page.waitForEvent('download', { timeout: 180_000 });
    await page.getByTestId(testId).first().click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await (await download).path());
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push(cellsOf(row.values as unknown[], width)));
    return rows;
  }

  /** The overview's numbers equal the graph's answers for the same identity. */
  async function checkOverview(page: Page, as: Identity) {
    await open(page, 'overview', 'counts-table');
    const counts = (await stack.query('{ categoryCounts { countyCode category persons } }', {}, { as })).data.categoryCounts as {
      countyCode: string;
      category: string;
      persons: number;
    }[];
    const cells = await page
      .locator('[data-testid=counts-table] span[data-category]')
      .evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.county, (e as HTMLElement).dataset.category, e.textContent]));
    const shown = new Map(cells.filter(([, c]) => c !== 'TOTAL').map(([county, category, text]) => [`${county}/${category}`, numberOf(text)]));
    expect([...shown.entries()].filter(([, n]) => n > 0).sort()).toEqual(counts.map((c) => [`${c.countyCode}/${c.category}`, c.persons]).sort());
    expect(numberOf(await page.getByTestId('grand-total').textContent())).toBe(counts.reduce((s, c) => s + c.persons, 0));
    // Counties outside the caller's region never appear.
    for (const [county] of cells) expect(county!.startsWith(as.region.slice(0, 6)) || as.region.length === 4, county).toBe(true);
    const trend = (await stack.query('{ categoryTrend(months: 12) { month category persons } }', {}, { as })).data.categoryTrend as {
      month: string;
      category: string;
      persons: number;
    }[];
    const trendCells = await page
      .locator('[data-testid=trend-table] span[data-month]')
      .evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.month, (e as HTMLElement).dataset.category, e.textContent]));
    expect(
      trendCells
        .filter(([, , t]) => numberOf(t) > 0)
        .map(([m, c, t]) => [`${m}/${c}`, numberOf(t)])
        .sort(),
    ).toEqual(trend.map((t) => [`${t.month}/${t.category}`, t.persons]).sort());
    await page.locator('[data-testid=county-map] canvas').waitFor({ timeout: 30_000 });
    await page.getByTestId('gaps-summary').waitFor({ timeout: 180_000 });
    await expectPickerInRegion(page, 'gaps-region', as);
    const region = await page.getByTestId('gaps-region').inputValue();
    const summary = await page
      .locator('[data-testid=gaps-summary] span[data-program]')
      .evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.department, (e as HTMLElement).dataset.program, e.textContent]));
    const expected = gapSummary(gapRows(await roster(as, region)));
    expect(summary.map(([d, p, n]) => [d, p, numberOf(n)])).toEqual(expected.map((r) => [r.department, r.program, r.persons]));
  }

  /** The monitoring page's numbers equal alertStatistics and overdueReferralsByCounty for the same identity. */
  async function checkMonitoring(page: Page, as: Identity) {
    await open(page, 'monitoring', 'funnel-raised');
    const { data } = await stack.query(MonitoringOverview.toString(), {}, { as });
    const stats = data.alertStatistics;
    for (const key of ['raised', 'referred', 'accepted', 'resolved', 'dismissed']) {
      expect(numberOf(await page.getByTestId(`funnel-${key}`).textContent()), key).toBe(stats.funnel[key]);
    }
    const cells = await page
      .locator('[data-testid=alerts-by-rule] span[data-status]')
      .evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.rule, (e as HTMLElement).dataset.status, e.textContent]));
    expect(
      cells
        .filter(([, , n]) => numberOf(n) > 0)
        .map(([r, st, n]) => [`${r}/${st}`, numberOf(n)])
        .sort(),
    ).toEqual(stats.byRuleAndStatus.map((c: any) => [`${c.ruleCode}/${c.status}`, c.alerts]).sort());
    const overdue = await page
      .locator('[data-testid=overdue-by-office] span[data-office]')
      .evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.county, (e as HTMLElement).dataset.office, e.textContent]));
    expect(overdue.map(([c, o, n]) => [c, o, numberOf(n)])).toEqual(data.overdueReferralsByCounty.map((r: any) => [r.countyCode, r.office, r.overdue]));
    for (const [county] of overdue) expect(county!.startsWith(as.region.slice(0, 6)), county).toBe(true);
    const closed = await page
      .locator('[data-testid=close-times] span[data-closed]')
      .evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.rule, Number((e as HTMLElement).dataset.closed)]));
    expect(closed).toEqual(stats.closeTimes.map((r: any) => [r.ruleCode, r.closed]));
    await page.locator('[data-testid=alerts-chart] canvas').waitFor({ timeout: 30_000 });
  }

  /** The money page's numbers equal countyPayroll and latePayments for the month it shows. */
  async function checkMoney(page: Page, as: Identity, path = 'money') {
    await open(page, path, 'money-month');
    await page.locator('[data-testid=payroll-by-county]').waitFor({ timeout: 60_000 });
    const month = await page.getByTestId('money-month').inputValue();
    const inScope = counties().filter((c) => c.code.startsWith(as.region) || as.region.startsWith(c.code));
    if (path === 'money') {
      // Unless one is picked, the latest month with a payroll in any county of the caller's.
      const latest: string[] = [];
      for (const county of inScope) {
        const { data } = await stack.query('query($c: String!) { latestCountyPayroll(countyCode: $c) { month } }', { c: county.code }, { as });
        latest.push(data.latestCountyPayroll?.month ?? '');
      }
      expect(month).toBe(latest.sort().at(-1) || currentMonth());
    }
    const shown = await page
      .locator('[data-testid=payroll-by-county] span[data-county]')
      .evaluateAll((els) =>
        els.map((e) => [(e as HTMLElement).dataset.county, Object.keys((e as HTMLElement).dataset).find((k) => k !== 'county'), e.textContent]),
      );
    const expected: [string, string, number][] = [];
    for (const county of inScope) {
      const { data, errors } = await stack.query(CountyMoney.toString(), { countyCode: county.code, month }, { as });
      expect(errors).toBeUndefined();
      const totals = data.countyPayroll?.totals;
      const settledLate = data.late.lateLineCount - data.outstanding.lateLineCount;
      expected.push([county.code, 'lines', totals?.lineCount ?? 0], [county.code, 'onTime', totals ? totals.paidCount - settledLate : 0]);
      expected.push([county.code, 'outstanding', data.outstanding.lateLineCount]);
    }
    expect(shown.filter(([, k]) => k !== 'amount').map(([c, k, n]) => [c, k, numberOf(n)])).toEqual(
      expected.sort((a, b) => a[0].localeCompare(b[0]) || ['lines', 'onTime', 'outstanding'].indexOf(a[1]) - ['lines', 'onTime', 'outstanding'].indexOf(b[1])),
    );
    for (const [county] of shown)
      expect(
        inScope.some((c) => c.code === county),
        county,
      ).toBe(true);
    return month;
  }

  /** The queue's referrals and alerts are the graph's, due soon first. */
  async function checkQueueAlerts(page: Page, as: Identity) {
    await page.locator('[data-testid=queue-referrals]').waitFor({ timeout: 120_000 });
    const referrals = await allNodes<any>(ExportReferralQueue.toString(), {}, (d) => d.referralQueue, as);
    const keys = await page.locator('[data-testid=queue-referrals] tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key));
    expect(keys).toEqual(referrals.map((r) => r.id));
    const region = await page.getByTestId('queue-region').inputValue();
    const alerts = alertQueueRows(await allNodes<AlertNode>(ExportOpenAlerts.toString(), { regionPrefix: region }, (d) => d.alerts, as));
    const alertKeys = await page.locator('[data-testid=queue-alerts] tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key));
    expect(alertKeys).toEqual(alerts.map((r) => r.alert.id));
    return { referrals, alerts };
  }

  /** The queue's recognition cases are the graph's for the township picked (or the page's own), soonest due first. */
  async function checkQueueCases(page: Page, as: Identity, township?: string) {
    if (township) await page.getByTestId('queue-region').selectOption(township);
    const region = await page.getByTestId('queue-region').inputValue();
    const { data } = await stack.query('query($r: String) { recognitionCases(filter: { regionCode: $r }, limit: 500) { id } }', { r: region }, { as });
    const expected = data.recognitionCases.map((c: { id: string }) => c.id);
    const shown = () => page.locator('[data-testid=queue-cases] tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key));
    await expect.poll(shown, { timeout: 120_000 }).toEqual(expected);
    return expected.length;
  }

  it('city administrator: every page, numbers as the graph answers, the roster export', async () => {
    const page = await signIn(admin);
    await checkOverview(page, admin);
    await shot(page, 'admin-overview');

    const rows = await exportedRows(page, 'export-roster', COLUMNS.roster.length);
    const expected = await roster(admin, '4112');
    expect(rows[0]).toEqual(COLUMNS.roster.map((c) => c.header));
    expect(rows.slice(1)).toEqual(expected.map((p) => COLUMNS.roster.map((c) => c.value(p))));

    await checkMonitoring(page, admin);
    await shot(page, 'admin-monitoring');
    // It opens on the latest month with a payroll: the demo's draft (2024-12), or a later one another file generated.
    expect((await checkMoney(page, admin)) >= '2024-12').toBe(true);
    expect(numberOf(await page.getByTestId('payroll-counties').textContent())).toBeGreaterThan(0);
    await shot(page, 'admin-money');
    expect(await checkMoney(page, admin, 'money/2024-11')).toBe('2024-11');
    const findings = (await stack.query('{ supervisionFindings(filter: { open: true }) { totalCount } }', {}, { as: admin })).data.supervisionFindings
      .totalCount;
    expect(numberOf(await page.getByTestId('findings-total').textContent())).toBe(findings);
    const findingRows = await exportedRows(page, 'export-findings', COLUMNS.findings.length);
    expect(findingRows[0]).toEqual(COLUMNS.findings.map((c) => c.header));
    const openFindings = await allNodes<FindingNode>(ExportOpenFindings.toString(), {}, (d) => d.supervisionFindings, admin);
    expect(findingRows.slice(1)).toEqual(openFindings.map((f) => COLUMNS.findings.map((c) => c.value(f))));
    expect(findingRows.length - 1).toBe(findings);
    await shot(page, 'admin-money-2024-11');
    await open(page, 'queues', 'queue-reviews');
    await checkQueueAlerts(page, admin);
    const { data: cases } = await stack.query('{ recognitionCases(limit: 1) { regionCode } }', {}, { as: admin });
    const caseTownship = cases.recognitionCases[0].regionCode.slice(0, 9);
    expect(await checkQueueCases(page, admin, caseTownship)).toBeGreaterThan(0);
    await shot(page, 'admin-queues');

    // The cases export: the graph's rows, read and audited as the administrator's.
    const caseRows = await exportedRows(page, 'export-cases', COLUMNS.cases.length);
    const listed: CaseNode[] = [];
    for (let after: string | null = null; ; ) {
      const page: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: CaseNode }[] } = (
        await stack.query(ExportOpenCases.toString(), { regionCode: caseTownship, first: 2, after }, { as: admin })
      ).data.recognitionCasePage;
      listed.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(caseRows[0]).toEqual(COLUMNS.cases.map((c) => c.header));
    expect(caseRows.slice(1)).toEqual(listed.map((c) => COLUMNS.cases.map((column) => column.value(c))));
    const heads = listed.flatMap((c) => (c.household.head ? [c.household.head] : []));
    expect(heads.length).toBeGreaterThan(0);
    const audit = await stack.query(
      'query($s: String) { civilAffairsAuditLog(filter: { subject: $s, operation: "DashboardExportCases" }, first: 50) { entries { persons } } }',
      { s: admin.subject },
      { as: admin },
    );
    const audited = new Set(audit.data.civilAffairsAuditLog.entries.flatMap((e: { persons: string[] }) => e.persons));
    for (const head of heads) expect(audited.has(head.idNumber), head.idNumber).toBe(true);

    // A click from a case to its head of household's record (the export is in the graph's fixed order, the page by due date).
    const link = page.locator('[data-testid=queue-cases] a.person-link').first();
    const head = decodeURIComponent((await link.getAttribute('href'))!.replace('#/person/', ''));
    expect(heads.map((h) => h.idNumber)).toContain(head);
    await link.click();
    await page.getByTestId('person-page').waitFor({ timeout: 60_000 });
    await expectPerson(page, admin, head);
    await shot(page, 'admin-person');
    await expectNoViolations(page);
    await page.context().close();
  }, 900_000);

  it('township worker: only their township, reviews due soonest first, a click to the person, exports', async () => {
    const page = await signIn(township);
    await checkOverview(page, township);
    await shot(page, 'township-overview');

    await open(page, 'queues', 'queue-reviews');
    await page.getByTestId('queue-gaps').waitFor();
    const { referrals, alerts } = await checkQueueAlerts(page, township);
    await checkQueueCases(page, township);
    const persons = await roster(township, township.region);
    const reviews = reviewRows(persons, chinaDay());
    expect(reviews.length).toBeGreaterThanOrEqual(2);
    const keys = await page.locator('[data-testid=queue-reviews] tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key));
    expect(keys).toEqual(reviews.map((r) => `${r.idNumber}/${r.category}`));
    expect(reviews[0]!.daysLeft).toBeLessThan(0);
    const gapKeys = await page.locator('[data-testid=queue-gaps] tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key));
    expect(gapKeys).toEqual(gapRows(persons).map((r) => `${r.idNumber}/${r.program}`));
    // Every ID number on the page belongs to the township's roster.
    const own = new Set([...persons.map((p) => p.idNumber), ...referrals.map((r) => r.personIdNumber), ...alerts.map((r) => r.alert.personIdNumber)]);
    const ids = await page.locator('.id').allTextContents();
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(own.has(id), id).toBe(true);
    await shot(page, 'township-queues');

    const rows = await exportedRows(page, 'export-reviews', COLUMNS.reviews.length);
    expect(rows.slice(1)).toEqual(reviews.map((r) => COLUMNS.reviews.map((c) => c.value(r))));

    await page.locator('[data-testid=queue-reviews] a.person-link').first().click();
    await page.getByTestId('person-page').waitFor({ timeout: 60_000 });
    await expectPerson(page, township, reviews[0]!.idNumber);
    await shot(page, 'township-person');
    // Someone of another county: not found, and nothing of theirs on the page.
    const stranger = await someoneIn('411202');
    await open(page, `person/${stranger.idNumber}`, 'person-missing');
    expect(await page.locator('main').textContent()).not.toContain(stranger.name);
    await shot(page, 'township-person-outside');

    await checkMonitoring(page, township);
    await shot(page, 'township-monitoring');
    await checkMoney(page, township);
    await page.getByTestId('findings-not-allowed').waitFor();
    await shot(page, 'township-money');
    await expectNoViolations(page);
    await page.context().close();

    // On a tablet (portrait): every page, the same numbers, nothing wider than the screen.
    const tablet = await signIn(township, { width: 768, height: 1024 });
    await checkOverview(tablet, township);
    await shot(tablet, 'tablet-township-overview');
    await checkMonitoring(tablet, township);
    await shot(tablet, 'tablet-township-monitoring');
    await checkMoney(tablet, township);
    await shot(tablet, 'tablet-township-money');
    await open(tablet, 'queues', 'queue-reviews');
    await tablet.getByTestId('queue-gaps').waitFor();
    await checkQueueCases(tablet, township);
    await shot(tablet, 'tablet-township-queues');
    await checkPerson(tablet, township, reviews[0]!.idNumber);
    await shot(tablet, 'tablet-township-person');
    await expectNoViolations(tablet);
    await tablet.context().close();
  }, 900_000);

  it('analyst: their county only, and masked identities everywhere', async () => {
    const page = await signIn(analyst);
    await checkOverview(page, analyst);
    await shot(page, 'analyst-overview');
    await open(page, 'queues', 'queue-gaps');
    // A township of the county with persons in the register (as an administrator finds it).
    const known = await someoneIn('411282');
    const region = known.regionCode.slice(0, 9);
    await expectPickerInRegion(page, 'queue-region', analyst);
    await page.getByTestId('queue-region').selectOption(region);
    await page.locator('[data-testid=queue-gaps] tbody tr, p[data-testid=queue-gaps]').first().waitFor({ timeout: 120_000 });
    await page
      .locator('[data-testid=queue-progress]')
      .filter({ hasText: /Read (\d+) of \1 persons/ })
      .waitFor({ timeout: 120_000 });
    const ids = await page.locator('.id').allTextContents();
    const names = await page.locator('.person-masked').allTextContents();
    expect(ids.length).toBeGreaterThan(0);
    expect(names.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/\*/);
    for (const name of names) expect(name).toMatch(/\*/);
    // A masked ID number opens nothing: no links to person pages.
    expect(await page.locator('a.person-link').count()).toBe(0);
    const gapKeys = await page.locator('[data-testid=queue-gaps] tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.key));
    expect(gapKeys).toEqual(gapRows(await roster(analyst, region)).map((r) => `${r.idNumber}/${r.program}`));
    await shot(page, 'analyst-queues');
    // A full ID number the analyst already knows opens a masked record (docs/security.md, known limits).
    const person = await checkPerson(page, analyst, known.idNumber);
    expect(person.name).toMatch(/\*/);
    expect(person.birthDate).toMatch(/^\d{4}-\*\*-\*\*$/);
    const text = await page.getByTestId('person-page').textContent();
    expect(text).not.toContain(known.idNumber);
    expect(text).not.toContain(known.name);
    await shot(page, 'analyst-person');
    const stranger = await someoneIn('411202');
    await open(page, `person/${stranger.idNumber}`, 'person-missing');
    expect(await page.locator('main').textContent()).not.toContain(stranger.name);
    await checkMonitoring(page, analyst);
    await shot(page, 'analyst-monitoring');
    await checkMoney(page, analyst);
    await shot(page, 'analyst-money');
    await expectNoViolations(page);
    await page.context().close();
  }, 900_000);
});
