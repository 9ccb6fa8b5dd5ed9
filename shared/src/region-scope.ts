// Region scope of department `Person` fields (docs/security.md, "Region"). A department does not
// know where a person lives; civil affairs does, and gives it with the entity when a field declares
// `@requires(fields: "regionCode …")`. startSubgraph applies this to every subgraph that extends
// `Person`: each of its own fields answers null, exactly as for a person it knows nothing about,
// when the person is outside the caller's region, and a field that does not declare the
// requirement stops the subgraph from starting (so a new field cannot forget it).
import { defaultFieldResolver, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import type { Identity } from './auth.ts';
import { REGION_FACT, type RegionFact } from './entitlements.ts';
import { personInScope } from './scopes.ts';

interface Directive {
  name: string;
  args?: { fields?: string };
}
const directivesOf = (field: GraphQLField<unknown, unknown>) => (field.extensions?.directives as Directive[] | undefined) ?? [];
const isExternal = (field: GraphQLField<unknown, unknown>) => directivesOf(field).some((directive) => directive.name === 'external');
const requiresRegion = (field: GraphQLField<unknown, unknown>) =>
  directivesOf(field).some((directive) => directive.name === 'requires' && (directive.args?.fields ?? '').split(/\s+/).includes(REGION_FACT));

export function applyRegionScope(schema: GraphQLSchema, entity = 'Person', key = 'idNumber'): GraphQLSchema {
  const type = schema.getType(entity);
  if (!isObjectType(type)) return schema;
  const fields = type.getFields();
  const region = fields[REGION_FACT];
  if (!region || !isExternal(region)) return schema; // the entity's owner (civil affairs) scopes its own reads
  for (const field of Object.values(fields)) {
    if (field.name === key || isExternal(field)) continue;
    if (!requiresRegion(field)) {
      throw new Error(
        `${entity}.${field.name} must declare @requires(fields: "${REGION_FACT} …") (REGION_FACT or REGISTER_FACTS from @lip/shared/entitlements)`,
      );
    }
    const original = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<RegionFact, { identity: Identity }>;
    field.resolve = (source, args, context, info) => (personInScope(context.identity, source) ? original(source, args, context, info) : null);
  }
  return schema;
}
