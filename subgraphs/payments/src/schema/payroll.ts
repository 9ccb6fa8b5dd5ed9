import { parseCsv } from '@lip/shared/csv';
import { invalidInput, notFound } from '@lip/shared/errors';
import { toFen } from '@lip/shared/money';
import { checkCountyCode, checkMonth, formatMonth } from '@lip/shared/periods';
import { CITY_PREFIX } from '@lip/shared/regions';
import { assertInRegion, withinRegion } from '@lip/shared/scopes';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { approvalDueOn, paymentDueOn } from '../domain/late.ts';
import { fenToYuan } from '../domain/payroll.ts';
import { payrollPolicy } from '../domain/policy.ts';
import {
  approvePayroll,
  exportBankFile,
  generatePayroll,
  importBankReturn,
  type PayrollTotals,
  payrollTotals,
  type ReturnControl,
  reissueLine,
} from '../services/payroll.ts';
import { registerSource } from '../services/register-copy.ts';
import { superviseMonth } from '../services/supervision.ts';
import './account.ts';
import { PayeeKind, PaymentCareLevel, PaymentCategory, PaymentLineStatus, PayrollStatus } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';

export const PaymentLine = builder.prismaObject('PaymentLine', {
  description: '发放明细: one payment to a person (or, for centralized support, to their care institution) for a month.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '明细编号' }),
    payrollId: t.exposeID('payrollId', { nullable: true, description: '所属名册; null for a one-off payment (temporary assistance).' }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '救助对象居民身份证号码' }),
    person: t.field({ type: PersonRef, description: '救助对象 (from civil affairs)', resolve: (line) => personOf(line.personIdNumber) }),
    householdId: t.exposeID('householdId', { nullable: true, description: '家庭编号 (civil affairs)' }),
    regionCode: t.exposeString('regionCode', { description: '居住地行政区划代码' }),
    month: t.string({ description: '发放月份 YYYY-MM', resolve: (line) => formatMonth(line.month) }),
    category: t.expose('category', { type: PaymentCategory, nullable: true, description: '发放类别; null for temporary assistance.' }),
    careLevel: t.expose('careLevel', { type: PaymentCareLevel, nullable: true, description: '生活自理能力 (extreme poverty)' }),
    payeeKind: t.expose('payeeKind', { type: PayeeKind, description: '收款方类型' }),
    institutionName: t.exposeString('institutionName', { nullable: true, description: '供养机构 (INSTITUTION payee)' }),
    basicAmount: t.expose('basicAmount', { type: 'Money', description: '基本生活金额 (元), after pro-rating' }),
    careAllowance: t.expose('careAllowance', { type: 'Money', description: '照料护理补贴 (元), after pro-rating' }),
    amount: t.expose('amount', { type: 'Money', description: '发放金额 (元) = basicAmount + careAllowance' }),
    paidFrom: t.expose('paidFrom', { type: 'Date', description: '计发起始日' }),
    paidTo: t.expose('paidTo', { type: 'Date', description: '计发截止日 (end of holding or death within the month)' }),
    account: t.relation('account', { nullable: true, description: '收款账户; null while the payee has none (the line is then not exported).' }),
    status: t.expose('status', { type: PaymentLineStatus, description: '发放状态' }),
    attempt: t.exposeInt('attempt', { description: '发放次数: 1, or more after reissues.' }),
    failureReason: t.exposeString('failureReason', { nullable: true, description: '银行退回原因 (FAILED)' }),
    paidOn: t.expose('paidOn', { type: 'Date', nullable: true, description: '到账日期 (PAID)' }),
  }),
});

