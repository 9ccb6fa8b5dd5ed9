// 农村危房改造: renovation cases and their append-only step history.

import type { Identity } from '@lip/shared/auth';
import { notFound } from '@lip/shared/errors';
import { totalCountOptions, yearRange } from '@lip/shared/lists';
import { policyValue } from '@lip/shared/policy';
import { assertFoundInRegion, assertInRegion, withinRegion } from '@lip/shared/scopes';
import { uniqueAsConflict } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import { involving } from '../context.ts';
import { latestAssessment } from '../domain/assessment.ts';
import { checkDate, checkMembers, checkRegion, checkText, today } from '../domain/common.ts';
import { checkAdvance, checkApprovalGrade, checkNoOpenCase, checkReject, OPEN } from '../domain/renovation.ts';
import type { Prisma, RuralRenovationStatus as Status } from '../generated/prisma/client.ts';
import { DwellingAssessment } from './assessment.ts';
import { lockPersons, regionPrefixWhere } from './common.ts';
import { DwellingSafetyGrade, RuralRenovationStatus } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';

export const RuralRenovationStep = builder.prismaObject('RuralRenovationStep', {
  description: '办理记录: one step of a renovation case, who took it and when. Never edited or deleted.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '记录编号' }),
    fromStatus: t.expose('fromStatus', { type: RuralRenovationStatus, nullable: true, description: '变更前状态 (null for the application)' }),
    toStatus: t.expose('toStatus', { type: RuralRenovationStatus, description: '变更后状态' }),
    actor: t.exposeString('actor', { description: '经办人 (the signed-in subject)' }),
    note: t.exposeString('note', { nullable: true, description: '意见/原因: the reviewer’s note, or the rejection reason.' }),
    at: t.expose('at', { type: 'DateTime', description: '时间' }),
  }),
});

export const RuralRenovationCase = builder.prismaObject('RuralRenovationCase', {
  description:
    '农村危房改造 case: a rural household’s application, moved one step at a time (申请 → 村级评议 → 乡镇审核 → 县级审批 → 竣工验收) ' +
    'or rejected with a reason; recorded under the applicant with the household members it covers.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '案件编号' }),
    idNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '申请人 居民身份证号码' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '申请人 (resolved by civil affairs through the gateway) (null when not in the register or outside your region)',
      resolve: (row) => personOf(row.personIdNumber),
    }),
    memberIdNumbers: t.field({
      type: ['IdNumber'],
      description: '家庭成员 居民身份证号码: the other household members the case covers.',
      resolve: (row) => row.memberIdNumbers,
    }),
    members: t.field({
      type: [PersonRef],
      nullable: { list: false, items: true },
      description: '家庭成员 as persons (an item is null when not in the register or outside your region)',
      resolve: (row) => row.memberIdNumbers.map(personOf),
    }),
    regionCode: t.exposeString('regionCode', { description: '房屋所在村 行政区划代码 (12 digits); its county’s policy applies.' }),
    status: t.expose('status', { type: RuralRenovationStatus, description: '办理状态' }),
    open: t.boolean({ description: '是否在办: not COMPLETED or REJECTED.', resolve: (row) => OPEN.includes(row.status) }),
    appliedOn: t.expose('appliedOn', { type: 'Date', description: '申请日期' }),
    approvedGrade: t.expose('approvedGrade', {
      type: DwellingSafetyGrade,
      nullable: true,
      description: '审批依据等级: the grade of the latest assessment at county approval.',
    }),
    assessment: t.field({
      type: DwellingAssessment,
      nullable: true,
      description: '审批依据鉴定: the assessment the county approval relied on.',
      resolve: (row, _args, ctx) => (row.assessmentId ? ctx.assessmentById.load(row.assessmentId) : null),
    }),
    subsidyAmount: t.expose('subsidyAmount', {
      type: 'Money',
      nullable: true,
      description: '补助金额 (元): set at county approval from the policy parameter for the grade (RURAL_RENOVATION_SUBSIDY_C, _D or _NO_HOUSE).',
    }),
    rejectionReason: t.exposeString('rejectionReason', { nullable: true, description: '不予通过原因 (REJECTED only)' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: '办结时间 (COMPLETED or REJECTED)' }),
    steps: t.field({
      type: [RuralRenovationStep],
      description: '办理记录: every step, oldest first (append-only).',
      resolve: (row, _args, ctx) => ctx.stepsByCase.load(row.id),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最后变更' }),
  }),
});

