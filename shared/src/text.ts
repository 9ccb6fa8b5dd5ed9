// Free-text input rules shared by every subgraph (names, reasons, notes).
import { invalidInput } from '@lip/shared/errors';

/** Trims `value` and requires min..max characters; throws INVALID_INPUT naming `field`. */
export function checkText(value: string, field: string, min: number, max: number): string {
  const trimmed = value.trim();
  const length = [...trimmed].length;
  if (length < min || length > max) throw invalidInput(`${field} must be ${min} to ${max} characters, got ${length}`, { field });
  return trimmed;
}

/** An optional text: null/undefined/blank become null, otherwise as checkText. */
export const checkOptionalText = (value: string | null | undefined, field: string, min: number, max: number): string | null =>
  value == null || value.trim() === '' ? null : checkText(value, field, min, max);

/** A reason for closing or cancelling: 2 to 500 characters. */
export const checkReason = (reason: string, field = 'reason') => checkText(reason, field, 2, 500);
