// Payroll invariants against a real database (PGlite, or the server with TEST_DATABASE_URL and a
// real connection pool): one payroll per county and month, maker-checker, under 20 parallel requests.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { auditLogQueries } from '@lip/shared/audit';
import { parseCsv } from '@lip/shared/csv';
import type { Database } from '@lip/shared/database';
import { makeIdNumber, maskIdNumber, maskIdNumberSql } from '@lip/shared/id-number';
import { migrate } from '@lip/shared/migrate';
import { day, openTestDatabase } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskAccountNumber } from '../src/domain/bank-file.ts';
import { fenToYuan, fullMonthAmounts, type SourceHolding } from '../src/domain/payroll.ts';
import { payrollPolicy } from '../src/domain/policy.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { createPrismaClient } from '../src/prisma.ts';
import {
  approvePayroll,
  BANK_FILE_READS,
  exportBankFile,
  generatePayroll,
  importBankReturn,
  payrollTotals,
  type SourceReader,
} from '../src/services/payroll.ts';
import { superviseMonth } from '../src/services/supervision.ts';

const N = 20;
const TEST_READER = { identity: { subject: 'payer', role: 'COUNTY_OFFICER' as const }, requestId: 'test', operation: 'test' };
let db: Database;
let prisma: PrismaClient;
beforeAll(async () => {
  db = await openTestDatabase('payments');
  await migrate(db, fileURLToPath(new URL('../prisma/migrations', import.meta.url)));
  prisma = createPrismaClient(db);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.close();
});

const holdings: SourceHolding[] = Array.from({ length: 30 }, (_, index) => ({
  holdingId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  personIdNumber: makeIdNumber({ areaCode: '411203', birthDate: '1950-01-01', sequence: 100 + index }),
  regionCode: '411203100001',
  hukouType: index % 2 ? 'URBAN' : 'RURAL',
  householdId: `household-${index}`,
  deceasedOn: null,
  category: index % 3 ? 'SUBSISTENCE_ALLOWANCE' : 'EXTREME_POVERTY',
  subtype: index % 3 ? null : 'DISPERSED',
  status: 'ACTIVE',
  validFrom: day('2025-01-01'),
  validTo: null,
  monthlyAmount: index % 5 ? null : '333.33',
  careLevel: index % 3 ? null : 'PARTIALLY_DISABLED',
  careInstitution: null,
  grantedBy: 'granter',
}));
// Pages of 7, as the gateway would deliver them.
const source: SourceReader = async function* () {
  for (let start = 0; start < holdings.length; start += 7) yield holdings.slice(start, start + 7);
};

const generate = async (month: Date, preparedBy = 'maker') =>
  generatePayroll(db, { countyCode: '411203', month, preparedBy, policy: payrollPolicy(await prisma.policyParameter.findMany(), '411203', 2026), source });

