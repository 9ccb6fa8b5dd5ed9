import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.ts';
import { uniqueAsConflict } from '../src/writes.ts';

describe('uniqueAsConflict', () => {
  it('reports a unique violation (Prisma or driver) as CONFLICT with the reason, and passes anything else through', async () => {
    for (const violation of [Object.assign(new Error('x'), { code: 'P2002' }), Object.assign(new Error('x'), { code: '23505' })]) {
      const error = await uniqueAsConflict(() => Promise.reject(violation), 'already open', 'OPEN_EXISTS').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'CONFLICT', message: 'already open', details: { reason: 'OPEN_EXISTS' } });
    }
    const other = new Error('connection lost');
    await expect(uniqueAsConflict(() => Promise.reject(other), 'x', 'Y')).rejects.toBe(other);
    await expect(uniqueAsConflict(() => Promise.resolve(42), 'x', 'Y')).resolves.toBe(42);
  });
});
