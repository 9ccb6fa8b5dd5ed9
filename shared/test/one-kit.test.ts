// Issue 14: helpers were copied from subgraph to subgraph and had started to differ (five `today`s
// with two meanings, four Person references, six policy-parameter types, by-id loaders, totalCount
// fields). Each now lives once in @lip/shared; these rules keep new copies out of the subgraphs and
// the gateway. A rule names what to use instead.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Rule {
  use: string;
  copy: RegExp;
  /** A line the rule must catch and one it must let through. */
  caught: string;
  allowed: string;
}

const RULES: Rule[] = [
  {
    use: '@lip/shared/calendar (today, ageOn, addMonths, addDays, formatDate)',
    copy: /(?:\bfunction\s+(today|ageOn|addMonths|addDays|formatDate|iso|isoDate)\s*\(|\b(?:const|let)\s+(today|ageOn|addMonths|addDays|formatDate|iso|isoDate)\s*=\s*\()/,
    caught: 'export const today = (now = new Date()) => now;',
    allowed: 'const today = Math.floor(asOf.getTime() / DAY_MS);',
  },
  {
    use: '@lip/shared/person-extension (externalPerson, extendPerson with the register facts)',
    copy: /\bexternalRef\s*\(\s*['"]Person['"]|\bexternalFields\s*:/,
    caught: "export const PersonRef = builder.externalRef('Person', builder.selection('idNumber'));",
    allowed: "const AlertRef = builder.externalRef('Alert', builder.selection('id'));",
  },
  {
    use: '@lip/shared/policy (addPolicyParameters, policyCache)',
    copy: /prismaObject\(\s*'PolicyParameter'|\bpolicy\s*\?\?=/,
    caught: "builder.prismaObject('PolicyParameter', {",
    allowed: 'policy: policyCache(prisma.policyParameter),',
  },
  {
    use: '@lip/shared/lists (totalCountOptions)',
    copy: /pothosPrismaTotalCount/,
    caught: '          extensions: { pothosPrismaTotalCount: true },',
    allowed: "totalCount: t.int(totalCountOptions('总数')),",
  },
  {
    use: '@lip/shared/loaders (rowLoader, groupLoader)',
    copy: /\bnew DataLoader\(\s*async\s*\(\s*\w+\s*\)\s*=>/,
    caught: '    recordById: new DataLoader(async (ids) => {',
    allowed: '    recordById: rowLoader((ids) => prisma.studentRecord.findMany({ where: { id: { in: ids } } })),',
  },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' || entry.name === 'node_modules' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('one kit', () => {
  const roots = [...readdirSync(path.join(ROOT, 'subgraphs')).map((name) => path.join(ROOT, 'subgraphs', name)), path.join(ROOT, 'gateway/src')];
  const files = roots.flatMap(sources);
  const lines = files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, index) => ({ line, where: `${path.relative(ROOT, file)}:${index + 1}` })),
  );

  it('reads the subgraphs and the gateway', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(RULES)('no subgraph or gateway file copies what $use gives', ({ copy }) => {
    expect(lines.filter(({ line }) => copy.test(line)).map(({ where, line }) => `${where}: ${line.trim()}`)).toEqual([]);
  });

  it.each(RULES)('the rule for $use catches a copy', ({ copy, caught, allowed }) => {
    expect([copy.test(caught), copy.test(allowed)]).toEqual([true, false]);
  });
});
