// `Person` is owned by civil affairs; housing extends it (see person.ts). Its reference carries the
// ID number and, for fields that `@requires` them, the register facts civil affairs resolves.
import { builder } from '../builder.ts';
import type { PersonReference } from './common.ts';

export const PersonRef = builder.externalRef('Person', builder.selection<{ idNumber: string }>('idNumber'), (ref) => ref as PersonReference);
