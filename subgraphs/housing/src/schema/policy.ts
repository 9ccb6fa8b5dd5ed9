import { checkYear } from '@lip/shared/lists';
import { builder } from '../builder.ts';

builder.prismaObject('PolicyParameter', {
  name: 'HousingPolicyParameter',
  description: '政策参数 (住建): an amount, cap or period the housing rules read, per county (or 411200 city-wide) and year.',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: '适用地区: 411200 for the city-wide default, or a 6-digit county code that overrides it.' }),
    year: t.exposeInt('year', { description: '年度' }),
    name: t.exposeString('name', { description: '参数名, e.g. RENT_SUBSIDY_MONTHLY_MAX' }),
    value: t.string({
      description: '参数值 as a decimal string (yuan for amounts, months for periods), e.g. "600" or "12".',
      resolve: (row) => row.value.toString(),
    }),
    description: t.exposeString('description', { description: '说明: what the parameter means and its unit.' }),
  }),
});

builder.queryFields((t) => ({
  housingPolicyParameters: t.prismaField({
    type: ['PolicyParameter'],
    description: '政策参数: the housing bureau’s policy parameters for a year (read-only; changed by migration).',
    args: { year: t.arg.int({ description: '年度' }) },
    resolve: (query, _root, { year }, ctx) =>
      ctx.prisma.policyParameter.findMany({ ...query, where: { year: checkYear(year) }, orderBy: [{ name: 'asc' }, { regionCode: 'asc' }] }),
  }),
}));
