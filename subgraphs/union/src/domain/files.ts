// Rules for difficult-worker files (困难职工档案): who may be filed, the OPEN → CLOSED state
// machine (a closed file is final; a worker in difficulty again gets a new file), the yearly
// review and the dates that must hold together.

import { addMonths, ageOn, formatDate } from '@lip/shared/calendar';
import { conflict, DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import { validateRegionCode } from '@lip/shared/regions';
import { checkOptionalText, checkText } from '@lip/shared/text';
import type { DifficultWorkerFileStatus, DifficultWorkerReason } from '../generated/prisma/enums.ts';
import { parseCreditCode } from './credit-code.ts';
import type { FilingPolicy } from './policy.ts';

export interface EmployerInput {
  name: string;
  unifiedSocialCreditCode?: string | null;
}

export interface CheckedEmployer {
  employerName: string;
  employerCreditCode: string | null;
}

/** The employer's name (2–100 characters) and, when given, a valid unified social credit code. */
export function checkEmployer(employer: EmployerInput): CheckedEmployer {
  const employerName = checkText(employer.name, 'employer.name', 2, 100);
  const raw = employer.unifiedSocialCreditCode;
  if (raw == null || raw.trim() === '') return { employerName, employerCreditCode: null };
  const parsed = parseCreditCode(raw);
  if (!parsed.ok)
    throw invalidInput(`employer.unifiedSocialCreditCode: ${parsed.message}`, { field: 'employer.unifiedSocialCreditCode', reason: parsed.reason });
  return { employerName, employerCreditCode: parsed.code };
}

/** The county union holding the file: a 6-digit county code of Sanmenxia. */
export function checkCountyCode(code: string): string {
  const checked = validateRegionCode(code);
  if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field: 'countyCode', reason: checked.reason });
  if (checked.region.level !== 'COUNTY') {
    throw new DomainError(ErrorCode.INVALID_REGION_CODE, `countyCode ${code} is not a county (${checked.region.name}); give the 6-digit county code`, {
      field: 'countyCode',
      reason: 'LEVEL',
    });
  }
  return code;
}

/** OTHER needs an explanation (2–500 characters); for the other reasons it is optional. */
export function checkReasonDetail(reason: DifficultWorkerReason, detail: string | null | undefined): string | null {
  const checked = checkOptionalText(detail, 'reasonDetail', 2, 500);
  if (reason === 'OTHER' && checked === null) throw invalidInput('reasonDetail is required when the reason is OTHER', { field: 'reasonDetail' });
  return checked;
}

export interface PersonFile {
  status: DifficultWorkerFileStatus;
  filedOn: Date;
  closedOn: Date | null;
}

/**
 * Whether a person born on `birthDate` may be filed on `filedOn`, given their earlier files:
 * the date is not in the future, the age meets the filing conditions in force, there is no OPEN
 * file, and the new file starts after the last one closed (files never overlap).
 */
export function checkNewFile(birthDate: Date, filedOn: Date, today: Date, policy: FilingPolicy, files: readonly PersonFile[]) {
  if (filedOn > today) throw invalidInput('filedOn must not be in the future', { field: 'filedOn' });
  const age = ageOn(birthDate, filedOn);
  if (age < policy.minAge || age > policy.maxAge) {
    throw invalidInput(`A worker aged ${age} on ${formatDate(filedOn)} does not meet the filing conditions (age ${policy.minAge} to ${policy.maxAge})`, {
      field: 'filedOn',
      reason: 'FILING_CONDITIONS',
      age,
      minAge: policy.minAge,
      maxAge: policy.maxAge,
    });
  }
  const open = files.find((file) => file.status === 'OPEN');
  if (open)
    throw conflict(`The person already has an OPEN difficult-worker file (filed ${formatDate(open.filedOn)}); update or close it`, {
      reason: 'OPEN_FILE_EXISTS',
    });
  const lastClosed = files.reduce<Date | null>((last, file) => (file.closedOn && (!last || file.closedOn > last) ? file.closedOn : last), null);
  if (lastClosed && filedOn <= lastClosed) {
    throw conflict(`A new file must start after the previous one closed (${formatDate(lastClosed)})`, { reason: 'OVERLAPS_PREVIOUS_FILE', field: 'filedOn' });
  }
}

export type FileChange = 'UPDATE' | 'REVIEW' | 'CLOSE';

const TRANSITIONS: Record<FileChange, { from: readonly DifficultWorkerFileStatus[]; to: DifficultWorkerFileStatus }> = {
  UPDATE: { from: ['OPEN'], to: 'OPEN' },
  REVIEW: { from: ['OPEN'], to: 'OPEN' },
  CLOSE: { from: ['OPEN'], to: 'CLOSED' },
};

/** The status after `change`; a CLOSED file takes no change at all (it cannot be reopened). */
export function nextFileStatus(change: FileChange, current: DifficultWorkerFileStatus): DifficultWorkerFileStatus {
  const rule = TRANSITIONS[change];
  if (!rule.from.includes(current)) {
    const hint = current === 'CLOSED' ? '; a closed file is final: open a new file instead' : '';
    throw new DomainError(ErrorCode.INVALID_TRANSITION, `Cannot ${change.toLowerCase()} a file that is ${current}${hint}`, { from: current, change });
  }
  return rule.to;
}

interface DatedFile {
  filedOn: Date;
  reviewedOn: Date | null;
}

/** A review date: not in the future, not before the filing or the previous review. */
export function checkReview(file: DatedFile, reviewedOn: Date, today: Date) {
  if (reviewedOn > today) throw invalidInput('reviewedOn must not be in the future', { field: 'reviewedOn' });
  if (reviewedOn < file.filedOn) throw invalidInput(`reviewedOn must not be before the filing date ${formatDate(file.filedOn)}`, { field: 'reviewedOn' });
  if (file.reviewedOn && reviewedOn < file.reviewedOn) {
    throw invalidInput(`reviewedOn must not be before the previous review ${formatDate(file.reviewedOn)}`, { field: 'reviewedOn' });
  }
}

/**
 * A closing date: not in the future, not before the filing or the last review, and not before
 * any assistance still counted on the file (assistance needs a file open on its date).
 */
export function checkClosing(file: DatedFile, closedOn: Date, today: Date, lastAssistanceOn: Date | null) {
  if (closedOn > today) throw invalidInput('closedOn must not be in the future', { field: 'closedOn' });
  if (closedOn < file.filedOn) throw invalidInput(`closedOn must not be before the filing date ${formatDate(file.filedOn)}`, { field: 'closedOn' });
  if (file.reviewedOn && closedOn < file.reviewedOn) {
    throw invalidInput(`closedOn must not be before the last review ${formatDate(file.reviewedOn)}`, { field: 'closedOn' });
  }
  if (lastAssistanceOn && closedOn < lastAssistanceOn) {
    throw conflict(`Assistance on ${formatDate(lastAssistanceOn)} needs the file open that day; close it on or after that date, or cancel the assistance`, {
      reason: 'ASSISTANCE_AFTER_CLOSING',
      field: 'closedOn',
    });
  }
}

/** When an OPEN file must next be reviewed: its last review (or filing) plus the interval; null when CLOSED. */
export function reviewDueOn(file: DatedFile & { status: DifficultWorkerFileStatus }, intervalMonths: number | null): Date | null {
  if (file.status !== 'OPEN' || intervalMonths === null) return null;
  return addMonths(file.reviewedOn ?? file.filedOn, intervalMonths);
}
