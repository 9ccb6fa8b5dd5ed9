// What each role may see of personal identifiers (DESIGN.md §6). Masking happens where a
// value leaves the graph; between the gateway and subgraphs keys stay whole.
import type { Identity, Role } from './auth.ts';
import { maskIdNumber } from './id-number.ts';

/** Roles that work cases: they see ID numbers, phones and names in full. */
export const CASE_ROLES: readonly Role[] = ['CITY_ADMIN', 'COUNTY_OFFICER', 'TOWNSHIP_WORKER', 'DEPARTMENT_OFFICER'];

export const seesPersonalData = (role: Role) => CASE_ROLES.includes(role);

/**
 * Whether answers keep ID numbers whole: case roles, and civil affairs' own monitoring service,
 * which matches department data to persons by ID number (it stores no names or addresses).
 */
export const seesIdNumbers = (identity: Pick<Identity, 'role' | 'department'>) =>
  seesPersonalData(identity.role) || (identity.role === 'SERVICE' && identity.department === 'CIVIL_AFFAIRS');

export { maskIdNumber };

/** 138****5678; a landline keeps its area code and last 2 digits. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const [area, number] = phone.includes('-') ? phone.split('-') : [phone.slice(0, 4), phone.slice(4)];
  return `${area}-${'*'.repeat(Math.max(0, (number ?? '').length - 2))}${(number ?? '').slice(-2)}`;
}

/** 王** : the surname (first character) only. */
export const maskName = (name: string): string => `${[...name][0] ?? ''}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
