// Feed batches from departments outside the graph: one mutation for all feeds, each feed sent by
// the SERVICE identity of its department. The same import serves the CSV command (src/cli/import-feed.ts).
import { invalidInput } from '@lip/shared/errors';
import { builder } from '../builder.ts';
import { mayImportFeed } from '../domain/access.ts';
import { batchRejected, type Feed, MAX_FEED_ROWS, validateFeedRows } from '../domain/feeds.ts';
import { type ImportResult, importFeedBatch } from '../engine/import.ts';
import { FeedEnum } from './enums.ts';

const FeedRowInput = builder.inputType('FeedRowInput', {
  description: '数据行: one person’s row. Values are strings so a bad one is reported by row; which columns a feed uses is in MonitoringFeed.',
  fields: (t) => ({
    idNumber: t.string({ description: '居民身份证号码' }),
    occurredOn: t.string({ description: '发生日期 YYYY-MM-DD (not in the future; meaning per feed)' }),
    status: t.string({ required: false, description: '状态 (per feed)' }),
    kind: t.string({ required: false, description: '类别 (per feed)' }),
    level: t.string({ required: false, description: '等级或数量: a whole number 0–99 (per feed)' }),
    amount: t.string({ required: false, description: '金额 (元) or area: a non-negative number with at most 2 decimals (per feed)' }),
    regionCode: t.string({ required: false, description: '行政区划代码 (per feed)' }),
    reference: t.string({ required: false, description: '凭证号, at most 64 characters (per feed)' }),
  }),
});

const ImportFeedBatchInput = builder.inputType('ImportFeedBatchInput', {
  description: '数据比对批次: a batch from one feed, applied whole or not at all.',
  fields: (t) => ({
    feed: t.field({ type: FeedEnum, description: '数据源' }),
    batchId: t.string({ description: '批次号: the sender’s id for this batch (1 to 64 letters, digits, . _ : -); importing it again changes nothing.' }),
    rows: t.field({ type: [FeedRowInput], description: `数据行 (1 to ${MAX_FEED_ROWS}; larger files go through the CSV command)` }),
  }),
});

const FeedImportResult = builder.objectRef<ImportResult>('FeedImportResult').implement({
  description: 'What an import did. The same batch id again gives alreadyImported true and changes nothing.',
  fields: (t) => ({
    batchId: t.exposeString('batchId', { description: '批次号' }),
    feed: t.field({ type: FeedEnum, description: '数据源', resolve: (result) => result.feed }),
    rows: t.exposeInt('rows', { description: '行数' }),
    changed: t.exposeInt('changed', { description: '状态有变化的人数 (the next run evaluates them)' }),
    alreadyImported: t.exposeBoolean('alreadyImported', { description: '已导入过: the batch id was seen before; nothing was done.' }),
  }),
});

export const BATCH_ID = /^[A-Za-z0-9._:-]{1,64}$/;

builder.mutationField('importFeedBatch', (t) =>
  t.field({
    type: FeedImportResult,
    description:
      '导入外部数据: one batch of a feed, sent by the SERVICE identity of the feed’s department. Idempotent by batch id; every bad row ' +
      '(invalid ID, date or value, duplicate person) is listed in extensions.rows of a BATCH_REJECTED error and nothing is written.',
    args: { input: t.arg({ type: ImportFeedBatchInput, description: 'The batch' }) },
    authScopes: (_root, { input }, ctx) => mayImportFeed(ctx.identity, input.feed as Feed),
    resolve: async (_root, { input }, ctx) => {
      if (!BATCH_ID.test(input.batchId)) throw invalidInput('batchId must be 1 to 64 letters, digits, . _ : or -', { field: 'batchId' });
      if (input.rows.length === 0 || input.rows.length > MAX_FEED_ROWS) throw invalidInput(`rows must hold 1 to ${MAX_FEED_ROWS} entries`, { field: 'rows' });
      const { errors } = validateFeedRows(input.feed as Feed, input.rows);
      if (errors.length) throw batchRejected(errors, input.rows.length);
      return importFeedBatch(ctx.prisma, { feed: input.feed as Feed, batchId: input.batchId, submittedBy: ctx.identity.subject, rows: input.rows });
    },
  }),
);
