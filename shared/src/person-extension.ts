// `Person` is owned by civil affairs; every other department extends it with its own fields. The
// reference, its key and the register facts a department requires are the same everywhere, so they
// are declared here once (shared/test/person-extension.test.ts keeps subgraphs from declaring their own).
import type { SchemaTypes } from '@pothos/core';
import type { ExtendedEntityFieldsShape } from '@pothos/plugin-federation';
import { type addEntitlementTypes, REGISTER_FACT_FIELDS, type RegisterFacts } from './entitlements.ts';

/** What a department's `Person` resolvers receive: the key and, for fields that `@requires` them, the register facts. */
export type PersonKey = { idNumber: string } & RegisterFacts;

/** What a record's `person` field returns: the gateway joins civil-affairs data from the key. */
export const personOf = (idNumber: string): PersonKey => ({ idNumber });

/** The department's reference to `Person`, keyed by the ID number. Implement it once with extendPerson. */
export function externalPerson<Types extends SchemaTypes>(builder: PothosSchemaTypes.SchemaBuilder<Types>) {
  return builder.externalRef('Person', builder.selection<{ idNumber: string }>('idNumber'), (ref) => ref as PersonKey);
}

type PersonRef<Types extends SchemaTypes> = ReturnType<typeof externalPerson<Types>>;
type EntitlementTypes<Types extends SchemaTypes> = ReturnType<typeof addEntitlementTypes<Types>>;

/**
 * Implements the department's `Person`: the ID number, the department's `fields`, and, with
 * `registerFacts` (the department's shared entitlement types), the facts of REGISTER_FACT_FIELDS as
 * `@external` fields, declared exactly as civil affairs defines them (composition refuses an
 * `@external` field of another type). A person civil affairs cannot resolve arrives without them.
 */
export function extendPerson<Types extends SchemaTypes>(
  ref: PersonRef<Types>,
  options: { registerFacts?: EntitlementTypes<Types>; fields: ExtendedEntityFieldsShape<Types, PersonKey> },
) {
  const { registerFacts, fields } = options;
  const typeOf = registerFacts && {
    String: 'String',
    LowIncomeCategory: registerFacts.LowIncomeCategoryEnum,
    HukouType: registerFacts.HukouTypeEnum,
    HoldingSubtype: registerFacts.HoldingSubtypeEnum,
  };
  ref.implement({
    description: '居民: a person in the register, identified by the resident ID number. Other departments extend this entity.',
    externalFields:
      typeOf &&
      ((t) =>
        Object.fromEntries(
          Object.entries(REGISTER_FACT_FIELDS).map(([name, fact]) => {
            const type = typeOf[fact.type];
            const nullable = 'nullable' in fact;
            // generic builder: the field options cannot be checked against an unknown Types
            return [name, t.field({ type: 'list' in fact ? [type] : type, nullable, description: fact.description } as never)];
          }),
        )),
    fields: (t) => ({
      idNumber: t.expose('idNumber', { type: 'IdNumber', description: '居民身份证号码' } as never),
      ...fields(t),
    }),
  });
  return ref;
}