describe('payroll generation', () => {
  it(`gives one payroll for ${N} parallel requests for the same county and month, with identical lines`, async () => {
    const month = day('2026-03-01');
    const results = await Promise.allSettled(Array.from({ length: N }, () => generate(month)));
    const ids = new Set(results.flatMap((result) => (result.status === 'fulfilled' ? [result.value.payrollId] : [])));
    expect(results.filter((result) => result.status === 'rejected').map((result) => String((result as PromiseRejectedResult).reason))).toEqual([]);
    expect(ids.size).toBe(1);
    const payrolls = await prisma.payroll.findMany({ where: { countyCode: '411203', month } });
    expect(payrolls).toHaveLength(1);
    const lines = await prisma.paymentLine.findMany({ where: { payrollId: payrolls[0]!.id }, orderBy: { holdingId: 'asc' } });
    expect(lines).toHaveLength(30);
    const again = await generate(month);
    const regenerated = await prisma.paymentLine.findMany({ where: { payrollId: again.payrollId }, orderBy: { holdingId: 'asc' } });
    expect(regenerated.map(({ id, amount }) => ({ id, amount: amount.toString() }))).toEqual(
      lines.map(({ id, amount }) => ({ id, amount: amount.toString() })),
    );
  });

  it('refuses, in the database itself, two payrolls for one county and month and an approver who is the maker', async () => {
    const month = day('2026-03-01');
    await expect(
      db.sql.query(
        `INSERT INTO "Payroll" (id, "countyCode", month, status, "preparedBy", "preparedAt", "updatedAt") VALUES ('x', '411203', '2026-03-01', 'DRAFT', 'm', now(), now())`,
      ),
    ).rejects.toThrow(/unique|duplicate/i);
    const [payroll] = await prisma.payroll.findMany({ where: { month } });
    await expect(
      db.sql.query(`UPDATE "Payroll" SET status = 'APPROVED', "approvedBy" = "preparedBy", "approvedAt" = now() WHERE id = $1`, [payroll!.id]),
    ).rejects.toThrow(/Payroll_maker_checker_check/);
  });

  it(`lets exactly one of ${N} parallel approvers approve, and never the maker`, async () => {
    const { payrollId } = await generate(day('2026-04-01'), 'maker');
    const results = await Promise.allSettled([
      ...Array.from({ length: N - 1 }, (_, index) => approvePayroll(prisma, payrollId, `checker-${index}`, () => {})),
      approvePayroll(prisma, payrollId, 'maker', () => {}),
    ]);
    const approved = results.filter((result) => result.status === 'fulfilled');
    expect(approved).toHaveLength(1);
    const codes = results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as { code?: string }).code] : []));
    // Whoever came after the approval finds it approved; the maker, if earlier, is refused as the maker.
    expect(codes.filter((code) => code !== 'INVALID_TRANSITION' && code !== 'FORBIDDEN')).toEqual([]);
    const stored = await prisma.payroll.findUniqueOrThrow({ where: { id: payrollId } });
    expect(stored.status).toBe('APPROVED');
    expect(stored.approvedBy).not.toBe('maker');
  });

  it('exports only lines with an account and reconciles a return file to the fen', async () => {
    const { payrollId } = await generate(day('2026-05-01'), 'maker');
    await approvePayroll(prisma, payrollId, 'checker', () => {});
    for (const holding of holdings.slice(0, 20)) {
      await prisma.paymentAccount.create({
        data: {
          kind: 'PERSON',
          personIdNumber: holding.personIdNumber,
          countyCode: '411203',
          bankName: '农行',
          accountNumber: `6228${holding.personIdNumber.slice(0, 14)}`,
          holderName: '某',
          createdBy: 't',
          updatedBy: 't',
        },
      });
    }
    let csv = '';
    const file = await exportBankFile(db, payrollId, TEST_READER, (chunk) => {
      csv += chunk;
    });
    expect(file).toMatchObject({ lineCount: 20, withoutAccount: 10 });
    // Recorded as one row: what the bank was sent, down to the file's checksum.
    expect(await db.sql.query(`SELECT "lineCount", "totalAmount"::text AS total, sha256 FROM "BankExport" WHERE "payrollId" = $1`, [payrollId])).toEqual([
      { lineCount: 20, total: fenToYuan(file.totalFen), sha256: createHash('sha256').update(csv).digest('hex') },
    ]);
    // The account numbers shown in full are audited: one entry naming the export, whose lines are its persons;
    // the audit log's person filter finds it for every person in the file and for nobody else.
    const [exported] = await db.sql.query<{ id: string; auditId: string }>(`SELECT id, "auditId"::text AS "auditId" FROM "BankExport" WHERE "payrollId" = $1`, [
      payrollId,
    ]);
    const [audit] = await db.sql.query<{ id: string; subject: string; operation: string; persons: string[] }>(
      `SELECT id::text AS id, subject, operation, persons FROM lip_audit_log WHERE id = $1::bigint`,
      [exported!.auditId],
    );
    expect(audit).toMatchObject({ subject: 'payer', operation: `test:bankFile:${payrollId}:${exported!.id}`, persons: [] });
    const readers = async (personIdNumber: string) => {
      const { page } = auditLogQueries({ personIdNumber, kind: 'READ' }, 20, undefined, { readsOf: BANK_FILE_READS });
      return (await db.sql.query<{ id: string }>(page.sql.replace('SELECT *', 'SELECT id::text AS id'), page.values)).map((row) => row.id);
    };
    for (const holding of holdings.slice(0, 20)) expect(await readers(holding.personIdNumber)).toEqual([audit!.id]);
    expect(await readers(holdings[25]!.personIdNumber)).toEqual([]);
    const references = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[0]!);
    const answer = [
      'reference,status,reason,paid_on',
      ...references.map((ref, index) => (index < 3 ? `${ref},FAILED,"户名不符, 请核实",` : `${ref},PAID,,2026-05-08`)),
    ].join('\r\n');
    expect(await importBankReturn(db, payrollId, parseCsv(answer))).toEqual({ paid: 17, failed: 3, unchanged: 0, stale: 0 });
    const totals = await payrollTotals(prisma, payrollId);
    expect(totals.byStatus.FAILED.count).toBe(3);
    expect(totals.byStatus.PENDING.count).toBe(10);
    expect(totals.byStatus.PAID.fen + totals.byStatus.FAILED.fen + totals.byStatus.PENDING.fen).toBe(totals.totalFen);
    const failed = await prisma.paymentLine.findMany({ where: { payrollId: payrollId, status: 'FAILED' } });
    expect(failed.map((line) => line.failureReason)).toEqual(['户名不符, 请核实', '户名不符, 请核实', '户名不符, 请核实']);
  });

  it('rejects a whole return file with a bad row and changes nothing', async () => {
    const [payroll] = await prisma.payroll.findMany({ where: { month: day('2026-05-01') } });
    const before = await payrollTotals(prisma, payroll!.id);
    const bad = 'reference,status,reason,paid_on\n00000000-0000-4000-8000-000000000099.1,PAID,,2026-05-08\nnonsense,LOST,,\n';
    await expect(importBankReturn(db, payroll!.id, parseCsv(bad))).rejects.toMatchObject({ code: 'BATCH_REJECTED' });
    // A reference answered twice in one file, even pages apart, is a bad row.
    const [line] = await prisma.paymentLine.findMany({ where: { payrollId: payroll!.id, status: 'PAID' }, take: 1 });
    const twice = `reference,status,reason,paid_on\n${line!.id}.1,PAID,,2026-05-08\n${line!.id}.1,FAILED,账户冻结,\n`;
    await expect(importBankReturn(db, payroll!.id, parseCsv(twice))).rejects.toMatchObject({
      code: 'BATCH_REJECTED',
      details: { rows: [{ row: 3, message: expect.stringContaining('appears twice') }] },
    });
    expect(await payrollTotals(prisma, payroll!.id)).toEqual(before);
  });
});

