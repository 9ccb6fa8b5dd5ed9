import { addPolicyParameters } from '@lip/shared/policy';
import { builder } from '../builder.ts';
import { type RecognitionPolicy, recognitionPolicy } from '../domain/assessment.ts';
import type { Prisma } from '../generated/prisma/client.ts';

addPolicyParameters(builder, {
  department: 'civilAffairs',
  label: '民政',
  parameters: 'a line, limit, allowance, deadline or interval recognition reads',
  example: 'SUBSISTENCE_LINE_URBAN',
  units: 'yuan, months, days or a multiple, as the description says',
});

/** The recognition policy for a region's county in the year of `on`. */
export async function loadPolicy(db: Pick<Prisma.TransactionClient, 'policyParameter'>, regionCode: string, on: Date): Promise<RecognitionPolicy> {
  const year = on.getUTCFullYear();
  const rows = await db.policyParameter.findMany({ where: { year, regionCode: { in: ['411200', regionCode.slice(0, 6)] } } });
  return recognitionPolicy(rows, regionCode.slice(0, 6), year);
}
