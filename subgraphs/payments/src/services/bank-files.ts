// County-size bank files as streams (the CLI, `npm run payments`): a GraphQL string holds about a
// thousand rows, a county's file hundreds of thousands. The rules are the GraphQL mutations': the
// caller must pay (scope `pay`) within their region, only an APPROVED payroll exports or takes a
// return file, every account number written in full is audited, and an import applies all or nothing.
import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Identity } from '@lip/shared/auth';
import { parseCsv } from '@lip/shared/csv';
import { notFound } from '@lip/shared/errors';
import { formatMonth } from '@lip/shared/periods';
import { assertInRegion, forbidden, paysAssistance } from '@lip/shared/scopes';
import type { Payroll, PrismaClient } from '../generated/prisma/client.ts';
import { type BankFile, exportBankFile, importBankReturn, type ReturnControl, type ReturnResult, type Transactor } from './payroll.ts';

/** The payroll of a county and month, for a caller who pays within that county (FORBIDDEN, NOT_FOUND otherwise). */
export async function payrollToPay(prisma: PrismaClient, identity: Identity, countyCode: string, month: Date): Promise<Payroll> {
  if (!paysAssistance(identity)) throw forbidden('Bank files are for those who pay (scope pay): county officers, civil affairs and finance');
  assertInRegion(identity, countyCode);
  const payroll = await prisma.payroll.findUnique({ where: { countyCode_month: { countyCode, month } } });
  if (!payroll) throw notFound('Payroll', `${countyCode} ${formatMonth(month)}`);
  return payroll;
}

/**
 * Writes the bank file of a county's APPROVED payroll to `path`, streamed. The file appears only when the
 * export commits: it is written beside `path` and renamed, so a refused or failed export leaves no file.
 */
export async function exportBankFileTo(
  prisma: PrismaClient,
  db: Transactor,
  identity: Identity,
  args: { countyCode: string; month: Date; path: string; requestId: string; operation: string },
): Promise<BankFile> {
  const payroll = await payrollToPay(prisma, identity, args.countyCode, args.month);
  const partial = `${args.path}.partial`;
  const out = createWriteStream(partial);
  // Opened before anything can fail: a refusal's clean-up must not race the stream's own open, which
  // would create the file after it was removed.
  await once(out, 'open');
  try {
    const file = await exportBankFile(db, payroll.id, { identity, requestId: args.requestId, operation: args.operation }, async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    });
    out.end();
    await once(out, 'finish');
    renameSync(partial, args.path);
    return file;
  } catch (error) {
    out.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Imports the bank's return file at `path` into a county's APPROVED payroll, read as a stream. */
export async function importBankReturnFrom(
  prisma: PrismaClient,
  db: Transactor,
  identity: Identity,
  args: { countyCode: string; month: Date; path: string; control?: ReturnControl },
): Promise<ReturnResult & { payroll: Payroll }> {
  const payroll = await payrollToPay(prisma, identity, args.countyCode, args.month);
  const result = await importBankReturn(db, payroll.id, csvRecords(args.path), args.control);
  return { ...result, payroll };
}

/** The records of a CSV file as it is read (a quoted field may span lines; a leading byte-order mark is dropped). */
export async function* csvRecords(path: string): AsyncGenerator<string[]> {
  let pending = '';
  let first = true;
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY })) {
    pending += first ? line.replace(/^\uFEFF/, '') : line;
    first = false;
    // An odd number of quotes so far: a quoted field goes on on the next line.
    if ((pending.match(/"/g)?.length ?? 0) % 2 === 1) {
      pending += '\n';
      continue;
    }
    yield* parseCsv(pending);
    pending = '';
  }
  if (pending) yield* parseCsv(pending);
}
