import type { Database } from '@lip/shared/database';
import type { SeedOptions } from '@lip/shared/subgraph';
import type { PrismaClient } from '../generated/prisma/client.ts';

export async function seedIfEmpty(_prisma: PrismaClient, _db: Database, _options?: SeedOptions) {
  return { seeded: false };
}
