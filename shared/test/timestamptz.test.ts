import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { readTimestamptz } from '../src/database.ts';

const nodePostgres = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (text: string) => Date | number;
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

describe('readTimestamptz', () => {
  it('reads every shape the server prints for a timestamptz as node-postgres does', () => {
    const fractions = ['', '.5', '.25', '.123', '.287', '.0145', '.999999', '.000001', '.123456'];
    const zones = ['+00', '+08', '-03', '+14', '-12', '+05:30', '-09:30', '+05:45'];
    let checked = 0;
    for (const year of [1000, 1899, 1900, 1969, 1970, 2000, 2024, 2100, 9999]) {
      for (let i = 0; i < 24; i += 1) {
        const text = `${year}-${pad(1 + ((i * 5) % 12))}-${pad(1 + ((i * 7) % 28))} ${pad((i * 5) % 24)}:${pad((i * 13) % 60)}:${pad((i * 31) % 60)}${fractions[i % fractions.length]}${zones[i % zones.length]}`;
        const read = readTimestamptz(text);
        expect(read, text).toBeInstanceOf(Date);
        expect(read!.getTime(), text).toBe((nodePostgres(text) as Date).getTime());
        checked += 1;
      }
    }
    expect(checked).toBe(216);
    expect(readTimestamptz('2024-03-01 00:00:00+00')!.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(readTimestamptz('2024-03-01 08:30:00.5+08:30')!.toISOString()).toBe('2024-03-01T00:00:00.500Z');
  });

  it('leaves every other text to node-postgres', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '0099-01-01 00:00:00+00',
      '0999-12-31 23:59:59+00',
      '2000-01-01 00:00:00+00 BC',
      '1900-01-01 00:00:00+08:05:43',
      '2024-01-01 00:00:00.+00',
      '2024-01-01 00:00:00',
      '2024-01-01T00:00:00Z',
      '12024-01-01 00:00:00+00',
      '2024-1-01 00:00:00+00',
      '2024-01-01 00:00:00+0',
      '2024-01-01 00:00:00+00:3',
      '',
    ]) {
      expect(readTimestamptz(text), text).toBeUndefined();
    }
  });
});
