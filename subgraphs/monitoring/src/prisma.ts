import type { Database } from '@lip/shared/database';
import { QUERY_EVENTS } from '@lip/shared/observability';
import { PrismaClient } from './generated/prisma/client.ts';

export const createPrismaClient = (db: Database) => new PrismaClient({ adapter: db.adapter, log: [...QUERY_EVENTS] });
