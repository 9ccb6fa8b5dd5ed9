// Who may do what (DESIGN.md §6), as Pothos scope-auth scopes. Each field names its rule
// where it is defined; the functions here say which identities satisfy each rule.
import { DomainError } from './errors.ts';
import type { Department, Identity, Role } from './auth.ts';

export interface AuthScopes {
  /** Persons, households, holdings and department records, within the caller's region. */
  readRegister: boolean;
  /** Civil affairs' register: households, members, holdings. */
  writeRegister: boolean;
  /** The agriculture department's relapse-monitoring list (its feed, or civil affairs). */
  importRelapseMonitoring: boolean;
  /** Recording a death (it ends every holding): register staff, or civil affairs' monitoring service acting on 公安's death feed. */
  recordDeath: boolean;
  /** A department's own records. */
  writeDepartment: Department;
  /** The audit log. */
  audit: boolean;
}

const REGISTER_WRITERS: readonly Role[] = ['CITY_ADMIN', 'COUNTY_OFFICER', 'TOWNSHIP_WORKER'];

export function authScopes(identity: Identity) {
  const { role, department } = identity;
  const writeRegister = REGISTER_WRITERS.includes(role) || (role === 'DEPARTMENT_OFFICER' && department === 'CIVIL_AFFAIRS');
  return {
    readRegister: role !== 'AUDITOR',
    writeRegister,
    importRelapseMonitoring: writeRegister || (role === 'SERVICE' && department === 'AGRICULTURE'),
    recordDeath: writeRegister || (role === 'SERVICE' && department === 'CIVIL_AFFAIRS'),
    writeDepartment: (owner: Department) => role === 'CITY_ADMIN' || ((role === 'DEPARTMENT_OFFICER' || role === 'SERVICE') && department === owner),
    audit: role === 'AUDITOR' || role === 'CITY_ADMIN',
  };
}

export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);

/** Whether a region code lies in the caller's region scope. */
export const inRegion = (identity: Identity, regionCode: string) => regionCode.startsWith(identity.region);

/** Throws FORBIDDEN unless `regionCode` is in the caller's region. */
export function assertInRegion(identity: Identity, regionCode: string) {
  if (!inRegion(identity, regionCode)) throw forbidden(`${regionCode} is outside your region (${identity.region})`);
}

/**
 * The prefix a list may use: the filter's prefix narrowed to the caller's region, or null when
 * the two do not overlap (the list is then empty, not an error: lists are filtered).
 */
export function scopedPrefix(identity: Identity, requested: string | null | undefined): string | null {
  const wanted = requested ?? identity.region;
  if (wanted.startsWith(identity.region)) return wanted;
  if (identity.region.startsWith(wanted)) return identity.region;
  return null;
}

/**
 * A Prisma condition keeping a department's records inside the caller's region, by the
 * record's own region field (`path` may go through a relation: 'enrolment.countyCode').
 * A record known only by county is hidden from a township-level caller.
 */
export function withinRegion(identity: Identity, path: string): Record<string, unknown> {
  if (identity.region.length <= 4) return {}; // the whole city
  return path
    .split('.')
    .reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), { startsWith: identity.region } as Record<string, unknown>);
}
