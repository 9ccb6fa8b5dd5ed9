// Imports a feed batch from a CSV file straight into the monitoring database (an operator's
// command on the monitoring host; departments online use the importFeedBatch mutation).
//   pnpm --filter @lip/monitoring feed --feed DEATH --batch gongan-2025-06 --file deaths.csv [--encoding gbk]
// The file is streamed (any size, flat memory) and applied whole or not at all: every bad row is
// printed and nothing is written. The header row names the columns, in any order:
//   id_number, occurred_on, status, kind, level, amount, region_code, reference
// Which a feed needs and what they mean: `--describe` prints the layout of every feed.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { openDatabase } from '@lip/shared/database';
import { DomainError } from '@lip/shared/errors';
import { migrate } from '@lip/shared/migrate';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { FEED_NAMES, FEEDS, type Feed, type FeedRowInput } from '../domain/feeds.ts';
import { importFeedStream } from '../engine/import.ts';

/** CSV header → row field. */
export const CSV_COLUMNS: Record<string, keyof FeedRowInput> = {
  id_number: 'idNumber',
  occurred_on: 'occurredOn',
  status: 'status',
  kind: 'kind',
  level: 'level',
  amount: 'amount',
  region_code: 'regionCode',
  reference: 'reference',
};

/** The rows of a CSV stream (bytes in `encoding`: utf8, gbk, gb18030…), one object at a time. */
export async function* csvRows(input: NodeJS.ReadableStream, encoding = 'utf8'): AsyncGenerator<FeedRowInput> {
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    columns: (header: string[]) =>
      header.map((name) => {
        const field = CSV_COLUMNS[name.trim().toLowerCase()];
        if (!field) throw new Error(`unknown column "${name}"; the columns are ${Object.keys(CSV_COLUMNS).join(', ')}`);
        return field;
      }),
  });
  const decoded =
    encoding.toLowerCase() === 'utf8' || encoding.toLowerCase() === 'utf-8' ? input : input.pipe(iconv.decodeStream(encoding) as unknown as Transform);
  const done = pipeline(decoded as NodeJS.ReadableStream, parser).catch((error: Error) => parser.destroy(error));
  for await (const record of parser) yield record as FeedRowInput;
  await done;
}

export function describeFeeds(): string {
  return FEED_NAMES.map((feed) => {
    const definition = FEEDS[feed];
    const columns = Object.entries(definition.columns).map(([column, rule]) => {
      const name = Object.entries(CSV_COLUMNS).find(([, field]) => field === column)![0];
      return `    ${name}${rule.required ? '' : ' (optional)'}: ${rule.meaning}${rule.values ? ` [${rule.values.join(' | ')}]` : ''}`;
    });
    return [
      `${feed}: ${definition.label} (SERVICE of ${definition.department})`,
      '    id_number: 居民身份证号码',
      `    occurred_on: ${definition.occurredOn} (YYYY-MM-DD)`,
      ...columns,
    ].join('\n');
  }).join('\n\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      feed: { type: 'string' },
      batch: { type: 'string' },
      file: { type: 'string' },
      encoding: { type: 'string', default: 'utf8' },
      by: { type: 'string', default: 'csv-import' },
      describe: { type: 'boolean' },
    },
  });
  if (values.describe) return console.log(describeFeeds());
  const feed = values.feed as Feed;
  if (!FEED_NAMES.includes(feed) || !values.batch || !values.file) {
    console.error(`usage: feed --feed <${FEED_NAMES.join('|')}> --batch <batch id> --file <csv> [--encoding gbk] [--by <operator>] | --describe`);
    process.exit(2);
  }
  if (!iconv.encodingExists(values.encoding!)) throw new Error(`unknown encoding ${values.encoding}`);
  const db = await openDatabase('monitoring');
  try {
    await migrate(db, path.join(import.meta.dirname, '..', '..', 'prisma', 'migrations'));
    const started = performance.now();
    const result = await importFeedStream(db, {
      feed,
      batchId: values.batch,
      submittedBy: values.by!,
      rows: csvRows(createReadStream(values.file), values.encoding),
    });
    console.log(JSON.stringify({ ...result, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(`${error.code}: ${error.message}`);
    for (const row of (error.details.rows as { row: number; idNumber: string; code: string; column?: string; message: string }[] | undefined) ?? []) {
      console.error(`  row ${row.row} ${row.idNumber} ${row.code}${row.column ? ` (${row.column})` : ''}: ${row.message}`);
    }
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await main();
