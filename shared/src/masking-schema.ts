// Applies the masking policy (masking.ts) to a subgraph's executable schema, so that a subgraph
// never hands out more than the identity it serves may see, whatever gateway is in front of it.
// startSubgraph applies it to every subgraph: a new field is covered by its type (IdNumber) or
// by PERSONAL_FIELDS / `extensions.personalData`, with nothing to call in the resolver.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  type ArgumentNode,
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

/** The plain cursor in a sealed one, or a GraphQLError INVALID_INPUT (400, as for a bad variable: the gateway relays it). */
function openSealedCursor(sealed: string, node: ArgumentNode, field: string): string {
  const cursor = openCursor(sealed);
  if (cursor === undefined) {
    throw new GraphQLError(`${field} is not a cursor this list issued`, {
      nodes: [node],
      extensions: { code: ErrorCode.INVALID_INPUT, field, http: { status: 400 } },
    });
  }
  return cursor;
}

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
        return { ...node, value: { kind: Kind.STRING, value: openSealedCursor(sealed, node, arg.name) } };
      },
    }),
  );
}

/**
 * Where a document's cursors are, found once per parsed document (Apollo keeps them): none (every
 * `_entities` fetch), only in variables used for nothing else (a paged list: the variables' values are
 * opened and the document stays as it is), or also as literals or in shared variables (the document is
 * opened per request, as openCursorArguments does).
 */
interface CursorPlaces {
  /** Each variable that only ever feeds `after`/`before`, with one argument it feeds (for the error's location). */
  variables: Map<string, ArgumentNode>;
  inDocument: boolean;
}
const cursorDocuments = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, CursorPlaces>>();
function cursorPlaces(schema: GraphQLSchema, document: DocumentNode): CursorPlaces {
  const known = cursorDocuments.get(schema) ?? new WeakMap<DocumentNode, CursorPlaces>();
  cursorDocuments.set(schema, known);
  let places = known.get(document);
  if (!places) {
    const found: CursorPlaces = { variables: new Map(), inDocument: false };
    const uses = new Map<string, number>();
    const cursorUses = new Map<string, number>();
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        VariableDefinition: () => false, // a definition is not a use
        Variable(node) {
          uses.set(node.name.value, (uses.get(node.name.value) ?? 0) + 1);
        },
        Argument(node) {
          const arg = typeInfo.getArgument();
          if (!arg || !isCursorArgument(arg)) return;
          if (node.value.kind === Kind.VARIABLE) {
            const name = node.value.name.value;
            cursorUses.set(name, (cursorUses.get(name) ?? 0) + 1);
            if (!found.variables.has(name)) found.variables.set(name, node);
          } else if (node.value.kind === Kind.STRING) found.inDocument = true;
        },
      }),
    );
    // A variable that also feeds another argument cannot be opened in place: that argument would change too.
    for (const name of found.variables.keys()) if (uses.get(name) !== cursorUses.get(name)) found.inDocument = true;
    places = found;
    known.set(document, places);
  }
  return places;
}

/**
 * The operation and variables to run, with every cursor opened (see openCursorArguments): the document
 * as it is and new variables when every cursor comes in a variable of its own (a paged list), else an
 * opened copy of the document. The document passed in, cached for other requests, is never changed.
 */
export function openCursors(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): { document: DocumentNode; variables: Record<string, unknown> | undefined } {
  const places = cursorPlaces(schema, document);
  if (places.inDocument) return { document: openCursorArguments(schema, document, variables), variables };
  let opened: Record<string, unknown> | undefined;
  for (const [name, node] of places.variables) {
    const sealed = variables?.[name];
    if (typeof sealed !== 'string') continue;
    opened ??= { ...variables };
    opened[name] = openSealedCursor(sealed, node, node.name.value);
  }
  return { document, variables: opened ?? variables };
}

/** Opens the cursors of every operation before it runs (openCursors). */
export const cursorArgumentsPlugin = (): ApolloServerPlugin<{ identity: Identity }> => ({
  async requestDidStart() {
    return {
      async didResolveOperation(requestContext) {
        const { document, variables } = openCursors(requestContext.schema, requestContext.document, requestContext.request.variables);
        (requestContext as { document: DocumentNode }).document = document;
        requestContext.request.variables = variables;
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
