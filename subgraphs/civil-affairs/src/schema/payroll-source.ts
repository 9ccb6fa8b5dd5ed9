// 发放名册来源: the basic-living holdings (dibao, extreme poverty) that overlap a month in a
// county, in large keyset pages, for the payments service's payroll and supervision; and what changed
// since a position of the register's change log (SignalChange), so payments keeps a copy of the
// holdings it pays and reads only the changes. Read-only.

import { monthEnd } from '@lip/shared/calendar';
import { invalidInput } from '@lip/shared/errors';
import { checkCountyCode, checkMonth } from '@lip/shared/periods';
import { sealCursor } from '@lip/shared/person-reference';
import { assertInRegion } from '@lip/shared/scopes';
import { changedPersons, changeLogHead, checkPageSize, MAX_SIGNAL_PAGE, parsePosition } from '@lip/shared/signal-changes';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import type {
  CareLevel as Care,
  LowIncomeCategory as Category,
  HukouType as Hukou,
  HoldingStatus as Status,
  HoldingSubtype as Subtype,
} from '../generated/prisma/client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { CareLevel, HoldingStatus, HoldingSubtype, HukouType, LowIncomeCategory } from './enums.ts';

interface SourceRow {
  holdingId: string;
  personIdNumber: string;
  regionCode: string;
  hukouType: Hukou;
  householdId: string | null;
  deceasedOn: Date | null;
  category: Category;
  subtype: Subtype | null;
  status: Status;
  validFrom: Date;
  validTo: Date | null;
  monthlyAmount: Prisma.Decimal | null;
  careLevel: Care | null;
  careInstitution: string | null;
  grantedBy: string | null;
  changedAt: Date;
}

const PayrollSourceHolding = builder.objectRef<SourceRow>('PayrollSourceHolding').implement({
  description: '发放名册来源: one dibao or extreme-poverty holding that overlaps the month, with the facts a payroll needs.',
  fields: (t) => ({
    holdingId: t.exposeID('holdingId', { description: '认定编号' }),
    personIdNumber: t.expose('personIdNumber', { type: 'IdNumber', description: '居民身份证号码' }),
    regionCode: t.exposeString('regionCode', { description: '居住地行政区划代码 (township or village)' }),
    hukouType: t.expose('hukouType', { type: HukouType, description: '户籍类型: chooses the urban or rural standard where no amount was decided.' }),
    householdId: t.exposeID('householdId', { nullable: true, description: '家庭编号' }),
    deceasedOn: t.expose('deceasedOn', { type: 'Date', nullable: true, description: '死亡日期' }),
    category: t.expose('category', { type: LowIncomeCategory, description: '类别' }),
    subtype: t.expose('subtype', { type: HoldingSubtype, nullable: true, description: '供养方式 (EXTREME_POVERTY)' }),
    status: t.expose('status', { type: HoldingStatus, description: '认定状态 now' }),
    validFrom: t.expose('validFrom', { type: 'Date', description: '起始日期' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true, description: '终止日期' }),
    monthlyAmount: t.expose('monthlyAmount', { type: 'Money', nullable: true, description: '月发放金额 decided at recognition; null where none was decided.' }),
    careLevel: t.expose('careLevel', { type: CareLevel, nullable: true, description: '生活自理能力 (EXTREME_POVERTY)' }),
    careInstitution: t.exposeString('careInstitution', { nullable: true, description: '供养机构 (CENTRALIZED)' }),
    grantedBy: t.exposeString('grantedBy', { nullable: true, description: '认定经办人: the staff member (token subject) who granted the holding.' }),
    changedAt: t.expose('changedAt', {
      type: 'DateTime',
      description: '最后变更时间: an ENDED holding changed since a month began (a back-dated end) is in that month’s source.',
    }),
  }),
});

const PayrollSourcePage = builder.objectRef<{ holdings: SourceRow[]; endCursor: string | null; hasNextPage: boolean }>('PayrollSourcePage').implement({
  description: '发放名册来源分页: holdings ordered by id; pass endCursor as `after` for the next page.',
  fields: (t) => ({
    holdings: t.field({ type: [PayrollSourceHolding], description: '本页认定', resolve: (page) => page.holdings }),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'Where the next page starts (sealed like every cursor).' }),
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether another page follows.' }),
  }),
});

