// The demo records: consistent with the civil-affairs population, valid under the housing rules,
// with coverage gaps of a few percent, and loaded once.
import { fileURLToPath } from 'node:url';
import type { Database } from '@lip/shared/database';
import { generatePopulation } from '@lip/shared/demo/population';
import { parseIdNumber } from '@lip/shared/id-number';
import { migrate } from '@lip/shared/migrate';
import { policyValue } from '@lip/shared/policy';
import { openTestDatabase } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHousingDemo, type HousingDemo } from '../src/demo/generate.ts';
import { seedIfEmpty } from '../src/demo/seed.ts';
import { latestAssessment } from '../src/domain/assessment.ts';
import { ruralRenovationEntitlement, urbanHousingEntitlement } from '../src/domain/entitlements.ts';
import { checkAdvance, checkReject } from '../src/domain/renovation.ts';
import { overlaps } from '../src/domain/urban.ts';
import type { PolicyParameter, PrismaClient } from '../src/generated/prisma/client.ts';
import { createPrismaClient } from '../src/prisma.ts';

const TODAY = new Date('2026-11-29T00:00:00.000Z');

let db: Database;
let prisma: PrismaClient;
let policy: PolicyParameter[];
let demo: HousingDemo;
beforeAll(async () => {
  db = await openTestDatabase('housing');
  await migrate(db, fileURLToPath(new URL('../prisma/migrations', import.meta.url)));
  prisma = createPrismaClient(db);
  policy = await prisma.policyParameter.findMany();
  demo = generateHousingDemo({ policy, today: TODAY });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.close();
});

const group = <T extends { personIdNumber: string; memberIdNumbers: string[] }>(rows: readonly T[]) => {
  const byPerson = new Map<string, T[]>();
  for (const row of rows) for (const id of [row.personIdNumber, ...row.memberIdNumbers]) byPerson.set(id, [...(byPerson.get(id) ?? []), row]);
  return byPerson;
};

