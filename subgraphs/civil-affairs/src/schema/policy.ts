import { checkYear } from '@lip/shared/lists';
import { builder } from '../builder.ts';
import { type RecognitionPolicy, recognitionPolicy } from '../domain/assessment.ts';
import type { Prisma } from '../generated/prisma/client.ts';

builder.prismaObject('PolicyParameter', {
  name: 'CivilAffairsPolicyParameter',
  description: '政策参数 (民政): a line, limit, allowance, deadline or interval recognition reads, per county (or 411200 city-wide) and year.',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: '适用地区: 411200 for the city-wide default, or a 6-digit county code that overrides it.' }),
    year: t.exposeInt('year', { description: '年度' }),
    name: t.exposeString('name', { description: '参数名, e.g. SUBSISTENCE_LINE_URBAN' }),
    value: t.string({
      description: '参数值 as a decimal string (yuan, months, days or a multiple, as the description says).',
      resolve: (row) => row.value.toString(),
    }),
    description: t.exposeString('description', { description: '说明: what the parameter means and its unit.' }),
  }),
});

builder.queryFields((t) => ({
  civilAffairsPolicyParameters: t.prismaField({
    type: ['PolicyParameter'],
    description: '政策参数: civil affairs’ recognition parameters in force for a year (read-only; changed by migration).',
    args: { year: t.arg.int({ description: '年度' }) },
    resolve: (query, _root, { year }, ctx) => {
      checkYear(year);
      return ctx.prisma.policyParameter.findMany({ ...query, where: { year }, orderBy: [{ name: 'asc' }, { regionCode: 'asc' }] });
    },
  }),
}));

/** The recognition policy for a region's county in the year of `on`. */
export async function loadPolicy(db: Pick<Prisma.TransactionClient, 'policyParameter'>, regionCode: string, on: Date): Promise<RecognitionPolicy> {
  const year = on.getUTCFullYear();
  const rows = await db.policyParameter.findMany({ where: { year, regionCode: { in: ['411200', regionCode.slice(0, 6)] } } });
  return recognitionPolicy(rows, regionCode.slice(0, 6), year);
}
