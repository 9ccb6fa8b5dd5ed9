// The feed rows monitoring holds about a person (vehicles, businesses, real estate, unemployment…),
// for civil affairs' economic verification (家庭经济状况核对) and its city-level staff. A feed row
// carries no region and monitoring does not know where a person lives, so only city-wide civil
// affairs reads them (its verification service reads them for any county); anyone else gets null,
// as for a person monitoring knows nothing about.
import type { Identity } from '@lip/shared/auth';
import { groupLoader } from '@lip/shared/loaders';
import { CITY_PREFIX } from '@lip/shared/regions';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { FEEDS, type Feed, type FeedState } from '../domain/feeds.ts';
import type { FeedBatch, FeedRecord as FeedRecordRow } from '../generated/prisma/client.ts';
import { SignalState } from './alert.ts';
import { FeedEnum } from './enums.ts';
import { PersonRef } from './person-ref.ts';

type Row = FeedRecordRow & { batch: FeedBatch };

/** City-wide civil affairs: its administrators and officers, and its services (economic verification). */
export const mayReadFeedRecords = (identity: Identity) =>
  identity.region === CITY_PREFIX &&
  (identity.role === 'CITY_ADMIN' || ((identity.role === 'SERVICE' || identity.role === 'DEPARTMENT_OFFICER') && identity.department === 'CIVIL_AFFAIRS'));

// One query per batch of persons, per request.
const loaders = new WeakMap<Context, ReturnType<typeof groupLoader<Row>>>();
const recordsOf = (ctx: Context) => {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = groupLoader(
      (idNumbers) =>
        ctx.prisma.feedRecord.findMany({
          where: { personIdNumber: { in: idNumbers } },
          include: { batch: true },
          orderBy: [{ occurredOn: 'desc' }, { id: 'desc' }],
        }),
      (row) => row.personIdNumber,
    );
    loaders.set(ctx, loader);
  }
  return loader;
};

const FeedRecord = builder.objectRef<Row>('FeedRecord').implement({
  description: '外部数据记录: one feed row about the person, as the department sent it.',
  fields: (t) => ({
    feed: t.field({ type: FeedEnum, description: '数据源', resolve: (row) => row.feed as Feed }),
    source: t.string({
      description: '来源: the feed’s department and register, e.g. 公安交管 机动车登记',
      resolve: (row) => FEEDS[row.feed as Feed]?.label ?? row.feed,
    }),
    occurredOn: t.expose('occurredOn', { type: 'Date', description: '发生日期 (meaning per feed: 登记日期, 确诊日期…)' }),
    state: t.field({
      type: SignalState,
      description: '记录内容 (status, kind, level, amount, reference as the feed defines them)',
      resolve: (row) => row.data as unknown as FeedState,
    }),
    receivedAt: t.field({ type: 'DateTime', description: '接收时间 (the batch’s)', resolve: (row) => row.batch.receivedAt }),
  }),
});

builder.objectField(PersonRef, 'feedRecords', (t) =>
  t.field({
    type: [FeedRecord],
    nullable: true,
    description:
      '外部数据记录: the rows departments outside the graph sent about the person, newest first. City-wide civil affairs only (null for anyone else: a feed row has no region).',
    args: { feeds: t.arg({ type: [FeedEnum], required: false, description: 'Only these feeds (default: all).' }) },
    resolve: async (person, { feeds }, ctx) => {
      if (!mayReadFeedRecords(ctx.identity)) return null;
      const rows = await recordsOf(ctx).load(person.idNumber);
      return feeds ? rows.filter((row) => (feeds as string[]).includes(row.feed)) : rows;
    },
  }),
);
