// 认定申请: a household's application (or review), its evidence and its step history, the
// lists a township works from, and the submission. The steps themselves are in case-steps.ts.
import { today } from '@lip/shared/calendar';
import { conflict, invalidInput, notFound } from '@lip/shared/errors';
import { totalCountOptions } from '@lip/shared/lists';
import { seesPersonalData } from '@lip/shared/masking';
import { listPrefix } from '@lip/shared/region-filter';
import { assertFoundInRegion } from '@lip/shared/scopes';
import { checkOptionalText, checkReason } from '@lip/shared/text';
import { lockKeys, uniqueAsConflict } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { checkApplication } from '../domain/application.ts';
import type { Assessment, CategoryResult, ProposedGrant } from '../domain/assessment.ts';
import { isOverdue, OPEN_STEPS, stepDueOn } from '../domain/recognition.ts';
import type { VerificationItem, VerificationReport } from '../domain/verification.ts';
import type { Prisma, CaseStep as Step } from '../generated/prisma/client.ts';
import { checkAlertOfHousehold } from './alert-check.ts';
import { CareLevel, HoldingSubtype, LowIncomeCategory } from './enums.ts';
import { loadPolicy } from './policy.ts';

export const CASE_LOCK = 'civil-affairs:case';
export const HOUSEHOLD_LOCK = 'civil-affairs:household';

export const CaseKind = builder.enumType('CaseKind', {
  description: '案件类型',
  values: {
    APPLICATION: { description: '认定申请: a household applies and is assessed for every category.' },
    REVIEW: { description: '复核: a scheduled review of a household’s holdings (short form).' },
  },
});

export const ApplicationChannel = builder.enumType('ApplicationChannel', {
  description: '申请渠道',
  values: {
    IN_PERSON: { description: '窗口申请: the household applied at the township.' },
    HOME_VISIT: { description: '入户代办: a worker took the application on a home visit.' },
    MONITORING_ALERT: { description: '主动发现: opened from a monitoring alert (alertId names it).' },
  },
});

export const CaseStep = builder.enumType('CaseStep', {
  description: '办理环节: the step a case is at.',
  values: {
    SUBMITTED: { description: '已申请: waiting to be accepted.' },
    ACCEPTED: { description: '已受理: waiting for the home investigation.' },
    NOT_ACCEPTED: { description: '不予受理: documents missing (closed).' },
    INVESTIGATED: { description: '已入户调查: waiting for economic verification.' },
    VERIFIED: { description: '已核对: economic verification done, assessment made.' },
    TOWNSHIP_REVIEWED: { description: '乡镇已审核: waiting for public notice.' },
    PUBLIC_NOTICE: { description: '公示中' },
    CONFIRMED: { description: '已确认: the holdings are granted (a review: its outcome applied).' },
    REJECTED: { description: '不予确认: refused with reasons.' },
    NOTIFIED: { description: '已告知: the applicant has been told the decision (closed).' },
    WITHDRAWN: { description: '已撤回: withdrawn before the decision (closed).' },
  },
});

export const IncomeKind = builder.enumType('IncomeKind', {
  description: '收入类型',
  values: {
    WAGES: { description: '工资性收入' },
    BUSINESS: { description: '经营净收入' },
    PROPERTY: { description: '财产净收入 (rent, interest…)' },
    TRANSFER: { description: '转移净收入 (support from relatives, subsidies…)' },
    PENSION: { description: '养老金' },
  },
});

export const AssetKind = builder.enumType('AssetKind', {
  description: '财产类型',
  values: {
    DEPOSITS: { description: '存款' },
    SECURITIES: { description: '有价证券' },
    VEHICLE: { description: '机动车辆' },
    REAL_ESTATE: { description: '房产' },
    BUSINESS: { description: '企业或个体工商户' },
  },
});

export const ExpenditureKind = builder.enumType('ExpenditureKind', {
  description: '刚性支出类型',
  values: { MEDICAL: { description: '医疗' }, EDUCATION: { description: '教育' } },
});

