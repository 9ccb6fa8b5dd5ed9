// Alerts (预警) and referrals (转办推送) with their feedback (处置反馈), and the queues offices work from.

import { DEPARTMENTS, type Identity } from '@lip/shared/auth';
import { chinaCalendar, formatDate, today } from '@lip/shared/calendar';
import { DomainError, ErrorCode, invalidInput, notFound } from '@lip/shared/errors';
import { totalCountOptions } from '@lip/shared/lists';
import { validateRegionPrefix } from '@lip/shared/regions';
import { forbidden, inRegion, scopedPrefix, withinRegion } from '@lip/shared/scopes';
import { checkOptionalText, checkReason } from '@lip/shared/text';
import { lockKeys } from '@lip/shared/writes';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { isCivilAffairsStaff, queueScope } from '../domain/access.ts';
import type { EvidenceItem } from '../domain/evaluate.ts';
import type { FeedState } from '../domain/feeds.ts';
import {
  actsForOffice,
  bucketOf,
  checkTransition,
  DUE_SOON_WORKING_DAYS,
  dueOn,
  officeRegion,
  type ReferralStatus as Status,
  TOWNSHIP_OFFICE,
} from '../domain/referrals.ts';
import type { Alert as AlertRow, Prisma, Referral as ReferralRow } from '../generated/prisma/client.ts';
import { AlertResolution, AlertSeverity, AlertStatus, QueueBucket, ReferralStatus } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';

const OPEN_ALERT = ['OPEN', 'REFERRED', 'IN_PROGRESS'] as const;
const OPEN_REFERRAL = ['PENDING', 'ACCEPTED'] as const;

const DEPARTMENT_LABELS: Record<string, string> = {
  CIVIL_AFFAIRS: '民政局',
  EDUCATION: '教育局',
  HOUSING: '住建局',
  HEALTH_INSURANCE: '医保局',
  UNION: '总工会',
  AGRICULTURE: '农业农村局',
  HUMAN_RESOURCES: '人社局',
  HEALTH: '卫健委',
  DISABLED_PERSONS: '残联',
  PUBLIC_SECURITY: '公安局',
  EMERGENCY_MANAGEMENT: '应急管理局',
  MARKET_REGULATION: '市场监管局',
  NATURAL_RESOURCES: '自然资源局 (不动产登记)',
};

export const ReferralOffice = builder.enumType('ReferralOffice', {
  description: '承办单位: township civil affairs or a department.',
  values: {
    [TOWNSHIP_OFFICE]: { description: '乡镇 (街道) 民政: the township where the person lives.' },
    ...Object.fromEntries(DEPARTMENTS.map((department) => [department, { description: `${DEPARTMENT_LABELS[department] ?? department} (county level)` }])),
  } as Record<string, { description: string }>,
});

export const LinkedRecordType = builder.enumType('LinkedRecordType', {
  description: '处置记录类型: the kind of record the office created for the person.',
  values: {
    ASSISTANCE: { description: '救助记录 (an education, union or other assistance)' },
    CLAIM: { description: '医疗救助结算 (a medical-assistance claim)' },
    RENOVATION_CASE: { description: '危房改造案件' },
    HOLDING: { description: '类别认定 (a category holding granted or ended)' },
    APPLICATION: { description: '救助申请 (an application opened in civil affairs)' },
    OTHER: { description: '其他 (explained in the note)' },
  },
});

export const SignalState = builder.objectRef<FeedState>('SignalState').implement({
  description: '信号状态: one source’s facts about a person, as received (a feed row, a department field, a visit).',
  fields: (t) => ({
    occurredOn: t.field({ type: 'Date', description: '发生日期', resolve: (state) => new Date(`${state.occurredOn}T00:00:00Z`) }),
    status: t.string({ nullable: true, description: '状态 (per source; see MonitoringFeed)', resolve: (state) => state.status || null }),
    kind: t.string({ nullable: true, description: '类别 (per source)', resolve: (state) => state.kind || null }),
    level: t.int({ nullable: true, description: '等级或数量 (per source)', resolve: (state) => (state.level ? state.level : null) }),
    amount: t.string({ nullable: true, description: '金额或数量 (per source)', resolve: (state) => (state.amount ? String(state.amount) : null) }),
    regionCode: t.string({ nullable: true, description: '行政区划代码 (per source)', resolve: (state) => state.regionCode || null }),
    reference: t.string({ nullable: true, description: '凭证号 (per source)', resolve: (state) => state.reference || null }),
  }),
});