describe('demo housing records', () => {
  it('are deterministic', () => {
    const again = generateHousingDemo({ policy, today: TODAY });
    expect(again.assessments.map((row) => row.id)).toEqual(demo.assessments.map((row) => row.id));
    expect(again.cases).toEqual(demo.cases);
  });

  it('cover most entitled persons, leaving gaps of about 3–5%', () => {
    const assessments = group(demo.assessments);
    const urban = group(demo.urban);
    const cases = group(demo.cases);
    const tally: Record<string, Record<string, number>> = { URBAN_HOUSING: {}, RURAL_HOUSING_RENOVATION: {} };
    for (const household of generatePopulation({})) {
      for (const person of household.members) {
        const active = person.holdings.filter((holding) => holding.status === 'ACTIVE');
        const facts = {
          activeCategories: [...new Set(active.map((holding) => holding.category))],
          hukouType: person.hukouType,
          extremePovertySupport: active.find((holding) => holding.category === 'EXTREME_POVERTY')?.subtype ?? null,
        };
        for (const e of [
          urbanHousingEntitlement(facts, urban.get(person.idNumber) ?? [], TODAY),
          ruralRenovationEntitlement(facts, latestAssessment(assessments.get(person.idNumber) ?? []), cases.get(person.idNumber) ?? []),
        ]) {
          tally[e.program]![e.status] = (tally[e.program]![e.status] ?? 0) + 1;
        }
      }
    }
    for (const counts of Object.values(tally)) {
      const covered = counts.ENTITLED_COVERED ?? 0;
      const missing = counts.ENTITLED_MISSING ?? 0;
      expect(covered).toBeGreaterThan(1000);
      expect(missing / (covered + missing)).toBeGreaterThanOrEqual(0.025);
      expect(missing / (covered + missing)).toBeLessThanOrEqual(0.055);
    }
  });

  it('grade dwellings mostly A/B, some C/D, a few NO_HOUSE', () => {
    const share = (grade: string) => demo.assessments.filter((row) => row.grade === grade).length / demo.assessments.length;
    expect(share('A') + share('B')).toBeGreaterThan(0.7);
    expect(share('C') + share('D')).toBeGreaterThan(0.12);
    expect(share('NO_HOUSE')).toBeGreaterThan(0.01);
    expect(share('NO_HOUSE')).toBeLessThan(0.06);
    expect(new Set(demo.cases.map((row) => row.status))).toEqual(
      new Set(['APPLIED', 'VILLAGE_REVIEWED', 'TOWNSHIP_REVIEWED', 'COUNTY_APPROVED', 'COMPLETED', 'REJECTED']),
    );
  });

  it('follow the housing rules', () => {
    const assessmentById = new Map(demo.assessments.map((row) => [row.id, row]));
    const steps = new Map<string, typeof demo.steps>();
    for (const step of demo.steps) steps.set(step.caseId, [...(steps.get(step.caseId) ?? []), step]);
    for (const row of demo.cases) {
      const history = steps.get(row.id)!;
      expect(history[0]).toMatchObject({ fromStatus: null, toStatus: 'APPLIED' });
      for (const step of history.slice(1)) {
        expect(step.toStatus === 'REJECTED' ? checkReject(step.fromStatus!) : checkAdvance(step.fromStatus!, step.toStatus)).toBe(step.toStatus);
        expect(step.at.getTime()).toBeGreaterThan(history[0]!.at.getTime());
      }
      expect(history.at(-1)!.toStatus).toBe(row.status);
      if (row.status === 'COUNTY_APPROVED' || row.status === 'COMPLETED') {
        const basis = assessmentById.get(row.assessmentId!)!;
        expect(['C', 'D', 'NO_HOUSE']).toContain(basis.grade);
        expect(basis.assessedOn.getTime()).toBeLessThan(row.appliedOn.getTime());
        const approvedAt = history.find((step) => step.toStatus === 'COUNTY_APPROVED')!.at;
        const parameter = `RURAL_RENOVATION_SUBSIDY_${basis.grade}`;
        expect(Number(row.subsidyAmount)).toBe(policyValue(policy, parameter, row.regionCode, approvedAt.getUTCFullYear()));
      } else expect(row.subsidyAmount).toBeNull();
      expect(row.rejectionReason !== null).toBe(row.status === 'REJECTED');
    }
    const urbanByPerson = group(demo.urban);
    for (const row of demo.urban) {
      if (row.kind === 'RENT_SUBSIDY') {
        const max = policyValue(policy, 'RENT_SUBSIDY_MONTHLY_MAX', row.regionCode, row.startDate.getUTCFullYear());
        expect(Number(row.monthlyAmount)).toBeGreaterThan(0);
        expect(Number(row.monthlyAmount)).toBeLessThanOrEqual(max);
        expect(row.endDate!.getUTCFullYear()).toBe(row.startDate.getUTCFullYear());
      }
      const others = urbanByPerson.get(row.personIdNumber)!.filter((other) => other !== row);
      expect(others.some((other) => overlaps(other, row))).toBe(false);
    }
  });

  it('include a few records of valid ID numbers the register does not hold', () => {
    const population = new Set([...generatePopulation({})].flatMap((household) => household.members.map((member) => member.idNumber)));
    expect(demo.outsiders.length).toBeGreaterThanOrEqual(15);
    for (const id of demo.outsiders) {
      expect(parseIdNumber(id).ok).toBe(true);
      expect(population.has(id)).toBe(false);
    }
    const named = new Set([...demo.assessments, ...demo.urban, ...demo.cases].map((row) => row.personIdNumber));
    expect(demo.outsiders.every((id) => named.has(id))).toBe(true);
  });

  it('are loaded once, whole', async () => {
    const first = await seedIfEmpty(prisma, db, { today: TODAY });
    expect(first).toEqual({
      seeded: true,
      assessments: demo.assessments.length,
      urbanRecords: demo.urban.length,
      cases: demo.cases.length,
      steps: demo.steps.length,
    });
    expect(await prisma.ruralRenovationStep.count()).toBe(demo.steps.length);
    expect(await seedIfEmpty(prisma, db, { today: TODAY })).toEqual({ seeded: false, assessments: demo.assessments.length });
  });
});
