// The demo data: derived from the shared population, deterministic, with coverage gaps, outsiders and
// claims computed by the same rules as a recorded claim.
import { fileURLToPath } from 'node:url';
import type { Database } from '@lip/shared/database';
import { generatePopulation } from '@lip/shared/demo/population';
import type { LowIncomeCategory } from '@lip/shared/enums';
import { migrate } from '@lip/shared/migrate';
import { openTestDatabase } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../src/demo/seed.ts';
import { healthInsuranceEntitlements } from '../src/domain/entitlements.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { createPrismaClient } from '../src/prisma.ts';

const PERSONS = 3_000;
const migrations = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

async function open() {
  const db = await openTestDatabase('health-insurance');
  await migrate(db, migrations);
  return { db, prisma: createPrismaClient(db) };
}

let db: Database;
let prisma: PrismaClient;
beforeAll(async () => {
  ({ db, prisma } = await open());
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.close();
});

const population = () => [...generatePopulation({ seed: 2024, persons: PERSONS })].flatMap((household) => household.members);

describe('demo seed', () => {
  it('seeds once', async () => {
    const first = await seedIfEmpty(prisma, db, { persons: PERSONS, seed: 2024 });
    expect(first.seeded).toBe(true);
    expect(first.enrolments).toBeGreaterThan(PERSONS * 2.7);
    expect(await seedIfEmpty(prisma, db, { persons: PERSONS, seed: 2024 })).toEqual({ seeded: false, enrolments: first.enrolments });
  });

  it('is deterministic', async () => {
    const other = await open();
    try {
      await seedIfEmpty(other.prisma, other.db, { persons: PERSONS, seed: 2024 });
      const digest = (sql: Database['sql']) =>
        sql.query(`SELECT
          (SELECT md5(string_agg(concat_ws('|', id, "personIdNumber", year, "subsidyKind", "subsidyAmount", "assistanceIdentity"), ',' ORDER BY id)) FROM "MedicalInsuranceEnrolment") AS e,
          (SELECT md5(string_agg(concat_ws('|', id, "settlementNumber", "visitDate", "totalCost", "medicalAssistancePaid", "outOfPocket", status), ',' ORDER BY id)) FROM "MedicalClaim") AS c`);
      expect(await digest(other.db.sql)).toEqual(await digest(db.sql));
    } finally {
      await other.prisma.$disconnect();
      await other.db.close();
    }
  });

  it('covers nearly every entitled person in 2026 and leaves a few percent of gaps', async () => {
    const enrolments = await prisma.medicalInsuranceEnrolment.findMany({ where: { year: 2026 } });
    const byPerson = new Map(enrolments.map((enrolment) => [enrolment.personIdNumber, enrolment]));
    const counts = { entitled: 0, premiumMissing: 0, assistanceMissing: 0 };
    for (const person of population()) {
      if (person.deceasedOn) continue;
      const activeCategories = [...new Set(person.holdings.filter((h) => h.status === 'ACTIVE').map((h) => h.category))] as LowIncomeCategory[];
      if (activeCategories.length === 0) continue;
      const enrolment = byPerson.get(person.idNumber);
      const [premium, assistance] = healthInsuranceEntitlements(
        { activeCategories, hukouType: person.hukouType, extremePovertySupport: null },
        enrolment ? [enrolment] : [],
        2026,
      );
      counts.entitled++;
      if (premium!.status === 'ENTITLED_MISSING') counts.premiumMissing++;
      if (assistance!.status === 'ENTITLED_MISSING') counts.assistanceMissing++;
    }
    expect(counts.entitled).toBeGreaterThan(PERSONS * 0.8);
    expect(counts.premiumMissing / counts.entitled).toBeGreaterThan(0.02);
    expect(counts.premiumMissing / counts.entitled).toBeLessThan(0.06);
    expect(counts.assistanceMissing / counts.entitled).toBeGreaterThan(0.025);
    expect(counts.assistanceMissing / counts.entitled).toBeLessThan(0.07);
  });

  it('holds persons the register does not know, some with very high out-of-pocket totals', async () => {
    const known = new Set(population().map((person) => person.idNumber));
    const enrolled = await prisma.medicalInsuranceEnrolment.findMany({ distinct: ['personIdNumber'], select: { personIdNumber: true } });
    const outsiders = enrolled.map((row) => row.personIdNumber).filter((id) => !known.has(id));
    expect(outsiders.length).toBeGreaterThanOrEqual(20);
    const high = await prisma.medicalClaim.groupBy({
      by: ['personIdNumber', 'year'],
      where: { status: 'SETTLED', personIdNumber: { in: outsiders } },
      _sum: { outOfPocket: true },
      having: { outOfPocket: { _sum: { gte: '40000' } } },
    });
    expect(high.length).toBeGreaterThan(0);
  });

  it('has a realistic share of inpatient and chronic claims, all within the caps', async () => {
    for (const year of [2024, 2025]) {
      const enrolled = await prisma.medicalInsuranceEnrolment.count({ where: { year } });
      const inpatients = await prisma.medicalClaim.findMany({
        where: { year, visitKind: 'INPATIENT' },
        distinct: ['personIdNumber'],
        select: { personIdNumber: true },
      });
      expect(inpatients.length / enrolled).toBeGreaterThan(0.08);
      expect(inpatients.length / enrolled).toBeLessThan(0.18);
      expect(await prisma.medicalClaim.count({ where: { year, visitKind: 'CHRONIC_OUTPATIENT' } })).toBeGreaterThan(enrolled * 0.3);
    }
    const [over] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM (
      SELECT "enrolmentId", sum("medicalAssistancePaid") AS paid, max("annualCap") AS cap FROM "MedicalClaim"
      WHERE status = 'SETTLED' AND "annualCap" IS NOT NULL GROUP BY 1) t WHERE paid > cap`);
    expect(over!.n).toBe(0);
    expect(await prisma.medicalClaim.count({ where: { status: 'REVERSED' } })).toBeGreaterThan(0);
    expect(await prisma.medicalClaim.count({ where: { visitKind: 'OUTPATIENT', medicalAssistancePaid: { gt: 0 } } })).toBe(0);
  });
});
