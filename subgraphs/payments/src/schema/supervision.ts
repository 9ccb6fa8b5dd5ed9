import { parseCsv } from '@lip/shared/csv';
import { DomainError, ErrorCode, invalidInput, notFound } from '@lip/shared/errors';
import { maskIdNumber, parseIdNumber } from '@lip/shared/id-number';
import { totalCountOptions } from '@lip/shared/lists';
import { checkCountyCode, checkMonth, formatMonth } from '@lip/shared/periods';
import { assertInRegion, withinRegion } from '@lip/shared/scopes';
import { checkReason, checkText } from '@lip/shared/text';
import { lockKeys, uniqueAsConflict } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import type { FindingKind as Kind, Prisma } from '../generated/prisma/client.ts';
import { superviseMonth } from '../services/supervision.ts';
import { FindingKind } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';

export const StaffMember = builder.prismaObject('StaffMember', {
  description: '经办人员: a staff member who decides on assistance (recognises, prepares or approves), with the relatives they declared.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '编号' }),
    subject: t.exposeString('subject', { description: '系统账号 (the token subject their decisions carry)' }),
    idNumber: t.expose('idNumber', { type: 'IdNumber', description: '居民身份证号码' }),
    name: t.exposeString('name', { description: '姓名' }),
    countyCode: t.exposeString('countyCode', { description: '所在县' }),
    position: t.exposeString('position', { description: '职务' }),
    relatives: t.relation('relatives', { description: '申报的近亲属' }),
  }),
});

builder.prismaObject('StaffRelative', {
  description: '近亲属申报: a relative a staff member declared, matched to recipients by ID number.',
  fields: (t) => ({
    relativeIdNumber: t.expose('relativeIdNumber', { type: 'IdNumber', description: '亲属居民身份证号码' }),
    relationship: t.exposeString('relationship', { description: '关系, e.g. 配偶, 兄弟' }),
    declaredBy: t.exposeString('declaredBy', { description: '登记人 (personnel office)' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '登记时间' }),
  }),
});

// Reached only through SupervisionFinding.resolution, which names it.
builder.prismaObject('FindingResolution', {
  description: '处理说明: how a finding was resolved. Never edited or deleted.',
  fields: (t) => ({
    explanation: t.exposeString('explanation', { description: '说明' }),
    resolvedBy: t.exposeString('resolvedBy', { description: '处理人' }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', description: '处理时间' }),
  }),
});

export const SupervisionFinding = builder.prismaObject('SupervisionFinding', {
  description: '监督发现: something the checks found in the payments, for supervisors. Append-only: resolved with an explanation, never deleted.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '编号' }),
    kind: t.expose('kind', { type: FindingKind, description: '类型' }),
    countyCode: t.exposeString('countyCode', { description: '县' }),
    month: t.string({ nullable: true, description: '月份 YYYY-MM', resolve: (finding) => (finding.month ? formatMonth(finding.month) : null) }),
    payrollId: t.exposeID('payrollId', { nullable: true, description: '名册编号' }),
    lineId: t.exposeID('lineId', { nullable: true, description: '明细编号' }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', nullable: true, description: '涉及人员' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '涉及人员 (from civil affairs)',
      resolve: (f) => (f.personIdNumber ? personOf(f.personIdNumber) : null),
    }),
    accountId: t.exposeID('accountId', { nullable: true, description: '涉及账户' }),
    detail: t.exposeString('detail', { description: '说明 (ID and account numbers masked)' }),
    foundAt: t.expose('foundAt', { type: 'DateTime', description: '发现时间' }),
    resolved: t.boolean({ description: '已处理', select: { resolution: { select: { id: true } } }, resolve: (finding) => finding.resolution !== null }),
    resolution: t.relation('resolution', { nullable: true, description: '处理说明' }),
  }),
});

