// The gateway: runs the supergraph composed at build time (schema/supergraph.graphql), so
// it starts even when a subgraph is down; that subgraph's fields then fail on their own.
import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { IncomingMessage } from 'node:http';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { formatError } from '@lip/shared/errors';
import { serveApollo, type RunningHttp } from '@lip/shared/http';
import { createObservability, type Observability } from '@lip/shared/observability';
import { signRequest, signingSecret, tokenConfig, verifyBearer, type Identity } from '@lip/shared/auth';
import { SUBGRAPHS, subgraphUrl } from '@lip/shared/topology';
import { DEV_TOKEN_PATH, devSignInChoices, devTokenRoute } from './dev-sign-in.ts';
import { explorerRoutes, type ExplorerOptions } from './explorer.ts';
import { dashboardRoutes, oidcSettings, type OidcSettings } from '@lip/dashboard/routes';
import { armor, introspectionPlugin, introspectionRoles, limits } from './hardening.ts';
import { maskingPlugin } from './masking.ts';

export const SUPERGRAPH_PATH = new URL('../../schema/supergraph.graphql', import.meta.url);

export interface GatewayContext {
  identity: Identity;
  requestId: string;
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
    private readonly secret: string,
  ) {
    super({ url });
  }

  override didEncounterError(error: Error) {
    this.observability.subgraphFetchErrors.inc({ subgraph: this.subgraph });
    this.observability.logger.warn({ subgraph: this.subgraph, error: error.message }, 'subgraph fetch failed');
    throw error;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (!('identity' in context) || !request.http) return; // health checks have no request context
    // The body as RemoteGraphQLDataSource will send it: the request without its http part.
    const { http, ...body } = request;
    for (const [name, value] of Object.entries(signRequest(context.identity, JSON.stringify(body), this.secret))) http.headers.set(name, value);
    http.headers.set('x-request-id', context.requestId);
  }

  // Subgraphs answer a bad variable (e.g. an invalid IdNumber) with 400 and a GraphQL error;
  // relay that error and its code instead of a generic HTTP failure.
  override async errorFromResponse(response: FetcherResponse) {
    const body = (await response.clone().json().catch(() => undefined)) as { errors?: GraphQLFormattedError[] } | undefined;
    const first = body?.errors?.[0];
    if (response.status === 400 && first) return new GraphQLError(first.message, { extensions: first.extensions });
    return super.errorFromResponse(response);
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
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => new SubgraphSource(name, urls[name] ?? url ?? '', observability, secret),
  });
  const protection = armor();
  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatGatewayError(urls),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: protection.validationRules,
    // The explorer's docs and autocompletion need the schema, in production too, but only for
    // the roles INTROSPECTION_ROLES names.
    introspection: true,
    plugins: [
      // Apollo's default landing page loads its sandbox from a CDN; ours is served locally.
      ApolloServerPluginLandingPageDisabled(),
      ...(protection.plugins as ApolloServerPlugin<GatewayContext>[]),
      introspectionPlugin(introspectionRoles()),
      observability.plugin(),
      maskingPlugin(),
    ],
  });
  await server.start();
  const http = await serveApollo(server, {
    port: options.port ?? 0,
    host: options.host,
    maxBodyBytes: limits().maxBodyBytes,
    authenticate: (request: IncomingMessage) => verifyBearer(request.headers.authorization, tokens),
    context: (identity: Identity, requestId: string) => ({ identity, requestId }),
    ready: async () => {
      const answers = await Promise.all(
        Object.values(urls).map((url) => fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false)),
      );
      return answers.every(Boolean);
    },
    routes: {
      ...explorerRoutes(options.explorer),
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
