// Excel exports (.xlsx), streamed: each page of a list read from the graph is written to the
// response before the next is asked for, so a county's roster or payroll never sits in memory.
// The export reads through the gateway's own /graphql with the caller's bearer token, so the
// gateway checks it and every subgraph scopes, masks and audits the read as the caller's
// (operations "DashboardExport…").
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatDate, today } from '@lip/shared/calendar';
import { counties, validateRegionPrefix } from '@lip/shared/regions';
import ExcelJS from 'exceljs';
import type { DashboardExportPayrollQuery, DashboardExportQuery, LowIncomeCategory, TypedDocumentString } from './gql/graphql.ts';
import { type AlertNode, alertQueueRows, COLUMNS, type Column, LIST_NAMES, type ListName, type ReviewRow, rowsOf, SHEET_NAMES } from './lists.ts';
import { ExportOpenAlerts, ExportOpenCases, ExportOpenFindings, ExportPayrollLines, ExportReferralQueue, ExportRosterPage } from './operations.ts';

const PAGE = 200;
/** The graph's page size for monitoring's and supervision's lists. */
const SMALL_PAGE = 100;
/** The most a page of Payroll.lines or recognitionCasePage gives: a county or region with more is read page after page. */
const LINES_PAGE = 500;

class ExportError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ExportRequest {
  list: ListName;
  regionPrefix: string;
  category?: LowIncomeCategory;
  department?: string;
  /** YYYY-MM, for the payroll. */
  month?: string;
}

/** Reads and checks the export's query string; throws ExportError(400) on bad input. */
export function parseExportRequest(search: URLSearchParams): ExportRequest {
  const list = search.get('list') as ListName;
  if (!LIST_NAMES.includes(list)) throw new ExportError(400, `list must be one of ${LIST_NAMES.join(', ')}`);
  const regionPrefix = search.get('regionPrefix') ?? '4112';
  const checked = validateRegionPrefix(regionPrefix);
  if (!checked.ok) throw new ExportError(400, checked.message);
  const category = (search.get('category') || undefined) as LowIncomeCategory | undefined;
  if (category && !/^[A-Z_]{3,40}$/.test(category)) throw new ExportError(400, 'category must be a LowIncomeCategory value');
  const month = search.get('month') || undefined;
  if (list === 'payroll' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month ?? '')) throw new ExportError(400, 'month must be YYYY-MM for the payroll');
  return { list, regionPrefix, category, department: search.get('department') || undefined, month };
}

type Read = <Result, Variables>(document: TypedDocumentString<Result, Variables>, variables: Variables) => Promise<Result>;

/** A reader of the graph as the caller; a refusal or failure becomes an ExportError with a matching status. */
function reader(graphqlUrl: string, authorization: string): Read {
  return async (document, variables) => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: never; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length || !body.data) {
      const code = body.errors?.[0]?.extensions?.code;
      const status = response.status === 401 || code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : 502;
      throw new ExportError(status, body.errors?.map((e) => e.message).join('; ') ?? `the graph answered ${response.status}`);
    }
    return body.data;
  };
}

interface Connection<Node> {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { node: Node }[];
}

/** The nodes of a connection, a batch per page. */
async function* pagesOf<Node>(readPage: (after: string | null) => Promise<Connection<Node>>): AsyncGenerator<Node[]> {
  let after: string | null = null;
  for (;;) {
    const page = await readPage(after);
    yield page.edges.map((e) => e.node);
    if (!page.pageInfo.hasNextPage) return;
    after = page.pageInfo.endCursor ?? null;
  }
}

/**
 * The rows of a list, a batch per page read from the graph. Reviews and alerts are sorted by due
 * date over the whole list, so they come as one batch at the end; the others keep the graph's order.
 */
