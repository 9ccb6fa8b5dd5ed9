import { HOLDING_SUBTYPE, HUKOU_TYPE, LOW_INCOME_CATEGORY } from '@lip/shared/enums';
import { builder } from '../builder.ts';

export const Sex = builder.enumType('Sex', {
  description: '性别, derived from the ID number (odd sequence digit = male).',
  values: { MALE: { description: '男' }, FEMALE: { description: '女' } },
});

export const HukouType = builder.enumType('HukouType', HUKOU_TYPE);

export const Relationship = builder.enumType('Relationship', {
  description: '与户主关系: relationship to the head of the household.',
  values: {
    HEAD: { description: '户主' },
    SPOUSE: { description: '配偶' },
    CHILD: { description: '子女' },
    CHILD_IN_LAW: { description: '儿媳/女婿' },
    PARENT: { description: '父母' },
    GRANDPARENT: { description: '祖父母/外祖父母' },
    GRANDCHILD: { description: '孙子女/外孙子女' },
    SIBLING: { description: '兄弟姐妹' },
    OTHER: { description: '其他' },
  },
});

export const LowIncomeCategory = builder.enumType('LowIncomeCategory', LOW_INCOME_CATEGORY);

export const HoldingStatus = builder.enumType('HoldingStatus', {
  description: '认定状态: state of a category holding.',
  values: {
    ACTIVE: { description: '有效: in force.' },
    SUSPENDED: { description: '暂停: paused pending review; may be resumed.' },
    ENDED: { description: '终止: ended for good (退出).' },
  },
});

export const HoldingSubtype = builder.enumType('HoldingSubtype', HOLDING_SUBTYPE);

export const CareLevel = builder.enumType('CareLevel', {
  description: '生活自理能力: care level of an extreme-poverty person, which sets the care allowance.',
  values: {
    SELF_CARE: { description: '全自理: fully able to care for themselves.' },
    PARTIALLY_DISABLED: { description: '半失能: partially unable to care for themselves.' },
    FULLY_DISABLED: { description: '全失能: fully unable to care for themselves.' },
  },
});

export const HoldingAction = builder.enumType('HoldingAction', {
  description: '变更类型: what a history entry of a holding records.',
  values: {
    GRANTED: { description: '认定: the holding was granted.' },
    SUSPENDED: { description: '暂停' },
    RESUMED: { description: '恢复' },
    ENDED: { description: '终止/退出' },
    SUBTYPE_CHANGED: { description: '细分变更: the subtype changed (e.g. by a re-import).' },
    REVIEWED: { description: '复核: a review kept the holding (maybe with a new amount) or started its grace period.' },
  },
});