const RuralRenovationCaseFilter = builder.inputType('RuralRenovationCaseFilter', {
  description: '筛选条件 for renovation cases. Conditions combine with AND.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', required: false, description: 'Cases naming this person as applicant or member.' }),
    status: t.field({ type: [RuralRenovationStatus], required: false, description: 'Only cases in one of these states.' }),
    regionPrefix: t.string({ required: false, description: 'A region code prefix: 4112 (the city), a county (6), township (9) or village (12) code.' }),
    year: t.int({ required: false, description: 'Only cases applied for in this calendar year.' }),
  }),
});

type Filter = typeof RuralRenovationCaseFilter.$inferInput;

function caseWhere(filter: Filter | null | undefined): Prisma.RuralRenovationCaseWhereInput {
  if (!filter) return {};
  const and: Prisma.RuralRenovationCaseWhereInput[] = [];
  if (filter.idNumber) and.push(involving([filter.idNumber]));
  if (filter.status) and.push({ status: { in: filter.status } });
  if (filter.regionPrefix != null) and.push({ regionCode: regionPrefixWhere(filter.regionPrefix) });
  if (filter.year != null) {
    and.push({ appliedOn: yearRange(filter.year) });
  }
  return { AND: and };
}

builder.queryFields((t) => ({
  ruralRenovationCase: t.prismaField({
    type: RuralRenovationCase,
    nullable: true,
    description: 'A renovation case by id, or null.',
    args: { id: t.arg.id({ description: '案件编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.ruralRenovationCase.findUnique({ ...query, where: { id: String(id), ...withinRegion(ctx.identity, 'regionCode') } }),
  }),
  ruralRenovationCases: t.prismaConnection(
    {
      type: RuralRenovationCase,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '农村危房改造 case list (including of persons not in the register), newest application first, paged with cursors.',
      args: { filter: t.arg({ type: RuralRenovationCaseFilter, required: false, description: 'Conditions (all optional)' }) },
      totalCount: (_parent, { filter }, ctx) =>
        ctx.prisma.ruralRenovationCase.count({ where: { AND: [caseWhere(filter), withinRegion(ctx.identity, 'regionCode')] } }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.prisma.ruralRenovationCase.findMany({
          ...query,
          where: { AND: [caseWhere(filter), withinRegion(ctx.identity, 'regionCode')] },
          orderBy: [{ appliedOn: 'desc' }, { id: 'asc' }],
        }),
    },
    {
      name: 'RuralRenovationCaseConnection',
      description: 'A page of renovation cases, with the total number matching the filter.',
      fields: (t) => ({
        totalCount: t.int(totalCountOptions('总数: cases matching the filter (all pages).')),
      }),
    },
    { name: 'RuralRenovationCaseEdge', description: 'A renovation case in a page.' },
  ),
}));

const ApplyForRuralRenovationInput = builder.inputType('ApplyForRuralRenovationInput', {
  description: '农户申请 危房改造: a new case in state APPLIED.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', description: '申请人 (户主) 居民身份证号码' }),
    memberIdNumbers: t.field({ type: ['IdNumber'], required: false, description: '家庭成员 居民身份证号码 (without the applicant; at most 20).' }),
    regionCode: t.string({ description: '房屋所在村: the 12-digit village code in Sanmenxia.' }),
    appliedOn: t.field({ type: 'Date', required: false, description: '申请日期 (default today; not in the future)' }),
    note: t.string({ required: false, description: '申请说明 (at most 500 characters)' }),
  }),
});

type Tx = Prisma.TransactionClient;

const addStep = (tx: Tx, caseId: string, fromStatus: Status | null, toStatus: Status, actor: string, note: string | null) =>
  tx.ruralRenovationStep.create({ data: { caseId, fromStatus, toStatus, actor, note } });

const optionalNote = (note: string | null | undefined) => (note == null || note.trim() === '' ? null : checkText('note', note, { min: 1, max: 500 }));

async function loadCase(tx: Tx, id: string, identity: Identity) {
  const found = await tx.ruralRenovationCase.findUnique({ where: { id } });
  if (!found) throw notFound('RuralRenovationCase', id);
  assertFoundInRegion(identity, found.regionCode, 'RuralRenovationCase', id);
  return found;
}

