// Rules for union assistance (工会帮扶): a positive amount within the policy maximum for its
// kind, a date not in the future on which the person's file was OPEN, and cancellation
// (the record is kept, marked cancelled, and no longer counts).
import { DomainError, ErrorCode, conflict, invalidInput } from '@lip/shared/errors';
import type { DifficultWorkerFileStatus, UnionAssistanceKind } from '../generated/prisma/enums.ts';
import { iso } from './dates.ts';

/** Yuan as a decimal string (the Money scalar) → whole fen, exact. */
export function toFen(amount: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw invalidInput(`amount must be a decimal amount in yuan, got ${JSON.stringify(amount)}`, { field: 'amount' });
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

/** Checks 0 < amount ≤ maximum (yuan); returns the amount as a 2-decimal string. */
export function checkAmount(amount: string, kind: UnionAssistanceKind, maximum: number): string {
  const fen = toFen(amount);
  if (fen <= 0) throw invalidInput('amount must be greater than 0', { field: 'amount' });
  const maxFen = Math.round(maximum * 100);
  if (fen > maxFen) {
    throw invalidInput(`amount ${(fen / 100).toFixed(2)} is above the ${kind} maximum of ${(maxFen / 100).toFixed(2)} yuan`, {
      field: 'amount',
      reason: 'ABOVE_MAXIMUM',
      maximum: (maxFen / 100).toFixed(2),
    });
  }
  return (fen / 100).toFixed(2);
}

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
    const period = `${iso(file.filedOn)} to ${file.closedOn ? iso(file.closedOn) : 'now'}`;
    throw conflict(`The file was not OPEN on ${iso(grantedOn)} (open ${period})`, { reason: 'FILE_NOT_OPEN_ON_DATE', field: 'grantedOn' });
  }
}

/** A cancelled record stays cancelled. */
export function checkCancellable(record: { cancelledAt: Date | null }) {
  if (record.cancelledAt) {
    throw new DomainError(ErrorCode.INVALID_TRANSITION, 'The assistance is already cancelled', { from: 'CANCELLED', change: 'CANCEL' });
  }
}
