// `Person` is owned by civil affairs; education extends it. Its reference carries the ID number
// and, for fields that `@requires` them, the register facts civil affairs resolves.
import type { RegisterFacts } from '@lip/shared/entitlements';
import { builder } from '../builder.ts';

export type PersonReference = { idNumber: string } & RegisterFacts;

export const PersonRef = builder.externalRef('Person', builder.selection<{ idNumber: string }>('idNumber'), (ref) => ref as PersonReference);

/** What a record's `person` field returns: the gateway joins civil-affairs data from the key. */
export const personOf = (idNumber: string): PersonReference => ({ idNumber });
