// 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set 0-9 A-H J-N P-R T U W-Y
// (no I, O, Z, S, V): a registration-authority code, an entity-type code, a 6-digit region code,
// a 9-character organisation code (GB 11714) and a check character over the first 17.
//
// Check character: c = 31 − (Σ value(i) × 3^i mod 31) mod 31, i = 0..16, weights taken mod 31;
// c = 31 becomes 0. Value(ch) is its position in CHARSET.

export const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

export type CreditCodeProblem = 'LENGTH' | 'CHARACTER' | 'REGION' | 'CHECK_CHARACTER';
export type CreditCodeResult = { ok: true; code: string } | { ok: false; reason: CreditCodeProblem; message: string };

/** The check character of the first 17 characters (which must be from CHARSET). */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`"${first17.charAt(i)}" is not a credit-code character`);
    sum += value * WEIGHTS[i]!;
  }
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Validates a unified social credit code; lowercase letters and surrounding spaces are accepted. */
export function parseCreditCode(value: string): CreditCodeResult {
  const code = value.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, reason: 'LENGTH', message: `a unified social credit code has 18 characters, got ${code.length}` };
  const bad = [...code].findIndex((char) => !CHARSET.includes(char));
  if (bad >= 0) {
    return {
      ok: false,
      reason: 'CHARACTER',
      message: `character ${bad + 1} "${code.charAt(bad)}" is not allowed in a unified social credit code (digits and capitals except I, O, Z, S, V)`,
    };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return { ok: false, reason: 'REGION', message: `characters 3–8 of a unified social credit code are a 6-digit region code, got ${code.slice(2, 8)}` };
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return { ok: false, reason: 'CHECK_CHARACTER', message: `check character should be ${expected}, got ${code.charAt(17)}` };
  }
  return { ok: true, code };
}

/** Builds a valid code from its first 17 characters (demo data and tests). */
export const makeCreditCode = (first17: string) => first17 + creditCodeCheckCharacter(first17);