export const AlertEvidence = builder.objectRef<EvidenceItem>('AlertEvidence').implement({
  description: '预警依据: a feed row, department field or visit the rule read, with its date.',
  fields: (t) => ({
    source: t.exposeString('source', { description: '来源: a MonitoringFeed value, a department signal, VISIT or ENTITLEMENTS.' }),
    evidenceId: t.exposeString('evidenceId', { description: '记录编号: feed:<row id>, visit:<report id>, <department>:<record id> or graph.' }),
    observedOn: t.field({ type: 'Date', description: '数据日期', resolve: (item) => new Date(`${item.observedOn}T00:00:00Z`) }),
    state: t.field({
      type: SignalState,
      nullable: true,
      description: '当时的状态 (null for ENTITLEMENTS: see detail).',
      resolve: (item) => (item.source === 'ENTITLEMENTS' ? null : (item.state as FeedState)),
    }),
    previous: t.field({
      type: SignalState,
      nullable: true,
      description: '此前的状态 (a change, not only a value)',
      resolve: (item) => (item.previous as FeedState) ?? null,
    }),
    detail: t.string({
      nullable: true,
      description: '应保未保明细 (ENTITLEMENTS only): the programs’ statuses and since when each department left one missing, as JSON.',
      resolve: (item) => (item.source === 'ENTITLEMENTS' ? JSON.stringify(item.state) : null),
    }),
  }),
});

interface LinkedRecord {
  type: string;
  id: string;
}

const LinkedRecordRef = builder.objectRef<LinkedRecord>('LinkedRecord').implement({
  description: '处置记录: the record the office created (an assistance, claim, renovation case, holding).',
  fields: (t) => ({
    type: t.field({ type: LinkedRecordType, description: '记录类型', resolve: (record) => record.type as never }),
    id: t.exposeID('id', { description: '记录编号 in the owning department' }),
  }),
});

const isOverdue = (referral: ReferralRow, on = today()) => (OPEN_REFERRAL as readonly string[]).includes(referral.status) && referral.dueOn < on;

export const Referral = builder.prismaObject('Referral', {
  description: '转办: an alert sent to an office with a due date in working days; the office accepts, records its action or sends it back.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '转办编号' }),
    alert: t.relation('alert', { description: '所属预警' }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '居民身份证号码' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '对象 (joined from civil affairs)',
      resolve: (referral) => personOf(referral.personIdNumber),
    }),
    office: t.field({ type: ReferralOffice, description: '承办单位', resolve: (referral) => referral.office as never }),
    officeRegion: t.exposeString('officeRegion', { description: '承办单位辖区: the township (9 digits) or county (6 digits) code.' }),
    status: t.expose('status', { type: ReferralStatus, description: '转办状态' }),
    referredOn: t.expose('referredOn', { type: 'Date', description: '转办日期' }),
    dueOn: t.expose('dueOn', {
      type: 'Date',
      description: '办理期限: the rule’s deadline in working days after referredOn (public holidays and make-up working days counted).',
    }),
    referredBy: t.exposeString('referredBy', { description: '转办人 (monitoring-run for automatic referrals)' }),
    overdue: t.boolean({ description: '是否逾期: still open after dueOn.', resolve: (referral) => isOverdue(referral) }),
    bucket: t.field({
      type: QueueBucket,
      nullable: true,
      description: '队列: OPEN, DUE_SOON or OVERDUE while open; null once closed.',
      resolve: (referral) => ((OPEN_REFERRAL as readonly string[]).includes(referral.status) ? bucketOf(referral.dueOn, today(), DUE_SOON_WORKING_DAYS) : null),
    }),
    escalatedAt: t.expose('escalatedAt', { type: 'DateTime', nullable: true, description: '升级时间: when the overdue referral was escalated to the county.' }),
    escalatedTo: t.exposeString('escalatedTo', { nullable: true, description: '升级至: the county (6 digits) that now supervises it.' }),
    acceptedAt: t.expose('acceptedAt', { type: 'DateTime', nullable: true, description: '接收时间' }),
    acceptedBy: t.exposeString('acceptedBy', { nullable: true, description: '接收人' }),
    actionNote: t.exposeString('actionNote', { nullable: true, description: '处置情况' }),
    linkedRecord: t.field({
      type: LinkedRecordRef,
      nullable: true,
      description: '处置记录: the record the office created, if any.',
      resolve: (referral) => (referral.linkedRecordType && referral.linkedRecordId ? { type: referral.linkedRecordType, id: referral.linkedRecordId } : null),
    }),
    actionedAt: t.expose('actionedAt', { type: 'DateTime', nullable: true, description: '反馈时间' }),
    actionedBy: t.exposeString('actionedBy', { nullable: true, description: '反馈人' }),
    sentBackReason: t.exposeString('sentBackReason', { nullable: true, description: '退回原因' }),
    sentBackAt: t.expose('sentBackAt', { type: 'DateTime', nullable: true, description: '退回时间' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true, description: '自动办结或撤回时间' }),
  }),
});

