// 城镇住房保障: public-rental tenancies (公租房) and rent subsidies (租赁补贴). A household gets one
// or the other, never two at once: periods of the records covering a person must not overlap.

import { formatDate } from '@lip/shared/calendar';
import { checkDateWindow, DATE_WINDOWS } from '@lip/shared/dates';
import { conflict, DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import type { UrbanHousingAssistanceKind } from '../generated/prisma/enums.ts';
import { addDays, addMonths, checkDate, checkPeriod, checkText } from './common.ts';

export interface Period {
  startDate: Date;
  /** null: open-ended (a public-rental tenancy without an agreed end). */
  endDate: Date | null;
}

/** Whether two periods share at least one day (both ends inclusive). */
export const overlaps = (a: Period, b: Period) => (a.endDate === null || a.endDate >= b.startDate) && (b.endDate === null || b.endDate >= a.startDate);

/** Current on `day`: started, and not yet ended. */
export const isCurrent = (record: Period, day: Date) => record.startDate <= day && (record.endDate === null || record.endDate >= day);

export type UrbanStatus = 'UPCOMING' | 'CURRENT' | 'ENDED';

export function urbanStatus(record: Period, day: Date): UrbanStatus {
  if (record.startDate > day) return 'UPCOMING';
  return isCurrent(record, day) ? 'CURRENT' : 'ENDED';
}

/** A record may start at most this many days ahead (an allocation decided for next month, say). */
export const MAX_DAYS_AHEAD = 366;

export interface PublicRentalInput {
  unit: string;
  startDate: Date;
  endDate?: Date | null;
}

/** Checks a new tenancy; returns the trimmed unit description. */
export function checkPublicRental(input: PublicRentalInput, today: Date): { unit: string } {
  const unit = checkText('unit', input.unit, { min: 2, max: 100 });
  checkDate('startDate', input.startDate, addDays(today, MAX_DAYS_AHEAD));
  checkPeriod(input.startDate, input.endDate);
  checkDateWindow(input.endDate, 'endDate', DATE_WINDOWS.END, today);
  return { unit };
}

export interface RentSubsidyInput {
  /** Yuan, as the Money scalar gives it. */
  monthlyAmount: string;
  startDate: Date;
  endDate: Date;
}

export interface RentSubsidyLimits {
  /** RENT_SUBSIDY_MONTHLY_MAX of the county and start year. */
  monthlyMax: number;
  /** RENT_SUBSIDY_MAX_MONTHS. */
  maxMonths: number;
}

/** Checks a new rent subsidy against the policy limits; returns the amount as a 2-decimal string. */
export function checkRentSubsidy(input: RentSubsidyInput, limits: RentSubsidyLimits, today: Date): { monthlyAmount: string } {
  const amount = Number(input.monthlyAmount);
  if (!Number.isFinite(amount) || amount <= 0) {
    throw invalidInput(`monthlyAmount must be more than 0 yuan, got ${input.monthlyAmount}`, { field: 'monthlyAmount' });
  }
  if (amount > limits.monthlyMax) {
    throw invalidInput(`monthlyAmount must not exceed the policy maximum of ${limits.monthlyMax.toFixed(2)} yuan`, {
      field: 'monthlyAmount',
      maximum: limits.monthlyMax.toFixed(2),
    });
  }
  checkDate('startDate', input.startDate, addDays(today, MAX_DAYS_AHEAD));
  checkPeriod(input.startDate, input.endDate);
  const lastDay = addDays(addMonths(input.startDate, limits.maxMonths), -1);
  if (input.endDate > lastDay) {
    throw invalidInput(`A rent subsidy covers at most ${limits.maxMonths} months (until ${formatDate(lastDay)})`, {
      field: 'endDate',
    });
  }
  return { monthlyAmount: amount.toFixed(2) };
}

export interface ExistingUrbanRecord extends Period {
  id: string;
  kind: UrbanHousingAssistanceKind;
}

/** Refuses a new period that overlaps a record already covering one of its persons. */
export function checkNoOverlap(period: Period, existing: readonly ExistingUrbanRecord[]) {
  const clash = existing.find((record) => overlaps(period, record));
  if (clash) {
    throw conflict(`The household already has ${clash.kind} ${clash.id} in that period; end it first`, {
      reason: 'OVERLAPPING_ASSISTANCE',
      recordId: clash.id,
    });
  }
}

export interface EndableRecord extends ExistingUrbanRecord {
  endReason: string | null;
}

/**
 * Checks ending a record on `endDate` (a public-rental move-out or the early end of a subsidy).
 * Only a record of the named kind that has not ended may end, on a day within its period.
 */
export function checkEnd(record: EndableRecord, kind: UrbanHousingAssistanceKind, endDate: Date, today: Date) {
  if (record.kind !== kind) {
    throw conflict(`Record ${record.id} is a ${record.kind}, not a ${kind}`, { reason: 'WRONG_KIND' });
  }
  if (record.endReason !== null || (record.endDate !== null && record.endDate < today)) {
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `Record ${record.id} has already ended`, { from: 'ENDED' });
  }
  checkPeriod(record.startDate, endDate);
  // Ending is done when it happens or shortly before: at most a year ahead (DATE_WINDOWS.START).
  checkDateWindow(endDate, 'endDate', DATE_WINDOWS.START, today);
  if (record.endDate !== null && endDate > record.endDate) {
    throw invalidInput('An end date after the agreed end would extend the record; grant a new one instead', { field: 'endDate' });
  }
}
