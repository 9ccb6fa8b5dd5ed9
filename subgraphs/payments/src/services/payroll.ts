// Payroll generation, approval, bank files and reconciliation against the database. The rules
// (amounts, periods, file layouts) are in src/domain; this file keeps each step whole and safe
// under concurrency: one payroll per county and month (unique index + advisory lock per key),
// maker-checker (CHECK approvedBy <> preparedBy + the check here), lines written in bulk.
import { createHash, randomUUID } from 'node:crypto';
import { AUDIT_TABLE } from '@lip/shared/audit';
import type { Identity } from '@lip/shared/auth';
import { formatDate } from '@lip/shared/calendar';
import { copyRow, type Database, type SessionRunner, type SqlRunner } from '@lip/shared/database';
import { conflict, DomainError, ErrorCode, notFound } from '@lip/shared/errors';
import { timeOrderedUuid } from '@lip/shared/ids';
import { formatMonth } from '@lip/shared/periods';
import { lockKeys, uniqueAsConflict } from '@lip/shared/writes';
import { BANK_FILE_HEADER, csvRow, isReturnHeader, parseReturnRow, RETURN_FILE_HEADER, reference } from '../domain/bank-file.ts';
import { fenToYuan, payrollLine, type SourceHolding } from '../domain/payroll.ts';
import type { PayrollPolicy } from '../domain/policy.ts';
import type { Payroll, Prisma, PrismaClient } from '../generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

/**
 * Pages of the register's payroll source for a county and month; `sql` is the transaction of the step
 * reading it (generation, supervision), free between pages (payments' copy of the register is read on it).
 */
export type SourceReader = (countyCode: string, month: Date, sql: SqlRunner) => AsyncIterable<SourceHolding[]>;

/** The payments database for the county-sized steps: one driver transaction with COPY, where Prisma would send every row as parameters. */
export type Transactor = Pick<Database, 'transaction'>;

/** lockKeys on a driver connection (the same advisory locks as Prisma's transactions take). */
const locks = (sql: SessionRunner) => ({ $queryRawUnsafe: <T>(query: string, ...values: unknown[]) => sql.query(query, values) as Promise<T> });

// What generation computes per line, streamed into a temporary table with COPY (text format, in the order
// of these columns); what every line of the payroll shares is added by the statement that writes the lines.
const STAGE_COLUMNS = [
  ['id', 'text'],
  ['holdingId', 'text'],
  ['personIdNumber', 'text'],
  ['householdId', 'text'],
  ['regionCode', 'text'],
  ['category', '"PaymentCategory"'],
  ['careLevel', '"CareLevel"'],
  ['payeeKind', '"PayeeKind"'],
  ['institutionName', 'text'],
  ['basicAmount', 'numeric(12,2)'],
  ['careAllowance', 'numeric(12,2)'],
  ['amount', 'numeric(12,2)'],
  ['paidFrom', 'date'],
  ['paidTo', 'date'],
  ['grantedBy', 'text'],
] as const;
const STAGE_NAMES = STAGE_COLUMNS.map(([name]) => `"${name}"`).join(', ');
const STAGE_TABLE = `CREATE TEMP TABLE payroll_stage (${STAGE_COLUMNS.map(([name, type]) => `"${name}" ${type}`).join(', ')}) ON COMMIT DROP`;

// Each line points at its payee's account as it is written (one write per line, not a second pass).
// A regenerated draft keeps each holding's line (and its id); only its terms are refreshed.
const INSERT_LINES = `INSERT INTO "PaymentLine" (${STAGE_NAMES}, "payrollId", "countyCode", "month", "status", "accountId", "updatedAt")
  SELECT ${STAGE_COLUMNS.map(([name]) => `s."${name}"`).join(', ')}, $1, $2, $3::date, 'PENDING', coalesce(ap.id, ai.id), now()
  FROM payroll_stage s
  LEFT JOIN "PaymentAccount" ap ON s."payeeKind" = 'PERSON' AND ap."personIdNumber" = s."personIdNumber"
  LEFT JOIN "PaymentAccount" ai ON s."payeeKind" = 'INSTITUTION' AND ai."institutionName" = s."institutionName"`;