export const Alert = builder.prismaObject('Alert', {
  description:
    '预警: a rule fired for a person. At most one alert per person and rule is OPEN, REFERRED or IN_PROGRESS; it resolves by itself when the ' +
    'condition clears or the office’s data shows the person covered. Applications (认定) may link to it by id.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '预警编号 (applications in civil affairs link to it)' }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '居民身份证号码' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '对象 (joined from civil affairs; null when not in the register)',
      resolve: (alert) => personOf(alert.personIdNumber),
    }),
    householdId: t.exposeID('householdId', { nullable: true, description: '家庭编号 in civil affairs (null when not in the register)' }),
    regionCode: t.exposeString('regionCode', { description: '所在地: the person’s region when raised.' }),
    rule: t.relation('rule', { description: '规则' }),
    ruleCode: t.exposeString('ruleCode', { description: '规则代码' }),
    severity: t.expose('severity', { type: AlertSeverity, description: '等级' }),
    status: t.expose('status', { type: AlertStatus, description: '状态' }),
    evidence: t.field({ type: [AlertEvidence], description: '依据', resolve: (alert) => alert.evidence as unknown as EvidenceItem[] }),
    raisedAt: t.expose('raisedAt', { type: 'DateTime', description: '预警时间' }),
    resolution: t.expose('resolution', { type: AlertResolution, nullable: true, description: '办结方式 (RESOLVED only)' }),
    resolutionNote: t.exposeString('resolutionNote', { nullable: true, description: '办结说明' }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true, description: '办结或撤销时间' }),
    dismissalReason: t.exposeString('dismissalReason', { nullable: true, description: '撤销原因 (DISMISSED only)' }),
    dismissedBy: t.exposeString('dismissedBy', { nullable: true, description: '撤销人' }),
    holdingsEndedAt: t.expose('holdingsEndedAt', {
      type: 'DateTime',
      nullable: true,
      description: '终止在保时间: for the death rule, when civil affairs recorded the death and ended the holdings.',
    }),
    referrals: t.field({ type: [Referral], description: '转办记录, newest first', resolve: (alert, _args, ctx) => ctx.referralsByAlert.load(alert.id) }),
  }),
});

// ---------------------------------------------------------------- lists and queues

const AlertFilter = builder.inputType('AlertFilter', {
  description: '筛选条件 for alerts. Conditions combine with AND.',
  fields: (t) => ({
    status: t.field({ type: [AlertStatus], required: false, description: 'Only alerts in these states (default: OPEN, REFERRED, IN_PROGRESS).' }),
    ruleCode: t.string({ required: false, description: 'Only this rule’s alerts.' }),
    severity: t.field({ type: AlertSeverity, required: false, description: 'Only this severity.' }),
    regionPrefix: t.string({ required: false, description: 'A region code prefix (county, township, village), narrowed to the caller’s region.' }),
  }),
});

export function checkedPrefix(identity: Identity, prefix: string | null | undefined) {
  if (prefix != null) {
    const checked = validateRegionPrefix(prefix);
    if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field: 'regionPrefix', reason: checked.reason });
  }
  return scopedPrefix(identity, prefix);
}

function alertWhere(
  identity: Identity,
  filter: { status?: string[] | null; ruleCode?: string | null; severity?: string | null; regionPrefix?: string | null } | null | undefined,
) {
  const prefix = checkedPrefix(identity, filter?.regionPrefix);
  return {
    ...(prefix === null ? { id: { in: [] } } : { regionCode: { startsWith: prefix } }),
    status: { in: (filter?.status ?? [...OPEN_ALERT]) as AlertRow['status'][] },
    ...(filter?.ruleCode ? { ruleCode: filter.ruleCode } : {}),
    ...(filter?.severity ? { severity: filter.severity as AlertRow['severity'] } : {}),
  } satisfies Prisma.AlertWhereInput;
}

