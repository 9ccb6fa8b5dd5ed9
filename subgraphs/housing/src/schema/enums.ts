import { builder } from '../builder.ts';

export const DwellingSafetyGrade = builder.enumType('DwellingSafetyGrade', {
  description: '房屋安全等级: the grade of a dwelling safety assessment (农村住房安全性鉴定).',
  values: {
    A: { description: 'A级: 结构安全 (safe), meets normal use.' },
    B: { description: 'B级: 基本安全 (basically safe), minor damage only.' },
    C: { description: 'C级危房: 局部危险 (partly dangerous); renovated by reinforcement (加固改造).' },
    D: { description: 'D级危房: 整体危险 (dangerous as a whole); demolished and rebuilt (拆除重建).' },
    NO_HOUSE: { description: '无房户: the household owns no dwelling of its own.' },
  },
});

export const UrbanHousingAssistanceKind = builder.enumType('UrbanHousingAssistanceKind', {
  description: '城镇住房保障方式: how an urban household is housed.',
  values: {
    PUBLIC_RENTAL: { description: '公租房 (实物配租): a public-rental housing unit, open-ended or with an agreed end.' },
    RENT_SUBSIDY: { description: '租赁补贴 (货币补贴): a monthly rent subsidy for a bounded period, renewed after review.' },
  },
});

export const UrbanHousingAssistanceStatus = builder.enumType('UrbanHousingAssistanceStatus', {
  description: '保障状态 of an urban housing record, as of today.',
  values: {
    UPCOMING: { description: '未开始: the period starts after today.' },
    CURRENT: { description: '保障中: today falls within the period (the record covers the household).' },
    ENDED: { description: '已结束: the period is over, by its agreed end or by an end decision (see endReason).' },
  },
});

export const RuralRenovationStatus = builder.enumType('RuralRenovationStatus', {
  description: '农村危房改造办理状态: where a renovation case stands. Steps are never skipped; COMPLETED and REJECTED are closed.',
  values: {
    APPLIED: { description: '农户申请: the household applied.' },
    VILLAGE_REVIEWED: { description: '村级评议: reviewed and publicised by the village.' },
    TOWNSHIP_REVIEWED: { description: '乡镇审核: checked by the township.' },
    COUNTY_APPROVED: { description: '县级审批: approved by the county housing bureau; the subsidy amount is set.' },
    COMPLETED: { description: '竣工验收: works finished and accepted (closed).' },
    REJECTED: { description: '不予通过: rejected at some step, with a reason (closed).' },
  },
});
