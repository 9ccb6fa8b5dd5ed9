import { createSubgraphBuilder } from '@lip/shared/builder';
import type { Context } from './context.ts';
import type PrismaTypes from './generated/pothos-types.ts';
import { getDatamodel } from './generated/pothos-types.ts';

export const builder = createSubgraphBuilder<PrismaTypes, Context>(getDatamodel());

// Every read needs a role that reads the register; each field may narrow it further.
builder.queryType({ description: '民政 civil affairs: the register of the low-income population.', authScopes: { readRegister: true } });
// Only civil affairs' staff (or a city administrator) write here.
builder.mutationType({
  description: '民政 civil affairs: changes to the register. Each mutation commits whole or not at all.',
  authScopes: { writeRegister: true },
});
