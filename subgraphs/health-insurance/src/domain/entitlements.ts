// 应保尽保 for the two health-insurance programs (docs/design.md §6), decided from the civil-affairs facts
// (`@requires`) and the department's enrolment of the year:
//   PREMIUM_SUBSIDY    — EXTREME_POVERTY: FULL (全额资助); any other low-income category: FIXED (定额资助).
//                        Covered when that year's enrolment carries a subsidy of that kind.
//   MEDICAL_ASSISTANCE — every low-income category. Covered when that year's enrolment records an assistance
//                        identity that is one of the person's categories and as favourable as the best of them,
//                        so that claims are assisted at the right tier.
// A person civil affairs does not know (null facts) or who holds no active category is NOT_ENTITLED; the reason
// then says when the enrolment still carries a subsidy or identity (应退尽退: to be withdrawn).
import { type Entitlement, entitlement, type RegisterFacts } from '@lip/shared/entitlements';
import type { LowIncomeCategory } from '@lip/shared/enums';
import { expectedSubsidyKind, type PremiumSubsidyKind } from './enrolment.ts';
import { isPreferredIdentity, preferredIdentity } from './identity.ts';

export interface EnrolmentFacts {
  year: number;
  subsidyKind: PremiumSubsidyKind;
  subsidyAmount: { toString(): string } | string;
  assistanceIdentity: LowIncomeCategory | null;
}

const KIND_NAMES: Record<PremiumSubsidyKind, string> = { FULL: 'FULL (全额资助)', FIXED: 'FIXED (定额资助)', NONE: 'NONE (无资助)' };

function notEntitledReason(facts: RegisterFacts): string {
  if (facts.activeCategories == null) return 'not in the low-income register';
  return 'in the register but holds no active low-income category';
}

const money = (value: { toString(): string } | string) => Number(value.toString()).toFixed(2);

export function premiumSubsidyEntitlement(facts: RegisterFacts, enrolment: EnrolmentFacts | undefined, year: number): Entitlement {
  const categories = facts.activeCategories ?? [];
  if (categories.length === 0) {
    const stale =
      enrolment && enrolment.subsidyKind !== 'NONE'
        ? `; but the ${year} enrolment still carries a ${KIND_NAMES[enrolment.subsidyKind]} subsidy (应退尽退: review it)`
        : '';
    return entitlement('PREMIUM_SUBSIDY', null, false, notEntitledReason(facts) + stale);
  }
  const expected = expectedSubsidyKind(preferredIdentity(categories));
  const entitled = categories.includes('EXTREME_POVERTY')
    ? 'EXTREME_POVERTY: the premium is subsidised in FULL (全额资助)'
    : `holds ${categories.join(', ')}: a FIXED premium subsidy (定额资助)`;
  if (!enrolment) return entitlement('PREMIUM_SUBSIDY', entitled, false, `not enrolled in resident medical insurance for ${year}`);
  if (enrolment.subsidyKind === expected) {
    return entitlement(
      'PREMIUM_SUBSIDY',
      entitled,
      true,
      `the ${year} enrolment carries a ${KIND_NAMES[expected]} subsidy of ${money(enrolment.subsidyAmount)}`,
    );
  }
  const found =
    enrolment.subsidyKind === 'NONE'
      ? `the ${year} enrolment carries no subsidy`
      : `the ${year} enrolment carries a ${KIND_NAMES[enrolment.subsidyKind]} subsidy`;
  return entitlement('PREMIUM_SUBSIDY', entitled, false, `${found}, ${KIND_NAMES[expected]} expected`);
}

export function medicalAssistanceEntitlement(facts: RegisterFacts, enrolment: EnrolmentFacts | undefined, year: number): Entitlement {
  const categories = facts.activeCategories ?? [];
  if (categories.length === 0) {
    const stale = enrolment?.assistanceIdentity
      ? `; but the ${year} enrolment still records the assistance identity ${enrolment.assistanceIdentity} (应退尽退: claims are still assisted)`
      : '';
    return entitlement('MEDICAL_ASSISTANCE', null, false, notEntitledReason(facts) + stale);
  }
  const best = preferredIdentity(categories)!;
  const entitled = `holds ${categories.join(', ')}: medical assistance on inpatient and chronic-outpatient costs at the ${best} tier`;
  if (!enrolment)
    return entitlement('MEDICAL_ASSISTANCE', entitled, false, `not enrolled in resident medical insurance for ${year}, so no claim can be assisted`);
  const identity = enrolment.assistanceIdentity;
  if (isPreferredIdentity(identity, categories)) {
    return entitlement('MEDICAL_ASSISTANCE', entitled, true, `the ${year} enrolment records the assistance identity ${identity}`);
  }
  if (!identity) {
    return entitlement('MEDICAL_ASSISTANCE', entitled, false, `the ${year} enrolment records no assistance identity, so claims are not assisted`);
  }
  const why = categories.includes(identity) ? `a less favourable tier than ${best}` : 'not a current category';
  return entitlement('MEDICAL_ASSISTANCE', entitled, false, `the ${year} enrolment records the assistance identity ${identity}, ${why}`);
}

/** Both programs for the enrolment of `year` (found among the person's enrolments). */
export function healthInsuranceEntitlements(facts: RegisterFacts, enrolments: readonly EnrolmentFacts[], year: number): Entitlement[] {
  const enrolment = enrolments.find((candidate) => candidate.year === year);
  return [premiumSubsidyEntitlement(facts, enrolment, year), medicalAssistanceEntitlement(facts, enrolment, year)];
}
