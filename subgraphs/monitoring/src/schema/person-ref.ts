// `Person` is owned by civil affairs; monitoring extends it with alerts and referrals.
import { builder } from '../builder.ts';

export type PersonReference = { idNumber: string };

export const PersonRef = builder.externalRef('Person', builder.selection<{ idNumber: string }>('idNumber'), (ref) => ref as PersonReference);

/** What a record's `person` field returns: the gateway joins civil-affairs data from the key. */
export const personOf = (idNumber: string): PersonReference => ({ idNumber });
