// Excel exports (.xlsx), streamed: each page of the roster read from the graph is written to
// the response before the next is asked for, so a county's list never sits in memory. The
// export reads through the gateway's own /graphql with the caller's bearer token, so the
// gateway checks it and every subgraph scopes, masks and audits the read as the caller's
// (operation "DashboardExport").
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatDate, today } from '@lip/shared/calendar';
import { validateRegionPrefix } from '@lip/shared/regions';
import ExcelJS from 'exceljs';
import type { DashboardExportQuery, LowIncomeCategory } from './gql/graphql.ts';
import { COLUMNS, type Column, LIST_NAMES, type ListName, type ReviewRow, rowsOf, SHEET_NAMES } from './lists.ts';
import { ExportRosterPage } from './operations.ts';

const PAGE = 200;

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
  return { list, regionPrefix, category, department: search.get('department') || undefined };
}

type Page = DashboardExportQuery['persons'];

async function readPage(graphqlUrl: string, authorization: string, request: ExportRequest, after: string | null): Promise<Page> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({
      query: ExportRosterPage.toString(),
      operationName: 'DashboardExport',
      variables: { regionPrefix: request.regionPrefix, category: request.category ?? null, first: PAGE, after },
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: DashboardExportQuery; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length || !body.data) {
    const code = body.errors?.[0]?.extensions?.code;
    const status = response.status === 401 || code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : 502;
    throw new ExportError(status, body.errors?.map((e) => e.message).join('; ') ?? `the graph answered ${response.status}`);
  }
  return body.data.persons;
}

/** GET /dashboard/export?list=roster|gaps|reviews&regionPrefix=…[&category=…][&department=…] with Authorization. */
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
    const graphqlUrl = `http://${host}:${request.socket.localPort}/graphql`;
    const day = formatDate(today());
    let page: Page;
    try {
      page = await readPage(graphqlUrl, authorization, parsed, null);
    } catch (error) {
      if (error instanceof ExportError) return fail(error.status, error.message);
      throw error;
    }
    const file = `${parsed.list}-${parsed.regionPrefix}-${day}.xlsx`;
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
    const write = (rows: unknown[]) => {
      for (const row of rows) sheet.addRow(columns.map((c) => c.value(row))).commit();
    };
    // Reviews are sorted by due date over the whole list; the others keep the graph's order.
    const held: ReviewRow[] = [];
    try {
      for (;;) {
        const rows = rowsOf(
          parsed.list,
          page.edges.map((e) => e.node),
          { today: day, department: parsed.department },
        );
        if (parsed.list === 'reviews') held.push(...(rows as ReviewRow[]));
        else write(rows);
        if (!page.pageInfo.hasNextPage) break;
        page = await readPage(graphqlUrl, authorization, parsed, page.pageInfo.endCursor ?? null);
      }
      write(held.sort((a, b) => a.daysLeft - b.daysLeft || a.idNumber.localeCompare(b.idNumber)));
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      // Headers are gone: cut the download short rather than hand over a partial list as whole.
      response.destroy(error as Error);
    }
  };
}
