// 城镇住房保障: public-rental tenancies (公租房) and rent subsidies (租赁补贴) for urban households.

import { notFound } from '@lip/shared/errors';
import { totalCountOptions, yearRange } from '@lip/shared/lists';
import { policyValue } from '@lip/shared/policy';
import { assertFoundInRegion, assertInRegion, withinRegion } from '@lip/shared/scopes';
import { builder } from '../builder.ts';
import { type Context, involving } from '../context.ts';
import { checkMembers, checkRegion, checkText, today } from '../domain/common.ts';
import { checkEnd, checkNoOverlap, checkPublicRental, checkRentSubsidy, isCurrent, type Period, urbanStatus } from '../domain/urban.ts';
import type { UrbanHousingAssistanceKind as Kind, Prisma } from '../generated/prisma/client.ts';
import { lockPersons, regionPrefixWhere } from './common.ts';
import { UrbanHousingAssistanceKind, UrbanHousingAssistanceStatus } from './enums.ts';
import { PersonRef, personOf } from './person-ref.ts';

export const UrbanHousingAssistance = builder.prismaObject('UrbanHousingAssistance', {
  description:
    '城镇住房保障: a public-rental tenancy (公租房) or a rent subsidy (租赁补贴) granted to an urban household, ' +
    'recorded under the applicant with the household members it covers.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '保障编号' }),
    kind: t.expose('kind', { type: UrbanHousingAssistanceKind, description: '保障方式' }),
    idNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '申请人 居民身份证号码' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '申请人 (resolved by civil affairs through the gateway) (null when not in the register or outside your region)',
      resolve: (row) => personOf(row.personIdNumber),
    }),
    memberIdNumbers: t.field({
      type: ['IdNumber'],
      description: '共同申请人 居民身份证号码: the other household members covered.',
      resolve: (row) => row.memberIdNumbers,
    }),
    members: t.field({
      type: [PersonRef],
      nullable: { list: false, items: true },
      description: '共同申请人 as persons (an item is null when not in the register or outside your region)',
      resolve: (row) => row.memberIdNumbers.map(personOf),
    }),
    regionCode: t.exposeString('regionCode', { description: '保障地 行政区划代码 (county, township or community); its county’s policy applies.' }),
    unit: t.exposeString('unit', {
      nullable: true,
      description: '公租房房源: the public-rental project and unit (e.g. 阳光苑公租房 3-2-501); PUBLIC_RENTAL only.',
    }),
    monthlyAmount: t.expose('monthlyAmount', { type: 'Money', nullable: true, description: '月补贴金额 (元); RENT_SUBSIDY only.' }),
    startDate: t.expose('startDate', { type: 'Date', description: '起始日期' }),
    endDate: t.expose('endDate', {
      type: 'Date',
      nullable: true,
      description: '终止日期 (inclusive): the agreed or decided end; null for an open-ended public-rental tenancy.',
    }),
    status: t.field({ type: UrbanHousingAssistanceStatus, description: '保障状态 today', resolve: (row) => urbanStatus(row, today()) }),
    current: t.boolean({
      description: '是否当前有效: today falls within the period (what covers an URBAN_HOUSING entitlement).',
      resolve: (row) => isCurrent(row, today()),
    }),
    endReason: t.exposeString('endReason', { nullable: true, description: '终止原因: set when the record was ended by a decision (退出).' }),
    endedBy: t.exposeString('endedBy', { nullable: true, description: '终止经办人' }),
    endedAt: t.expose('endedAt', { type: 'DateTime', nullable: true, description: '终止操作时间' }),
    recordedBy: t.exposeString('recordedBy', { description: '录入人' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '录入时间' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最后变更' }),
  }),
});

const UrbanHousingAssistanceFilter = builder.inputType('UrbanHousingAssistanceFilter', {
  description: '筛选条件 for urban housing records. Conditions combine with AND.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', required: false, description: 'Records naming this person as applicant or member.' }),
    kind: t.field({ type: UrbanHousingAssistanceKind, required: false, description: 'Only this kind.' }),
    regionPrefix: t.string({ required: false, description: 'A region code prefix: 4112 (the city), a county (6), township (9) or village (12) code.' }),
    current: t.boolean({ required: false, description: 'Only records current today (true) or not current (false).' }),
    year: t.int({ required: false, description: 'Only records whose period overlaps this calendar year.' }),
  }),
});

type Filter = typeof UrbanHousingAssistanceFilter.$inferInput;

