// Issue 14: the calendar was copied into five subgraphs with two meanings of "today" (UTC midnight
// in some, China's date in others). Dates come from @lip/shared/calendar; this keeps copies out.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const COPY =
  /(?:\bfunction\s+(today|ageOn|addMonths|addDays|formatDate|iso|isoDate)\s*\(|\b(?:const|let)\s+(today|ageOn|addMonths|addDays|formatDate|iso|isoDate)\s*=\s*\()/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' || entry.name === 'node_modules' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('one calendar', () => {
  const roots = [...readdirSync(path.join(ROOT, 'subgraphs')).map((name) => path.join(ROOT, 'subgraphs', name)), path.join(ROOT, 'gateway/src')];
  const files = roots.flatMap(sources);

  it('reads the subgraphs and the gateway', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('no subgraph or gateway file defines its own today, ageOn, addMonths, addDays or date formatter', () => {
    const copies = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, where: `${path.relative(ROOT, file)}:${index + 1}` }))
        .filter(({ line }) => COPY.test(line))
        .map(({ where, line }) => `${where}: ${line.trim()}`),
    );
    expect(copies).toEqual([]);
  });

  it('the rule catches a copy', () => {
    expect(COPY.test('export const today = (now = new Date()) => now;')).toBe(true);
    expect(COPY.test('export function ageOn(birth: Date, on: Date) {')).toBe(true);
    expect(COPY.test('const today = Math.floor(asOf.getTime() / DAY_MS);')).toBe(false);
  });
});
