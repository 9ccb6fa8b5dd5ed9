import { today } from '@lip/shared/calendar';
import { conflict, DomainError, ErrorCode, invalidInput, notFound } from '@lip/shared/errors';
import { toFen } from '@lip/shared/money';
import { checkCountyCode } from '@lip/shared/periods';
import { validateRegionCode } from '@lip/shared/regions';
import { assertInRegion, withinRegion } from '@lip/shared/scopes';
import { checkReason, checkText } from '@lip/shared/text';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { fenToYuan } from '../domain/payroll.ts';
import { temporaryAssistancePolicy } from '../domain/policy.ts';
import { checkDecisionAmount, decisionLevelOf, isOverdue, smallAmountFirst } from '../domain/temporary-assistance.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { DecisionLevel, TemporaryAssistanceReason, TemporaryAssistanceStatus } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';

export const TemporaryAssistance = builder.prismaObject('TemporaryAssistance', {
  description: '临时救助: assistance for sudden hardship, decided by the township up to its limit and by the county above it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '编号' }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '救助对象' }),
    person: t.field({ type: PersonRef, description: '救助对象 (from civil affairs)', resolve: (record) => personOf(record.personIdNumber) }),
    regionCode: t.exposeString('regionCode', { description: '申请地 (township or village)' }),
    countyCode: t.exposeString('countyCode', { description: '县' }),
    reason: t.expose('reason', { type: TemporaryAssistanceReason, description: '事由' }),
    description: t.exposeString('description', { description: '困难情况' }),
    requestedAmount: t.expose('requestedAmount', { type: 'Money', description: '申请金额 (元)' }),
    status: t.expose('status', { type: TemporaryAssistanceStatus, description: '状态' }),
    smallAmountFirst: t.exposeBoolean('smallAmountFirst', { description: '小金额先行救助: paid first, documented afterwards.' }),
    approvedAmount: t.expose('approvedAmount', { type: 'Money', nullable: true, description: '批准金额 (元)' }),
    decisionLevel: t.expose('decisionLevel', { type: DecisionLevel, nullable: true, description: '审批层级' }),
    decidedBy: t.exposeString('decidedBy', { nullable: true, description: '审批人' }),
    decisionNote: t.exposeString('decisionNote', { nullable: true, description: '审批意见' }),
    paidOn: t.expose('paidOn', { type: 'Date', nullable: true, description: '发放日期' }),
    documentationDueOn: t.expose('documentationDueOn', { type: 'Date', nullable: true, description: '补办手续期限 (small-amount-first)' }),
    documentedAt: t.expose('documentedAt', { type: 'DateTime', nullable: true, description: '补办完成时间' }),
    overdue: t.boolean({ description: '逾期未补办: paid first and not documented by the deadline.', resolve: (record) => isOverdue(record, today()) }),
    appliedOn: t.expose('appliedOn', { type: 'Date', description: '受理日期' }),
    appliedBy: t.exposeString('appliedBy', { description: '受理人' }),
  }),
});

const ApplyInput = builder.inputType('ApplyTemporaryAssistanceInput', {
  description: '临时救助申请, by or for a person in sudden hardship.',
  fields: (t) => ({
    personIdNumber: t.field({ type: 'IdNumber', description: '救助对象' }),
    regionCode: t.string({ description: '申请地: a township (9) or village (12) code within your region' }),
    reason: t.field({ type: TemporaryAssistanceReason, description: '事由' }),
    description: t.string({ description: '困难情况 (5 to 1000 characters)' }),
    requestedAmount: t.field({ type: 'Money', description: '申请金额 (元), more than 0' }),
    smallAmountFirst: t.boolean({ required: false, defaultValue: false, description: '申请小金额先行救助' }),
  }),
});

