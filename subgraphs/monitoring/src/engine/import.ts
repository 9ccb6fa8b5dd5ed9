// Importing a feed batch, from a list (the mutation) or a stream (the CSV command): all or
// nothing, idempotent by (feed, batch id), every bad row listed. Rows are checked as they are read
// and the good ones written straight to the feed records (COPY on a connection of our own, so the
// server builds the records while this process parses the next rows; chunked INSERTs inside the
// mutation's Prisma transaction). The one-row-per-person check is the records' unique constraint,
// deferred to the end of the write so that every duplicate can be listed; the last state per person
// is then one statement over the batch's records. Memory stays flat however long the file.

import { today } from '@lip/shared/calendar';
import type { Database, SqlRunner } from '@lip/shared/database';
import { invalidInput } from '@lip/shared/errors';
import { maskIdNumber } from '@lip/shared/id-number';
import { lockKeys, type RawQueryRunner } from '@lip/shared/writes';
import { batchRejected, FEEDS, type Feed, type FeedRow, type FeedRowInput, type RowError, validateFeedRow } from '../domain/feeds.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { analyzeAfterWrite } from './analyze.ts';
import { holdSignalWriterLock } from './signals.ts';

export interface ImportResult {
  batchId: string;
  feed: Feed;
  rows: number;
  /** Persons whose state for this feed changed (a re-sent row changes nothing). */
  changed: number;
  /** True when this batch id was imported before: nothing was done. */
  alreadyImported: boolean;
}

/** Rows per staging INSERT inside a Prisma transaction (the mutation: at most MAX_FEED_ROWS). */
export const CHUNK_ROWS = 2_500;
/** Bad rows listed at most (the count in the message is always complete). */
export const MAX_LISTED_ERRORS = 10_000;

/** The records' one-row-per-person constraint (DEFERRABLE: checked after the write, see rejectDuplicates). */
const ONE_ROW_PER_PERSON = '"FeedRecord_personIdNumber_batchId_key"';

/** What an import needs of its transaction: queries, and a way to write the good rows as records of the batch (`FeedBatch.id`). */
interface ImportSession {
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  write(batch: string, feed: Feed, rows: AsyncIterable<FeedRow>): Promise<void>;
}

interface Batch {
  feed: Feed;
  batchId: string;
  submittedBy: string;
  rows: Iterable<FeedRowInput> | AsyncIterable<FeedRowInput>;
}

/** Thrown inside the transaction to roll it back with the rows' errors. */
class Rejected extends Error {
  constructor(
    readonly errors: RowError[],
    readonly total: number,
    readonly bad: number,
  ) {
    super('rejected');
  }
}

/** The batch's records ($1 its FeedBatch.id): ids lie between the sequence's values taken before ($2) and after ($3) the write. */
interface Records {
  batchRow: string;
  from: string;
  to: string;
}
const THE_BATCH = '"id" > $2::bigint AND "id" < $3::bigint AND "batchId" = $1';

/** The records' columns a write fills, in this order. */
const RECORD_COLUMNS = '"FeedRecord" ("batchId", "feed", "rowNumber", "personIdNumber", "occurredOn", "data")';

/** A record as a line of COPY's text format: JSON's backslashes doubled, it has no tab or newline of its own. */
const copyLine = (head: string, row: FeedRow) =>
  `${head}${row.row}\t${row.idNumber}\t${row.state.occurredOn}\t${JSON.stringify(row.state).replace(/\\/g, '\\\\')}\n`;

