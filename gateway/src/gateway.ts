// The gateway: runs the supergraph composed at build time (schema/supergraph.graphql), so
// it starts even when a subgraph is down; that subgraph's fields then fail on their own.
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloGateway, type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { dashboardRoutes, type OidcSettings, oidcSettings } from '@lip/dashboard/routes';
import { type Identity, tokenConfig, verifyBearer } from '@lip/shared/auth';
import { formatError } from '@lip/shared/errors';
import { type RunningHttp, serveApollo } from '@lip/shared/http';
import { createObservability, type Observability } from '@lip/shared/observability';
import { SUBGRAPHS, subgraphUrl } from '@lip/shared/topology';
import { deriveSubgraphKey, signingSecret, signUpstream } from '@lip/shared/upstream-signature';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DEV_TOKEN_PATH, devSignInChoices, devTokenRoute } from './dev-sign-in.ts';
import { type ExplorerOptions, explorerRoutes } from './explorer.ts';
import { armor, introspectionPlugin, introspectionRoles, limits, parseOptions, refusalPlugin } from './hardening.ts';
import { maskingPlugin } from './masking.ts';
import { subgraphFetcher } from './subgraph-fetcher.ts';

export const SUPERGRAPH_PATH = new URL('../../schema/supergraph.graphql', import.meta.url);

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  /** The caller's bearer token, forwarded so each subgraph verifies it again. */
  token: string;
}

export interface GatewayOptions {
  port?: number;
  host?: string;
  /** Subgraph name → URL; defaults to `<SUBGRAPH>_URL` or the local default port. */
  subgraphUrls?: Record<string, string>;
  supergraphSdl?: string;
  explorer?: ExplorerOptions;
  /** The dashboard's OpenID Connect sign-in (default from DASHBOARD_OIDC_ISSUER / DASHBOARD_OIDC_CLIENT_ID). */
  oidc?: OidcSettings;
}

class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly observability: Observability,
    private readonly key: string,
    fetcher: Fetcher,
  ) {
    // No cache hints anywhere (answers hold personal data): no Cache-Control header to read back.
    super({ url, fetcher, honorSubgraphCacheControlHeader: false });
  }

  override didEncounterError(error: Error) {
    this.observability.subgraphFetchErrors.inc({ subgraph: this.subgraph });
    // The error's kind only: a subgraph's message can quote submitted values (ID numbers, names).
    this.observability.logger.warn(
      { subgraph: this.subgraph, error: error.name, code: (error as { extensions?: { code?: unknown } }).extensions?.code },
      'subgraph fetch failed',
    );
    throw error;
  }

  /**
   * Signs and sends one fetch. Apollo's own process() built node-fetch Headers and a node-fetch Request
   * on every call only to hand them on; this passes the signed body straight to the fetcher. Nothing here
   * uses what else it did: persisted queries (off), inline traces (none), cache hints (none).
   */
  override async process({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    let body: GraphQLDataSourceProcessOptions<GatewayContext>['request'] = request;
    // Health checks have no request context: they go unsigned (and are refused, which is their answer).
    if ('identity' in context) {
      body = signUpstream(request, this.key, context.token);
      headers.authorization = `Bearer ${context.token}`;
      headers['x-request-id'] = context.requestId;
    }
    const { query, variables, operationName, extensions } = body;
    try {
      const response = await this.fetcher(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables, operationName, extensions }) });
      if (!response.ok) throw await this.errorFromResponse(response);
      const parsed = await this.parseBody(response);
      if (!parsed || typeof parsed !== 'object') throw new Error(`Expected JSON response body, but received: ${String(parsed)}`);
      return { ...parsed, http: response };
    } catch (error) {
      this.didEncounterError(error as Error);
      throw error;
    }
  }

  // Subgraphs answer a bad variable (e.g. an invalid IdNumber) with 400 and a GraphQL error;
  // relay that error and its code instead of a generic HTTP failure. The body is read once, by
  // Apollo: reading a clone of it instead stalls once the body outgrows the stream buffer.
  override async errorFromResponse(response: FetcherResponse) {
    const generic = await super.errorFromResponse(response);
    const body = (generic.extensions.response as { body?: { errors?: GraphQLFormattedError[] } } | undefined)?.body;
    const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
    if (response.status === 400 && first) return new GraphQLError(first.message, { extensions: first.extensions });
    return generic;
  }
}

/** A subgraph that cannot be reached costs its own fields only: say which one, with a stable code. */
function formatGatewayError(urls: Record<string, string>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error) as { name?: string; type?: string; message?: string } | undefined;
    if (original?.name === 'FetchError' && original.type === 'system') {
      const service = Object.entries(urls).find(([, url]) => original.message?.includes(url))?.[0] ?? 'a subgraph';
      return {
        message: `${service} is unavailable; its fields are missing from this answer`,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: service },
      };
    }
    return formatError(formatted, error);
  };
}

export interface RunningGateway extends RunningHttp {
  urls: Record<string, string>;
  observability: Observability;
}

export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const urls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, options.subgraphUrls?.[name] ?? subgraphUrl(name)]));
  const observability = createObservability('gateway');
  const tokens = await tokenConfig();
  const secret = signingSecret();
  if (tokens.development) observability.logger.warn('using the development token secret: set AUTH_JWT_SECRET or AUTH_JWKS_FILE in production');
  const fetcher = subgraphFetcher();
  // Apollo Gateway otherwise probes cloud metadata addresses at start-up and reports usage to
  // apollographql.com hourly: nothing may leave this machine (gateway/test/offline.test.ts).
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => new SubgraphSource(name, urls[name] ?? url ?? '', observability, deriveSubgraphKey(secret, name), fetcher),
  });
  const protection = armor();
  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatGatewayError(urls),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: protection.validationRules,
    parseOptions: parseOptions(),
    // The explorer's docs and autocompletion need the schema, in production too, but only for
    // the roles INTROSPECTION_ROLES names.
    introspection: true,
    plugins: [
      // Apollo's default landing page loads its sandbox from a CDN; ours is served locally.
      ApolloServerPluginLandingPageDisabled(),
      // Answers hold personal data and are never cached: no cache policy to compute.
      ApolloServerPluginCacheControlDisabled(),
      ...(protection.plugins as ApolloServerPlugin<GatewayContext>[]),
      introspectionPlugin(introspectionRoles()),
      observability.plugin(),
      maskingPlugin(),
      refusalPlugin(),
    ],
  });
  await server.start();
  const http = await serveApollo(server, {
    port: options.port ?? 0,
    host: options.host,
    maxBodyBytes: limits().maxBodyBytes,
    authenticate: (request: IncomingMessage) => verifyBearer(request.headers.authorization, tokens),
    context: (identity: Identity, requestId: string, request: IncomingMessage) => ({
      identity,
      requestId,
      token: /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')![1]!, // verifyBearer has checked its shape
    }),
    ready: async () => {
      const answers = await Promise.all(
        Object.values(urls).map((url) =>
          fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2000) }).then(
            (r) => r.ok,
            () => false,
          ),
        ),
      );
      return answers.every(Boolean);
    },
    routes: {
      ...explorerRoutes({ devSignIn: tokens.development ? devSignInChoices() : undefined, ...options.explorer }),
      [DEV_TOKEN_PATH]: devTokenRoute(tokens),
      ...dashboardRoutes({ devSignIn: tokens.development ? devSignInChoices() : undefined, oidc: options.oidc ?? oidcSettings() }),
      '/metrics': observability.metricsRoute,
    },
  });
  return {
    ...http,
    urls,
    observability,
    close: async () => {
      await http.close();
      await server.stop();
    },
  };
}
