// The gateway must not reach beyond this machine: Apollo Gateway, unless told otherwise, probes the
// cloud providers' metadata addresses at start-up and reports usage to apollographql.com every hour.
// Every outbound socket and host lookup the process makes while the gateway starts and answers is
// recorded here; only loopback may appear.
import dns from 'node:dns';
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../src/gateway.ts';

const reached: string[] = [];
const originalConnect = net.Socket.prototype.connect;
const originalLookup = dns.lookup;
let gateway: RunningGateway;

beforeAll(async () => {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const [first] = args as [net.SocketConnectOpts | number | string];
    if (typeof first === 'object' && first !== null)
      reached.push(String('host' in first ? (first.host ?? 'localhost') : ((first as { path?: string }).path ?? '')));
    else if (typeof first === 'number') reached.push(String(args[1] ?? 'localhost'));
    return originalConnect.apply(this, args as Parameters<typeof originalConnect>);
  } as typeof originalConnect;
  dns.lookup = ((hostname: string, ...rest: unknown[]) => {
    reached.push(hostname);
    return (originalLookup as (...all: unknown[]) => unknown)(hostname, ...rest);
  }) as typeof dns.lookup;
  gateway = await startGateway({ host: '127.0.0.1' });
});

afterAll(async () => {
  await gateway?.close();
  net.Socket.prototype.connect = originalConnect;
  dns.lookup = originalLookup;
});

it('reaches nothing but loopback while it starts and answers', async () => {
  const response = await fetch(`${gateway.url}/ready`);
  expect(response.status).toBeGreaterThan(0);
  // The metadata probes start right after construction and give up within seconds.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const outside = reached.filter((host) => !['127.0.0.1', '::1', 'localhost', ''].includes(host) && !host.startsWith('/'));
  expect(outside).toEqual([]);
  expect(reached.length).toBeGreaterThan(0); // the recorder saw the readiness check's own connections
});
