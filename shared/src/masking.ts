// What each role sees of personal data (docs/security.md): one policy, per kind
// of field and per role, applied by every subgraph to its own output (masking-schema.ts) and
// again by our gateway as a second line.
import type { Identity, Role } from './auth.ts';
import { maskIdNumber } from './id-number.ts';
import { personReference } from './person-reference.ts';

/** The kinds of personal data the graph serves. */
export type PersonalData = 'ID_NUMBER' | 'NAME' | 'PHONE' | 'BIRTH_DATE' | 'AGE' | 'ADDRESS';

export type Visibility = 'FULL' | 'MASKED';

/** Roles that work cases: they see personal data in full. */
export const CASE_ROLES: readonly Role[] = ['CITY_ADMIN', 'COUNTY_OFFICER', 'TOWNSHIP_WORKER', 'DEPARTMENT_OFFICER'];

/** Who is asking: the role, and the department for the one exception below. */
export type Viewer = Pick<Identity, 'role' | 'department'>;

const caseRolesOnly = ({ role }: Viewer): Visibility => (CASE_ROLES.includes(role) ? 'FULL' : 'MASKED');

/** The policy: who sees each kind of personal data in full. Everyone else gets MASKED_FORM's form. */
export const MASKING_POLICY: Record<PersonalData, (viewer: Viewer) => Visibility> = {
  // Civil affairs' own services: payments pays persons by ID number (the bank file names them) and
  // monitoring matches department data to persons by it; neither stores names or addresses.
  ID_NUMBER: (viewer) => (viewer.role === 'SERVICE' && viewer.department === 'CIVIL_AFFAIRS' ? 'FULL' : caseRolesOnly(viewer)),
  NAME: caseRolesOnly,
  PHONE: caseRolesOnly,
  BIRTH_DATE: caseRolesOnly,
  AGE: caseRolesOnly,
  ADDRESS: caseRolesOnly,
};

export const visibility = (viewer: Viewer, data: PersonalData) => MASKING_POLICY[data](viewer);

/** Whether a role works cases and so sees all personal data in full (the audit log's test). */
export const seesPersonalData = (role: Role) => CASE_ROLES.includes(role);

/** Whether ID numbers reach this caller whole (the gateway's test). */
export const seesIdNumbers = (viewer: Viewer) => visibility(viewer, 'ID_NUMBER') === 'FULL';

export { maskIdNumber };

/** 138****5678; a landline keeps its area code and last 2 digits. */
export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  const [area, number] = phone.includes('-') ? phone.split('-') : [phone.slice(0, 4), phone.slice(4)];
  return `${area}-${'*'.repeat(Math.max(0, (number ?? '').length - 2))}${(number ?? '').slice(-2)}`;
}

/** 王** : the surname (first character) only. */
export const maskName = (name: string): string => `${[...name][0] ?? ''}${'*'.repeat(Math.max(1, [...name].length - 1))}`;

/** 1932-**-**: the year only (month and day are the eight digits a masked ID number hides). */
export const maskBirthDate = (date: Date | string) => `${(date instanceof Date ? date.toISOString() : String(date)).slice(0, 4)}-**-**`;

/** 湖滨街道****: the first third (the street or village), never the house. */
export const maskAddress = (address: string) => {
  const characters = [...address];
  const kept = Math.min(6, Math.floor(characters.length / 3));
  return `${characters.slice(0, kept).join('')}${'*'.repeat(4)}`;
};

/** The age the person reaches this year: what the birth year alone tells, nothing of the birthday. */
export const maskAge = (age: number, birthDate: Date | undefined, today = new Date()) =>
  birthDate ? today.getUTCFullYear() - birthDate.getUTCFullYear() : age - (age % 5);

/** A value of a kind of personal data as a masked role sees it (`parent` is the object it belongs to). */
export function maskedValue(data: PersonalData, value: unknown, parent: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => maskedValue(data, item, parent));
  switch (data) {
    case 'ID_NUMBER':
      return personReference(String(value));
    case 'NAME':
      return maskName(String(value));
    case 'PHONE':
      return maskPhone(String(value));
    case 'BIRTH_DATE':
      return maskBirthDate(value as Date | string);
    case 'AGE':
      return maskAge(Number(value), (parent as { birthDate?: Date } | null)?.birthDate);
    case 'ADDRESS':
      return maskAddress(String(value));
  }
}

// 18-character ID numbers and 11-digit mobile numbers anywhere in a text.
const ID_IN_TEXT = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)1\d{10}(?!\d)/g;

/** A text with every ID number and mobile number in it masked: for messages to masked roles, and logs. */
export const redactPersonalData = (text: string) => text.replace(ID_IN_TEXT, (id) => maskIdNumber(id)).replace(MOBILE_IN_TEXT, maskPhone);

/**
 * Fields that hold personal data, by `Type.field`. Every field of type `IdNumber` is ID_NUMBER
 * wherever it is; a new field of another kind is listed here or declares
 * `extensions: { personalData: '<kind>' }` where it is defined.
 */
export const PERSONAL_FIELDS: Record<string, PersonalData> = {
  'Person.name': 'NAME',
  'Person.phone': 'PHONE',
  'Person.birthDate': 'BIRTH_DATE',
  'Person.age': 'AGE',
  'Household.address': 'ADDRESS',
};
