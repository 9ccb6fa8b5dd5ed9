import { describe, expect, it } from 'vitest';
import { AS_OF, type DemoHousehold, generatePopulation, Random, summarizePopulation } from '../src/demo/population.ts';
import { parseIdNumber } from '../src/id-number.ts';
import { findRegion } from '../src/regions.ts';

const COUNTIES = ['411202', '411203', '411221', '411224', '411281', '411282'];
const take = (households: Iterable<DemoHousehold>, n: number) => {
  const taken: DemoHousehold[] = [];
  for (const household of households) if (taken.push(household) >= n) break;
  return taken;
};

// One population of the default size for every check below (~0.2 s).
const population = [...generatePopulation({ seed: 2024, persons: 20_000 })];
const persons = population.flatMap((household) => household.members.map((person) => ({ household, person })));
const holdings = persons.flatMap(({ household, person }) => person.holdings.map((holding) => ({ household, person, holding })));

describe('Random.uuid', () => {
  it('repeats with the seed, ascends in the order drawn, and leaves the rest of the stream as four draws would', () => {
    const ids = (seed: number) => {
      const rng = new Random(seed);
      return Array.from({ length: 5_000 }, () => rng.uuid());
    };
    const drawn = ids(11);
    expect(ids(11)).toEqual(drawn);
    expect(new Set(drawn).size).toBe(drawn.length);
    expect([...drawn].sort()).toEqual(drawn);
    for (const id of drawn) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids(12)[0]).not.toBe(drawn[0]);

    const [withId, withDraws] = [new Random(5), new Random(5)];
    withId.uuid();
    for (let i = 0; i < 4; i++) withDraws.u32();
    expect(withId.next()).toBe(withDraws.next());
  });
});

