// The dashboard, served by the gateway at /dashboard: one HTML page, its bundle, styles and
// the county map from dist/ (built by build.ts from the workspace), and the Excel exports.
// A Content-Security-Policy keeps the page to this server (and, with OpenID Connect, the
// identity provider), so it works with the network cut off and cannot call anything else.
import { readFileSync } from 'node:fs';
import { type Route, scriptJson } from '@lip/shared/http';
import { exportRoute } from './export.ts';

const DIST = new URL('../dist/', import.meta.url);

/** The city's identity provider for the dashboard (authorization code with PKCE). */
export interface OidcSettings {
  /** Issuer URL; its discovery document lists the endpoints. */
  issuer: string;
  clientId: string;
  /** Space-separated scopes (default "openid profile"). */
  scope?: string;
  /** The resource (audience) the access token must be for, when the provider needs it named. */
  resource?: string;
}

/** From DASHBOARD_OIDC_ISSUER, DASHBOARD_OIDC_CLIENT_ID, DASHBOARD_OIDC_SCOPE, DASHBOARD_OIDC_RESOURCE. */
export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | undefined {
  if (!env.DASHBOARD_OIDC_ISSUER) return undefined;
  if (!env.DASHBOARD_OIDC_CLIENT_ID) throw new Error('DASHBOARD_OIDC_ISSUER is set but DASHBOARD_OIDC_CLIENT_ID is not');
  return { issuer: env.DASHBOARD_OIDC_ISSUER, clientId: env.DASHBOARD_OIDC_CLIENT_ID, scope: env.DASHBOARD_OIDC_SCOPE, resource: env.DASHBOARD_OIDC_RESOURCE };
}

export interface DashboardOptions {
  /** The gateway's development sign-in lists (GET /explorer/dev-token); absent with a real key. */
  devSignIn?: object;
  oidc?: OidcSettings;
}

export function contentSecurityPolicy(oidc?: OidcSettings): string {
  const provider = oidc ? ` ${new URL(oidc.issuer).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'", // ECharts positions its tooltips with inline styles
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${provider}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function page(options: DashboardOptions): string {
  const config = {
    endpoint: 'graphql',
    exportPath: 'dashboard/export',
    mapPath: 'dashboard/sanmenxia.json',
    devSignIn: options.devSignIn ? { ...options.devSignIn, tokenPath: 'explorer/dev-token' } : null,
    oidc: options.oidc ?? null,
  };
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>三门峡市低收入人口监测 Dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="dashboard/app.css">
</head>
<body>
<div id="app"><p class="loading">正在加载… Loading…</p></div>
<noscript>本页需要 JavaScript。The dashboard needs JavaScript.</noscript>
<script id="lip-dashboard-config" type="application/json">${scriptJson(config)}</script>
<script src="dashboard/app.js"></script>
</body>
</html>
`;
}

const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript',
  'app.css': 'text/css',
  'sanmenxia.json': 'application/json',
};

/** Routes for the gateway's `serveApollo({ routes })`. */
export function dashboardRoutes(options: DashboardOptions = {}): Record<string, Route> {
  const headers = {
    'content-security-policy': contentSecurityPolicy(options.oidc),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  const routes: Record<string, Route> = {
    '/dashboard': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...headers });
      response.end(page(options));
    },
    '/dashboard/export': exportRoute(),
  };
  for (const [name, type] of Object.entries(ASSETS)) {
    routes[`/dashboard/${name}`] = (_request, response) => {
      let body: Buffer;
      try {
        body = readFileSync(new URL(name, DIST));
      } catch {
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('The dashboard is not built: run `npx pnpm@10.34.9 --filter @lip/dashboard generate`.');
        return;
      }
      response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-cache', ...headers });
      response.end(body);
    };
  }
  return routes;
}
