// The floor of a request: its own SQL statements (recorded on the wire by proxy.ts) replayed with
// node-postgres on warm connections, with the parallelism observed (dependencies in wire.ts), so
// what remains above it is the cost of Node, GraphQL and HTTP.
import { performance } from 'node:perf_hooks';
import { REPLAY_TABLE } from '@lip/shared/replay';
import pg from 'pg';
import type { RecordedStatement } from './proxy.ts';
import { dependencies } from './wire.ts';

/** Sends one recorded round trip's bytes as they were and waits for ReadyForQuery (pg's custom query API). */
class RawRoundTrip {
  private settle!: (error: string | null) => void;
  readonly done = new Promise<string | null>((resolve) => {
    this.settle = resolve;
  });
  private error: string | null = null;
  constructor(private bytes: Buffer) {}
  submit(connection: { stream: { write(bytes: Buffer): void } }) {
    connection.stream.write(this.bytes);
  }
  // pg forgets a query once it reports an error and never passes it the ReadyForQuery that follows,
  // so the round trip ends here (the connection's next statement still waits for ReadyForQuery).
  handleError(error: Error) {
    this.error = error.message;
    this.settle(this.error);
  }
  handleReadyForQuery() {
    this.settle(this.error);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleCommandComplete() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyInResponse() {}
  handleCopyData() {}
}

export interface Floor {
  /** Median wall time of the replays, ms. */
  criticalPath: number;
  /** Sum of the statements' own times in the median replay, ms (what they would take one after another). */
  serial: number;
  statements: number;
  connections: number;
  /** Statements that failed on replay (e.g. a write that cannot happen twice), of all replays. */
  errors: number;
}

/**
 * Replays `statements` `times` times after `warmup` unmeasured runs. `databaseUrl(subgraph)` is
 * the subgraph's database on the server itself (not through the proxy).
 */
export async function replayFloor(statements: RecordedStatement[], databaseUrl: (subgraph: string) => string, { times = 15, warmup = 3 } = {}): Promise<Floor> {
  const sorted = [...statements].sort((a, b) => a.start - b.start);
  const waitFor = dependencies(sorted);
  const bytes = sorted.map((statement) => Buffer.from(statement.replay, 'base64'));
  // A prepared statement is parsed on each replay connection once, as the service parses it once per connection.
  const parses = sorted.map((statement) => (statement.parse ? Buffer.from(statement.parse, 'base64') : undefined));
  const prepared = new Map<number, Set<string>>();
  const roundTrip = (index: number) => {
    const parse = parses[index];
    const done = prepared.get(sorted[index]!.connection) ?? new Set<string>();
    prepared.set(sorted[index]!.connection, done);
    if (!parse || done.has(sorted[index]!.parse!)) return bytes[index]!;
    done.add(sorted[index]!.parse!);
    return Buffer.concat([parse, bytes[index]!]);
  };
  // One warm connection per recorded connection, to the same database.
  const clients = new Map<number, pg.Client>();
  for (const statement of sorted) {
    if (clients.has(statement.connection)) continue;
    const client = new pg.Client({ connectionString: databaseUrl(statement.subgraph) });
    await client.connect();
    // A replayed write can fail where the original succeeded (a key inserted twice) and still hold
    // its transaction's locks; a statement on another connection must then fail, not wait forever.
    await client.query(`SET lock_timeout = '1s'; SET statement_timeout = '30s'`);
    clients.set(statement.connection, client);
  }
  // The replay guard has the request's signatures already, so their INSERTs (and the audit entry a query writes
  // in its signature's statement) would write nothing: each run first forgets them, and writes as the request did.
  const signatures = sorted.flatMap((statement) =>
    statement.text.includes(`INSERT INTO "${REPLAY_TABLE}"`) && statement.params[0]
      ? [{ connection: statement.connection, signature: statement.params[0] }]
      : [],
  );
  let errors = 0;
  const runs: { wall: number; serial: number }[] = [];
  try {
    for (let run = 0; run < warmup + times; run += 1) {
      for (const { connection, signature } of signatures) {
        await clients.get(connection)!.query(`DELETE FROM "${REPLAY_TABLE}" WHERE "signature" = $1`, [signature]);
      }
      const durations: number[] = [];
      const started = performance.now();
      const finished: Promise<void>[] = [];
      sorted.forEach((statement, index) => {
        finished[index] = Promise.all(waitFor[index]!.map((dependency) => finished[dependency])).then(async () => {
          const trip = new RawRoundTrip(roundTrip(index));
          const begin = performance.now();
          clients.get(statement.connection)!.query(trip as unknown as pg.QueryConfig);
          if ((await trip.done) !== null && run >= warmup) errors += 1;
          durations[index] = performance.now() - begin;
        });
      });
      await Promise.all(finished);
      if (run >= warmup) runs.push({ wall: performance.now() - started, serial: durations.reduce((sum, d) => sum + d, 0) });
    }
  } finally {
    await Promise.all([...clients.values()].map((client) => client.end()));
  }
  runs.sort((a, b) => a.wall - b.wall);
  const median = runs[Math.floor(runs.length / 2)] ?? { wall: 0, serial: 0 };
  return { criticalPath: median.wall, serial: median.serial, statements: sorted.length, connections: clients.size, errors };
}
