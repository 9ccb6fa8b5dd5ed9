// Runs the gateway and each subgraph as its own Node process (the production layout), and
// reads their peak memory from /proc.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Service {
  name: string;
  url: string;
  process: ChildProcess;
}

/** `imports`: modules loaded before `entry` (after tsx, so they may be TypeScript); `args`: the entry's own. */
export function startService(
  name: string,
  entry: string,
  env: Record<string, string>,
  url: string,
  { args = [], imports = [] }: { args?: string[]; imports?: string[] } = {},
): Service {
  const nodeOptions = process.env.BENCH_SERVICE_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', ...imports.flatMap((module) => ['--import', module]), entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { name, url, process: child };
}

export async function waitReady(service: Service, timeoutMs = 60_000, path = '/ready') {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.process.exitCode !== null) throw new Error(`${service.name} exited with ${service.process.exitCode}`);
    const ok = await fetch(new URL(path, service.url)).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.name} not ready after ${timeoutMs} ms`);
}

/** Peak resident memory (VmHWM) of a process, in MB. */
export function peakMemoryMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

export async function stopAll(services: Service[]) {
  await Promise.all(
    services.map(
      (service) =>
        new Promise<void>((resolve) => {
          if (service.process.exitCode !== null) return resolve();
          service.process.once('exit', () => resolve());
          service.process.kill('SIGTERM');
          setTimeout(() => service.process.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
}

/** `count` distinct ports free on 127.0.0.1 now (held open together, so none is handed out twice). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve) => {
          const server = net.createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
