// Months of the monthly category snapshot (月度快照), as 'YYYY-MM' strings in China's calendar.

import { addMonths, formatDate, monthEnd, monthStart, today } from '@lip/shared/calendar';
import { invalidInput } from '@lip/shared/errors';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MAX_TREND_MONTHS = 36;

export const monthOf = (date: Date) => formatDate(date).slice(0, 7);

/** The first day of a 'YYYY-MM' month; INVALID_INPUT when malformed. */
export function parseMonth(month: string, field = 'month'): Date {
  const match = MONTH.exec(month);
  if (!match) throw invalidInput(`${field} must be a month as YYYY-MM, got "${month}"`, { field });
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
}

/** A snapshot describes a month that has begun: never a future one. */
export function snapshotMonth(month: string | null | undefined, now = new Date()): { month: string; end: Date; current: boolean } {
  const current = monthOf(today(now));
  const start = month == null ? monthStart(today(now)) : parseMonth(month);
  const value = monthOf(start);
  if (value > current) throw invalidInput(`month ${value} has not begun (this month is ${current})`, { field: 'month' });
  return { month: value, end: monthEnd(start), current: value === current };
}

/** The last `count` months up to this one, oldest first. */
export function trendMonths(count: number, now = new Date()): string[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_TREND_MONTHS) {
    throw invalidInput(`months must be 1 to ${MAX_TREND_MONTHS}`, { field: 'months' });
  }
  const first = addMonths(monthStart(today(now)), 1 - count);
  return Array.from({ length: count }, (_, i) => monthOf(addMonths(first, i)));
}
