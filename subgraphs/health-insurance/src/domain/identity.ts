// 医疗救助对象身份: which low-income category the department treats a person under. A person may hold
// several (e.g. dibao with relapse monitoring); the most favourable one is the one to record.
import type { LowIncomeCategory } from '@lip/shared/enums';

/**
 * Order of preference (lower is better), following the tiers of docs/design.md §6: extreme poverty, then dibao
 * (tier 1), then relapse monitoring and near-subsistence, then essential-expenditure hardship and other
 * hardship. Categories of equal rank are equally good. This is an ordering, not an amount: the amounts
 * of each identity are policy parameters.
 */
export const IDENTITY_RANK: Record<LowIncomeCategory, number> = {
  EXTREME_POVERTY: 0,
  SUBSISTENCE_ALLOWANCE: 1,
  RELAPSE_MONITORING: 2,
  NEAR_SUBSISTENCE: 2,
  ESSENTIAL_EXPENDITURE_HARDSHIP: 3,
  OTHER_HARDSHIP: 4,
};

/** The identity to record for a person holding these categories, or null when none. */
export function preferredIdentity(categories: readonly LowIncomeCategory[] | null | undefined): LowIncomeCategory | null {
  let best: LowIncomeCategory | null = null;
  for (const category of categories ?? []) if (best === null || IDENTITY_RANK[category] < IDENTITY_RANK[best]) best = category;
  return best;
}

/** Whether `identity` is one of the categories held and as favourable as the best of them. */
export function isPreferredIdentity(identity: LowIncomeCategory | null | undefined, categories: readonly LowIncomeCategory[]): boolean {
  const best = preferredIdentity(categories);
  return identity != null && best !== null && categories.includes(identity) && IDENTITY_RANK[identity] === IDENTITY_RANK[best];
}
