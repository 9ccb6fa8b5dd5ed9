// Name material for the demo population: common surnames of western Henan with rough
// relative frequencies, and given names by sex and birth era (names follow fashions:
// 秀英 is a grandmother, 梓涵 a schoolchild).

/** [surname, weight]: weights are per mille of the population, roughly. */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 95], ['李', 90], ['张', 85], ['刘', 65], ['杨', 45], ['赵', 40], ['陈', 38], ['郭', 30],
  ['孙', 25], ['马', 24], ['周', 22], ['高', 22], ['吴', 18], ['朱', 18], ['徐', 16], ['胡', 16],
  ['宋', 15], ['董', 14], ['范', 14], ['贾', 13], ['许', 13], ['薛', 12], ['曹', 12], ['何', 12],
  ['吕', 11], ['郑', 11], ['梁', 10], ['任', 10], ['常', 10], ['韩', 10], ['姚', 9], ['冯', 9],
  ['田', 9], ['段', 9], ['孟', 8], ['牛', 8], ['侯', 8], ['屈', 7], ['焦', 7], ['程', 7],
  ['卫', 6], ['雷', 6], ['秦', 6], ['崔', 6], ['上官', 1], ['欧阳', 1],
];

export type NameEra = 'old' | 'middle' | 'young';

/** Birth year → naming era: before 1965, 1965–1994, 1995 on. */
export const nameEra = (birthYear: number): NameEra => (birthYear < 1965 ? 'old' : birthYear < 1995 ? 'middle' : 'young');

export const GIVEN_NAMES: Record<'MALE' | 'FEMALE', Record<NameEra, readonly string[]>> = {
  MALE: {
    old: ['建国', '国强', '德胜', '保国', '文华', '长生', '振华', '福全', '守义', '有才', '金山', '铁柱', '忠', '明', '海', '林', '发', '成', '春生', '满仓', '新民', '天佑'],
    middle: ['伟', '强', '军', '勇', '磊', '涛', '斌', '超', '鹏', '建军', '卫东', '红军', '海涛', '志刚', '晓东', '建伟', '永强', '国庆', '立新', '小龙', '俊杰', '亚伟'],
    young: ['浩', '宇', '杰', '凯', '子豪', '浩然', '宇轩', '梓轩', '子涵', '俊熙', '一鸣', '博文', '明轩', '天宇', '家豪', '思远', '皓轩', '睿', '辰', '嘉豪', '沐阳', '奕辰'],
  },
  FEMALE: {
    old: ['秀英', '桂兰', '玉兰', '秀兰', '凤英', '桂英', '玉珍', '淑珍', '翠花', '秀珍', '兰英', '春梅', '素芳', '爱莲', '花', '英', '兰', '梅', '巧云', '改琴', '菊香', '月娥'],
    middle: ['丽', '娟', '静', '敏', '燕', '艳', '霞', '芳', '红霞', '丽娟', '晓燕', '海燕', '春燕', '小红', '玉霞', '彩霞', '亚丽', '慧', '琳', '倩', '莉', '利娜'],
    young: ['欣怡', '梓涵', '诗涵', '雨涵', '一诺', '子涵', '可馨', '思彤', '语桐', '佳怡', '梦瑶', '雨欣', '晨曦', '若曦', '婷', '悦', '瑶', '萱', '梓萱', '欣妍', '可欣', '艺涵'],
  },
};

/** Road names for urban addresses (community streets of Sanmenxia and its county towns). */
export const STREETS: readonly string[] = [
  '黄河路', '崤山路', '六峰路', '上阳路', '和平路', '建设路', '文明路', '甘棠路', '大岭路', '涧河路',
  '陕州大道', '湖滨路', '人民路', '解放路', '文化路', '团结路', '新华路', '朝阳路', '车站路', '商务路',
];
