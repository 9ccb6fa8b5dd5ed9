import type { Identity } from '@lip/shared/auth';
import { today } from '@lip/shared/calendar';
import { notFound } from '@lip/shared/errors';
import { totalCountOptions } from '@lip/shared/lists';
import { checkAmount } from '@lip/shared/money';
import { assertFoundInRegion, withinRegion } from '@lip/shared/scopes';
import { checkReason, checkText } from '@lip/shared/text';
import { lockRows } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import { academicYearFromLabel, academicYearOf, parseAcademicYear } from '../domain/academic-year.ts';
import { checkKindForStage, checkNotDuplicate, checkPaidOn, checkRecordCoversAcademicYear, nextAssistanceStatus } from '../domain/assistance.ts';
import { assistanceMax } from '../domain/policy.ts';
import type { EducationAssistance as AssistanceRow, Prisma } from '../generated/prisma/client.ts';
import { regionPrefixFilter } from './common.ts';
import { AcademicTerm, EducationAssistanceKind, EducationAssistanceStatus, EducationStage } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';
import { loadRecordForUpdate, StudentRecord } from './student.ts';

const academicYearArg = 'An academic year written as two consecutive years, e.g. "2024-2025" (1 September to 31 August).';

export const EducationAssistance = builder.prismaObject('EducationAssistance', {
  description:
    '教育资助: one assistance to a student for an academic year and term, belonging to a student record. Never deleted: ' +
    'a mistaken or withdrawn record is CANCELLED with a reason, kept, and no longer counts.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '资助记录编号' }),
    studentRecordId: t.exposeID('studentRecordId', { description: '学籍记录编号' }),
    studentRecord: t.field({
      type: StudentRecord,
      description: '所属学籍记录: the record (school and stage) the assistance was granted under.',
      resolve: async (given, _args, ctx) => (await ctx.recordById.load(given.studentRecordId))!,
    }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '学生居民身份证号码' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '学生: the person, joined from civil affairs by the gateway; null there when the person is not in the register.',
      resolve: (given) => personOf(given.personIdNumber),
    }),
    kind: t.expose('kind', { type: EducationAssistanceKind, description: '资助类型' }),
    amount: t.expose('amount', { type: 'Money', description: '金额 (元)' }),
    academicYear: t.exposeString('academicYear', { description: '学年, e.g. 2024-2025 (1 September to 31 August).' }),
    term: t.expose('term', { type: AcademicTerm, description: '学期' }),
    status: t.expose('status', { type: EducationAssistanceStatus, description: '资助状态' }),
    approvedBy: t.exposeString('approvedBy', { description: '审批单位: the approving organisation, e.g. 灵宝市学生资助管理中心' }),
    paidOn: t.expose('paidOn', { type: 'Date', nullable: true, description: '发放日期: set when PAID (kept if later cancelled).' }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true, description: '撤销时间' }),
    cancelledBy: t.exposeString('cancelledBy', { nullable: true, description: '撤销经办人' }),
    cancellationReason: t.exposeString('cancellationReason', { nullable: true, description: '撤销原因' }),
    recordedBy: t.exposeString('recordedBy', { description: '录入经办人' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '录入时间' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最后变更' }),
  }),
});

/** A person's or record's assistance, filtered as the list fields allow. */
export function filterAssistance(rows: readonly AssistanceRow[], academicYear: string | null | undefined, includeCancelled: boolean | null | undefined) {
  return rows.filter((row) => (includeCancelled || row.status !== 'CANCELLED') && (academicYear == null || row.academicYear === academicYear.trim()));
}

builder.prismaObjectField(StudentRecord, 'assistance', (t) =>
  t.field({
    type: [EducationAssistance],
    description: '资助记录: the assistance granted under this record, newest academic year first.',
    args: {
      academicYear: t.arg.string({ required: false, description: `Only this academic year. ${academicYearArg}` }),
      includeCancelled: t.arg.boolean({ required: false, defaultValue: false, description: 'Also list CANCELLED records (default false).' }),
    },
    resolve: async (record, { academicYear, includeCancelled }, ctx) =>
      filterAssistance(await ctx.assistanceByRecord.load(record.id), academicYear, includeCancelled),
  }),
);

