// Demo feed rows for every source, derived from the civil-affairs demo population (the same
// generator, seed and size give the same persons), so the demo city starts with believable alerts.
// Deterministic for a seed, size and `asOf`; events are dated in the 60 days before asOf.
// Shape: among living low-income persons, a few percent registered unemployed (working age),
// seriously ill, severely disabled, hit by a disaster, paid late; relapse-monitoring households
// with their income around the subsistence line; subsistence households' vehicles, businesses and
// second dwellings from the register's own counts; a few deaths and moves; and some illness and
// unemployment among persons outside the register's categories.
import { addDays, ageOn, dateOf, formatDate } from '@lip/shared/calendar';
import { type DemoPerson, generatePopulation, Random } from '@lip/shared/demo/population';
import type { Feed, FeedRowInput } from '../domain/feeds.ts';

export interface DemoFeedOptions {
  seed: number;
  persons: number;
  asOf: Date;
}

/** Every demo row, by feed. */
export function generateFeedDemo({ seed, persons, asOf }: DemoFeedOptions): Map<Feed, FeedRowInput[]> {
  const rng = new Random(seed ^ 0x6d6f6e);
  const rows = new Map<Feed, FeedRowInput[]>();
  const add = (feed: Feed, row: Omit<FeedRowInput, 'occurredOn'> & { occurredOn?: string }) => {
    const list = rows.get(feed) ?? [];
    list.push({ occurredOn: formatDate(addDays(asOf, -rng.int(1, 60))), ...row });
    rows.set(feed, list);
  };
  for (const household of generatePopulation({ seed, persons })) {
    const members = household.members.filter((member) => member.deceasedOn === null);
    const held = (member: DemoPerson) => member.holdings.filter((holding) => holding.status === 'ACTIVE').map((holding) => holding.category);
    const dibao = members.some((member) => held(member).includes('SUBSISTENCE_ALLOWANCE'));
    const relapse = members.some((member) => held(member).includes('RELAPSE_MONITORING'));
    const head = members[0];
    if (head && dibao) {
      if (household.vehicleCount > 0 || rng.chance(0.01))
        add('VEHICLE', {
          idNumber: head.idNumber,
          status: 'REGISTERED',
          kind: rng.pick(['CAR', 'MOTORCYCLE', 'AGRICULTURAL'] as const),
          amount: String(rng.int(8, 90) * 1000),
        });
      if (rng.chance(0.01))
        add('BUSINESS', {
          idNumber: head.idNumber,
          status: 'ACTIVE',
          amount: String(rng.int(1, 20) * 10000),
          reference: `9141120${String(rng.int(0, 99999999999)).padStart(11, '0')}`,
        });
      if (household.realEstateCount > 1 || rng.chance(0.005))
        add('REAL_ESTATE', {
          idNumber: head.idNumber,
          status: 'REGISTERED',
          level: String(Math.max(2, household.realEstateCount)),
          amount: String(rng.int(50, 140)),
        });
      if (rng.chance(0.01))
        add('PAYMENT_LATE', { idNumber: head.idNumber, status: 'LATE', amount: String(rng.int(300, 700)), reference: `PAY-${rng.int(100000, 999999)}` });
    }
    if (head && relapse)
      add('RELAPSE_STATUS', { idNumber: head.idNumber, status: rng.chance(0.8) ? 'MONITORED' : 'RISK_ELIMINATED', amount: String(rng.int(400, 1100)) });
    if (head && rng.chance(0.005)) add('HOUSEHOLD_CHANGE', { idNumber: head.idNumber, kind: 'MOVED_OUT' });
    const disaster = rng.chance(0.01);
    for (const member of members) {
      const categories = held(member);
      const age = ageOn(dateOf(member.birthDate), asOf);
      const lowIncome = categories.length > 0;
      if (disaster)
        add('DISASTER', {
          idNumber: member.idNumber,
          status: 'AFFECTED',
          kind: rng.pick(['FLOOD', 'STORM', 'GEOLOGICAL'] as const),
          level: String(rng.int(1, 3)),
        });
      if (age >= 18 && age < 60 && rng.chance(lowIncome ? 0.04 : 0.002))
        add('UNEMPLOYMENT', { idNumber: member.idNumber, status: 'REGISTERED', reference: `SY${rng.int(100000, 999999)}` });
      if (rng.chance(lowIncome ? 0.015 : 0.003))
        add('SERIOUS_ILLNESS', { idNumber: member.idNumber, status: 'DIAGNOSED', kind: rng.pick(['C34', 'C16', 'I63', 'N18', 'C50'] as const) });
      if (rng.chance(0.02))
        add('SEVERE_DISABILITY', {
          idNumber: member.idNumber,
          status: 'CERTIFIED',
          kind: rng.pick(['PHYSICAL', 'VISUAL', 'INTELLECTUAL', 'MENTAL'] as const),
          level: String(rng.int(1, 4)),
        });
      if (lowIncome && rng.chance(0.003)) add('DEATH', { idNumber: member.idNumber, reference: `ZX${rng.int(100000, 999999)}` });
    }
  }
  return rows;
}
