// Errors every subgraph raises. Each becomes a GraphQL error whose `extensions.code`
// is stable: clients branch on the code, never on the message.

import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { databaseRefusal, isUniqueViolation, sqlState } from './database-errors.ts';

export const ErrorCode = {
  /** An ID number fails GB 11643-1999 (extensions.reason says how). */
  INVALID_ID_NUMBER: 'INVALID_ID_NUMBER',
  /** A region code is malformed, unknown, or outside the city. */
  INVALID_REGION_CODE: 'INVALID_REGION_CODE',
  /** Any other input that breaks a rule (amounts, dates, enum combinations…). */
  INVALID_INPUT: 'INVALID_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  /** The change contradicts the current state (duplicate, exclusivity, closed record…). */
  CONFLICT: 'CONFLICT',
  /** A state machine was asked for a transition it does not allow. */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** The caller's role, department or region does not allow this. */
  FORBIDDEN: 'FORBIDDEN',
  /** A batch was rejected as a whole; extensions.rows lists each bad row. */
  BATCH_REJECTED: 'BATCH_REJECTED',
  /** A service this one depends on could not be reached (extensions.serviceName). */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalidInput = (message: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.INVALID_INPUT, message, details);
export const notFound = (what: string, key: string) => new DomainError(ErrorCode.NOT_FOUND, `${what} ${key} not found`, { entity: what });
export const conflict = (message: string, details?: Record<string, unknown>) => new DomainError(ErrorCode.CONFLICT, message, details);

/**
 * The DomainError an error stands for: itself, or a refusal of the database that a check in code
 * would have raised (a trigger's transition guard, a unique index, text PostgreSQL cannot store).
 */
export function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  const refused = databaseRefusal(error);
  if (refused) return refused;
  if (isUniqueViolation(error)) return conflict('A concurrent change got there first; read the record again', { reason: 'CONCURRENT_CHANGE' });
  const state = sqlState(error);
  if (state === '22021' || state === '22P05' || state === '54000') return invalidInput('The input holds characters or sizes the register cannot store');
  return undefined;
}

/** The stable code of any error a resolver or the server raised, for logs and metrics. */
export function errorCodeOf(error: unknown): string {
  const original = unwrapResolverError(error);
  const domain = asDomainError(original);
  if (domain) return domain.code;
  const code = (error as GraphQLError | undefined)?.extensions?.code ?? (original as GraphQLError | undefined)?.extensions?.code;
  return typeof code === 'string' ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}

/** For scalars: the error graphql-js reports, keeping our code in the extensions. */
export const scalarError = (code: ErrorCode, message: string, details: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...details } });

/**
 * Apollo Server `formatError`: domain errors keep their code and details; database and
 * programming errors are reported without internals (logged by the caller).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = asDomainError(unwrapResolverError(error));
  if (original) {
    return { ...formatted, message: original.message, extensions: { ...original.details, code: original.code } };
  }
  // A scalar's own refusal inside validation (an inline literal) keeps its code, as it does for a variable.
  const inner = (error as GraphQLError | undefined)?.originalError;
  if (inner instanceof GraphQLError && typeof inner.extensions?.code === 'string' && inner.extensions.code in ErrorCode) {
    return { ...formatted, extensions: { ...inner.extensions } };
  }
  if (formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  }
  const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}
