// The demo payments: generated from the same deterministic population as the register.
import { fileURLToPath } from 'node:url';
import type { Database } from '@lip/shared/database';
import { migrate } from '@lip/shared/migrate';
import { openTestDatabase } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../src/demo/seed.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { createPrismaClient } from '../src/prisma.ts';
import { payrollTotals } from '../src/services/payroll.ts';

let db: Database;
let prisma: PrismaClient;
beforeAll(async () => {
  db = await openTestDatabase('payments');
  await migrate(db, fileURLToPath(new URL('../prisma/migrations', import.meta.url)));
  prisma = createPrismaClient(db);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.close();
});

describe('demo payments', () => {
  it('hold two paid months and a draft per county, reconciled to the fen, with supervision findings; a second seed changes nothing', async () => {
    expect(await seedIfEmpty(prisma, db, { persons: 2000, seed: 2024 })).toMatchObject({ seeded: true, payrolls: 18 });
    const payrolls = await prisma.payroll.findMany({ orderBy: [{ month: 'asc' }, { countyCode: 'asc' }] });
    expect(payrolls.map((p) => `${p.month.toISOString().slice(0, 7)} ${p.status}`).filter((v, i, a) => a.indexOf(v) === i)).toEqual([
      '2024-10 APPROVED',
      '2024-11 APPROVED',
      '2024-12 DRAFT',
    ]);
    for (const payroll of payrolls) {
      const totals = await payrollTotals(prisma, payroll.id);
      expect(totals.lineCount).toBeGreaterThan(0);
      if (payroll.status === 'APPROVED') {
        expect(payroll.approvedBy).not.toBe(payroll.preparedBy);
        expect(totals.byStatus.PAID).toEqual({ count: totals.lineCount, fen: totals.totalFen });
      } else expect(totals.byStatus.PENDING.count).toBe(totals.lineCount);
    }
    const kinds = new Set((await prisma.supervisionFinding.findMany()).map((finding) => finding.kind));
    expect(kinds).toContain('RELATIVE_OF_STAFF');
    expect(kinds).toContain('LATE_PAYMENT');
    expect(await seedIfEmpty(prisma, db, { persons: 2000, seed: 2024 })).toEqual({ seeded: false, payrolls: 18 });
  }, 600_000); // 18 payrolls on a busy machine
});