const RecordEducationAssistanceInput = builder.inputType('RecordEducationAssistanceInput', {
  description: '资助登记: record approved assistance under a student record (status APPROVED).',
  fields: (t) => ({
    studentRecordId: t.id({ description: '学籍记录编号: a record that was open during the academic year.' }),
    kind: t.field({ type: EducationAssistanceKind, description: '资助类型: one the record’s stage can receive.' }),
    amount: t.field({
      type: 'Money',
      description:
        '金额 (元): greater than 0 and at most the policy parameter ASSISTANCE_MAX_<kind> of the school’s county for the year the academic year starts in.',
    }),
    academicYear: t.string({ description: `学年. ${academicYearArg} From 2000 up to the academic year after the current one.` }),
    term: t.field({ type: AcademicTerm, description: '学期: no other assistance of the same kind may cover the same term (FULL_YEAR covers both).' }),
    approvedBy: t.string({ description: '审批单位 (2 to 100 characters), e.g. 灵宝市学生资助管理中心' }),
  }),
});

interface AssistanceFilterInput {
  personIdNumber?: string | null;
  studentRecordId?: string | number | null;
  kind?: AssistanceRow['kind'] | null;
  status?: AssistanceRow['status'] | null;
  academicYear?: string | null;
  term?: AssistanceRow['term'] | null;
  stage?: Prisma.StudentRecordWhereInput['stage'] | null;
  regionPrefix?: string | null;
}

const EducationAssistanceFilter = builder.inputType('EducationAssistanceFilter', {
  description: '筛选条件 for the assistance list. Conditions combine with AND.',
  fields: (t) => ({
    personIdNumber: t.field({ type: 'IdNumber', required: false, description: 'Only this person’s assistance.' }),
    studentRecordId: t.id({ required: false, description: 'Only assistance under this student record.' }),
    kind: t.field({ type: EducationAssistanceKind, required: false, description: 'Only this kind.' }),
    status: t.field({ type: EducationAssistanceStatus, required: false, description: 'Only this status (all statuses when absent).' }),
    academicYear: t.string({ required: false, description: `Only this academic year. ${academicYearArg}` }),
    term: t.field({ type: AcademicTerm, required: false, description: 'Only this term.' }),
    stage: t.field({ type: EducationStage, required: false, description: 'Only assistance under records at this stage.' }),
    regionPrefix: t.string({
      required: false,
      description: 'Only assistance under records of schools in this region: 4112, a county (6) or a township (9 digits).',
    }),
  }),
});

function assistanceWhere(filter: AssistanceFilterInput | null | undefined): Prisma.EducationAssistanceWhereInput {
  if (!filter) return {};
  const where: Prisma.EducationAssistanceWhereInput = {};
  if (filter.personIdNumber) where.personIdNumber = filter.personIdNumber;
  if (filter.studentRecordId != null) where.studentRecordId = String(filter.studentRecordId);
  if (filter.kind) where.kind = filter.kind;
  if (filter.status) where.status = filter.status;
  if (filter.academicYear != null) where.academicYear = parseAcademicYear(filter.academicYear, today()).label;
  if (filter.term) where.term = filter.term;
  const record: Prisma.StudentRecordWhereInput = {};
  if (filter.stage) record.stage = filter.stage;
  if (filter.regionPrefix != null) record.schoolRegionCode = regionPrefixFilter(filter.regionPrefix);
  if (Object.keys(record).length) where.studentRecord = record;
  return where;
}