async function runImport(session: ImportSession, batch: Batch): Promise<ImportResult> {
  const { feed, batchId } = batch;
  await lockKeys(runner(session), 'monitoring-feed', [`${feed}:${batchId}`]);
  const [existing] = await session.query<{ rowCount: number }>('SELECT "rowCount" FROM "FeedBatch" WHERE "feed" = $1 AND "batchId" = $2', feed, batchId);
  if (existing) return { batchId, feed, rows: existing.rowCount, changed: 0, alreadyImported: true };
  await holdSignalWriterLock(runner(session));
  // The batch first: its records point at it. Nothing of it stays if a row is bad (the transaction rolls back).
  const [created] = await session.query<{ id: string }>(
    `INSERT INTO "FeedBatch" ("id", "feed", "batchId", "department", "submittedBy", "rowCount", "changed")
     VALUES (gen_random_uuid()::text, $1, $2, $3, $4, 0, 0) RETURNING "id"`,
    feed,
    batchId,
    FEEDS[feed].department,
    batch.submittedBy,
  );
  const batchRow = created!.id;
  await session.query(`SET CONSTRAINTS ${ONE_ROW_PER_PERSON} DEFERRED`);

  // Every row is read and checked; good ones are written until the first bad one.
  const errors: RowError[] = [];
  let total = 0;
  let bad = 0;
  const on = today();
  async function* good(): AsyncGenerator<FeedRow> {
    for await (const input of batch.rows as AsyncIterable<FeedRowInput>) {
      total++;
      const checked = validateFeedRow(feed, input, total, on);
      if (checked.errors.length) {
        bad++;
        if (errors.length < MAX_LISTED_ERRORS) errors.push(...checked.errors);
      } else if (!bad) yield checked.row!;
    }
  }
  // The records' ids are taken in order, so this batch's lie between the sequence before and after the write.
  const recordId = `nextval(pg_get_serial_sequence('"FeedRecord"', 'id'))::text`;
  const [before] = await session.query<{ id: string }>(`SELECT ${recordId} AS id`);
  await session.write(batchRow, feed, good());
  if (bad) throw new Rejected(errors, total, bad);
  if (total === 0) throw invalidInput('the batch has no rows', { field: 'rows' });
  const [after] = await session.query<{ id: string }>(`SELECT ${recordId} AS id`);
  const records = { batchRow, from: before!.id, to: after!.id };
  await rejectDuplicates(session, records, total);

  const [result] = await session.query<{ changed: number }>(
    `WITH sig AS (
       INSERT INTO "PersonSignal" ("personIdNumber", "source", "state", "evidenceId", "observedOn", "updatedAt")
       SELECT "personIdNumber", $4, "data", 'feed:' || "id", "occurredOn", now() FROM "FeedRecord"
       WHERE ${THE_BATCH}
       ON CONFLICT ("personIdNumber", "source") DO UPDATE SET
         "previous" = "PersonSignal"."state", "state" = EXCLUDED."state", "evidenceId" = EXCLUDED."evidenceId",
         "observedOn" = EXCLUDED."observedOn", "seq" = nextval(pg_get_serial_sequence('"PersonSignal"', 'seq')), "updatedAt" = now()
       WHERE "PersonSignal"."state" IS DISTINCT FROM EXCLUDED."state"
       RETURNING 1
     )
     SELECT count(*)::int AS changed FROM sig`,
    records.batchRow,
    records.from,
    records.to,
    feed,
  );
  const changed = result?.changed ?? 0;
  await session.query('UPDATE "FeedBatch" SET "rowCount" = $1, "changed" = $2 WHERE "id" = $3', total, changed, batchRow);
  return { batchId, feed, rows: total, changed, alreadyImported: false };
}

