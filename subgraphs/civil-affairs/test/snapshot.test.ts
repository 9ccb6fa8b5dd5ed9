import { codeOf } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import { parseMonth, snapshotMonth, trendMonths } from '../src/domain/snapshot.ts';

// 2026-11-30 20:00 UTC is already 1 December in China.
const lateNovemberUtc = new Date('2026-11-30T20:00:00Z');

describe('monthly snapshot months', () => {
  it('parses YYYY-MM and rejects anything else', () => {
    expect(parseMonth('2026-02').toISOString()).toBe('2026-02-01T00:00:00.000Z');
    for (const bad of ['2026-13', '2026-00', '2026-2', '26-02', '2026-02-01', ''])
      expect(
        codeOf(() => parseMonth(bad)),
        bad,
      ).toMatchObject({ code: 'INVALID_INPUT', field: 'month' });
  });

  it('takes this month in China by default, past months, never a future one', () => {
    expect(snapshotMonth(undefined, lateNovemberUtc)).toMatchObject({ month: '2026-12', current: true });
    expect(snapshotMonth('2026-02', lateNovemberUtc)).toEqual({ month: '2026-02', end: new Date('2026-02-28T00:00:00Z'), current: false });
    expect(snapshotMonth('2024-02', lateNovemberUtc).end).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(codeOf(() => snapshotMonth('2027-01', lateNovemberUtc))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('lists the last months oldest first, across a year end', () => {
    expect(trendMonths(3, lateNovemberUtc)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(trendMonths(12, new Date('2026-03-15T00:00:00Z'))).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    for (const bad of [0, 37, 1.5])
      expect(
        codeOf(() => trendMonths(bad)),
        String(bad),
      ).toMatchObject({ code: 'INVALID_INPUT', field: 'months' });
  });
});