export const ReviewOutcome = builder.enumType('ReviewOutcome', {
  description: '复核结果',
  values: {
    CONTINUE: { description: '继续享受: nothing changes but the next review date.' },
    CHANGE: { description: '变更: an amount or a category changed.' },
    EXIT: { description: '退出: every holding ends (after a grace period for new work income).' },
  },
});

export const AssessmentOutcome = builder.enumType('AssessmentOutcome', {
  description: '审核结论',
  values: { QUALIFIES: { description: '符合' }, DOES_NOT_QUALIFY: { description: '不符合' } },
});

/** Free text a case worker wrote may name people: roles that do not work cases get a placeholder. */
const caseText = (ctx: Context, text: string | null) => (text == null || seesPersonalData(ctx.identity.role) ? text : '（已隐藏）');

const HomeInvestigation = builder.objectRef<{ investigators: string[]; visitedOn: string; findings: string }>('HomeInvestigation').implement({
  description: '入户调查记录',
  fields: (t) => ({
    investigators: t.exposeStringList('investigators', { description: '调查人员' }),
    visitedOn: t.field({ type: 'Date', description: '入户日期', resolve: (row) => new Date(`${row.visitedOn}T00:00:00Z`) }),
    findings: t.string({ description: '调查情况', resolve: (row, _args, ctx) => caseText(ctx, row.findings)! }),
  }),
});

const VerificationItemRef = builder.objectRef<VerificationItem>('VerificationItem').implement({
  description: '核对项目: one fact with its source and date.',
  fields: (t) => ({
    source: t.exposeString('source', {
      description:
        '来源: 申请人申报, 民政 低收入人口库, 医保局, 总工会, 住建局, or an outside feed held by monitoring (公安交管 机动车登记, 市场监管 市场主体登记, 不动产登记, 人社 登记失业人员)',
    }),
    idNumber: t.field({ type: 'IdNumber', nullable: true, description: '涉及成员 (null: the household)', resolve: (row) => row.idNumber }),
    item: t.exposeString('item', { description: '项目' }),
    value: t.exposeString('value', { description: '数值 (元, 套, 辆 as the item says)' }),
    asOf: t.field({ type: 'Date', description: '数据日期', resolve: (row) => new Date(`${row.asOf}T00:00:00Z`) }),
  }),
});

export const EconomicVerification = builder.objectRef<VerificationReport>('EconomicVerification').implement({
  description: '家庭经济状况核对报告: what was declared and what the register and departments record, as stored on the case when it was assembled.',
  fields: (t) => ({
    assembledOn: t.field({ type: 'Date', description: '核对日期', resolve: (row) => new Date(`${row.assembledOn}T00:00:00Z`) }),
    items: t.field({ type: [VerificationItemRef], description: '核对项目', resolve: (row) => row.items }),
    differences: t.exposeStringList('differences', { description: '申报与核对不一致之处, for the reviewer.' }),
    unavailable: t.exposeStringList('unavailable', { description: '未能取得数据的来源 (the report does not guess for them).' }),
  }),
});

const ProposedHolding = builder.objectRef<ProposedGrant>('ProposedHolding').implement({
  description: '拟认定: a holding the decision grants if the case is confirmed.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', description: '居民身份证号码', resolve: (row) => row.idNumber }),
    category: t.field({ type: LowIncomeCategory, description: '类别', resolve: (row) => row.category }),
    subtype: t.field({ type: HoldingSubtype, nullable: true, description: '供养方式 (EXTREME_POVERTY)', resolve: (row) => row.subtype }),
    monthlyAmount: t.field({ type: 'Money', nullable: true, description: '月发放金额 (元)', resolve: (row) => row.monthlyAmount }),
    careLevel: t.field({ type: CareLevel, nullable: true, description: '生活自理能力 (EXTREME_POVERTY)', resolve: (row) => row.careLevel }),
  }),
});

