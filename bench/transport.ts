// The roster's HTTP topology with nothing else in it: a gateway process and five subgraph processes
// exchanging JSON of a roster page's sizes, with no GraphQL, SQL, token, signature or audit. What it
// costs is the part of a roster's p50 that no work on GraphQL or SQL can remove on this machine (processes,
// HTTP on loopback, JSON): bench/RESULTS.md sets it beside the SQL floor of scripts/bench.ts.
import { fork } from 'node:child_process';
import { createServer, Agent as HttpAgent, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { json } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { integerOption, parseCommandLine } from '@lip/shared/cli';
import { runLoad } from '../scripts/bench/load.ts';
import { entitiesQuery, representation } from '../scripts/bench/scenarios.ts';

const USAGE = `
usage: npx tsx bench/transport.ts [--seconds 8] [--rounds 2]

Starts five "subgraphs" (each its own process, answering a page of 100 persons as JSON of about the
sizes civil affairs and the four departments answer a roster page: 60, 30, 35, 70 and 20 kB) and a
"gateway" process (civil affairs first, then the four with 100 representations each, the answers merged
and sent on as one), and measures p50/p95 through the gateway and with the client calling the five
itself, one request at a time, alternating.
  --seconds  measured seconds per run (after a quarter of it as warm-up)
  --rounds   gateway and direct, this many times each
`;

/** Fields per person in each subgraph's answer, which sets its size (about 4–5 kB per field for 100 persons). */
const FIELDS = { 'civil-affairs': 13, education: 7, housing: 8, 'health-insurance': 14, union: 5 };

const person = (index: number, fields: number, prefix: string) =>
  Object.fromEntries(
    Array.from({ length: fields }, (_, field) => [
      `${prefix}${field}`,
      field % 3 === 0
        ? `4112821950${String(10_000_000 + index * 100 + field)}`
        : field % 3 === 1
          ? [{ kind: 'LIVING', amount: '120.00', status: 'ACTIVE' }]
          : `value-${index}-${field}`,
    ]),
  );
// What the bench's direct roster sends (scripts/bench/scenarios.ts), for 100 persons.
const representations = Array.from({ length: 100 }, (_, index) =>
  representation({
    idNumber: `4112821950${String(10_000_000 + index * 100)}`,
    activeCategories: ['SUBSISTENCE_ALLOWANCE'],
    hukouType: 'RURAL',
    extremePovertySupport: null,
  }),
);
const ENTITIES = entitiesQuery('a b c');

const agent = new HttpAgent({ keepAlive: true });
const post = async (port: number, body: string) => {
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = request({ port, host: '127.0.0.1', method: 'POST', path: '/graphql', agent, headers: { 'content-type': 'application/json' } }, resolve);
    outgoing.on('error', reject);
    outgoing.end(body);
  });
  return (await json(response)) as { data: { entities: Record<string, unknown>[] } };
};
/** Serves `answer(body)` on a free port and tells the parent process which. */
const serve = (answer: (body: unknown) => Promise<unknown>) => {
  const server = createServer(async (incoming, response) => {
    const body = JSON.stringify(await answer(await json(incoming)));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
};

const [role, argument, prefix = 'field'] = process.argv.slice(2);
if (role === '--subgraph') {
  const page = { data: { entities: Array.from({ length: 100 }, (_, index) => person(index, Number(argument), prefix)) } };
  serve(async () => page);
} else if (role === '--gateway') {
  const [civil, ...departments] = JSON.parse(argument!) as number[];
  serve(async () => {
    const first = await post(civil!, JSON.stringify({ query: '{ persons { edges { node { idNumber } } } }' }));
    const rest = await Promise.all(departments.map((port) => post(port, JSON.stringify({ query: ENTITIES, variables: { representations } }))));
    const nodes = first.data.entities.map((node, index) => Object.assign({}, node, ...rest.map((answer) => answer.data.entities[index])));
    return { data: { persons: { edges: nodes.map((node) => ({ node })) } } };
  });
} else {
  const values = parseCommandLine(USAGE, { seconds: { type: 'string', default: '8' }, rounds: { type: 'string', default: '2' } });
  const seconds = integerOption('seconds', values.seconds, USAGE)!;
  const rounds = integerOption('rounds', values.rounds, USAGE)!;
  const self = fileURLToPath(import.meta.url);
  const start = (args: string[]) =>
    new Promise<{ port: number; stop: () => void }>((resolve, reject) => {
      const child = fork(self, args, { execArgv: ['--import', 'tsx'] });
      child.once('message', (port) => resolve({ port: port as number, stop: () => child.kill() }));
      child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    });
  const subgraphs = await Promise.all(Object.entries(FIELDS).map(([name, fields]) => start(['--subgraph', String(fields), name.replace('-', '')])));
  const gateway = await start(['--gateway', JSON.stringify(subgraphs.map((subgraph) => subgraph.port))]);
  const fetchJson = async (port: number, body: string) =>
    (await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
  const runs = {
    'through the gateway': () => fetchJson(gateway.port, '{"query":"{ roster }"}'),
    direct: async () => {
      await fetchJson(subgraphs[0]!.port, '{"query":"{ persons }"}');
      await Promise.all(subgraphs.slice(1).map((subgraph) => fetchJson(subgraph.port, JSON.stringify({ query: ENTITIES, variables: { representations } }))));
    },
  };
  try {
    const sizes = await Promise.all(subgraphs.map(async (subgraph) => JSON.stringify(await fetchJson(subgraph.port, '{}')).length));
    console.log(
      `answers of ${sizes.map((size) => `${Math.round(size / 1000)} kB`).join(', ')}; through the gateway one of ${Math.round(JSON.stringify(await runs['through the gateway']()).length / 1000)} kB`,
    );
    for (let round = 1; round <= rounds; round += 1) {
      for (const [name, run] of Object.entries(runs)) {
        const send = async () => {
          await run();
          return true;
        };
        await runLoad({ concurrency: 1, seconds: seconds / 4, send });
        const result = await runLoad({ concurrency: 1, seconds, send });
        if (result.errors) throw new Error(`${name}: ${result.errors} of ${result.requests} requests failed`);
        console.log(`round ${round}, ${name}: ${result.requests} requests, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`);
      }
    }
  } finally {
    for (const service of [...subgraphs, gateway]) service.stop();
  }
}
