// The streamed bank-file path (`npm run payments -- export|import`): the same rules as the GraphQL
// mutations (scope pay, region, APPROVED only, audit, all or nothing), on files rather than strings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditLogQueries } from '@lip/shared/audit';
import type { Identity } from '@lip/shared/auth';
import type { Database } from '@lip/shared/database';
import { makeIdNumber } from '@lip/shared/id-number';
import { migrate } from '@lip/shared/migrate';
import { day, openTestDatabase } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceHolding } from '../src/domain/payroll.ts';
import { payrollPolicy } from '../src/domain/policy.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { createPrismaClient } from '../src/prisma.ts';
import { csvRecords, exportBankFileTo, importBankReturnFrom } from '../src/services/bank-files.ts';
import { approvePayroll, BANK_FILE_READS, generatePayroll, payrollTotals } from '../src/services/payroll.ts';

const COUNTY = '411224';
const MONTH = day('2026-02-01');
const officer: Identity = { subject: 'payer-411224', role: 'COUNTY_OFFICER', region: COUNTY };
const dir = mkdtempSync(path.join(tmpdir(), 'lip-bank-files-'));
const file = (name: string, text?: string) => {
  const at = path.join(dir, name);
  if (text !== undefined) writeFileSync(at, text);
  return at;
};

let db: Database;
let prisma: PrismaClient;
let payrollId: string;
const holdings: SourceHolding[] = Array.from({ length: 12 }, (_, index) => ({
  holdingId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  personIdNumber: makeIdNumber({ areaCode: COUNTY, birthDate: '1960-01-01', sequence: 200 + index }),
  regionCode: `${COUNTY}100001`,
  hukouType: 'RURAL',
  householdId: `household-${index}`,
  deceasedOn: null,
  category: 'SUBSISTENCE_ALLOWANCE',
  subtype: null,
  status: 'ACTIVE',
  validFrom: day('2025-01-01'),
  validTo: null,
  monthlyAmount: `${400 + index}.50`,
  careLevel: null,
  careInstitution: null,
  grantedBy: 'granter',
}));

beforeAll(async () => {
  db = await openTestDatabase('payments');
  await migrate(db, fileURLToPath(new URL('../prisma/migrations', import.meta.url)));
  prisma = createPrismaClient(db);
  const policy = payrollPolicy(await prisma.policyParameter.findMany(), COUNTY, 2026);
  const generate = (month: Date) =>
    generatePayroll(db, {
      countyCode: COUNTY,
      month,
      preparedBy: 'maker',
      policy,
      source: async function* () {
        yield holdings;
      },
    });
  ({ payrollId } = await generate(MONTH));
  await generate(day('2026-03-01')); // a draft
  for (const [index, holding] of holdings.entries()) {
    await prisma.paymentAccount.create({
      data: {
        kind: 'PERSON',
        personIdNumber: holding.personIdNumber,
        countyCode: COUNTY,
        bankName: '中国农业银行',
        accountNumber: `62284800000000${String(index).padStart(5, '0')}`,
        holderName: `持卡人${index}`,
        createdBy: 't',
        updatedBy: 't',
      },
    });
  }
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.close();
});

const exportTo = (name: string, identity = officer, month = MONTH) =>
  exportBankFileTo(prisma, db, identity, { countyCode: COUNTY, month, path: file(name), requestId: `r-${name}`, operation: 'cli export' });
const importFrom = (name: string, text: string, control = {}, identity = officer) =>
  importBankReturnFrom(prisma, db, identity, { countyCode: COUNTY, month: MONTH, path: file(name, text), control });
const snapshot = async () =>
  (await prisma.paymentLine.findMany({ where: { payrollId: payrollId }, orderBy: { id: 'asc' } })).map((line) => `${line.id}:${line.status}:${line.attempt}`);
const exists = (name: string) => {
  try {
    readFileSync(file(name));
    return true;
  } catch {
    return false;
  }
};

