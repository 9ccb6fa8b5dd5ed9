// 未按时发放: late items of a month (the monitoring service raises alerts from this query).

import { today } from '@lip/shared/calendar';
import { invalidInput } from '@lip/shared/errors';
import { checkCountyCode, checkMonth, formatMonth } from '@lip/shared/periods';
import { counties } from '@lip/shared/regions';
import { scopedPrefix } from '@lip/shared/scopes';
import { builder } from '../builder.ts';
import { approvalLateness, type Lateness, paymentDueOn, paymentLateness } from '../domain/late.ts';
import { payrollPolicy } from '../domain/policy.ts';
import { PersonRef, personOf } from './person-ref.ts';

interface LateItem extends Lateness {
  kind: 'PAYROLL_NOT_APPROVED' | 'LINE_NOT_PAID';
  countyCode: string;
  month: Date;
  payrollId: string | null;
  lineId: string | null;
  personIdNumber: string | null;
  amount: string | null;
}

const LateItemKind = builder.enumType('LatePaymentKind', {
  description: '逾期类型',
  values: {
    PAYROLL_NOT_APPROVED: { description: '名册未按期审批 (or not generated) by PAYROLL_APPROVAL_DAY.' },
    LINE_NOT_PAID: { description: '未于 PAYMENT_DUE_DAY 前到账.' },
  },
});

const LatePaymentItem = builder.objectRef<LateItem>('LatePaymentItem').implement({
  description: '逾期事项: a payroll not approved, or a line not PAID, by its day.',
  fields: (t) => ({
    kind: t.field({ type: LateItemKind, description: '类型', resolve: (item) => item.kind }),
    countyCode: t.exposeString('countyCode', { description: '县' }),
    month: t.string({ description: '月份 YYYY-MM', resolve: (item) => formatMonth(item.month) }),
    payrollId: t.exposeID('payrollId', { nullable: true, description: '名册编号; null when no payroll was generated.' }),
    lineId: t.exposeID('lineId', { nullable: true, description: '明细编号 (LINE_NOT_PAID)' }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', nullable: true, description: '救助对象' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '救助对象 (from civil affairs)',
      resolve: (item) => (item.personIdNumber ? personOf(item.personIdNumber) : null),
    }),
    amount: t.field({ type: 'Money', nullable: true, description: '金额 (元)', resolve: (item) => item.amount }),
    dueOn: t.expose('dueOn', { type: 'Date', description: '期限' }),
    settledOn: t.expose('settledOn', { type: 'Date', nullable: true, description: '实际完成日期; null while still outstanding.' }),
    daysLate: t.exposeInt('daysLate', { description: '逾期天数 (as of asOf while outstanding)' }),
  }),
});

const LatePayments = builder.objectRef<{ items: LateItem[]; lineCount: number }>('LatePayments').implement({
  description: '逾期事项: payrolls first, then lines by id.',
  fields: (t) => ({
    items: t.field({ type: [LatePaymentItem], description: '逾期事项 (lines up to `first`)', resolve: (page) => page.items }),
    lateLineCount: t.exposeInt('lineCount', { description: '逾期明细总数' }),
  }),
});

builder.queryField('latePayments', (t) =>
  t.field({
    type: LatePayments,
    description:
      '逾期事项 of a month in your region: payrolls not approved by PAYROLL_APPROVAL_DAY (a county without a payroll counts) and lines not ' +
      'PAID by PAYMENT_DUE_DAY (每月10日前发放到位), including those settled late.',
    args: {
      month: t.arg.string({ description: '月份 YYYY-MM' }),
      countyCode: t.arg.string({ required: false, description: 'Only this county (6 digits).' }),
      asOf: t.arg({ type: 'Date', required: false, description: 'Judge as of this date (default today in China).' }),
      first: t.arg.int({ required: false, defaultValue: 100, description: 'Most lines listed (1–500, default 100).' }),
      outstandingOnly: t.arg.boolean({ required: false, defaultValue: false, description: 'Leave out items settled late.' }),
      afterLineId: t.arg.id({ required: false, description: 'Only lines after this one (ids ascending): the next page, for the monitoring service.' }),
    },
    resolve: async (_root, args, ctx) => {
      const month = checkMonth(args.month);
      const asOf = args.asOf ?? today();
      const size = args.first ?? 100;
      if (!Number.isInteger(size) || size < 1 || size > 500) throw invalidInput('first must be from 1 to 500', { field: 'first' });
      const prefix = scopedPrefix(ctx.identity, args.countyCode == null ? null : checkCountyCode(args.countyCode));
      if (prefix === null) return { items: [], lineCount: 0 };
      const rows = await ctx.policy();
      const items: LateItem[] = [];
      let lineCount = 0;
      const payrolls = await ctx.prisma.payroll.findMany({ where: { month, countyCode: { startsWith: prefix.slice(0, 6) } } });
      for (const county of counties().filter((c) => c.code.startsWith(prefix.slice(0, 6)) || prefix.startsWith(c.code))) {
        const policy = payrollPolicy(rows, county.code, month.getUTCFullYear());
        const payroll = payrolls.find((p) => p.countyCode === county.code);
        const late = approvalLateness({ month, approvedAt: payroll?.approvedAt ?? null }, policy, asOf);
        const base = { countyCode: county.code, month, payrollId: payroll?.id ?? null, personIdNumber: null, amount: null };
        if (late && !(args.outstandingOnly && late.settledOn)) items.push({ ...base, ...late, kind: 'PAYROLL_NOT_APPROVED', lineId: null });
        if (!payroll) continue;
        const due = paymentDueOn(month, policy);
        if (asOf <= due) continue;
        const where = {
          payrollId: payroll.id,
          regionCode: { startsWith: prefix },
          OR: [{ status: { not: 'PAID' as const } }, ...(args.outstandingOnly ? [] : [{ paidOn: { gt: due } }])],
        };
        lineCount += await ctx.prisma.paymentLine.count({ where });
        const lines = await ctx.prisma.paymentLine.findMany({
          where: { ...where, ...(args.afterLineId ? { id: { gt: String(args.afterLineId) } } : {}) },
          orderBy: { id: 'asc' },
          take: size,
        });
        for (const line of lines) {
          const lateLine = paymentLateness(line, policy, asOf);
          if (lateLine)
            items.push({ ...base, ...lateLine, kind: 'LINE_NOT_PAID', lineId: line.id, personIdNumber: line.personIdNumber, amount: line.amount.toFixed(2) });
        }
      }
      const payrollItems = items.filter((item) => item.kind === 'PAYROLL_NOT_APPROVED');
      // Lines by id across counties, so `afterLineId` pages skip none.
      const lineItems = items.filter((item) => item.kind === 'LINE_NOT_PAID').sort((a, b) => (a.lineId! < b.lineId! ? -1 : a.lineId! > b.lineId! ? 1 : 0));
      return { items: [...payrollItems, ...lineItems.slice(0, size)], lineCount };
    },
  }),
);
