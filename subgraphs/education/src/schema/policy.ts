import { checkYear } from '@lip/shared/lists';
import { builder } from '../builder.ts';

builder.prismaObject('PolicyParameter', {
  name: 'EducationPolicyParameter',
  description: '政策参数 (教育局): an amount or cap the education rules read, per county (or 411200 city-wide) and year.',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: '适用地区: 411200 for the city-wide default, or a 6-digit county code that overrides it.' }),
    year: t.exposeInt('year', { description: '年度: for assistance, the year its academic year starts in ("2024-2025" reads 2024).' }),
    name: t.exposeString('name', { description: '参数名, e.g. ASSISTANCE_MAX_GRANT' }),
    value: t.string({
      description: '参数值 as a decimal string (yuan for amounts), e.g. "5000".',
      resolve: (row) => row.value.toString(),
    }),
    description: t.exposeString('description', { description: '说明: what the parameter means and its unit.' }),
  }),
});

builder.queryFields((t) => ({
  educationPolicyParameters: t.prismaField({
    type: ['PolicyParameter'],
    description: '政策参数: the education bureau’s policy parameters for a year (read-only; changed by migration).',
    args: { year: t.arg.int({ description: '年度' }) },
    resolve: (query, _root, { year }, ctx) =>
      ctx.prisma.policyParameter.findMany({ ...query, where: { year: checkYear(year) }, orderBy: [{ name: 'asc' }, { regionCode: 'asc' }] }),
  }),
}));
