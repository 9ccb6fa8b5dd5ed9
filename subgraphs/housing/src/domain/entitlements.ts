// Who is entitled to the housing programs (docs/design.md §6, 三政办规〔2024〕5号 住房救助) and whether the
// housing bureau covers them. Pure: the register facts come from civil affairs through @requires.
import { formatDate } from '@lip/shared/calendar';
import { type Entitlement, entitlement, type RegisterFacts } from '@lip/shared/entitlements';
import type { HukouType, LowIncomeCategory } from '@lip/shared/enums';
import type { DwellingSafetyGrade, RuralRenovationStatus, UrbanHousingAssistanceKind } from '../generated/prisma/enums.ts';
import { isUnsafe } from './assessment.ts';
import { isCurrent, type Period } from './urban.ts';

/** Urban: dibao, dispersed extreme poverty, near-subsistence, essential-expenditure hardship. */
export const URBAN_CATEGORIES: readonly LowIncomeCategory[] = [
  'SUBSISTENCE_ALLOWANCE',
  'EXTREME_POVERTY',
  'NEAR_SUBSISTENCE',
  'ESSENTIAL_EXPENDITURE_HARDSHIP',
];
/** Rural: the same plus relapse monitoring (易返贫致贫户). */
export const RURAL_CATEGORIES: readonly LowIncomeCategory[] = ['RELAPSE_MONITORING', ...URBAN_CATEGORIES];

/** The qualifying categories as text, or the reason the person does not qualify by register facts. */
function byRegister(facts: RegisterFacts, hukou: HukouType, qualifying: readonly LowIncomeCategory[]): { entitled: string } | { not: string } {
  const categories = facts.activeCategories;
  if (categories == null) return { not: 'not in the low-income register' };
  if (categories.length === 0) return { not: 'in the register but holds no active low-income category' };
  if (categories.includes('EXTREME_POVERTY') && facts.extremePovertySupport === 'CENTRALIZED') {
    return { not: 'centralized extreme poverty (集中供养): housed by a care institution' };
  }
  const held = categories.filter(
    (category) => qualifying.includes(category) && (category !== 'EXTREME_POVERTY' || facts.extremePovertySupport === 'DISPERSED'),
  );
  if (held.length === 0) return { not: `${categories.join(', ')} does not qualify for ${hukou === 'URBAN' ? 'urban housing assistance' : 'rural renovation'}` };
  if (facts.hukouType == null) return { not: 'hukou type unknown in the register' };
  if (facts.hukouType !== hukou) return { not: `${facts.hukouType.toLowerCase()} hukou; the program is for ${hukou.toLowerCase()} households` };
  return { entitled: `${hukou.toLowerCase()} hukou with ${held.join(', ')}` };
}

export interface UrbanRecord extends Period {
  id: string;
  kind: UrbanHousingAssistanceKind;
}

/** URBAN_HOUSING: covered by a public-rental tenancy or rent subsidy current on `today`. */
export function urbanHousingEntitlement(facts: RegisterFacts, records: readonly UrbanRecord[], today: Date): Entitlement {
  const decided = byRegister(facts, 'URBAN', URBAN_CATEGORIES);
  if ('not' in decided) return entitlement('URBAN_HOUSING', null, false, decided.not);
  const current = records.find((record) => isCurrent(record, today));
  const coverage = current
    ? `current ${current.kind} ${current.id} since ${formatDate(current.startDate)}`
    : 'no public-rental tenancy or rent subsidy current today';
  return entitlement('URBAN_HOUSING', decided.entitled, current !== undefined, coverage);
}

export interface RenovationCaseFacts {
  id: string;
  status: RuralRenovationStatus;
}

/**
 * RURAL_HOUSING_RENOVATION: entitled when the register qualifies the person AND the latest dwelling
 * assessment is C, D or NO_HOUSE; covered by an open or COMPLETED case (a REJECTED one does not count).
 */
export function ruralRenovationEntitlement(
  facts: RegisterFacts,
  latest: { grade: DwellingSafetyGrade; assessedOn: Date } | null,
  cases: readonly RenovationCaseFacts[],
): Entitlement {
  const decided = byRegister(facts, 'RURAL', RURAL_CATEGORIES);
  if ('not' in decided) return entitlement('RURAL_HOUSING_RENOVATION', null, false, decided.not);
  if (!latest) return entitlement('RURAL_HOUSING_RENOVATION', null, false, `${decided.entitled}, but no dwelling safety assessment on record`);
  if (!isUnsafe(latest.grade)) {
    return entitlement(
      'RURAL_HOUSING_RENOVATION',
      null,
      false,
      `${decided.entitled}, but the latest assessment (${formatDate(latest.assessedOn)}) grades the dwelling ${latest.grade}: safe`,
    );
  }
  const entitled = `${decided.entitled}; latest assessment ${formatDate(latest.assessedOn)} grade ${latest.grade}`;
  const covering = cases.find((c) => c.status !== 'REJECTED');
  const coverage = covering ? `renovation case ${covering.id} is ${covering.status}` : cases.length ? 'only REJECTED renovation cases' : 'no renovation case';
  return entitlement('RURAL_HOUSING_RENOVATION', entitled, covering !== undefined, coverage);
}
