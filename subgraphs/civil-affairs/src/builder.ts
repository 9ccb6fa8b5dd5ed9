import SchemaBuilder from '@pothos/core';
import { addSharedScalars, subgraphBuilderOptions, type SubgraphTypes } from '@lip/shared/builder';
import type { Context } from './context.ts';
import type PrismaTypes from './generated/pothos-types.ts';
import { getDatamodel } from './generated/pothos-types.ts';

export const builder = new SchemaBuilder<SubgraphTypes<PrismaTypes, Context>>({
  ...subgraphBuilderOptions,
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
});

addSharedScalars(builder);
// Every read needs a role that reads the register; each field may narrow it further.
builder.queryType({ description: '民政 civil affairs: the register of the low-income population.', authScopes: { readRegister: true } });
// Only civil affairs' staff (or a city administrator) write here.
builder.mutationType({ description: '民政 civil affairs: changes to the register. Each mutation commits whole or not at all.', authScopes: { writeRegister: true } });
