import { conflict } from '@lip/shared/errors';

/** Two writers raced past a check a unique index enforces: report it as the CONFLICT the check would have raised. */
export async function uniqueAsConflict<T>(work: Promise<T>, message: string, reason: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const { code, message: text } = error as { code?: string; message?: string };
    if (code === 'P2002' || code === '23505' || /unique constraint/i.test(text ?? '')) throw conflict(message, { reason });
    throw error;
  }
}
