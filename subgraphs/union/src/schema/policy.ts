import { checkYear } from '@lip/shared/lists';
import { builder } from '../builder.ts';

builder.prismaObject('PolicyParameter', {
  name: 'UnionPolicyParameter',
  description: '政策参数 (总工会): an amount, cap or interval the union’s rules read, per county (or 411200 city-wide) and year.',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: '适用地区: 411200 for the city-wide default, or a 6-digit county code that overrides it.' }),
    year: t.exposeInt('year', { description: '年度' }),
    name: t.exposeString('name', { description: '参数名, e.g. ASSISTANCE_MAX_LIVING' }),
    value: t.string({
      description: '参数值 as a decimal string (yuan for amounts, months or years otherwise), e.g. "3000" or "12".',
      resolve: (row) => row.value.toString(),
    }),
    description: t.exposeString('description', { description: '说明: what the parameter means and its unit.' }),
  }),
});

builder.queryFields((t) => ({
  unionPolicyParameters: t.prismaField({
    type: ['PolicyParameter'],
    description: '政策参数: the union’s policy parameters in force for a year (read-only; changed by migration).',
    args: { year: t.arg.int({ description: '年度' }) },
    resolve: (query, _root, { year }, ctx) => {
      checkYear(year);
      return ctx.prisma.policyParameter.findMany({ ...query, where: { year }, orderBy: [{ name: 'asc' }, { regionCode: 'asc' }] });
    },
  }),
}));
