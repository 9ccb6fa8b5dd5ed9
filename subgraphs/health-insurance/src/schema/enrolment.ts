import { currentYear } from '@lip/shared/calendar';
import { conflict, notFound } from '@lip/shared/errors';
import { totalCountOptions } from '@lip/shared/lists';
import { findRegion } from '@lip/shared/regions';
import { assertFoundInRegion, assertInRegion, withinRegion } from '@lip/shared/scopes';
import { isUniqueViolation, lockKeys } from '@lip/shared/writes';
import { builder, shared } from '../builder.ts';
import { checkCountyCode, checkEnrolmentYear, decideSubsidy } from '../domain/enrolment.ts';
import { formatCents, toCents } from '../domain/money.ts';
import { fixedSubsidyCents, premiumCents } from '../domain/policy.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { MedicalClaim } from './claim.ts';
import { PremiumSubsidyKind } from './enums.ts';
import { birthDateOf } from './input.ts';
import { PersonRef, personOf } from './person-ref.ts';
import { MedicalYearTotal } from './totals.ts';

export const MedicalInsuranceEnrolment = builder.prismaObject('MedicalInsuranceEnrolment', {
  description:
    '城乡居民医保参保: a person’s enrolment in resident medical insurance for one year (at most one per person and year), ' +
    'with the premium subsidy and the assistance identity the department recorded for the year.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '参保记录编号' }),
    idNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '居民身份证号码' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '参保人 (joined from civil affairs by the gateway) (null when not in the register or outside your region)',
      resolve: (row) => personOf(row.personIdNumber),
    }),
    year: t.exposeInt('year', { description: '参保年度' }),
    countyCode: t.exposeString('countyCode', { description: '参保地: the insuring county (6 digits); its policy parameters apply.' }),
    countyName: t.string({ description: '参保地名称', resolve: (row) => findRegion(row.countyCode)?.name ?? row.countyCode }),
    premium: t.expose('premium', { type: 'Money', description: '个人缴费标准: the year’s premium (policy parameter PREMIUM).' }),
    subsidyKind: t.expose('subsidyKind', { type: PremiumSubsidyKind, description: '资助方式' }),
    subsidyAmount: t.expose('subsidyAmount', {
      type: 'Money',
      description: '资助金额: the premium for FULL, the identity’s fixed amount for FIXED, 0 for NONE.',
    }),
    personalContribution: t.field({
      type: 'Money',
      description: '个人实缴: premium − subsidy.',
      resolve: (row) => formatCents(toCents(row.premium) - toCents(row.subsidyAmount)),
    }),
    assistanceIdentity: t.expose('assistanceIdentity', {
      type: shared.LowIncomeCategoryEnum,
      nullable: true,
      description:
        '医疗救助对象身份: the low-income category the department recorded for the year (its own copy, synced from civil affairs); ' +
        'claims are assisted at its tier. Null: not a medical-assistance beneficiary.',
    }),
    claims: t.field({
      type: [MedicalClaim],
      description: '医疗费用结算 of this enrolment, newest visit first.',
      args: { includeReversed: t.arg.boolean({ required: false, defaultValue: false, description: 'Also list reversed claims (default false).' }) },
      resolve: async (row, { includeReversed }, ctx) =>
        (await ctx.claimsByEnrolment.load(row.id)).filter((claim) => includeReversed || claim.status === 'SETTLED'),
    }),
    yearTotal: t.field({
      type: MedicalYearTotal,
      nullable: true,
      description: '年度汇总 of the settled claims of this year; null when there are none.',
      resolve: async (row, _args, ctx) => (await ctx.yearTotalsByPerson.load(row.personIdNumber)).find((total) => total.year === row.year) ?? null,
    }),
    recordedBy: t.exposeString('recordedBy', { description: '经办人: who last wrote the enrolment.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '登记时间' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: '最后变更' }),
  }),
});

