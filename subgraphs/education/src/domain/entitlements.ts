// 教育救助 entitlement (docs/design.md §6: "students in households of SUBSISTENCE_ALLOWANCE, EXTREME_POVERTY,
// NEAR_SUBSISTENCE, ESSENTIAL_EXPENDITURE_HARDSHIP, other difficult households"):
// entitled = a CURRENT student record (any stage) AND one of those categories active, where "other
// difficult households" are OTHER_HARDSHIP and RELAPSE_MONITORING;
// covered = APPROVED or PAID assistance (of any of the person's records) in the current academic year.

import { formatDate } from '@lip/shared/calendar';
import { type Entitlement, entitlement, type RegisterFacts } from '@lip/shared/entitlements';
import type { LowIncomeCategory } from '@lip/shared/enums';
import type { EducationAssistanceKind, EducationAssistanceStatus, EducationStage, StudentRecordStatus } from '../generated/prisma/enums.ts';
import { academicYearOf } from './academic-year.ts';

export const EDUCATION_ASSISTANCE_CATEGORIES: readonly LowIncomeCategory[] = [
  'SUBSISTENCE_ALLOWANCE',
  'EXTREME_POVERTY',
  'NEAR_SUBSISTENCE',
  'ESSENTIAL_EXPENDITURE_HARDSHIP',
  'OTHER_HARDSHIP',
  'RELAPSE_MONITORING',
];

export interface EntitlementRecord {
  status: StudentRecordStatus;
  stage: EducationStage;
  schoolName: string;
  enrolmentYear: number;
  endedOn: Date | null;
}

export interface EntitlementAssistance {
  kind: EducationAssistanceKind;
  academicYear: string;
  status: EducationAssistanceStatus;
}

export function educationEntitlement(
  facts: RegisterFacts,
  records: readonly EntitlementRecord[],
  assistance: readonly EntitlementAssistance[],
  today: Date,
): Entitlement {
  const categories = facts.activeCategories;
  const held = categories?.length ? `; holds ${categories.join(', ')}` : '';
  const current = records.find((record) => record.status === 'CURRENT');
  if (!current) {
    const last = records.filter((record) => record.endedOn).sort((a, b) => b.endedOn!.getTime() - a.endedOn!.getTime())[0];
    const past = last ? ` (last record ${last.status} on ${formatDate(last.endedOn!)})` : '';
    return entitlement('EDUCATION_ASSISTANCE', null, false, `not a current student${past}${held}`);
  }
  const student = `current ${current.stage} student at ${current.schoolName} since ${current.enrolmentYear}`;
  if (categories == null) return entitlement('EDUCATION_ASSISTANCE', null, false, `${student}, but not in the low-income register`);
  const qualifying = categories.filter((category) => EDUCATION_ASSISTANCE_CATEGORIES.includes(category));
  if (qualifying.length === 0) {
    return entitlement('EDUCATION_ASSISTANCE', null, false, `${student}, but holds no qualifying low-income category${held}`);
  }
  const year = academicYearOf(today).label;
  const counted = assistance.filter((given) => given.academicYear === year && (given.status === 'APPROVED' || given.status === 'PAID'));
  const coverage = counted.length
    ? `education assistance in ${year}: ${[...new Set(counted.map((given) => `${given.kind} ${given.status}`))].join(', ')}`
    : `no approved or paid education assistance in ${year}`;
  return entitlement('EDUCATION_ASSISTANCE', `${student}, low-income categories ${qualifying.join(', ')}`, counted.length > 0, coverage);
}
