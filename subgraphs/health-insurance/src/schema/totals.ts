import { DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import { withinRegion } from '@lip/shared/scopes';
import { builder } from '../builder.ts';
import { checkCountyCode } from '../domain/enrolment.ts';
import { formatCents, toCents } from '../domain/money.ts';
import { type YearTotal, yearTotalsOf } from '../domain/totals.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { PersonRef, personOf } from './person-ref.ts';

export const MedicalYearTotal = builder.objectRef<YearTotal>('MedicalYearTotal').implement({
  description:
    '年度医疗费用汇总: one person’s settled claims of one year added up (reversed claims excluded). A high out-of-pocket total ' +
    'is the signal for essential-expenditure hardship (刚性支出困难).',
  fields: (t) => ({
    idNumber: t.field({ type: 'IdNumber', description: '居民身份证号码', resolve: (total) => total.personIdNumber }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: '参保人 (joined from civil affairs by the gateway) (null when not in the register or outside your region)',
      resolve: (total) => personOf(total.personIdNumber),
    }),
    year: t.exposeInt('year', { description: '年度' }),
    claimCount: t.exposeInt('claimCount', { description: '结算笔数: settled claims.' }),
    totalCost: t.field({ type: 'Money', description: '医疗总费用', resolve: (total) => formatCents(total.totalCostCents) }),
    basicInsurancePaid: t.field({ type: 'Money', description: '基本医保支付', resolve: (total) => formatCents(total.basicInsuranceCents) }),
    criticalIllnessPaid: t.field({ type: 'Money', description: '大病保险支付', resolve: (total) => formatCents(total.criticalIllnessCents) }),
    medicalAssistanceTotal: t.field({ type: 'Money', description: '医疗救助合计', resolve: (total) => formatCents(total.medicalAssistanceCents) }),
    outOfPocketTotal: t.field({ type: 'Money', description: '个人自付合计', resolve: (total) => formatCents(total.outOfPocketCents) }),
  }),
});

const MAX_LIMIT = 1000;

builder.queryField('medicalYearTotals', (t) =>
  t.field({
    type: [MedicalYearTotal],
    description:
      '高额自付: persons’ yearly totals over settled claims, highest out-of-pocket first (one grouped query). ' +
      'Includes persons who are not in the low-income register: that is what monitoring looks for.',
    args: {
      year: t.arg.int({ description: '年度' }),
      countyCode: t.arg.string({ required: false, description: 'Only persons insured in this county (6 digits) that year.' }),
      minOutOfPocket: t.arg({ type: 'Money', required: false, description: 'Only totals with at least this out-of-pocket amount (元).' }),
      limit: t.arg.int({ required: false, defaultValue: 100, description: `At most this many rows (1 to ${MAX_LIMIT}, default 100).` }),
    },
    resolve: async (_root, { year, countyCode, minOutOfPocket, limit }, ctx) => {
      const take = limit ?? 100;
      if (!Number.isInteger(take) || take < 1 || take > MAX_LIMIT) throw invalidInput(`limit must be 1 to ${MAX_LIMIT}`, { field: 'limit' });
      const where: Prisma.MedicalClaimWhereInput = { year, status: 'SETTLED' };
      if (countyCode != null) where.enrolment = { countyCode: checkCountyCode(countyCode) };
      where.AND = [withinRegion(ctx.identity, 'enrolment.countyCode')];
      let minimum: number | undefined;
      if (minOutOfPocket != null) {
        minimum = toCents(minOutOfPocket);
        if (minimum < 0) throw new DomainError(ErrorCode.INVALID_INPUT, 'minOutOfPocket must not be negative', { field: 'minOutOfPocket' });
      }
      const rows = await ctx.prisma.medicalClaim.groupBy({
        by: ['personIdNumber', 'year'],
        where,
        _sum: { totalCost: true, basicInsurancePaid: true, criticalIllnessPaid: true, medicalAssistancePaid: true, outOfPocket: true },
        _count: { _all: true },
        ...(minimum !== undefined ? { having: { outOfPocket: { _sum: { gte: formatCents(minimum) } } } } : {}),
        orderBy: [{ _sum: { outOfPocket: 'desc' } }, { personIdNumber: 'asc' }],
        take,
      });
      return yearTotalsOf(rows);
    },
  }),
);