const MAX_PAGE = 10_000;

/** The basic-living holdings `where` selects (over holding h and its person p), by holding id. */
const sourceRows = (prisma: Context['prisma'], where: Prisma.Sql, limit?: number) =>
  prisma.$queryRaw<SourceRow[]>(Prisma.sql`
    SELECT h.id AS "holdingId", p."idNumber" AS "personIdNumber", p."regionCode", p."hukouType", p."householdId", p."deceasedOn",
           h.category, h.subtype, h.status, h."validFrom", h."validTo", h."monthlyAmount", h."careLevel", h."careInstitution",
           (SELECT e.actor FROM "CategoryHoldingEvent" e WHERE e."holdingId" = h.id AND e.action = 'GRANTED' ORDER BY e.at LIMIT 1) AS "grantedBy",
           h."updatedAt" AS "changedAt"
    FROM "CategoryHolding" h JOIN "Person" p ON p."idNumber" = h."personIdNumber"
    WHERE h.category IN ('SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY') AND ${where}
    ORDER BY h.id
    ${limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`);

builder.queryField('payrollSource', (t) =>
  t.field({
    type: PayrollSourcePage,
    description:
      '发放名册来源 for those who pay (civil affairs’ payment service, county and city officers): every SUBSISTENCE_ALLOWANCE and ' +
      'EXTREME_POVERTY holding of the county’s persons that began by the month’s end and is ACTIVE, or ENDED within or after the ' +
      'month, or was ended (even back-dated) since the month began; deceased persons included (the payroll and supervision decide ' +
      'what a death means: a death recorded late shows what was paid after it). Pages of up to 10,000.',
    authScopes: { pay: true },
    args: {
      countyCode: t.arg.string({ description: '县级行政区划代码 (6 digits), within your region.' }),
      month: t.arg.string({ description: '月份 as YYYY-MM' }),
      first: t.arg.int({ required: false, defaultValue: 5000, description: 'Page size (1–10,000, default 5,000).' }),
      after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
    },
    resolve: async (_root, args, ctx) => {
      const county = checkCountyCode(args.countyCode);
      assertInRegion(ctx.identity, county);
      const start = checkMonth(args.month);
      return holdingPage(
        ctx,
        Prisma.sql`p."regionCode" LIKE ${`${county}%`}
          AND h."validFrom" <= ${monthEnd(start)}
          AND (h.status = 'ACTIVE' OR (h.status = 'ENDED' AND (h."validTo" >= ${start} OR h."updatedAt" >= ${start})))`,
        args,
      );
    },
  }),
);

/** One keyset page of the holdings `where` selects, after the holding id `after`. */
async function holdingPage(ctx: Context, where: Prisma.Sql, args: { first?: number | null; after?: string | null }) {
  const size = args.first ?? 5000;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw invalidInput(`first must be from 1 to ${MAX_PAGE}`, { field: 'first' });
  const rows = await sourceRows(ctx.prisma, Prisma.sql`${where} ${args.after ? Prisma.sql`AND h.id > ${args.after}` : Prisma.empty}`, size + 1);
  const holdings = rows.slice(0, size);
  // Sealed like every cursor: subgraphs open `after` before the resolver runs (masking-schema.ts) and refuse a plain one.
  const last = holdings.at(-1)?.holdingId;
  return { holdings, hasNextPage: rows.length > size, endCursor: last ? sealCursor(last) : null };
}

const PayrollSnapshotPage = builder
  .objectRef<{ holdings: SourceRow[]; endCursor: string | null; hasNextPage: boolean; position: string }>('PayrollSnapshotPage')
  .implement({
    description: '发放名册来源快照分页: holdings ordered by id; pass endCursor as `after` for the next page.',
    fields: (t) => ({
      holdings: t.field({ type: [PayrollSourceHolding], description: '本页认定', resolve: (page) => page.holdings }),
      endCursor: t.exposeString('endCursor', { nullable: true, description: 'Where the next page starts (sealed like every cursor).' }),
      hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether another page follows.' }),
      position: t.exposeString('position', {
        description:
          'The change log’s head, taken before this page was read: a copy made from these pages reads `payrollChangesSince` from the ' +
          'first page’s position (every change after it is named there, every change up to it is in the pages).',
      }),
    }),
  });

