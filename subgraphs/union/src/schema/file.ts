import type { Identity } from '@lip/shared/auth';
import { today } from '@lip/shared/calendar';
import { invalidInput, notFound } from '@lip/shared/errors';
import { parseIdNumber } from '@lip/shared/id-number';
import { totalCountOptions, yearRange } from '@lip/shared/lists';
import { assertFoundInRegion, assertInRegion, withinRegion } from '@lip/shared/scopes';
import { checkReason } from '@lip/shared/text';
import { lockKeys, lockRows, uniqueAsConflict } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { checkClosing, checkCountyCode, checkEmployer, checkNewFile, checkReasonDetail, checkReview, nextFileStatus, reviewDueOn } from '../domain/files.ts';
import { filingPolicy, reviewIntervalMonths } from '../domain/policy.ts';
import type { DifficultWorkerFile as FileRow, Prisma } from '../generated/prisma/client.ts';
import { countyFilter } from './common.ts';
import { DifficultWorkerFileStatus, DifficultWorkerReason } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';

interface Employer {
  name: string;
  unifiedSocialCreditCode: string | null;
}

export const DifficultWorkerEmployer = builder.objectRef<Employer>('DifficultWorkerEmployer').implement({
  description: '工作单位: the employer of a difficult worker (or the last one, for a laid-off worker).',
  fields: (t) => ({
    name: t.exposeString('name', { description: '单位名称' }),
    unifiedSocialCreditCode: t.exposeString('unifiedSocialCreditCode', {
      nullable: true,
      description: '统一社会信用代码 (GB 32100-2015, 18 characters, check character verified); null when not recorded.',
    }),
  }),
});

/** The file's review due date under the policy in force for its county. */
export async function fileReviewDueOn(file: FileRow, ctx: Context): Promise<Date | null> {
  if (file.status !== 'OPEN') return null;
  const basis = file.reviewedOn ?? file.filedOn;
  return reviewDueOn(file, reviewIntervalMonths(await ctx.policy(), file.countyCode, basis.getUTCFullYear()));
}

export const DifficultWorkerFile = builder.prismaObject('DifficultWorkerFile', {
  description:
    '困难职工档案: a worker filed by the union as in difficulty. At most one OPEN file per person; a CLOSED file is final ' +
    '(a worker in difficulty again gets a new file). Open files are reviewed periodically (see reviewDueOn). Its assistance is listed in `assistance`.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '档案编号' }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '职工居民身份证号码' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description:
        '职工: the person, joined from civil affairs by the gateway; null there when the person is not in the register ' +
        '(a file may exist for anyone: personIdNumber always holds the ID number).',
      resolve: (file) => personOf(file.personIdNumber),
    }),
    countyCode: t.exposeString('countyCode', { description: '建档工会所在县 (区、市): the 6-digit code of the county union holding the file.' }),
    employer: t.field({
      type: DifficultWorkerEmployer,
      description: '工作单位',
      resolve: (file) => ({ name: file.employerName, unifiedSocialCreditCode: file.employerCreditCode }),
    }),
    reason: t.expose('reason', { type: DifficultWorkerReason, description: '致困原因' }),
    reasonDetail: t.exposeString('reasonDetail', { nullable: true, description: '致困原因说明 (required for OTHER)' }),
    status: t.expose('status', { type: DifficultWorkerFileStatus, description: '档案状态' }),
    filedOn: t.expose('filedOn', { type: 'Date', description: '建档日期' }),
    reviewedOn: t.expose('reviewedOn', { type: 'Date', nullable: true, description: '最近复核日期; null when never reviewed since filing.' }),
    reviewDueOn: t.field({
      type: 'Date',
      nullable: true,
      description:
        '下次复核日期: the last review (or the filing) plus the policy parameter FILE_REVIEW_INTERVAL_MONTHS of the file’s county ' +
        'for that year (the nearest year with the parameter when the table has none). Null for a CLOSED file.',
      resolve: (file, _args, ctx) => fileReviewDueOn(file, ctx),
    }),
    reviewOverdue: t.boolean({
      description: '逾期未复核: an OPEN file whose reviewDueOn is before today.',
      resolve: async (file, _args, ctx) => {
        const due = await fileReviewDueOn(file, ctx);
        return due !== null && due < today();
      },
    }),
    closedOn: t.expose('closedOn', { type: 'Date', nullable: true, description: '销档日期 (CLOSED only)' }),
    closingReason: t.exposeString('closingReason', { nullable: true, description: '销档原因 (CLOSED only), e.g. 实现稳定就业已脱困' }),
    filedBy: t.exposeString('filedBy', { description: '建档经办人' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最后变更' }),
  }),
});

