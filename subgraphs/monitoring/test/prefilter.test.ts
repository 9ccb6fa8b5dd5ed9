// The run's SQL prefilter against CEL: for every shipped rule and many persons, the prefilter
// never leaves out a person the rule fires for, and it does leave out persons (or it would be useless).

import { dateOf } from '@lip/shared/calendar';
import { makeIdNumber } from '@lip/shared/id-number';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluatePerson, type RuleRow, type SignalRow } from '../src/domain/evaluate.ts';
import { FEEDS, type FeedState } from '../src/domain/feeds.ts';
import { prefilterSql } from '../src/domain/prefilter.ts';
import type { PersonFacts } from '../src/domain/rules.ts';
import { loadRules } from '../src/engine/run.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { openMigratedDatabase } from './database.ts';

let prisma: PrismaClient;
let close: () => Promise<void>;
let rules: RuleRow[];
beforeAll(async () => {
  ({ prisma, close } = await openMigratedDatabase());
  rules = await loadRules(prisma);
});
afterAll(() => close?.());

const ON = dateOf('2025-06-16');
const ID = makeIdNumber({ areaCode: '411202', birthDate: '1980-01-01', sequence: 1 });
const CATEGORY_SETS = [[], ['SUBSISTENCE_ALLOWANCE'], ['NEAR_SUBSISTENCE'], ['EXTREME_POVERTY'], ['ESSENTIAL_EXPENDITURE_HARDSHIP'], ['RELAPSE_MONITORING']];
const STATUSES = [
  ...new Set(Object.values(FEEDS).flatMap((feed) => (feed.columns as Record<string, { values?: readonly string[] }>).status?.values ?? [])),
  ...['OPEN', 'CLOSED', 'CLAIMED', 'UNSAFE', 'ADDRESSED', 'LATE', 'PAID', 'CHANGED', ''],
];

interface Case {
  person: PersonFacts | null;
  signals: SignalRow[];
}

function cases(rule: RuleRow): Case[] {
  const persons: (PersonFacts | null)[] = [null];
  for (const categories of CATEGORY_SETS)
    for (const deceased of [false, true])
      for (const everHeld of [categories, ['SUBSISTENCE_ALLOWANCE']])
        persons.push({ inRegister: true, regionCode: '411202001001', householdId: 'h', categories, everHeld, deceased, perCapitaIncome: 300 });
  const all: Case[] = [];
  for (const person of persons)
    for (const source of rule.sources)
      for (const status of STATUSES)
        for (const [level, amount] of [
          [1, 0],
          [5, 1e7],
        ]) {
          const state: FeedState = { occurredOn: '2025-06-01', status, kind: '', level: level!, amount: amount!, regionCode: '411202', reference: 'r' };
          all.push({ person, signals: [{ source, state, previous: null, evidenceId: `feed:${source}`, observedOn: ON }] });
        }
  return all;
}

it('never leaves out a person a shipped rule fires for, and leaves out some', async () => {
  let left = 0;
  let fired = 0;
  for (const rule of rules) {
    const all = cases(rule);
    const sql = prefilterSql(rule);
    const rows = await prisma.$queryRawUnsafe<{ i: number; ok: boolean }[]>(
      `SELECT c.i, (${sql}) AS ok
       FROM jsonb_to_recordset($1::jsonb) AS c(i int, f jsonb, "inRegister" boolean, categories text[], "everHeld" text[], deceased boolean)
       LEFT JOIN LATERAL (SELECT c.i AS "idNumber", c.categories, c."everHeld", c.deceased WHERE c."inRegister") r ON true
       ORDER BY c.i`,
      JSON.stringify(
        all.map((test, i) => ({
          i,
          f: Object.fromEntries(test.signals.map((signal) => [signal.source, signal.state])),
          inRegister: test.person !== null,
          categories: test.person?.categories ?? [],
          everHeld: test.person?.everHeld ?? [],
          deceased: test.person?.deceased ?? false,
        })),
      ),
    );
    for (const [i, test] of all.entries()) {
      const view = test.person ? { facts: test.person, entitlements: {}, departmentsAnswered: [] } : undefined;
      const [outcome] = evaluatePerson({ idNumber: ID, view, signals: test.signals }, {}, [rule], new Set(), ON);
      if (outcome!.decision === 'RAISE') {
        fired++;
        expect([rule.code, i, rows[i]!.ok]).toEqual([rule.code, i, true]);
      }
      if (!rows[i]!.ok) left++;
    }
  }
  expect(fired).toBeGreaterThan(100);
  expect(left).toBeGreaterThan(1000);
});

it('translates what it knows and keeps a rule’s sources whatever the expression', () => {
  const rule = (expression: string) => prefilterSql({ expression, sources: ['UNEMPLOYMENT'] });
  expect(rule('"SUBSISTENCE_ALLOWANCE" in person.categories && has(feed.UNEMPLOYMENT) && feed.UNEMPLOYMENT.status == "REGISTERED"')).toBe(
    `((f ?| ARRAY['UNEMPLOYMENT']::text[]) AND (((coalesce(r."categories", '{}'::text[]) @> ARRAY['SUBSISTENCE_ALLOWANCE']::text[]) AND (f ? 'UNEMPLOYMENT')) AND coalesce((f -> 'UNEMPLOYMENT' ->> 'status') = 'REGISTERED', false)))`,
  );
  // Under `!` only an exact part; a comparison with a parameter is left to CEL.
  expect(rule('!(person.deceased && feed.UNEMPLOYMENT.amount > params.x) && size(person.categories) > 0')).toBe(
    `((f ?| ARRAY['UNEMPLOYMENT']::text[]) AND (cardinality(coalesce(r."categories", '{}'::text[])) > 0))`,
  );
  expect(rule('feed.UNEMPLOYMENT.amount > params.x')).toBe(`(f ?| ARRAY['UNEMPLOYMENT']::text[])`);
});
