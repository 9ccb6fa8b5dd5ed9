// The demo data: deterministic, consistent with the education rules, and shaped as promised
// (coverage gaps of 3–5% among entitled students, a few hundred difficult students outside the register).

import { ageOn } from '@lip/shared/calendar';
import { generatePopulation } from '@lip/shared/demo/population';
import { checkAmount } from '@lip/shared/money';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { day, openTestDatabase } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEducationDemo } from '../src/demo/generate.ts';
import { seedIfEmpty } from '../src/demo/seed.ts';
import { academicYearFromLabel, academicYearOf } from '../src/domain/academic-year.ts';
import { checkKindForStage, checkNotDuplicate, checkPaidOn, checkRecordCoversAcademicYear } from '../src/domain/assistance.ts';
import { assistanceMax } from '../src/domain/policy.ts';
import { birthDateOf, checkEnrolment, checkIdentifiedOn, checkSchoolName, checkSchoolRegionCode } from '../src/domain/students.ts';
import type { PolicyParameter, PrismaClient } from '../src/generated/prisma/client.ts';
import { education } from '../src/subgraph.ts';

const asOf = day('2026-11-29');
const demo = generateEducationDemo({ asOf });
const population = [...generatePopulation()].flatMap((household) => household.members);
const byId = new Map(population.map((person) => [person.idNumber, person]));
const date = (value: string | null) => (value === null ? null : day(value));

let running: RunningSubgraph<PrismaClient>;
let policy: PolicyParameter[];
beforeAll(async () => {
  running = await startSubgraph(education, { db: await openTestDatabase('education') });
  policy = await running.client.policyParameter.findMany();
});
afterAll(() => running?.close());