describe('supervision', () => {
  it('finds a payment after a death recorded later, and a relative of the maker', async () => {
    const month = day('2026-03-01');
    await prisma.staffMember.create({
      data: {
        subject: 'maker',
        idNumber: makeIdNumber({ areaCode: '411203', birthDate: '1980-01-01', sequence: 11 }),
        name: '张制表',
        countyCode: '411203',
        position: '科员',
        createdBy: 'hr',
        relatives: { create: [{ relativeIdNumber: holdings[1]!.personIdNumber, relationship: '配偶', declaredBy: 'hr' }] },
      },
    });
    const now: SourceReader = async function* () {
      yield holdings.map((holding, index) =>
        index === 2
          ? { ...holding, deceasedOn: day('2026-02-20'), status: 'ENDED' as const, validTo: day('2026-02-20') }
          : index === 4
            ? { ...holding, monthlyAmount: '900' }
            : holding,
      );
    };
    const deps = {
      prisma,
      policy: () => prisma.policyParameter.findMany(),
      graph: () => {
        throw new Error('not used');
      },
    };
    const added = await superviseMonth(deps, '411203', month, { source: now, asOf: day('2026-03-03') });
    const findings = await prisma.supervisionFinding.findMany({ where: { month } });
    expect(findings.map((finding) => [finding.kind, finding.personIdNumber]).sort()).toEqual(
      [
        ['DECEASED_PAID', holdings[2]!.personIdNumber],
        ['RELATIVE_OF_STAFF', holdings[1]!.personIdNumber],
      ].sort(),
    );
    expect(added).toBe(2);
    // Again: nothing new.
    expect(await superviseMonth(deps, '411203', month, { source: now, asOf: day('2026-03-03') })).toBe(0);
  });

  it('writes each per-line finding with its key and text, by the register as it is now', async () => {
    const month = day('2026-09-01');
    const fen = (amount: { toString(): string }) => Math.round(Number(amount) * 100);
    // 'maker' declared holdings[1] (above); the approver holdings[8]; the granter of holdings[7], which has left the register's month.
    for (const [subject, sequence, relative] of [
      ['checker', 12, holdings[8]!],
      ['granter', 13, holdings[7]!],
    ] as const) {
      await prisma.staffMember.create({
        data: {
          subject,
          idNumber: makeIdNumber({ areaCode: '411203', birthDate: '1980-01-01', sequence }),
          name: `王${subject}`,
          countyCode: '411203',
          position: '科员',
          createdBy: 'hr',
          relatives: { create: [{ relativeIdNumber: relative.personIdNumber, relationship: '子女', declaredBy: 'hr' }] },
        },
      });
    }
    const { payrollId } = await generate(month);
    await approvePayroll(prisma, payrollId, 'checker', () => {});
    const register = holdings.flatMap((holding, index) =>
      index === 7
        ? []
        : index === 2
          ? [{ ...holding, deceasedOn: day('2026-09-20'), status: 'ENDED' as const, validTo: day('2026-09-20') }]
          : index === 3
            ? [{ ...holding, careLevel: 'SELF_CARE' as const }]
            : [holding],
    );
    const now: SourceReader = async function* () {
      yield register;
    };
    const deps = { prisma, policy: () => prisma.policyParameter.findMany(), graph: () => ({}) as never };
    await superviseMonth(deps, '411203', month, { source: now, asOf: day('2026-09-03') });

    const policy = payrollPolicy(await prisma.policyParameter.findMany(), '411203', 2026);
    const lines = await prisma.paymentLine.findMany({ where: { payrollId } });
    const byPerson = (holding: SourceHolding) => lines.find((line) => line.personIdNumber === holding.personIdNumber)!;
    const expected: [string, string][] = [];
    const deceased = byPerson(holdings[2]!);
    expected.push([
      `DECEASED_PAID:${deceased.id}`,
      `${maskIdNumber(deceased.personIdNumber)} 已于 2026-09-20 死亡, 2026-09 计发至 2026-09-30, 金额 ${deceased.amount.toFixed(2)} 元`,
    ]);
    for (const holding of register) {
      const line = byPerson(holding);
      const standard = fullMonthAmounts({ ...holding, monthlyAmount: null }, policy);
      if (fen(line.basicAmount) > standard.basicFen || fen(line.careAllowance) > standard.careFen) {
        expected.push([
          `AMOUNT:${line.id}:${line.amount.toFixed(2)}`,
          `${maskIdNumber(line.personIdNumber)} 2026-09 基本 ${line.basicAmount.toFixed(2)} + 护理 ${line.careAllowance.toFixed(2)} 元, 超过标准 ${fenToYuan(standard.basicFen)} + ${fenToYuan(standard.careFen)} 元`,
        ]);
      }
    }
    for (const [holding, role, subject, name, relationship] of [
      [holdings[1]!, '制表', 'maker', '张制表', '配偶'],
      [holdings[8]!, '审批', 'checker', '王checker', '子女'],
      [holdings[7]!, '认定', 'granter', '王granter', '子女'],
    ] as const) {
      const line = byPerson(holding);
      expected.push([
        `RELATIVE:${line.id}:${role}:${subject}`,
        `${maskIdNumber(line.personIdNumber)} 是${role}人 ${name} (${subject}) 申报的亲属 (${relationship})`,
      ]);
    }
    // The care level the register now gives holdings[3] pays less than its line: out of range.
    expect(expected.map(([key]) => key)).toContain(`AMOUNT:${byPerson(holdings[3]!).id}:${byPerson(holdings[3]!).amount.toFixed(2)}`);
    const found = await prisma.supervisionFinding.findMany({ where: { month, lineId: { not: null } } });
    const byKey = ([a]: string[], [b]: string[]) => (a! < b! ? -1 : 1);
    expect(found.map((finding) => [finding.key, finding.detail]).sort(byKey)).toEqual(expected.sort(byKey));
    expect(found.every((finding) => finding.payrollId === payrollId && finding.countyCode === '411203')).toBe(true);
  });

  it('masks an ID number in SQL as maskIdNumber does', async () => {
    const values = ['41120219900101129X', '411202199001011', '41120219', '4112021990', '41120219901', ''];
    const rows = await prisma.$queryRawUnsafe<{ shown: string }[]>(
      `SELECT ${maskIdNumberSql('v')} AS shown FROM unnest($1::text[]) WITH ORDINALITY AS u(v, n) ORDER BY n`,
      values,
    );
    expect(rows.map((row) => row.shown)).toEqual(values.map(maskIdNumber));
  });

  it('finds a person paid twice or under both categories in another county, and an account shared by households', async () => {
    const month = day('2026-09-01');
    // A neighbouring county pays holdings[0] (extreme poverty here) dibao, and holdings[1] dibao again.
    const elsewhere: SourceReader = async function* () {
      yield [0, 1].map((index) => ({
        ...holdings[index]!,
        holdingId: `00000000-0000-4000-9000-${String(index).padStart(12, '0')}`,
        regionCode: '411204100001',
        category: 'SUBSISTENCE_ALLOWANCE' as const,
        subtype: null,
        careLevel: null,
      }));
    };
    const policy = payrollPolicy(await prisma.policyParameter.findMany(), '411204', 2026);
    await generatePayroll(db, { countyCode: '411204', month, preparedBy: 'maker', policy, source: elsewhere });
    const deps = { prisma, policy: () => prisma.policyParameter.findMany(), graph: () => ({}) as never };
    await superviseMonth(deps, '411203', month, { source, asOf: day('2026-09-03') });

    const lineOf = async (holding: SourceHolding) =>
      (await prisma.paymentLine.findFirstOrThrow({ where: { month, personIdNumber: holding.personIdNumber }, orderBy: { id: 'asc' } })).id;
    // holdings[0..19] have accounts of one number (the export test above), each its own household.
    const accounts = await prisma.paymentAccount.findMany({
      where: { personIdNumber: { in: holdings.slice(0, 20).map((h) => h.personIdNumber) } },
      orderBy: { id: 'asc' },
    });
    const found = await prisma.supervisionFinding.findMany({ where: { month, kind: { in: ['PAID_TWICE', 'EXCLUSIVE_CATEGORIES', 'SHARED_ACCOUNT'] } } });
    expect(found.map((f) => [f.key, f.lineId, f.accountId, f.detail]).sort()).toEqual(
      [
        [
          `EXCLUSIVE:${holdings[0]!.personIdNumber}:2026-09`,
          await lineOf(holdings[0]!),
          null,
          `${maskIdNumber(holdings[0]!.personIdNumber)} 2026-09 有 2 笔发放 (EXTREME_POVERTY, SUBSISTENCE_ALLOWANCE)`,
        ],
        [
          `PAID_TWICE:${holdings[1]!.personIdNumber}:2026-09`,
          await lineOf(holdings[1]!),
          null,
          `${maskIdNumber(holdings[1]!.personIdNumber)} 2026-09 有 2 笔发放 (SUBSISTENCE_ALLOWANCE)`,
        ],
        [`SHARED_ACCOUNT:${accounts[0]!.id}:2026-09`, null, accounts[0]!.id, `账号 ${maskAccountNumber(accounts[0]!.accountNumber)} 2026-09 为 20 户收款`],
      ].sort(),
    );
  });
});