describe('generatePopulation', () => {
  it('is deterministic: the same seed gives the same households, another seed others', () => {
    const first = take(generatePopulation({ seed: 7, persons: 5_000 }), 50);
    expect(take(generatePopulation({ seed: 7, persons: 5_000 }), 50)).toEqual(first);
    const other = take(generatePopulation({ seed: 8, persons: 5_000 }), 50);
    expect(other.map((household) => household.id)).not.toEqual(first.map((household) => household.id));
    expect(other[0]!.members[0]!.idNumber).not.toBe(first[0]!.members[0]!.idNumber);
  });

  it('makes exactly the number of persons asked for', () => {
    expect(persons).toHaveLength(20_000);
    expect([...generatePopulation({ persons: 1 })].flatMap((household) => household.members)).toHaveLength(1);
  });

  it('gives valid, unique ID numbers matching sex, birth date and county', () => {
    const asOf = new Date(`${AS_OF}T12:00:00Z`);
    for (const { person } of persons) {
      const parsed = parseIdNumber(person.idNumber, asOf);
      expect(parsed).toMatchObject({ ok: true, sex: person.sex, birthDate: person.birthDate });
      const county = person.regionCode.slice(0, 6);
      // 陕州区 was 陕县 (411222) until 2015; people born before keep that code.
      const allowed = county === '411203' && person.birthDate < '2015' ? [county, '411222'] : [county];
      expect(allowed).toContain(parsed.ok && parsed.areaCode);
    }
    expect(new Set(persons.map(({ person }) => person.idNumber)).size).toBe(persons.length);
    expect(persons.some(({ person }) => person.idNumber.startsWith('411222'))).toBe(true);
  });

  it('puts exactly one head, first, in every household, with plausible ages', () => {
    const age = (birthDate: string) => Number(AS_OF.slice(0, 4)) - Number(birthDate.slice(0, 4));
    for (const household of population) {
      expect(household.members.filter((member) => member.relationshipToHead === 'HEAD')).toHaveLength(1);
      expect(household.members[0]!.relationshipToHead).toBe('HEAD');
      const head = household.members[0]!;
      for (const member of household.members) {
        if (member.relationshipToHead === 'CHILD') expect(age(head.birthDate) - age(member.birthDate)).toBeGreaterThanOrEqual(18);
        if (member.relationshipToHead === 'PARENT') expect(age(member.birthDate)).toBeGreaterThan(age(head.birthDate));
        if (member.relationshipToHead === 'SPOUSE') expect(Math.abs(age(member.birthDate) - age(head.birthDate))).toBeLessThanOrEqual(8);
      }
    }
    const sizes = population.map((household) => household.members.length);
    expect(sizes.filter((size) => size <= 2).length / sizes.length).toBeGreaterThan(0.5);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(6);
  });

  it('places every household in a real village or community of one of the six counties', () => {
    for (const { household, person } of persons) {
      expect(findRegion(household.regionCode)?.level).toBe('VILLAGE');
      expect(COUNTIES).toContain(household.regionCode.slice(0, 6));
      expect(person.regionCode).toBe(household.regionCode);
      expect(person.hukouType).toBe(household.hukouType);
    }
    const byCounty = summarizePopulation(population).byCounty;
    expect(Object.keys(byCounty).sort()).toEqual(COUNTIES);
    expect(byCounty['411282']!).toBeGreaterThan(byCounty['411202']!); // 灵宝 rural and large, 湖滨 urban
  });

  it('hits the category shares by persons', () => {
    const { byCategory } = summarizePopulation(population);
    const targets = { SUBSISTENCE_ALLOWANCE: 0.6, EXTREME_POVERTY: 0.07, NEAR_SUBSISTENCE: 0.09, RELAPSE_MONITORING: 0.05 };
    for (const [category, target] of Object.entries(targets)) {
      expect(Math.abs(byCategory[category as keyof typeof targets].share - target)).toBeLessThan(0.015);
    }
    const other = byCategory.ESSENTIAL_EXPENDITURE_HARDSHIP.share + byCategory.OTHER_HARDSHIP.share;
    expect(Math.abs(other - 0.19)).toBeLessThan(0.015);
  });

  it('never gives dibao and extreme poverty to the same person', () => {
    for (const { person } of persons) {
      const categories = person.holdings.map((holding) => holding.category);
      expect(categories.includes('SUBSISTENCE_ALLOWANCE') && categories.includes('EXTREME_POVERTY')).toBe(false);
      expect(new Set(categories).size).toBe(categories.length);
    }
  });

  it('monitors relapse in rural households only, with a subtype, recognised by agriculture', () => {
    const relapse = holdings.filter(({ holding }) => holding.category === 'RELAPSE_MONITORING');
    expect(relapse.length).toBeGreaterThan(0);
    for (const { person, holding } of relapse) {
      expect(person.hukouType).toBe('RURAL');
      expect(['UNSTABLE_LIFTED_OUT', 'MARGINAL_AT_RISK', 'SUDDEN_SEVERE_HARDSHIP']).toContain(holding.subtype);
      expect(holding.recognizedBy).toMatch(/农业农村局$/);
    }
  });

  it('keeps holdings, their history and deaths consistent', () => {
    for (const { person, holding } of holdings) {
      const last = holding.events.at(-1)!;
      expect(holding.events[0]).toMatchObject({ action: 'GRANTED', fromStatus: null, toStatus: 'ACTIVE', actor: 'demo-seed' });
      expect(last.toStatus).toBe(holding.status);
      expect(holding.events.map((event) => event.at)).toEqual(holding.events.map((event) => event.at).sort());
      expect(holding.validTo !== null).toBe(holding.status === 'ENDED');
      expect(holding.validFrom >= '2019-01-01' && holding.validFrom <= AS_OF).toBe(true);
      expect(holding.validFrom >= person.birthDate).toBe(true);
      if (holding.validTo) expect(holding.validTo >= holding.validFrom).toBe(true);
      if (person.deceasedOn) expect(holding).toMatchObject({ status: 'ENDED', validTo: person.deceasedOn });
      expect(holding.subtype !== null).toBe(holding.category === 'EXTREME_POVERTY' || holding.category === 'RELAPSE_MONITORING');
    }
    const { holdingsByStatus, holdings: total, deceased, withPhone } = summarizePopulation(population);
    expect(holdingsByStatus.SUSPENDED / total).toBeCloseTo(0.03, 1);
    expect(holdingsByStatus.ENDED / total).toBeCloseTo(0.05, 1);
    expect(deceased / persons.length).toBeCloseTo(0.005, 2);
    expect(withPhone / persons.length).toBeCloseTo(0.05, 1);
  });

  it('gives extreme poverty to people living alone, mostly supported at home', () => {
    const poor = holdings.filter(({ holding }) => holding.category === 'EXTREME_POVERTY');
    for (const { household } of poor) expect(household.members).toHaveLength(1);
    const centralized = poor.filter(({ holding }) => holding.subtype === 'CENTRALIZED').length / poor.length;
    expect(centralized).toBeGreaterThan(0.1);
    expect(centralized).toBeLessThan(0.2);
  });

  it('writes money as 2-decimal strings and phones as 11-digit mobiles', () => {
    for (const household of population) {
      expect(household.monthlyIncome).toMatch(/^\d+\.\d{2}$/);
      expect(household.financialAssets).toMatch(/^\d+\.\d{2}$/);
    }
    for (const { person } of persons) if (person.phone) expect(person.phone).toMatch(/^1[3-9]\d{9}$/);
    // Dibao households stay under about 600 yuan per person a month.
    for (const household of population) {
      if (household.members[0]!.holdings.some((holding) => holding.category === 'SUBSISTENCE_ALLOWANCE')) {
        expect(Number(household.monthlyIncome) / household.members.length).toBeLessThan(600);
      }
    }
  });
});
