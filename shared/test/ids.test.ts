import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from '../src/ids.ts';

describe('timeOrderedUuid', () => {
  it('makes version 7 UUIDs that ascend in the order made, within a millisecond too', () => {
    const ids = Array.from({ length: 20_000 }, () => timeOrderedUuid());
    expect(ids.filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toEqual([]);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the time in its first 48 bits, and moves on a millisecond when 4,096 are made in one', () => {
    // Ahead of any id made so far: they never go back in time.
    const at = Date.now() + 86_400_000;
    const first = timeOrderedUuid(at);
    expect(Number.parseInt(first.slice(0, 8) + first.slice(9, 13), 16)).toBe(at);
    const same = Array.from({ length: 5_000 }, () => timeOrderedUuid(at));
    expect([first, ...same].sort()).toEqual([first, ...same]);
    const last = same.at(-1)!;
    expect(Number.parseInt(last.slice(0, 8) + last.slice(9, 13), 16)).toBe(at + 1);
  });
});
