// 房屋安全鉴定: dwelling safety grades and which assessment counts (the latest one).
import type { DwellingSafetyGrade } from '../generated/prisma/enums.ts';
import { checkDate, checkText } from './common.ts';

/** Grades that make a rural household eligible for renovation: C, D (dilapidated) or no house at all. */
export const UNSAFE_GRADES: readonly DwellingSafetyGrade[] = ['C', 'D', 'NO_HOUSE'];

export const isUnsafe = (grade: DwellingSafetyGrade) => UNSAFE_GRADES.includes(grade);

export interface AssessmentFacts {
  id: string;
  grade: DwellingSafetyGrade;
  assessedOn: Date;
  createdAt: Date;
}

/** Newest first: by assessment date, then by when it was recorded. */
export const byNewest = (a: AssessmentFacts, b: AssessmentFacts) =>
  b.assessedOn.getTime() - a.assessedOn.getTime() || b.createdAt.getTime() - a.createdAt.getTime();

/** The assessment that counts: the latest by date (the most recently recorded on a tie); null when none. */
export function latestAssessment<T extends AssessmentFacts>(assessments: readonly T[]): T | null {
  return [...assessments].sort(byNewest)[0] ?? null;
}

export interface AssessmentInput {
  assessedOn: Date;
  assessor: string;
}

/** Checks the date (not in the future) and the assessor; returns the trimmed assessor. */
export function checkAssessment(input: AssessmentInput, now: Date): { assessor: string } {
  checkDate('assessedOn', input.assessedOn, now);
  return { assessor: checkText('assessor', input.assessor, { min: 2, max: 100 }) };
}
