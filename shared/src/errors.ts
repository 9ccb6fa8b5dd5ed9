// Errors every subgraph raises. Each becomes a GraphQL error whose `extensions.code`
// is stable: clients branch on the code, never on the message.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

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

export const invalidInput = (message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.INVALID_INPUT, message, details);
export const notFound = (what: string, key: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `${what} ${key} not found`, { entity: what });
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.CONFLICT, message, details);

/** For scalars: the error graphql-js reports, keeping our code in the extensions. */
export const scalarError = (code: ErrorCode, message: string, details: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...details } });

/**
 * Apollo Server `formatError`: domain errors keep their code and details; database and
 * programming errors are reported without internals (logged by the caller).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return { ...formatted, message: original.message, extensions: { ...original.details, code: original.code } };
  }
  if (formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  }
  const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}
