// 居民身份证号码 (GB 11643-1999): 6-digit area code (GB/T 2260), birth date YYYYMMDD, 3-digit sequence (odd = male)
// and an ISO 7064 MOD 11-2 check character.
import { monthLength } from './calendar.ts';
import { isKnownAreaCode } from './regions.ts';

export type Sex = 'MALE' | 'FEMALE';

export type IdNumberProblem = 'LENGTH' | 'FORMAT' | 'AREA' | 'BIRTH_DATE' | 'CHECK_CHARACTER';

export interface ParsedIdNumber {
  ok: true;
  /** Trimmed, with a lowercase x check character made uppercase. */
  idNumber: string;
  areaCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  sequence: number;
}

export type IdNumberResult = ParsedIdNumber | { ok: false; reason: IdNumberProblem; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The check character (0-9 or X) of the first 17 digits. */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`expected the first 17 digits of an ID number, got "${first17}"`);
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  return CHECK_CHARACTERS.charAt(sum % 11);
}

const pad = (value: number) => String(value).padStart(2, '0');

function birthDateProblem(digits: string, today: Date): string | undefined {
  const [year, month, day] = [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)].map(Number) as [number, number, number];
  if (year < 1900) return `birth date ${digits} is before 1900`;
  // Date.UTC rolls impossible dates over (0229 → 0301), so a real date survives the round trip unchanged.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return `birth date ${digits} is not a real date`;
  // Compared with the local calendar day: someone born today is valid.
  if (digits > `${today.getFullYear()}${pad(today.getMonth() + 1)}${pad(today.getDate())}`) return `birth date ${digits} is in the future`;
  return undefined;
}

const DIGITS_THEN_CHECK = /^\d{17}[\dX]$/;

/** Validates an 18-character ID number and reads its parts; `today` bounds the birth date. */
export function parseIdNumber(value: string, today = new Date()): IdNumberResult {
  const fail = (reason: IdNumberProblem, message: string): IdNumberResult => ({ ok: false, reason, message });
  const idNumber = value.trim().replace(/x$/, 'X');
  if (idNumber.length !== 18) {
    const hint = idNumber.length === 15 ? ' (15-digit first-generation numbers are not accepted)' : '';
    return fail('LENGTH', `ID number must be 18 characters, got ${idNumber.length}${hint}`);
  }
  const bad = DIGITS_THEN_CHECK.test(idNumber) ? -1 : [...idNumber].findIndex((char, index) => !/\d/.test(char) && !(index === 17 && char === 'X'));
  if (bad >= 0) {
    return fail('FORMAT', `ID number must be 17 digits followed by a digit or X; character ${bad + 1} is "${idNumber.charAt(bad)}"`);
  }
  const areaCode = idNumber.slice(0, 6);
  if (!isKnownAreaCode(areaCode)) return fail('AREA', `area code ${areaCode} is not a known GB/T 2260 code`);
  const birth = idNumber.slice(6, 14);
  const dateProblem = birthDateProblem(birth, today);
  if (dateProblem) return fail('BIRTH_DATE', dateProblem);
  const expected = checkCharacter(idNumber.slice(0, 17));
  if (idNumber.charAt(17) !== expected) return fail('CHECK_CHARACTER', `check character should be ${expected}, got ${idNumber.charAt(17)}`);
  const sequence = Number(idNumber.slice(14, 17));
  return {
    ok: true,
    idNumber,
    areaCode,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
    sex: sequence % 2 === 1 ? 'MALE' : 'FEMALE',
    sequence,
  };
}

/**
 * Whether `value` is a valid ID number exactly as parseIdNumber returns it (no spaces, uppercase X), born on or before
 * `latest` (YYYYMMDD as a number), checked by character codes: the check for every row of a million-row feed. False is
 * not a verdict: parseIdNumber says what is wrong, or accepts the number in another spelling.
 */
export function isCanonicalIdNumber(value: string, latest: number): boolean {
  if (value.length !== 18) return false;
  let sum = 0;
  for (let index = 0; index < 17; index++) {
    const digit = value.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return false;
    sum += WEIGHTS[index]! * digit;
  }
  if (value.charCodeAt(17) !== CHECK_CHARACTERS.charCodeAt(sum % 11)) return false;
  const birth = Number(value.slice(6, 14));
  const year = Math.floor(birth / 10_000);
  const month = Math.floor(birth / 100) % 100;
  const day = birth % 100;
  if (year < 1900 || birth > latest || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) return false;
  return isKnownAreaCode(value.slice(0, 6));
}

/** Builds a valid ID number; throws RangeError when the parts cannot make one (unknown area, unreal or future date). */
export function makeIdNumber({ areaCode, birthDate, sequence }: { areaCode: string; birthDate: string; sequence: number }): string {
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) throw new RangeError(`sequence must be an integer from 0 to 999, got ${sequence}`);
  if (!/^\d{6}$/.test(areaCode)) throw new RangeError(`area code must be 6 digits, got "${areaCode}"`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw new RangeError(`birth date must be YYYY-MM-DD, got "${birthDate}"`);
  const first17 = `${areaCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  const parsed = parseIdNumber(first17 + checkCharacter(first17));
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.idNumber;
}

/** Hides the birth date and sequence for display and logs: 411202********123X. */
export const maskIdNumber = (idNumber: string): string =>
  idNumber.length > 10 ? `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}` : '*'.repeat(idNumber.length);

/** maskIdNumber as a SQL expression over `column`, for text written set-based in the database (a test holds the two equal). */
export const maskIdNumberSql = (column: string): string =>
  `CASE WHEN length(${column}) > 10 THEN left(${column}, 6) || repeat('*', length(${column}) - 10) || right(${column}, 4) ELSE repeat('*', length(${column})) END`;
