// Validation of household registrations and their members (means-testing unit, 家庭).
import { DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import { parseIdNumber } from '@lip/shared/id-number';
import { validateRegionCode } from '@lip/shared/regions';
import { checkText, textLength } from '@lip/shared/text';
import type { HukouType, Relationship, Sex } from '../generated/prisma/enums.ts';

export const LIMITS = {
  members: 30,
  monthlyIncome: 1_000_000,
  financialAssets: 100_000_000,
  propertyCount: 99,
  address: 200,
  name: 50,
} as const;

export interface MemberInput {
  idNumber: string;
  name: string;
  relationshipToHead: Relationship;
  phone?: string | null;
}

export interface Member extends MemberInput {
  sex: Sex;
  birthDate: Date;
}

export interface HouseholdFacts {
  regionCode: string;
  address: string;
  hukouType: HukouType;
  monthlyIncome: string;
  financialAssets: string;
  realEstateCount?: number | null;
  vehicleCount?: number | null;
}

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
// Han characters (with the middle dot of minority names) or Latin letters; no digits.
const NAME = /^[\p{Script=Han}A-Za-z·•. -]+$/u;

export function checkRegion(regionCode: string) {
  const result = validateRegionCode(regionCode, { minLevel: 'TOWNSHIP' });
  if (!result.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, result.message, { field: 'regionCode', reason: result.reason });
}

function checkAmount(field: string, value: string, max: number) {
  const amount = Number(value);
  if (!Number.isFinite(amount) || amount < 0 || amount > max) {
    throw invalidInput(`${field} must be between 0 and ${max} yuan, got ${value}`, { field });
  }
}

function checkCount(field: string, value: number | null | undefined) {
  if (value == null) return;
  if (!Number.isInteger(value) || value < 0 || value > LIMITS.propertyCount) {
    throw invalidInput(`${field} must be a whole number from 0 to ${LIMITS.propertyCount}`, { field });
  }
}

/** Checks the household-level facts; returns them trimmed. */
export function checkHouseholdFacts<T extends Partial<HouseholdFacts>>(facts: T): T {
  if (facts.regionCode !== undefined) checkRegion(facts.regionCode);
  if (facts.address !== undefined) facts = { ...facts, address: checkText(facts.address, 'address', 1, LIMITS.address) };
  if (facts.monthlyIncome !== undefined) checkAmount('monthlyIncome', facts.monthlyIncome, LIMITS.monthlyIncome);
  if (facts.financialAssets !== undefined) checkAmount('financialAssets', facts.financialAssets, LIMITS.financialAssets);
  checkCount('realEstateCount', facts.realEstateCount);
  checkCount('vehicleCount', facts.vehicleCount);
  return facts;
}

/** Validates one member and derives sex and birth date from the ID number. */
export function checkMember(input: MemberInput, today = new Date()): Member {
  const parsed = parseIdNumber(input.idNumber, today);
  if (!parsed.ok) {
    throw new DomainError(ErrorCode.INVALID_ID_NUMBER, parsed.message, { field: 'idNumber', reason: parsed.reason });
  }
  const name = input.name.trim();
  if (!name || textLength(name) > LIMITS.name || !NAME.test(name)) {
    throw invalidInput(`name must be 1 to ${LIMITS.name} letters or Chinese characters`, { field: 'name' });
  }
  const phone = input.phone?.trim() || null;
  if (phone && !PHONE.test(phone)) {
    throw invalidInput('phone must be a mainland mobile (11 digits) or landline number with area code', { field: 'phone' });
  }
  return {
    ...input,
    idNumber: parsed.idNumber,
    name,
    phone,
    sex: parsed.sex,
    birthDate: new Date(`${parsed.birthDate}T00:00:00.000Z`),
  };
}

/** Validates a whole membership list: one head, no one twice. */
export function checkMembers(inputs: readonly MemberInput[], today = new Date()): Member[] {
  if (inputs.length === 0 || inputs.length > LIMITS.members) {
    throw invalidInput(`A household has 1 to ${LIMITS.members} members`, { field: 'members' });
  }
  const members = inputs.map((input, index) => {
    try {
      return checkMember(input, today);
    } catch (error) {
      if (error instanceof DomainError) Object.assign(error.details, { member: index + 1 });
      throw error;
    }
  });
  const heads = members.filter((member) => member.relationshipToHead === 'HEAD').length;
  if (heads !== 1) throw invalidInput(`A household has exactly one HEAD, got ${heads}`, { field: 'members' });
  const seen = new Set<string>();
  for (const member of members) {
    if (seen.has(member.idNumber)) {
      throw invalidInput(`${member.idNumber} is listed twice`, { field: 'members' });
    }
    seen.add(member.idNumber);
  }
  return members;
}

/** Per-capita monthly income (人均月收入), the figure compared with the dibao standard. */
export function perCapitaIncome(monthlyIncome: number, memberCount: number): number {
  return memberCount === 0 ? 0 : Math.round((monthlyIncome / memberCount) * 100) / 100;
}
