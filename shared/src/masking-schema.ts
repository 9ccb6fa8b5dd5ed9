// Applies the masking policy (masking.ts) to a subgraph's executable schema, so that a subgraph
// never hands out more than the identity it serves may see, whatever gateway is in front of it.
// startSubgraph applies it to every subgraph: a new field is covered by its type (IdNumber) or
// by PERSONAL_FIELDS / `extensions.personalData`, with nothing to call in the resolver.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  BREAK,
  type DocumentNode,
  defaultFieldResolver,
  type GraphQLArgument,
  GraphQLError,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Identity } from './auth.ts';
import { ErrorCode } from './errors.ts';
import { maskedValue, PERSONAL_FIELDS, type PersonalData, redactPersonalData, visibility } from './masking.ts';
import { isPersonReference, openCursor, openPersonReference, sealCursor } from './person-reference.ts';

type Resolver = GraphQLFieldResolver<unknown, { identity: Identity }>;

const then = (value: unknown, next: (value: unknown) => unknown) => (value instanceof Promise ? value.then(next) : next(value));

function personalDataOf(typeName: string, field: GraphQLField<unknown, unknown>): PersonalData | undefined {
  if (getNamedType(field.type).name === 'IdNumber') return 'ID_NUMBER';
  return (field.extensions?.personalData as PersonalData | undefined) ?? PERSONAL_FIELDS[`${typeName}.${field.name}`];
}

const isCursorField = (typeName: string, fieldName: string) =>
  (typeName.endsWith('Edge') && fieldName === 'cursor') || (typeName === 'PageInfo' && (fieldName === 'startCursor' || fieldName === 'endCursor'));

const isCursorArgument = (arg: GraphQLArgument) => (arg.name === 'after' || arg.name === 'before') && getNamedType(arg.type).name === 'String';

/**
 * The operation with the plain cursor in every `after`/`before` argument (a literal or a variable's
 * value), or a GraphQLError INVALID_INPUT for a cursor no list here issued. Opened in the document
 * rather than in the field's arguments: plugin-prisma builds a connection nested in a parent's
 * query (a relatedConnection) from the operation (info), never from the arguments its resolver gets.
 */
export function openCursorArguments(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const arg = typeInfo.getArgument();
        if (!arg || !isCursorArgument(arg)) return undefined;
        const sealed = node.value.kind === Kind.STRING ? node.value.value : node.value.kind === Kind.VARIABLE ? variables[node.value.name.value] : undefined;
        if (typeof sealed !== 'string') return undefined;
        const cursor = openCursor(sealed);
        if (cursor === undefined) {
          // 400, as for a bad variable: the gateway relays the error and its code.
          throw new GraphQLError(`${arg.name} is not a cursor this list issued`, {
            nodes: [node],
            extensions: { code: ErrorCode.INVALID_INPUT, field: arg.name, http: { status: 400 } },
          });
        }
        return { ...node, value: { kind: Kind.STRING, value: cursor } };
      },
    }),
  );
}

/**
 * Whether a document has an `after`/`before` argument anywhere: asked once per parsed document (Apollo
 * keeps them), so an operation without cursors (every `_entities` fetch) skips the typed walk.
 */
const cursorDocuments = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, boolean>>();
function hasCursorArguments(schema: GraphQLSchema, document: DocumentNode) {
  const known = cursorDocuments.get(schema) ?? new WeakMap<DocumentNode, boolean>();
  cursorDocuments.set(schema, known);
  let found = known.get(document);
  if (found === undefined) {
    found = false;
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Argument() {
          const arg = typeInfo.getArgument();
          if (!arg || !isCursorArgument(arg)) return undefined;
          found = true;
          return BREAK;
        },
      }),
    );
    known.set(document, found);
  }
  return found;
}

/** Opens the cursors of every operation before it runs (see openCursorArguments); the parsed document, cached for other requests, is left as it is. */
export const cursorArgumentsPlugin = (): ApolloServerPlugin<{ identity: Identity }> => ({
  async requestDidStart() {
    return {
      async didResolveOperation(requestContext) {
        if (!hasCursorArguments(requestContext.schema, requestContext.document)) return;
        (requestContext as { document: DocumentNode }).document = openCursorArguments(
          requestContext.schema,
          requestContext.document,
          requestContext.request.variables,
        );
      },
    };
  },
});

/** Person references in an entity representation, opened (the gateway passes on what subgraphs emitted). */
function openRepresentation(representation: Record<string, unknown>) {
  const opened = { ...representation };
  for (const [key, value] of Object.entries(opened)) {
    if (typeof value === 'string' && isPersonReference(value)) opened[key] = openPersonReference(value) ?? value;
  }
  return opened;
}

export function applyMaskingPolicy(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const original = (field.resolve ?? defaultFieldResolver) as Resolver;
      const data = personalDataOf(type.name, field);
      if (data) {
        field.resolve = (source, args, context, info) =>
          then(original(source, args, context, info), (value) => (visibility(context.identity, data) === 'FULL' ? value : maskedValue(data, value, source)));
      } else if (isCursorField(type.name, field.name)) {
        field.resolve = (source, args, context, info) =>
          then(original(source, args, context, info), (value) => (typeof value === 'string' ? sealCursor(value) : value));
      }
      if (type.name === schema.getQueryType()?.name && field.name === '_entities') {
        const inner = field.resolve ?? defaultFieldResolver;
        field.resolve = (source, args, context, info) =>
          inner(source, { ...args, representations: (args.representations as Record<string, unknown>[]).map(openRepresentation) }, context, info);
      }
    }
  }
  return schema;
}

/** Walks an answer and masks every ID number and mobile number left in a text (a second line for masked roles). */
function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return isPersonReference(value) ? value : redactPersonalData(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item)]));
  return value;
}

/**
 * For roles that may not see ID numbers: nothing in the answer (texts, error messages and their
 * extensions) carries an ID number or mobile number in full. Runs after the audit plugin has read the answer.
 */
export const responseMaskingPlugin = (): ApolloServerPlugin<{ identity: Identity }> => ({
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (visibility(contextValue.identity, 'ID_NUMBER') === 'FULL' || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (result.data) result.data = redactValue(result.data) as typeof result.data;
        if (result.errors) {
          result.errors = result.errors.map((error) => ({
            ...error,
            message: redactPersonalData(error.message),
            extensions: error.extensions && (redactValue(error.extensions) as typeof error.extensions),
          }));
        }
      },
    };
  },
});