async function* rowBatches(request: ExportRequest, read: Read, day: string): AsyncGenerator<unknown[]> {
  if (request.list === 'referrals') {
    yield* pagesOf(async (after) => (await read(ExportReferralQueue, { first: SMALL_PAGE, after })).referralQueue);
    return;
  }
  if (request.list === 'findings') {
    // Open supervision findings in the caller's region (the graph refuses roles that may not read them).
    yield* pagesOf(async (after) => (await read(ExportOpenFindings, { first: SMALL_PAGE, after })).supervisionFindings);
    return;
  }
  if (request.list === 'alerts') {
    const alerts: AlertNode[] = [];
    for await (const page of pagesOf(
      async (after) => (await read(ExportOpenAlerts, { regionPrefix: request.regionPrefix, first: SMALL_PAGE, after })).alerts,
    )) {
      alerts.push(...page);
    }
    yield alertQueueRows(alerts);
    return;
  }
  if (request.list === 'cases') {
    yield* pagesOf(async (after) => (await read(ExportOpenCases, { regionCode: request.regionPrefix, first: LINES_PAGE, after })).recognitionCasePage);
    return;
  }
  if (request.list === 'payroll') {
    // A payroll per county: those of the counties the prefix reaches (the graph narrows them to the caller's region).
    const reached = counties().filter((c) => c.code.startsWith(request.regionPrefix) || request.regionPrefix.startsWith(c.code));
    for (const county of reached) {
      let after: string | null = null;
      for (;;) {
        const { countyPayroll }: DashboardExportPayrollQuery = await read(ExportPayrollLines, {
          countyCode: county.code,
          month: request.month!,
          first: LINES_PAGE,
          after,
        });
        if (!countyPayroll) break;
        yield countyPayroll.lines.edges.map((e) => e.node).filter((line) => line.regionCode.startsWith(request.regionPrefix));
        if (!countyPayroll.lines.pageInfo.hasNextPage) break;
        after = countyPayroll.lines.pageInfo.endCursor ?? null;
      }
    }
    return;
  }
  const held: ReviewRow[] = [];
  let after: string | null = null;
  for (;;) {
    const { persons: page }: DashboardExportQuery = await read(ExportRosterPage, {
      regionPrefix: request.regionPrefix,
      category: request.category ?? null,
      first: PAGE,
      after,
    });
    const rows = rowsOf(
      request.list,
      page.edges.map((e) => e.node),
      { today: day, department: request.department },
    );
    if (request.list === 'reviews') held.push(...(rows as ReviewRow[]));
    else yield rows;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor ?? null;
  }
  if (request.list === 'reviews') yield held.sort((a, b) => a.daysLeft - b.daysLeft || a.idNumber.localeCompare(b.idNumber));
}

/** GET /dashboard/export?list=roster|gaps|reviews|alerts|referrals|cases|payroll|findings&regionPrefix=…[&category=…][&department=…][&month=YYYY-MM] with Authorization. */
export function exportRoute() {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const fail = (status: number, message: string) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(JSON.stringify({ error: message }));
    };
    const authorization = request.headers.authorization;
    if (!authorization) return fail(401, 'a bearer token is required (Authorization: Bearer …)');
    let parsed: ExportRequest;
    try {
      parsed = parseExportRequest(new URL(request.url ?? '/', 'http://localhost').searchParams);
    } catch (error) {
      if (error instanceof ExportError) return fail(error.status, error.message);
      throw error;
    }
    // The gateway itself, over loopback: the same checks as any client's request.
    const host = request.socket.localAddress?.includes(':') ? `[${request.socket.localAddress}]` : request.socket.localAddress;
    const read = reader(`http://${host}:${request.socket.localPort}/graphql`, authorization);
    const day = formatDate(today());
    const batches = rowBatches(parsed, read, day);
    // The first page is read before the headers go out, so a refusal is an HTTP status, not a broken file.
    let first: IteratorResult<unknown[]>;
    try {
      first = await batches.next();
    } catch (error) {
      if (error instanceof ExportError) return fail(error.status, error.message);
      throw error;
    }
    const file = `${parsed.list}-${parsed.month ? `${parsed.month}-` : ''}${parsed.regionPrefix}-${day}.xlsx`;
    response.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'no-store',
    });
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: response, useStyles: true });
    const sheet = workbook.addWorksheet(SHEET_NAMES[parsed.list], { views: [{ state: 'frozen', ySplit: 1 }] });
    const columns = COLUMNS[parsed.list] as Column<unknown>[];
    sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    try {
      for (let batch = first; !batch.done; batch = await batches.next()) {
        for (const row of batch.value) sheet.addRow(columns.map((c) => c.value(row))).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      // Headers are gone: cut the download short rather than hand over a partial list as whole.
      response.destroy(error as Error);
    }
  };
}