builder.prismaObjectField(MedicalClaim, 'enrolment', (t) =>
  t.field({
    type: MedicalInsuranceEnrolment,
    description: '所属参保记录 (the enrolment of the visit’s year)',
    resolve: async (row, _args, ctx) => {
      const enrolment = await ctx.enrolmentById.load(row.enrolmentId);
      if (!enrolment) throw notFound('MedicalInsuranceEnrolment', row.enrolmentId);
      return enrolment;
    },
  }),
);

const EnrolmentFilter = builder.inputType('MedicalInsuranceEnrolmentFilter', {
  description: '筛选条件 for enrolments. Conditions combine with AND.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', required: false, description: 'Only this person’s enrolments.' }),
    year: t.int({ required: false, description: 'Only this year.' }),
    countyCode: t.string({ required: false, description: 'Only this insuring county (6 digits).' }),
    subsidyKind: t.field({ type: PremiumSubsidyKind, required: false, description: 'Only this subsidy kind.' }),
    assistanceIdentity: t.field({ type: shared.LowIncomeCategoryEnum, required: false, description: 'Only this assistance identity.' }),
    hasAssistanceIdentity: t.boolean({ required: false, description: 'Only enrolments with (true) or without (false) an assistance identity.' }),
  }),
});

type EnrolmentFilterValue = {
  idNumber?: string | null;
  year?: number | null;
  countyCode?: string | null;
  subsidyKind?: Prisma.MedicalInsuranceEnrolmentWhereInput['subsidyKind'] | null;
  assistanceIdentity?:
    | 'SUBSISTENCE_ALLOWANCE'
    | 'EXTREME_POVERTY'
    | 'NEAR_SUBSISTENCE'
    | 'ESSENTIAL_EXPENDITURE_HARDSHIP'
    | 'RELAPSE_MONITORING'
    | 'OTHER_HARDSHIP'
    | null;
  hasAssistanceIdentity?: boolean | null;
};

export function enrolmentWhere(filter: EnrolmentFilterValue | null | undefined): Prisma.MedicalInsuranceEnrolmentWhereInput {
  if (!filter) return {};
  const where: Prisma.MedicalInsuranceEnrolmentWhereInput = {};
  if (filter.idNumber) where.personIdNumber = filter.idNumber;
  if (filter.year != null) where.year = filter.year;
  if (filter.countyCode != null) where.countyCode = checkCountyCode(filter.countyCode);
  if (filter.subsidyKind) where.subsidyKind = filter.subsidyKind;
  if (filter.assistanceIdentity) where.assistanceIdentity = filter.assistanceIdentity;
  else if (filter.hasAssistanceIdentity != null) where.assistanceIdentity = filter.hasAssistanceIdentity ? { not: null } : null;
  return where;
}

