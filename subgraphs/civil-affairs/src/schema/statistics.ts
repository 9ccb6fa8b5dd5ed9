import { DomainError, ErrorCode } from '@lip/shared/errors';
import { findRegion, validateRegionPrefix } from '@lip/shared/regions';
import { scopedPrefix } from '@lip/shared/scopes';
import { builder } from '../builder.ts';
import { type LowIncomeCategory as Category, Prisma, type HoldingStatus as Status } from '../generated/prisma/client.ts';
import { HoldingStatus, LowIncomeCategory } from './enums.ts';

interface CategoryCountRow {
  countyCode: string;
  category: Category;
  persons: number;
}

const CategoryCount = builder.objectRef<CategoryCountRow>('CategoryCount').implement({
  description: '分县分类统计: persons holding a category in a county.',
  fields: (t) => ({
    countyCode: t.exposeString('countyCode', { description: '县级行政区划代码' }),
    countyName: t.string({ description: '县/区名称', resolve: (row) => findRegion(row.countyCode)?.name ?? row.countyCode }),
    category: t.field({ type: LowIncomeCategory, description: '类别', resolve: (row) => row.category }),
    persons: t.exposeInt('persons', { description: '人数' }),
  }),
});

builder.queryField('categoryCounts', (t) =>
  t.field({
    type: [CategoryCount],
    description: '分县分类统计 for dashboards: persons by county and category (living persons, holdings in the given state).',
    args: {
      regionPrefix: t.arg.string({ required: false, description: 'Restrict to a region prefix (default the whole city).' }),
      status: t.arg({ type: HoldingStatus, required: false, description: 'Holding state counted (default ACTIVE).' }),
    },
    resolve: async (_root, { regionPrefix, status }, ctx) => {
      const checked = validateRegionPrefix(regionPrefix ?? '4112');
      if (!checked.ok) throw new DomainError(ErrorCode.INVALID_REGION_CODE, checked.message, { field: 'regionPrefix', reason: checked.reason });
      const prefix = scopedPrefix(ctx.identity, regionPrefix);
      if (prefix === null) return [];
      const state: Status = status ?? 'ACTIVE';
      const rows = await ctx.prisma.$queryRaw<{ countyCode: string; category: Category; persons: bigint }[]>(Prisma.sql`
        SELECT substr(p."regionCode", 1, 6) AS "countyCode", h.category::text AS category, count(DISTINCT p."idNumber") AS persons
        FROM "CategoryHolding" h JOIN "Person" p ON p."idNumber" = h."personIdNumber"
        WHERE h.status = ${state}::"HoldingStatus" AND p."deceasedOn" IS NULL AND p."regionCode" LIKE ${`${prefix}%`}
        GROUP BY 1, 2 ORDER BY 1, 2`);
      return rows.map((row) => ({ ...row, persons: Number(row.persons) }));
    },
  }),
);