describe('bank files on the streamed path', () => {
  it('refuses a draft, a role that does not pay and a county outside the region, and leaves no file', async () => {
    await expect(exportTo('draft.csv', officer, day('2026-03-01'))).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(exportTo('analyst.csv', { subject: 'a', role: 'ANALYST', region: COUNTY })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportTo('other.csv', { subject: 'b', role: 'COUNTY_OFFICER', region: '411282' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportTo('none.csv', officer, day('2026-04-01'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const name of ['draft.csv', 'analyst.csv', 'other.csv', 'none.csv']) {
      expect(exists(name), name).toBe(false);
      expect(exists(`${name}.partial`), name).toBe(false);
    }
    await expect(
      importFrom('analyst-return.csv', 'reference,status,reason,paid_on\n', {}, { subject: 'a', role: 'AUDITOR', region: COUNTY }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('exports an approved payroll to a file, audited person by person, and only once per attempt', async () => {
    await approvePayroll(prisma, payrollId, 'checker', () => {});
    const exported = await exportTo('bank.csv');
    expect(exported).toMatchObject({ lineCount: 12, withoutAccount: 0 });
    const rows = [];
    for await (const row of csvRecords(file('bank.csv'))) rows.push(row);
    expect(rows[0]).toEqual(['reference', 'account_number', 'holder_name', 'bank_name', 'amount', 'id_number', 'purpose']);
    expect(rows).toHaveLength(13);
    expect(rows[1]![1]).toMatch(/^62284800000000\d{5}$/);
    const [audit] = await db.sql.query<{ id: string; subject: string }>('SELECT id::text AS id, subject FROM lip_audit_log WHERE "requestId" = $1', [
      'r-bank.csv',
    ]);
    expect(audit!.subject).toBe('payer-411224');
    // The entry's persons are the export's lines: the audit log's person filter finds it for each of them.
    for (const holding of holdings) {
      const { page } = auditLogQueries({ personIdNumber: holding.personIdNumber }, 20, undefined, { readsOf: BANK_FILE_READS });
      expect((await db.sql.query<{ id: string }>(page.sql.replace('SELECT *', 'SELECT id::text AS id'), page.values)).map((row) => row.id)).toEqual([
        audit!.id,
      ]);
    }
    expect(await exportTo('again.csv')).toMatchObject({ lineCount: 0 });
  });

  it('rejects a whole return file with wrong control totals, unknown references or a reference twice, and changes nothing', async () => {
    const references = readFileSync(file('bank.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[0]!);
    const header = 'reference,status,reason,paid_on\n';
    const paid = (ref: string) => `${ref},PAID,,2026-02-08\n`;
    const before = await snapshot();
    const good = header + references.map(paid).join('');
    // 12 lines of 400.50 … 411.50 yuan: 4,872.00 yuan.
    await expect(importFrom('count.csv', good, { count: 11 })).rejects.toMatchObject({ code: 'BATCH_REJECTED', details: { reason: 'CONTROL_TOTALS' } });
    await expect(importFrom('total.csv', good, { count: 12, totalFen: 487_199 })).rejects.toMatchObject({ code: 'BATCH_REJECTED' });
    const unknown = `${good}00000000-0000-4000-8000-999999999999.1,PAID,,2026-02-08\n`;
    await expect(importFrom('unknown.csv', unknown)).rejects.toMatchObject({
      code: 'BATCH_REJECTED',
      details: { rows: [{ row: 14, message: expect.stringMatching(/not exported in this payroll/) }] },
    });
    const twice = `${good}${references[0]},FAILED,账户冻结,\n`;
    await expect(importFrom('twice.csv', twice)).rejects.toMatchObject({
      code: 'BATCH_REJECTED',
      details: { rows: [{ row: 14, message: expect.stringMatching(/appears twice/) }] },
    });
    await expect(importFrom('garbled.csv', `${header}${paid(references[0]!)}nonsense,LOST,,\n`)).rejects.toMatchObject({ code: 'BATCH_REJECTED' });
    expect(await snapshot()).toEqual(before);
  });

  it('applies a good file with its control totals, quoted reasons and a byte-order mark, and changes nothing the second time', async () => {
    const references = readFileSync(file('bank.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[0]!);
    const text =
      '\uFEFFreference,status,reason,paid_on\r\n' +
      references.map((ref, index) => (index < 2 ? `${ref},FAILED,"户名不符,\n请核实",\r\n` : `${ref},PAID,,2026-02-08\r\n`)).join('');
    expect(await importFrom('return.csv', text, { count: 12, totalFen: 487_200 })).toMatchObject({ paid: 10, failed: 2, unchanged: 0, stale: 0 });
    expect(await importFrom('return.csv', text, { count: 12, totalFen: 487_200 })).toMatchObject({ paid: 0, failed: 0, unchanged: 12 });
    const totals = await payrollTotals(prisma, payrollId);
    expect(totals).toMatchObject({ totalFen: 487_200, byStatus: { FAILED: { count: 2 }, PAID: { count: 10 }, PENDING: { count: 0 } } });
    const failed = await prisma.paymentLine.findFirstOrThrow({ where: { payrollId: payrollId, status: 'FAILED' } });
    expect(failed.failureReason).toBe('户名不符,\n请核实');
  });
});

describe('npm run payments', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../../scripts/payments.ts', import.meta.url)), ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 120_000,
    });

  it('prints usage for --help of itself and of each command, and refuses a mistake with exit 2 before touching a database', () => {
    for (const [args, start] of [
      [['--help'], 'usage: npm run payments -- <export|import>'],
      [['export', '--help'], 'usage: npm run payments -- export [--help] --county'],
      [['import', '--help'], 'usage: npm run payments -- import [--help] --county'],
    ] as const) {
      const result = run([...args]);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^${start.replace(/[|<>[\]-]/g, '\\$&')}`));
    }
    const wrong = run(['export', '--county', '411224', '--month', '2026-13', '--out', file('x.csv')], { TOKEN: 'x' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/month must be a month as YYYY-MM.*npm run payments -- export --help/);
    expect(run(['pay']).status).toBe(2);
  });
});
