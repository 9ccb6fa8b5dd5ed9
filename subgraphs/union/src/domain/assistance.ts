// Rules for union assistance (工会帮扶): a positive amount within the policy maximum for its
// kind, a date not in the future on which the person's file was OPEN, and cancellation
// (the record is kept, marked cancelled, and no longer counts).

import { formatDate } from '@lip/shared/calendar';
import { conflict, DomainError, ErrorCode, invalidInput } from '@lip/shared/errors';
import type { DifficultWorkerFileStatus } from '../generated/prisma/enums.ts';

export interface FileDates {
  status: DifficultWorkerFileStatus;
  filedOn: Date;
  closedOn: Date | null;
}

/** Whether the file was OPEN on `date`: filed on or before it and not closed before it. */
export const fileOpenOn = (file: FileDates, date: Date) => file.filedOn <= date && (file.closedOn === null || date <= file.closedOn);

/** The assistance date: not in the future, and a day the file was OPEN. */
export function checkAssistanceDate(file: FileDates, grantedOn: Date, today: Date) {
  if (grantedOn > today) throw invalidInput('grantedOn must not be in the future', { field: 'grantedOn' });
  if (!fileOpenOn(file, grantedOn)) {
    const period = `${formatDate(file.filedOn)} to ${file.closedOn ? formatDate(file.closedOn) : 'now'}`;
    throw conflict(`The file was not OPEN on ${formatDate(grantedOn)} (open ${period})`, { reason: 'FILE_NOT_OPEN_ON_DATE', field: 'grantedOn' });
  }
}

/** A cancelled record stays cancelled. */
export function checkCancellable(record: { cancelledAt: Date | null }) {
  if (record.cancelledAt) {
    throw new DomainError(ErrorCode.INVALID_TRANSITION, 'The assistance is already cancelled', { from: 'CANCELLED', change: 'CANCEL' });
  }
}
