// The gateway's HTTP client for subgraph calls: node:http on kept-alive connections, the body
// read whole. Apollo's default (make-fetch-happen over minipass streams, with its cache layer)
// cost a large share of the gateway's CPU per roster; nothing here needs HTTP caching.
import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';

/** A subgraph that cannot be reached: the shape node-fetch gives, which the gateway's error formatting recognises. */
export class SubgraphFetchError extends Error {
  override readonly name = 'FetchError';
  readonly type = 'system';
  constructor(
    url: string,
    reason: Error,
    readonly code = (reason as { code?: string }).code,
  ) {
    super(`request to ${url} failed, reason: ${reason.message}`);
  }
}

class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  bodyUsed = false;
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly body: Buffer,
  ) {}
  get ok() {
    return this.status >= 200 && this.status < 300;
  }
  async text() {
    this.bodyUsed = true;
    return this.body.toString('utf8');
  }
  async json() {
    return JSON.parse(await this.text());
  }
  async arrayBuffer() {
    this.bodyUsed = true;
    return new Uint8Array(this.body).buffer;
  }
  clone() {
    return new BufferedResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}

/** A fetcher on kept-alive connections (a subgraph's `Keep-Alive: timeout` closes idle ones before the server does). */
export function subgraphFetcher(): Fetcher {
  const agents = { 'http:': new Agent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };
  return (url: string, init: FetcherRequestInit = {}) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const outgoing = (secure ? httpsRequest : request)(
        target,
        { method: init.method ?? 'GET', headers: init.headers, agent: secure ? agents['https:'] : agents['http:'] },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => reject(new SubgraphFetchError(url, error)));
          response.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (value !== undefined) for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
            }
            resolve(new BufferedResponse(url, response.statusCode ?? 0, response.statusMessage ?? '', headers, Buffer.concat(chunks)));
          });
        },
      );
      outgoing.on('error', (error) => reject(new SubgraphFetchError(url, error)));
      outgoing.end(init.body);
    });
}
