// The composed schemas in schema/ are generated but checked in (the gateway runs from
// them): they must match what the subgraphs' code produces now.
import {
  buildSchema,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSchemaFiles, staleSchemaFiles } from '../scripts/compose.ts';
import { SUBGRAPH_MODULES } from '../scripts/subgraphs.ts';

describe('schema/', () => {
  it('is up to date with every subgraph (run `pnpm compose` when this fails)', () => {
    expect(staleSchemaFiles()).toEqual([]);
  });

  it('holds every subgraph and a supergraph that joins them', () => {
    const files = composeSchemaFiles();
    expect(Object.keys(files).sort()).toEqual([...SUBGRAPH_MODULES.map((m) => `${m.name}.graphql`), 'api.graphql', 'supergraph.graphql'].sort());
    for (const module of SUBGRAPH_MODULES) expect(files['supergraph.graphql']).toContain(`@join__graph(name: "${module.name}"`);
  });
});

/** Every named thing in the client API that an analyst would read in an explorer, without a description. */
function undescribed(type: GraphQLNamedType): string[] {
  const missing = type.description?.trim() ? [] : [type.name];
  if (isObjectType(type) || isInterfaceType(type)) {
    for (const field of Object.values(type.getFields())) {
      if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
      for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
    }
  }
  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
  }
  if (isEnumType(type)) {
    for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
  }
  return missing;
}

describe('the client API', () => {
  it('describes every type, field, argument and enum value', () => {
    const api = buildSchema(composeSchemaFiles()['api.graphql']!);
    const types = Object.values(api.getTypeMap()).filter((type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type));
    expect(types.flatMap(undescribed)).toEqual([]);
  });
});
