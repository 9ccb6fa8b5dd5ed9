// Importing a feed batch, from a list (the mutation) or a stream (the CSV command): all or
// nothing, idempotent by (feed, batch id), every bad row listed. Rows are written in chunks of
// one statement each inside one transaction, so memory stays flat however long the file (a chunk
// is written while the next one is parsed).

import { today } from '@lip/shared/calendar';
import { invalidInput } from '@lip/shared/errors';
import { maskIdNumber } from '@lip/shared/id-number';
import { lockKeys } from '@lip/shared/writes';
import { batchRejected, FEEDS, type Feed, type FeedRow, type FeedRowInput, type RowError, validateFeedRow } from '../domain/feeds.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
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

/**
 * Rows written per statement. Small on purpose: the Prisma client keeps the parameters of its last
 * hundred or so raw queries alive (measured: about 1 MB per query carrying 2 MB of JSON; the pg
 * driver alone keeps nothing), so memory is bounded by a hundred chunks, not by one.
 */
export const CHUNK_ROWS = 2_500;
/** Bad rows listed at most (the count in the message is always complete). */
export const MAX_LISTED_ERRORS = 10_000;

type Tx = Prisma.TransactionClient;

/** Writes one chunk: the feed records and, for each person, the new state. Returns changed persons and duplicate rows. */
async function writeChunk(tx: Tx, batchKey: string, feed: Feed, rows: readonly FeedRow[]) {
  const [result] = await tx.$queryRawUnsafe<{ changed: number; duplicates: number[] | null }[]>(
    // The chunk goes as one JSON text: through Prisma that is several times cheaper than four arrays.
    `WITH input AS (
       SELECT t.n, t.id, t.occurred::date AS occurred, t.data
       FROM jsonb_to_recordset($1::jsonb) AS t(n int, id text, occurred text, data jsonb)
     ), rec AS (
       INSERT INTO "FeedRecord" ("batchId", "rowNumber", "feed", "personIdNumber", "occurredOn", "data")
       SELECT $2, n, $3, id, occurred, data FROM input
       ON CONFLICT ("batchId", "personIdNumber") DO NOTHING
       RETURNING "id", "rowNumber", "personIdNumber", "occurredOn", "data"
     ), sig AS (
       INSERT INTO "PersonSignal" ("personIdNumber", "source", "state", "evidenceId", "observedOn", "updatedAt")
       SELECT "personIdNumber", $3, "data", 'feed:' || "id", "occurredOn", now() FROM rec
       ON CONFLICT ("personIdNumber", "source") DO UPDATE SET
         "previous" = "PersonSignal"."state", "state" = EXCLUDED."state", "evidenceId" = EXCLUDED."evidenceId",
         "observedOn" = EXCLUDED."observedOn", "seq" = nextval(pg_get_serial_sequence('"PersonSignal"', 'seq')), "updatedAt" = now()
       WHERE "PersonSignal"."state" IS DISTINCT FROM EXCLUDED."state"
       RETURNING 1
     )
     SELECT (SELECT count(*)::int FROM sig) AS changed,
            (SELECT array_agg(n ORDER BY n) FROM input WHERE n NOT IN (SELECT "rowNumber" FROM rec)) AS duplicates`,
    JSON.stringify(rows.map((row) => ({ n: row.row, id: row.idNumber, occurred: row.state.occurredOn, data: row.state }))),
    batchKey,
    feed,
  );
  return { changed: result?.changed ?? 0, duplicates: result?.duplicates ?? [] };
}

/** Thrown inside the transaction to roll it back with the rows' errors. */
class Rejected extends Error {}

/**
 * Imports a batch. `rows` may be a list or a stream; `total` counts bad rows beyond the listed ones.
 * A batch id seen before returns alreadyImported without reading the rows.
 */
export async function importFeedBatch(
  prisma: PrismaClient,
  input: { feed: Feed; batchId: string; submittedBy: string; rows: Iterable<FeedRowInput> | AsyncIterable<FeedRowInput> },
): Promise<ImportResult> {
  const { feed, batchId } = input;
  const errors: RowError[] = [];
  let badRows = 0;
  let total = 0;
  try {
    return await prisma.$transaction(
      async (tx) => {
        await lockKeys(tx, 'monitoring-feed', [`${feed}:${batchId}`]);
        const existing = await tx.feedBatch.findUnique({ where: { feed_batchId: { feed, batchId } } });
        if (existing) return { batchId, feed, rows: existing.rowCount, changed: 0, alreadyImported: true };
        await holdSignalWriterLock(tx);
        const batch = await tx.feedBatch.create({
          data: { feed, batchId, department: FEEDS[feed].department, submittedBy: input.submittedBy, rowCount: 0, changed: 0 },
        });
        let chunk: FeedRow[] = [];
        let changed = 0;
        // One chunk is written while the next is read and checked: the database and the parser
        // work at the same time, and at most two chunks are held, whatever the length of the feed.
        let writing: Promise<void> = Promise.resolve();
        const flush = async () => {
          await writing;
          const rows = chunk;
          chunk = [];
          if (!rows.length || badRows) return;
          writing = writeChunk(tx, batch.id, feed, rows).then((written) => {
            changed += written.changed;
            for (const row of written.duplicates) {
              badRows++;
              const original = rows.find((candidate) => candidate.row === row)!;
              if (errors.length < MAX_LISTED_ERRORS) {
                errors.push({
                  row,
                  idNumber: maskIdNumber(original.idNumber),
                  code: 'DUPLICATE_ROW',
                  message: 'same person as an earlier row: a batch holds one row per person',
                });
              }
            }
          });
          writing.catch(() => {}); // handled when awaited: the next flush, or the end
        };
        const on = today();
        try {
          for await (const row of input.rows as AsyncIterable<FeedRowInput>) {
            total++;
            const checked = validateFeedRow(feed, row, total, on);
            if (checked.errors.length) {
              badRows++;
              if (errors.length < MAX_LISTED_ERRORS) errors.push(...checked.errors);
            } else if (!badRows) {
              chunk.push(checked.row!);
              if (chunk.length >= CHUNK_ROWS) await flush();
            }
          }
          await flush();
        } finally {
          await writing; // never leave a statement running when the transaction ends
        }
        if (badRows) throw new Rejected();
        if (total === 0) throw invalidInput('the batch has no rows', { field: 'rows' });
        await tx.feedBatch.update({ where: { id: batch.id }, data: { rowCount: total, changed } });
        return { batchId, feed, rows: total, changed, alreadyImported: false };
      },
      { timeout: 3_600_000, maxWait: 60_000 },
    );
  } catch (error) {
    if (error instanceof Rejected) throw batchRejected(errors, total, badRows);
    throw error;
  }
}