const FindingFilter = builder.inputType('SupervisionFindingFilter', {
  description: '筛选条件: conditions combine with AND.',
  fields: (t) => ({
    countyCode: t.string({ required: false, description: 'Only this county (6 digits).' }),
    month: t.string({ required: false, description: 'Only this month (YYYY-MM).' }),
    kind: t.field({ type: FindingKind, required: false, description: 'Only this kind.' }),
    open: t.boolean({ required: false, description: 'true: only unresolved; false: only resolved.' }),
    personIdNumber: t.field({ type: 'IdNumber', required: false, description: 'Only findings about this person.' }),
  }),
});

function findingWhere(
  filter: { countyCode?: string | null; month?: string | null; kind?: Kind | null; open?: boolean | null; personIdNumber?: string | null } | null | undefined,
) {
  const where: Prisma.SupervisionFindingWhereInput = {};
  if (!filter) return where;
  if (filter.countyCode != null) where.countyCode = checkCountyCode(filter.countyCode);
  if (filter.month != null) where.month = checkMonth(filter.month);
  if (filter.kind) where.kind = filter.kind;
  if (filter.open != null) where.resolution = filter.open ? { is: null } : { isNot: null };
  if (filter.personIdNumber) where.personIdNumber = filter.personIdNumber;
  return where;
}

