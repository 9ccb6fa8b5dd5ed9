import { describe, expect, it } from 'vitest';
import {
  addMonths,
  ageOn,
  chinaCalendar,
  currentYear,
  dateOf,
  formatDate,
  monthEnd,
  monthLength,
  parseCivilDate,
  today,
  WorkingCalendar,
} from '../src/calendar.ts';

describe('today', () => {
  it('is the civil date in China, whatever the hour in UTC', () => {
    expect(formatDate(today(new Date('2025-12-31T16:30:00Z')))).toBe('2026-01-01'); // 00:30 in Beijing
    expect(formatDate(today(new Date('2025-12-31T15:59:59Z')))).toBe('2025-12-31');
    expect(currentYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
  });
});

describe('months and ages', () => {
  it('keeps the day, or the month’s last day when it has none', () => {
    expect(formatDate(addMonths(dateOf('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatDate(addMonths(dateOf('2025-01-31'), 1))).toBe('2025-02-28');
    expect(formatDate(addMonths(dateOf('2025-11-15'), 3))).toBe('2026-02-15');
    expect(formatDate(monthEnd(dateOf('2026-02-10')))).toBe('2026-02-28');
  });
  it('counts a birthday on the day', () => {
    expect(ageOn(dateOf('2008-06-30'), dateOf('2026-06-29'))).toBe(17);
    expect(ageOn(dateOf('2008-06-30'), dateOf('2026-06-30'))).toBe(18);
    expect(ageOn(dateOf('2008-02-29'), dateOf('2026-02-28'))).toBe(17);
    expect(ageOn(dateOf('2008-02-29'), dateOf('2026-03-01'))).toBe(18);
  });
});

describe('working days', () => {
  it('skips the National Day week and counts the Saturday worked in its place', () => {
    // 2026-10-01..07 are holidays; Saturday 10-10 is a working day (调休).
    expect(chinaCalendar.isWorkingDay(dateOf('2026-10-05'))).toBe(false);
    expect(chinaCalendar.isWorkingDay(dateOf('2026-10-10'))).toBe(true);
    expect(formatDate(chinaCalendar.addWorkingDays(dateOf('2026-09-30'), 1))).toBe('2026-10-08');
    expect(formatDate(chinaCalendar.addWorkingDays(dateOf('2026-09-30'), 3))).toBe('2026-10-10');
    expect(chinaCalendar.workingDaysBetween(dateOf('2026-09-30'), dateOf('2026-10-10'))).toBe(3);
  });
  it('counts Monday to Friday in a year the table does not know, and says so', () => {
    const calendar = new WorkingCalendar({});
    expect(calendar.knowsYear(2027)).toBe(false);
    expect(chinaCalendar.knowsYear(2026)).toBe(true);
    expect(formatDate(calendar.addWorkingDays(dateOf('2027-01-01'), 1))).toBe('2027-01-04'); // Friday → Monday
    expect(() => calendar.addWorkingDays(dateOf('2027-01-01'), -1)).toThrow(RangeError);
  });
});

describe('parseCivilDate', () => {
  // What it replaces: the pattern, then a round trip through Date.
  const byRoundTrip = (text: string) => {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? dateOf(text) : null;
    return date && !Number.isNaN(date.getTime()) && formatDate(date) === text ? date : null;
  };

  it('reads exactly the real dates written YYYY-MM-DD, as dateOf does', () => {
    const cases = [
      '2025-06-01',
      '2024-02-29',
      '2025-02-29',
      '1900-02-29',
      '2000-02-29',
      '0000-02-29',
      '0099-12-31',
      '9999-12-31',
      '2025-13-01',
      '2025-00-10',
      '2025-04-31',
      '2025-04-00',
      '2025-6-01',
      '2025/06/01',
      ' 2025-06-01',
      '2025-06-01 ',
      '20250601',
      '２０２５-06-01',
      '',
    ];
    for (const text of cases) expect(parseCivilDate(text), text).toEqual(byRoundTrip(text));
  });

  it('counts the days of every month of a leap and a common year', () => {
    for (const year of [1900, 2000, 2024, 2025])
      for (let month = 1; month <= 12; month++) expect(monthLength(year, month)).toBe(monthEnd(new Date(Date.UTC(year, month - 1, 1))).getUTCDate());
  });
});