builder.mutationFields((t) => ({
  applyForRuralRenovation: t.field({
    type: RuralRenovationCase,
    description: '农户申请: open a renovation case. CONFLICT while the applicant or a listed member is in another open case.',
    args: { input: t.arg({ type: ApplyForRuralRenovationInput, description: 'The application' }) },
    resolve: async (_root, { input }, ctx) => {
      const now = today();
      const appliedOn = input.appliedOn ?? now;
      checkDate('appliedOn', appliedOn, now);
      const members = checkMembers(input.idNumber, input.memberIdNumbers);
      checkRegion(input.regionCode, 'VILLAGE');
      assertInRegion(ctx.identity, input.regionCode);
      const note = optionalNote(input.note);
      const persons = [input.idNumber, ...members];
      return uniqueAsConflict(
        () =>
          ctx.prisma.$transaction(async (tx) => {
            await lockPersons(tx, persons);
            checkNoOpenCase(await tx.ruralRenovationCase.findMany({ where: { ...involving(persons), status: { in: [...OPEN] } } }));
            const created = await tx.ruralRenovationCase.create({
              data: { personIdNumber: input.idNumber, memberIdNumbers: members, regionCode: input.regionCode, status: 'APPLIED', appliedOn },
            });
            await addStep(tx, created.id, null, 'APPLIED', ctx.identity.subject, note);
            return created;
          }),
        'The applicant already has an open renovation case',
        'OPEN_CASE_EXISTS',
      );
    },
  }),
  advanceRuralRenovationCase: t.field({
    type: RuralRenovationCase,
    description:
      '推进一步: move an open case to the next state, named in `to` (no skipping). COUNTY_APPROVED needs the applicant’s latest ' +
      'assessment to be C, D or NO_HOUSE (CONFLICT otherwise) and sets the subsidy from the county’s policy parameters.',
    args: {
      caseId: t.arg.id({ description: '案件编号' }),
      to: t.arg({ type: RuralRenovationStatus, description: 'The next state: VILLAGE_REVIEWED, TOWNSHIP_REVIEWED, COUNTY_APPROVED or COMPLETED.' }),
      note: t.arg.string({ required: false, description: '意见 (at most 500 characters)' }),
    },
    resolve: async (_root, args, ctx) => {
      const note = optionalNote(args.note);
      const id = String(args.caseId);
      const policy = await ctx.policy();
      return ctx.prisma.$transaction(async (tx) => {
        const found = await loadCase(tx, id, ctx.identity);
        await lockPersons(tx, [found.personIdNumber, ...found.memberIdNumbers]);
        const current = await loadCase(tx, id, ctx.identity); // re-read under the lock
        const to = checkAdvance(current.status, args.to);
        const data: Prisma.RuralRenovationCaseUpdateInput = { status: to };
        if (to === 'COUNTY_APPROVED') {
          const assessments = await tx.dwellingAssessment.findMany({ where: involving([current.personIdNumber]) });
          const latest = latestAssessment(assessments);
          const parameter = checkApprovalGrade(latest);
          const amount = policyValue(policy, parameter, current.regionCode, today().getUTCFullYear());
          Object.assign(data, { approvedGrade: latest!.grade, assessment: { connect: { id: latest!.id } }, subsidyAmount: amount.toFixed(2) });
        }
        if (to === 'COMPLETED') data.closedAt = new Date();
        const updated = await tx.ruralRenovationCase.update({ where: { id }, data });
        await addStep(tx, id, current.status, to, ctx.identity.subject, note);
        return updated;
      });
    },
  }),
  rejectRuralRenovationCase: t.field({
    type: RuralRenovationCase,
    description: '不予通过: reject an open case at its current step, with a reason. Closed cases cannot be rejected (INVALID_TRANSITION).',
    args: {
      caseId: t.arg.id({ description: '案件编号' }),
      reason: t.arg.string({ description: '不予通过原因 (2 to 500 characters)' }),
    },
    resolve: async (_root, args, ctx) => {
      const reason = checkText('reason', args.reason, { min: 2, max: 500 });
      const id = String(args.caseId);
      return ctx.prisma.$transaction(async (tx) => {
        const found = await loadCase(tx, id, ctx.identity);
        await lockPersons(tx, [found.personIdNumber, ...found.memberIdNumbers]);
        const current = await loadCase(tx, id, ctx.identity);
        const to = checkReject(current.status);
        const updated = await tx.ruralRenovationCase.update({ where: { id }, data: { status: to, rejectionReason: reason, closedAt: new Date() } });
        await addStep(tx, id, current.status, to, ctx.identity.subject, reason);
        return updated;
      });
    },
  }),
}));
