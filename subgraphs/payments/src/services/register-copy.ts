// 名册来源副本: payments' copy of the register's basic-living holdings. Civil affairs logs every person
// whose register facts a statement changes (SignalChange); `payrollChangesSince` gives, after a position
// of that log, the persons named and their holdings now. Payments replaces those persons' holdings here,
// so a payroll reads what it pays with SQL and the graph carries only what changed since the last read.
// A sync runs inside each generation and supervision run, under the copy's lock, so nothing is read
// older than the log's head when it began.
import { formatDate, monthEnd } from '@lip/shared/calendar';
import type { SqlRunner } from '@lip/shared/database';
import { DomainError, ErrorCode } from '@lip/shared/errors';
import type { GatewayAnswer, GatewayClient } from '@lip/shared/gateway-client';
import type { SourceHolding } from '../domain/payroll.ts';
import type { SourceReader } from './payroll.ts';

/** The copy's position in civil affairs' change log, a row of RegisterCursor. */
export const COPY_STREAM = 'civil-affairs:payrollChangesSince';
const LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('payments:register-copy', 0))::text AS locked`;

const HOLDING = `holdingId personIdNumber regionCode hukouType householdId deceasedOn category subtype status validFrom validTo monthlyAmount
  careLevel careInstitution grantedBy changedAt`;
// Change-log entries per request: the log's page maximum, within the gateway's cost limit.
const CHANGES = `query PayrollChanges($after: String) {
  payrollChangesSince(after: $after, first: 1000) { cursor hasMore persons holdings { ${HOLDING} } }
}`;
// Holdings per snapshot request: the gateway's cost limit counts a list's page size (payrollSource reads 1,000 too).
const SNAPSHOT = `query PayrollSnapshot($after: String) {
  payrollSnapshot(after: $after, first: 1000) { position endCursor hasNextPage holdings { ${HOLDING} } }
}`;

interface ChangePage {
  cursor: string;
  hasMore: boolean;
  persons: string[];
  holdings: unknown[];
}

interface SnapshotPage {
  position: string;
  endCursor: string | null;
  hasNextPage: boolean;
  holdings: unknown[];
}

const COLUMNS = `"holdingId", "personIdNumber", "countyCode", "regionCode", "hukouType", "householdId", "deceasedOn", category, subtype, status,
  "validFrom", "validTo", "monthlyAmount", "careLevel", "careInstitution", "grantedBy", "changedAt"`;
// A timestamp without time zone ignores the `Z` of the register's ISO time: its UTC wall time, as the register keeps it.
const REPLACE = `INSERT INTO "RegisterHolding" (${COLUMNS})
  SELECT "holdingId", "personIdNumber", left("regionCode", 6), "regionCode", "hukouType", "householdId", "deceasedOn", category::"PaymentCategory",
    subtype, status, "validFrom", "validTo", "monthlyAmount", "careLevel"::"CareLevel", "careInstitution", "grantedBy", "changedAt"
  FROM json_to_recordset($1::json) AS r("holdingId" text, "personIdNumber" text, "regionCode" text, "hukouType" text, "householdId" text,
    "deceasedOn" date, category text, subtype text, status text, "validFrom" date, "validTo" date, "monthlyAmount" numeric, "careLevel" text,
    "careInstitution" text, "grantedBy" text, "changedAt" timestamp)
  ON CONFLICT ("holdingId") DO UPDATE SET ${COLUMNS.split(',')
    .slice(1)
    .map((column) => `${column.trim()} = EXCLUDED.${column.trim()}`)
    .join(', ')}`;

export interface SyncResult {
  /** Pages of the change log read (one request each). */
  requests: number;
  /** Persons whose holdings were replaced. */
  persons: number;
  /** Holdings written. */
  holdings: number;
}

const unavailable = (errors: { message: string }[] | undefined) =>
  new DomainError(ErrorCode.SUBGRAPH_UNAVAILABLE, `the register's changes cannot be read: ${errors?.[0]?.message ?? 'no data'}`, {
    serviceName: 'civil-affairs',
  });

/**
 * A new copy: every basic-living holding of the city as it is now, in pages by holding id, and the change log's
 * position taken before the first page, from which the log is read afterwards (reading the whole log instead
 * would name every person the register ever wrote: its cost would grow with the register's history).
 */
async function copySnapshot(sql: SqlRunner, graph: GatewayClient, result: SyncResult): Promise<string> {
  await sql.query(`DELETE FROM "RegisterHolding"`);
  let position: string | undefined;
  for (let after: string | null = null; ; ) {
    const answer: GatewayAnswer<{ payrollSnapshot: SnapshotPage | null }> = await graph.request(SNAPSHOT, { after });
    const page = answer.data?.payrollSnapshot;
    result.requests++;
    if (!page) throw unavailable(answer.errors);
    position ??= page.position;
    if (page.holdings.length) await sql.query(REPLACE, [JSON.stringify(page.holdings)]);
    result.holdings += page.holdings.length;
    if (!page.hasNextPage) return position;
    after = page.endCursor;
  }
}