async function loadForUpdate(tx: Prisma.TransactionClient, ctx: Context, id: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "TemporaryAssistance" WHERE id = ${id} FOR UPDATE`;
  if (!row) throw notFound('TemporaryAssistance', id);
  const record = await tx.temporaryAssistance.findUniqueOrThrow({ where: { id } });
  assertInRegion(ctx.identity, record.regionCode);
  return record;
}

const wrongState = (status: string, wanted: string) => new DomainError(ErrorCode.INVALID_TRANSITION, `The case is ${status}; this needs ${wanted}`, { status });

/** The one-off payment line of a paid case (payrollId null), into the person's account when they have one. */
async function recordPayment(
  tx: Prisma.TransactionClient,
  record: { id: string; personIdNumber: string; countyCode: string; regionCode: string },
  amount: string,
  paidOn: Date,
) {
  const account = await tx.paymentAccount.findUnique({ where: { personIdNumber: record.personIdNumber } });
  const month = new Date(Date.UTC(paidOn.getUTCFullYear(), paidOn.getUTCMonth(), 1));
  await tx.paymentLine.create({
    data: {
      temporaryAssistanceId: record.id,
      personIdNumber: record.personIdNumber,
      countyCode: record.countyCode,
      regionCode: record.regionCode,
      month,
      payeeKind: 'PERSON',
      basicAmount: amount,
      careAllowance: '0',
      amount,
      paidFrom: paidOn,
      paidTo: paidOn,
      accountId: account?.id ?? null,
      status: 'PAID',
      paidOn,
    },
  });
}

const checkPaidOn = (paidOn: Date | null | undefined) => {
  const date = paidOn ?? today();
  if (date > today()) throw invalidInput('paidOn may not be in the future', { field: 'paidOn' });
  return date;
};

builder.queryFields((t) => ({
  temporaryAssistances: t.prismaConnection(
    {
      type: TemporaryAssistance,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '临时救助台账 in your region, newest first; `overdue: true` lists cases paid first and not documented in time.',
      skipTypeScopes: true,
      authScopes: { $any: { readRegister: true, audit: true } },
      args: {
        countyCode: t.arg.string({ required: false, description: 'Only this county (6 digits).' }),
        status: t.arg({ type: TemporaryAssistanceStatus, required: false, description: 'Only this state.' }),
        overdue: t.arg.boolean({ required: false, description: 'Only cases overdue for documentation.' }),
      },
      resolve: (query, _root, args, ctx) => {
        const where: Prisma.TemporaryAssistanceWhereInput = { AND: [withinRegion(ctx.identity, 'regionCode')] };
        if (args.countyCode != null) where.countyCode = checkCountyCode(args.countyCode);
        if (args.status) where.status = args.status;
        if (args.overdue) Object.assign(where, { documentedAt: null, documentationDueOn: { lt: today() } });
        return ctx.prisma.temporaryAssistance.findMany({ ...query, where, orderBy: [{ appliedOn: 'desc' }, { id: 'asc' }] });
      },
    },
    { description: 'A page of temporary assistance cases.' },
    { description: 'A case in a page.' },
  ),
}));

builder.mutationFields((t) => ({
  applyTemporaryAssistance: t.prismaField({
    type: TemporaryAssistance,
    description: '受理临时救助申请 (township and county civil affairs).',
    skipTypeScopes: true,
    authScopes: { writeRegister: true },
    args: { input: t.arg({ type: ApplyInput, description: '申请' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const checked = validateRegionCode(input.regionCode, { minLevel: 'TOWNSHIP' });
      if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field: 'regionCode', reason: checked.reason });
      assertInRegion(ctx.identity, input.regionCode);
      const description = checkText(input.description, 'description', 5, 1000);
      const requested = toFen(input.requestedAmount);
      if (requested <= 0) throw invalidInput('requestedAmount must be greater than 0', { field: 'requestedAmount' });
      const record = await ctx.prisma.temporaryAssistance.create({
        data: {
          personIdNumber: input.personIdNumber,
          regionCode: input.regionCode,
          countyCode: input.regionCode.slice(0, 6),
          reason: input.reason,
          description,
          requestedAmount: fenToYuan(requested),
          status: 'APPLIED',
          smallAmountFirst: input.smallAmountFirst ?? false,
          appliedBy: ctx.identity.subject,
          appliedOn: today(),
        },
      });
      return ctx.prisma.temporaryAssistance.findUniqueOrThrow({ ...query, where: { id: record.id } });
    },
  }),

  decideTemporaryAssistance: t.prismaField({
    type: TemporaryAssistance,
    description:
      '审批临时救助: approve an amount or reject with a note. A township caller decides up to TEMPORARY_TOWNSHIP_LIMIT_MULTIPLE × the urban ' +
      'dibao standard (FORBIDDEN, reason ABOVE_TOWNSHIP_LIMIT, above it); the county up to TEMPORARY_COUNTY_LIMIT_MULTIPLE ×.',
    skipTypeScopes: true,
    authScopes: { writeRegister: true },
    args: {
      id: t.arg.id({ description: '编号' }),
      approve: t.arg.boolean({ description: 'true 批准, false 不予救助' }),
      amount: t.arg({ type: 'Money', required: false, description: '批准金额 (元), required to approve' }),
      note: t.arg.string({ description: '审批意见 (2 to 500 characters)' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.id);
      const note = checkReason(args.note, 'note');
      const level = decisionLevelOf(ctx.identity.region);
      const rows = await ctx.policy(); // read before the transaction: PGlite has one connection
      await ctx.prisma.$transaction(async (tx) => {
        const record = await loadForUpdate(tx, ctx, id);
        if (record.status !== 'APPLIED') throw wrongState(record.status, 'APPLIED');
        let approvedAmount: string | null = null;
        if (args.approve) {
          if (args.amount == null) throw invalidInput('amount is required to approve', { field: 'amount' });
          const amount = toFen(args.amount);
          checkDecisionAmount(amount, level, temporaryAssistancePolicy(rows, record.countyCode, today().getUTCFullYear()));
          approvedAmount = fenToYuan(amount);
        }
        await tx.temporaryAssistance.update({
          where: { id },
          data: {
            status: args.approve ? 'APPROVED' : 'REJECTED',
            approvedAmount,
            decisionLevel: level,
            decidedBy: ctx.identity.subject,
            decidedAt: new Date(),
            decisionNote: note,
          },
        });
      });
      return ctx.prisma.temporaryAssistance.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  payTemporaryAssistance: t.prismaField({
    type: TemporaryAssistance,
    description: '发放临时救助: pay an APPROVED case as a one-off payment (into the person’s account when they have one).',
    skipTypeScopes: true,
    authScopes: { writeRegister: true },
    args: {
      id: t.arg.id({ description: '编号' }),
      paidOn: t.arg({ type: 'Date', required: false, description: '发放日期 (default today; not in the future)' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.id);
      const paidOn = checkPaidOn(args.paidOn);
      await ctx.prisma.$transaction(async (tx) => {
        const record = await loadForUpdate(tx, ctx, id);
        if (record.status !== 'APPROVED') throw wrongState(record.status, 'APPROVED');
        await recordPayment(tx, record, record.approvedAmount!.toFixed(2), paidOn);
        await tx.temporaryAssistance.update({ where: { id }, data: { status: 'PAID', paidOn } });
      });
      return ctx.prisma.temporaryAssistance.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  payTemporaryAssistanceFirst: t.prismaField({
    type: TemporaryAssistance,
    description:
      '小金额先行救助: the township pays an APPLIED small-amount-first case at once, up to TEMPORARY_SMALL_AMOUNT_CAP; documentation is due ' +
      'TEMPORARY_DOCUMENTATION_WORKING_DAYS working days later (China’s working days), after which the case shows as overdue.',
    skipTypeScopes: true,
    authScopes: { writeRegister: true },
    args: {
      id: t.arg.id({ description: '编号' }),
      amount: t.arg({ type: 'Money', description: '先行发放金额 (元)' }),
      paidOn: t.arg({ type: 'Date', required: false, description: '发放日期 (default today; not in the future)' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.id);
      const paidOn = checkPaidOn(args.paidOn);
      const amount = toFen(args.amount);
      const rows = await ctx.policy(); // read before the transaction: PGlite has one connection
      await ctx.prisma.$transaction(async (tx) => {
        const record = await loadForUpdate(tx, ctx, id);
        if (!record.smallAmountFirst) throw conflict('The case was not filed as small-amount-first', { reason: 'NOT_SMALL_AMOUNT_FIRST' });
        if (record.status !== 'APPLIED') throw wrongState(record.status, 'APPLIED');
        const { documentationDueOn } = smallAmountFirst(amount, paidOn, temporaryAssistancePolicy(rows, record.countyCode, paidOn.getUTCFullYear()));
        await recordPayment(tx, record, fenToYuan(amount), paidOn);
        await tx.temporaryAssistance.update({
          where: { id },
          data: {
            status: 'PAID',
            approvedAmount: fenToYuan(amount),
            decisionLevel: 'TOWNSHIP',
            decidedBy: ctx.identity.subject,
            decidedAt: new Date(),
            decisionNote: '小金额先行救助',
            paidOn,
            documentationDueOn,
          },
        });
      });
      return ctx.prisma.temporaryAssistance.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  documentTemporaryAssistance: t.prismaField({
    type: TemporaryAssistance,
    description: '补办手续: record that a case paid first is now documented (late documentation is recorded too, and stays visible by its dates).',
    skipTypeScopes: true,
    authScopes: { writeRegister: true },
    args: { id: t.arg.id({ description: '编号' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.id);
      await ctx.prisma.$transaction(async (tx) => {
        const record = await loadForUpdate(tx, ctx, id);
        if (!record.documentationDueOn) throw wrongState(record.status, 'a case paid first');
        if (record.documentedAt) throw new DomainError(ErrorCode.INVALID_TRANSITION, 'The case is already documented');
        await tx.temporaryAssistance.update({ where: { id }, data: { documentedAt: new Date(), documentedBy: ctx.identity.subject } });
      });
      return ctx.prisma.temporaryAssistance.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