describe('education demo data', () => {
  it('is deterministic for a seed, size and date', () => {
    expect(generateEducationDemo({ asOf })).toEqual(demo);
    expect(generateEducationDemo({ asOf, seed: 7 }).records).not.toEqual(demo.records);
    expect(demo.currentAcademicYear).toBe('2026-2027');
  });

  it('makes students of the population’s children and young adults, and a few hundred outside the register', () => {
    const current = demo.records.filter((record) => record.status === 'CURRENT');
    const inPopulation = current.filter((record) => byId.has(record.personIdNumber));
    for (const record of inPopulation) {
      const person = byId.get(record.personIdNumber)!;
      expect(person.deceasedOn).toBeNull();
      const age = ageOn(day(person.birthDate), day('2026-09-01'));
      expect(age).toBeGreaterThanOrEqual(3);
      expect(age).toBeLessThanOrEqual(22);
    }
    const young = population.filter(
      (person) => !person.deceasedOn && ageOn(day(person.birthDate), day('2026-09-01')) >= 6 && ageOn(day(person.birthDate), day('2026-09-01')) <= 14,
    );
    const youngStudents = new Set(inPopulation.map((record) => record.personIdNumber));
    expect(young.filter((person) => youngStudents.has(person.idNumber)).length / young.length).toBeGreaterThan(0.97);
    const outside = new Set(demo.records.filter((record) => !byId.has(record.personIdNumber)).map((record) => record.personIdNumber));
    expect(outside.size).toBe(demo.outsideRegister);
    expect(demo.outsideRegister).toBe(300);
    for (const record of current.filter((r) => !byId.has(r.personIdNumber))) expect(record.identifiedAsDifficult).toBe(true);
    expect(new Set(current.map((record) => record.stage))).toEqual(
      new Set(['PRESCHOOL', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL', 'HIGHER']),
    );
    expect(demo.records.some((record) => record.status === 'CHANGED')).toBe(true);
    expect(demo.records.some((record) => record.status === 'GRADUATED')).toBe(true);
    expect(demo.records.some((record) => record.status === 'LEFT')).toBe(true);
  });

  it('leaves 3–5% of entitled students without assistance this academic year', () => {
    expect(demo.entitled).toBeGreaterThan(1000);
    const share = demo.entitledWithoutAssistance / demo.entitled;
    expect(share).toBeGreaterThanOrEqual(0.03);
    expect(share).toBeLessThanOrEqual(0.05);
    // Recount from the rows: CURRENT students holding an ACTIVE category, with or without counted assistance this year.
    const covered = new Set(
      demo.assistance.filter((given) => given.academicYear === demo.currentAcademicYear && given.status !== 'CANCELLED').map((given) => given.personIdNumber),
    );
    const entitled = demo.records.filter(
      (record) => record.status === 'CURRENT' && byId.get(record.personIdNumber)?.holdings.some((holding) => holding.status === 'ACTIVE'),
    );
    expect(entitled.length).toBe(demo.entitled);
    expect(entitled.filter((record) => !covered.has(record.personIdNumber)).length).toBe(demo.entitledWithoutAssistance);
  });

  it('follows the education rules', () => {
    checkRules(demo, asOf);
    expect(new Set(demo.assistance.map((given) => given.kind))).toEqual(new Set(['GRANT', 'LIVING_ALLOWANCE', 'WORK_STUDY', 'STUDENT_LOAN', 'FEE_WAIVER']));
    expect(new Set(demo.assistance.map((given) => given.status))).toEqual(new Set(['APPROVED', 'PAID', 'CANCELLED']));
  });

  it('follows them on the first days of an academic year too', () => {
    const early = day('2026-09-03');
    const fresh = generateEducationDemo({ persons: 5_000, asOf: early });
    checkRules(fresh, early);
    expect(fresh.assistance.filter((given) => given.academicYear === '2026-2027').every((given) => given.status !== 'PAID')).toBe(true);
    expect(fresh.entitledWithoutAssistance / fresh.entitled).toBeLessThanOrEqual(0.05);
  });

  it('seeds an empty database once', async () => {
    const small = generateEducationDemo({ persons: 2_000, asOf });
    const first = await seedIfEmpty(running.client, running.db, { persons: 2_000, asOf });
    expect(first).toEqual({ seeded: true, records: small.records.length, assistance: small.assistance.length });
    expect(await seedIfEmpty(running.client, running.db, { persons: 2_000, asOf })).toEqual({
      seeded: false,
      records: small.records.length,
      assistance: small.assistance.length,
    });
    const [row] = await running.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "StudentRecord" WHERE status = 'CURRENT' AND "identifiedAsDifficult"`,
    );
    expect(row!.n).toBe(small.records.filter((record) => record.status === 'CURRENT' && record.identifiedAsDifficult).length);
    expect(small.outsideRegister).toBe(30);
  });
});

/** Every record and assistance passes the rules the mutations enforce (as of `asOf`). */
function checkRules(demo: ReturnType<typeof generateEducationDemo>, asOf: Date) {
  const records = new Map(demo.records.map((record) => [record.id, record]));
  const currentByPerson = new Map<string, number>();
  for (const record of demo.records) {
    if (record.status === 'CURRENT') currentByPerson.set(record.personIdNumber, (currentByPerson.get(record.personIdNumber) ?? 0) + 1);
    expect(checkSchoolName(record.schoolName)).toBe(record.schoolName);
    expect(checkSchoolRegionCode(record.schoolRegionCode)).toBe(record.schoolRegionCode);
    checkEnrolment(birthDateOf(record.personIdNumber), record.stage, record.enrolmentYear, asOf);
    expect(record.endedOn === null).toBe(record.status === 'CURRENT');
    if (record.endedOn) expect(record.endedOn <= asOf.toISOString().slice(0, 10) && record.endedOn >= `${record.enrolmentYear}-01-01`).toBe(true);
    expect(record.identifiedOn === null).toBe(!record.identifiedAsDifficult);
    if (record.identifiedOn) checkIdentifiedOn({ enrolmentYear: record.enrolmentYear, endedOn: date(record.endedOn) }, day(record.identifiedOn), asOf);
  }
  expect(Math.max(...currentByPerson.values())).toBe(1);
  const byPerson = new Map<string, typeof demo.assistance>();
  for (const given of demo.assistance) {
    const record = records.get(given.studentRecordId)!;
    expect(given.personIdNumber).toBe(record.personIdNumber);
    const year = academicYearFromLabel(given.academicYear);
    checkKindForStage(given.kind, record.stage);
    checkRecordCoversAcademicYear({ enrolmentYear: record.enrolmentYear, endedOn: date(record.endedOn) }, year);
    expect(checkAmount(given.amount, given.kind, assistanceMax(policy, given.kind, record.schoolRegionCode, year.startYear))).toBe(given.amount);
    if (given.status === 'PAID') checkPaidOn(year, day(given.paidOn!), asOf);
    else if (given.status === 'APPROVED') expect(given.paidOn).toBeNull();
    else expect(given.cancellationReason).toBeTruthy();
    expect(year.startYear).toBeLessThanOrEqual(academicYearOf(asOf).startYear);
    const earlier = byPerson.get(given.personIdNumber) ?? [];
    if (given.status !== 'CANCELLED') checkNotDuplicate(earlier, given);
    byPerson.set(given.personIdNumber, [...earlier, given]);
  }
}
