// Who may do what in monitoring, beyond reading (readRegister): each function is one rule.
import type { Identity } from '@lip/shared/auth';
import { FEEDS, type Feed } from './feeds.ts';
import { TOWNSHIP_OFFICE } from './referrals.ts';

const isCivilAffairsOfficer = (identity: Identity) =>
  (identity.role === 'DEPARTMENT_OFFICER' || identity.role === 'SERVICE') && identity.department === 'CIVIL_AFFAIRS';

/** A feed batch: the SERVICE identity of the department that owns the feed (or a city administrator). */
export const mayImportFeed = (identity: Identity, feed: Feed) =>
  identity.role === 'CITY_ADMIN' || (identity.role === 'SERVICE' && identity.department === FEEDS[feed].department);

/** Civil affairs' case workers: visits, dismissing and re-referring alerts (within their region). */
export const isCivilAffairsStaff = (identity: Identity) =>
  ['CITY_ADMIN', 'COUNTY_OFFICER', 'TOWNSHIP_WORKER'].includes(identity.role) ||
  (identity.role === 'DEPARTMENT_OFFICER' && identity.department === 'CIVIL_AFFAIRS');

/** Starting a run: a city administrator, a county officer or civil affairs (its officers and its service). */
export const mayRunMonitoring = (identity: Identity) => identity.role === 'CITY_ADMIN' || identity.role === 'COUNTY_OFFICER' || isCivilAffairsOfficer(identity);

/** Changing rule parameters: a city administrator or a civil-affairs officer. */
export const mayChangeRules = (identity: Identity) =>
  identity.role === 'CITY_ADMIN' || (identity.role === 'DEPARTMENT_OFFICER' && identity.department === 'CIVIL_AFFAIRS');

/**
 * The referrals a caller's queue holds, as a Prisma condition: township civil affairs sees its
 * township's referrals, a county officer also every referral escalated to the county, a department
 * its own in its region; analysts and administrators everything in their region.
 */
export function queueScope(identity: Identity): Record<string, unknown> {
  const region = identity.region;
  const inRegion = { officeRegion: { startsWith: region } };
  switch (identity.role) {
    case 'TOWNSHIP_WORKER':
      return { office: TOWNSHIP_OFFICE, ...inRegion };
    case 'COUNTY_OFFICER':
      return { OR: [{ office: TOWNSHIP_OFFICE, ...inRegion }, { escalatedTo: { startsWith: region } }] };
    case 'DEPARTMENT_OFFICER':
    case 'SERVICE':
      if (identity.department === 'CIVIL_AFFAIRS') return { OR: [{ office: TOWNSHIP_OFFICE, ...inRegion }, { escalatedTo: { startsWith: region } }] };
      return { office: identity.department, ...inRegion };
    case 'AUDITOR':
      return { id: { in: [] } };
    default:
      return inRegion;
  }
}