const REFRESH_LINES = `${INSERT_LINES}
  ON CONFLICT ("payrollId", "holdingId") DO UPDATE SET
    "personIdNumber" = EXCLUDED."personIdNumber", "householdId" = EXCLUDED."householdId", "regionCode" = EXCLUDED."regionCode",
    "category" = EXCLUDED."category", "careLevel" = EXCLUDED."careLevel", "payeeKind" = EXCLUDED."payeeKind",
    "institutionName" = EXCLUDED."institutionName", "basicAmount" = EXCLUDED."basicAmount", "careAllowance" = EXCLUDED."careAllowance",
    "amount" = EXCLUDED."amount", "paidFrom" = EXCLUDED."paidFrom", "paidTo" = EXCLUDED."paidTo", "grantedBy" = EXCLUDED."grantedBy",
    "accountId" = coalesce(EXCLUDED."accountId", "PaymentLine"."accountId"), "updatedAt" = now()`;

async function* once(text: string) {
  yield text;
}

// A county's steps hash, sort and aggregate hundreds of thousands of lines in one statement: at the server's
// default work_mem (4 MB) each of those spills to temporary files in batches (about a quarter of the lines'
// INSERT at 1,000,000 persons). Per transaction, so only these steps (and supervision's checks) take it.
export const BULK_MEMORY = `SET LOCAL work_mem = '64MB'`;

// Writers of one payroll queue on its lock: wait for a connection and the lock as long as a county's generation may take.
const LONG_TRANSACTION = { timeout: 600_000, maxWait: 600_000 };

export interface GenerateResult {
  payrollId: string;
  /** The source read, for the supervision run that follows. */
  holdings: number;
  /** The lines the payroll has. */
  lines: number;
}

/**
 * Generates (or regenerates) the DRAFT payroll of a county and month. One payroll per county and month:
 * concurrent calls queue on an advisory lock and the unique index backs it; an APPROVED payroll is never
 * regenerated (CONFLICT). Whoever generates last is its preparer. The lines are computed as the source is
 * read and streamed into the database (COPY into a temporary table, then one statement writes them), so
 * memory stays flat whatever the county's size.
 */
export async function generatePayroll(
  db: Transactor,
  args: { countyCode: string; month: Date; preparedBy: string; policy: PayrollPolicy; source: SourceReader },
): Promise<GenerateResult> {
  const { countyCode, month, preparedBy, policy } = args;
  const monthDate = formatDate(month);
  let holdings = 0;
  return uniqueAsConflict(
    () =>
      db.transaction(async (sql) => {
        await lockKeys(locks(sql), 'payments:payroll', [`${countyCode}:${monthDate}`]);
        await sql.exec(BULK_MEMORY);
        const [existing] = await sql.query<{ id: string; status: string }>(
          `SELECT id, status::text AS status FROM "Payroll" WHERE "countyCode" = $1 AND month = $2::date`,
          [countyCode, monthDate],
        );
        if (existing && existing.status !== 'DRAFT') {
          throw conflict(`The ${formatMonth(month)} payroll of ${countyCode} is already approved`, { reason: 'PAYROLL_APPROVED' });
        }
        const payrollId = existing?.id ?? randomUUID();
        if (existing)
          await sql.query(`UPDATE "Payroll" SET "preparedBy" = $2, "preparedAt" = now(), "updatedAt" = now() WHERE id = $1`, [payrollId, preparedBy]);
        else
          await sql.query(
            `INSERT INTO "Payroll" (id, "countyCode", month, status, "preparedBy", "preparedAt", "updatedAt") VALUES ($1, $2, $3::date, 'DRAFT', $4, now(), now())`,
            [payrollId, countyCode, monthDate, preparedBy],
          );
        await sql.exec(STAGE_TABLE);
        // One COPY per page of the source, so the source may read on this transaction between pages.
        for await (const page of args.source(countyCode, month, sql)) {
          holdings += page.length;
          let chunk = '';
          for (const holding of page) {
            const line = payrollLine(holding, month, policy);
            if (!line) continue;
            chunk += copyRow([
              timeOrderedUuid(),
              line.holdingId,
              line.personIdNumber,
              line.householdId,
              line.regionCode,
              line.category,
              line.careLevel,
              line.payeeKind,
              line.institutionName,
              fenToYuan(line.basicFen),
              fenToYuan(line.careFen),
              fenToYuan(line.amountFen),
              formatDate(line.paidFrom),
              formatDate(line.paidTo),
              line.grantedBy,
            ]);
          }
          if (chunk) await sql.copyFrom(`payroll_stage (${STAGE_NAMES})`, once(chunk));
        }
        // A temporary table has no statistics until analysed; the account joins are planned from them.
        await sql.exec('ANALYZE payroll_stage');
        await sql.query(existing ? REFRESH_LINES : INSERT_LINES, [payrollId, countyCode, monthDate]);
        // A line of the old draft whose holding no longer earns anything goes.
        if (existing) {
          await sql.query(
            `DELETE FROM "PaymentLine" l WHERE l."payrollId" = $1 AND NOT EXISTS (SELECT 1 FROM payroll_stage s WHERE s."holdingId" = l."holdingId")`,
            [payrollId],
          );
        }
        const [{ lines }] = (await sql.query<{ lines: number }>('SELECT count(*)::int AS lines FROM payroll_stage')) as [{ lines: number }];
        return { payrollId, holdings, lines };
      }),
    `The ${formatMonth(month)} payroll of ${countyCode} was generated at the same moment`,
    'PAYROLL_EXISTS',
  );
}

