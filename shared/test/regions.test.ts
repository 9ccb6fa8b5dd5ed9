import { describe, expect, it } from 'vitest';
import {
  areaName,
  CITY_CODE,
  children,
  counties,
  findRegion,
  isKnownAreaCode,
  isSanmenxiaRegion,
  regionLevel,
  regionPath,
  townships,
  validateRegionCode,
  validateRegionPrefix,
} from '../src/regions.ts';

const COUNTIES = ['411202', '411203', '411221', '411224', '411281', '411282'];

describe('regionLevel', () => {
  it('reads the level from the shape of a code', () => {
    expect(regionLevel('4112')).toBe('CITY');
    expect(regionLevel('411200')).toBe('CITY');
    expect(regionLevel('411202')).toBe('COUNTY');
    expect(regionLevel('411202001')).toBe('TOWNSHIP');
    expect(regionLevel('411202001001')).toBe('VILLAGE');
    expect(regionLevel('41120')).toBeUndefined();
    expect(regionLevel('41120a')).toBeUndefined();
  });
});

describe('Sanmenxia table', () => {
  it('has the city and its counties', () => {
    expect(findRegion(CITY_CODE)).toEqual({ code: '411200', name: '三门峡市', level: 'CITY', parentCode: undefined });
    expect(findRegion('4112')).toBe(findRegion(CITY_CODE));
    expect(findRegion('411203')).toEqual({ code: '411203', name: '陕州区', level: 'COUNTY', parentCode: '411200' });
    const codes = counties().map((county) => county.code);
    expect(codes).toEqual(expect.arrayContaining(COUNTIES));
    // The six counties plus 411271 河南三门峡经济开发区 (a statistical zone administering 向阳街道).
    expect(codes).toEqual([...COUNTIES.slice(0, 4), '411271', ...COUNTIES.slice(4)]);
  });

  it('lists townships for each county, 81 in all', () => {
    for (const county of counties()) {
      const list = townships(county.code);
      expect(list.length, county.name).toBeGreaterThan(0);
      for (const township of list) expect(township).toMatchObject({ level: 'TOWNSHIP', parentCode: county.code });
    }
    expect(counties().flatMap((county) => townships(county.code))).toHaveLength(81);
    expect(townships('411202001')).toEqual([]);
    expect(townships('410102')).toEqual([]);
  });

  it('lists villages of a township', () => {
    const villages = children('411202001');
    expect(villages.length).toBeGreaterThan(0);
    expect(villages.every((village) => village.level === 'VILLAGE' && village.code.startsWith('411202001'))).toBe(true);
  });

  it('gives the path from the city down', () => {
    expect(regionPath('411202001001').map((region) => `${region.code} ${region.name}`)).toEqual([
      '411200 三门峡市',
      '411202 湖滨区',
      '411202001 湖滨街道',
      '411202001001 市场社区居民委员会',
    ]);
    expect(regionPath('411202999999')).toEqual([]);
  });

  it('knows which codes are Sanmenxia regions', () => {
    expect(isSanmenxiaRegion('411282')).toBe(true);
    expect(isSanmenxiaRegion('411202001001')).toBe(true);
    expect(isSanmenxiaRegion('411202999999')).toBe(false);
    expect(isSanmenxiaRegion('410102')).toBe(false);
  });
});

describe('validateRegionCode', () => {
  const household = (code: string) => validateRegionCode(code, { minLevel: 'TOWNSHIP' });

  it('accepts townships and villages for a household', () => {
    expect(household('411202001')).toMatchObject({ ok: true, region: { name: '湖滨街道' } });
    expect(household('411202001001')).toMatchObject({ ok: true, region: { level: 'VILLAGE' } });
  });

  it('says what is wrong', () => {
    expect(household('41120200100a')).toMatchObject({ ok: false, reason: 'NOT_NUMERIC' });
    expect(household('4112020010')).toEqual({ ok: false, reason: 'LENGTH', message: 'region code must be 6, 9 or 12 digits, got 10' });
    expect(household('411202999999')).toEqual({
      ok: false,
      reason: 'UNKNOWN',
      message: 'region code 411202999999 is not a known village of Sanmenxia',
    });
    expect(household('410102001001')).toMatchObject({
      ok: false,
      reason: 'OUTSIDE_SANMENXIA',
      message: 'region code 410102001001 (河南省郑州市中原区) is outside Sanmenxia, whose codes start with 4112',
    });
    expect(household('411202')).toEqual({
      ok: false,
      reason: 'LEVEL',
      message: 'region code 411202 is a county (湖滨区); a township or village code is required',
    });
  });

  it('accepts any known level without minLevel', () => {
    expect(validateRegionCode('411202').ok).toBe(true);
    expect(validateRegionCode(CITY_CODE).ok).toBe(true);
  });
});

describe('validateRegionPrefix', () => {
  it('accepts the city and known counties, townships and villages', () => {
    for (const prefix of ['4112', '411202', '411224', '411202001', '411202001001']) expect(validateRegionPrefix(prefix).ok, prefix).toBe(true);
    expect(validateRegionPrefix('4112')).toMatchObject({ ok: true, region: { code: CITY_CODE } });
  });

  it('rejects everything else with a reason', () => {
    expect(validateRegionPrefix('41')).toMatchObject({ ok: false, reason: 'LENGTH' });
    expect(validateRegionPrefix('4112x')).toMatchObject({ ok: false, reason: 'NOT_NUMERIC' });
    expect(validateRegionPrefix('4101')).toMatchObject({ ok: false, reason: 'OUTSIDE_SANMENXIA', message: expect.stringContaining('河南省郑州市') });
    expect(validateRegionPrefix('411299')).toMatchObject({ ok: false, reason: 'UNKNOWN' });
    expect(validateRegionPrefix('411202999')).toMatchObject({ ok: false, reason: 'UNKNOWN' });
    expect(validateRegionPrefix(CITY_CODE)).toMatchObject({ ok: false, reason: 'UNKNOWN', message: expect.stringContaining('use 4112') });
  });
});

describe('area codes for ID numbers', () => {
  it('knows current codes nationwide, city codes and 市辖区 codes', () => {
    for (const code of ['110105', '411203', '441900', '659001', '411200', '411201', '410101']) expect(isKnownAreaCode(code), code).toBe(true);
  });

  it('knows historical codes', () => {
    expect(isKnownAreaCode('411222')).toBe(true);
    expect(areaName('411222')).toBe('河南省三门峡市陕县');
  });

  it('rejects unknown and statistical-only codes', () => {
    for (const code of ['999999', '411299', '411271', '4112', '41120a']) expect(isKnownAreaCode(code), code).toBe(false);
  });

  it('builds full names', () => {
    expect(areaName('411202')).toBe('河南省三门峡市湖滨区');
    expect(areaName('110105')).toBe('北京市朝阳区');
    expect(areaName('441900')).toBe('广东省东莞市');
    expect(areaName('620201')).toBe('甘肃省嘉峪关市');
    expect(areaName('999999')).toBeUndefined();
  });
});
