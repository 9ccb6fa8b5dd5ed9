// `Person` is owned by civil affairs; education extends it (person.ts) through the shared kit.
import { externalPerson } from '@lip/shared/person-extension';
import { builder } from '../builder.ts';

export { personOf } from '@lip/shared/person-extension';

export const PersonRef = externalPerson(builder);