/** Locks a payroll row for a change and returns it (NOT_FOUND when absent). */
export async function payrollForUpdate(tx: Tx, id: string): Promise<Payroll> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Payroll" WHERE id = ${id} FOR UPDATE`;
  if (!row) throw notFound('Payroll', id);
  return tx.payroll.findUniqueOrThrow({ where: { id } });
}

/** Maker-checker: a second identity approves a DRAFT payroll. */
export async function approvePayroll(prisma: PrismaClient, id: string, approver: string, assertScope: (payroll: Payroll) => void): Promise<Payroll> {
  return prisma.$transaction(async (tx) => {
    const current = await tx.payroll.findUnique({ where: { id } });
    if (!current) throw notFound('Payroll', id);
    assertScope(current);
    // The same key as generation: an approval never interleaves with a regeneration.
    await lockKeys(tx, 'payments:payroll', [`${current.countyCode}:${formatDate(current.month)}`]);
    const payroll = await payrollForUpdate(tx, id);
    if (payroll.status !== 'DRAFT') throw new DomainError(ErrorCode.INVALID_TRANSITION, 'Only a DRAFT payroll can be approved', { status: payroll.status });
    if (payroll.preparedBy === approver)
      throw new DomainError(ErrorCode.FORBIDDEN, 'Nobody approves a payroll they prepared (maker-checker)', { reason: 'SELF_APPROVAL' });
    // One line is enough to know (a count would read a county's 600,000).
    const line = await tx.paymentLine.findFirst({ where: { payrollId: id }, select: { id: true } });
    if (!line) throw conflict('An empty payroll cannot be approved', { reason: 'EMPTY_PAYROLL' });
    return tx.payroll.update({ where: { id }, data: { status: 'APPROVED', approvedBy: approver, approvedAt: new Date() } });
  }, LONG_TRANSACTION);
}

export interface BankFile {
  fileName: string;
  lineCount: number;
  totalFen: number;
  /** Lines left out because their payee has no account yet. */
  withoutAccount: number;
}

/**
 * Who reads the file: each export is one audit entry (`<operation>:bankFile:<payroll>:<export>`), linked from its
 * BankExport row; the persons whose account numbers it shows in full are its lines, found by BANK_FILE_READS.
 */
export interface Reader {
  identity: Pick<Identity, 'subject' | 'role' | 'department'>;
  requestId: string;
  /** The audit row's operation, e.g. the GraphQL operation or the CLI command. */
  operation: string;
}

const EXPORT_PAGE = 10_000;