builder.queryFields((t) => ({
  educationAssistance: t.prismaField({
    type: EducationAssistance,
    nullable: true,
    description: 'An assistance record by id (cancelled ones too), or null.',
    args: { id: t.arg.id({ description: '资助记录编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.educationAssistance.findUnique({ ...query, where: { id: String(id), ...withinRegion(ctx.identity, 'studentRecord.schoolRegionCode') } }),
  }),
  educationAssistances: t.prismaConnection(
    {
      type: EducationAssistance,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '教育资助台账: assistance records (of persons in the register or not), newest academic year first, paged with cursors.',
      args: { filter: t.arg({ type: EducationAssistanceFilter, required: false, description: 'Which records to list.' }) },
      totalCount: (_parent, { filter }, ctx) =>
        ctx.prisma.educationAssistance.count({ where: { AND: [assistanceWhere(filter), withinRegion(ctx.identity, 'studentRecord.schoolRegionCode')] } }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.prisma.educationAssistance.findMany({
          ...query,
          where: { AND: [assistanceWhere(filter), withinRegion(ctx.identity, 'studentRecord.schoolRegionCode')] },
          orderBy: [{ academicYear: 'desc' }, { id: 'asc' }],
        }),
    },
    {
      description: 'A page of assistance records, with the total number matching the filter.',
      fields: (t) => ({ totalCount: t.int(totalCountOptions('符合条件的资助记录总数: records matching the filter.')) }),
    },
    { description: 'An assistance record in a page.' },
  ),
  currentAcademicYear: t.string({
    description: '当前学年: the academic year today falls in, e.g. "2026-2027" (it starts on 1 September). Coverage counts assistance in it.',
    resolve: () => academicYearOf(today()).label,
  }),
}));

/** Reads an assistance record for a change, locking its row until the transaction ends. */
async function loadAssistanceForUpdate(tx: Prisma.TransactionClient, id: string, identity: Identity) {
  await lockRows(tx, 'EducationAssistance', [id]);
  const found = await tx.educationAssistance.findUnique({ where: { id }, include: { studentRecord: { select: { schoolRegionCode: true } } } });
  if (!found) throw notFound('EducationAssistance', id);
  assertFoundInRegion(identity, found.studentRecord.schoolRegionCode, 'EducationAssistance', id);
  return found;
}

builder.mutationFields((t) => ({
  recordEducationAssistance: t.prismaField({
    type: EducationAssistance,
    description:
      '资助登记: record approved assistance (APPROVED). INVALID_INPUT for an amount ≤ 0 or above the policy maximum, a bad or ' +
      'far-future academic year, a year without policy, a kind the stage does not receive, or a bad approving organisation; ' +
      'CONFLICT when the record does not cover the academic year or the same kind already covers the term; NOT_FOUND for an unknown record.',
    args: { input: t.arg({ type: RecordEducationAssistanceInput, description: '资助内容' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const recordId = String(input.studentRecordId);
      const approvedBy = checkText(input.approvedBy, 'approvedBy', 2, 100);
      const year = parseAcademicYear(input.academicYear, today());
      const id = await ctx.prisma.$transaction(async (tx) => {
        const record = await loadRecordForUpdate(tx, recordId, ctx.identity);
        checkKindForStage(input.kind, record.stage);
        checkRecordCoversAcademicYear(record, year);
        const maximum = assistanceMax(
          await tx.policyParameter.findMany({ where: { year: year.startYear } }),
          input.kind,
          record.schoolRegionCode,
          year.startYear,
        );
        const amount = checkAmount(input.amount, input.kind, maximum);
        const existing = await tx.educationAssistance.findMany({ where: { personIdNumber: record.personIdNumber, academicYear: year.label } });
        checkNotDuplicate(existing, { kind: input.kind, academicYear: year.label, term: input.term });
        const created = await tx.educationAssistance.create({
          data: {
            studentRecordId: record.id,
            personIdNumber: record.personIdNumber,
            kind: input.kind,
            amount,
            academicYear: year.label,
            term: input.term,
            status: 'APPROVED',
            approvedBy,
            recordedBy: ctx.identity.subject,
          },
        });
        return created.id;
      });
      return ctx.prisma.educationAssistance.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  markEducationAssistancePaid: t.prismaField({
    type: EducationAssistance,
    description:
      '发放: mark APPROVED assistance PAID on a date. INVALID_INPUT for a future date or one outside its academic year; ' +
      'INVALID_TRANSITION unless APPROVED.',
    args: {
      assistanceId: t.arg.id({ description: '资助记录编号' }),
      paidOn: t.arg({ type: 'Date', description: '发放日期: not in the future, within the academic year (1 September to 31 August).' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.assistanceId);
      await ctx.prisma.$transaction(async (tx) => {
        const given = await loadAssistanceForUpdate(tx, id, ctx.identity);
        const status = nextAssistanceStatus('PAY', given.status);
        checkPaidOn(academicYearFromLabel(given.academicYear), args.paidOn, today());
        await tx.educationAssistance.update({ where: { id }, data: { status, paidOn: args.paidOn } });
      });
      return ctx.prisma.educationAssistance.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),

  cancelEducationAssistance: t.prismaField({
    type: EducationAssistance,
    description: '撤销: cancel APPROVED or PAID assistance with a reason; it is kept and no longer counts. Cancelling twice is INVALID_TRANSITION.',
    args: {
      assistanceId: t.arg.id({ description: '资助记录编号' }),
      reason: t.arg.string({ description: '撤销原因 (2 to 500 characters), e.g. 重复录入 or 学生已转出本市' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.assistanceId);
      const cancellationReason = checkReason(args.reason);
      await ctx.prisma.$transaction(async (tx) => {
        const given = await loadAssistanceForUpdate(tx, id, ctx.identity);
        const status = nextAssistanceStatus('CANCEL', given.status);
        await tx.educationAssistance.update({
          where: { id },
          data: { status, cancelledAt: new Date(), cancelledBy: ctx.identity.subject, cancellationReason },
        });
      });
      return ctx.prisma.educationAssistance.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
