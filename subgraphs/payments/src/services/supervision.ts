// 数字监督: checks of a county's month of payments against the register (payments' copy, brought up
// to date through the graph first) and the staff register. Each finding has a stable key, so running the checks again adds
// only what is new; findings are append-only and resolved by a separate record.
import { formatDate, monthEnd, today } from '@lip/shared/calendar';
import type { SqlRunner } from '@lip/shared/database';
import type { GatewayClient } from '@lip/shared/gateway-client';
import { maskIdNumber } from '@lip/shared/id-number';
import { formatMonth } from '@lip/shared/periods';
import type { PolicyParameterRow } from '@lip/shared/policy';
import { CITY_PREFIX } from '@lip/shared/regions';
import { maskAccountNumber } from '../domain/bank-file.ts';
import { approvalLateness, paymentDueOn } from '../domain/late.ts';
import { fenToYuan, fullMonthAmounts, type SourceHolding } from '../domain/payroll.ts';
import { payrollPolicy } from '../domain/policy.ts';
import type { FindingKind, Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { SourceReader } from './payroll.ts';
import { COPY_MONTH, syncRegisterCopy } from './register-copy.ts';

export interface SupervisionDeps {
  prisma: PrismaClient;
  policy(): Promise<PolicyParameterRow[]>;
  graph(region: string): GatewayClient;
}

type NewFinding = Prisma.SupervisionFindingCreateManyInput & { kind: FindingKind };

const PAGE = 10_000;
const LONG = { timeout: 600_000, maxWait: 600_000 };

/** A Prisma transaction as the SQL runner the register's copy is read and synced on. */
const runner = (tx: Prisma.TransactionClient): SqlRunner => ({
  query: <T>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...params),
  exec: (text: string) => tx.$executeRawUnsafe(text).then(() => {}),
});
const fen = (amount: { toString(): string }) => Math.round(Number(amount.toString()) * 100);

// The register's view of each holding, for the per-line checks: written page by page into a temporary
// table and joined to the lines, so a county of any size is checked in flat memory.
const REGISTER_TABLE = `CREATE TEMP TABLE IF NOT EXISTS supervision_register ("holdingId" text PRIMARY KEY, "deceasedOn" date, "grantedBy" text,
  "hukouType" text, category text, "careLevel" text) ON COMMIT DELETE ROWS`;
const REGISTER_ROWS = `INSERT INTO supervision_register SELECT * FROM json_to_recordset($1::json)
  AS r("holdingId" text, "deceasedOn" date, "grantedBy" text, "hukouType" text, category text, "careLevel" text) ON CONFLICT DO NOTHING`;
// The same view straight from payments' copy, in the database: no county-sized round trip through Node.
const REGISTER_FROM_COPY = `INSERT INTO supervision_register
  SELECT "holdingId", "deceasedOn", "grantedBy", "hukouType", category::text, "careLevel"::text FROM "RegisterHolding" WHERE ${COPY_MONTH}`;

interface CheckedLine {
  id: string;
  personIdNumber: string;
  paidTo: Date;
  category: string | null;
  basicAmount: string;
  careAllowance: string;
  amount: string;
  grantedBy: string | null;
  /** From the register; null when the holding is no longer in it. */
  holdingId: string | null;
  deceasedOn: Date | null;
  registerGrantedBy: string | null;
  hukouType: SourceHolding['hukouType'] | null;
  registerCategory: SourceHolding['category'] | null;
  careLevel: SourceHolding['careLevel'];
}

