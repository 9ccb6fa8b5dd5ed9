import { DomainError } from '@lip/shared/errors';

export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Runs `fn` and reports the DomainError it throws as { code, ...details }, or NONE. */
export const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? { code: error.code, ...error.details } : { code: 'UNEXPECTED', message: String(error) };
  }
  return { code: 'NONE' };
};
