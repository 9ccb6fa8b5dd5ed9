import type { Database } from '@lip/shared/database';
import { prismaOptions } from '@lip/shared/writes';
import { PrismaClient } from './generated/prisma/client.ts';

export const createPrismaClient = (db: Database) => new PrismaClient(prismaOptions(db) as ConstructorParameters<typeof PrismaClient>[0]);