/** The due-date condition of a queue bucket on `on`. */
function bucketWhere(bucket: string | null | undefined, on: Date): Prisma.ReferralWhereInput {
  const soon = chinaCalendar.addWorkingDays(on, DUE_SOON_WORKING_DAYS);
  if (bucket === 'OVERDUE') return { dueOn: { lt: on } };
  if (bucket === 'DUE_SOON') return { dueOn: { gte: on, lte: soon } };
  if (bucket === 'OPEN') return { dueOn: { gt: soon } };
  return {};
}

interface CountyOverdue {
  countyCode: string;
  office: string;
  overdue: number;
  escalated: number;
}

const OverdueByCounty = builder.objectRef<CountyOverdue>('OverdueReferralCount').implement({
  description: '逾期转办统计: open referrals past their due date, by county and office.',
  fields: (t) => ({
    countyCode: t.exposeString('countyCode', { description: '县 (区、市) 代码' }),
    office: t.field({ type: ReferralOffice, description: '承办单位', resolve: (row) => row.office as never }),
    overdue: t.exposeInt('overdue', { description: '逾期件数' }),
    escalated: t.exposeInt('escalated', { description: '其中已升级至县级' }),
  }),
});

builder.queryFields((t) => ({
  alerts: t.prismaConnection(
    {
      type: Alert,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '预警列表: alerts in the caller’s region (by the region stored on each alert), newest first.',
      args: { filter: t.arg({ type: AlertFilter, required: false, description: 'Conditions (all optional)' }) },
      totalCount: (_parent, { filter }, ctx) => ctx.prisma.alert.count({ where: alertWhere(ctx.identity, filter) }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.prisma.alert.findMany({ ...query, where: alertWhere(ctx.identity, filter), orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }] }),
    },
    {
      name: 'AlertConnection',
      description: 'A page of alerts.',
      fields: (c) => ({
        totalCount: c.int(totalCountOptions('总数 (all pages)')),
      }),
    },
    { name: 'AlertEdge', description: 'An alert in a page.' },
  ),
  alert: t.prismaField({
    type: Alert,
    nullable: true,
    description: 'An alert by id; null when unknown or outside the caller’s region.',
    args: { id: t.arg.id({ description: '预警编号' }) },
    resolve: (query, _root, { id }, ctx) => ctx.prisma.alert.findFirst({ ...query, where: { id: String(id), ...withinRegion(ctx.identity, 'regionCode') } }),
  }),
  referralQueue: t.prismaConnection(
    {
      type: Referral,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description:
        '我的待办: open referrals for the caller’s office, earliest due first. A township worker sees the township’s referrals, a county ' +
        'officer also every referral escalated to the county, a department officer its department’s referrals in its region.',
      args: { bucket: t.arg({ type: QueueBucket, required: false, description: 'Only OPEN, DUE_SOON or OVERDUE referrals (default: all open).' }) },
      totalCount: (_parent, { bucket }, ctx) => ctx.prisma.referral.count({ where: queueWhere(ctx.identity, bucket) }),
      resolve: (query, _root, { bucket }, ctx) =>
        ctx.prisma.referral.findMany({ ...query, where: queueWhere(ctx.identity, bucket), orderBy: [{ dueOn: 'asc' }, { id: 'asc' }] }),
    },
    {
      name: 'ReferralConnection',
      description: 'A page of referrals.',
      fields: (c) => ({
        totalCount: c.int(totalCountOptions('总数 (all pages)')),
      }),
    },
    { name: 'ReferralEdge', description: 'A referral in a page.' },
  ),
  overdueReferralsByCounty: t.field({
    type: [OverdueByCounty],
    description: '逾期转办 by county and office, within the caller’s region (by the office’s region).',
    resolve: async (_root, _args, ctx) => {
      const rows = await ctx.prisma.$queryRawUnsafe<{ countyCode: string; office: string; overdue: number; escalated: number }[]>(
        `SELECT substr("officeRegion", 1, 6) AS "countyCode", "office", count(*)::int AS "overdue", count("escalatedAt")::int AS "escalated"
         FROM "Referral" WHERE "status" IN ('PENDING', 'ACCEPTED') AND "dueOn" < $1::date AND "officeRegion" LIKE $2
         GROUP BY 1, 2 ORDER BY 1, 2`,
        formatDate(today()),
        `${ctx.identity.region}%`,
      );
      return rows;
    },
  }),
}));

