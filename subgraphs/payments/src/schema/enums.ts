import { builder } from '../builder.ts';

export const PayeeKind = builder.enumType('PayeeKind', {
  description: '收款方: who an account or a payment line pays.',
  values: {
    PERSON: { description: '个人: the recipient’s own 一卡通 account.' },
    INSTITUTION: { description: '供养机构: a care institution, for centrally supported extreme-poverty persons.' },
  },
});

export const PaymentCategory = builder.enumType('PaymentCategory', {
  description: '发放类别: the basic living assistance a payroll line pays.',
  values: {
    SUBSISTENCE_ALLOWANCE: { description: '最低生活保障金 (低保金)' },
    EXTREME_POVERTY: { description: '特困人员救助供养金: basic living support plus the care allowance.' },
  },
});

export const PaymentCareLevel = builder.enumType('PaymentCareLevel', {
  description: '生活自理能力 as paid: sets the care allowance of an extreme-poverty line.',
  values: {
    SELF_CARE: { description: '全自理' },
    PARTIALLY_DISABLED: { description: '半失能' },
    FULLY_DISABLED: { description: '全失能' },
  },
});

export const PayrollStatus = builder.enumType('PayrollStatus', {
  description: '名册状态',
  values: {
    DRAFT: { description: '草稿: generated, may be regenerated; awaits approval by another officer.' },
    APPROVED: { description: '已审批: approved by a second officer; lines are exported to the bank and reconciled.' },
  },
});

export const PaymentLineStatus = builder.enumType('PaymentLineStatus', {
  description: '发放状态 of a payment line.',
  values: {
    PENDING: { description: '待发放: not yet confirmed by the bank.' },
    PAID: { description: '已到账: the bank confirmed the payment.' },
    FAILED: { description: '发放失败: the bank returned it with a reason; reissued once the account is corrected.' },
  },
});

export const TemporaryAssistanceReason = builder.enumType('TemporaryAssistanceReason', {
  description: '临时救助事由',
  values: {
    DISASTER: { description: '自然灾害、火灾等突发事件' },
    ACCIDENT: { description: '意外事故' },
    SERIOUS_ILLNESS: { description: '重大疾病' },
    LOSS_OF_INCOME: { description: '收入骤减、失业等生活陷入困境' },
    OTHER: { description: '其他特殊困难' },
  },
});

export const TemporaryAssistanceStatus = builder.enumType('TemporaryAssistanceStatus', {
  description: '临时救助状态',
  values: {
    APPLIED: { description: '已受理: awaiting a decision.' },
    APPROVED: { description: '已批准: decided, not yet paid.' },
    REJECTED: { description: '不予救助' },
    PAID: { description: '已发放 (small-amount-first cases are paid before they are documented).' },
  },
});

export const DecisionLevel = builder.enumType('DecisionLevel', {
  description: '审批层级',
  values: { TOWNSHIP: { description: '乡镇 (街道): up to the township limit.' }, COUNTY: { description: '县级民政部门: above the township limit.' } },
});

export const FindingKind = builder.enumType('FindingKind', {
  description: '监督发现类型 (数字监督)',
  values: {
    DECEASED_PAID: { description: '死亡人员领取: paid for days after the person’s recorded death.' },
    EXCLUSIVE_CATEGORIES: { description: '重复享受: dibao and extreme-poverty support paid to one person in one month.' },
    PAID_TWICE: { description: '重复发放: the same category paid twice to one person in one month.' },
    SHARED_ACCOUNT: { description: '一卡多户: one account number receiving for several households.' },
    AMOUNT_OUT_OF_RANGE: { description: '金额异常: an amount above the rule’s maximum for a full month.' },
    LATE_PAYMENT: { description: '未按时发放: not approved by the approval day or not paid by the due day.' },
    RELATIVE_OF_STAFF: { description: '人情保/关系保: the holding was granted, or the payroll prepared or approved, by a relative of the recipient.' },
  },
});

export const ComplaintSubject = builder.enumType('ComplaintSubject', {
  description: '信访事项',
  values: {
    WRONGLY_REFUSED: { description: '应保未保: assistance wrongly refused.' },
    WRONGLY_PAID: { description: '不应保而保: assistance wrongly paid (e.g. 人情保).' },
    LATE_PAYMENT: { description: '未按时发放' },
    OTHER: { description: '其他' },
  },
});
