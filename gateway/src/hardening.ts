// Limits on what one request may ask (docs/security.md, 等保三级): depth, cost, aliases, tokens,
// directives, no field suggestions, and introspection only for the roles that need it.
// Each limit is configurable; the defaults fit the ready-made operations with room to spare.

import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ROLES, type Role } from '@lip/shared/auth';
import { type DocumentNode, GraphQLError, visit } from 'graphql';
import type { GatewayContext } from './gateway.ts';

const setting = (env: NodeJS.ProcessEnv, name: string, fallback: number) => Number(env[name] ?? fallback);

export function limits(env: NodeJS.ProcessEnv = process.env) {
  return {
    maxDepth: setting(env, 'LIMIT_DEPTH', 10),
    // graphql-armor's cost grows 1.5× per level: a township page of 100 with every department's
    // records and entitlements costs about 34,000.
    maxCost: setting(env, 'LIMIT_COST', 60_000),
    maxAliases: setting(env, 'LIMIT_ALIASES', 15),
    maxTokens: setting(env, 'LIMIT_TOKENS', 3000),
    maxDirectives: setting(env, 'LIMIT_DIRECTIVES', 30),
    maxBodyBytes: setting(env, 'LIMIT_BODY_BYTES', 100_000),
  };
}

export function armor(env: NodeJS.ProcessEnv = process.env) {
  const limit = limits(env);
  return new ApolloArmor({
    maxDepth: { n: limit.maxDepth, ignoreIntrospection: true },
    costLimit: { maxCost: limit.maxCost, ignoreIntrospection: true },
    maxAliases: { n: limit.maxAliases },
    // The token limit is graphql-js's own (parseOptions below): armor's runs in a parsing hook whose
    // refusal Apollo can only answer with HTTP 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limit.maxDirectives },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

/** Apollo's parse options: the parser stops at the token limit, a syntax error like any other (400, GRAPHQL_PARSE_FAILED). */
export const parseOptions = (env: NodeJS.ProcessEnv = process.env) => ({ maxTokens: limits(env).maxTokens });

/** INTROSPECTION_ROLES (comma-separated); by default every role that reads with an explorer. */
export function introspectionRoles(env: NodeJS.ProcessEnv = process.env): Role[] {
  const configured = env.INTROSPECTION_ROLES?.split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  if (!configured) return ROLES.filter((role) => role !== 'SERVICE');
  const unknown = configured.filter((role) => !ROLES.includes(role as Role));
  if (unknown.length) throw new Error(`INTROSPECTION_ROLES has unknown roles: ${unknown.join(', ')}`);
  return configured as Role[];
}

const introspects = (document: DocumentNode) => {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
};

export function introspectionPlugin(roles: Role[]): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!roles.includes(contextValue.identity.role) && introspects(document)) {
            throw new GraphQLError(`Introspection is not open to the ${contextValue.identity.role} role`, {
              extensions: { code: 'FORBIDDEN', reason: 'INTROSPECTION', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** Codes that mean "the request's input is wrong": the client must change it, and no part of the answer stands. */
export const INPUT_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'INVALID_INPUT',
  'INVALID_ID_NUMBER',
  'INVALID_REGION_CODE',
  'BATCH_REJECTED',
]);

/**
 * The edge's answer to a refused request (README "Errors"): every refusal of parsing, validation,
 * limits, introspection and input is HTTP 400 with a stable code, and an input error voids the
 * whole answer (`data: null`), so a field's `null` never reads as "not found" when the input was wrong.
 */
export function refusalPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, errors }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const codes = (result.errors ?? []).map((error) => String(error.extensions?.code ?? ''));
          const inputError = codes.some((code) => INPUT_ERROR_CODES.has(code));
          // Refused before execution (no data at all) for a reason of the request's own: not a server failure.
          const refused = result.data === undefined && codes.length > 0 && !codes.includes('INTERNAL_SERVER_ERROR') && (errors?.length ?? 0) > 0;
          if (inputError || refused) {
            response.http.status = 400;
            if (inputError) result.data = null;
          }
        },
      };
    },
  };
}