const DifficultWorkerEmployerInput = builder.inputType('DifficultWorkerEmployerInput', {
  description: '工作单位: the employer as entered.',
  fields: (t) => ({
    name: t.string({ description: '单位名称 (2 to 100 characters)' }),
    unifiedSocialCreditCode: t.string({
      required: false,
      description: '统一社会信用代码: 18 characters, validated by its GB 32100-2015 check character; omit when unknown.',
    }),
  }),
});

const OpenDifficultWorkerFileInput = builder.inputType('OpenDifficultWorkerFileInput', {
  description: '建档: file a worker in difficulty. Refused while the person has an OPEN file.',
  fields: (t) => ({
    personIdNumber: t.field({ type: 'IdNumber', description: '职工居民身份证号码 (the person need not be in the low-income register)' }),
    countyCode: t.string({ description: '建档工会所在县: a 6-digit county code of Sanmenxia, e.g. 411202.' }),
    employer: t.field({ type: DifficultWorkerEmployerInput, description: '工作单位' }),
    reason: t.field({ type: DifficultWorkerReason, description: '致困原因' }),
    reasonDetail: t.string({ required: false, description: '致困原因说明 (2 to 500 characters; required for OTHER)' }),
    filedOn: t.field({
      type: 'Date',
      description: '建档日期: not in the future; the worker’s age that day must meet FILING_MIN_AGE..FILING_MAX_AGE.',
    }),
  }),
});

const UpdateDifficultWorkerFileInput = builder.inputType('UpdateDifficultWorkerFileInput', {
  description: '档案变更: change the employer and/or the reason of an OPEN file; only the given fields change.',
  fields: (t) => ({
    fileId: t.id({ description: '档案编号' }),
    employer: t.field({ type: DifficultWorkerEmployerInput, required: false, description: '新的工作单位 (replaces name and credit code)' }),
    reason: t.field({ type: DifficultWorkerReason, required: false, description: '新的致困原因' }),
    reasonDetail: t.string({ required: false, description: '致困原因说明; null clears it (not allowed for OTHER).' }),
  }),
});

export interface FileFilterInput {
  personIdNumber?: string | null;
  status?: FileRow['status'] | null;
  countyCode?: string | null;
  reason?: FileRow['reason'] | null;
  filedYear?: number | null;
}

const DifficultWorkerFileFilter = builder.inputType('DifficultWorkerFileFilter', {
  description: '筛选条件 for the file list. Conditions combine with AND.',
  fields: (t) => ({
    personIdNumber: t.field({ type: 'IdNumber', required: false, description: 'Only this person’s files.' }),
    status: t.field({ type: DifficultWorkerFileStatus, required: false, description: 'Only files in this state.' }),
    countyCode: t.string({ required: false, description: 'Only files held in this county (6 digits), or 4112 for the whole city.' }),
    reason: t.field({ type: DifficultWorkerReason, required: false, description: 'Only files with this reason.' }),
    filedYear: t.int({ required: false, description: 'Only files filed in this calendar year.' }),
  }),
});

