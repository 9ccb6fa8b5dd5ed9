import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, makeCreditCode, parseCreditCode } from '../src/domain/credit-code.ts';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    // Codes printed on business licences (a manufacturer, an Internet company, the standard's own example).
    for (const code of ['914403001922038216', '91440300708461136T', '91350100M000100Y43', '911100007109303176']) {
      expect(parseCreditCode(code)).toEqual({ ok: true, code });
    }
  });

  it('normalises case and spaces', () => {
    expect(parseCreditCode(' 91440300708461136t ')).toEqual({ ok: true, code: '91440300708461136T' });
  });

  it('computes the check character, with 31 becoming 0', () => {
    expect(creditCodeCheckCharacter('91440300192203821')).toBe('6');
    expect(makeCreditCode('91440300192203821')).toBe('914403001922038216');
    // The 17th weight (3^16 mod 31 = 28) is prime to 31, so exactly one 17th character makes the sum a multiple of 31.
    let found = false;
    for (let n = 0; n < 31 && !found; n++) {
      const first17 = `9141120200000000${'0123456789ABCDEFGHJKLMNPQRTUWXY'.charAt(n)}`;
      if (creditCodeCheckCharacter(first17) === '0') found = parseCreditCode(`${first17}0`).ok;
    }
    expect(found).toBe(true);
  });

  it('rejects each kind of bad code', () => {
    expect(parseCreditCode('91440300708461136')).toMatchObject({ ok: false, reason: 'LENGTH' });
    expect(parseCreditCode('91440300708461136TX')).toMatchObject({ ok: false, reason: 'LENGTH' });
    expect(parseCreditCode('9144030070846113IT')).toMatchObject({ ok: false, reason: 'CHARACTER' }); // I is not used
    expect(parseCreditCode('91440300708461136O')).toMatchObject({ ok: false, reason: 'CHARACTER' });
    expect(parseCreditCode('91A40300708461136T')).toMatchObject({ ok: false, reason: 'REGION' });
    expect(parseCreditCode('91440300708461136A')).toMatchObject({ ok: false, reason: 'CHECK_CHARACTER', message: expect.stringContaining('should be T') });
    expect(parseCreditCode('91440300708461163T')).toMatchObject({ ok: false, reason: 'CHECK_CHARACTER' }); // transposed digits
  });
});