const CategoryAssessment = builder.objectRef<CategoryResult>('CategoryAssessment').implement({
  description: '分类审核结论: one category’s outcome, with the reason in plain words.',
  fields: (t) => ({
    category: t.field({ type: LowIncomeCategory, description: '类别', resolve: (row) => row.category }),
    outcome: t.field({ type: AssessmentOutcome, description: '结论', resolve: (row) => row.outcome }),
    reason: t.exposeString('reason', { description: '理由' }),
    monthlyAmount: t.field({
      type: 'Money',
      nullable: true,
      description: '家庭每月金额 (元), where the category is paid',
      resolve: (row) => row.monthlyAmount,
    }),
    proposedHoldings: t.field({ type: [ProposedHolding], description: '拟认定的成员', resolve: (row) => row.grants }),
  }),
});

export const HouseholdAssessment = builder.objectRef<Assessment>('HouseholdAssessment').implement({
  description: '一次申请、分类审核认定: the household assessed against every category at once.',
  fields: (t) => ({
    perCapitaMonthlyIncome: t.field({ type: 'Money', description: '家庭月人均收入 (元)', resolve: (row) => row.perCapitaMonthlyIncome }),
    subsistenceLine: t.field({ type: 'Money', description: '适用低保标准 (元/人/月)', resolve: (row) => row.subsistenceLine }),
    results: t.field({ type: [CategoryAssessment], description: '各类别结论', resolve: (row) => row.results }),
  }),
});

builder.prismaObject('CaseMember', {
  description: '申请成员',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', description: '居民身份证号码', resolve: (row) => row.idNumber }),
    person: t.relation('person', { description: '成员 (name masked for roles that do not work cases)' }),
    ableToWork: t.exposeBoolean('ableToWork', { description: '有劳动能力' }),
    severeDisability: t.exposeBoolean('severeDisability', { description: '重度残疾 (一、二级)' }),
    hasSupporter: t.exposeBoolean('hasSupporter', { description: '有能够履行义务的法定赡养、抚养、扶养义务人' }),
    careLevel: t.expose('careLevel', { type: CareLevel, nullable: true, description: '生活自理能力' }),
    careInstitution: t.exposeString('careInstitution', { nullable: true, description: '意向集中供养机构' }),
  }),
});

builder.prismaObject('CaseIncome', {
  description: '申报收入',
  fields: (t) => ({
    memberIdNumber: t.field({
      type: 'IdNumber',
      nullable: true,
      description: '收入成员 (null: the household as a whole)',
      resolve: (row) => row.memberIdNumber,
    }),
    kind: t.expose('kind', { type: IncomeKind, description: '类型' }),
    monthlyAmount: t.expose('monthlyAmount', { type: 'Money', description: '月收入 (元)' }),
  }),
});

builder.prismaObject('CaseAsset', {
  description: '申报财产',
  fields: (t) => ({
    kind: t.expose('kind', { type: AssetKind, description: '类型' }),
    value: t.expose('value', { type: 'Money', description: '价值 (元)' }),
    description: t.string({ description: '说明', resolve: (row, _args, ctx) => caseText(ctx, row.description)! }),
  }),
});

builder.prismaObject('CaseExpenditure', {
  description: '刚性支出',
  fields: (t) => ({
    kind: t.expose('kind', { type: ExpenditureKind, description: '类型' }),
    annualAmount: t.expose('annualAmount', { type: 'Money', description: '年支出 (元)' }),
    description: t.string({ description: '说明', resolve: (row, _args, ctx) => caseText(ctx, row.description)! }),
  }),
});

builder.prismaObject('CaseStepEvent', {
  description: '办理记录: one step of a case, who did it and when. Never edited or deleted.',
  fields: (t) => ({
    fromStep: t.expose('fromStep', { type: CaseStep, nullable: true, description: '原环节 (null: the case was opened)' }),
    toStep: t.expose('toStep', { type: CaseStep, description: '新环节' }),
    note: t.string({ description: '办理意见', resolve: (row, _args, ctx) => caseText(ctx, row.note)! }),
    actor: t.exposeString('actor', { description: '经办人' }),
    on: t.expose('on', { type: 'Date', description: '办理日期' }),
    at: t.expose('at', { type: 'DateTime', description: '记录时间' }),
  }),
});