builder.queryFields((t) => ({
  medicalInsuranceEnrolment: t.prismaField({
    type: MedicalInsuranceEnrolment,
    nullable: true,
    description: 'An enrolment by its id, or null.',
    args: { id: t.arg.id({ description: '参保记录编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.medicalInsuranceEnrolment.findUnique({ ...query, where: { id: String(id), ...withinRegion(ctx.identity, 'countyCode') } }),
  }),
  medicalInsuranceEnrolments: t.prismaConnection(
    {
      type: MedicalInsuranceEnrolment,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '参保名单: enrolments (including persons not in the low-income register), newest year first, then by ID number.',
      args: { filter: t.arg({ type: EnrolmentFilter, required: false, description: 'Conditions (all optional)' }) },
      totalCount: (_parent, { filter }, ctx) =>
        ctx.prisma.medicalInsuranceEnrolment.count({ where: { AND: [enrolmentWhere(filter), withinRegion(ctx.identity, 'countyCode')] } }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.prisma.medicalInsuranceEnrolment.findMany({
          ...query,
          where: { AND: [enrolmentWhere(filter), withinRegion(ctx.identity, 'countyCode')] },
          orderBy: [{ year: 'desc' }, { personIdNumber: 'asc' }, { id: 'asc' }],
        }),
    },
    {
      name: 'MedicalInsuranceEnrolmentConnection',
      description: 'A page of enrolments, with the total number matching the filter.',
      fields: (t) => ({
        totalCount: t.int(totalCountOptions('总数: enrolments matching the filter (all pages).')),
      }),
    },
    { name: 'MedicalInsuranceEnrolmentEdge', description: 'An enrolment in a page.' },
  ),
}));

const EnrolInput = builder.inputType('EnrolMedicalInsuranceInput', {
  description:
    '参保登记: enrol a person for a year, or replace that year’s enrolment. Premium and subsidy amount are computed from the ' +
    'policy parameters of the county and year.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', description: '居民身份证号码' }),
    year: t.int({ description: '参保年度 (from 10 years back to next year)' }),
    countyCode: t.string({ description: '参保地: a county of Sanmenxia (6 digits, e.g. 411224 卢氏县).' }),
    assistanceIdentity: t.field({
      type: shared.LowIncomeCategoryEnum,
      required: false,
      description: '医疗救助对象身份 for the year, as synced from civil affairs; absent or null = none.',
    }),
    subsidyKind: t.field({
      type: PremiumSubsidyKind,
      required: false,
      description:
        '资助方式; absent = what the identity calls for (FULL for EXTREME_POVERTY, FIXED for another identity, NONE without). ' +
        'FULL for another identity, or FIXED for EXTREME_POVERTY or without an identity, is refused.',
    }),
  }),
});

builder.mutationField('enrolMedicalInsurance', (t) =>
  t.prismaField({
    type: MedicalInsuranceEnrolment,
    description:
      '参保登记: enrol a person for a year, or replace the year’s enrolment (county, identity, subsidy). Existing claims keep the ' +
      'assistance they were computed with; later claims use the new identity.',
    args: { input: t.arg({ type: EnrolInput, description: '参保信息' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const year = checkEnrolmentYear(input.year, currentYear(), birthDateOf(input.idNumber));
      const countyCode = checkCountyCode(input.countyCode);
      assertInRegion(ctx.identity, countyCode);
      const identity = input.assistanceIdentity ?? null;
      const id = await ctx.prisma
        .$transaction(async (tx) => {
          // Enrolments of one person and year are applied one after the other: each replaces the previous.
          await lockKeys(tx, 'health-insurance:enrolment', [`${input.idNumber}:${year}`]);
          const rows = await tx.policyParameter.findMany({ where: { year } });
          const premium = premiumCents(rows, countyCode, year);
          const subsidy = decideSubsidy({
            identity,
            requestedKind: input.subsidyKind,
            premiumCents: premium,
            fixedCents: (category) => fixedSubsidyCents(rows, category, countyCode, year),
          });
          const data = {
            countyCode,
            premium: formatCents(premium),
            subsidyKind: subsidy.kind,
            subsidyAmount: formatCents(subsidy.amountCents),
            assistanceIdentity: identity,
            recordedBy: ctx.identity.subject,
          };
          const existing = await tx.medicalInsuranceEnrolment.findUnique({ where: { personIdNumber_year: { personIdNumber: input.idNumber, year } } });
          if (existing) {
            assertFoundInRegion(ctx.identity, existing.countyCode, 'MedicalInsuranceEnrolment', existing.id);
            return (await tx.medicalInsuranceEnrolment.update({ where: { id: existing.id }, data })).id;
          }
          return (await tx.medicalInsuranceEnrolment.create({ data: { personIdNumber: input.idNumber, year, ...data } })).id;
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw conflict(`${input.idNumber} was enrolled for ${year} meanwhile; try again`, { reason: 'CONCURRENT_ENROLMENT' });
          throw error;
        });
      const found = await ctx.prisma.medicalInsuranceEnrolment.findUnique({ ...query, where: { id } });
      if (!found) throw notFound('MedicalInsuranceEnrolment', id);
      return found;
    },
  }),
);
