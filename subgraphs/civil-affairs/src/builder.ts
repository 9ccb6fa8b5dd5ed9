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
builder.queryType({ description: '民政 civil affairs: the register of the low-income population.' });
builder.mutationType({ description: '民政 civil affairs: changes to the register. Each mutation commits whole or not at all.' });
