// Who may do what (docs/security.md), as Pothos scope-auth scopes. Each field names its rule
// where it is defined; the functions here say which identities satisfy each rule.

import type { Department, Identity, Role } from './auth.ts';
import { DomainError, notFound } from './errors.ts';

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
  /** The audit log (and, in payments, supervision findings and complaints). */
  audit: boolean;
  /** 法律援助经济状况核对报告: the justice bureau, or civil affairs' own staff. */
  legalAidReport: boolean;
  /**
   * Those who pay (民政 with 财政): prepare and approve payrolls, export bank files, import the bank's
   * return files, read bank account numbers in full and the register's payroll source.
   */
  pay: boolean;
  /** Departments' signals for monitoring (`…SignalsSince`): civil affairs' monitoring service only. */
  readSignals: boolean;
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
    legalAidReport: writeRegister || (role === 'DEPARTMENT_OFFICER' && department === 'JUSTICE'),
    pay: paysAssistance(identity),
    readSignals: role === 'SERVICE' && department === 'CIVIL_AFFAIRS',
  };
}

/** 民政 and 财政 staff of a county or the city, and civil affairs' own payment service. */
export function paysAssistance({ role, department }: Identity): boolean {
  if (role === 'CITY_ADMIN' || role === 'COUNTY_OFFICER') return true;
  if (role === 'DEPARTMENT_OFFICER') return department === 'CIVIL_AFFAIRS' || department === 'FINANCE';
  return role === 'SERVICE' && department === 'CIVIL_AFFAIRS';
}

export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);

/** Whether a region code lies in the caller's region scope. */
export const inRegion = (identity: Identity, regionCode: string) => regionCode.startsWith(identity.region);

/**
 * Throws FORBIDDEN unless `regionCode`, a region the caller submitted for a new record, is in the
 * caller's region (a city-level identity is needed to act city-wide). The message names neither code.
 */
export function assertInRegion(identity: Identity, regionCode: string) {
  if (!inRegion(identity, regionCode)) throw forbidden('You may not act outside your region');
}

/**
 * The error for an existing record or person outside the caller's region: the same code and
 * message as a missing one, so a refusal tells nothing; `auditReason` (never sent) keeps the truth.
 */
export const outOfRegion = (what: string, key: string) => markedOutOfRegion(notFound(what, key));

/** `error`, the answer for a missing thing, marked for the audit log as given for one outside the region. */
export const markedOutOfRegion = <E extends Error>(error: E) => Object.assign(error, { auditReason: 'OUT_OF_REGION' });

/** An existing record (or person) the caller acts on: NOT_FOUND, as if missing, when outside the region. */
export function assertFoundInRegion(identity: Identity, regionCode: string, what: string, key: string) {
  if (!inRegion(identity, regionCode)) throw outOfRegion(what, key);
}

/**
 * Whether the caller may see a person's department fields, decided from the region civil affairs
 * gives with the entity (`@requires(fields: "regionCode …")`). A person civil affairs does not
 * know, or did not resolve for this caller, is visible to city-wide identities only.
 */
export const personInScope = (identity: Identity, person: { regionCode?: string | null }) =>
  identity.region.length <= 4 || (typeof person.regionCode === 'string' && inRegion(identity, person.regionCode));

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
  return path.split('.').reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), { startsWith: identity.region } as Record<string, unknown>);
}