function queueWhere(identity: Identity, bucket: string | null | undefined): Prisma.ReferralWhereInput {
  return { AND: [queueScope(identity) as Prisma.ReferralWhereInput, { status: { in: [...OPEN_REFERRAL] } }, bucketWhere(bucket, today())] };
}

// ---------------------------------------------------------------- feedback

/** Loads a referral for its office under a lock on its alert, or throws NOT_FOUND / FORBIDDEN. */
async function referralForOffice(tx: Prisma.TransactionClient, ctx: Context, referralId: string) {
  const found = await tx.referral.findUnique({ where: { id: referralId } });
  if (!found) throw notFound('Referral', referralId);
  await lockKeys(tx, 'monitoring-alert', [found.alertId]);
  const referral = (await tx.referral.findUnique({ where: { id: referralId } }))!;
  if (!actsForOffice(ctx.identity, referral.office, referral.officeRegion)) {
    throw forbidden(`Only ${referral.office} in ${referral.officeRegion} acts on this referral`);
  }
  return referral;
}

async function transition(ctx: Context, referralId: string, to: Status, write: (tx: Prisma.TransactionClient, referral: ReferralRow) => Promise<void>) {
  await ctx.prisma.$transaction(async (tx) => {
    const referral = await referralForOffice(tx, ctx, referralId);
    checkTransition(referral.status as Status, to);
    await write(tx, referral);
  });
}

const RecordReferralActionInput = builder.inputType('RecordReferralActionInput', {
  description: '处置反馈: what the office did. The referral becomes ACTIONED and the alert RESOLVED.',
  fields: (t) => ({
    referralId: t.id({ description: '转办编号' }),
    note: t.string({ description: '处置情况 (2 to 500 characters)' }),
    linkedRecordType: t.field({ type: LinkedRecordType, required: false, description: '处置记录类型 (with linkedRecordId)' }),
    linkedRecordId: t.string({ required: false, description: '处置记录编号 in the owning department (with linkedRecordType; at most 64 characters)' }),
  }),
});

