// Rules for category holdings (认定结果): which subtypes a category takes, which
// categories exclude each other, and how a holding's status may change.
import { conflict, DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import { toFen } from '@lip/shared/money';
import type { CareLevel, HoldingStatus, HoldingSubtype, LowIncomeCategory } from '../generated/prisma/enums.ts';

export const SUBTYPES: Record<LowIncomeCategory, readonly HoldingSubtype[]> = {
  SUBSISTENCE_ALLOWANCE: [],
  EXTREME_POVERTY: ['DISPERSED', 'CENTRALIZED'],
  NEAR_SUBSISTENCE: [],
  ESSENTIAL_EXPENDITURE_HARDSHIP: [],
  RELAPSE_MONITORING: ['UNSTABLE_LIFTED_OUT', 'MARGINAL_AT_RISK', 'SUDDEN_SEVERE_HARDSHIP'],
  OTHER_HARDSHIP: [],
};

/** Basic living assistance is either dibao or extreme-poverty support, never both. */
const EXCLUSIVE: readonly (readonly [LowIncomeCategory, LowIncomeCategory])[] = [['SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY']];

export function exclusiveWith(category: LowIncomeCategory): LowIncomeCategory[] {
  return EXCLUSIVE.flatMap(([a, b]) => (a === category ? [b] : b === category ? [a] : []));
}

export function checkSubtype(category: LowIncomeCategory, subtype: HoldingSubtype | null | undefined) {
  const allowed = SUBTYPES[category];
  if (allowed.length === 0 && subtype) {
    throw invalidInput(`${category} has no subtype, got ${subtype}`, { field: 'subtype' });
  }
  if (allowed.length > 0 && (!subtype || !allowed.includes(subtype))) {
    throw invalidInput(`${category} needs a subtype: one of ${allowed.join(', ')}`, { field: 'subtype' });
  }
}

export function checkValidity(validFrom: Date, validTo: Date | null | undefined) {
  if (validTo && validTo < validFrom) {
    throw invalidInput('validTo must not be before validFrom', { field: 'validTo' });
  }
}

export interface OpenHolding {
  category: LowIncomeCategory;
  status: HoldingStatus;
}

/** What payments pays on a holding and when it is next reviewed. */
export interface SupportTerms {
  monthlyAmount?: string | null;
  careLevel?: CareLevel | null;
  careInstitution?: string | null;
  nextReviewOn?: Date | null;
}

export interface GrantRequest extends SupportTerms {
  category: LowIncomeCategory;
  subtype?: HoldingSubtype | null;
  validFrom: Date;
  validTo?: Date | null;
}

/** Basic living assistance (dibao, extreme-poverty support) is what civil affairs pays monthly. */
const PAID_MONTHLY: readonly LowIncomeCategory[] = ['SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY'];

/** Support terms fit the category: an amount only where it is paid, care only for extreme poverty, an institution only when centralized. */
export function checkSupportTerms(request: GrantRequest) {
  if (request.monthlyAmount != null) {
    if (!PAID_MONTHLY.includes(request.category)) {
      throw invalidInput(`${request.category} is not paid monthly; monthlyAmount is for ${PAID_MONTHLY.join(' and ')}`, { field: 'monthlyAmount' });
    }
    if (toFen(request.monthlyAmount) <= 0) throw invalidInput('monthlyAmount must be greater than 0', { field: 'monthlyAmount' });
  }
  if (request.careLevel && request.category !== 'EXTREME_POVERTY') {
    throw invalidInput('careLevel is for EXTREME_POVERTY only', { field: 'careLevel' });
  }
  if (request.careInstitution != null && request.subtype !== 'CENTRALIZED') {
    throw invalidInput('careInstitution is for CENTRALIZED extreme-poverty support only', { field: 'careInstitution' });
  }
  if (request.nextReviewOn && request.nextReviewOn < request.validFrom) {
    throw invalidInput('nextReviewOn must not be before validFrom', { field: 'nextReviewOn' });
  }
}

/** Throws unless `person` may be granted `request` given the holdings they already have. */
export function checkGrant(person: { deceasedOn: Date | null }, holdings: readonly OpenHolding[], request: GrantRequest) {
  if (person.deceasedOn) {
    throw conflict('A deceased person cannot be granted a category', { reason: 'PERSON_DECEASED' });
  }
  checkSubtype(request.category, request.subtype);
  checkValidity(request.validFrom, request.validTo);
  checkSupportTerms(request);
  const open = holdings.filter((holding) => holding.status !== 'ENDED');
  if (open.some((holding) => holding.category === request.category)) {
    throw conflict(`The person already holds ${request.category}`, { reason: 'ALREADY_HELD' });
  }
  const clash = open.find((holding) => exclusiveWith(request.category).includes(holding.category));
  if (clash) {
    throw conflict(`${request.category} and ${clash.category} are mutually exclusive; end ${clash.category} first`, {
      reason: 'MUTUALLY_EXCLUSIVE',
    });
  }
}

export type HoldingChange = 'SUSPEND' | 'RESUME' | 'END';

const TRANSITIONS: Record<HoldingChange, { from: readonly HoldingStatus[]; to: HoldingStatus }> = {
  SUSPEND: { from: ['ACTIVE'], to: 'SUSPENDED' },
  RESUME: { from: ['SUSPENDED'], to: 'ACTIVE' },
  END: { from: ['ACTIVE', 'SUSPENDED'], to: 'ENDED' },
};

export function nextStatus(change: HoldingChange, current: HoldingStatus): HoldingStatus {
  const rule = TRANSITIONS[change];
  if (!rule.from.includes(current)) {
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `Cannot ${change.toLowerCase()} a holding that is ${current}`, {
      from: current,
      change,
    });
  }
  return rule.to;
}