builder.prismaObject('NoticeObjection', {
  description: '公示异议: an objection raised during public notice, and its answer.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '异议编号' }),
    raisedOn: t.expose('raisedOn', { type: 'Date', description: '提出日期' }),
    content: t.string({ description: '异议内容', resolve: (row, _args, ctx) => caseText(ctx, row.content)! }),
    recordedBy: t.exposeString('recordedBy', { description: '登记人' }),
    answer: t.string({ nullable: true, description: '核实答复 (null until answered)', resolve: (row, _args, ctx) => caseText(ctx, row.answer) }),
    upheld: t.exposeBoolean('upheld', { nullable: true, description: '异议成立 (the case went back to investigation)' }),
    answeredBy: t.exposeString('answeredBy', { nullable: true, description: '答复人' }),
    answeredAt: t.expose('answeredAt', { type: 'DateTime', nullable: true, description: '答复时间' }),
  }),
});

export const RecognitionCase = builder.prismaObject('RecognitionCase', {
  description: '认定案件: one application (or review) of a household, assessed against every category, with its evidence and every step.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '案件编号' }),
    kind: t.expose('kind', { type: CaseKind, description: '类型' }),
    channel: t.expose('channel', { type: ApplicationChannel, description: '申请渠道' }),
    alertId: t.exposeString('alertId', { nullable: true, description: '预警编号 (MONITORING_ALERT): the monitoring alert the case came from.' }),
    household: t.relation('household', { description: '申请家庭' }),
    regionCode: t.exposeString('regionCode', { description: '所在村/社区 (12 digits)' }),
    reason: t.string({ description: '申请理由', resolve: (row, _args, ctx) => caseText(ctx, row.reason)! }),
    otherHardship: t.string({ nullable: true, description: '申报的其他困难情形', resolve: (row, _args, ctx) => caseText(ctx, row.otherHardship) }),
    step: t.expose('step', { type: CaseStep, description: '当前环节' }),
    stepDueOn: t.expose('stepDueOn', { type: 'Date', nullable: true, description: '本环节办结期限 (null: closed)' }),
    overdue: t.boolean({ description: '已超期: the current step’s due date has passed.', resolve: (row) => isOverdue(row.stepDueOn, today()) }),
    submittedOn: t.expose('submittedOn', { type: 'Date', description: '申请日期' }),
    acceptedOn: t.expose('acceptedOn', { type: 'Date', nullable: true, description: '受理日期' }),
    extendedChecks: t.exposeBoolean('extendedChecks', { description: '需补充核查 (the longer decision deadline applies)' }),
    decisionDueOn: t.expose('decisionDueOn', { type: 'Date', nullable: true, description: '审核确认期限 (working days from acceptance)' }),
    missingDocuments: t.exposeStringList('missingDocuments', { description: '缺少的材料 (NOT_ACCEPTED)' }),
    investigation: t.field({
      type: HomeInvestigation,
      nullable: true,
      description: '入户调查',
      resolve: (row) => row.investigation as { investigators: string[]; visitedOn: string; findings: string } | null,
    }),
    verification: t.field({
      type: EconomicVerification,
      nullable: true,
      description: '家庭经济状况核对 (snapshot)',
      resolve: (row) => row.verification as VerificationReport | null,
    }),
    assessment: t.field({
      type: HouseholdAssessment,
      nullable: true,
      description: '分类审核结论 (made at verification)',
      resolve: (row) => row.assessment as Assessment | null,
    }),
    townshipOpinion: t.string({ nullable: true, description: '乡镇审核意见', resolve: (row, _args, ctx) => caseText(ctx, row.townshipOpinion) }),
    democraticAppraisal: t.string({ nullable: true, description: '民主评议意见', resolve: (row, _args, ctx) => caseText(ctx, row.democraticAppraisal) }),
    noticeStartOn: t.expose('noticeStartOn', { type: 'Date', nullable: true, description: '公示开始' }),
    noticeEndOn: t.expose('noticeEndOn', { type: 'Date', nullable: true, description: '公示结束' }),
    decidedOn: t.expose('decidedOn', { type: 'Date', nullable: true, description: '决定日期' }),
    decisionReason: t.string({
      nullable: true,
      description: '决定理由 (for a rejection: what the applicant is told)',
      resolve: (row, _args, ctx) => caseText(ctx, row.decisionReason),
    }),
    reviewOutcome: t.expose('reviewOutcome', { type: ReviewOutcome, nullable: true, description: '复核结果 (REVIEW)' }),
    graceUntil: t.expose('graceUntil', {
      type: 'Date',
      nullable: true,
      description: '渐退期至: payments continue until this day after an exit for new work income.',
    }),
    notifiedOn: t.expose('notifiedOn', { type: 'Date', nullable: true, description: '告知日期' }),
    members: t.relation('members', { description: '申请成员' }),
    incomes: t.relation('incomes', { description: '申报收入' }),
    assets: t.relation('assets', { description: '申报财产' }),
    expenditures: t.relation('expenditures', { description: '刚性支出' }),
    history: t.relation('events', { description: '办理记录, oldest first (append-only)', query: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } }),
    objections: t.relation('objections', { description: '公示异议', query: { orderBy: { createdAt: 'asc' } } }),
    createdBy: t.exposeString('createdBy', { description: '登记人' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '登记时间' }),
  }),
});