builder.queryFields((t) => ({
  supervisionFindings: t.prismaConnection(
    {
      type: SupervisionFinding,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '监督发现 in your region, newest first, for supervisors (auditors and the city administrator).',
      skipTypeScopes: true,
      authScopes: { audit: true },
      args: { filter: t.arg({ type: FindingFilter, required: false, description: 'Which findings.' }) },
      totalCount: (_parent, { filter }, ctx) =>
        ctx.prisma.supervisionFinding.count({ where: { AND: [findingWhere(filter), withinRegion(ctx.identity, 'countyCode')] } }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.prisma.supervisionFinding.findMany({
          ...query,
          where: { AND: [findingWhere(filter), withinRegion(ctx.identity, 'countyCode')] },
          orderBy: [{ foundAt: 'desc' }, { id: 'asc' }],
        }),
    },
    {
      description: 'A page of findings, with the total matching the filter.',
      fields: (t) => ({
        totalCount: t.int(totalCountOptions('符合条件的总数')),
      }),
    },
    { description: 'A finding in a page.' },
  ),
  staffMember: t.prismaField({
    type: StaffMember,
    nullable: true,
    description: '经办人员 by token subject, in your region.',
    skipTypeScopes: true,
    authScopes: { $any: { pay: true, audit: true } },
    args: { subject: t.arg.string({ description: '系统账号' }) },
    resolve: (query, _root, { subject }, ctx) =>
      ctx.prisma.staffMember.findFirst({ ...query, where: { AND: [{ subject }, withinRegion(ctx.identity, 'countyCode')] } }),
  }),
}));

const RegisterStaffInput = builder.inputType('RegisterStaffMemberInput', {
  description: '登记经办人员 and (optionally) relatives they declare.',
  fields: (t) => ({
    subject: t.string({ description: '系统账号 (1 to 100 characters)' }),
    idNumber: t.field({ type: 'IdNumber', description: '居民身份证号码' }),
    name: t.string({ description: '姓名 (1 to 50 characters)' }),
    countyCode: t.string({ description: '所在县 (6 digits), within your region' }),
    position: t.string({ description: '职务 (1 to 50 characters)' }),
    relatives: t.field({ type: [DeclareRelativeInput], required: false, description: '申报的近亲属' }),
  }),
});

const DeclareRelativeInput = builder.inputType('DeclareRelativeInput', {
  description: '近亲属',
  fields: (t) => ({
    relativeIdNumber: t.field({ type: 'IdNumber', description: '亲属居民身份证号码' }),
    relationship: t.string({ description: '关系 (1 to 20 characters), e.g. 配偶' }),
  }),
});

interface StaffRow {
  subject: string;
  idNumber: string;
  name: string;
  countyCode: string;
  position: string;
  relatives: { relativeIdNumber: string; relationship: string }[];
}

function checkStaff(input: StaffRow): StaffRow {
  const relatives = input.relatives.map((relative) => {
    if (relative.relativeIdNumber === input.idNumber) throw invalidInput('A staff member is not their own relative', { field: 'relativeIdNumber' });
    return { relativeIdNumber: relative.relativeIdNumber, relationship: checkText(relative.relationship, 'relationship', 1, 20) };
  });
  return {
    subject: checkText(input.subject, 'subject', 1, 100),
    idNumber: input.idNumber,
    name: checkText(input.name, 'name', 1, 50),
    countyCode: checkCountyCode(input.countyCode),
    position: checkText(input.position, 'position', 1, 50),
    relatives,
  };
}

/** Adds or updates staff (by ID number) and adds the relatives they declare; declared relatives are never removed here. */
async function saveStaff(tx: Prisma.TransactionClient, rows: StaffRow[], declaredBy: string) {
  await lockKeys(
    tx,
    'payments:staff',
    rows.map((row) => row.idNumber),
  );
  const ids: string[] = [];
  for (const row of rows) {
    const staff = await tx.staffMember.upsert({
      where: { idNumber: row.idNumber },
      create: { subject: row.subject, idNumber: row.idNumber, name: row.name, countyCode: row.countyCode, position: row.position, createdBy: declaredBy },
      update: { subject: row.subject, name: row.name, countyCode: row.countyCode, position: row.position },
    });
    if (row.relatives.length) {
      await tx.staffRelative.createMany({ data: row.relatives.map((relative) => ({ staffId: staff.id, ...relative, declaredBy })), skipDuplicates: true });
    }
    ids.push(staff.id);
  }
  return ids;
}

const STAFF_HEADER = 'staff_subject,staff_id_number,staff_name,county_code,position,relative_id_number,relationship';

const StaffImportResult = builder.objectRef<{ staff: number; relatives: number }>('StaffImportResult').implement({
  description: '导入结果',
  fields: (t) => ({
    staff: t.exposeInt('staff', { description: '经办人员数 (added or updated)' }),
    relatives: t.exposeInt('relatives', { description: '亲属申报行数 in the file' }),
  }),
});

builder.mutationFields((t) => ({
  registerStaffMember: t.prismaField({
    type: StaffMember,
    description: '登记经办人员 (personnel office): adds or updates a staff member by ID number and adds the relatives they declare.',
    args: { input: t.arg({ type: RegisterStaffInput, description: '人员与亲属' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const row = checkStaff({ ...input, relatives: input.relatives ?? [] });
      assertInRegion(ctx.identity, row.countyCode);
      const [id] = await uniqueAsConflict(
        () => ctx.prisma.$transaction((tx) => saveStaff(tx, [row], ctx.identity.subject)),
        'That account belongs to another staff member',
        'SUBJECT_TAKEN',
      );
      return ctx.prisma.staffMember.findUniqueOrThrow({ ...query, where: { id: id! } });
    },
  }),

  importStaffRelatives: t.field({
    type: StaffImportResult,
    description:
      `导入亲属申报 (CSV, UTF-8, header ${STAFF_HEADER}; one row per relative, or a row with the relative columns empty for a staff ` +
      'member without any). All or nothing: BATCH_REJECTED lists every bad row (ID numbers masked).',
    args: { content: t.arg.string({ description: 'CSV 内容' }) },
    resolve: async (_root, { content }, ctx) => {
      const byStaff = new Map<string, StaffRow>();
      const errors: { row: number; idNumber?: string; code: string; message: string }[] = [];
      let index = 0;
      let relatives = 0;
      for (const fields of parseCsv(content)) {
        index++;
        if (index === 1) {
          if (fields.join(',') !== STAFF_HEADER) errors.push({ row: 1, code: 'INVALID_INPUT', message: `the header must be ${STAFF_HEADER}` });
          continue;
        }
        try {
          if (fields.length !== 7) throw invalidInput(`expected 7 fields, got ${fields.length}`);
          const [subject, staffId, name, county, position, relativeId, relationship] = fields.map((field) => field.trim()) as string[];
          const staff = parseIdNumber(staffId!);
          if (!staff.ok) throw new DomainError(ErrorCode.INVALID_ID_NUMBER, `staff_id_number: ${staff.message}`);
          const row = byStaff.get(staff.idNumber) ?? {
            subject: subject!,
            idNumber: staff.idNumber,
            name: name!,
            countyCode: county!,
            position: position!,
            relatives: [],
          };
          if (relativeId) {
            const relative = parseIdNumber(relativeId);
            if (!relative.ok) throw new DomainError(ErrorCode.INVALID_ID_NUMBER, `relative_id_number: ${relative.message}`);
            row.relatives.push({ relativeIdNumber: relative.idNumber, relationship: relationship! });
            relatives++;
          }
          const checked = checkStaff(row);
          assertInRegion(ctx.identity, checked.countyCode);
          byStaff.set(staff.idNumber, row);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const shown = fields[1] && /^\d{17}[\dX]$/.test(fields[1]) ? maskIdNumber(fields[1]) : undefined;
          errors.push({ row: index, idNumber: shown, code: error.code, message: error.message });
        }
      }
      if (index <= 1) errors.push({ row: 1, code: 'INVALID_INPUT', message: 'the file has no rows' });
      if (errors.length)
        throw new DomainError(ErrorCode.BATCH_REJECTED, `The file has ${errors.length} bad row(s); nothing was imported`, { rows: errors.slice(0, 100) });
      const rows = [...byStaff.values()].map(checkStaff);
      await uniqueAsConflict(
        () => ctx.prisma.$transaction((tx) => saveStaff(tx, rows, ctx.identity.subject)),
        'An account in the file belongs to another staff member',
        'SUBJECT_TAKEN',
      );
      return { staff: rows.length, relatives };
    },
  }),

  runSupervision: t.int({
    description: '运行监督检查 on demand for a county and month (they also run on every generation and approval); returns the number of new findings.',
    skipTypeScopes: true,
    authScopes: { $any: { pay: true, audit: true } },
    args: { countyCode: t.arg.string({ description: '县 (6 digits), within your region' }), month: t.arg.string({ description: '月份 YYYY-MM' }) },
    resolve: async (_root, args, ctx) => {
      const countyCode = checkCountyCode(args.countyCode);
      assertInRegion(ctx.identity, countyCode);
      return superviseMonth(ctx, countyCode, checkMonth(args.month));
    },
  }),

  resolveSupervisionFinding: t.prismaField({
    type: SupervisionFinding,
    description: '处理监督发现: resolve a finding with an explanation (kept for good). Resolving twice is INVALID_TRANSITION.',
    skipTypeScopes: true,
    authScopes: { audit: true },
    args: { findingId: t.arg.id({ description: '编号' }), explanation: t.arg.string({ description: '处理说明 (2 to 500 characters)' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = String(args.findingId);
      const explanation = checkReason(args.explanation, 'explanation');
      const finding = await ctx.prisma.supervisionFinding.findUnique({ where: { id } });
      if (!finding) throw notFound('SupervisionFinding', id);
      assertInRegion(ctx.identity, finding.countyCode);
      try {
        await ctx.prisma.findingResolution.create({ data: { findingId: id, explanation, resolvedBy: ctx.identity.subject } });
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002' || /unique/i.test(String(error)))
          throw new DomainError(ErrorCode.INVALID_TRANSITION, 'The finding is already resolved');
        throw error;
      }
      return ctx.prisma.supervisionFinding.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
