import { today } from '@lip/shared/calendar';
import { notFound } from '@lip/shared/errors';
import { totalCountOptions, yearRange } from '@lip/shared/lists';
import { checkAmount } from '@lip/shared/money';
import { assertFoundInRegion, withinRegion } from '@lip/shared/scopes';
import { checkOptionalText, checkReason } from '@lip/shared/text';
import { lockRows } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import { checkAssistanceDate, checkCancellable } from '../domain/assistance.ts';
import { assistanceMax } from '../domain/policy.ts';
import type { UnionAssistanceKind as Kind, Prisma } from '../generated/prisma/client.ts';
import { countyFilter } from './common.ts';
import { UnionAssistanceKind } from './enums.ts';
import { DifficultWorkerFile, loadFileForUpdate } from './file.ts';
import { PersonRef, personOf } from './person-ref.ts';

export const UnionAssistance = builder.prismaObject('UnionAssistance', {
  description:
    '工会帮扶: one assistance given to a worker on file. Never deleted: a mistaken record is cancelled with a reason, ' +
    'kept, and no longer counts (not for coverage, not for closing dates).',
  fields: (t) => ({
    id: t.exposeID('id', { description: '帮扶记录编号' }),
    fileId: t.exposeID('fileId', { description: '档案编号' }),
    file: t.field({
      type: DifficultWorkerFile,
      description: '所属档案: the file that was OPEN on the assistance date.',
      resolve: async (record, _args, ctx) => (await ctx.fileById.load(record.fileId))!,
    }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '职工居民身份证号码' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '职工: the person, joined from civil affairs by the gateway; null there when the person is not in the register.',
      resolve: (record) => personOf(record.personIdNumber),
    }),
    kind: t.expose('kind', { type: UnionAssistanceKind, description: '帮扶类型' }),
    amount: t.expose('amount', { type: 'Money', description: '金额 (元): cash or the value of goods.' }),
    grantedOn: t.expose('grantedOn', { type: 'Date', description: '帮扶日期' }),
    note: t.exposeString('note', { nullable: true, description: '说明, e.g. 2025年春节送温暖' }),
    recordedBy: t.exposeString('recordedBy', { description: '经办人' }),
    cancelled: t.boolean({ description: '已作废: the record was cancelled and no longer counts.', resolve: (record) => record.cancelledAt !== null }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true, description: '作废时间' }),
    cancelledBy: t.exposeString('cancelledBy', { nullable: true, description: '作废经办人' }),
    cancellationReason: t.exposeString('cancellationReason', { nullable: true, description: '作废原因' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '录入时间' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最后变更' }),
  }),
});

builder.prismaObjectField(DifficultWorkerFile, 'assistance', (t) =>
  t.field({
    type: [UnionAssistance],
    description: '帮扶记录: the assistance recorded on this file, newest first.',
    args: { includeCancelled: t.arg.boolean({ required: false, defaultValue: false, description: 'Also list cancelled records (default false).' }) },
    resolve: async (file, { includeCancelled }, ctx) => (await ctx.assistanceByFile.load(file.id)).filter((record) => includeCancelled || !record.cancelledAt),
  }),
);

const RecordUnionAssistanceInput = builder.inputType('RecordUnionAssistanceInput', {
  description: '帮扶登记: record assistance given on a file.',
  fields: (t) => ({
    fileId: t.id({ description: '档案编号: a file that was OPEN on grantedOn.' }),
    kind: t.field({ type: UnionAssistanceKind, description: '帮扶类型' }),
    amount: t.field({
      type: 'Money',
      description: '金额 (元): greater than 0 and at most the policy parameter ASSISTANCE_MAX_<kind> of the file’s county for that year.',
    }),
    grantedOn: t.field({ type: 'Date', description: '帮扶日期: not in the future.' }),
    note: t.string({ required: false, description: '说明 (up to 200 characters)' }),
  }),
});

interface AssistanceFilterInput {
  personIdNumber?: string | null;
  fileId?: string | number | null;
  kind?: Kind | null;
  year?: number | null;
  countyCode?: string | null;
  includeCancelled?: boolean | null;
}

const UnionAssistanceFilter = builder.inputType('UnionAssistanceFilter', {
  description: '筛选条件 for the assistance list. Conditions combine with AND.',
  fields: (t) => ({
    personIdNumber: t.field({ type: 'IdNumber', required: false, description: 'Only this person’s assistance.' }),
    fileId: t.id({ required: false, description: 'Only assistance on this file.' }),
    kind: t.field({ type: UnionAssistanceKind, required: false, description: 'Only this kind.' }),
    year: t.int({ required: false, description: 'Only assistance dated in this calendar year.' }),
    countyCode: t.string({ required: false, description: 'Only assistance on files of this county (6 digits), or 4112 for the whole city.' }),
    includeCancelled: t.boolean({ required: false, description: 'Also list cancelled records (default false).' }),
  }),
});

