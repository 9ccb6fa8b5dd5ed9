// The graph's explorer for people: GraphiQL 3, served by the gateway at /explorer and at its
// own URL (/graphql, /) when a browser asks for HTML. Everything the page loads comes from
// this server: GraphiQL's UMD build and React's UMD files straight from node_modules (fonts
// are inlined in GraphiQL's CSS as data: URLs), plus gateway/explorer/{explorer.js,explorer.css}.
// A Content-Security-Policy limits the page to its own origin, so it works with the network
// cut off and cannot reach anything else even by mistake. GraphiQL has no telemetry.
//
// It opens with the ready-made operations of operations/*.graphql as tabs, and lists them with
// their descriptions in an "Operations" side panel. Each file is one named operation with a
// leading `#` comment block describing it and a line `# variables: {…}` with example variables.
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Route, scriptJson } from '@lip/shared/http';
import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { DEV_SIGN_IN_DEFAULT, DEV_TOKEN_PATH, type DevSignInChoices } from './dev-sign-in.ts';

export const OPERATIONS_DIR = new URL('../../operations/', import.meta.url);
const ASSETS_DIR = new URL('../explorer/', import.meta.url);

export interface ReadyOperation {
  /** The file name, e.g. `category-counts.graphql`. */
  file: string;
  /** The operation's name, e.g. `CategoryCounts` (GraphiQL's tab title). */
  name: string;
  /** The leading comment block, without the `#` marks and the variables line. */
  description: string;
  /** The file's text without the variables line: the description stays as comments. */
  query: string;
  /** The example variables of the `# variables:` line ({} without one). */
  variables: Record<string, unknown>;
}

const VARIABLES_LINE = /^#\s*variables:\s*(.*)$/;

/** Reads one operation file; throws with the file name when it is not one named operation. */
export function parseOperation(file: string, text: string): ReadyOperation {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const description: string[] = [];
  let variables: Record<string, unknown> = {};
  let variablesLine = -1;
  for (const [index, line] of lines.entries()) {
    if (!line.startsWith('#')) break;
    const match = VARIABLES_LINE.exec(line);
    if (match) {
      try {
        variables = JSON.parse(match[1]!) as Record<string, unknown>;
      } catch (error) {
        throw new Error(`${file}: the variables line is not JSON (${(error as Error).message})`);
      }
      if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) throw new Error(`${file}: the variables line is not a JSON object`);
      variablesLine = index;
    } else description.push(line.replace(/^#\s?/, ''));
  }
  const query = `${lines
    .filter((_, index) => index !== variablesLine)
    .join('\n')
    .trim()}\n`;
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(query).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const name = operations.length === 1 ? operations[0]!.name?.value : undefined;
  if (!name) throw new Error(`${file}: must hold exactly one named operation`);
  if (!description.join('').trim()) throw new Error(`${file}: must start with a # comment block describing the operation`);
  return { file, name, description: description.join('\n').trim(), query, variables };
}

/** Every operations/*.graphql file, by file name. */
export function loadOperations(dir: URL | string = OPERATIONS_DIR): ReadyOperation[] {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  let files: string[];
  try {
    files = readdirSync(path)
      .filter((file) => file.endsWith('.graphql'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return files.map((file) => parseOperation(file, readFileSync(join(path, file), 'utf8')));
}

export interface ExplorerOptions {
  /** Where the ready-made operations are (default operations/ at the repository root). */
  operationsDir?: URL | string;
  /** Contents of the headers editor in a new tab (default: where to put a bearer token). */
  defaultHeaders?: Record<string, string>;
  /** Lists for the development sign-in panel; absent when the gateway has a real key. */
  devSignIn?: DevSignInChoices;
}

const require = createRequire(import.meta.url);
const packageFile = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);

/** Files the page loads, by URL under /explorer/. */
const ASSETS: Record<string, { path: string; type: string; vendor: boolean }> = {
  'react.production.min.js': { path: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript', vendor: true },
  'react-dom.production.min.js': { path: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript', vendor: true },
  'graphiql.min.js': { path: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript', vendor: true },
  'graphiql.min.css': { path: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css', vendor: true },
  'explorer.js': { path: fileURLToPath(new URL('explorer.js', ASSETS_DIR)), type: 'text/javascript', vendor: false },
  'explorer.css': { path: fileURLToPath(new URL('explorer.css', ASSETS_DIR)), type: 'text/css', vendor: false },
};

/** Only this server: scripts and styles from here, fonts and images inlined, requests to here. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // GraphiQL's components set inline styles
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(options: ExplorerOptions): string {
  const operations = loadOperations(options.operationsDir);
  const config = {
    // Relative, so the page works behind a proxy that adds a path prefix.
    endpoint: 'graphql',
    // With the development sign-in the page adds the token itself; otherwise say where one comes from.
    defaultHeaders: JSON.stringify(
      options.defaultHeaders ??
        (options.devSignIn
          ? {}
          : { Authorization: `Bearer <a token from the identity provider; in development: npm run token -- --role ${DEV_SIGN_IN_DEFAULT.role}>` }),
      null,
      2,
    ),
    devSignIn: options.devSignIn ? { ...options.devSignIn, tokenPath: DEV_TOKEN_PATH.slice(1) } : null,
    operations: operations.map(({ file, name, description, query, variables }) => ({
      file,
      name,
      description,
      query,
      variables: Object.keys(variables).length ? JSON.stringify(variables, null, 2) : '',
    })),
  };
  const title = '三门峡市低收入人口 GraphQL Explorer';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="explorer/graphiql.min.css">
<link rel="stylesheet" href="explorer/explorer.css">
</head>
<body>
<div id="explorer"><p class="lip-loading">Loading the explorer…</p></div>
<noscript>The explorer needs JavaScript. The GraphQL endpoint is POST /graphql.</noscript>
<script id="lip-explorer-config" type="application/json">${scriptJson(config)}</script>
<script src="explorer/react.production.min.js"></script>
<script src="explorer/react-dom.production.min.js"></script>
<script src="explorer/graphiql.min.js"></script>
<script type="module" src="explorer/explorer.js"></script>
</body>
</html>
`;
}

const acceptsHtml = (request: IncomingMessage) => /\btext\/html\b/.test(request.headers.accept ?? '');

/**
 * Routes for `serveApollo({ routes })`: the page at /explorer, and at /graphql and / for a
 * browser (Accept: text/html); any other request to those two goes on to GraphQL.
 */
export function explorerRoutes(options: ExplorerOptions = {}): Record<string, Route> {
  const cache = new Map<string, Buffer>();
  const servePage: Route = (_request, response) => {
    // Read on every request: the operation files are small, and an edit shows on reload.
    const html = page(options);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...SECURITY_HEADERS });
    response.end(html);
  };
  const routes: Record<string, Route> = {
    '/explorer': servePage,
    '/graphql': (request, response) => (acceptsHtml(request) ? servePage(request, response) : false),
    '/': (request, response) => (acceptsHtml(request) ? servePage(request, response) : false),
  };
  for (const [name, asset] of Object.entries(ASSETS)) {
    routes[`/explorer/${name}`] = (_request, response) => {
      // Packages (3.5 MB for GraphiQL) are read once; the explorer's own files on every request.
      let body = cache.get(name);
      if (!body) {
        body = readFileSync(asset.path);
        if (asset.vendor) cache.set(name, body);
      }
      const cacheControl = asset.vendor ? 'public, max-age=3600' : 'no-cache';
      response.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': cacheControl, ...SECURITY_HEADERS });
      response.end(body);
    };
  }
  return routes;
}