export const MemberInput = builder.inputType('CaseMemberInput', {
  description: '申请成员: a registered member of the household and the facts the assessment needs.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', description: '居民身份证号码 (a member of the household in the register)' }),
    ableToWork: t.boolean({ description: '有劳动能力' }),
    severeDisability: t.boolean({ required: false, defaultValue: false, description: '重度残疾 (一、二级)' }),
    hasSupporter: t.boolean({ required: false, defaultValue: true, description: '有能够履行义务的法定赡养、抚养、扶养义务人' }),
    careLevel: t.field({ type: CareLevel, required: false, description: '生活自理能力 (for extreme-poverty support)' }),
    careInstitution: t.string({ required: false, description: '意向集中供养机构 (CENTRALIZED support)' }),
  }),
});

export const IncomeInput = builder.inputType('CaseIncomeInput', {
  description: '申报收入 (monthly)',
  fields: (t) => ({
    memberIdNumber: t.field({ type: 'IdNumber', required: false, description: '收入成员 (one of the members; absent: the household)' }),
    kind: t.field({ type: IncomeKind, description: '类型' }),
    monthlyAmount: t.field({ type: 'Money', description: '月收入 (元, ≥ 0)' }),
  }),
});

export const AssetInput = builder.inputType('CaseAssetInput', {
  description: '申报财产',
  fields: (t) => ({
    kind: t.field({ type: AssetKind, description: '类型' }),
    value: t.field({ type: 'Money', description: '价值 (元, ≥ 0)' }),
    description: t.string({ description: '说明 (1–200 characters)' }),
  }),
});

export const ExpenditureInput = builder.inputType('CaseExpenditureInput', {
  description: '刚性支出 (yearly)',
  fields: (t) => ({
    kind: t.field({ type: ExpenditureKind, description: '类型' }),
    annualAmount: t.field({ type: 'Money', description: '年支出 (元, ≥ 0)' }),
    description: t.string({ description: '说明 (1–200 characters)' }),
  }),
});

const SubmitApplicationInput = builder.inputType('SubmitApplicationInput', {
  description: '认定申请: one application of a registered household, assessed against every category.',
  fields: (t) => ({
    householdId: t.id({ description: '家庭编号' }),
    channel: t.field({ type: ApplicationChannel, description: '申请渠道' }),
    alertId: t.string({
      required: false,
      description: '预警编号: required for MONITORING_ALERT, absent otherwise; an alert of monitoring about a member of the household.',
    }),
    reason: t.string({ description: '申请理由 (2–500 characters)' }),
    otherHardship: t.string({ required: false, description: '其他困难情形, for the county government to consider as 其他困难人员.' }),
    submittedOn: t.field({ type: 'Date', required: false, description: '申请日期 (default today; not in the future)' }),
    members: t.field({ type: [MemberInput], description: '申请成员 (1–20)' }),
    incomes: t.field({ type: [IncomeInput], required: false, description: '收入 (at most 100)' }),
    assets: t.field({ type: [AssetInput], required: false, description: '财产 (at most 100)' }),
    expenditures: t.field({ type: [ExpenditureInput], required: false, description: '刚性支出 (at most 100)' }),
  }),
});

