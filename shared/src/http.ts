// A small HTTP front for Apollo Server (used by the gateway and every subgraph), so that
// health, readiness and request limits live in one place instead of a web framework.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { AuthError, type Identity } from './auth.ts';
import { findBadString } from './text.ts';

/** A client's request id is kept only when short and plain; anything else is replaced. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the client's `x-request-id` when well-formed, otherwise a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * Refuses a request whose values hold an oversized string or an unsafe character before any
 * parsing, validation or resolver sees it: a 70,000-character ID number costs a scan, not a plan.
 */
function badValues(body: unknown, maxLength: number) {
  if (!body || typeof body !== 'object') return undefined;
  const { variables, operationName, extensions } = body as Record<string, unknown>;
  return findBadString({ variables, operationName, extensions }, maxLength);
}

export interface HttpOptions<Context extends BaseContext> {
  port: number;
  host?: string;
  /**
   * Who is calling; throws AuthError to refuse the request (401/403) before any GraphQL runs. `parsed` is
   * the body's JSON, parsed once for both (undefined when it is not JSON).
   */
  authenticate: (request: IncomingMessage, body: string, parsed: unknown) => Promise<Identity> | Identity;
  /** Awaited after GraphQL ran and before its answer leaves; throws AuthError to refuse the request after all (a subgraph's replay guard). */
  admit?: (request: IncomingMessage) => Promise<void>;
  context: (identity: Identity, requestId: string, request: IncomingMessage) => Promise<Context> | Context;
  /** HTTP methods GraphQL is served on (default any Apollo accepts); others get 405. Subgraphs take POST only. */
  graphqlMethods?: readonly string[];
  /** `/ready` answers 200 only when this resolves true. */
  ready?: () => Promise<boolean>;
  maxBodyBytes?: number;
  /** Longest string accepted anywhere in `variables`, `operationName` or `extensions` (code units; default 100,000, the gateway's body limit: a bank return file is one value). */
  maxStringLength?: number;
  /** Extra GET routes by path (e.g. the explorer's files); they take precedence over GraphQL. */
  routes?: Record<string, Route>;
}

/**
 * Answers a GET request. Returning `false` (or a promise of it) declines the request, which then goes
 * on as if there were no route; anything else means the route answered.
 */
export type Route = (request: IncomingMessage, response: ServerResponse) => unknown;

/** JSON for a page's `<script type="application/json">`: no "</script>" or "<!--" can end or confuse the element. */
export const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export interface RunningHttp {
  url: string;
  port: number;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Discard the rest rather than reset the connection, so the client reads the 413.
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

export async function serveApollo<Context extends BaseContext>(server: ApolloServer<Context>, options: HttpOptions<Context>): Promise<RunningHttp> {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return sendJson(response, 200, { status: 'ok' });
    if (url.pathname === '/ready') {
      const ready = await (options.ready?.() ?? Promise.resolve(true)).catch(() => false);
      return sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
    }
    const route = request.method === 'GET' ? options.routes?.[url.pathname] : undefined;
    if (route && (await route(request, response)) !== false) return;
    if (url.pathname !== '/' && url.pathname !== '/graphql') return sendJson(response, 404, { error: 'not found' });
    if (options.graphqlMethods && !options.graphqlMethods.includes(request.method ?? '')) {
      response.setHeader('allow', options.graphqlMethods.join(', '));
      return sendJson(response, 405, {
        errors: [{ message: `GraphQL is served on ${options.graphqlMethods.join(', ')} only`, extensions: { code: 'METHOD_NOT_ALLOWED' } }],
      });
    }

    const requestId = requestIdOf(request.headers['x-request-id']);
    let body: string;
    try {
      body = await readBody(request, limit);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return sendJson(response, 413, { errors: [{ message: `Request body exceeds ${limit} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      }
      throw error;
    }
    let parsed: unknown;
    let notJson = false;
    if (request.method === 'POST' && body) {
      try {
        parsed = JSON.parse(body);
      } catch {
        notJson = true;
      }
    }
    const refuse = (error: unknown) => {
      if (!(error instanceof AuthError)) throw error;
      sendJson(response, error.code === 'FORBIDDEN' ? 403 : 401, { errors: [{ message: error.message, extensions: { code: error.code } }] });
    };
    let identity: Identity;
    try {
      identity = await options.authenticate(request, body, parsed);
    } catch (error) {
      return refuse(error);
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    if (notJson) return sendJson(response, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    if (parsed !== undefined) {
      const bad = badValues(parsed, options.maxStringLength ?? 100_000);
      if (bad) {
        const field = bad.path.replace(/^variables\./, '');
        return sendJson(response, 400, {
          errors: [
            {
              message: `${field} ${bad.problem}`,
              extensions: { code: 'INVALID_INPUT', field, reason: bad.problem.startsWith('is longer') ? 'TOO_LONG' : 'UNSAFE_CHARACTER' },
            },
          ],
        });
      }
    }
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body: parsed },
      context: () => Promise.resolve(options.context(identity, requestId, request)),
    });
    try {
      await options.admit?.(request);
    } catch (error) {
      return refuse(error);
    }
    const outHeaders: Record<string, string> = { 'x-request-id': requestId };
    for (const [key, value] of result.headers) outHeaders[key] = value;
    response.writeHead(result.status ?? 200, outHeaders);
    if (result.body.kind === 'complete') return response.end(result.body.string);
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };

  const http: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // The error's name only: messages can quote submitted values (ID numbers, names).
      console.error('request failed', (error as Error)?.name ?? 'unknown error');
      if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else response.end();
    });
  });
  // Keep-alive longer than the gateway's client so idle sockets are closed by the client first.
  http.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  return {
    port,
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