const PayrollTotalsRef = builder.objectRef<PayrollTotals>('PayrollTotals').implement({
  description: '名册合计与对账: totals by line status, exact to the fen.',
  fields: (t) => ({
    lineCount: t.exposeInt('lineCount', { description: '明细数' }),
    totalAmount: t.field({ type: 'Money', description: '总金额 (元)', resolve: (totals) => fenToYuan(totals.totalFen) }),
    paidCount: t.int({ description: '已到账笔数', resolve: (totals) => totals.byStatus.PAID.count }),
    paidAmount: t.field({ type: 'Money', description: '已到账金额', resolve: (totals) => fenToYuan(totals.byStatus.PAID.fen) }),
    failedCount: t.int({ description: '失败笔数', resolve: (totals) => totals.byStatus.FAILED.count }),
    failedAmount: t.field({ type: 'Money', description: '失败金额', resolve: (totals) => fenToYuan(totals.byStatus.FAILED.fen) }),
    pendingCount: t.int({ description: '待发放笔数', resolve: (totals) => totals.byStatus.PENDING.count }),
    pendingAmount: t.field({ type: 'Money', description: '待发放金额', resolve: (totals) => fenToYuan(totals.byStatus.PENDING.fen) }),
    reconciled: t.boolean({
      description: '对账平衡: paid + failed + pending equals the total, to the fen.',
      resolve: ({ totalFen, byStatus }) => byStatus.PAID.fen + byStatus.FAILED.fen + byStatus.PENDING.fen === totalFen,
    }),
    note: t.string({
      description: '对账说明, e.g. "120 笔 81600.00 元 = 已到账 118 笔 80240.00 + 失败 2 笔 1360.00 + 待发放 0 笔 0.00"',
      resolve: ({ lineCount, totalFen, byStatus: s }) =>
        `${lineCount} 笔 ${fenToYuan(totalFen)} 元 = 已到账 ${s.PAID.count} 笔 ${fenToYuan(s.PAID.fen)} + 失败 ${s.FAILED.count} 笔 ${fenToYuan(s.FAILED.fen)} + 待发放 ${s.PENDING.count} 笔 ${fenToYuan(s.PENDING.fen)}` +
        (s.PAID.fen + s.FAILED.fen + s.PENDING.fen === totalFen ? '' : ' (不平)'),
    }),
  }),
});

async function policyFor(ctx: Context, countyCode: string, month: Date) {
  return payrollPolicy(await ctx.policy(), countyCode, month.getUTCFullYear());
}

export const Payroll = builder.prismaObject('Payroll', {
  description: '月度发放名册: one per county and month, generated from the register, approved by a second officer, paid through the bank.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '名册编号' }),
    countyCode: t.exposeString('countyCode', { description: '县级行政区划代码' }),
    month: t.string({ description: '发放月份 YYYY-MM', resolve: (payroll) => formatMonth(payroll.month) }),
    status: t.expose('status', { type: PayrollStatus, description: '状态' }),
    preparedBy: t.exposeString('preparedBy', { description: '制表人 (maker): who generated it last.' }),
    preparedAt: t.expose('preparedAt', { type: 'DateTime', description: '制表时间' }),
    approvedBy: t.exposeString('approvedBy', { nullable: true, description: '审批人 (checker): never the maker.' }),
    approvedAt: t.expose('approvedAt', { type: 'DateTime', nullable: true, description: '审批时间' }),
    approvalDueOn: t.field({
      type: 'Date',
      description: '审批期限 (PAYROLL_APPROVAL_DAY of the month)',
      resolve: async (p, _a, ctx) => approvalDueOn(p.month, await policyFor(ctx, p.countyCode, p.month)),
    }),
    paymentDueOn: t.field({
      type: 'Date',
      description: '到账期限 (PAYMENT_DUE_DAY of the month)',
      resolve: async (p, _a, ctx) => paymentDueOn(p.month, await policyFor(ctx, p.countyCode, p.month)),
    }),
    totals: t.field({ type: PayrollTotalsRef, description: '合计与对账', resolve: (payroll, _args, ctx) => payrollTotals(ctx.prisma, payroll.id) }),
    lines: t.relatedConnection(
      'lines',
      {
        cursor: 'id',
        maxSize: 500,
        defaultSize: 50,
        description: '发放明细, by id, paged; optionally only one status.',
        args: { status: t.arg({ type: PaymentLineStatus, required: false, description: 'Only lines in this state.' }) },
        query: ({ status }) => ({ where: status ? { status } : {}, orderBy: { id: 'asc' } }),
      },
      { description: 'A page of payment lines.' },
      { description: 'A payment line in a page.' },
    ),
  }),
});

