import { parseIdNumber } from '@lip/shared/id-number';

/** Whether a Prisma error is a unique-constraint violation (P2002), e.g. from a concurrent write. */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';

/** The birth date (YYYY-MM-DD) of an ID number the IdNumber scalar has already checked. */
export function birthDateOf(idNumber: string): string | undefined {
  const parsed = parseIdNumber(idNumber);
  return parsed.ok ? parsed.birthDate : undefined;
}
