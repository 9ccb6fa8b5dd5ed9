// One seeded stack for every end-to-end file: started once in vitest's main process before any
// test file runs (so no file waits for seeding inside a hook), shared over HTTP. Files reach it
// with `sharedStack()` (tests/stack.ts); SQL against its databases goes through a small
// test-only endpoint here, since the embedded databases live in this process.
// Files that must own a stack (they stop a subgraph, spy on a logger, or count rows of an empty
// register) still call startStack() without seeding.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { SHARED_STACK_PERSONS, type Stack, startStack } from './stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedStack: { gatewayUrl: string; subgraphUrls: Record<string, string>; controlUrl: string };
  }
}

/** Starts the stack up front for a whole run, or when the command line names an end-to-end file or tests/ itself. */
function needsStack(argv: string[]): boolean {
  const filters = argv.slice(2).filter((arg) => !arg.startsWith('-') && arg !== 'run' && !/^\d+$/.test(arg));
  return filters.length === 0 || filters.some((filter) => /e2e|browser|^(\.\/)?tests\/?$/.test(filter));
}

export default async function setup(project: TestProject) {
  // The stack runs in this process, which vitest's `test.env` does not reach: keep its request logs out of the report.
  process.env.LOG_LEVEL ??= 'warn';
  let stack: Promise<Stack> | undefined;
  const start = () => {
    if (!stack) {
      const started = Date.now();
      stack = startStack({ seed: { persons: SHARED_STACK_PERSONS, seed: 2024 } });
      stack.then(() => console.error(`shared test stack: ${SHARED_STACK_PERSONS} demo persons, up in ${((Date.now() - started) / 1000).toFixed(0)} s`));
    }
    return stack;
  };
  const control = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      try {
        const running = await start();
        const answer =
          request.url === '/stack'
            ? { gatewayUrl: running.gateway.url, subgraphUrls: Object.fromEntries(Object.entries(running.subgraphs).map(([name, s]) => [name, s.url])) }
            : await (async () => {
                const { subgraph, text, params } = JSON.parse(body) as { subgraph: string; text: string; params?: unknown[] };
                return running.subgraphs[subgraph]!.db.sql.query(text, params);
              })();
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      } catch (error) {
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (error as Error).message }));
      }
    });
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
  if (needsStack(process.argv)) {
    const running = await start();
    project.provide('sharedStack', {
      gatewayUrl: running.gateway.url,
      subgraphUrls: Object.fromEntries(Object.entries(running.subgraphs).map(([name, s]) => [name, s.url])),
      controlUrl,
    });
  } else {
    // A file that needs it anyway starts it on first use (see sharedStack()).
    project.provide('sharedStack', { gatewayUrl: '', subgraphUrls: {}, controlUrl });
  }
  return async () => {
    control.close();
    await (await stack)?.close();
  };
}
