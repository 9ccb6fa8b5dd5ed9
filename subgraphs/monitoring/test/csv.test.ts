// The CSV command's reading: a header in any order, UTF-8 or GBK, streamed with COPY into the same
// all-or-nothing import as the mutation (importFeedStream on a connection of its own).
import { Readable } from 'node:stream';
import type { Database } from '@lip/shared/database';
import { makeIdNumber } from '@lip/shared/id-number';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows, describeFeeds } from '../src/cli/import-feed.ts';
import { importFeedBatch, importFeedStream } from '../src/engine/import.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { openMigratedDatabase } from './database.ts';

const collect = async <T>(rows: AsyncIterable<T>) => {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
};
const ids = [1, 2, 3].map((sequence) => makeIdNumber({ areaCode: '411202', birthDate: '1966-02-03', sequence }));

describe('reading CSV', () => {
  it('maps the header in any order, trims values and reads GBK', async () => {
    const text = `occurred_on,ID_Number,kind,status\n2025-05-01, ${ids[0]} ,C34,DIAGNOSED\n\n2025-05-02,${ids[1]},肺癌,DIAGNOSED\n`;
    expect(await collect(csvRows(Readable.from([iconv.encode(text, 'gbk')]), 'gbk'))).toEqual([
      { occurredOn: '2025-05-01', idNumber: ids[0], kind: 'C34', status: 'DIAGNOSED' },
      { occurredOn: '2025-05-02', idNumber: ids[1], kind: '肺癌', status: 'DIAGNOSED' },
    ]);
    expect(await collect(csvRows(Readable.from([Buffer.from(`\uFEFF${text}`)])))).toHaveLength(2);
  });

  it('refuses an unknown column', async () => {
    await expect(collect(csvRows(Readable.from([Buffer.from('id_number,colour\nx,y\n')])))).rejects.toThrow(/unknown column "colour"/);
  });

  it('documents every feed’s columns', () => {
    expect(describeFeeds()).toMatch(/SEVERE_DISABILITY: 残联 重度残疾人 \(SERVICE of DISABLED_PERSONS\)[\s\S]*level: 残疾等级/);
  });
});

describe('importing a stream', () => {
  let prisma: PrismaClient;
  let db: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ prisma, db, close } = await openMigratedDatabase());
  });
  afterAll(() => close?.());

  it('lists every bad row of a file and writes nothing; a clean file is applied whole', async () => {
    const bad = `id_number,occurred_on,status,kind,level\n${ids[0]},2025-05-01,CERTIFIED,PHYSICAL,1\n${ids[1]},2025-13-01,CERTIFIED,PHYSICAL,2\n${ids[0]},2025-05-01,CERTIFIED,PHYSICAL,1\n${ids[2]},2025-05-01,CERTIFIED,WINGS,x\n`;
    const rejected = await importFeedStream(db, {
      feed: 'SEVERE_DISABILITY',
      batchId: 'cl-1',
      submittedBy: 't',
      rows: csvRows(Readable.from([Buffer.from(bad)])),
    }).catch((error) => error);
    expect(rejected.code).toBe('BATCH_REJECTED');
    expect(rejected.details.rows.map((row: { row: number; code: string }) => [row.row, row.code])).toEqual([
      [2, 'INVALID_DATE'],
      [4, 'INVALID_VALUE'],
      [4, 'INVALID_VALUE'],
    ]);
    expect(await prisma.feedBatch.count()).toBe(0);
    // A duplicate found only by the database (the rows are streamed, not held) is listed too.
    const duplicate = `id_number,occurred_on,status,kind,level\n${ids[0]},2025-05-01,CERTIFIED,PHYSICAL,1\n${ids[0]},2025-05-02,CERTIFIED,PHYSICAL,1\n`;
    const again = await importFeedStream(db, {
      feed: 'SEVERE_DISABILITY',
      batchId: 'cl-1',
      submittedBy: 't',
      rows: csvRows(Readable.from([Buffer.from(duplicate)])),
    }).catch((error) => error);
    expect(again.details.rows).toEqual([expect.objectContaining({ row: 2, code: 'DUPLICATE_ROW', message: expect.stringContaining('row 1') })]);
    expect(await prisma.feedRecord.count()).toBe(0);
    const good = `id_number,occurred_on,status,kind,level\n${ids[0]},2025-05-01,CERTIFIED,PHYSICAL,1\n${ids[1]},2025-05-02,CERTIFIED,VISUAL,2\n`;
    const result = await importFeedStream(db, {
      feed: 'SEVERE_DISABILITY',
      batchId: 'cl-1',
      submittedBy: 't',
      rows: csvRows(Readable.from([Buffer.from(good)])),
    });
    expect(result).toEqual({ batchId: 'cl-1', feed: 'SEVERE_DISABILITY', rows: 2, changed: 2, alreadyImported: false });
    expect(await prisma.personSignal.count({ where: { source: 'SEVERE_DISABILITY' } })).toBe(2);
  });

  it('keeps values with backslashes, tabs and quotes as sent; a re-import changes nothing; the mutation’s path writes the same', async () => {
    const odd = `id_number,occurred_on,reference\n${ids[2]},2025-05-03,"a\\b\tc""d"\n`;
    const first = await importFeedStream(db, { feed: 'DEATH', batchId: 'odd-1', submittedBy: 't', rows: csvRows(Readable.from([Buffer.from(odd)])) });
    expect(first).toMatchObject({ rows: 1, changed: 1 });
    const again = await importFeedStream(db, { feed: 'DEATH', batchId: 'odd-1', submittedBy: 't', rows: csvRows(Readable.from([Buffer.from(odd)])) });
    expect(again).toMatchObject({ alreadyImported: true, changed: 0 });
    const kept = await prisma.personSignal.findUniqueOrThrow({ where: { personIdNumber_source: { personIdNumber: ids[2]!, source: 'DEATH' } } });
    expect((kept.state as { reference: string }).reference).toBe('a\\b\tc"d');
    // The same row through the mutation's path (another batch id): the same state, so nothing changes.
    const viaPrisma = await importFeedBatch(prisma, {
      feed: 'DEATH',
      batchId: 'odd-2',
      submittedBy: 't',
      rows: [{ idNumber: ids[2]!, occurredOn: '2025-05-03', reference: 'a\\b\tc"d' }],
    });
    expect(viaPrisma).toMatchObject({ rows: 1, changed: 0, alreadyImported: false });
  });
});
