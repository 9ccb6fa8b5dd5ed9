// What PostgreSQL's refusals mean to a client, whichever layer reports them (Prisma's codes, the
// driver adapter's SQLSTATE, or only the message).
import { DomainError, type ErrorCode } from './errors.ts';

export const sqlState = (error: unknown): string | undefined => {
  const { code, meta, cause } = (error ?? {}) as {
    code?: string;
    meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string } } };
    cause?: { originalCode?: string; code?: string };
  };
  return meta?.driverAdapterError?.cause?.originalCode ?? cause?.originalCode ?? meta?.code ?? (code && /^[0-9A-Z]{5}$/.test(code) ? code : cause?.code);
};

const messageOf = (error: unknown) => {
  const { message, meta, cause } = (error ?? {}) as { message?: string; meta?: unknown; cause?: { message?: string } };
  return `${message ?? ''} ${cause?.message ?? ''} ${meta ? JSON.stringify(meta) : ''}`;
};

/** A unique-index violation, whichever layer reports it (Prisma P2002, the driver's 23505). */
export const isUniqueViolation = (error: unknown) =>
  ((error ?? {}) as { code?: string }).code === 'P2002' || sqlState(error) === '23505' || /unique constraint/i.test(messageOf(error));

/** Deadlock or serialization failure: PostgreSQL aborted this writer, and running it again is safe. */
export const isRetryable = (error: unknown) => {
  const state = sqlState(error);
  return (
    state === '40P01' ||
    state === '40001' ||
    ((error ?? {}) as { code?: string }).code === 'P2034' ||
    /deadlock detected|could not serialize/i.test(messageOf(error))
  );
};

// Triggers in the migrations raise `lip:<CODE>:<reason>: <message>` (see the transition guards).
const DATABASE_REFUSAL = /lip:(CONFLICT|INVALID_TRANSITION):([A-Z_]+): ([^"\n]*)/;

/** The DomainError a trigger's refusal stands for, or undefined for any other error. */
export function databaseRefusal(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return undefined;
  const match = DATABASE_REFUSAL.exec(messageOf(error));
  if (!match) return undefined;
  const [, code, reason, message] = match;
  return new DomainError(code as ErrorCode, message!.trim().replace(/\\+$/, '').trim(), { reason });
}