function assistanceWhere(filter: AssistanceFilterInput | null | undefined): Prisma.UnionAssistanceWhereInput {
  const where: Prisma.UnionAssistanceWhereInput = filter?.includeCancelled ? {} : { cancelledAt: null };
  if (!filter) return where;
  if (filter.personIdNumber) where.personIdNumber = filter.personIdNumber;
  if (filter.fileId != null) where.fileId = String(filter.fileId);
  if (filter.kind) where.kind = filter.kind;
  if (filter.year != null) where.grantedOn = yearRange(filter.year);
  if (filter.countyCode != null) where.file = { countyCode: countyFilter(filter.countyCode) };
  return where;
}

builder.queryFields((t) => ({
  unionAssistance: t.prismaField({
    type: UnionAssistance,
    nullable: true,
    description: 'An assistance record by id (cancelled ones too), or null.',
    args: { id: t.arg.id({ description: '帮扶记录编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.unionAssistance.findUnique({ ...query, where: { id: String(id), ...withinRegion(ctx.identity, 'file.countyCode') } }),
  }),
  unionAssistances: t.prismaConnection(
    {
      type: UnionAssistance,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '工会帮扶台账: assistance records, newest first, paged with cursors (cancelled ones only when asked).',
      args: { filter: t.arg({ type: UnionAssistanceFilter, required: false, description: 'Which records to list.' }) },
      totalCount: (_parent, { filter }, ctx) =>
        ctx.prisma.unionAssistance.count({ where: { AND: [assistanceWhere(filter), withinRegion(ctx.identity, 'file.countyCode')] } }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.prisma.unionAssistance.findMany({
          ...query,
          where: { AND: [assistanceWhere(filter), withinRegion(ctx.identity, 'file.countyCode')] },
          orderBy: [{ grantedOn: 'desc' }, { id: 'asc' }],
        }),
    },
    {
      description: 'A page of assistance records, with the total number matching the filter.',
      fields: (t) => ({ totalCount: t.int(totalCountOptions('符合条件的记录总数: records matching the filter.')) }),
    },
    { description: 'An assistance record in a page.' },
  ),
}));

builder.mutationFields((t) => ({
  recordUnionAssistance: t.prismaField({
    type: UnionAssistance,
    description:
      '帮扶登记: record assistance on a file. INVALID_INPUT for an amount ≤ 0 or above the policy maximum, a future date or ' +
      'a year without policy; CONFLICT when the file was not OPEN on that date; NOT_FOUND for an unknown file.',
    args: { input: t.arg({ type: RecordUnionAssistanceInput, description: '帮扶内容' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const fileId = String(input.fileId);
      const note = checkOptionalText(input.note, 'note', 1, 200);
      const year = input.grantedOn.getUTCFullYear();
      const id = await ctx.prisma.$transaction(async (tx) => {
        const file = await loadFileForUpdate(tx, fileId, ctx.identity);
        checkAssistanceDate(file, input.grantedOn, today());
        const maximum = assistanceMax(await tx.policyParameter.findMany({ where: { year } }), input.kind, file.countyCode, year);
        const amount = checkAmount(input.amount, input.kind, maximum);
        const record = await tx.unionAssistance.create({
          data: {
            fileId,
            personIdNumber: file.personIdNumber,
            kind: input.kind,
            amount,
            grantedOn: input.grantedOn,
            note,
            recordedBy: ctx.identity.subject,
          },
        });
        return record.id;
      });
      return ctx.prisma.unionAssistance.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  cancelUnionAssistance: t.prismaField({
    type: UnionAssistance,
    description: '帮扶作废: cancel a mistaken record with a reason. It is kept, marked cancelled; cancelling twice is INVALID_TRANSITION.',
    args: {
      assistanceId: t.arg.id({ description: '帮扶记录编号' }),
      reason: t.arg.string({ description: '作废原因 (2 to 500 characters)' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.assistanceId);
      const cancellationReason = checkReason(args.reason);
      await ctx.prisma.$transaction(async (tx) => {
        // Locked first, so a second cancellation reads the first one's result.
        await lockRows(tx, 'UnionAssistance', [id]);
        const record = await tx.unionAssistance.findUnique({ where: { id }, include: { file: { select: { countyCode: true } } } });
        if (!record) throw notFound('UnionAssistance', id);
        assertFoundInRegion(ctx.identity, record.file.countyCode, 'UnionAssistance', id);
        checkCancellable(record);
        await tx.unionAssistance.update({
          where: { id },
          data: { cancelledAt: new Date(), cancelledBy: ctx.identity.subject, cancellationReason },
        });
      });
      return ctx.prisma.unionAssistance.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