builder.mutationFields((t) => ({
  acceptReferral: t.prismaField({
    type: Referral,
    description: '接收转办: the office takes the referral on; the alert becomes IN_PROGRESS. Only the receiving office (or a city administrator).',
    args: { referralId: t.arg.id({ description: '转办编号' }) },
    resolve: async (query, _root, { referralId }, ctx) => {
      await transition(ctx, String(referralId), 'ACCEPTED', async (tx, referral) => {
        await tx.referral.update({ where: { id: referral.id }, data: { status: 'ACCEPTED', acceptedAt: new Date(), acceptedBy: ctx.identity.subject } });
        await tx.alert.update({ where: { id: referral.alertId }, data: { status: 'IN_PROGRESS' } });
      });
      return ctx.prisma.referral.findUniqueOrThrow({ ...query, where: { id: String(referralId) } });
    },
  }),
  recordReferralAction: t.prismaField({
    type: Referral,
    description: '处置反馈: the office records what it did and links the record it created; the alert is RESOLVED (ACTION_RECORDED).',
    args: { input: t.arg({ type: RecordReferralActionInput, description: 'The feedback' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const note = checkReason(input.note, 'note');
      const linkedRecordId = checkOptionalText(input.linkedRecordId, 'linkedRecordId', 1, 64);
      if ((input.linkedRecordType == null) !== (linkedRecordId == null)) {
        throw invalidInput('linkedRecordType and linkedRecordId go together', {
          field: input.linkedRecordType == null ? 'linkedRecordType' : 'linkedRecordId',
        });
      }
      const id = String(input.referralId);
      await transition(ctx, id, 'ACTIONED', async (tx, referral) => {
        await tx.referral.update({
          where: { id },
          data: {
            status: 'ACTIONED',
            actionNote: note,
            linkedRecordType: input.linkedRecordType ?? null,
            linkedRecordId,
            actionedAt: new Date(),
            actionedBy: ctx.identity.subject,
          },
        });
        await tx.alert.update({
          where: { id: referral.alertId },
          data: { status: 'RESOLVED', resolution: 'ACTION_RECORDED', resolutionNote: note, resolvedAt: new Date() },
        });
      });
      return ctx.prisma.referral.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  sendBackReferral: t.prismaField({
    type: Referral,
    description: '退回: the office sends the referral back with a reason (not ours, wrong person…); the alert is OPEN again for civil affairs.',
    args: { referralId: t.arg.id({ description: '转办编号' }), reason: t.arg.string({ description: '退回原因 (2 to 500 characters)' }) },
    resolve: async (query, _root, { referralId, reason }, ctx) => {
      const why = checkReason(reason);
      const id = String(referralId);
      await transition(ctx, id, 'SENT_BACK', async (tx, referral) => {
        await tx.referral.update({
          where: { id },
          data: { status: 'SENT_BACK', sentBackReason: why, sentBackAt: new Date(), sentBackBy: ctx.identity.subject },
        });
        await tx.alert.update({ where: { id: referral.alertId }, data: { status: 'OPEN' } });
      });
      return ctx.prisma.referral.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  referAlert: t.prismaField({
    type: Alert,
    description: '再次转办: civil affairs refers an OPEN alert (e.g. one sent back) to an office, due in the rule’s working days from today.',
    args: {
      alertId: t.arg.id({ description: '预警编号' }),
      office: t.arg({ type: ReferralOffice, required: false, description: '承办单位 (default: the rule’s office)' }),
    },
    resolve: (query, _root, { alertId, office }, ctx) =>
      changeAlert(ctx, String(alertId), query, async (tx, alert) => {
        if (alert.status !== 'OPEN')
          throw new DomainError(ErrorCode.INVALID_TRANSITION, `a ${alert.status} alert cannot be referred`, { from: alert.status, to: 'REFERRED' });
        const rule = await tx.rule.findUniqueOrThrow({ where: { code: alert.ruleCode } });
        const to = (office as string | null | undefined) ?? rule.office;
        const on = today();
        await tx.referral.create({
          data: {
            alertId: alert.id,
            personIdNumber: alert.personIdNumber,
            office: to,
            officeRegion: officeRegion(to, alert.regionCode),
            status: 'PENDING',
            referredOn: on,
            dueOn: dueOn(on, rule.deadlineWorkingDays),
            referredBy: ctx.identity.subject,
          },
        });
        await tx.alert.update({ where: { id: alert.id }, data: { status: 'REFERRED' } });
      }),
  }),
  dismissAlert: t.prismaField({
    type: Alert,
    description: '撤销预警: civil affairs dismisses an open alert with a reason (e.g. a data error); its open referral is withdrawn.',
    args: { alertId: t.arg.id({ description: '预警编号' }), reason: t.arg.string({ description: '撤销原因 (2 to 500 characters)' }) },
    resolve: (query, _root, { alertId, reason }, ctx) => {
      const why = checkReason(reason);
      return changeAlert(ctx, String(alertId), query, async (tx, alert) => {
        if (!(OPEN_ALERT as readonly string[]).includes(alert.status)) {
          throw new DomainError(ErrorCode.INVALID_TRANSITION, `a ${alert.status} alert cannot be dismissed`, { from: alert.status, to: 'DISMISSED' });
        }
        await tx.referral.updateMany({ where: { alertId: alert.id, status: { in: [...OPEN_REFERRAL] } }, data: { status: 'WITHDRAWN', closedAt: new Date() } });
        await tx.alert.update({
          where: { id: alert.id },
          data: { status: 'DISMISSED', dismissalReason: why, dismissedBy: ctx.identity.subject, resolvedAt: new Date() },
        });
      });
    },
  }),
}));

/** Civil affairs' change to an alert in its region, under the alert's lock. */
async function changeAlert(
  ctx: Context,
  alertId: string,
  query: { include?: Prisma.AlertInclude; select?: Prisma.AlertSelect },
  write: (tx: Prisma.TransactionClient, alert: AlertRow) => Promise<void>,
) {
  if (!isCivilAffairsStaff(ctx.identity)) throw forbidden('Only civil affairs staff refer or dismiss alerts');
  await ctx.prisma.$transaction(async (tx) => {
    await lockKeys(tx, 'monitoring-alert', [alertId]);
    const alert = await tx.alert.findUnique({ where: { id: alertId } });
    if (!alert) throw notFound('Alert', alertId);
    if (!inRegion(ctx.identity, alert.regionCode)) throw forbidden(`${alert.regionCode} is outside your region (${ctx.identity.region})`);
    await write(tx, alert);
  });
  return ctx.prisma.alert.findUniqueOrThrow({ ...query, where: { id: alertId } } as never);
}
