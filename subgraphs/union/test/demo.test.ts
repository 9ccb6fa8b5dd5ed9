// The demo data: deterministic, consistent with the union's rules, and shaped as promised
// (coverage gaps of 3–5% among entitled persons, some files outside the register).

import { ageOn, formatDate } from '@lip/shared/calendar';
import { generatePopulation } from '@lip/shared/demo/population';
import { type RunningSubgraph, startSubgraph } from '@lip/shared/subgraph';
import { day, openTestDatabase, postAs, TEST_IDENTITIES } from '@lip/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateUnionDemo } from '../src/demo/generate.ts';
import { seedIfEmpty } from '../src/demo/seed.ts';
import { parseCreditCode } from '../src/domain/credit-code.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { union } from '../src/subgraph.ts';

const asOf = day('2026-11-29');
const demo = generateUnionDemo({ asOf });
const population = [...generatePopulation()].flatMap((household) => household.members);
const byId = new Map(population.map((person) => [person.idNumber, person]));

describe('union demo data', () => {
  it('is deterministic for a seed, size and date', () => {
    expect(generateUnionDemo({ asOf })).toEqual(demo);
    expect(generateUnionDemo({ asOf, seed: 7 }).files).not.toEqual(demo.files);
  });

  it('files a few percent of working-age persons and some outside the register', () => {
    const filed = new Set(demo.files.map((file) => file.personIdNumber));
    const working = population.filter(
      (person) => !person.deceasedOn && ageOn(day(person.birthDate), day('2024-12-31')) >= 18 && ageOn(day(person.birthDate), day('2024-12-31')) <= 60,
    );
    const share = [...filed].filter((id) => byId.has(id)).length / working.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.08);
    const outside = [...filed].filter((id) => !byId.has(id));
    expect(outside.length).toBe(demo.outsideRegister);
    expect(outside.length).toBeGreaterThanOrEqual(3);
  });

  it('leaves 3–5% of entitled persons without assistance this year', () => {
    expect(demo.entitled).toBeGreaterThan(100);
    const share = demo.entitledWithoutAssistance / demo.entitled;
    expect(share).toBeGreaterThanOrEqual(0.03);
    expect(share).toBeLessThanOrEqual(0.05);
  });

  it('follows the union’s rules', () => {
    const files = new Map(demo.files.map((file) => [file.id, file]));
    const byPerson = new Map<string, typeof demo.files>();
    for (const file of demo.files) byPerson.set(file.personIdNumber, [...(byPerson.get(file.personIdNumber) ?? []), file]);
    for (const [idNumber, list] of byPerson) {
      expect(list.filter((file) => file.status === 'OPEN').length).toBeLessThanOrEqual(1);
      const sorted = [...list].sort((a, b) => a.filedOn.localeCompare(b.filedOn));
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.filedOn > sorted[i - 1]!.closedOn!).toBe(true);
      const person = byId.get(idNumber);
      if (person) expect(person.deceasedOn).toBeNull();
    }
    for (const file of demo.files) {
      const birth = day(`${file.personIdNumber.slice(6, 10)}-${file.personIdNumber.slice(10, 12)}-${file.personIdNumber.slice(12, 14)}`);
      const age = ageOn(birth, day(file.filedOn));
      expect(age, file.personIdNumber).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(60);
      expect(file.filedOn <= formatDate(asOf)).toBe(true);
      if (file.employerCreditCode) expect(parseCreditCode(file.employerCreditCode).ok).toBe(true);
      if (file.reason === 'OTHER') expect(file.reasonDetail).toBeTruthy();
      if (file.status === 'CLOSED') {
        expect(file.closedOn! >= file.filedOn && file.closedOn! <= formatDate(asOf)).toBe(true);
        expect(file.closingReason).toBeTruthy();
      }
      if (file.reviewedOn) expect(file.reviewedOn >= file.filedOn && file.reviewedOn <= (file.closedOn ?? formatDate(asOf))).toBe(true);
    }
    for (const record of demo.assistance) {
      const file = files.get(record.fileId)!;
      expect(record.personIdNumber).toBe(file.personIdNumber);
      expect(record.grantedOn >= file.filedOn && record.grantedOn <= (file.closedOn ?? formatDate(asOf))).toBe(true);
      expect(Number(record.amount)).toBeGreaterThan(0);
    }
    const kinds = new Set(demo.assistance.map((record) => record.kind));
    expect([...kinds].sort()).toEqual(['EDUCATION', 'LIVING', 'MEDICAL', 'SEASONAL_VISIT']);
    expect(demo.assistance.some((record) => record.cancelledAt)).toBe(true);
  });
});

describe('seeding', () => {
  let running: RunningSubgraph<PrismaClient>;
  beforeAll(async () => {
    running = await startSubgraph(union, { db: await openTestDatabase('union') });
  });
  afterAll(() => running?.close());

  it('seeds an empty database once, with amounts within the policy maxima', async () => {
    const first = await seedIfEmpty(running.client, running.db);
    const current = generateUnionDemo();
    expect(first).toEqual({ seeded: true, files: current.files.length, assistance: current.assistance.length });
    expect(await seedIfEmpty(running.client, running.db)).toEqual({ seeded: false, files: current.files.length, assistance: current.assistance.length });
    // Years before the policy table are held to its first year's maxima.
    const [row] = await running.db.sql.query<{ n: number }>(`
      SELECT count(*)::int AS n FROM "UnionAssistance" a JOIN "DifficultWorkerFile" f ON f.id = a."fileId"
      WHERE a.amount > COALESCE(
        (SELECT value FROM "PolicyParameter" p WHERE p.name = 'ASSISTANCE_MAX_' || a.kind AND p."regionCode" = f."countyCode"
           AND p.year = GREATEST(LEAST(EXTRACT(YEAR FROM a."grantedOn")::int, 2026), 2024)),
        (SELECT value FROM "PolicyParameter" p WHERE p.name = 'ASSISTANCE_MAX_' || a.kind AND p."regionCode" = '411200'
           AND p.year = GREATEST(LEAST(EXTRACT(YEAR FROM a."grantedOn")::int, 2026), 2024)))`);
    expect(row!.n).toBe(0);
  });

  it('gives entitled persons ENTITLED_COVERED, and 3–5% ENTITLED_MISSING', async () => {
    const seeded = generateUnionDemo(); // what seedIfEmpty wrote (dated today)
    const open = seeded.files.filter((file) => file.status === 'OPEN' && byId.get(file.personIdNumber)?.holdings.some((h) => h.status === 'ACTIVE'));
    const representations = open.map((file) => {
      const person = byId.get(file.personIdNumber)!;
      const activeCategories = [...new Set(person.holdings.filter((h) => h.status === 'ACTIVE').map((h) => h.category))];
      return { __typename: 'Person', idNumber: person.idNumber, activeCategories, hukouType: person.hukouType, extremePovertySupport: null };
    });
    const { data } = (await postAs(
      TEST_IDENTITIES.admin,
      running.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { unionEntitlements { status } } } }`,
      { r: representations },
      { direct: true },
    )) as { data: { _entities: { unionEntitlements: { status: string }[] }[] } };
    const statuses = data._entities.map((entity) => entity.unionEntitlements[0]!.status);
    expect(statuses).not.toContain('NOT_ENTITLED');
    const missing = statuses.filter((status) => status === 'ENTITLED_MISSING').length / statuses.length;
    expect(missing).toBeGreaterThanOrEqual(0.03);
    expect(missing).toBeLessThanOrEqual(0.05);
    expect(statuses.length).toBe(seeded.entitled);
  });
});
