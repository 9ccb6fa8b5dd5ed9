// The gateway's second line of masking (docs/security.md): subgraphs already answer roles that may
// not see ID numbers with person references (`411224********9025.<token>`), which they resolve as keys
// between themselves; here each reference becomes its display form, and an ID number that a
// subgraph let through in full is masked.
import type { ApolloServerPlugin } from '@apollo/server';
import { maskIdNumber, seesIdNumbers } from '@lip/shared/masking';
import { displayForm, isPersonReference } from '@lip/shared/person-reference';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from './gateway.ts';

const ID_SCALAR = 'IdNumber';

function maskSelection(
  value: unknown,
  parentType: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  schema: GraphQLSchema,
  fragments: Record<string, FragmentDefinitionNode>,
): void {
  if (Array.isArray(value)) {
    for (const item of value) maskSelection(item, parentType, selectionSet, schema, fragments);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (!(key in object) || !('getFields' in parentType)) continue;
      const field = parentType.getFields()[selection.name.value];
      if (!field) continue;
      const type = getNamedType(field.type);
      if (type.name === ID_SCALAR) object[key] = maskValue(object[key]);
      else if (selection.selectionSet && isCompositeType(type)) maskSelection(object[key], type, selection.selectionSet, schema, fragments);
    } else {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parentType;
      if (condition && isCompositeType(condition)) maskSelection(object, condition, fragment.selectionSet, schema, fragments);
    }
  }
}

const maskValue = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(maskValue) : typeof value !== 'string' ? value : isPersonReference(value) ? displayForm(value) : maskIdNumber(value);

export function maskResponse(data: Record<string, unknown>, document: DocumentNode, operationName: string | undefined, schema: GraphQLSchema) {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
  );
  if (operation?.kind !== Kind.OPERATION_DEFINITION) return;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (root) maskSelection(data, root, operation.selectionSet, schema, fragments);
}

export const maskingPlugin = (): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart() {
    return {
      async willSendResponse({ response, document, operationName, schema, contextValue }) {
        if (seesIdNumbers(contextValue.identity) || !document || response.body.kind !== 'single') return;
        const data = response.body.singleResult.data;
        if (data) maskResponse(data, document, operationName ?? undefined, schema);
      },
    };
  },
});
