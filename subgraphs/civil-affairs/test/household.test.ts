import { makeIdNumber } from '@lip/shared/id-number';
import { codeOf } from '@lip/shared/testing';
import { describe, expect, it } from 'vitest';
import { checkHouseholdFacts, checkMember, checkMembers, perCapitaIncome } from '../src/domain/household.ts';

const id = (sequence: number, birthDate = '1980-05-05') => makeIdNumber({ areaCode: '411203', birthDate, sequence });

describe('household facts', () => {
  const facts = { regionCode: '411202001', address: ' 湖滨街道1号 ', hukouType: 'URBAN' as const, monthlyIncome: '900.50', financialAssets: '0' };

  it('accepts a township or village of Sanmenxia and trims the address', () => {
    expect(checkHouseholdFacts(facts).address).toBe('湖滨街道1号');
    expect(codeOf(() => checkHouseholdFacts({ ...facts, regionCode: '411202001001' }))).toEqual({ code: 'NONE' });
  });

  it('refuses counties, unknown and foreign codes with INVALID_REGION_CODE', () => {
    expect(codeOf(() => checkHouseholdFacts({ ...facts, regionCode: '411202' }))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'LEVEL' });
    expect(codeOf(() => checkHouseholdFacts({ ...facts, regionCode: '411202999' }))).toMatchObject({ code: 'INVALID_REGION_CODE', reason: 'UNKNOWN' });
    expect(codeOf(() => checkHouseholdFacts({ ...facts, regionCode: '410102001' }))).toMatchObject({
      code: 'INVALID_REGION_CODE',
      reason: 'OUTSIDE_SANMENXIA',
    });
  });

  it('bounds amounts and counts', () => {
    expect(codeOf(() => checkHouseholdFacts({ ...facts, monthlyIncome: '-1' }))).toMatchObject({ code: 'INVALID_INPUT', field: 'monthlyIncome' });
    expect(codeOf(() => checkHouseholdFacts({ ...facts, financialAssets: '100000000.01' }))).toMatchObject({ field: 'financialAssets' });
    expect(codeOf(() => checkHouseholdFacts({ ...facts, vehicleCount: 1.5 }))).toMatchObject({ field: 'vehicleCount' });
    expect(codeOf(() => checkHouseholdFacts({ ...facts, address: '  ' }))).toMatchObject({ field: 'address' });
  });
});

describe('members', () => {
  it('derives sex and birth date from the ID number', () => {
    const member = checkMember({ idNumber: id(13, '1990-02-28'), name: '阿依古丽·买买提', relationshipToHead: 'HEAD', phone: '13900001111' });
    expect(member).toMatchObject({ sex: 'MALE', phone: '13900001111' });
    expect(member.birthDate.toISOString()).toBe('1990-02-28T00:00:00.000Z');
    expect(checkMember({ idNumber: id(14), name: '李四', relationshipToHead: 'HEAD' }).sex).toBe('FEMALE');
  });

  it('refuses bad names, phones and ID numbers, naming the member', () => {
    expect(codeOf(() => checkMember({ idNumber: id(1), name: 'Li 3', relationshipToHead: 'HEAD' }))).toMatchObject({ field: 'name' });
    expect(codeOf(() => checkMember({ idNumber: id(1), name: '李四', relationshipToHead: 'HEAD', phone: '02912' }))).toMatchObject({ field: 'phone' });
    expect(
      codeOf(() =>
        checkMembers([
          { idNumber: id(1), name: '李四', relationshipToHead: 'HEAD' },
          { idNumber: id(3).slice(0, 17), name: '李五', relationshipToHead: 'CHILD' },
        ]),
      ),
    ).toMatchObject({
      code: 'INVALID_ID_NUMBER',
      reason: 'LENGTH',
      member: 2,
    });
  });

  it('needs exactly one head and no one twice', () => {
    const head = { idNumber: id(1), name: '李四', relationshipToHead: 'HEAD' as const };
    expect(codeOf(() => checkMembers([]))).toMatchObject({ field: 'members' });
    expect(codeOf(() => checkMembers([{ ...head, relationshipToHead: 'CHILD' }]))).toMatchObject({ field: 'members' });
    expect(codeOf(() => checkMembers([head, { ...head, idNumber: id(3) }]))).toMatchObject({ field: 'members' });
    expect(codeOf(() => checkMembers([head, { ...head, relationshipToHead: 'SPOUSE' }]))).toMatchObject({ field: 'members' });
    expect(checkMembers([head, { ...head, idNumber: id(3), relationshipToHead: 'SPOUSE' }])).toHaveLength(2);
  });

  it('computes per-capita income to the fen', () => {
    expect(perCapitaIncome(1000, 3)).toBe(333.33);
    expect(perCapitaIncome(1000, 0)).toBe(0);
  });
});