/** The audit entries of the bank files that showed a person's account number (`$1` the ID number): AuditLogOptions.readsOf. */
export const BANK_FILE_READS = `SELECT x."auditId" FROM "PaymentLine" l JOIN "BankExportLine" e ON e."lineId" = l.id
  JOIN "BankExport" x ON x.id = e."exportId" WHERE l."personIdNumber" = $1 AND x."auditId" IS NOT NULL`;

/** A payroll locked for a change (NOT_FOUND when absent). */
async function lockedPayroll(sql: SessionRunner, id: string) {
  const [payroll] = await sql.query<{ id: string; countyCode: string; month: string; status: string }>(
    `SELECT id, "countyCode", month::text AS month, status::text AS status FROM "Payroll" WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!payroll) throw notFound('Payroll', id);
  return { ...payroll, month: new Date(`${payroll.month}T00:00:00.000Z`) };
}

/**
 * Writes the bank file of an APPROVED payroll: every PENDING line not yet exported in its current attempt
 * (new lines, reissued ones); `write` receives the CSV in chunks. The file's rows are joined to their
 * accounts once, into a temporary table numbered in export order, and read back in pages, so memory stays
 * flat and no page repeats the join. The export is recorded as one BankExport row (count, total, the file's
 * SHA-256) and one narrow BankExportLine row per line and attempt, whose key is "exported at most once";
 * the lines themselves are not rewritten.
 */
export async function exportBankFile(db: Transactor, payrollId: string, reader: Reader, write: (chunk: string) => void | Promise<void>): Promise<BankFile> {
  return db.transaction(async (sql) => {
    const payroll = await lockedPayroll(sql, payrollId);
    if (payroll.status !== 'APPROVED') throw new DomainError(ErrorCode.INVALID_TRANSITION, 'Only an APPROVED payroll is exported', { status: payroll.status });
    await sql.exec(BULK_MEMORY);
    // Lines written before their payee had an account point at it now (generation set the others'); those still
    // without one are counted in the same pass over the payroll's lines.
    const [{ withoutAccount }] = (await sql.query<{ withoutAccount: number }>(
      `WITH missing AS MATERIALIZED (
         SELECT id, "payeeKind", "personIdNumber", "institutionName" FROM "PaymentLine" WHERE "payrollId" = $1 AND status = 'PENDING' AND "accountId" IS NULL
       ), attached AS (
         UPDATE "PaymentLine" l SET "accountId" = a.id, "updatedAt" = now() FROM missing m JOIN "PaymentAccount" a
           ON a."personIdNumber" = m."personIdNumber" AND m."payeeKind" = 'PERSON' OR a."institutionName" = m."institutionName" AND m."payeeKind" = 'INSTITUTION'
         WHERE l.id = m.id RETURNING l.id
       )
       SELECT ((SELECT count(*) FROM missing) - (SELECT count(*) FROM attached))::int AS "withoutAccount"`,
      [payrollId],
    )) as [{ withoutAccount: number }];
    await sql.query(
      `CREATE TEMP TABLE bank_export ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY l.id)::int AS n, l.id, l.attempt, a."accountNumber", a."holderName", a."bankName",
         l.amount, l."personIdNumber", l.category::text AS category
       FROM "PaymentLine" l JOIN "PaymentAccount" a ON a.id = l."accountId"
       WHERE l."payrollId" = $1 AND l.status = 'PENDING'
         AND NOT EXISTS (SELECT 1 FROM "BankExportLine" e WHERE e."lineId" = l.id AND e.attempt = l.attempt)`,
      [payrollId],
    );
    await sql.exec('ALTER TABLE bank_export ADD PRIMARY KEY (n); ANALYZE bank_export');
    const checksum = createHash('sha256');
    const emit = async (chunk: string) => {
      checksum.update(chunk);
      await write(chunk);
    };
    await emit(csvRow(BANK_FILE_HEADER));
    const purposes = { EXTREME_POVERTY: `${formatMonth(payroll.month)} 特困供养金`, other: `${formatMonth(payroll.month)} 低保金` };
    let lineCount = 0;
    for (;;) {
      const rows = await sql.query<{
        id: string;
        attempt: number;
        accountNumber: string;
        holderName: string;
        bankName: string;
        amount: string;
        personIdNumber: string;
        category: string | null;
      }>(
        `SELECT id, attempt, "accountNumber", "holderName", "bankName", amount::text AS amount, "personIdNumber", category
         FROM bank_export WHERE n > $1 AND n <= $2 ORDER BY n`,
        [lineCount, lineCount + EXPORT_PAGE],
      );
      if (rows.length === 0) break;
      let chunk = '';
      for (const row of rows) {
        const purpose = row.category === 'EXTREME_POVERTY' ? purposes.EXTREME_POVERTY : purposes.other;
        chunk += csvRow([reference(row.id, row.attempt), row.accountNumber, row.holderName, row.bankName, row.amount, row.personIdNumber, purpose]);
      }
      await emit(chunk);
      lineCount += rows.length;
    }
    const [{ fen }] = (await sql.query<{ fen: string | null }>(`SELECT ((sum(amount) * 100)::bigint)::text AS fen FROM bank_export`)) as [
      { fen: string | null },
    ];
    if (lineCount) {
      const { subject, role, department } = reader.identity;
      // The entry names the export; its persons are the export's lines (BANK_FILE_READS).
      const exportId = randomUUID();
      const [{ auditId }] = (await sql.query<{ auditId: string }>(
        `INSERT INTO "${AUDIT_TABLE}" ("subject", "role", "department", "operation", "kind", "subgraph", "persons", "requestId")
         VALUES ($1, $2, $3, $4, 'READ', 'payments', '{}', $5) RETURNING id::text AS "auditId"`,
        [subject, role, department ?? null, `${reader.operation}:bankFile:${payrollId}:${exportId}`.slice(0, 2000), reader.requestId],
      )) as [{ auditId: string }];
      await sql.query(
        `INSERT INTO "BankExport" (id, "payrollId", "exportedBy", "lineCount", "totalAmount", sha256, "auditId")
         VALUES ($1, $2, $3, $4, $5::numeric / 100, $6, $7::bigint)`,
        [exportId, payrollId, subject, lineCount, fen, checksum.digest('hex'), auditId],
      );
      await sql.query(`INSERT INTO "BankExportLine" ("lineId", attempt, "exportId") SELECT id, attempt, $1 FROM bank_export ORDER BY n`, [exportId]);
    }
    return { fileName: `${payroll.countyCode}-${formatMonth(payroll.month)}-${Date.now()}.csv`, lineCount, totalFen: Number(fen ?? 0), withoutAccount };
  });
}

export interface ReturnResult {
  paid: number;
  failed: number;
  /** Lines the file reports as they already are (a file imported twice). */
  unchanged: number;
  /** Answers for an earlier attempt of a reissued line: ignored. */
  stale: number;
}

const MAX_REPORTED = 100;

/** The bank's control totals for a return file (from its summary), checked against the file before anything is applied. */
export interface ReturnControl {
  /** Data rows in the file. */
  count?: number;
  /** The amounts of the lines the file answers for, in fen. */
  totalFen?: number;
}

/**
 * Applies the bank's return file to an APPROVED payroll, all or nothing: a bad row, a reference to a line
 * this payroll did not export, a reference answered twice, or control totals that do not match reject the
 * whole file (BATCH_REJECTED, bad rows listed) and the transaction rolls back. Rows are read as they come and
 * streamed into a temporary table (COPY); the checks and the update are then one statement each, so a file of
 * any size is read in flat memory.
 */
export async function importBankReturn(
  db: Transactor,
  payrollId: string,
  file: Iterable<string[]> | AsyncIterable<string[]>,
  control: ReturnControl = {},
): Promise<ReturnResult> {
  return db.transaction(async (sql) => {
    const payroll = await lockedPayroll(sql, payrollId);
    if (payroll.status !== 'APPROVED')
      throw new DomainError(ErrorCode.INVALID_TRANSITION, 'Only an APPROVED payroll takes return files', { status: payroll.status });
    await sql.exec(BULK_MEMORY);
    const errors: { row: number; code: string; message: string }[] = [];
    let errorCount = 0;
    const report = (error: { row: number; code: string; message: string }) => {
      errorCount++;
      if (errors.length < MAX_REPORTED) errors.push(error);
    };
    await sql.exec(
      'CREATE TEMP TABLE return_rows ("row" int PRIMARY KEY, id text NOT NULL, attempt int NOT NULL, status text NOT NULL, reason text, paid date) ON COMMIT DROP',
    );
    let index = 0;
    await sql.copyFrom(
      'return_rows ("row", id, attempt, status, reason, paid)',
      (async function* () {
        let chunk = '';
        for await (const fields of file) {
          index++;
          if (index === 1) {
            if (!isReturnHeader(fields)) report({ row: 1, code: 'INVALID_INPUT', message: `the header must be ${RETURN_FILE_HEADER.join(',')}` });
            continue;
          }
          const parsed = parseReturnRow(fields, index);
          if (!parsed.ok) {
            report(parsed.error);
            continue;
          }
          const { lineId, attempt, status, reason, paidOn } = parsed.value;
          chunk += copyRow([String(index), lineId, String(attempt), status, reason, paidOn ? formatDate(paidOn) : null]);
          if (chunk.length >= 1_000_000) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      })(),
    );
    if (index === 0) report({ row: 1, code: 'INVALID_INPUT', message: 'the return file is empty' });
    // Temporary tables have no statistics until analysed; without them the joins below are planned as if empty.
    await sql.exec('ANALYZE return_rows');

    // Each row's verdict against the payroll's lines and what was exported, in one pass.
    await sql.query(
      `CREATE TEMP TABLE return_checked ON COMMIT DROP AS
       SELECT r."row", r.id, r.attempt, r.status, r.reason, r.paid, l.amount, l.status::text AS current,
         CASE WHEN row_number() OVER (PARTITION BY r.id, r.attempt ORDER BY r."row") > 1 THEN 'TWICE'
              WHEN l.id IS NULL OR e."lineId" IS NULL THEN 'NOT_EXPORTED'
              WHEN r.attempt < l.attempt THEN 'STALE'
              WHEN l.status::text = r.status THEN 'UNCHANGED'
              WHEN l.status <> 'PENDING' THEN 'SETTLED'
              ELSE 'APPLY' END AS verdict
       FROM return_rows r LEFT JOIN "PaymentLine" l ON l.id = r.id AND l."payrollId" = $1
         LEFT JOIN "BankExportLine" e ON e."lineId" = r.id AND e.attempt = r.attempt`,
      [payrollId],
    );
    await sql.exec('ANALYZE return_checked');
    const bad = await sql.query<{ row: number; id: string; attempt: number; current: string; verdict: string; total: number }>(
      `SELECT "row", id, attempt, current, verdict, count(*) OVER ()::int AS total FROM return_checked
       WHERE verdict IN ('TWICE', 'NOT_EXPORTED', 'SETTLED') ORDER BY "row" LIMIT ${MAX_REPORTED}`,
    );
    for (const row of bad) {
      const ref = reference(row.id, row.attempt);
      const message =
        row.verdict === 'TWICE'
          ? `reference ${ref} appears twice`
          : row.verdict === 'NOT_EXPORTED'
            ? `reference ${ref} was not exported in this payroll`
            : `line ${row.id} is already ${row.current}`;
      report({ row: row.row, code: 'INVALID_INPUT', message });
    }
    errorCount += Math.max(0, (bad[0]?.total ?? 0) - bad.length);
    errors.sort((a, b) => a.row - b.row);
    if (errorCount) throw new DomainError(ErrorCode.BATCH_REJECTED, `The return file has ${errorCount} bad row(s); nothing was applied`, { rows: errors });

    const counts = await sql.query<{ verdict: string; status: string; count: number }>(
      `SELECT verdict, status, count(*)::int AS count FROM return_checked GROUP BY verdict, status`,
    );
    const [{ fen }] = (await sql.query<{ fen: string | null }>(`SELECT ((sum(amount) * 100)::bigint)::text AS fen FROM return_checked`)) as [
      { fen: string | null },
    ];
    const rows = counts.reduce((sum, row) => sum + row.count, 0);
    if ((control.count !== undefined && control.count !== rows) || (control.totalFen !== undefined && control.totalFen !== Number(fen ?? 0))) {
      throw new DomainError(ErrorCode.BATCH_REJECTED, 'The return file does not match its control totals; nothing was applied', {
        reason: 'CONTROL_TOTALS',
        expected: { count: control.count ?? null, total: control.totalFen === undefined ? null : fenToYuan(control.totalFen) },
        found: { count: rows, total: fenToYuan(Number(fen ?? 0)) },
      });
    }
    await sql.query(
      `UPDATE "PaymentLine" l SET status = r.status::"PaymentLineStatus", "failureReason" = r.reason, "paidOn" = r.paid,
         "failedAt" = CASE WHEN r.status = 'FAILED' THEN now() END, "updatedAt" = now()
       FROM return_checked r WHERE r.verdict = 'APPLY' AND l.id = r.id AND l."payrollId" = $1 AND l.status = 'PENDING'`,
      [payrollId],
    );
    const count = (verdict: string, status?: string) =>
      counts.filter((row) => row.verdict === verdict && (!status || row.status === status)).reduce((sum, row) => sum + row.count, 0);
    return { paid: count('APPLY', 'PAID'), failed: count('APPLY', 'FAILED'), unchanged: count('UNCHANGED'), stale: count('STALE') };
  });
}

/** A FAILED line goes back to PENDING (next attempt) once its payee's account was corrected after the failure. */
export async function reissueLine(prisma: PrismaClient, lineId: string, assertScope: (countyCode: string) => void) {
  return prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PaymentLine" WHERE id = ${lineId} FOR UPDATE`;
    if (!row) throw notFound('PaymentLine', lineId);
    const line = await tx.paymentLine.findUniqueOrThrow({ where: { id: lineId } });
    assertScope(line.countyCode);
    if (line.status !== 'FAILED') throw new DomainError(ErrorCode.INVALID_TRANSITION, 'Only a FAILED line is reissued', { status: line.status });
    const account = await tx.paymentAccount.findFirst({
      where: line.payeeKind === 'PERSON' ? { personIdNumber: line.personIdNumber } : { institutionName: line.institutionName },
    });
    if (!account || !line.failedAt || account.updatedAt <= line.failedAt) {
      throw conflict('Correct the payee’s account before reissuing the line', { reason: 'ACCOUNT_NOT_CORRECTED' });
    }
    return tx.paymentLine.update({
      where: { id: lineId },
      data: { status: 'PENDING', attempt: line.attempt + 1, failureReason: null, failedAt: null, accountId: account.id },
    });
  }, LONG_TRANSACTION);
}

