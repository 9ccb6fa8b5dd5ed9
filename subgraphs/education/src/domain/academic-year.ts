// 学年: an academic year runs from 1 September to 31 August and is written "2024-2025".

import { civilDate, formatDate } from '@lip/shared/calendar';
import { invalidInput } from '@lip/shared/errors';

/** The month (1-12) and day an academic year starts on. */
export const ACADEMIC_YEAR_START = { month: 9, day: 1 } as const;
/** Assistance cannot be recorded for academic years before this one starts (the national aid system dates from 2007). */
export const EARLIEST_ACADEMIC_YEAR = 2000;

export interface AcademicYear {
  /** "2024-2025" */
  label: string;
  startYear: number;
  /** 1 September of startYear. */
  start: Date;
  /** 31 August of startYear + 1. */
  end: Date;
}

export function academicYear(startYear: number): AcademicYear {
  return {
    label: `${startYear}-${startYear + 1}`,
    startYear,
    start: civilDate(startYear, ACADEMIC_YEAR_START.month, ACADEMIC_YEAR_START.day),
    end: new Date(civilDate(startYear + 1, ACADEMIC_YEAR_START.month, ACADEMIC_YEAR_START.day).getTime() - 86_400_000),
  };
}

/** The academic year of a stored, well-formed label ("2024-2025"). */
export const academicYearFromLabel = (label: string) => academicYear(Number(label.slice(0, 4)));

/** The academic year a date falls in: on or after 1 September it is the one starting that year. */
export function academicYearOf(date: Date): AcademicYear {
  const year = date.getUTCFullYear();
  const started = date.getTime() >= civilDate(year, ACADEMIC_YEAR_START.month, ACADEMIC_YEAR_START.day).getTime();
  return academicYear(started ? year : year - 1);
}

/**
 * Reads "YYYY-YYYY": two consecutive years, starting no earlier than EARLIEST_ACADEMIC_YEAR and no
 * later than the academic year after the current one (aid for next year may be approved in summer).
 */
export function parseAcademicYear(text: string, today: Date, field = 'academicYear'): AcademicYear {
  const match = /^(\d{4})-(\d{4})$/.exec(text.trim());
  if (!match) throw invalidInput(`${field} must be written as two years, e.g. "2024-2025", got ${JSON.stringify(text)}`, { field, reason: 'FORMAT' });
  const [start, end] = [Number(match[1]), Number(match[2])];
  if (end !== start + 1)
    throw invalidInput(`${field} must span two consecutive years, e.g. "${start}-${start + 1}", got "${text.trim()}"`, { field, reason: 'NOT_CONSECUTIVE' });
  if (start < EARLIEST_ACADEMIC_YEAR) throw invalidInput(`${field} ${start}-${end} is before ${EARLIEST_ACADEMIC_YEAR}`, { field, reason: 'TOO_EARLY' });
  const latest = academicYearOf(today).startYear + 1;
  if (start > latest) {
    throw invalidInput(`${field} ${start}-${end} is too far in the future (the latest allowed is ${latest}-${latest + 1})`, { field, reason: 'FUTURE' });
  }
  return academicYear(start);
}

/** Whether a date lies in the academic year (1 September to 31 August, both included). */
export const withinAcademicYear = (year: AcademicYear, date: Date) => date >= year.start && date <= year.end;

export const describeAcademicYear = (year: AcademicYear) => `${year.label} (${formatDate(year.start)} to ${formatDate(year.end)})`;
