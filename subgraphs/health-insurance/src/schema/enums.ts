import { builder } from '../builder.ts';

export const PremiumSubsidyKind = builder.enumType('PremiumSubsidyKind', {
  description: '参保资助方式: how the year’s resident medical insurance premium is subsidised.',
  values: {
    FULL: { description: '全额资助: the whole premium; only for an EXTREME_POVERTY assistance identity.' },
    FIXED: {
      description: '定额资助: the policy amount of the identity (capped at the premium); for SUBSISTENCE_ALLOWANCE and the other low-income identities.',
    },
    NONE: { description: '无资助: the person pays the whole premium.' },
  },
});

export const MedicalVisitKind = builder.enumType('MedicalVisitKind', {
  description: '就医类型: the kind of medical visit a claim settles.',
  values: {
    INPATIENT: { description: '住院: inpatient stay; eligible for medical assistance.' },
    CHRONIC_OUTPATIENT: { description: '门诊慢特病: outpatient treatment of a recognised chronic or special disease; eligible for medical assistance.' },
    OUTPATIENT: { description: '普通门诊: ordinary outpatient visit; not eligible for medical assistance.' },
  },
});

export const MedicalClaimStatus = builder.enumType('MedicalClaimStatus', {
  description: '结算状态: whether a claim counts.',
  values: {
    SETTLED: { description: '已结算: in force; counts in the year’s totals, deductible and cap.' },
    REVERSED: { description: '已冲销: reversed with a reason; kept for the record, excluded from every total.' },
  },
});

export const MedicalAssistanceOutcome = builder.enumType('MedicalAssistanceOutcome', {
  description: '救助结果: why a claim’s medical assistance is what it is.',
  values: {
    ASSISTED: { description: '已救助: (eligible − deductible) × ratio was paid in full.' },
    CAPPED: { description: '达到限额: the assistance was cut to what was left of the annual cap.' },
    CAP_EXHAUSTED: { description: '限额已用完: the annual cap was already used up; nothing paid.' },
    DEDUCTIBLE_NOT_MET: { description: '未达起付标准: the eligible amount went entirely to the yearly deductible.' },
    NOTHING_ELIGIBLE: { description: '无政策范围内负担: basic and critical-illness insurance paid everything.' },
    VISIT_NOT_ELIGIBLE: { description: '就医类型不符: ordinary outpatient visits are not assisted.' },
    NOT_LOW_INCOME: { description: '非救助对象: the enrolment records no low-income assistance identity.' },
  },
});