export interface PayrollTotals {
  lineCount: number;
  totalFen: number;
  byStatus: Record<'PENDING' | 'PAID' | 'FAILED', { count: number; fen: number }>;
}

/** Counts and sums by status, in whole fen (summed by the database in exact decimals). */
export async function payrollTotals(prisma: PrismaClient | Tx, payrollId: string): Promise<PayrollTotals> {
  const rows = await prisma.$queryRaw<{ status: 'PENDING' | 'PAID' | 'FAILED'; count: number; fen: string }[]>`
    SELECT status::text AS status, count(*)::int AS count, (sum(amount) * 100)::bigint::text AS fen FROM "PaymentLine" WHERE "payrollId" = ${payrollId} GROUP BY status`;
  const byStatus = { PENDING: { count: 0, fen: 0 }, PAID: { count: 0, fen: 0 }, FAILED: { count: 0, fen: 0 } };
  for (const row of rows) byStatus[row.status] = { count: row.count, fen: Number(row.fen) };
  const [{ fen }] = await prisma.$queryRaw<
    [{ fen: string | null }]
  >`SELECT ((sum(amount) * 100)::bigint)::text AS fen FROM "PaymentLine" WHERE "payrollId" = ${payrollId}`;
  return { lineCount: rows.reduce((sum, row) => sum + row.count, 0), totalFen: Number(fen ?? 0), byStatus };
}