/** Checks the deferred one-row-per-person constraint; if it fails, lists the later rows of each person of the batch as duplicates. */
async function rejectDuplicates(session: ImportSession, records: Records, total: number) {
  await session.query('SAVEPOINT one_row_per_person');
  const violation = await session.query(`SET CONSTRAINTS ${ONE_ROW_PER_PERSON} IMMEDIATE`).then(
    () => null,
    async (error: unknown) => {
      await session.query('ROLLBACK TO SAVEPOINT one_row_per_person');
      return { error };
    },
  );
  if (!violation) return;
  const duplicates = await session.query<{ n: number; id: string; first: number; count: number }>(
    `SELECT n, id, first, count(*) OVER ()::int AS count FROM (
       SELECT "rowNumber" AS n, "personIdNumber" AS id, min("rowNumber") OVER (PARTITION BY "personIdNumber") AS first FROM "FeedRecord" WHERE ${THE_BATCH}
     ) s WHERE n > first ORDER BY n LIMIT ${MAX_LISTED_ERRORS}`,
    records.batchRow,
    records.from,
    records.to,
  );
  if (!duplicates.length) throw violation.error;
  throw new Rejected(
    duplicates.map((row) => ({
      row: row.n,
      idNumber: maskIdNumber(row.id),
      code: 'DUPLICATE_ROW',
      message: `same person as row ${row.first}: a batch holds one row per person`,
    })),
    total,
    duplicates[0]!.count,
  );
}

const runner = (session: ImportSession): RawQueryRunner => ({
  $queryRawUnsafe: <T>(sql: string, ...params: unknown[]) => session.query(sql, ...params) as Promise<T>,
});

function rejectedAsError(error: unknown): never {
  if (error instanceof Rejected) throw batchRejected(error.errors, error.total, error.bad);
  throw error;
}

/**
 * Imports a batch inside a Prisma transaction (the mutation: a list of at most MAX_FEED_ROWS rows).
 * A batch id seen before returns alreadyImported without reading the rows.
 */
export async function importFeedBatch(prisma: PrismaClient, batch: Batch): Promise<ImportResult> {
  return prisma
    .$transaction(
      (tx) => {
        const query = <T>(sql: string, ...params: unknown[]) => tx.$queryRawUnsafe<T[]>(sql, ...params);
        return runImport(
          {
            query,
            async write(batchRow, feed, rows) {
              let chunk: FeedRow[] = [];
              const flush = async () => {
                if (chunk.length) {
                  await query(
                    `INSERT INTO ${RECORD_COLUMNS} SELECT $1, $2, t.n, t.id, t.occurred::date, t.data FROM jsonb_to_recordset($3::jsonb) AS t(n int, id text, occurred text, data jsonb)`,
                    batchRow,
                    feed,
                    JSON.stringify(chunk.map((row) => ({ n: row.row, id: row.idNumber, occurred: row.state.occurredOn, data: row.state }))),
                  );
                }
                chunk = [];
              };
              for await (const row of rows) {
                chunk.push(row);
                if (chunk.length >= CHUNK_ROWS) await flush();
              }
              await flush();
            },
          },
          batch,
        );
      },
      { timeout: 600_000, maxWait: 60_000 },
    )
    .catch(rejectedAsError);
}

/**
 * Imports a batch of any size on a connection of its own, the rows streamed in with COPY (the CSV
 * command, the demo and the benchmark), in one transaction.
 */
export async function importFeedStream(db: Database, batch: Batch): Promise<ImportResult> {
  return db
    .session(async (sql) => {
      const query = <T>(text: string, ...params: unknown[]) => sql.query<T>(text, params);
      await sql.exec('BEGIN');
      try {
        const write = (batchRow: string, feed: Feed, rows: AsyncIterable<FeedRow>) => sql.copyFrom(RECORD_COLUMNS, copyLines(`${batchRow}\t${feed}\t`, rows));
        const result = await runImport({ query, write }, batch);
        await sql.exec('COMMIT');
        // The run that follows reads the changed persons' signals through the indexes.
        await analyzeAfterWrite({ $queryRawUnsafe: query as RawQueryRunner['$queryRawUnsafe'] }, 'PersonSignal', result.changed);
        return result;
      } catch (error) {
        await rollback(sql);
        throw error;
      }
    })
    .catch(rejectedAsError);
}

async function rollback(sql: SqlRunner) {
  await sql.exec('ROLLBACK').catch(() => {}); // the connection may be gone; the server rolls back then
}

async function* copyLines(head: string, rows: AsyncIterable<FeedRow>): AsyncGenerator<string> {
  for await (const row of rows) yield copyLine(head, row);
}