/**
 * Brings the copy to the head of civil affairs' change log, on `sql` (a transaction: the lock is held until
 * it ends, so two syncs never apply the same changes out of order). `graph` reads as civil affairs' payment
 * service for the whole city, so a person moving between counties is named and moved here too. A copy that
 * has never synced starts from a snapshot of the register's holdings.
 */
export async function syncRegisterCopy(sql: SqlRunner, graph: GatewayClient): Promise<SyncResult> {
  await sql.query(LOCK);
  const [stored] = await sql.query<{ position: string }>(`SELECT position FROM "RegisterCursor" WHERE stream = $1`, [COPY_STREAM]);
  const result: SyncResult = { requests: 0, persons: 0, holdings: 0 };
  let fresh = !stored;
  let after = stored?.position ?? (await copySnapshot(sql, graph, result));
  for (;;) {
    const answer = await graph.request<{ payrollChangesSince: ChangePage | null }>(CHANGES, { after });
    const page = answer.data?.payrollChangesSince;
    result.requests++;
    if (!page) {
      // A cursor civil affairs no longer opens (its sealing key changed): the copy is made again.
      if (!fresh && answer.errors?.some((error) => error.extensions?.code === 'INVALID_INPUT')) {
        after = await copySnapshot(sql, graph, result);
        fresh = true;
        continue;
      }
      throw unavailable(answer.errors);
    }
    if (page.persons.length) {
      await sql.query(`DELETE FROM "RegisterHolding" WHERE "personIdNumber" IN (SELECT json_array_elements_text($1::json))`, [JSON.stringify(page.persons)]);
      if (page.holdings.length) await sql.query(REPLACE, [JSON.stringify(page.holdings)]);
      result.persons += page.persons.length;
      result.holdings += page.holdings.length;
    }
    after = page.cursor;
    if (!page.hasMore) break;
  }
  await sql.query(
    `INSERT INTO "RegisterCursor" (stream, position, "updatedAt") VALUES ($1, $2, now())
     ON CONFLICT (stream) DO UPDATE SET position = EXCLUDED.position, "updatedAt" = now()`,
    [COPY_STREAM, after],
  );
  return result;
}

const PAGE = 10_000;

/**
 * payrollSource's month, over the copy ($1 the county, $2 the month's last day, $3 its first): begun by the
 * month's end, and ACTIVE, or ENDED within or after the month, or ended (even back-dated) since the month began.
 */
export const COPY_MONTH = `"countyCode" = $1 AND "validFrom" <= $2::date
    AND (status = 'ACTIVE' OR (status = 'ENDED' AND ("validTo" >= $3::date OR "changedAt" >= $3::timestamp)))`;
const READ = `SELECT "holdingId", "personIdNumber", "regionCode", "hukouType", "householdId", "deceasedOn"::text AS "deceasedOn", category::text AS category,
    subtype, status, "validFrom"::text AS "validFrom", "validTo"::text AS "validTo", "monthlyAmount"::text AS "monthlyAmount", "careLevel"::text AS "careLevel",
    "careInstitution", "grantedBy"
  FROM "RegisterHolding"
  WHERE ${COPY_MONTH} AND "holdingId" > $4
  ORDER BY "holdingId" LIMIT ${PAGE}`;

/** A holding as it travels (dates as ISO days), as a SourceHolding. */
export type WireHolding = Omit<SourceHolding, 'deceasedOn' | 'validFrom' | 'validTo'> & {
  deceasedOn: string | null;
  validFrom: string;
  validTo: string | null;
};
const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00.000Z`) : null);
export const fromWire = (holding: WireHolding): SourceHolding => ({
  ...holding,
  deceasedOn: day(holding.deceasedOn),
  validFrom: day(holding.validFrom)!,
  validTo: day(holding.validTo),
});

/** A county's holdings for a month from the copy, in pages by holding id (`first`, `last`: the month's first and last day). */
export async function* copiedHoldings(sql: SqlRunner, countyCode: string, first: string, last: string): AsyncGenerator<SourceHolding[]> {
  let after = '';
  for (;;) {
    const rows = await sql.query<WireHolding>(READ, [countyCode, last, first, after]);
    if (rows.length === 0) return;
    after = rows.at(-1)!.holdingId;
    yield rows.map(fromWire);
  }
}

/** The copy as the payroll's source, as it is (supervision syncs it first in a transaction of its own). */
export const copySource: SourceReader = (countyCode, month, sql) => copiedHoldings(sql, countyCode, formatDate(month), formatDate(monthEnd(month)));

/** The payroll's source in generation: the copy, brought to the log's head first on generation's transaction. */
export function registerSource(graph: GatewayClient): SourceReader {
  return async function* (countyCode, month, sql) {
    await syncRegisterCopy(sql, graph);
    yield* copySource(countyCode, month, sql);
  };
}
