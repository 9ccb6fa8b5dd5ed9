// 变化信号 for monitoring (shared/src/signal-changes.ts): a person's register facts, so monitoring
// re-evaluates a person when a death is recorded, a holding starts or ends, or the household's
// income or members change, reading only what changed (never a scan of the register).

import { withinRegion } from '@lip/shared/scopes';
import { addSignalsField } from '@lip/shared/signal-changes';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { perCapitaIncome } from '../domain/household.ts';

addSignalsField<Context>(builder, {
  field: 'civilAffairsSignalsSince',
  typeName: 'CivilAffairsSignal',
  description:
    'REGISTER: a person’s register facts (低收入人口库). status DECEASED or LIVING; kind the categories held ACTIVE, comma-separated in ' +
    'order, then, after a semicolon, those held before and ended (no semicolon when none); level the number held ACTIVE; amount the household’s per-capita monthly income; occurredOn the day of death (null while living); ' +
    'regionCode the person’s region; reference the household’s id (empty when none).',
  signalsOf: async (ctx, idNumbers) => {
    const persons = await ctx.prisma.person.findMany({
      where: { idNumber: { in: [...idNumbers] }, ...withinRegion(ctx.identity, 'regionCode') },
      select: {
        idNumber: true,
        regionCode: true,
        deceasedOn: true,
        householdId: true,
        holdings: { select: { category: true, status: true } },
        household: { select: { monthlyIncome: true, _count: { select: { members: true } } } },
      },
    });
    return persons.map((person) => {
      const categories = [...new Set(person.holdings.filter((holding) => holding.status === 'ACTIVE').map((holding) => holding.category))].sort();
      // Monitoring keeps a copy of these facts; a rule may ask whether someone ever held a category (a death).
      const ended = [...new Set(person.holdings.map((holding) => holding.category))].filter((category) => !categories.includes(category)).sort();
      return {
        personIdNumber: person.idNumber,
        source: 'REGISTER',
        status: person.deceasedOn ? 'DECEASED' : 'LIVING',
        kind: ended.length ? `${categories.join(',')};${ended.join(',')}` : categories.join(','),
        level: categories.length,
        amount: person.household ? perCapitaIncome(Number(person.household.monthlyIncome), person.household._count.members).toFixed(2) : '0.00',
        occurredOn: person.deceasedOn,
        regionCode: person.regionCode,
        reference: person.householdId ?? '',
      };
    });
  },
});
