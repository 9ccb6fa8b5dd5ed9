import { parseIdNumber } from '@lip/shared/id-number';

/** The birth date (YYYY-MM-DD) of an ID number the IdNumber scalar has already checked. */
export function birthDateOf(idNumber: string): string | undefined {
  const parsed = parseIdNumber(idNumber);
  return parsed.ok ? parsed.birthDate : undefined;
}
