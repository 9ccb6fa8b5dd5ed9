// Issue 14: the `Person` reference and its register facts were written in four subgraphs and had to
// match a hand-written selection string; they had started to differ. They come from one definition
// (REGISTER_FACT_FIELDS); this checks the composed schemas follow it (one-kit.test.ts keeps copies out).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type FieldDefinitionNode, Kind, parse, type TypeNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { REGISTER_FACT_FIELDS, REGISTER_FACTS } from '../src/entitlements.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function personFields(subgraph: string): FieldDefinitionNode[] {
  const document = parse(readFileSync(path.join(ROOT, 'schema', `${subgraph}.graphql`), 'utf8'));
  return document.definitions.flatMap((definition) =>
    (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && definition.name.value === 'Person'
      ? [...(definition.fields ?? [])]
      : [],
  );
}

/** `[LowIncomeCategory!]!` → the definition's shape: type name, list, nullable. */
function shape(type: TypeNode): { type: string; list?: true; nullable?: true } {
  const nullable = type.kind !== Kind.NON_NULL_TYPE;
  const inner = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  const named = inner.kind === Kind.LIST_TYPE ? (inner.type.kind === Kind.NON_NULL_TYPE ? inner.type.type : inner.type) : inner;
  return {
    type: named.kind === Kind.NAMED_TYPE ? named.name.value : '?',
    ...(inner.kind === Kind.LIST_TYPE && { list: true }),
    ...(nullable && { nullable: true }),
  };
}

const declared = (fields: FieldDefinitionNode[], external: boolean) =>
  Object.fromEntries(
    fields
      .filter((field) => field.name.value in REGISTER_FACT_FIELDS && field.directives?.some((d) => d.name.value === 'external') === external)
      .map((field) => [field.name.value, shape(field.type)]),
  );

const expected = Object.fromEntries(
  Object.entries(REGISTER_FACT_FIELDS).map(([name, { description: _description, ...fact }]) => [name, fact as ReturnType<typeof shape>]),
);

describe('one Person reference', () => {
  it('REGISTER_FACTS selects exactly the defined facts', () => {
    expect(REGISTER_FACTS.split(' ')).toEqual(Object.keys(REGISTER_FACT_FIELDS));
  });

  it('civil affairs resolves every fact with the defined type', () => {
    expect(declared(personFields('civil-affairs'), false)).toEqual(expected);
  });

  it('every department that requires the facts declares all of them, as defined, with one description', () => {
    for (const subgraph of ['education', 'union', 'housing', 'health-insurance']) {
      const fields = personFields(subgraph);
      expect({ subgraph, facts: declared(fields, true) }).toEqual({ subgraph, facts: expected });
      const descriptions = Object.fromEntries(fields.filter((f) => f.name.value in REGISTER_FACT_FIELDS).map((f) => [f.name.value, f.description?.value]));
      expect(descriptions).toEqual(Object.fromEntries(Object.entries(REGISTER_FACT_FIELDS).map(([name, fact]) => [name, fact.description])));
    }
  });
});
