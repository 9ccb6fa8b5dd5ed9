// County-size bank files (代发文件 out, 回盘文件 in) streamed between a file and the payments
// database, as the bearer of a token: the GraphQL mutations carry a file as one string, a
// thousand rows or so. Layouts: docs/payments.md.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fenToYuan } from '@lip/payments/domain/payroll';
import { createPrismaClient } from '@lip/payments/prisma';
import { exportBankFileTo, importBankReturnFrom } from '@lip/payments/services/bank-files';
import { AuthError, tokenConfig, verifyBearer } from '@lip/shared/auth';
import { fail, integerOption, parseCommandLine } from '@lip/shared/cli';
import { openDatabase } from '@lip/shared/database';
import { DomainError } from '@lip/shared/errors';
import { migrate } from '@lip/shared/migrate';
import { toFen } from '@lip/shared/money';
import { checkCountyCode, checkMonth } from '@lip/shared/periods';

const AUTH = `
The caller is the bearer of TOKEN (or --token): a role that pays (scope pay: county officer, city
administrator, civil affairs or finance officer, civil affairs' payment service) within the county.
The database is the payments service's: PGLITE_DIR, DATABASE_URL (+ DATABASE_PREFIX) or
PAYMENTS_DATABASE_URL, as in the README.`;

const USAGE = `
usage: npm run payments -- <export|import> --help

Bank files of a county's monthly payroll, streamed (the GraphQL mutations take files of about a
thousand rows; these take a county's).
  export   writes the bank file (代发文件) of an APPROVED payroll
  import   applies the bank's return file (回盘文件), all or nothing
${AUTH}
`;

const EXPORT_USAGE = `
usage: npm run payments -- export [--help] --county CODE --month YYYY-MM --out FILE [--token TOKEN]

Writes the bank file of the county's APPROVED payroll for the month: its PENDING lines not yet
exported in their current attempt (so a second export holds only reissued lines). The file appears
only when the export has committed. Every account number written is audited.
  --county   county code (6 digits), e.g. 411282
  --month    the payroll's month, YYYY-MM
  --out      the file to write (CSV, UTF-8; layout in docs/payments.md)
${AUTH}
`;

const IMPORT_USAGE = `
usage: npm run payments -- import [--help] --county CODE --month YYYY-MM --file FILE [--count N] [--total YUAN] [--token TOKEN]

Applies the bank's return file to the county's APPROVED payroll for the month: each row makes its
line PAID or FAILED; lines not mentioned stay PENDING. All or nothing: one bad row (or unknown,
repeated or already settled reference, or control totals that do not match) and nothing changes.
Importing the same file again changes nothing.
  --county   county code (6 digits)
  --month    the payroll's month, YYYY-MM
  --file     the return file (CSV, UTF-8; layout in docs/payments.md)
  --count    the bank's control count: data rows in the file
  --total    the bank's control total in yuan: the amounts of the lines the file answers for
${AUTH}
`;

const [command, ...rest] = process.argv.slice(2);
if (command !== 'export' && command !== 'import') {
  if (command === '--help' || command === '-h') parseCommandLine(USAGE, {}, ['--help']);
  fail(command ? `unknown command ${JSON.stringify(command)}` : 'a command is required: export or import', USAGE);
}
const usage = command === 'export' ? EXPORT_USAGE : IMPORT_USAGE;
const common = { county: { type: 'string' }, month: { type: 'string' }, token: { type: 'string' } } as const;
const values: { county?: string; month?: string; token?: string; out?: string; file?: string; count?: string; total?: string } =
  command === 'export'
    ? parseCommandLine(usage, { ...common, out: { type: 'string' } }, rest)
    : parseCommandLine(usage, { ...common, file: { type: 'string' }, count: { type: 'string' }, total: { type: 'string' } }, rest);
const required = (name: string, value: string | undefined) => value ?? fail(`--${name} is required`, usage);

let countyCode: string;
let month: Date;
try {
  countyCode = checkCountyCode(required('county', values.county), 'county');
  month = checkMonth(required('month', values.month));
} catch (error) {
  fail((error as Error).message, usage);
}
const token = values.token ?? process.env.TOKEN ?? fail('a token is required: TOKEN or --token (npm run token -- --help)', usage);

const db = await openDatabase('payments');
const prisma = createPrismaClient(db);
try {
  const identity = await verifyBearer(`Bearer ${token}`, await tokenConfig());
  await migrate(db, path.join(import.meta.dirname, '..', 'subgraphs', 'payments', 'prisma', 'migrations'));
  if (command === 'export') {
    const out = path.resolve(required('out', values.out));
    const file = await exportBankFileTo(prisma, db, identity, { countyCode, month, path: out, requestId: randomUUID(), operation: 'cli export' });
    const waiting = file.withoutAccount ? `; ${file.withoutAccount} lines wait for an account` : '';
    console.log(`${out}: ${file.lineCount} lines, ${fenToYuan(file.totalFen)} yuan${waiting}`);
  } else {
    const control = {
      count: integerOption('count', values.count, usage, 0),
      totalFen: values.total === undefined ? undefined : toFen(values.total),
    };
    const result = await importBankReturnFrom(prisma, db, identity, { countyCode, month, path: path.resolve(required('file', values.file)), control });
    console.log(`${result.paid} paid, ${result.failed} failed, ${result.unchanged} unchanged, ${result.stale} stale (answers to an earlier attempt)`);
  }
} catch (error) {
  if (!(error instanceof DomainError || error instanceof AuthError)) throw error;
  const rows = (error as DomainError).details?.rows as { row: number; message: string }[] | undefined;
  console.error(`${error.code}: ${error.message}`);
  for (const row of rows ?? []) console.error(`  row ${row.row}: ${row.message}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await db.close();
}
