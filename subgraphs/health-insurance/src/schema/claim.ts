import { today } from '@lip/shared/calendar';
import { conflict, notFound } from '@lip/shared/errors';
import { totalCountOptions } from '@lip/shared/lists';
import { assertFoundInRegion, inRegion, markedOutOfRegion, withinRegion } from '@lip/shared/scopes';
import { checkReason } from '@lip/shared/text';
import { isUniqueViolation, lockRows } from '@lip/shared/writes';
import { builder, shared } from '../builder.ts';
import { checkClaimAmounts, checkReversible, checkVisitDate, claimComputation, computeAssistance, yearUsage } from '../domain/claims.ts';
import { checkCountyCode } from '../domain/enrolment.ts';
import { formatBasisPoints, formatCents, toBasisPoints, toCents } from '../domain/money.ts';
import { assistanceTier, claimTotalCostMaxCents } from '../domain/policy.ts';
import { checkSettlementNumber } from '../domain/text.ts';
import type { MedicalClaim as ClaimRow, Prisma } from '../generated/prisma/client.ts';
import { MedicalAssistanceOutcome, MedicalClaimStatus, MedicalVisitKind } from './enums.ts';
import { birthDateOf } from './input.ts';
import { PersonRef, personOf } from './person-ref.ts';

export const MedicalAssistanceExplanation = builder.objectRef<ClaimRow>('MedicalAssistanceExplanation').implement({
  description:
    '救助计算说明: how a claim’s medical assistance was computed when it was recorded: eligible = total − basic − critical-illness; ' +
    'assistance = (eligible − deductible applied) × ratio, capped by what was left of the annual cap.',
  fields: (t) => ({
    outcome: t.field({ type: MedicalAssistanceOutcome, description: '救助结果', resolve: (claim) => claim.assistanceOutcome }),
    assistanceIdentity: t.field({
      type: shared.LowIncomeCategoryEnum,
      nullable: true,
      description: '计算时的医疗救助对象身份 (from the enrolment at the time)',
      resolve: (claim) => claim.assistanceIdentity,
    }),
    eligibleAmount: t.expose('eligibleAmount', { type: 'Money', description: '政策范围内个人负担: total − basic − critical-illness.' }),
    deductibleRemaining: t.expose('deductibleRemaining', {
      type: 'Money',
      description: '起付标准剩余: what was left of the yearly deductible before this claim.',
    }),
    deductibleApplied: t.expose('deductibleApplied', { type: 'Money', description: '本次扣除起付: the part of the eligible amount taken by the deductible.' }),
    ratio: t.string({
      description: '救助比例 as a fraction, e.g. "0.7000" (0 when not assisted).',
      resolve: (claim) => formatBasisPoints(toBasisPoints(claim.assistanceRatio)),
    }),
    annualCap: t.expose('annualCap', { type: 'Money', nullable: true, description: '年度救助限额 of the identity; null when not assisted.' }),
    capRemaining: t.expose('capRemaining', { type: 'Money', nullable: true, description: '限额剩余 before this claim; null when not assisted.' }),
    text: t.exposeString('explanation', { description: '计算过程: the whole computation in words.' }),
  }),
});

