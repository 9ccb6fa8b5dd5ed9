// Plausible dates, per kind of field (README "Input rules"). The Date scalar already refuses
// anything outside 1900-01-01..2100-12-31; a field then narrows that to what its record can mean,
// so a typo like 9999-12-31 or 0001-01-01 never becomes a holding, a rental or a payment.
import { today as chinaToday, formatDate } from './calendar.ts';
import { invalidInput } from './errors.ts';

/** The register's records start in 2000 (the programs and their files start later). */
export const EARLIEST_RECORD = new Date('2000-01-01T00:00:00.000Z');

export interface DateWindow {
  /** Earliest accepted date. */
  earliest: Date;
  /** How far after today a date may lie, in years (0: not in the future). */
  yearsAhead: number;
}

/** The windows fields use; each input field's description names its own. */
export const DATE_WINDOWS = {
  /** Something that happened (a payment, a death, a review, an assessment): 2000-01-01 to today. */
  PAST: { earliest: EARLIEST_RECORD, yearsAhead: 0 },
  /** The start of a holding, rental or subsidy: 2000-01-01 to one year ahead. */
  START: { earliest: EARLIEST_RECORD, yearsAhead: 1 },
  /** A planned end or review date: 2000-01-01 to ten years ahead. */
  END: { earliest: EARLIEST_RECORD, yearsAhead: 10 },
} as const satisfies Record<string, DateWindow>;

const yearsAfter = (date: Date, years: number) => new Date(Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate()));

/** Throws INVALID_INPUT (reason DATE_OUT_OF_RANGE) unless `value` lies in `window`; returns it. */
export function checkDateWindow<T extends Date | null | undefined>(value: T, field: string, window: DateWindow, now = chinaToday()): T {
  if (value == null) return value;
  const latest = yearsAfter(now, window.yearsAhead);
  if (value < window.earliest || value > latest) {
    throw invalidInput(`${field} must be from ${formatDate(window.earliest)} to ${formatDate(latest)}, got ${formatDate(value)}`, {
      field,
      reason: 'DATE_OUT_OF_RANGE',
    });
  }
  return value;
}
