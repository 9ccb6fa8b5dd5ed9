import { formatDate } from '@lip/shared/calendar';
import { codeOf, day } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import { academicYear, academicYearFromLabel, academicYearOf, parseAcademicYear, withinAcademicYear } from '../src/domain/academic-year.ts';

describe('academic years', () => {
  it('run from 1 September to 31 August', () => {
    const year = academicYear(2024);
    expect({ label: year.label, start: formatDate(year.start), end: formatDate(year.end) }).toEqual({
      label: '2024-2025',
      start: '2024-09-01',
      end: '2025-08-31',
    });
    expect(formatDate(academicYear(2023).end)).toBe('2024-08-31');
    expect(academicYearFromLabel('2025-2026')).toEqual(academicYear(2025));
  });

  it('start on 1 September', () => {
    expect(academicYearOf(day('2024-08-31')).label).toBe('2023-2024');
    expect(academicYearOf(day('2024-09-01')).label).toBe('2024-2025');
    expect(academicYearOf(day('2025-01-15')).label).toBe('2024-2025');
    expect(academicYearOf(day('2026-11-29')).label).toBe('2026-2027');
  });

  it('contain their own days only', () => {
    const year = academicYear(2024);
    expect(withinAcademicYear(year, day('2024-09-01'))).toBe(true);
    expect(withinAcademicYear(year, day('2025-08-31'))).toBe(true);
    expect(withinAcademicYear(year, day('2024-08-31'))).toBe(false);
    expect(withinAcademicYear(year, day('2025-09-01'))).toBe(false);
  });

  it('are parsed strictly', () => {
    const today = day('2026-11-29');
    expect(parseAcademicYear(' 2024-2025 ', today).label).toBe('2024-2025');
    expect(parseAcademicYear('2027-2028', today).label).toBe('2027-2028'); // next year's aid may be approved ahead
    expect(codeOf(() => parseAcademicYear('2024/2025', today))).toMatchObject({ code: 'INVALID_INPUT', field: 'academicYear', reason: 'FORMAT' });
    expect(codeOf(() => parseAcademicYear('2024', today))).toMatchObject({ code: 'INVALID_INPUT', reason: 'FORMAT' });
    expect(codeOf(() => parseAcademicYear('24-25', today))).toMatchObject({ code: 'INVALID_INPUT', reason: 'FORMAT' });
    expect(codeOf(() => parseAcademicYear('2024-2026', today))).toMatchObject({ code: 'INVALID_INPUT', reason: 'NOT_CONSECUTIVE' });
    expect(codeOf(() => parseAcademicYear('2025-2024', today))).toMatchObject({ code: 'INVALID_INPUT', reason: 'NOT_CONSECUTIVE' });
    expect(codeOf(() => parseAcademicYear('2028-2029', today))).toMatchObject({ code: 'INVALID_INPUT', reason: 'FUTURE' });
    expect(codeOf(() => parseAcademicYear('1999-2000', today))).toMatchObject({ code: 'INVALID_INPUT', reason: 'TOO_EARLY' });
    // In August the current year is still the one that started last September.
    expect(codeOf(() => parseAcademicYear('2026-2027', day('2025-08-31')))).toMatchObject({ code: 'INVALID_INPUT', reason: 'FUTURE' });
  });
});
