// Referral (转办推送): to whom an alert goes, by when, and who may act on it.
import type { Identity } from '@lip/shared/auth';
import { chinaCalendar } from '@lip/shared/calendar';
import { DomainError, ErrorCode } from '@lip/shared/errors';

/** Township civil affairs (乡镇民政); any other office is a department code. */
export const TOWNSHIP_OFFICE = 'TOWNSHIP';

/** The region an office works at: a township for township civil affairs, the county for departments. */
export function officeRegion(office: string, regionCode: string): string {
  return office === TOWNSHIP_OFFICE ? regionCode.slice(0, 9) : regionCode.slice(0, 6);
}

/** Due date: the `workingDays`-th working day after the referral (holidays and 调休 per the State Council calendar). */
export const dueOn = (referredOn: Date, workingDays: number) => chinaCalendar.addWorkingDays(referredOn, workingDays);

export type ReferralStatus = 'PENDING' | 'ACCEPTED' | 'ACTIONED' | 'SENT_BACK' | 'CLOSED_COVERED' | 'WITHDRAWN';

const NEXT: Record<string, readonly ReferralStatus[]> = {
  PENDING: ['ACCEPTED', 'ACTIONED', 'SENT_BACK', 'CLOSED_COVERED', 'WITHDRAWN'],
  ACCEPTED: ['ACTIONED', 'SENT_BACK', 'CLOSED_COVERED', 'WITHDRAWN'],
};

export function checkTransition(from: ReferralStatus, to: ReferralStatus) {
  if (!NEXT[from]?.includes(to)) {
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `a ${from} referral cannot become ${to}`, { from, to });
  }
}

/** Whether `identity` works for the office a referral went to (accept, record, send back). */
export function actsForOffice(identity: Identity, office: string, region: string): boolean {
  if (identity.role === 'CITY_ADMIN') return true;
  if (!region.startsWith(identity.region) && !identity.region.startsWith(region)) return false;
  if (office === TOWNSHIP_OFFICE) {
    return (
      ((identity.role === 'TOWNSHIP_WORKER' || identity.role === 'COUNTY_OFFICER') && region.startsWith(identity.region)) ||
      (identity.role === 'DEPARTMENT_OFFICER' && identity.department === 'CIVIL_AFFAIRS')
    );
  }
  return (identity.role === 'DEPARTMENT_OFFICER' || identity.role === 'SERVICE') && identity.department === office;
}

export type QueueBucket = 'OPEN' | 'DUE_SOON' | 'OVERDUE';

/** The bucket of an open referral on `on`: overdue after its due date, due soon within `soonDays` working days. */
export function bucketOf(due: Date, on: Date, soonDays: number): QueueBucket {
  if (due < on) return 'OVERDUE';
  return chinaCalendar.addWorkingDays(on, soonDays) >= due ? 'DUE_SOON' : 'OPEN';
}

/** Working days within which an open referral counts as due soon. */
export const DUE_SOON_WORKING_DAYS = 2;