function urbanWhere(filter: Filter | null | undefined): Prisma.UrbanHousingAssistanceWhereInput {
  if (!filter) return {};
  const and: Prisma.UrbanHousingAssistanceWhereInput[] = [];
  if (filter.idNumber) and.push(involving([filter.idNumber]));
  if (filter.kind) and.push({ kind: filter.kind });
  if (filter.regionPrefix != null) and.push({ regionCode: regionPrefixWhere(filter.regionPrefix) });
  if (filter.year != null) {
    const { gte: first, lte: last } = yearRange(filter.year);
    and.push({ startDate: { lte: last }, OR: [{ endDate: null }, { endDate: { gte: first } }] });
  }
  if (filter.current != null) {
    const day = today();
    const current: Prisma.UrbanHousingAssistanceWhereInput = { startDate: { lte: day }, OR: [{ endDate: null }, { endDate: { gte: day } }] };
    and.push(filter.current ? current : { NOT: current });
  }
  return { AND: and };
}

builder.queryFields((t) => ({
  urbanHousingAssistance: t.prismaField({
    type: UrbanHousingAssistance,
    nullable: true,
    description: 'An urban housing record by id, or null.',
    args: { id: t.arg.id({ description: '保障编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.urbanHousingAssistance.findUnique({ ...query, where: { id: String(id), ...withinRegion(ctx.identity, 'regionCode') } }),
  }),
  urbanHousingAssistances: t.prismaConnection(
    {
      type: UrbanHousingAssistance,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '城镇住房保障 list: tenancies and subsidies (including of persons not in the register), latest start first, paged with cursors.',
      args: { filter: t.arg({ type: UrbanHousingAssistanceFilter, required: false, description: 'Conditions (all optional)' }) },
      totalCount: (_parent, { filter }, ctx) =>
        ctx.prisma.urbanHousingAssistance.count({ where: { AND: [urbanWhere(filter), withinRegion(ctx.identity, 'regionCode')] } }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.prisma.urbanHousingAssistance.findMany({
          ...query,
          where: { AND: [urbanWhere(filter), withinRegion(ctx.identity, 'regionCode')] },
          orderBy: [{ startDate: 'desc' }, { id: 'asc' }],
        }),
    },
    {
      name: 'UrbanHousingAssistanceConnection',
      description: 'A page of urban housing records, with the total number matching the filter.',
      fields: (t) => ({
        totalCount: t.int(totalCountOptions('总数: records matching the filter (all pages).')),
      }),
    },
    { name: 'UrbanHousingAssistanceEdge', description: 'An urban housing record in a page.' },
  ),
}));

const householdFields = {
  idNumber: '申请人 居民身份证号码',
  memberIdNumbers: '共同申请人 居民身份证号码: the other household members covered (without the applicant; at most 20).',
  regionCode: '保障地: a county, township or community code of Sanmenxia; the county’s policy parameters apply.',
};

const StartPublicRentalInput = builder.inputType('StartPublicRentalInput', {
  description: '公租房配租: a household moves into a public-rental unit.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', description: householdFields.idNumber }),
    memberIdNumbers: t.field({ type: ['IdNumber'], required: false, description: householdFields.memberIdNumbers }),
    regionCode: t.string({ description: householdFields.regionCode }),
    unit: t.string({ description: '公租房房源: project and unit, e.g. 阳光苑公租房 3-2-501 (2 to 100 characters).' }),
    startDate: t.field({ type: 'Date', description: '入住/起租日期 (at most a year ahead)' }),
    endDate: t.field({ type: 'Date', required: false, description: '租赁合同到期日 (optional; not before startDate)' }),
  }),
});

const GrantRentSubsidyInput = builder.inputType('GrantRentSubsidyInput', {
  description: '发放租赁补贴: a monthly rent subsidy for a bounded period.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', description: householdFields.idNumber }),
    memberIdNumbers: t.field({ type: ['IdNumber'], required: false, description: householdFields.memberIdNumbers }),
    regionCode: t.string({ description: householdFields.regionCode }),
    monthlyAmount: t.field({
      type: 'Money',
      description: '月补贴金额 (元): more than 0 and at most the policy parameter RENT_SUBSIDY_MONTHLY_MAX of the county and start year.',
    }),
    startDate: t.field({ type: 'Date', description: '补贴起始日期 (at most a year ahead)' }),
    endDate: t.field({ type: 'Date', description: '补贴终止日期 (inclusive; at most RENT_SUBSIDY_MAX_MONTHS months after the start)' }),
  }),
});

/** Every record covering any of `idNumbers` (an ended one still occupies its period). */
const recordsOf = (tx: Prisma.TransactionClient, idNumbers: string[]) => tx.urbanHousingAssistance.findMany({ where: involving(idNumbers) });

