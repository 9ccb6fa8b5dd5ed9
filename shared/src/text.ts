// Free-text input rules shared by every subgraph (names, reasons, notes) and by the edge that
// refuses unsafe text before any resolver runs. Lengths are counted in code points (𠮷 is one
// character, as a clerk counts it), never in UTF-16 units.
import { invalidInput } from '@lip/shared/errors';

/**
 * Characters no register text may hold: C0 and C1 controls (NUL included, which PostgreSQL cannot
 * store; tabs and newlines too: every text field is a single line), lone surrogates (not text at
 * all) and the noncharacters U+FFFE/U+FFFF. \p{Cc} is exactly U+0000–U+001F and U+007F–U+009F; with
 * the u flag, \p{Cs} matches only a surrogate without its pair.
 */
const UNSAFE = /[\p{Cc}\p{Cs}\ufffe\uffff]/u;
/** The same, but tabs and line breaks pass: what a multi-line value (a CSV file, a report) may hold. */
const UNSAFE_MULTILINE = /(?![\t\n\r])[\p{Cc}\p{Cs}\ufffe\uffff]/u;

/** Length in code points. */
export const textLength = (value: string) => [...value].length;

/** Why `value` is not acceptable text, or undefined when it is. */
export function unsafeText(value: string, multiline = false): string | undefined {
  const match = (multiline ? UNSAFE_MULTILINE : UNSAFE).exec(value);
  if (!match) return undefined;
  const unit = match[0].charCodeAt(0);
  return unit >= 0xd800 && unit <= 0xdfff
    ? 'a lone surrogate (not Unicode text)'
    : `the control character U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Refuses control characters and lone surrogates in `value`, naming `field`. */
export function checkSafeText(value: string, field: string): string {
  const problem = unsafeText(value);
  if (problem) throw invalidInput(`${field} contains ${problem}`, { field, reason: 'UNSAFE_CHARACTER' });
  return value;
}

/** Trims `value` and requires min..max characters (code points) and no unsafe character; throws INVALID_INPUT naming `field`. */
export function checkText(value: string, field: string, min: number, max: number): string {
  const trimmed = checkSafeText(value, field).trim();
  const length = textLength(trimmed);
  if (length < min || length > max) throw invalidInput(`${field} must be ${min} to ${max} characters, got ${length}`, { field, reason: 'LENGTH' });
  return trimmed;
}

/** An optional text: null/undefined/blank become null, otherwise as checkText. */
export const checkOptionalText = (value: string | null | undefined, field: string, min: number, max: number): string | null =>
  value == null || value.trim() === '' ? null : checkText(value, field, min, max);

/** A reason for closing or cancelling: 2 to 500 characters. */
export const checkReason = (reason: string, field = 'reason') => checkText(reason, field, 2, 500);

/**
 * The first unsafe or oversized string anywhere in a request's variables (or any JSON value),
 * with its path; `maxLength` bounds every string (code units, a cheap upper bound checked first).
 * Line breaks and tabs pass here (files and reports are multi-line); single-line fields refuse
 * them in their own checks (`checkText`).
 */
export function findBadString(value: unknown, maxLength: number, path: (string | number)[] = []): { path: string; problem: string } | undefined {
  if (typeof value === 'string') {
    if (value.length > maxLength) return { path: path.join('.'), problem: `is longer than ${maxLength} characters` };
    const problem = unsafeText(value, true);
    return problem ? { path: path.join('.'), problem: `contains ${problem}` } : undefined;
  }
  // One path, extended and restored on the way (a request's variables can hold thousands of values).
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      path.push(index);
      const found = findBadString(value[index], maxLength, path);
      path.pop();
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      path.push(key);
      const found = findBadString(key, maxLength, path) ?? findBadString(item, maxLength, path);
      path.pop();
      if (found) return found;
    }
  }
  return undefined;
}
