// What operators get: health and readiness, Prometheus metrics, and one log line per
// request whose request id is carried from the gateway to the subgraphs.

import { mintToken } from '@lip/shared/auth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Stack, startStack } from './stack.ts';

let stack: Stack;
// A stack of its own (an empty register), unseeded; five databases still take minutes on a loaded 2-core machine.
beforeAll(async () => {
  stack = await startStack();
}, 600_000);
afterAll(() => stack?.close());

const base = (url: string) => new URL('/', url).toString();
const civil = () => stack.subgraphs['civil-affairs']!;

describe('health and readiness', () => {
  it('answer without authentication on the gateway and every subgraph', async () => {
    for (const url of [stack.gateway.url, ...Object.values(stack.subgraphs).map((s) => s.url)]) {
      expect(await (await fetch(new URL('/health', base(url)))).json()).toEqual({ status: 'ok' });
      const ready = await fetch(new URL('/ready', base(url)));
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    }
  });

  it('reports the gateway not ready while a subgraph is down', async () => {
    await civil().stopHttp();
    try {
      const ready = await fetch(new URL('/ready', base(stack.gateway.url)));
      expect(ready.status).toBe(503);
    } finally {
      // Restart on the same port so the rest of the file has a working graph again.
      const { startSubgraph } = await import('@lip/shared/subgraph');
      const { civilAffairs } = await import('@lip/civil-affairs/subgraph');
      const port = Number(new URL(civil().url).port);
      stack.subgraphs['civil-affairs'] = (await startSubgraph(civilAffairs, { db: civil().db, port })) as never;
    }
    expect((await fetch(new URL('/ready', base(stack.gateway.url)))).status).toBe(200);
  });
});

describe('metrics', () => {
  it('count operations by name and outcome, latency, and SQL statements', async () => {
    await stack.query(`query Regions { regions { code } }`);
    await stack.query(`query Person { person(idNumber: "110105194912310021") { name } }`);
    // Names are the client's choice: every name not in operations/*.graphql shares one label.
    for (let i = 0; i < 5; i++) await stack.query(`query MadeUp${i} { persons(first: 1) { totalCount } }`);
    const gateway = await (await fetch(new URL('/metrics', base(stack.gateway.url)))).text();
    expect(gateway).toMatch(/lip_graphql_requests_total\{operation="Regions",outcome="ok",service="gateway"\} 1/);
    expect(gateway).toMatch(/lip_graphql_requests_total\{operation="Person",outcome="error",service="gateway"\} 1/);
    expect(gateway).toMatch(/lip_graphql_requests_total\{operation="other",outcome="ok",service="gateway"\} 5/);
    expect(gateway).not.toContain('MadeUp');
    expect(gateway).toMatch(/lip_graphql_request_duration_seconds_count\{service="gateway",operation="Regions"\} 1/);
    expect(gateway).toContain('lip_subgraph_fetch_errors_total');
    const subgraphMetrics = async () => (await fetch(new URL('/metrics', base(civil().url)))).text();
    const statements = async () => Number(/lip_db_queries_total\{service="civil-affairs"\} (\d+)/.exec(await subgraphMetrics())?.[1] ?? 0);
    const before = await statements();
    await stack.query(`{ persons(first: 5) { totalCount edges { node { name } } } }`);
    expect((await statements()) - before).toBe(2); // the page and the count
    const subgraph = await subgraphMetrics();
    expect(subgraph).toContain('lip_db_query_duration_seconds_bucket');
  });
});

describe('metrics access', () => {
  it('needs METRICS_TOKEN when one is configured', async () => {
    process.env.METRICS_TOKEN = 'scrape-secret';
    try {
      const url = new URL('/metrics', base(stack.gateway.url));
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer scrape-secret' } })).status).toBe(200);
    } finally {
      delete process.env.METRICS_TOKEN;
    }
  });
});

describe('logs', () => {
  it('write one line per request with the request id carried to the subgraph, and no personal data', async () => {
    const gatewayLog = vi.spyOn(stack.gateway.observability.logger, 'info');
    const subgraphLog = vi.spyOn(civil().observability.logger, 'info');
    const auditor = { subject: 'analyst-7', role: 'ANALYST', region: '4112' } as const;
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42', authorization: `Bearer ${await mintToken(auditor)}` },
      body: JSON.stringify({ query: 'query Lookup($id: IdNumber!) { person(idNumber: $id) { name } }', variables: { id: '11010519491231002X' } }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    const [gatewayLine] = gatewayLog.mock.calls.at(-1)!;
    const [subgraphLine] = subgraphLog.mock.calls.at(-1)!;
    expect(gatewayLine).toMatchObject({ requestId: 'req-42', subject: 'analyst-7', operation: 'Lookup', outcome: 'ok' });
    expect(subgraphLine).toMatchObject({ requestId: 'req-42', subject: 'analyst-7', outcome: 'ok' });
    expect(JSON.stringify([gatewayLine, subgraphLine])).not.toContain('11010519491231002X');
  });
});