export const MedicalClaim = builder.prismaObject('MedicalClaim', {
  description:
    '医疗费用结算: one settled medical bill. Medical assistance (医疗救助) and out-of-pocket (个人自付) are computed when it is ' +
    'recorded, never typed in; `explanation` shows how.',
  fields: (t) => ({
    id: t.exposeID('id', { description: '结算记录编号' }),
    settlementNumber: t.exposeString('settlementNumber', { description: '结算单号 from the settlement system (unique).' }),
    idNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '居民身份证号码' }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '参保人 (joined from civil affairs by the gateway) (null when not in the register or outside your region)',
      resolve: (row) => personOf(row.personIdNumber),
    }),
    year: t.exposeInt('year', { description: '年度 (of the visit date)' }),
    visitKind: t.expose('visitKind', { type: MedicalVisitKind, description: '就医类型' }),
    visitDate: t.expose('visitDate', { type: 'Date', description: '就医/出院日期' }),
    totalCost: t.expose('totalCost', { type: 'Money', description: '医疗总费用' }),
    basicInsurancePaid: t.expose('basicInsurancePaid', { type: 'Money', description: '基本医保支付' }),
    criticalIllnessPaid: t.expose('criticalIllnessPaid', { type: 'Money', description: '大病保险支付' }),
    medicalAssistancePaid: t.expose('medicalAssistancePaid', { type: 'Money', description: '医疗救助支付 (computed)' }),
    outOfPocket: t.expose('outOfPocket', { type: 'Money', description: '个人自付: total − basic − critical-illness − assistance (computed).' }),
    explanation: t.field({ type: MedicalAssistanceExplanation, description: '救助计算说明', resolve: (row) => row }),
    status: t.expose('status', { type: MedicalClaimStatus, description: '结算状态' }),
    recordedBy: t.exposeString('recordedBy', { description: '经办人' }),
    reversedAt: t.expose('reversedAt', { type: 'DateTime', nullable: true, description: '冲销时间' }),
    reversedBy: t.exposeString('reversedBy', { nullable: true, description: '冲销经办人' }),
    reversalReason: t.exposeString('reversalReason', { nullable: true, description: '冲销原因' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '登记时间' }),
  }),
});

const ClaimFilter = builder.inputType('MedicalClaimFilter', {
  description: '筛选条件 for claims. Conditions combine with AND.',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', required: false, description: 'Only this person’s claims.' }),
    year: t.int({ required: false, description: 'Only this year.' }),
    countyCode: t.string({ required: false, description: 'Only claims of enrolments in this county (6 digits).' }),
    visitKind: t.field({ type: MedicalVisitKind, required: false, description: 'Only this kind of visit.' }),
    status: t.field({ type: MedicalClaimStatus, required: false, description: 'Only this status (default: both).' }),
    outcome: t.field({ type: MedicalAssistanceOutcome, required: false, description: 'Only this assistance outcome.' }),
    minOutOfPocket: t.field({ type: 'Money', required: false, description: 'Only claims with at least this out-of-pocket amount.' }),
  }),
});

type ClaimFilterValue = {
  idNumber?: string | null;
  year?: number | null;
  countyCode?: string | null;
  visitKind?: Prisma.MedicalClaimWhereInput['visitKind'] | null;
  status?: Prisma.MedicalClaimWhereInput['status'] | null;
  outcome?: Prisma.MedicalClaimWhereInput['assistanceOutcome'] | null;
  minOutOfPocket?: string | null;
};

export function claimWhere(filter: ClaimFilterValue | null | undefined): Prisma.MedicalClaimWhereInput {
  if (!filter) return {};
  const where: Prisma.MedicalClaimWhereInput = {};
  if (filter.idNumber) where.personIdNumber = filter.idNumber;
  if (filter.year != null) where.year = filter.year;
  if (filter.countyCode != null) where.enrolment = { countyCode: checkCountyCode(filter.countyCode) };
  if (filter.visitKind) where.visitKind = filter.visitKind;
  if (filter.status) where.status = filter.status;
  if (filter.outcome) where.assistanceOutcome = filter.outcome;
  if (filter.minOutOfPocket != null) where.outOfPocket = { gte: formatCents(toCents(filter.minOutOfPocket)) };
  return where;
}

