import { builder } from '../builder.ts';

export const Sex = builder.enumType('Sex', {
  description: '性别, derived from the ID number (odd sequence digit = male).',
  values: { MALE: { description: '男' }, FEMALE: { description: '女' } },
});

export const HukouType = builder.enumType('HukouType', {
  description: '户籍类型: urban or rural household registration.',
  values: { URBAN: { description: '城镇' }, RURAL: { description: '农村' } },
});

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

export const LowIncomeCategory = builder.enumType('LowIncomeCategory', {
  description: '低收入人口类别: the categories of the low-income population (国办发〔2023〕39号).',
  values: {
    SUBSISTENCE_ALLOWANCE: { description: '最低生活保障对象 (低保): tier 1; exclusive with EXTREME_POVERTY.' },
    EXTREME_POVERTY: { description: '特困人员: tier 1; support DISPERSED (分散供养) or CENTRALIZED (集中供养).' },
    NEAR_SUBSISTENCE: { description: '最低生活保障边缘家庭成员: tier 2; income below about 1.5× the dibao standard.' },
    ESSENTIAL_EXPENDITURE_HARDSHIP: { description: '刚性支出困难家庭成员: tier 2; essential spending above a set share of income.' },
    RELAPSE_MONITORING: { description: '防止返贫监测对象: recognised by agriculture and rural affairs, imported as is.' },
    OTHER_HARDSHIP: { description: '其他困难人员: recognised by the county government.' },
  },
});

export const HoldingStatus = builder.enumType('HoldingStatus', {
  description: '认定状态: state of a category holding.',
  values: {
    ACTIVE: { description: '有效: in force.' },
    SUSPENDED: { description: '暂停: paused pending review; may be resumed.' },
    ENDED: { description: '终止: ended for good (退出).' },
  },
});

export const HoldingSubtype = builder.enumType('HoldingSubtype', {
  description: '类别细分: subtype of a holding, required for EXTREME_POVERTY and RELAPSE_MONITORING only.',
  values: {
    DISPERSED: { description: '分散供养 (EXTREME_POVERTY): supported at home.' },
    CENTRALIZED: { description: '集中供养 (EXTREME_POVERTY): supported in a care institution, paid to it.' },
    UNSTABLE_LIFTED_OUT: { description: '脱贫不稳定户 (RELAPSE_MONITORING).' },
    MARGINAL_AT_RISK: { description: '边缘易致贫户 (RELAPSE_MONITORING).' },
    SUDDEN_SEVERE_HARDSHIP: { description: '突发严重困难户 (RELAPSE_MONITORING).' },
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
  },
});