const BankFileExport = builder
  .objectRef<{ fileName: string; content: string; lineCount: number; totalFen: number; withoutAccount: number }>('BankFileExport')
  .implement({
    description:
      '银行代发文件 (CSV, UTF-8, header row): reference,account_number,holder_name,bank_name,amount,id_number,purpose. ' +
      'reference is <line id>.<attempt>; amount is yuan with 2 decimals. Holds the PENDING lines not yet exported in their current attempt.',
    fields: (t) => ({
      fileName: t.exposeString('fileName', { description: '文件名' }),
      content: t.exposeString('content', { description: 'CSV 内容' }),
      lineCount: t.exposeInt('lineCount', { description: '笔数' }),
      totalAmount: t.field({ type: 'Money', description: '合计金额 (元): the control total for the bank.', resolve: (file) => fenToYuan(file.totalFen) }),
      withoutAccount: t.exposeInt('withoutAccount', { description: '无账户未导出笔数: lines whose payee has no account yet.' }),
    }),
  });

const BankReturnResult = builder
  .objectRef<{ paid: number; failed: number; unchanged: number; stale: number; payrollId: string }>('BankReturnResult')
  .implement({
    description: '回盘导入结果',
    fields: (t) => ({
      paid: t.exposeInt('paid', { description: '本次确认到账' }),
      failed: t.exposeInt('failed', { description: '本次退回失败' }),
      unchanged: t.exposeInt('unchanged', { description: '已是该状态 (the same file imported again)' }),
      stale: t.exposeInt('stale', { description: '旧批次回盘 (an earlier attempt of a reissued line): ignored' }),
      payroll: t.prismaField({
        type: Payroll,
        description: '名册 after the import',
        resolve: (query, result, _args, ctx) => ctx.prisma.payroll.findUniqueOrThrow({ ...query, where: { id: result.payrollId } }),
      }),
    }),
  });

/** The bank's control totals as given (INVALID_INPUT for a negative count or amount). */
function returnControl(count: number | null | undefined, total: string | null | undefined): ReturnControl {
  if (count != null && count < 0) throw invalidInput('count must not be negative', { field: 'count' });
  const totalFen = total == null ? undefined : toFen(total);
  if (totalFen !== undefined && totalFen < 0) throw invalidInput('total must not be negative', { field: 'total' });
  return { count: count ?? undefined, totalFen };
}

async function loadPayroll(ctx: Context, id: string) {
  const payroll = await ctx.prisma.payroll.findUnique({ where: { id } });
  if (!payroll) throw notFound('Payroll', id);
  assertInRegion(ctx.identity, payroll.countyCode);
  return payroll;
}