export function fileWhere(filter: FileFilterInput | null | undefined): Prisma.DifficultWorkerFileWhereInput {
  if (!filter) return {};
  const where: Prisma.DifficultWorkerFileWhereInput = {};
  if (filter.personIdNumber) where.personIdNumber = filter.personIdNumber;
  if (filter.status) where.status = filter.status;
  if (filter.countyCode != null) where.countyCode = countyFilter(filter.countyCode);
  if (filter.reason) where.reason = filter.reason;
  if (filter.filedYear != null) where.filedOn = yearRange(filter.filedYear, 'filedYear');
  return where;
}

builder.queryFields((t) => ({
  difficultWorkerFile: t.prismaField({
    type: DifficultWorkerFile,
    nullable: true,
    description: 'A difficult-worker file by id, or null.',
    args: { id: t.arg.id({ description: '档案编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.difficultWorkerFile.findUnique({ ...query, where: { id: String(id), ...withinRegion(ctx.identity, 'countyCode') } }),
  }),
  difficultWorkerFiles: t.prismaConnection(
    {
      type: DifficultWorkerFile,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '困难职工档案名单: files (of persons in the register or not), newest filing first, paged with cursors.',
      args: { filter: t.arg({ type: DifficultWorkerFileFilter, required: false, description: 'Which files to list.' }) },
      totalCount: (_parent, { filter }, ctx) =>
        ctx.prisma.difficultWorkerFile.count({ where: { AND: [fileWhere(filter), withinRegion(ctx.identity, 'countyCode')] } }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.prisma.difficultWorkerFile.findMany({
          ...query,
          where: { AND: [fileWhere(filter), withinRegion(ctx.identity, 'countyCode')] },
          orderBy: [{ filedOn: 'desc' }, { id: 'asc' }],
        }),
    },
    {
      description: 'A page of difficult-worker files, with the total number matching the filter.',
      fields: (t) => ({ totalCount: t.int(totalCountOptions('符合条件的档案总数: files matching the filter.')) }),
    },
    { description: 'A difficult-worker file in a page.' },
  ),
}));

/**
 * Reads a file for a change, locking its row until the transaction ends: a closing and an
 * assistance record for the same file cannot both pass their date checks concurrently.
 */
export async function loadFileForUpdate(tx: Prisma.TransactionClient, id: string, identity: Identity) {
  await lockRows(tx, 'DifficultWorkerFile', [id]);
  const file = await tx.difficultWorkerFile.findUnique({ where: { id } });
  if (!file) throw notFound('DifficultWorkerFile', id);
  assertFoundInRegion(identity, file.countyCode, 'DifficultWorkerFile', id);
  return file;
}

builder.mutationFields((t) => ({
  openDifficultWorkerFile: t.prismaField({
    type: DifficultWorkerFile,
    description:
      '建档: open a difficult-worker file. INVALID_INPUT for a bad employer, reason detail, date or a worker outside the ' +
      'filing age; INVALID_REGION_CODE for a bad county; CONFLICT when the person has an OPEN file or the date is not after their last closed file.',
    args: { input: t.arg({ type: OpenDifficultWorkerFileInput, description: '新档案' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const employer = checkEmployer(input.employer);
      const countyCode = checkCountyCode(input.countyCode);
      assertInRegion(ctx.identity, countyCode);
      const reasonDetail = checkReasonDetail(input.reason, input.reasonDetail);
      const parsed = parseIdNumber(input.personIdNumber);
      if (!parsed.ok) throw invalidInput(parsed.message, { field: 'personIdNumber' }); // the scalar already checked it
      const birthDate = new Date(`${parsed.birthDate}T00:00:00.000Z`);
      const year = input.filedOn.getUTCFullYear();
      const id = await uniqueAsConflict(
        () =>
          ctx.prisma.$transaction(async (tx) => {
            // A person's files are checked on committed state: one writer per person at a time.
            await lockKeys(tx, 'union:person', [parsed.idNumber]);
            const policy = filingPolicy(await tx.policyParameter.findMany({ where: { year } }), countyCode, year);
            const files = await tx.difficultWorkerFile.findMany({ where: { personIdNumber: parsed.idNumber } });
            checkNewFile(birthDate, input.filedOn, today(), policy, files);
            const file = await tx.difficultWorkerFile.create({
              data: {
                personIdNumber: parsed.idNumber,
                countyCode,
                ...employer,
                reason: input.reason,
                reasonDetail,
                status: 'OPEN',
                filedOn: input.filedOn,
                filedBy: ctx.identity.subject,
              },
            });
            return file.id;
          }),
        'The person already has an OPEN difficult-worker file',
        'OPEN_FILE_EXISTS',
      );
      return ctx.prisma.difficultWorkerFile.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  updateDifficultWorkerFile: t.prismaField({
    type: DifficultWorkerFile,
    description: '档案变更: change the employer and/or reason of an OPEN file (INVALID_TRANSITION for a CLOSED file).',
    args: { input: t.arg({ type: UpdateDifficultWorkerFileInput, description: '变更内容' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = String(input.fileId);
      if (input.employer == null && input.reason == null && input.reasonDetail === undefined) {
        throw invalidInput('Nothing to change: give employer, reason or reasonDetail', { field: 'input' });
      }
      const employer = input.employer != null ? checkEmployer(input.employer) : undefined;
      await ctx.prisma.$transaction(async (tx) => {
        const file = await loadFileForUpdate(tx, id, ctx.identity);
        nextFileStatus('UPDATE', file.status);
        const reason = input.reason ?? file.reason;
        const reasonDetail = checkReasonDetail(reason, input.reasonDetail === undefined ? file.reasonDetail : input.reasonDetail);
        await tx.difficultWorkerFile.update({ where: { id }, data: { ...employer, reason, reasonDetail } });
      });
      return ctx.prisma.difficultWorkerFile.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  reviewDifficultWorkerFile: t.prismaField({
    type: DifficultWorkerFile,
    description: '年度复核: record that an OPEN file was reviewed and still meets the conditions; moves reviewDueOn on.',
    args: {
      fileId: t.arg.id({ description: '档案编号' }),
      reviewedOn: t.arg({
        type: 'Date',
        required: false,
        description: '复核日期 (default today): not in the future, not before the filing or the previous review.',
      }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.fileId);
      const reviewedOn = args.reviewedOn ?? today();
      await ctx.prisma.$transaction(async (tx) => {
        const file = await loadFileForUpdate(tx, id, ctx.identity);
        nextFileStatus('REVIEW', file.status);
        checkReview(file, reviewedOn, today());
        await tx.difficultWorkerFile.update({ where: { id }, data: { reviewedOn } });
      });
      return ctx.prisma.difficultWorkerFile.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  closeDifficultWorkerFile: t.prismaField({
    type: DifficultWorkerFile,
    description:
      '销档: close an OPEN file for good (e.g. 脱困). The date may not precede assistance still counted on the file ' +
      '(CONFLICT); a CLOSED file cannot be closed again or reopened (INVALID_TRANSITION).',
    args: {
      fileId: t.arg.id({ description: '档案编号' }),
      closedOn: t.arg({ type: 'Date', required: false, description: '销档日期 (default today): not in the future, not before the filing.' }),
      reason: t.arg.string({ description: '销档原因 (2 to 500 characters)' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.fileId);
      const closingReason = checkReason(args.reason);
      const closedOn = args.closedOn ?? today();
      await ctx.prisma.$transaction(async (tx) => {
        const file = await loadFileForUpdate(tx, id, ctx.identity);
        const status = nextFileStatus('CLOSE', file.status);
        const last = await tx.unionAssistance.findFirst({
          where: { fileId: id, cancelledAt: null },
          orderBy: { grantedOn: 'desc' },
          select: { grantedOn: true },
        });
        checkClosing(file, closedOn, today(), last?.grantedOn ?? null);
        await tx.difficultWorkerFile.update({ where: { id }, data: { status, closedOn, closingReason } });
      });
      return ctx.prisma.difficultWorkerFile.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
