import { checkAmount, toFen } from '@lip/shared/money';
import { codeOf, day } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import { checkAssistanceDate, checkCancellable, fileOpenOn } from '../src/domain/assistance.ts';

const today = day('2025-06-30');

describe('assistance amount', () => {
  it('reads yuan exactly as fen', () => {
    expect(toFen('1234.5')).toBe(123450);
    expect(toFen('0.07')).toBe(7);
    expect(toFen('-3')).toBe(-300);
    expect(toFen('1000')).toBe(100000);
  });

  it('must be above zero and at most the maximum', () => {
    expect(checkAmount('1000', 'SEASONAL_VISIT', 1000)).toBe('1000.00');
    expect(checkAmount('0.01', 'LIVING', 3000)).toBe('0.01');
    expect(codeOf(() => checkAmount('1000.01', 'SEASONAL_VISIT', 1000))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'amount',
      reason: 'ABOVE_MAXIMUM',
      maximum: '1000.00',
    });
    expect(codeOf(() => checkAmount('0', 'LIVING', 3000))).toMatchObject({ code: 'INVALID_INPUT', field: 'amount' });
    expect(codeOf(() => checkAmount('0.00', 'LIVING', 3000))).toMatchObject({ code: 'INVALID_INPUT', field: 'amount' });
    expect(codeOf(() => checkAmount('-50', 'LIVING', 3000))).toMatchObject({ code: 'INVALID_INPUT', field: 'amount' });
    expect(codeOf(() => checkAmount('abc', 'LIVING', 3000))).toMatchObject({ code: 'INVALID_INPUT', field: 'amount' });
  });
});

describe('assistance date', () => {
  const open = { status: 'OPEN' as const, filedOn: day('2024-03-01'), closedOn: null };
  const closed = { status: 'CLOSED' as const, filedOn: day('2024-03-01'), closedOn: day('2024-12-31') };

  it('needs the file open that day, the closing day included', () => {
    expect(fileOpenOn(open, day('2024-03-01'))).toBe(true);
    expect(fileOpenOn(open, day('2024-02-29'))).toBe(false);
    expect(fileOpenOn(closed, day('2024-12-31'))).toBe(true);
    expect(fileOpenOn(closed, day('2025-01-01'))).toBe(false);
  });

  it('accepts a late record for a day a now-closed file was open', () => {
    expect(codeOf(() => checkAssistanceDate(closed, day('2024-06-01'), today))).toEqual({ code: 'NONE' });
  });

  it('refuses a future date or a day the file was not open', () => {
    expect(codeOf(() => checkAssistanceDate(open, day('2025-07-01'), today))).toMatchObject({ code: 'INVALID_INPUT', field: 'grantedOn' });
    expect(codeOf(() => checkAssistanceDate(open, day('2024-02-01'), today))).toMatchObject({ code: 'CONFLICT', reason: 'FILE_NOT_OPEN_ON_DATE' });
    expect(codeOf(() => checkAssistanceDate(closed, day('2025-01-01'), today))).toMatchObject({ code: 'CONFLICT', reason: 'FILE_NOT_OPEN_ON_DATE' });
  });
});

describe('cancellation', () => {
  it('cancels once only', () => {
    expect(codeOf(() => checkCancellable({ cancelledAt: null }))).toEqual({ code: 'NONE' });
    expect(codeOf(() => checkCancellable({ cancelledAt: new Date() }))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'CANCELLED' });
  });
});
