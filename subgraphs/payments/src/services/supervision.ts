// 数字监督: checks of a county's month of payments against the register (payments' copy, brought up
// to date through the graph first) and the staff register. Each finding has a stable key, so running the checks again adds
// only what is new; findings are append-only and resolved by a separate record.
import { formatDate, monthEnd, today } from '@lip/shared/calendar';
import type { SqlRunner } from '@lip/shared/database';
import type { GatewayClient } from '@lip/shared/gateway-client';
import { maskIdNumber, maskIdNumberSql } from '@lip/shared/id-number';
import { formatMonth } from '@lip/shared/periods';
import type { PolicyParameterRow } from '@lip/shared/policy';
import { CITY_PREFIX } from '@lip/shared/regions';
import { maskAccountNumber } from '../domain/bank-file.ts';
import { approvalLateness, paymentDueOn } from '../domain/late.ts';
import { fenToYuan, fullMonthAmounts, type SourceHolding } from '../domain/payroll.ts';
import { type CareLevel, type HukouType, type PayrollPolicy, payrollPolicy } from '../domain/policy.ts';
import type { FindingKind, Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { BULK_MEMORY, type SourceReader } from './payroll.ts';
import { COPY_MONTH, syncRegisterCopy } from './register-copy.ts';

export interface SupervisionDeps {
  prisma: PrismaClient;
  policy(): Promise<PolicyParameterRow[]>;
  graph(region: string): GatewayClient;
}

type NewFinding = Prisma.SupervisionFindingCreateManyInput & { kind: FindingKind };

const LONG = { timeout: 600_000, maxWait: 600_000 };

/** A Prisma transaction as the SQL runner the register's copy is read and synced on. */
const runner = (tx: Prisma.TransactionClient): SqlRunner => ({
  query: <T>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...params),
  exec: (text: string) => tx.$executeRawUnsafe(text).then(() => {}),
});

// The register's view of each holding, for the per-line checks: written page by page into a temporary
// table and joined to the lines, so a county of any size is checked in flat memory.
const REGISTER_TABLE = `CREATE TEMP TABLE IF NOT EXISTS supervision_register ("holdingId" text PRIMARY KEY, "deceasedOn" date, "grantedBy" text,
  "hukouType" text, category text, "careLevel" text) ON COMMIT DELETE ROWS`;
const REGISTER_ROWS = `INSERT INTO supervision_register SELECT * FROM json_to_recordset($1::json)
  AS r("holdingId" text, "deceasedOn" date, "grantedBy" text, "hukouType" text, category text, "careLevel" text) ON CONFLICT DO NOTHING`;
// The same view straight from payments' copy, in the database: no county-sized round trip through Node.
const REGISTER_FROM_COPY = `INSERT INTO supervision_register
  SELECT "holdingId", "deceasedOn", "grantedBy", "hukouType", category::text, "careLevel"::text FROM "RegisterHolding" WHERE ${COPY_MONTH}`;

// The per-line checks, each one statement over the payroll's lines joined to the register's view ($1 the payroll,
// $2 the county, $3 the month, then each its own): findings written where they are found, never read into Node.
const LINE_FINDING = `INSERT INTO "SupervisionFinding" (id, key, kind, "countyCode", month, "payrollId", "lineId", "personIdNumber", detail)
  SELECT gen_random_uuid()::text, f.key, f.kind::"FindingKind", $2, $3::date, $1, f."lineId", f."personIdNumber", f.detail FROM (`;
const SHOWN = maskIdNumberSql('l."personIdNumber"');
const DECEASED_PAID = `${LINE_FINDING}
  SELECT 'DECEASED_PAID:' || l.id AS key, 'DECEASED_PAID' AS kind, l.id AS "lineId", l."personIdNumber",
    ${SHOWN} || ' 已于 ' || to_char(r."deceasedOn", 'YYYY-MM-DD') || ' 死亡, ' || $4::text || ' 计发至 ' || to_char(l."paidTo", 'YYYY-MM-DD') || ', 金额 ' || l.amount::text || ' 元' AS detail
  FROM "PaymentLine" l JOIN supervision_register r ON r."holdingId" = l."holdingId"
  WHERE l."payrollId" = $1 AND r."deceasedOn" < l."paidTo") f ON CONFLICT DO NOTHING`;
// $4 the month's label, $5 the standards (standardsTable), compared with the register's category, hukou and care level.
const AMOUNT_OUT_OF_RANGE = `${LINE_FINDING}
  SELECT 'AMOUNT:' || l.id || ':' || l.amount::text AS key, 'AMOUNT_OUT_OF_RANGE' AS kind, l.id AS "lineId", l."personIdNumber",
    ${SHOWN} || ' ' || $4::text || ' 基本 ' || l."basicAmount"::text || ' + 护理 ' || l."careAllowance"::text || ' 元, 超过标准 ' || s."basicYuan" || ' + ' || s."careYuan" || ' 元' AS detail
  FROM "PaymentLine" l JOIN supervision_register r ON r."holdingId" = l."holdingId"
    JOIN json_to_recordset($5::json) AS s(category text, "hukouType" text, "careLevel" text, "basicFen" bigint, "careFen" bigint, "basicYuan" text, "careYuan" text)
      ON s.category = r.category AND s."hukouType" = r."hukouType" AND s."careLevel" IS NOT DISTINCT FROM r."careLevel"
  WHERE l."payrollId" = $1 AND l.category IS NOT NULL
    AND (round(l."basicAmount" * 100) > s."basicFen" OR round(l."careAllowance" * 100) > s."careFen")) f ON CONFLICT DO NOTHING`;
