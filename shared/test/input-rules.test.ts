// The input rules every service shares: text in code points without control characters, date
// windows, request ids, bounded metrics labels, and what the log may say about an unexpected error.
import { describe, expect, it } from 'vitest';
import { checkDateWindow, DATE_WINDOWS } from '../src/dates.ts';
import { asDomainError, errorCodeOf } from '../src/errors.ts';
import { requestIdOf } from '../src/http.ts';
import { checkYear, yearRange } from '../src/lists.ts';
import { describeUnexpected, metricsLabel, operationLabel } from '../src/observability.ts';
import { codeOf, day } from '../src/testing.ts';
import { checkText, findBadString, unsafeText } from '../src/text.ts';
import { databaseRefusal, isRetryable, isUniqueViolation } from '../src/writes.ts';

describe('year filters', () => {
  it('accepts calendar years 1900 to 9999 and refuses the rest naming the field', () => {
    expect([checkYear(1900), checkYear(2026), checkYear(9999)]).toEqual([1900, 2026, 9999]);
    for (const bad of [1899, 10_000, 2026.5, Number.NaN]) {
      expect(codeOf(() => checkYear(bad, 'filedYear'))).toMatchObject({ code: 'INVALID_INPUT', field: 'filedYear' });
    }
  });

  it('covers the whole year, 1 January to 31 December', () => {
    const { gte, lte } = yearRange(2024);
    expect([gte.toISOString(), lte.toISOString()]).toEqual(['2024-01-01T00:00:00.000Z', '2024-12-31T00:00:00.000Z']);
    expect(codeOf(() => yearRange(0, 'grantedYear'))).toMatchObject({ code: 'INVALID_INPUT', field: 'grantedYear' });
  });
});

describe('text', () => {
  it('counts code points, so 50 × 𠮷 is a name of 50 characters', () => {
    expect(checkText('𠮷'.repeat(50), 'name', 1, 50)).toBe('𠮷'.repeat(50));
    expect(codeOf(() => checkText('𠮷'.repeat(51), 'name', 1, 50))).toMatchObject({ code: 'INVALID_INPUT', field: 'name', reason: 'LENGTH' });
  });

  it('refuses NUL, other controls and lone surrogates, and accepts paired ones', () => {
    for (const bad of ['a\u0000b', 'tab\tx', 'x\n', '\u007f', '\u0085', '\ud800', 'x\udc00y', '\uffff']) {
      expect(
        codeOf(() => checkText(bad, 'reason', 1, 50)),
        JSON.stringify(bad),
      ).toMatchObject({ code: 'INVALID_INPUT', reason: 'UNSAFE_CHARACTER' });
    }
    expect(unsafeText('三门峡 𠮷 ·')).toBeUndefined();
  });

  it('finds the first bad string anywhere in variables, with its path', () => {
    expect(findBadString({ input: { members: [{ name: 'ok' }, { name: 'x\u0000' }] } }, 100)).toEqual({
      path: 'input.members.1.name',
      problem: 'contains the control character U+0000',
    });
    expect(findBadString({ id: '4'.repeat(101) }, 100)?.problem).toBe('is longer than 100 characters');
    expect(findBadString({ fine: ['王建国', 3, null, true] }, 100)).toBeUndefined();
    // A file or report sent as a value is multi-line: line breaks and tabs pass the edge (single-line fields refuse them).
    expect(findBadString({ content: 'reference,status\r\n1.1,PAID\tok\n' }, 100)).toBeUndefined();
    expect(findBadString({ content: 'a\n\u0000' }, 100)?.problem).toBe('contains the control character U+0000');
  });
});

describe('date windows', () => {
  const today = day('2026-11-30');
  it('take a start up to one year ahead and refuse 9999-12-31 and dates before 2000', () => {
    expect(checkDateWindow(day('2027-11-30'), 'validFrom', DATE_WINDOWS.START, today)).toEqual(day('2027-11-30'));
    for (const bad of ['2027-12-01', '2100-12-31', '1999-12-31']) {
      expect(codeOf(() => checkDateWindow(day(bad), 'validFrom', DATE_WINDOWS.START, today))).toMatchObject({
        code: 'INVALID_INPUT',
        field: 'validFrom',
        reason: 'DATE_OUT_OF_RANGE',
      });
    }
    expect(checkDateWindow(null, 'validTo', DATE_WINDOWS.END, today)).toBeNull();
  });
});

describe('database refusals', () => {
  it('turn a trigger message into its error, and recognise unique violations and retryable failures', () => {
    const trigger = new Error('Raise exception: lip:INVALID_TRANSITION:NOT_ALLOWED: CategoryHolding cannot go from ENDED to ACTIVE');
    expect(databaseRefusal(trigger)).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { reason: 'NOT_ALLOWED' },
      message: 'CategoryHolding cannot go from ENDED to ACTIVE',
    });
    expect(asDomainError(new Error('lip:CONFLICT:HOUSEHOLD_FULL: The household is full (30 members)'))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'HOUSEHOLD_FULL' },
    });
    expect(isUniqueViolation({ code: 'P2002' })).toBe(true);
    expect(isUniqueViolation({ meta: { driverAdapterError: { cause: { originalCode: '23505' } } } })).toBe(true);
    expect(isRetryable({ cause: { originalCode: '40P01' } })).toBe(true);
    expect(isRetryable(new Error('something else'))).toBe(false);
    expect(errorCodeOf(new TypeError('x'))).toBe('INTERNAL_SERVER_ERROR');
    expect(errorCodeOf(new Error('invalid byte sequence', { cause: { originalCode: '22021' } }))).toBe('INVALID_INPUT');
  });
});

describe('request ids and operation labels', () => {
  it('keep a plain request id and replace an oversized or odd one', () => {
    expect(requestIdOf('desk-7:0001')).toBe('desk-7:0001');
    for (const bad of ['x'.repeat(129), 'a b', '', undefined, ['a', 'b']]) expect(requestIdOf(bad as never)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('label metrics only with known operation names', () => {
    expect(metricsLabel('TownshipRoster')).toBe('TownshipRoster');
    expect(metricsLabel('TownshipRoster__civil_affairs__0')).toBe('TownshipRoster');
    expect(metricsLabel('MadeUpByAClient123')).toBe('other');
    expect(metricsLabel(undefined)).toBe('anonymous');
    expect(operationLabel('MadeUpByAClient123')).toBe('MadeUpByAClient123');
  });
});

describe('unexpected errors in the log', () => {
  it('give their class, codes and stack frames, never their message', () => {
    const error = Object.assign(new TypeError('cannot read 411202196807020017'), { code: 'P2010' });
    const described = describeUnexpected(error);
    expect(described).toMatchObject({ errorClass: 'TypeError', prismaCode: 'P2010' });
    expect(described.stack).toMatch(/^\s+at /);
    expect(JSON.stringify(described)).not.toContain('411202196807020017');
  });
});
