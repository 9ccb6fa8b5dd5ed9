// 预警统计: the numbers a monitoring page shows (alerts by rule and status, the referral funnel,
// time to close), counted in the database over the same alerts `alerts` lists for the caller.
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { checkedPrefix } from './alert.ts';
import { AlertStatus } from './enums.ts';

interface StatusCount {
  ruleCode: string;
  status: string;
  alerts: number;
}

interface Funnel {
  raised: number;
  referred: number;
  accepted: number;
  closed: number;
  resolved: number;
  dismissed: number;
}

interface CloseTime {
  ruleCode: string;
  closed: number;
  averageDays: number;
  medianDays: number;
}

interface Statistics {
  prefix: string | null;
}

const AlertStatusCount = builder.objectRef<StatusCount>('AlertStatusCount').implement({
  description: '预警数: alerts of one rule in one status.',
  fields: (t) => ({
    ruleCode: t.exposeString('ruleCode', { description: '规则代码' }),
    status: t.field({ type: AlertStatus, description: '状态', resolve: (row) => row.status as never }),
    alerts: t.exposeInt('alerts', { description: '件数' }),
  }),
});

const AlertFunnel = builder.objectRef<Funnel>('AlertFunnel').implement({
  description: '转办漏斗: how far the alerts got (OPEN → REFERRED → IN_PROGRESS → RESOLVED or DISMISSED), each stage counting the alerts that ever reached it.',
  fields: (t) => ({
    raised: t.exposeInt('raised', { description: '预警 (all alerts)' }),
    referred: t.exposeInt('referred', { description: '已转办: alerts referred to an office at least once' }),
    accepted: t.exposeInt('accepted', { description: '已接收: alerts whose referral an office accepted' }),
    closed: t.exposeInt('closed', { description: '已结束: resolved or dismissed' }),
    resolved: t.exposeInt('resolved', { description: '已办结' }),
    dismissed: t.exposeInt('dismissed', { description: '已撤销' }),
  }),
});

const AlertCloseTime = builder.objectRef<CloseTime>('AlertCloseTime').implement({
  description: '办结用时: days from raising to resolving or dismissing, over the closed alerts of one rule.',
  fields: (t) => ({
    ruleCode: t.exposeString('ruleCode', { description: '规则代码' }),
    closed: t.exposeInt('closed', { description: '已结束件数' }),
    averageDays: t.exposeFloat('averageDays', { description: '平均天数' }),
    medianDays: t.exposeFloat('medianDays', { description: '中位天数' }),
  }),
});

/** The alerts' condition in SQL for a checked prefix (null: the caller sees none). */
const scope = (prefix: string | null) => (prefix === null ? { sql: 'false', params: [] } : { sql: `a."regionCode" LIKE $1`, params: [`${prefix}%`] });

const AlertStatistics = builder.objectRef<Statistics>('AlertStatistics').implement({
  description: '预警统计 within the caller’s region (by the region stored on each alert), every status included.',
  fields: (t) => ({
    byRuleAndStatus: t.field({
      type: [AlertStatusCount],
      description: '按规则和状态: alerts by rule and status, rules in code order, statuses in their order.',
      resolve: ({ prefix }, _args, ctx: Context) => {
        const where = scope(prefix);
        return ctx.prisma.$queryRawUnsafe<StatusCount[]>(
          `SELECT a."ruleCode", a."status"::text AS "status", count(*)::int AS "alerts" FROM "Alert" a WHERE ${where.sql}
           GROUP BY a."ruleCode", a."status" ORDER BY a."ruleCode", a."status"`,
          ...where.params,
        );
      },
    }),
    funnel: t.field({
      type: AlertFunnel,
      description: '转办漏斗',
      resolve: async ({ prefix }, _args, ctx: Context) => {
        const where = scope(prefix);
        const [row] = await ctx.prisma.$queryRawUnsafe<Funnel[]>(
          `SELECT count(*)::int AS "raised",
                  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Referral" r WHERE r."alertId" = a."id"))::int AS "referred",
                  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Referral" r WHERE r."alertId" = a."id" AND r."acceptedAt" IS NOT NULL))::int AS "accepted",
                  count(*) FILTER (WHERE a."status" IN ('RESOLVED', 'DISMISSED'))::int AS "closed",
                  count(*) FILTER (WHERE a."status" = 'RESOLVED')::int AS "resolved",
                  count(*) FILTER (WHERE a."status" = 'DISMISSED')::int AS "dismissed"
           FROM "Alert" a WHERE ${where.sql}`,
          ...where.params,
        );
        return row!;
      },
    }),
    closeTimes: t.field({
      type: [AlertCloseTime],
      description: '办结用时 by rule (closed alerts only), rules in code order.',
      resolve: async ({ prefix }, _args, ctx: Context) => {
        const where = scope(prefix);
        const rows = await ctx.prisma.$queryRawUnsafe<{ ruleCode: string; closed: number; averageDays: unknown; medianDays: unknown }[]>(
          `SELECT a."ruleCode", count(*)::int AS "closed",
                  avg(extract(epoch FROM a."resolvedAt" - a."raisedAt") / 86400)::float8 AS "averageDays",
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a."resolvedAt" - a."raisedAt") / 86400)::float8 AS "medianDays"
           FROM "Alert" a WHERE ${where.sql} AND a."status" IN ('RESOLVED', 'DISMISSED') AND a."resolvedAt" IS NOT NULL
           GROUP BY 1 ORDER BY 1`,
          ...where.params,
        );
        const days = (value: unknown) => Math.round(Number(value) * 10) / 10;
        return rows.map((row) => ({ ruleCode: row.ruleCode, closed: row.closed, averageDays: days(row.averageDays), medianDays: days(row.medianDays) }));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  alertStatistics: t.field({
    type: AlertStatistics,
    description: '预警统计: alerts by rule and status, the referral funnel and time to close, within the caller’s region.',
    args: {
      regionPrefix: t.arg.string({ required: false, description: 'A region code prefix (county, township, village), narrowed to the caller’s region.' }),
    },
    resolve: (_root, { regionPrefix }, ctx) => ({ prefix: checkedPrefix(ctx.identity, regionPrefix) }),
  }),
}));