// 人情保: a declared relative of whoever granted the holding (the register's, else the line's), prepared ($4) or approved ($5) the payroll.
const RELATIVE_OF_STAFF = `${LINE_FINDING}
  SELECT 'RELATIVE:' || l.id || ':' || d.role || ':' || d.subject AS key, 'RELATIVE_OF_STAFF' AS kind, l.id AS "lineId", l."personIdNumber",
    ${SHOWN} || ' 是' || d.role || '人 ' || m.name || ' (' || d.subject || ') 申报的亲属 (' || sr.relationship || ')' AS detail
  FROM "PaymentLine" l JOIN "StaffRelative" sr ON sr."relativeIdNumber" = l."personIdNumber" JOIN "StaffMember" m ON m.id = sr."staffId"
    LEFT JOIN supervision_register r ON r."holdingId" = l."holdingId"
    CROSS JOIN LATERAL (VALUES ('认定', CASE WHEN r."holdingId" IS NOT NULL THEN r."grantedBy" ELSE l."grantedBy" END), ('制表', $4::text), ('审批', $5::text)) AS d(role, subject)
  WHERE l."payrollId" = $1 AND d.subject = m.subject) f ON CONFLICT DO NOTHING`;

const HUKOU_TYPES: HukouType[] = ['URBAN', 'RURAL'];
const CARE_LEVELS: (CareLevel | null)[] = [null, 'SELF_CARE', 'PARTIALLY_DISABLED', 'FULLY_DISABLED'];

/** The policy's full-month standard for every category, hukou and care level, by the payroll's own rule (no decided amount). */
export function standardsTable(policy: PayrollPolicy) {
  return (['SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY'] as const).flatMap((category) =>
    HUKOU_TYPES.flatMap((hukouType) =>
      CARE_LEVELS.map((careLevel) => {
        const { basicFen, careFen } = fullMonthAmounts({ category, hukouType, careLevel, monthlyAmount: null } as SourceHolding, policy);
        return { category, hukouType, careLevel, basicFen, careFen, basicYuan: fenToYuan(basicFen), careYuan: fenToYuan(careFen) };
      }),
    ),
  );
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

    // The register as it is now (deaths recorded since the payroll was made count), joined to the lines: payments' copy,
    // brought to the head of the register's log in a transaction of its own, so the copy's lock is not held
    // while the lines are checked (a generation waits for it).
    const { source } = options;
    if (!source) await prisma.$transaction((tx) => syncRegisterCopy(runner(tx), deps.graph(CITY_PREFIX)), LONG);
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(REGISTER_TABLE);
      await tx.$executeRawUnsafe(BULK_MEMORY);
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
      // Statistics of the register's rows, so the checks hash-join them with the lines.
      await tx.$executeRawUnsafe('ANALYZE supervision_register');
      const finding = [payroll.id, countyCode, formatDate(month)];
      for (const [text, ...params] of [
        [DECEASED_PAID, label],
        [AMOUNT_OUT_OF_RANGE, label, JSON.stringify(standardsTable(policy))],
        [RELATIVE_OF_STAFF, payroll.preparedBy, payroll.approvedBy],
      ]) {
        added += await tx.$executeRawUnsafe(text!, ...finding, ...params);
      }
    }, LONG);
  }

  // Across every payroll and one-off payment of the month: a person paid twice, or under both exclusive categories;
  // and one account number paid for several households (accounts are per person, so the same number registered twice).
  // Each first finds the few persons or numbers concerned with a hash aggregate over the month's lines, then describes them.
  const [twice, shared] = await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(BULK_MEMORY);
    return [
      await tx.$queryRaw<{ personIdNumber: string; categories: string[]; count: number; lineId: string }[]>`
        SELECT "personIdNumber", array_agg(DISTINCT category::text) AS categories, count(*)::int AS count, min(id) AS "lineId"
        FROM "PaymentLine" WHERE month = ${month} AND category IS NOT NULL AND "personIdNumber" IN (
          SELECT "personIdNumber" FROM "PaymentLine" WHERE month = ${month} GROUP BY "personIdNumber"
          HAVING count(*) FILTER (WHERE category IS NOT NULL) > 1 AND bool_or("countyCode" = ${countyCode}))
        GROUP BY "personIdNumber"`,
      await tx.$queryRaw<{ accountNumber: string; households: number; accountId: string }[]>`
        WITH paid AS (
          SELECT a.id, a."accountNumber", coalesce(l."householdId", l."personIdNumber") AS household
          FROM "PaymentLine" l JOIN "PaymentAccount" a ON a.id = l."accountId"
          WHERE l.month = ${month} AND l."countyCode" = ${countyCode} AND l."payeeKind" = 'PERSON')
        SELECT "accountNumber", count(DISTINCT household)::int AS households, min(id) AS "accountId" FROM paid
        WHERE "accountNumber" IN (SELECT "accountNumber" FROM paid GROUP BY "accountNumber" HAVING min(household) <> max(household))
        GROUP BY "accountNumber"`,
    ] as const;
  }, LONG);
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
