import { describe, expect, it } from 'vitest';
import { checkCharacter, isCanonicalIdNumber, makeIdNumber, maskIdNumber, parseIdNumber } from '../src/id-number.ts';

const TODAY = new Date(2025, 5, 1); // 2025-06-01, local time

const reasonOf = (value: string) => {
  const result = parseIdNumber(value, TODAY);
  return result.ok ? 'OK' : result.reason;
};

describe('checkCharacter', () => {
  it('matches the example of GB 11643-1999', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
  });

  it('computes digits too', () => {
    expect(checkCharacter('41120219900101123')).toBe('0');
    expect(checkCharacter('41122219850505001')).toBe('5');
  });

  it('rejects anything but 17 digits', () => {
    expect(() => checkCharacter('4112021990010112')).toThrow(RangeError);
  });
});

describe('parseIdNumber', () => {
  it('reads a valid number', () => {
    expect(parseIdNumber('411202199001011230', TODAY)).toEqual({
      ok: true,
      idNumber: '411202199001011230',
      areaCode: '411202',
      birthDate: '1990-01-01',
      sex: 'MALE',
      sequence: 123,
    });
  });

  it('accepts X as check character and reads an even sequence as female', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toMatchObject({ ok: true, sex: 'FEMALE', sequence: 2, birthDate: '1949-12-31' });
    expect(parseIdNumber('41120219900101129X', TODAY)).toMatchObject({ ok: true, sex: 'MALE', sequence: 129 });
  });

  it('normalises a lowercase x and surrounding spaces', () => {
    expect(parseIdNumber(' 41120219900101129x ', TODAY)).toMatchObject({ ok: true, idNumber: '41120219900101129X' });
  });

  it('accepts the historical area code 411222 陕县 and 411201 市辖区', () => {
    expect(parseIdNumber('411222198505050015', TODAY)).toMatchObject({ ok: true, areaCode: '411222' });
    expect(parseIdNumber('411201198001010018', TODAY)).toMatchObject({ ok: true, areaCode: '411201' });
  });

  it('rejects a wrong length', () => {
    expect(parseIdNumber('41120219900101123', TODAY)).toEqual({ ok: false, reason: 'LENGTH', message: 'ID number must be 18 characters, got 17' });
    expect(reasonOf('4112021990010112300')).toBe('LENGTH');
    expect(reasonOf('')).toBe('LENGTH');
  });

  it('rejects letters other than a final X', () => {
    expect(parseIdNumber('4112021990O1011230', TODAY)).toMatchObject({ ok: false, reason: 'FORMAT', message: expect.stringContaining('character 11 is "O"') });
    expect(reasonOf('X11202199001011230')).toBe('FORMAT');
    expect(reasonOf('41120219900101123Y')).toBe('FORMAT');
  });

  it('rejects an unknown area code', () => {
    const id = '99999919900101123';
    expect(parseIdNumber(id + checkCharacter(id), TODAY)).toMatchObject({
      ok: false,
      reason: 'AREA',
      message: 'area code 999999 is not a known GB/T 2260 code',
    });
  });

  it('rejects impossible birth dates', () => {
    const withDate = (date: string) => {
      const first17 = `411202${date}123`;
      return parseIdNumber(first17 + checkCharacter(first17), TODAY);
    };
    expect(withDate('19990231')).toMatchObject({ ok: false, reason: 'BIRTH_DATE', message: 'birth date 19990231 is not a real date' });
    expect(withDate('19901301')).toMatchObject({ ok: false, reason: 'BIRTH_DATE' });
    expect(withDate('19900100')).toMatchObject({ ok: false, reason: 'BIRTH_DATE' });
    expect(withDate('18991231')).toMatchObject({ ok: false, reason: 'BIRTH_DATE', message: 'birth date 18991231 is before 1900' });
  });

  it('knows leap years: 2000-02-29 exists, 1900-02-29 does not', () => {
    expect(parseIdNumber('411203200002290026', TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29', sex: 'FEMALE' });
    const first17 = '41120319000229002';
    expect(parseIdNumber(first17 + checkCharacter(first17), TODAY)).toMatchObject({
      ok: false,
      reason: 'BIRTH_DATE',
      message: 'birth date 19000229 is not a real date',
    });
  });

  it('rejects a birth date after today, but not today', () => {
    const future = '41120220250602123';
    expect(parseIdNumber(future + checkCharacter(future), TODAY)).toMatchObject({
      ok: false,
      reason: 'BIRTH_DATE',
      message: 'birth date 20250602 is in the future',
    });
    const bornToday = '41120220250601123';
    expect(parseIdNumber(bornToday + checkCharacter(bornToday), TODAY).ok).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(parseIdNumber('411202199001011231', TODAY)).toEqual({
      ok: false,
      reason: 'CHECK_CHARACTER',
      message: 'check character should be 0, got 1',
    });
    expect(parseIdNumber('41120219900101123x', TODAY)).toMatchObject({ reason: 'CHECK_CHARACTER', message: 'check character should be 0, got X' });
  });
});

describe('makeIdNumber', () => {
  it('builds numbers that parse back to their parts', () => {
    const id = makeIdNumber({ areaCode: '411282', birthDate: '1976-11-02', sequence: 301 });
    expect(id).toBe('411282197611023012');
    expect(parseIdNumber(id)).toMatchObject({ ok: true, areaCode: '411282', birthDate: '1976-11-02', sequence: 301, sex: 'MALE' });
    expect(makeIdNumber({ areaCode: '411202', birthDate: '1990-01-01', sequence: 129 })).toBe('41120219900101129X');
  });

  it('refuses parts that make no valid number', () => {
    expect(() => makeIdNumber({ areaCode: '999999', birthDate: '1990-01-01', sequence: 1 })).toThrow('area code 999999');
    expect(() => makeIdNumber({ areaCode: '411202', birthDate: '1999-02-31', sequence: 1 })).toThrow('not a real date');
    expect(() => makeIdNumber({ areaCode: '411202', birthDate: '19900101', sequence: 1 })).toThrow(RangeError);
    expect(() => makeIdNumber({ areaCode: '411202', birthDate: '1990-01-01', sequence: 1000 })).toThrow(RangeError);
  });
});

describe('maskIdNumber', () => {
  it('shows only the area code and the last four characters', () => {
    expect(maskIdNumber('41120219900101129X')).toBe('411202********129X');
  });
});

describe('isCanonicalIdNumber', () => {
  const valid = makeIdNumber({ areaCode: '411202', birthDate: '2000-02-29', sequence: 17 });
  const withCheck = (first17: string) => first17 + checkCharacter(first17);

  it('accepts exactly what parseIdNumber accepts unchanged, born by the bound', () => {
    const cases = [
      valid,
      '11010519491231002X',
      withCheck('41120219000229001'), // 1900 was not a leap year
      withCheck('41120218991231001'),
      withCheck('99999919900101001'), // unknown area
      withCheck('41120219901301001'),
      withCheck('41120219900431001'),
      withCheck('41120219900100001'),
      `${valid.slice(0, 17)}${valid.endsWith('1') ? '2' : '1'}`,
      '11010519491231002x',
      ` ${valid}`,
      valid.slice(0, 17),
      `41120219900101a01${valid.charAt(17)}`,
      withCheck('41120220250531001'),
      withCheck('41120220250601001'),
    ];
    for (const value of cases) {
      const parsed = parseIdNumber(value, TODAY);
      expect(isCanonicalIdNumber(value, 20250601), value).toBe(parsed.ok && parsed.idNumber === value);
    }
  });

  it('leaves a birth after the bound to parseIdNumber', () => {
    const born = withCheck('41120220250601001');
    expect(isCanonicalIdNumber(born, 20250601)).toBe(true);
    expect(isCanonicalIdNumber(born, 20250531)).toBe(false);
  });
});
