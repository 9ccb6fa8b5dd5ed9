import { builder } from '../builder.ts';

export const HealthInsurancePolicyParameter = builder.prismaObject('PolicyParameter', {
  name: 'HealthInsurancePolicyParameter',
  description:
    '医保政策参数: an amount, ratio or cap of the health-insurance rules for a county (or 411200, the whole city) and year. ' +
    'A county row overrides the city-wide one.',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: '行政区划代码: 411200 for the whole city, or a 6-digit county.' }),
    year: t.exposeInt('year', { description: '年度' }),
    name: t.exposeString('name', {
      description:
        '参数名, e.g. PREMIUM, PREMIUM_SUBSIDY_FIXED_<category>, ASSISTANCE_RATIO_<category>, ASSISTANCE_DEDUCTIBLE_<category>, ' +
        'ASSISTANCE_ANNUAL_CAP_<category>, CLAIM_TOTAL_COST_MAX.',
    }),
    value: t.string({
      description: '参数值 as a decimal string (yuan for amounts, a fraction for ratios, e.g. "0.7000").',
      resolve: (row) => row.value.toFixed(4),
    }),
    description: t.exposeString('description', { description: '说明' }),
  }),
});

builder.queryField('healthInsurancePolicyParameters', (t) =>
  t.prismaField({
    type: [HealthInsurancePolicyParameter],
    description: '医保政策参数 of a year (read-only; changed only by migrations), ordered by name and region.',
    args: {
      year: t.arg.int({ description: '年度' }),
      regionCode: t.arg.string({ required: false, description: 'Only rows of this region code (411200 or a county).' }),
    },
    resolve: (query, _root, { year, regionCode }, ctx) =>
      ctx.prisma.policyParameter.findMany({
        ...query,
        where: { year, ...(regionCode ? { regionCode } : {}) },
        orderBy: [{ name: 'asc' }, { regionCode: 'asc' }],
      }),
  }),
);
