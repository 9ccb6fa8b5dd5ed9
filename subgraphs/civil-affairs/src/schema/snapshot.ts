// 月度快照 and trends for dashboards: persons per category by month. A month's snapshot is
// taken by the mutation below (run it monthly, e.g. from cron on the 1st for the month just
// ended and again at any time for the current month). A month never snapshotted is
// reconstructed from the holdings' validity periods, so trends exist from the first day
// (the demo data's last 12 months come from there); a person's current region is used.

import { monthEnd } from '@lip/shared/calendar';
import { DomainError, ErrorCode } from '@lip/shared/errors';
import { CITY_PREFIX, validateRegionPrefix } from '@lip/shared/regions';
import { forbidden, scopedPrefix } from '@lip/shared/scopes';
import { lockKeys } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import { parseMonth, snapshotMonth, trendMonths } from '../domain/snapshot.ts';
import { type LowIncomeCategory as Category, Prisma } from '../generated/prisma/client.ts';
import { LowIncomeCategory } from './enums.ts';

type Source = 'SNAPSHOT' | 'RECONSTRUCTED' | 'LIVE';

const TrendSource = builder.enumType('TrendSource', {
  description: '数据来源: where a month’s figure comes from.',
  values: {
    SNAPSHOT: { description: '月度快照: frozen when the month’s snapshot was taken' },
    RECONSTRUCTED: { description: '按认定期间推算: from the holdings’ validity periods (no snapshot taken)' },
    LIVE: { description: '实时: the current month without a snapshot, as categoryCounts counts it' },
  },
});

interface TrendRow {
  month: string;
  category: Category;
  persons: number;
  source: Source;
}

const CategoryTrendPoint = builder.objectRef<TrendRow>('CategoryTrendPoint').implement({
  description: '分类月度人数: persons holding a category at the end of a month.',
  fields: (t) => ({
    month: t.exposeString('month', { description: '月份 YYYY-MM' }),
    category: t.field({ type: LowIncomeCategory, description: '类别', resolve: (row) => row.category }),
    persons: t.exposeInt('persons', { description: '人数' }),
    source: t.field({ type: TrendSource, description: '数据来源', resolve: (row) => row.source }),
  }),
});

interface SnapshotResult {
  month: string;
  persons: number;
  retaken: boolean;
}

const CategorySnapshotResult = builder.objectRef<SnapshotResult>('CategorySnapshotResult').implement({
  description: '月度快照结果',
  fields: (t) => ({
    month: t.exposeString('month', { description: '月份 YYYY-MM' }),
    persons: t.exposeInt('persons', { description: '快照中的人次 (persons × categories) across the city' }),
    retaken: t.exposeBoolean('retaken', {
      description: 'True when the current month’s earlier snapshot was replaced; a past month’s snapshot is never replaced',
    }),
  }),
});

type Runner = Pick<Prisma.TransactionClient, '$queryRaw'>;

/** Persons per township and category: live (ACTIVE holdings of the living) or at a past month's end. */
function countByTownship(db: Runner, prefix: string, at: { live: true } | { live: false; end: Date }) {
  const period = at.live
    ? Prisma.sql`h.status = 'ACTIVE'::"HoldingStatus" AND p."deceasedOn" IS NULL`
    : Prisma.sql`h.status <> 'SUSPENDED'::"HoldingStatus" AND h."validFrom" <= ${at.end}::date
        AND (h."validTo" IS NULL OR h."validTo" >= ${at.end}::date) AND (p."deceasedOn" IS NULL OR p."deceasedOn" > ${at.end}::date)`;
  return db.$queryRaw<{ regionCode: string; category: Category; persons: number }[]>(Prisma.sql`
    SELECT substr(p."regionCode", 1, 9) AS "regionCode", h.category, count(DISTINCT p."idNumber")::int AS persons
    FROM "CategoryHolding" h JOIN "Person" p ON p."idNumber" = h."personIdNumber"
    WHERE ${period} AND p."regionCode" LIKE ${`${prefix}%`}
    GROUP BY 1, 2`);
}

