import { describe, expect, it } from 'vitest';
import { unintendedBreakingChanges } from '../scripts/check-breaking.ts';

const before = `
type Query {
  "A person"
  person(idNumber: String!): Person
}
type Person { idNumber: String! name: String! phone: String }
`;

describe('breaking-change check', () => {
  it('fails on a removed field', async () => {
    const after = before.replace(' phone: String', '');
    expect(await unintendedBreakingChanges(before, after)).toEqual([{ path: 'Person.phone', message: expect.stringContaining("'phone' was removed") }]);
  });

  it('accepts additions, and a removal listed as intended with a reason', async () => {
    expect(await unintendedBreakingChanges(before, before.replace('phone: String', 'phone: String age: Int'))).toEqual([]);
    const after = before.replace(' phone: String', '');
    expect(await unintendedBreakingChanges(before, after, [{ path: 'Person.phone', reason: 'phones move to a contact type' }])).toEqual([]);
    expect(await unintendedBreakingChanges(before, after, [{ path: 'Person.phone', reason: ' ' }])).toHaveLength(1);
  });
});
