import { describe, expect, it } from 'vitest';
import { DomainError } from '@lip/shared/errors';
import { uniqueAsConflict } from '../src/schema/errors.ts';

describe('unique violations', () => {
  it('become the CONFLICT the check would have raised', async () => {
    const violation = Object.assign(new Error('Unique constraint failed on the fields: (`personIdNumber`)'), { code: 'P2002' });
    const error = await uniqueAsConflict(Promise.reject(violation), 'The person already has an OPEN file', 'OPEN_FILE_EXISTS').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { reason: 'OPEN_FILE_EXISTS' } });
  });

  it('let other errors and results through', async () => {
    const other = new Error('connection lost');
    await expect(uniqueAsConflict(Promise.reject(other), 'x', 'Y')).rejects.toBe(other);
    await expect(uniqueAsConflict(Promise.resolve(42), 'x', 'Y')).resolves.toBe(42);
  });
});
