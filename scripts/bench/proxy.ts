// A TCP proxy between each subgraph and PostgreSQL, in a process of its own (so its CPU is
// neither the load generator's nor a service's): it counts every statement on the wire per
// subgraph and, when asked, records them with their text, parameters and timing (wire.ts).
// Forked by scripts/bench.ts; talks to it over IPC (see ProxyRequest / ProxyReply).
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { ConnectionTracker, type Statement } from './wire.ts';

export type ProxyRequest = { id: number; type: 'record' } | { id: number; type: 'stop' } | { id: number; type: 'counts' };
export type RecordedStatement = Omit<Statement, 'replay' | 'parse'> & { subgraph: string; replay: string; parse?: string };
export type ProxyReply =
  | { type: 'listening'; ports: Record<string, number> }
  | { id: number; type: 'recording' }
  | { id: number; type: 'recorded'; statements: RecordedStatement[] }
  | { id: number; type: 'counts'; counts: Record<string, number> };

const send = (reply: ProxyReply) => process.send!(reply);
const upstream = new URL(process.env.PROXY_UPSTREAM!);
const names = JSON.parse(process.env.PROXY_SUBGRAPHS!) as string[];

const counts: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
let recording: RecordedStatement[] | null = null;
let connections = 0;

const listen = (subgraph: string) =>
  new Promise<number>((resolve) => {
    const server = net.createServer((client) => {
      const server = net.connect(Number(upstream.port || 5432), upstream.hostname);
      client.setNoDelay(true);
      server.setNoDelay(true);
      const tracker = new ConnectionTracker(
        ++connections,
        () => performance.now(),
        (statement) => {
          counts[subgraph]! += 1;
          recording?.push({ ...statement, subgraph, replay: statement.replay.toString('base64'), parse: statement.parse?.toString('base64') });
        },
      );
      client.on('data', (chunk) => {
        tracker.client(chunk);
        server.write(chunk);
      });
      server.on('data', (chunk) => {
        tracker.server(chunk);
        client.write(chunk);
      });
      const end = () => {
        client.destroy();
        server.destroy();
      };
      client.on('close', end).on('error', end);
      server.on('close', end).on('error', end);
    });
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });

const ports = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await listen(name)] as const)));
send({ type: 'listening', ports });

process.on('message', (request: ProxyRequest) => {
  if (request.type === 'record') {
    recording = [];
    send({ id: request.id, type: 'recording' });
  } else if (request.type === 'stop') {
    send({ id: request.id, type: 'recorded', statements: recording ?? [] });
    recording = null;
  } else send({ id: request.id, type: 'counts', counts: { ...counts } });
});
// Ends with the benchmark.
process.on('disconnect', () => process.exit(0));