async function createRecord(
  ctx: Context,
  base: { idNumber: string; memberIdNumbers?: readonly string[] | null; regionCode: string },
  period: Period,
  data: { kind: Kind; unit?: string; monthlyAmount?: string },
) {
  const members = checkMembers(base.idNumber, base.memberIdNumbers);
  const persons = [base.idNumber, ...members];
  return ctx.prisma.$transaction(async (tx) => {
    await lockPersons(tx, persons);
    checkNoOverlap(period, await recordsOf(tx, persons));
    return tx.urbanHousingAssistance.create({
      data: {
        personIdNumber: base.idNumber,
        memberIdNumbers: members,
        regionCode: base.regionCode,
        startDate: period.startDate,
        endDate: period.endDate,
        recordedBy: ctx.identity.subject,
        ...data,
      },
    });
  });
}

function endMutation(kind: Kind, name: string, description: string) {
  builder.mutationField(name, (t) =>
    t.field({
      type: UrbanHousingAssistance,
      description,
      args: {
        id: t.arg.id({ description: '保障编号' }),
        endDate: t.arg({ type: 'Date', required: false, description: '终止日期 (inclusive; default today; within the record’s period)' }),
        reason: t.arg.string({ description: '终止原因 (2 to 500 characters), e.g. 家庭收入超标退出' }),
      },
      resolve: async (_root, args, ctx) => {
        const reason = checkText('reason', args.reason, { min: 2, max: 500 });
        const id = String(args.id);
        const now = today();
        const endDate = args.endDate ?? now;
        return ctx.prisma.$transaction(async (tx) => {
          const found = await tx.urbanHousingAssistance.findUnique({ where: { id } });
          if (!found) throw notFound('UrbanHousingAssistance', id);
          assertFoundInRegion(ctx.identity, found.regionCode, 'UrbanHousingAssistance', id);
          await lockPersons(tx, [found.personIdNumber, ...found.memberIdNumbers]);
          // Read again under the lock: a concurrent end may have committed meanwhile.
          const record = await tx.urbanHousingAssistance.findUniqueOrThrow({ where: { id } });
          checkEnd(record, kind, endDate, now);
          return tx.urbanHousingAssistance.update({
            where: { id },
            data: { endDate, endReason: reason, endedBy: ctx.identity.subject, endedAt: new Date() },
          });
        });
      },
    }),
  );
}

builder.mutationFields((t) => ({
  startPublicRental: t.field({
    type: UrbanHousingAssistance,
    description: '公租房配租: start a public-rental tenancy. CONFLICT when a covered person already has assistance in that period.',
    args: { input: t.arg({ type: StartPublicRentalInput, description: 'The tenancy' }) },
    resolve: (_root, { input }, ctx) => {
      const { unit } = checkPublicRental(input, today());
      checkRegion(input.regionCode, 'COUNTY');
      assertInRegion(ctx.identity, input.regionCode);
      return createRecord(ctx, input, { startDate: input.startDate, endDate: input.endDate ?? null }, { kind: 'PUBLIC_RENTAL', unit });
    },
  }),
  grantRentSubsidy: t.field({
    type: UrbanHousingAssistance,
    description:
      '发放租赁补贴: grant a monthly rent subsidy. The amount is checked against RENT_SUBSIDY_MONTHLY_MAX and the period against ' +
      'RENT_SUBSIDY_MAX_MONTHS (county and start year). CONFLICT when a covered person already has assistance in that period.',
    args: { input: t.arg({ type: GrantRentSubsidyInput, description: 'The subsidy' }) },
    resolve: async (_root, { input }, ctx) => {
      checkRegion(input.regionCode, 'COUNTY');
      assertInRegion(ctx.identity, input.regionCode);
      const rows = await ctx.policy();
      const year = input.startDate.getUTCFullYear();
      const county = input.regionCode.slice(0, 6);
      const { monthlyAmount } = checkRentSubsidy(
        input,
        { monthlyMax: policyValue(rows, 'RENT_SUBSIDY_MONTHLY_MAX', county, year), maxMonths: policyValue(rows, 'RENT_SUBSIDY_MAX_MONTHS', county, year) },
        today(),
      );
      return createRecord(ctx, input, { startDate: input.startDate, endDate: input.endDate }, { kind: 'RENT_SUBSIDY', monthlyAmount });
    },
  }),
}));

endMutation('PUBLIC_RENTAL', 'endPublicRental', '公租房退出: end a tenancy on a day within its period (move-out or termination), with a reason.');
endMutation('RENT_SUBSIDY', 'endRentSubsidy', '停发租赁补贴: end a subsidy early, on a day within its period, with a reason.');
