// A fresh test database with monitoring's migrations applied (rules included), and its client.
import path from 'node:path';
import type { Database } from '@lip/shared/database';
import { migrate } from '@lip/shared/migrate';
import { openTestDatabase } from '@lip/shared/testing';
import { PrismaClient } from '../src/generated/prisma/client.ts';

export async function openMigratedDatabase(): Promise<{ db: Database; prisma: PrismaClient; close(): Promise<void> }> {
  const db = await openTestDatabase('monitoring');
  await migrate(db, path.join(import.meta.dirname, '..', 'prisma', 'migrations'));
  const prisma = new PrismaClient({ adapter: db.adapter });
  return {
    db,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await db.close();
    },
  };
}
