import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DateScalar, IdNumberScalar, MoneyScalar, parseDate } from '../src/scalars.ts';

const extensionsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: unknown }).extensions;
  }
  return undefined;
};

describe('scalars', () => {
  it('IdNumber normalises valid input and names what is wrong otherwise', () => {
    expect(IdNumberScalar.parseValue('11010519491231002x')).toBe('11010519491231002X');
    expect(extensionsOf(() => IdNumberScalar.parseValue('110105194912310021'))).toEqual({ code: 'INVALID_ID_NUMBER', reason: 'CHECK_CHARACTER' });
    expect(extensionsOf(() => IdNumberScalar.parseLiteral({ kind: Kind.INT, value: '1' }, {}))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('Date takes real calendar dates only', () => {
    expect(parseDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseDate('2023-02-29')).toBeUndefined();
    expect(extensionsOf(() => DateScalar.parseValue('2024-13-01'))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(DateScalar.serialize(new Date('2024-05-06T00:00:00Z'))).toBe('2024-05-06');
  });

  it('Money keeps two decimals and refuses anything else', () => {
    expect(MoneyScalar.parseValue(12.5)).toBe('12.5');
    expect(MoneyScalar.serialize('7')).toBe('7.00');
    expect(extensionsOf(() => MoneyScalar.parseValue('1.234'))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(extensionsOf(() => MoneyScalar.parseValue('abc'))).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