builder.queryFields((t) => ({
  payroll: t.prismaField({
    type: Payroll,
    nullable: true,
    description: '名册 by id within your region, or null.',
    args: { id: t.arg.id({ description: '名册编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.payroll.findFirst({ ...query, where: { AND: [{ id: String(id) }, withinRegion(ctx.identity, 'countyCode')] } }),
  }),
  countyPayroll: t.prismaField({
    type: Payroll,
    nullable: true,
    description: '县月度名册: the payroll of a county for a month, or null when none was generated.',
    args: { countyCode: t.arg.string({ description: '县级行政区划代码 (6 digits)' }), month: t.arg.string({ description: '月份 YYYY-MM' }) },
    resolve: (query, _root, args, ctx) => {
      const countyCode = checkCountyCode(args.countyCode);
      const month = checkMonth(args.month);
      return ctx.prisma.payroll.findFirst({ ...query, where: { AND: [{ countyCode, month }, withinRegion(ctx.identity, 'countyCode')] } });
    },
  }),
  latestCountyPayroll: t.prismaField({
    type: Payroll,
    nullable: true,
    description: '县最近名册: the payroll of a county’s latest month that has one, or null when none was generated (or the county is outside your region).',
    args: { countyCode: t.arg.string({ description: '县级行政区划代码 (6 digits)' }) },
    resolve: (query, _root, args, ctx) => {
      const countyCode = checkCountyCode(args.countyCode);
      return ctx.prisma.payroll.findFirst({
        ...query,
        where: { AND: [{ countyCode }, withinRegion(ctx.identity, 'countyCode')] },
        orderBy: { month: 'desc' },
      });
    },
  }),
}));

builder.mutationFields((t) => ({
  generatePayroll: t.prismaField({
    type: Payroll,
    description:
      '生成名册: (re)generate the DRAFT payroll of a county and month from the register (read through the gateway). Idempotent: one ' +
      'payroll per county and month, a regenerated draft has the same lines; CONFLICT (PAYROLL_APPROVED) once approved. ' +
      'Supervision checks run on the result.',
    args: {
      countyCode: t.arg.string({ description: '县级行政区划代码 (6 digits), within your region' }),
      month: t.arg.string({ description: '月份 YYYY-MM' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const countyCode = checkCountyCode(args.countyCode);
      assertInRegion(ctx.identity, countyCode);
      const month = checkMonth(args.month);
      const policy = await policyFor(ctx, countyCode, month);
      const { payrollId } = await generatePayroll(ctx, {
        countyCode,
        month,
        preparedBy: ctx.identity.subject,
        policy,
        source: registerSource(ctx.graph(CITY_PREFIX)),
      });
      await superviseMonth(ctx, countyCode, month);
      return ctx.prisma.payroll.findUniqueOrThrow({ ...query, where: { id: payrollId } });
    },
  }),

  approvePayroll: t.prismaField({
    type: Payroll,
    description: '审批名册 (maker-checker): a DRAFT payroll is approved by someone other than its maker (FORBIDDEN, reason SELF_APPROVAL).',
    args: { payrollId: t.arg.id({ description: '名册编号' }) },
    resolve: async (query, _root, args, ctx) => {
      const payroll = await approvePayroll(ctx.prisma, String(args.payrollId), ctx.identity.subject, (p) => assertInRegion(ctx.identity, p.countyCode));
      await superviseMonth(ctx, payroll.countyCode, payroll.month);
      return ctx.prisma.payroll.findUniqueOrThrow({ ...query, where: { id: payroll.id } });
    },
  }),

  exportBankFile: t.field({
    type: BankFileExport,
    description: '导出代发文件 of an APPROVED payroll: its PENDING lines not yet exported in their current attempt (INVALID_TRANSITION for a draft).',
    args: { payrollId: t.arg.id({ description: '名册编号' }) },
    resolve: async (_root, args, ctx) => {
      const payroll = await loadPayroll(ctx, String(args.payrollId));
      let content = '';
      const reader = { identity: ctx.identity, requestId: ctx.requestId, operation: 'exportBankFile' };
      const file = await exportBankFile(ctx, payroll.id, reader, (chunk) => {
        content += chunk;
      });
      return { ...file, content };
    },
  }),

  importBankReturn: t.field({
    type: BankReturnResult,
    description:
      '导入回盘文件 (CSV, UTF-8, header reference,status,reason,paid_on): each line PAID (paid_on required) or FAILED (the bank’s ' +
      'reason required); lines not mentioned stay PENDING. All or nothing: BATCH_REJECTED lists every bad row, or (reason CONTROL_TOTALS) ' +
      'says how the file differs from the bank’s control totals. Importing the same file again changes nothing.',
    args: {
      payrollId: t.arg.id({ description: '名册编号' }),
      content: t.arg.string({ description: '回盘文件内容' }),
      count: t.arg.int({ required: false, description: '银行汇总笔数 (control count): the data rows in the file.' }),
      total: t.arg({
        type: 'Money',
        required: false,
        description: '银行汇总金额 (control total, 元): the amounts of the lines the file answers for.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const payroll = await loadPayroll(ctx, String(args.payrollId));
      if (args.content.length === 0) throw invalidInput('content is empty', { field: 'content' });
      const control = returnControl(args.count, args.total);
      const result = await importBankReturn(ctx, payroll.id, parseCsv(args.content), control);
      return { ...result, payrollId: payroll.id };
    },
  }),

  reissuePaymentLine: t.prismaField({
    type: PaymentLine,
    description:
      '重新发放: a FAILED line goes back to PENDING with its next attempt, once the payee’s account was corrected (CONFLICT ACCOUNT_NOT_CORRECTED before).',
    args: { lineId: t.arg.id({ description: '明细编号' }) },
    resolve: async (query, _root, args, ctx) => {
      const line = await reissueLine(ctx.prisma, String(args.lineId), (county) => assertInRegion(ctx.identity, county));
      return ctx.prisma.paymentLine.findUniqueOrThrow({ ...query, where: { id: line.id } });
    },
  }),
}));
