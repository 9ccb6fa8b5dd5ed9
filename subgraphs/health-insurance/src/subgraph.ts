import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '@lip/shared/subgraph';
import { type Context, createContext } from './context.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { createPrismaClient } from './prisma.ts';
import { schema } from './schema/index.ts';

export const healthInsurance: SubgraphModule<PrismaClient, Context> = {
  name: 'health-insurance',
  root: fileURLToPath(new URL('..', import.meta.url)),
  createClient: createPrismaClient,
  createSchema: () => schema,
  createContext,
  seed: async (prisma, db, options) => (await import('./demo/seed.ts')).seedIfEmpty(prisma, db, options),
};
