import type { Database } from '@lip/shared/database';
import { PrismaClient } from './generated/prisma/client.ts';

export const createPrismaClient = (db: Database) => new PrismaClient({ adapter: db.adapter });
