// Importing a feed batch, from a list (the mutation) or a stream (the CSV command): all or
// nothing, idempotent by (feed, batch id), every bad row listed. Rows are checked as they are read
// and the good ones streamed into a temporary staging table (COPY on a connection of our own; chunked
// INSERTs inside the mutation's Prisma transaction); duplicates, feed records and the last state per
// person are then a few set-based statements. Memory stays flat however long the file.

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

const STAGE = 'feed_stage';

/** What an import needs of its transaction: queries, and a way to put the good rows in the staging table. */
interface ImportSession {
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  stage(rows: AsyncIterable<FeedRow>): Promise<void>;
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

/** A row as a line of COPY's text format: JSON's backslashes doubled, it has no tab or newline of its own. */
const copyLine = (row: FeedRow) => `${row.row}\t${row.idNumber}\t${row.state.occurredOn}\t${JSON.stringify(row.state).replace(/\\/g, '\\\\')}\n`;

async function runImport(session: ImportSession, batch: Batch): Promise<ImportResult> {
  const { feed, batchId } = batch;
  await lockKeys(runner(session), 'monitoring-feed', [`${feed}:${batchId}`]);
  const [existing] = await session.query<{ rowCount: number }>('SELECT "rowCount" FROM "FeedBatch" WHERE "feed" = $1 AND "batchId" = $2', feed, batchId);
  if (existing) return { batchId, feed, rows: existing.rowCount, changed: 0, alreadyImported: true };
  await holdSignalWriterLock(runner(session));
  await session.query(`CREATE TEMP TABLE ${STAGE} (n int NOT NULL, id text NOT NULL, occurred date NOT NULL, data jsonb NOT NULL) ON COMMIT DROP`);

  // Every row is read and checked; good ones go to the staging table until the first bad one.
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
  await session.stage(good());
  if (bad) throw new Rejected(errors, total, bad);
  if (total === 0) throw invalidInput('the batch has no rows', { field: 'rows' });

  const [created] = await session.query<{ id: string }>(
    `INSERT INTO "FeedBatch" ("id", "feed", "batchId", "department", "submittedBy", "rowCount", "changed")
     VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5, 0) RETURNING "id"`,
    feed,
    batchId,
    FEEDS[feed].department,
    batch.submittedBy,
    total,
  );
  // A batch holds one row per person. The feed records' unique index finds a duplicate as they are
  // written (no sort of the staging table when there is none); then the rows are listed.
  await session.query('SAVEPOINT feed_records');
  const [result] = await session
    .query<{ changed: number }>(
      `WITH rec AS (
       INSERT INTO "FeedRecord" ("batchId", "rowNumber", "feed", "personIdNumber", "occurredOn", "data")
       SELECT $1, n, $2, id, occurred, data FROM ${STAGE}
       RETURNING "id", "personIdNumber", "occurredOn", "data"
     ), sig AS (
       INSERT INTO "PersonSignal" ("personIdNumber", "source", "state", "evidenceId", "observedOn", "updatedAt")
       SELECT "personIdNumber", $2, "data", 'feed:' || "id", "occurredOn", now() FROM rec
       ON CONFLICT ("personIdNumber", "source") DO UPDATE SET
         "previous" = "PersonSignal"."state", "state" = EXCLUDED."state", "evidenceId" = EXCLUDED."evidenceId",
         "observedOn" = EXCLUDED."observedOn", "seq" = nextval(pg_get_serial_sequence('"PersonSignal"', 'seq')), "updatedAt" = now()
       WHERE "PersonSignal"."state" IS DISTINCT FROM EXCLUDED."state"
       RETURNING 1
     )
     SELECT count(*)::int AS changed FROM sig`,
      created!.id,
      feed,
    )
    .catch(async (error: unknown) => {
      await session.query('ROLLBACK TO SAVEPOINT feed_records');
      await rejectDuplicates(session, total);
      throw error;
    });
  const changed = result?.changed ?? 0;
  await session.query('UPDATE "FeedBatch" SET "changed" = $1 WHERE "id" = $2', changed, created!.id);
  return { batchId, feed, rows: total, changed, alreadyImported: false };
}

/** Lists the later rows of a person in the staging table as duplicates (rejecting the batch), if there are any. */
async function rejectDuplicates(session: ImportSession, total: number) {
  const duplicates = await session.query<{ n: number; id: string; first: number; count: number }>(
    `SELECT n, id, first, count(*) OVER ()::int AS count FROM (
       SELECT n, id, min(n) OVER (PARTITION BY id) AS first FROM ${STAGE}
     ) s WHERE n > first ORDER BY n LIMIT ${MAX_LISTED_ERRORS}`,
  );
  if (!duplicates.length) return;
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
            async stage(rows) {
              let chunk: FeedRow[] = [];
              const flush = async () => {
                if (chunk.length) {
                  await query(
                    `INSERT INTO ${STAGE} SELECT t.n, t.id, t.occurred::date, t.data FROM jsonb_to_recordset($1::jsonb) AS t(n int, id text, occurred text, data jsonb)`,
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
        const result = await runImport({ query, stage: (rows) => sql.copyFrom(`${STAGE} (n, id, occurred, data)`, copyLines(rows)) }, batch);
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

async function* copyLines(rows: AsyncIterable<FeedRow>): AsyncGenerator<string> {
  for await (const row of rows) yield copyLine(row);
}
