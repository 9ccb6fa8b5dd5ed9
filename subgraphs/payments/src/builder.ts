import { createSubgraphBuilder } from '@lip/shared/builder';
import type { Context } from './context.ts';
import type PrismaTypes from './generated/pothos-types.ts';
import { getDatamodel } from './generated/pothos-types.ts';

export const builder = createSubgraphBuilder<PrismaTypes, Context>(getDatamodel());

// Every read needs a role that reads the register; each field may narrow it further (findings and
// complaints are open to auditors, who read nothing else).
builder.queryType({
  description: '民政 payments (with 财政): accounts, payrolls, temporary assistance, supervision, complaints.',
  authScopes: { readRegister: true },
});
// Paying is the default rule for changes; case work (temporary assistance, complaints, staff register) names its own.
builder.mutationType({
  description: '民政 payments: changes to accounts, payrolls and cases. Each mutation commits whole or not at all.',
  authScopes: { pay: true },
});
