// The education bureau's policy parameters (rows of PolicyParameter, see the init migration) and how
// each rule reads them. Values are data per county and year; no amount lives in code. Assistance
// reads the parameters of the year its academic year starts in ("2024-2025" → 2024).
import { type PolicyParameterRow, policyValue } from '@lip/shared/policy';
import type { EducationAssistanceKind } from '../generated/prisma/enums.ts';

/** The parameter capping a single assistance of each kind (yuan). */
export const ASSISTANCE_MAX: Record<EducationAssistanceKind, string> = {
  GRANT: 'ASSISTANCE_MAX_GRANT',
  LIVING_ALLOWANCE: 'ASSISTANCE_MAX_LIVING_ALLOWANCE',
  WORK_STUDY: 'ASSISTANCE_MAX_WORK_STUDY',
  STUDENT_LOAN: 'ASSISTANCE_MAX_STUDENT_LOAN',
  FEE_WAIVER: 'ASSISTANCE_MAX_FEE_WAIVER',
};

/** The largest single assistance of `kind` for a school in `regionCode` (county or township) in `year`. */
export const assistanceMax = (rows: readonly PolicyParameterRow[], kind: EducationAssistanceKind, regionCode: string, year: number) =>
  policyValue(rows, ASSISTANCE_MAX[kind], regionCode.slice(0, 6), year);