/** Runs every check on a county's month; returns how many findings were new. */
export async function superviseMonth(
  deps: SupervisionDeps,
  countyCode: string,
  month: Date,
  options: { asOf?: Date; source?: SourceReader } = {},
): Promise<number> {
  const { prisma } = deps;
  const asOf = options.asOf ?? today();
  const label = formatMonth(month);
  const policy = payrollPolicy(await deps.policy(), countyCode, month.getUTCFullYear());
  const base = { countyCode, month };
  let added = 0;
  let findings: NewFinding[] = [];
  const flush = async (tx: Prisma.TransactionClient | PrismaClient) => {
    if (findings.length) added += (await tx.supervisionFinding.createMany({ data: findings, skipDuplicates: true })).count;
    findings = [];
  };

  const relatives = new Map<string, { subject: string; name: string; relationship: string }[]>();
  for (const row of await prisma.staffRelative.findMany({ include: { staff: { select: { subject: true, name: true } } } })) {
    const list = relatives.get(row.relativeIdNumber) ?? [];
    list.push({ subject: row.staff.subject, name: row.staff.name, relationship: row.relationship });
    relatives.set(row.relativeIdNumber, list);
  }

  const payroll = await prisma.payroll.findUnique({ where: { countyCode_month: { countyCode, month } } });
  if (payroll) {
    const late = approvalLateness(payroll, policy, asOf);
    if (late) {
      findings.push({
        ...base,
        kind: 'LATE_PAYMENT',
        key: `LATE_APPROVAL:${payroll.id}`,
        payrollId: payroll.id,
        detail: `${label} 名册 ${late.settledOn ? '逾期审批' : '未审批'}, 期限 ${formatDate(late.dueOn)}, 逾期 ${late.daysLate} 天`,
      });
    }
    const due = paymentDueOn(month, policy);
    if (asOf > due) {
      const [{ count, amount }] = await prisma.$queryRaw<[{ count: number; amount: string | null }]>`
        SELECT count(*)::int AS count, sum(amount)::text AS amount FROM "PaymentLine"
        WHERE "payrollId" = ${payroll.id} AND (status <> 'PAID' OR "paidOn" > ${due})`;
      if (count > 0) {
        findings.push({
          ...base,
          kind: 'LATE_PAYMENT',
          key: `LATE_LINES:${payroll.id}`,
          payrollId: payroll.id,
          detail: `${label} 名册 ${count} 笔 ${amount} 元未于 ${formatDate(due)} 前到账`,
        });
      }
    }

    // The register as it is now (deaths recorded since the payroll was made count), line by line: payments' copy,
    // brought to the head of the register's log in a transaction of its own, so the copy's lock is not held
    // while the lines are checked (a generation waits for it).
    const { source } = options;
    if (!source) await prisma.$transaction((tx) => syncRegisterCopy(runner(tx), deps.graph(CITY_PREFIX)), LONG);
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(REGISTER_TABLE);
      if (!source) await tx.$executeRawUnsafe(REGISTER_FROM_COPY, countyCode, formatDate(monthEnd(month)), formatDate(month));
      else {
        for await (const page of source(countyCode, month, runner(tx))) {
          const rows = page.map((h) => ({
            holdingId: h.holdingId,
            deceasedOn: h.deceasedOn?.toISOString().slice(0, 10) ?? null,
            grantedBy: h.grantedBy,
            hukouType: h.hukouType,
            category: h.category,
            careLevel: h.careLevel,
          }));
          if (rows.length) await tx.$executeRawUnsafe(REGISTER_ROWS, JSON.stringify(rows));
        }
      }
      let after = '';
      for (;;) {
        const lines = await tx.$queryRaw<CheckedLine[]>`
          SELECT l.id, l."personIdNumber", l."paidTo", l.category::text AS category, l."basicAmount"::text AS "basicAmount", l."careAllowance"::text AS "careAllowance",
            l.amount::text AS amount, l."grantedBy", r."holdingId", r."deceasedOn", r."grantedBy" AS "registerGrantedBy", r."hukouType", r.category AS "registerCategory", r."careLevel"
          FROM "PaymentLine" l LEFT JOIN supervision_register r ON r."holdingId" = l."holdingId"
          WHERE l."payrollId" = ${payroll.id} AND l.id > ${after} ORDER BY l.id LIMIT ${PAGE}`;
        if (lines.length === 0) break;
        after = lines.at(-1)!.id;
        for (const line of lines) {
          const shown = maskIdNumber(line.personIdNumber);
          const line_ = { ...base, payrollId: payroll.id, lineId: line.id, personIdNumber: line.personIdNumber };
          if (line.deceasedOn && line.deceasedOn < line.paidTo) {
            findings.push({
              ...line_,
              kind: 'DECEASED_PAID',
              key: `DECEASED_PAID:${line.id}`,
              detail: `${shown} 已于 ${formatDate(line.deceasedOn)} 死亡, ${label} 计发至 ${formatDate(line.paidTo)}, 金额 ${line.amount} 元`,
            });
          }
          if (line.holdingId && line.category) {
            const holding = { category: line.registerCategory, hukouType: line.hukouType, careLevel: line.careLevel, monthlyAmount: null } as SourceHolding;
            const standard = fullMonthAmounts(holding, policy);
            if (fen(line.basicAmount) > standard.basicFen || fen(line.careAllowance) > standard.careFen) {
              findings.push({
                ...line_,
                kind: 'AMOUNT_OUT_OF_RANGE',
                key: `AMOUNT:${line.id}:${line.amount}`,
                detail: `${shown} ${label} 基本 ${line.basicAmount} + 护理 ${line.careAllowance} 元, 超过标准 ${fenToYuan(standard.basicFen)} + ${fenToYuan(standard.careFen)} 元`,
              });
            }
          }
          const deciders = [
            ['认定', line.holdingId ? line.registerGrantedBy : line.grantedBy],
            ['制表', payroll.preparedBy],
            ['审批', payroll.approvedBy],
          ] as const;
          for (const staff of relatives.get(line.personIdNumber) ?? []) {
            for (const [role, subject] of deciders) {
              if (subject !== staff.subject) continue;
              findings.push({
                ...line_,
                kind: 'RELATIVE_OF_STAFF',
                key: `RELATIVE:${line.id}:${role}:${subject}`,
                detail: `${shown} 是${role}人 ${staff.name} (${subject}) 申报的亲属 (${staff.relationship})`,
              });
            }
          }
        }
        await flush(tx);
      }
    }, LONG);
  }

  // Across every payroll and one-off payment of the month: a person paid twice, or under both exclusive categories.
  const twice = await prisma.$queryRaw<{ personIdNumber: string; categories: string[]; count: number; lineId: string }[]>`
    SELECT "personIdNumber", array_agg(DISTINCT category::text) AS categories, count(*)::int AS count, min(id) AS "lineId"
    FROM "PaymentLine" WHERE month = ${month} AND category IS NOT NULL
      AND "personIdNumber" IN (SELECT "personIdNumber" FROM "PaymentLine" WHERE month = ${month} AND "countyCode" = ${countyCode})
    GROUP BY "personIdNumber" HAVING count(*) > 1`;
  for (const row of twice) {
    const exclusive = row.categories.length > 1;
    findings.push({
      ...base,
      kind: exclusive ? 'EXCLUSIVE_CATEGORIES' : 'PAID_TWICE',
      key: `${exclusive ? 'EXCLUSIVE' : 'PAID_TWICE'}:${row.personIdNumber}:${label}`,
      personIdNumber: row.personIdNumber,
      lineId: row.lineId,
      detail: `${maskIdNumber(row.personIdNumber)} ${label} 有 ${row.count} 笔发放 (${row.categories.join(', ')})`,
    });
  }

  // One account number paid for several households (accounts are per person, so the same number registered twice).
  const shared = await prisma.$queryRaw<{ accountNumber: string; households: number; accountId: string }[]>`
    SELECT a."accountNumber", count(DISTINCT coalesce(l."householdId", l."personIdNumber"))::int AS households, min(a.id) AS "accountId"
    FROM "PaymentLine" l JOIN "PaymentAccount" a ON a.id = l."accountId"
    WHERE l.month = ${month} AND l."countyCode" = ${countyCode} AND l."payeeKind" = 'PERSON'
    GROUP BY a."accountNumber" HAVING count(DISTINCT coalesce(l."householdId", l."personIdNumber")) > 1`;
  for (const row of shared) {
    findings.push({
      ...base,
      kind: 'SHARED_ACCOUNT',
      key: `SHARED_ACCOUNT:${row.accountId}:${label}`,
      accountId: row.accountId,
      detail: `账号 ${maskAccountNumber(row.accountNumber)} ${label} 为 ${row.households} 户收款`,
    });
  }

  await flush(prisma);
  return added;
}
