// What every subgraph's Pothos builder has in common. plugin-prisma needs each subgraph's
// own generated types, so each subgraph calls createSubgraphBuilder<PrismaTypes, Context>().
import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import PrismaPlugin, { type PothosPrismaDatamodel } from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Identity } from './auth.ts';
import type { SharedScalars } from './scalars.ts';
import { sharedScalars } from './scalars.ts';
import { type AuthScopes, authScopes, forbidden } from './scopes.ts';

export interface SubgraphTypes<PrismaTypes extends object, Context extends { identity: Identity }> {
  PrismaTypes: PrismaTypes;
  Context: Context;
  AuthScopes: AuthScopes;
  Scalars: SharedScalars;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}

const subgraphBuilderOptions = {
  // Auth first, federation last: it must see resolvers after other plugins have wrapped them.
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, DirectivePlugin, FederationPlugin] as (
    | typeof ScopeAuthPlugin
    | typeof PrismaPlugin
    | typeof RelayPlugin
    | typeof DirectivePlugin
    | typeof FederationPlugin
  )[],
  scopeAuth: {
    authScopes: (context: { identity: Identity }) => authScopes(context.identity),
    unauthorizedError: () => forbidden('Your role, department or region does not allow this'),
  },
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Entities are fetched by their federation keys, so no global Node lookup.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    // Every subgraph defines PageInfo; federation requires it to be shareable.
    pageInfoTypeOptions: { shareable: true, description: 'Relay 分页信息: where a page starts and ends.' },
    hasNextPageFieldOptions: { description: 'Whether another page follows.' },
    hasPreviousPageFieldOptions: { description: 'Whether a page precedes.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item; pass it as `after` for the next page.' },
    cursorFieldOptions: { description: 'Opaque position of this item in the list.' },
    nodeFieldOptions: { description: 'The item.' },
    edgesFieldOptions: { description: 'The items of the page with their cursors.' },
    pageInfoFieldOptions: { description: 'Where the page starts and ends.' },
    firstArgOptions: { description: 'Page size (at most 100).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    lastArgOptions: { description: 'Page size, counted from the end.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
  },
} as const;

/** Federation directives used across the graph (one list so every subgraph links the same spec). */
export const federationSchemaOptions = {
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  // @extends: Pothos marks types extended with externalRef.
  federationDirectives: ['@key', '@shareable', '@external', '@requires', '@provides', '@extends', '@inaccessible', '@tag'],
};

interface ScalarHost {
  addScalarType(name: keyof SharedScalars, scalar: (typeof sharedScalars)[keyof SharedScalars]): unknown;
}

function addSharedScalars(builder: ScalarHost) {
  for (const [name, scalar] of Object.entries(sharedScalars)) builder.addScalarType(name as keyof SharedScalars, scalar);
}

/**
 * A subgraph's builder: the shared plugins and options, its own Prisma types, and the
 * shared scalars. The Prisma client comes from the request context.
 */
export function createSubgraphBuilder<PrismaTypes extends object, Context extends { identity: Identity; prisma: object }>(dmmf: PothosPrismaDatamodel) {
  const builder = new SchemaBuilder<SubgraphTypes<PrismaTypes, Context>>({
    ...subgraphBuilderOptions,
    prisma: {
      client: (ctx: Context) => ctx.prisma,
      dmmf,
      filterConnectionTotalCount: true,
      onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
    },
    // The options' type cannot be resolved for a generic PrismaTypes; the builder returned keeps
    // each subgraph's full types, which is where they are checked.
  } as never);
  addSharedScalars(builder);
  return builder;
}