builder.queryField('categoryTrend', (t) =>
  t.field({
    type: [CategoryTrendPoint],
    description: '分类人数月度趋势 for dashboards: persons per category at each month’s end, oldest month first, within the caller’s region.',
    args: {
      regionPrefix: t.arg.string({ required: false, description: 'Restrict to a region prefix (default the caller’s region).' }),
      months: t.arg.int({ required: false, defaultValue: 12, description: 'How many months up to this one (1 to 36, default 12).' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.regionPrefix != null) {
        const checked = validateRegionPrefix(args.regionPrefix);
        if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field: 'regionPrefix', reason: checked.reason });
      }
      const months = trendMonths(args.months ?? 12);
      const prefix = scopedPrefix(ctx.identity, args.regionPrefix);
      if (prefix === null) return [];
      const stored = await ctx.prisma.$queryRaw<{ month: string; category: Category; persons: number }[]>(Prisma.sql`
        SELECT month, category, sum(persons)::int AS persons FROM "CategorySnapshot"
        WHERE month = ANY(${months}::text[]) AND "regionCode" LIKE ${`${prefix}%`} GROUP BY 1, 2`);
      const taken = new Set(
        (await ctx.prisma.$queryRaw<{ month: string }[]>(Prisma.sql`SELECT DISTINCT month FROM "CategorySnapshot" WHERE month = ANY(${months}::text[])`)).map(
          (r) => r.month,
        ),
      );
      const rows: TrendRow[] = stored.map((r) => ({ ...r, source: 'SNAPSHOT' }));
      const current = months[months.length - 1]!;
      for (const month of months.filter((m) => !taken.has(m))) {
        const live = month === current;
        const counts = await countByTownship(ctx.prisma, prefix, live ? { live: true } : { live: false, end: monthEnd(parseMonth(month)) });
        const byCategory = new Map<Category, number>();
        for (const r of counts) byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + r.persons);
        for (const [category, persons] of byCategory) rows.push({ month, category, persons, source: live ? 'LIVE' : 'RECONSTRUCTED' });
      }
      return rows.sort((a, b) => a.month.localeCompare(b.month) || a.category.localeCompare(b.category));
    },
  }),
);

builder.mutationField('takeCategorySnapshot', (t) =>
  t.field({
    type: CategorySnapshotResult,
    description:
      '取月度快照: freezes persons per township and category for a month (default this month) across the whole city. ' +
      'The current month may be taken again (it is replaced); a past month, counted from the holdings’ periods, is taken once and kept.',
    args: { month: t.arg.string({ required: false, description: '月份 YYYY-MM (default this month; never a future month)' }) },
    resolve: async (_root, args, ctx) => {
      if (ctx.identity.region !== CITY_PREFIX) throw forbidden('a snapshot covers the whole city: only a city-wide identity may take it');
      const { month, end, current } = snapshotMonth(args.month);
      return ctx.prisma.$transaction(async (tx) => {
        await lockKeys(tx, 'civil-affairs:snapshot', [month]);
        const existing = await tx.$queryRaw<{ persons: number }[]>(Prisma.sql`
          SELECT coalesce(sum(persons), 0)::int AS persons FROM "CategorySnapshot" WHERE month = ${month}
          HAVING count(*) > 0`);
        if (existing.length && !current) return { month, persons: existing[0]!.persons, retaken: false };
        if (existing.length) await tx.$executeRaw(Prisma.sql`DELETE FROM "CategorySnapshot" WHERE month = ${month}`);
        const counts = await countByTownship(tx, CITY_PREFIX, current ? { live: true } : { live: false, end });
        for (let i = 0; i < counts.length; i += 500) {
          await tx.categorySnapshot.createMany({
            data: counts
              .slice(i, i + 500)
              .map((r) => ({ month, regionCode: r.regionCode, category: r.category, persons: r.persons, takenBy: ctx.identity.subject })),
          });
        }
        return { month, persons: counts.reduce((sum, r) => sum + r.persons, 0), retaken: existing.length > 0 };
      });
    },
  }),
);