const CaseFilter = builder.inputType('RecognitionCaseFilter', {
  description: '案件筛选 (all optional)',
  fields: (t) => ({
    regionCode: t.string({ required: false, description: '行政区划代码前缀 (county, township or village), narrowed to your region' }),
    steps: t.field({ type: [CaseStep], required: false, description: 'Only these steps (default: the open steps and decided-but-not-notified)' }),
    kind: t.field({ type: CaseKind, required: false, description: '类型' }),
    overdueOnly: t.boolean({ required: false, defaultValue: false, description: 'Only cases whose step is overdue' }),
    householdId: t.id({ required: false, description: '家庭编号' }),
  }),
});

/** A case by id inside the caller's region; NOT_FOUND otherwise (never reveals a case elsewhere). */
export async function caseInRegion(tx: Prisma.TransactionClient, ctx: Context, id: string) {
  const found = await tx.recognitionCase.findUnique({ where: { id } });
  if (!found?.regionCode.startsWith(ctx.identity.region)) throw notFound('RecognitionCase', id);
  return found;
}

builder.queryFields((t) => ({
  recognitionCase: t.prismaField({
    type: RecognitionCase,
    nullable: true,
    description: '认定案件 by id, with its evidence (null when unknown or outside your region).',
    args: { id: t.arg.id({ description: '案件编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.recognitionCase.findFirst({ ...query, where: { id: String(id), regionCode: { startsWith: ctx.identity.region } } }),
  }),
  recognitionCases: t.prismaField({
    type: [RecognitionCase],
    description: '待办案件: a region’s cases by due date (soonest first), open ones by default; at most `limit` (all of them: recognitionCasePage).',
    args: {
      filter: t.arg({ type: CaseFilter, required: false, description: 'Conditions' }),
      limit: t.arg.int({ required: false, defaultValue: 100, description: 'At most this many (1–500)' }),
    },
    resolve: (query, _root, { filter, limit }, ctx) => {
      const take = limit ?? 100;
      if (!Number.isInteger(take) || take < 1 || take > 500) throw invalidInput('limit must be from 1 to 500', { field: 'limit' });
      const where = caseWhere(ctx.identity, filter);
      if (!where) return [];
      return ctx.prisma.recognitionCase.findMany({ ...query, where, orderBy: [{ stepDueOn: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }], take });
    },
  }),
  recognitionCasePage: t.prismaConnection(
    {
      type: RecognitionCase,
      cursor: 'id',
      maxSize: 500,
      defaultSize: 100,
      description: '案件清单: the cases recognitionCases lists, every one of them, paged with cursors in a fixed order (by id), for exports of any size.',
      args: { filter: t.arg({ type: CaseFilter, required: false, description: 'Conditions' }) },
      totalCount: (_parent, { filter }, ctx) => {
        const where = caseWhere(ctx.identity, filter);
        return where ? ctx.prisma.recognitionCase.count({ where }) : 0;
      },
      resolve: (query, _root, { filter }, ctx) => {
        const where = caseWhere(ctx.identity, filter);
        return where ? ctx.prisma.recognitionCase.findMany({ ...query, where, orderBy: { id: 'asc' } }) : [];
      },
    },
    {
      name: 'RecognitionCaseConnection',
      description: 'A page of cases, with the total number matching the filter.',
      fields: (t) => ({ totalCount: t.int(totalCountOptions('总数: cases matching the filter (all pages).')) }),
    },
    { name: 'RecognitionCaseEdge', description: 'A case in a page.' },
  ),
}));

/** The cases a filter asks for within the caller's region: null when the region asked for is outside it. */
function caseWhere(identity: Context['identity'], filter: typeof CaseFilter.$inferInput | null | undefined): Prisma.RecognitionCaseWhereInput | null {
  const prefix = listPrefix(identity, filter?.regionCode);
  if (prefix === null) return null;
  const steps: Step[] = filter?.steps?.length ? filter.steps : [...OPEN_STEPS, 'CONFIRMED', 'REJECTED'];
  return {
    regionCode: { startsWith: prefix },
    step: { in: steps },
    ...(filter?.kind ? { kind: filter.kind } : {}),
    ...(filter?.householdId ? { householdId: String(filter.householdId) } : {}),
    ...(filter?.overdueOnly ? { stepDueOn: { lt: today() } } : {}),
  };
}

type Tx = Prisma.TransactionClient;

/** A new case's evidence rows, as checked by checkApplication. */
export const evidenceRows = (evidence: ReturnType<typeof checkApplication>) => ({
  members: { create: evidence.members },
  incomes: { create: evidence.incomes },
  assets: { create: evidence.assets },
  expenditures: { create: evidence.expenditures },
});

/** Appends one step to a case's history. */
export const recordStep = (tx: Tx, caseId: string, event: { fromStep: Step | null; toStep: Step; note: string; actor: string; on: Date }) =>
  tx.caseStepEvent.create({ data: { caseId, ...event } });

builder.mutationFields((t) => ({
  submitApplication: t.prismaField({
    type: RecognitionCase,
    description:
      '认定申请: open an application for a registered household. Refused while the household has another open application (CONFLICT, reason CASE_OPEN).',
    args: { input: t.arg({ type: SubmitApplicationInput, description: 'The household, its members and its evidence' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const reason = checkReason(input.reason);
      const otherHardship = checkOptionalText(input.otherHardship, 'otherHardship', 2, 500);
      const submittedOn = input.submittedOn ?? today();
      const application = checkApplication({ ...input, submittedOn }, today());
      const householdId = String(input.householdId);
      if (application.alertId) {
        // Asked before anything is written; the household is checked again under its lock.
        const household = await ctx.prisma.household.findUnique({ where: { id: householdId }, include: { members: true } });
        if (!household) throw notFound('Household', householdId);
        assertFoundInRegion(ctx.identity, household.regionCode, 'Household', householdId);
        await checkAlertOfHousehold(
          application.alertId,
          household.members.map((person) => person.idNumber),
          household.regionCode.slice(0, 6),
        );
      }
      const id = await ctx.prisma.$transaction(async (tx) => {
        await lockKeys(tx, HOUSEHOLD_LOCK, [householdId]);
        const household = await tx.household.findUnique({ where: { id: householdId }, include: { members: true } });
        if (!household) throw notFound('Household', householdId);
        assertFoundInRegion(ctx.identity, household.regionCode, 'Household', householdId);
        const byId = new Map(household.members.map((person) => [person.idNumber, person]));
        for (const [index, member] of application.members.entries()) {
          const person = byId.get(member.idNumber);
          if (!person)
            throw invalidInput(`${member.idNumber} is not a member of the household`, { field: `members.${index}.idNumber`, reason: 'NOT_A_MEMBER' });
          if (person.deceasedOn)
            throw invalidInput(`${member.idNumber} is recorded as deceased`, { field: `members.${index}.idNumber`, reason: 'PERSON_DECEASED' });
        }
        const open = await tx.recognitionCase.findFirst({ where: { householdId, kind: 'APPLICATION', step: { in: [...OPEN_STEPS] } } });
        if (open) throw conflict(`The household already has an open application (${open.id})`, { reason: 'CASE_OPEN', caseId: open.id });
        const policy = await loadPolicy(tx, household.regionCode, submittedOn);
        const created = await uniqueAsConflict(
          () =>
            tx.recognitionCase.create({
              data: {
                kind: 'APPLICATION',
                channel: input.channel,
                alertId: application.alertId,
                householdId,
                regionCode: household.regionCode,
                countyCode: household.regionCode.slice(0, 6),
                reason,
                otherHardship,
                step: 'SUBMITTED',
                stepDueOn: stepDueOn('SUBMITTED', { submittedOn }, policy),
                submittedOn,
                createdBy: ctx.identity.subject,
                ...evidenceRows(application),
              },
            }),
          'The household already has an open application',
          'CASE_OPEN',
        );
        await recordStep(tx, created.id, { fromStep: null, toStep: 'SUBMITTED', note: reason, actor: ctx.identity.subject, on: submittedOn });
        return created.id;
      });
      return ctx.prisma.recognitionCase.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
