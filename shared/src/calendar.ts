// The one calendar of the graph. Dates are civil dates held as Date objects at UTC midnight (what
// the Date scalar and Prisma's @db.Date produce); "today" is the civil date in Asia/Shanghai, so
// every department agrees on the date and the year at any hour. Working days follow the State
// Council's holiday notices (data per year in calendar-data/, built by scripts/build-calendar.ts).
import workingDayData from './calendar-data/cn-working-days.json' with { type: 'json' };

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000; // China has kept UTC+8 all year since 1991

/** A civil date's ISO form, YYYY-MM-DD. */
export const formatDate = (date: Date) => date.toISOString().slice(0, 10);

/** The civil date `YYYY-MM-DD` (assumed valid) at UTC midnight. */
export const dateOf = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** The civil date year-month-day (month 1–12) at UTC midnight. */
export const civilDate = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

/** Today's civil date in China, at UTC midnight. */
export function today(now: Date = new Date()): Date {
  const china = new Date(now.getTime() + CHINA_OFFSET_MS);
  return new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate()));
}

/** The current calendar year in China. */
export const currentYear = (now: Date = new Date()) => today(now).getUTCFullYear();

export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

/** `date` plus `months` calendar months; a day the month lacks becomes its last day (01-31 + 1 → 02-28/29). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

/** The first day of the month `date` falls in. */
export const monthStart = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
/** The last day of the month `date` falls in. */
export const monthEnd = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0));
export const daysInMonth = (date: Date) => monthEnd(date).getUTCDate();

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Days in a month (1–12) of a year of the proleptic Gregorian calendar, as Date counts them. */
export const monthLength = (year: number, month: number) =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : MONTH_DAYS[month - 1]!;

/** The civil date written exactly `YYYY-MM-DD` (a real date) at UTC midnight, or null; read by character codes. */
export function parseCivilDate(text: string): Date | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years 0–99 as 1900–1999
  return date;
}

/** The number written by `length` ASCII digits from `start`, or -1. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / DAY_MS);

/** The later of two dates (Math.max alone would return a number). */
export const laterOf = (a: Date, b: Date) => new Date(Math.max(a.getTime(), b.getTime()));
/** The earlier of two dates. */
export const earlierOf = (a: Date, b: Date) => new Date(Math.min(a.getTime(), b.getTime()));

/** Whole years from `birth` to `on` (a birthday counts on the day; 29 February's on 1 March in other years). */
export function ageOn(birth: Date, on: Date): number {
  const age = on.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday = on.getUTCMonth() < birth.getUTCMonth() || (on.getUTCMonth() === birth.getUTCMonth() && on.getUTCDate() < birth.getUTCDate());
  return beforeBirthday ? age - 1 : age;
}

/** A year's public holidays and the weekend days worked in their place (调休), each with its label. */
export interface CalendarYear {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** Working days by one year-by-year table; a year missing from it counts Monday–Friday. */
export class WorkingCalendar {
  constructor(private readonly years: Record<string, CalendarYear>) {}

  /** Whether the table has the holiday notice for `year` (otherwise Monday–Friday is assumed). */
  knowsYear(year: number): boolean {
    return String(year) in this.years;
  }

  isWorkingDay(date: Date): boolean {
    const iso = formatDate(date);
    const year = this.years[iso.slice(0, 4)];
    if (year?.workdays[iso]) return true;
    if (year?.holidays[iso]) return false;
    const weekday = date.getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The `days`-th working day after `date` (a due date "within N working days" of it). */
  addWorkingDays(date: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
    let current = date;
    for (let left = days; left > 0; ) {
      current = addDays(current, 1);
      if (this.isWorkingDay(current)) left--;
    }
    return current;
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not later). */
  workingDaysBetween(from: Date, to: Date): number {
    let count = 0;
    for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) if (this.isWorkingDay(current)) count++;
    return count;
  }
}

/** Mainland China's working days, from the State Council's notices. */
export const chinaCalendar = new WorkingCalendar(workingDayData.years);