builder.queryField('payrollSnapshot', (t) =>
  t.field({
    type: PayrollSnapshotPage,
    description:
      '发放名册来源快照 for civil affairs’ payment service (SERVICE) only: every SUBSISTENCE_ALLOWANCE and EXTREME_POVERTY holding of ' +
      'your region’s persons, in any status, as they are now, with the change log’s position, so a new copy starts from the ' +
      'register’s holdings instead of reading the whole change log from its start. Pages of up to 10,000.',
    authScopes: { $all: { pay: true, readSignals: true } },
    args: {
      first: t.arg.int({ required: false, defaultValue: 5000, description: 'Page size (1–10,000, default 5,000).' }),
      after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
    },
    resolve: async (_root, args, ctx) => {
      // The head first: a change committed after it is in the log after `position`, whether or not the pages saw it.
      const position = sealCursor((await changeLogHead(ctx.prisma)).toString());
      return { ...(await holdingPage(ctx, Prisma.sql`p."regionCode" LIKE ${`${ctx.identity.region}%`}`, args)), position };
    },
  }),
);

const PayrollChangePage = builder.objectRef<{ persons: string[]; holdings: SourceRow[]; cursor: string; hasMore: boolean }>('PayrollChangePage').implement({
  description: '发放名册来源变化: the persons whose payroll facts changed after a position, and their basic-living holdings now.',
  fields: (t) => ({
    persons: t.field({
      type: ['IdNumber'],
      description: 'Every person in your region named by the changes: a copy replaces all its holdings of these persons with `holdings`.',
      resolve: (page) => page.persons,
    }),
    holdings: t.field({
      type: [PayrollSourceHolding],
      description: 'Their SUBSISTENCE_ALLOWANCE and EXTREME_POVERTY holdings in any status, by holding id.',
      resolve: (page) => page.holdings,
    }),
    cursor: t.exposeString('cursor', { description: 'Give as `after` for the next page (the same position when nothing changed).' }),
    hasMore: t.exposeBoolean('hasMore', { description: 'More changes are already committed after `cursor`.' }),
  }),
});

builder.queryField('payrollChangesSince', (t) =>
  t.field({
    type: PayrollChangePage,
    description:
      '发放名册来源变化 for civil affairs’ payment service (SERVICE) only: the persons of your region changed after `after` in the ' +
      'register’s change log (a holding granted, ended or changed, a death, a move, a household change), with their basic-living ' +
      'holdings as they are now, so the payment service keeps its copy of what it pays by reading only what changed.',
    authScopes: { $all: { pay: true, readSignals: true } },
    args: {
      after: t.arg.string({ required: false, description: 'The `cursor` of the previous page (from the start of the log when absent).' }),
      first: t.arg.int({ required: false, defaultValue: 500, description: `Change-log entries read at most (1–${MAX_SIGNAL_PAGE}, default 500).` }),
    },
    resolve: async (_root, args, ctx) => {
      const after = parsePosition(args.after);
      const size = checkPageSize(args.first);
      const changed = await changedPersons(ctx.prisma, after, size);
      const persons = changed.idNumbers.length
        ? (
            await ctx.prisma.person.findMany({
              where: { idNumber: { in: changed.idNumbers }, regionCode: { startsWith: ctx.identity.region } },
              select: { idNumber: true },
            })
          ).map((person) => person.idNumber)
        : [];
      // A person's holdings are few: every holding of a page's persons is one query.
      const holdings = persons.length ? await sourceRows(ctx.prisma, Prisma.sql`p."idNumber" IN (${Prisma.join(persons)})`) : [];
      // Sealed like every cursor (masking-schema.ts opens `after` before this resolver runs).
      return { persons, holdings, cursor: sealCursor(changed.cursor.toString()), hasMore: changed.hasMore };
    },
  }),
);
