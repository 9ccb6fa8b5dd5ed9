import { counties, findRegion, type Region as RegionInfo, regionPath, townships } from '@lip/shared/regions';
import { builder } from '../builder.ts';

export const RegionLevel = builder.enumType('RegionLevel', {
  description: '行政区划层级 (GB/T 2260 and its township/village extension).',
  values: {
    CITY: { description: '市 (4 significant digits, e.g. 4112 三门峡市)' },
    COUNTY: { description: '县/区/县级市 (6 digits)' },
    TOWNSHIP: { description: '乡/镇/街道 (9 digits)' },
    VILLAGE: { description: '村/社区 (12 digits)' },
  },
});

export const Region = builder.objectRef<RegionInfo>('Region');

Region.implement({
  description: '行政区划: an administrative division of Sanmenxia.',
  fields: (t) => ({
    code: t.exposeString('code', { description: '行政区划代码' }),
    name: t.exposeString('name', { description: '名称' }),
    level: t.field({ type: RegionLevel, description: '层级', resolve: (region) => region.level }),
    fullName: t.string({
      description: '全称: names from the city down, e.g. 三门峡市湖滨区湖滨街道.',
      resolve: (region) =>
        regionPath(region.code)
          .map((part) => part.name)
          .join(''),
    }),
    parent: t.field({
      type: Region,
      nullable: true,
      description: '上级区划',
      resolve: (region) => (region.parentCode ? (findRegion(region.parentCode) ?? null) : null),
    }),
  }),
});

/** The Region of a stored code; a stored code is always known, but never fail a read on it. */
export const regionOf = (code: string): RegionInfo =>
  findRegion(code) ?? { code, name: code, level: code.length === 12 ? 'VILLAGE' : code.length === 9 ? 'TOWNSHIP' : 'COUNTY', parentCode: undefined };

builder.queryFields((t) => ({
  region: t.field({
    type: Region,
    nullable: true,
    description: 'A division of Sanmenxia by code (city 411200, county, township or village).',
    args: { code: t.arg.string({ description: '行政区划代码' }) },
    resolve: (_root, { code }) => findRegion(code) ?? null,
  }),
  regions: t.field({
    type: [Region],
    description: 'The counties of Sanmenxia, or the townships of one county.',
    args: { countyCode: t.arg.string({ required: false, description: 'A county code (6 digits) to list its townships.' }) },
    resolve: (_root, { countyCode }) => (countyCode ? townships(countyCode) : counties()),
  }),
}));