builder.queryFields((t) => ({
  medicalClaim: t.prismaField({
    type: MedicalClaim,
    nullable: true,
    description: 'A claim by its id, or null.',
    args: { id: t.arg.id({ description: '结算记录编号' }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.medicalClaim.findUnique({ ...query, where: { id: String(id), ...withinRegion(ctx.identity, 'enrolment.countyCode') } }),
  }),
  medicalClaims: t.prismaConnection(
    {
      type: MedicalClaim,
      cursor: 'id',
      maxSize: 100,
      defaultSize: 20,
      description: '结算记录: claims (including persons not in the low-income register), newest visit first.',
      args: { filter: t.arg({ type: ClaimFilter, required: false, description: 'Conditions (all optional)' }) },
      totalCount: (_parent, { filter }, ctx) =>
        ctx.prisma.medicalClaim.count({ where: { AND: [claimWhere(filter), withinRegion(ctx.identity, 'enrolment.countyCode')] } }),
      resolve: (query, _root, { filter }, ctx) =>
        ctx.prisma.medicalClaim.findMany({
          ...query,
          where: { AND: [claimWhere(filter), withinRegion(ctx.identity, 'enrolment.countyCode')] },
          orderBy: [{ visitDate: 'desc' }, { id: 'asc' }],
        }),
    },
    {
      name: 'MedicalClaimConnection',
      description: 'A page of claims, with the total number matching the filter.',
      fields: (t) => ({
        totalCount: t.int(totalCountOptions('总数: claims matching the filter (all pages).')),
      }),
    },
    { name: 'MedicalClaimEdge', description: 'A claim in a page.' },
  ),
}));

const RecordClaimInput = builder.inputType('RecordMedicalClaimInput', {
  description: '医疗费用结算登记: a settled bill as the settlement system reports it. Medical assistance and out-of-pocket are computed, ' + 'never given.',
  fields: (t) => ({
    settlementNumber: t.string({ description: '结算单号 (4 to 40 letters, digits, "-" or "_"; unique)' }),
    idNumber: t.field({ type: 'IdNumber', description: '居民身份证号码 of the insured person' }),
    visitKind: t.field({ type: MedicalVisitKind, description: '就医类型' }),
    visitDate: t.field({ type: 'Date', description: '就医/出院日期: not in the future, in a year the person is enrolled.' }),
    totalCost: t.field({ type: 'Money', description: '医疗总费用 (> 0, at most the policy bound CLAIM_TOTAL_COST_MAX)' }),
    basicInsurancePaid: t.field({ type: 'Money', description: '基本医保支付 (≥ 0)' }),
    criticalIllnessPaid: t.field({ type: 'Money', description: '大病保险支付 (≥ 0; basic + critical-illness ≤ total)' }),
  }),
});

builder.mutationFields((t) => ({
  recordMedicalClaim: t.prismaField({
    type: MedicalClaim,
    description:
      '医疗费用结算登记: record a settled bill and compute its medical assistance from the enrolment’s identity, the year’s ' +
      'remaining deductible and cap, and the policy of the insuring county. Refused when the person is not enrolled for the ' +
      'visit’s year (CONFLICT, reason NOT_ENROLLED) or the settlement number is already recorded (CONFLICT, DUPLICATE_SETTLEMENT).',
    args: { input: t.arg({ type: RecordClaimInput, description: '结算信息' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const settlementNumber = checkSettlementNumber(input.settlementNumber);
      const amounts = {
        totalCents: toCents(input.totalCost),
        basicCents: toCents(input.basicInsurancePaid),
        criticalCents: toCents(input.criticalIllnessPaid),
      };
      const year = checkVisitDate(input.visitDate, today(), birthDateOf(input.idNumber));
      const id = await ctx.prisma
        .$transaction(async (tx) => {
          const enrolment = await tx.medicalInsuranceEnrolment.findUnique({ where: { personIdNumber_year: { personIdNumber: input.idNumber, year } } });
          // An enrolment outside the caller's region is refused exactly as a missing one (the audit log keeps the reason).
          if (!enrolment || !inRegion(ctx.identity, enrolment.countyCode)) {
            const notEnrolled = conflict(`${input.idNumber} is not enrolled for ${year}`, { reason: 'NOT_ENROLLED', field: 'visitDate' });
            throw enrolment ? markedOutOfRegion(notEnrolled) : notEnrolled;
          }
          // Claims of one enrolment are computed one at a time: each uses what the previous ones left.
          await lockRows(tx, 'MedicalInsuranceEnrolment', [enrolment.id]);
          const rows = await tx.policyParameter.findMany({ where: { year } });
          checkClaimAmounts(amounts, claimTotalCostMaxCents(rows, enrolment.countyCode, year));
          if (await tx.medicalClaim.findUnique({ where: { settlementNumber }, select: { id: true } })) {
            throw conflict(`settlement ${settlementNumber} is already recorded`, { reason: 'DUPLICATE_SETTLEMENT', field: 'settlementNumber' });
          }
          const identity = enrolment.assistanceIdentity;
          const used = await tx.medicalClaim.aggregate({
            where: { enrolmentId: enrolment.id, status: 'SETTLED' },
            _sum: { deductibleApplied: true, medicalAssistancePaid: true },
          });
          const result = computeAssistance({
            visitKind: input.visitKind,
            amounts,
            identity,
            tier: identity ? assistanceTier(rows, identity, enrolment.countyCode, year) : null,
            usage: yearUsage([
              {
                status: 'SETTLED',
                deductibleAppliedCents: toCents(used._sum.deductibleApplied ?? 0),
                assistanceCents: toCents(used._sum.medicalAssistancePaid ?? 0),
              },
            ]),
          });
          const claim = await tx.medicalClaim.create({
            data: {
              settlementNumber,
              enrolmentId: enrolment.id,
              personIdNumber: enrolment.personIdNumber,
              year,
              visitKind: input.visitKind,
              visitDate: input.visitDate,
              totalCost: formatCents(amounts.totalCents),
              basicInsurancePaid: formatCents(amounts.basicCents),
              criticalIllnessPaid: formatCents(amounts.criticalCents),
              ...claimComputation(result),
              recordedBy: ctx.identity.subject,
            },
          });
          return claim.id;
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error))
            throw conflict(`settlement ${settlementNumber} is already recorded`, { reason: 'DUPLICATE_SETTLEMENT', field: 'settlementNumber' });
          throw error;
        });
      return ctx.prisma.medicalClaim.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  reverseMedicalClaim: t.prismaField({
    type: MedicalClaim,
    description:
      '冲销: reverse a settled claim with a reason. It stays on record as REVERSED and no longer counts in the year’s totals, ' +
      'deductible or cap; claims recorded after it keep the assistance they were paid.',
    args: {
      claimId: t.arg.id({ description: '结算记录编号' }),
      reason: t.arg.string({ description: '冲销原因 (2 to 500 characters)' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const reason = checkReason(args.reason);
      const id = String(args.claimId);
      await ctx.prisma.$transaction(async (tx) => {
        const found = await tx.medicalClaim.findUnique({ where: { id }, select: { enrolmentId: true, enrolment: { select: { countyCode: true } } } });
        if (!found) throw notFound('MedicalClaim', id);
        assertFoundInRegion(ctx.identity, found.enrolment.countyCode, 'MedicalClaim', id);
        await lockRows(tx, 'MedicalInsuranceEnrolment', [found.enrolmentId]);
        // Read again under the enrolment's lock: a concurrent reversal may have committed meanwhile.
        const claim = await tx.medicalClaim.findUniqueOrThrow({ where: { id } });
        checkReversible(claim.status);
        // Conditional on the state read, so two concurrent reversals cannot both succeed.
        const { count } = await tx.medicalClaim.updateMany({
          where: { id, status: 'SETTLED' },
          data: { status: 'REVERSED', reversedAt: new Date(), reversedBy: ctx.identity.subject, reversalReason: reason },
        });
        if (count !== 1) checkReversible('REVERSED');
      });
      return ctx.prisma.medicalClaim.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));
