import { builder } from '../builder.ts';

export const EducationStage = builder.enumType('EducationStage', {
  description: '学段: the stage of education a student record is at.',
  values: {
    PRESCHOOL: { description: '学前教育: kindergarten (幼儿园), usually ages 3–5.' },
    PRIMARY: { description: '小学: primary school, grades 1–6 (义务教育).' },
    JUNIOR_SECONDARY: { description: '初中: junior secondary school, grades 7–9 (义务教育).' },
    SENIOR_SECONDARY: { description: '普通高中: general senior secondary school.' },
    VOCATIONAL: { description: '中职: secondary vocational school (中等职业教育, 技工学校).' },
    HIGHER: { description: '高等教育: university or college (本科, 专科/高职, 研究生).' },
  },
});

export const StudentRecordStatus = builder.enumType('StudentRecordStatus', {
  description: '学籍状态: whether a student record is the current one, and how it ended.',
  values: {
    CURRENT: { description: '在读: the person’s current record (at most one per person).' },
    CHANGED: { description: '转学/升学: replaced by a newer record at another school or stage.' },
    GRADUATED: { description: '毕业: the student completed the stage and has no newer record.' },
    LEFT: { description: '离校: left school (退学, 休学, moved away from the city).' },
  },
});

export const StudentRecordEnding = builder.enumType('StudentRecordEnding', {
  description: '学籍终止方式: how a current record ends when no new record replaces it.',
  values: {
    GRADUATED: { description: '毕业: the student completed the stage.' },
    LEFT: { description: '离校: the student left school (退学, 休学, moved away from the city).' },
  },
});

export const EducationAssistanceKind = builder.enumType('EducationAssistanceKind', {
  description: '资助类型: the kind of education assistance.',
  values: {
    GRANT: { description: '助学金: a grant (国家助学金 and local grants).' },
    LIVING_ALLOWANCE: { description: '生活补助: living allowance (义务教育家庭经济困难学生生活补助, 幼儿资助).' },
    WORK_STUDY: { description: '勤工助学: paid work-study (vocational and higher education only).' },
    STUDENT_LOAN: { description: '助学贷款: student loan (生源地信用助学贷款; higher education only).' },
    FEE_WAIVER: { description: '减免: waiver of tuition, childcare or boarding fees (学费/保教费/住宿费减免).' },
  },
});

export const AcademicTerm = builder.enumType('AcademicTerm', {
  description: '学期: the part of an academic year an assistance is for.',
  values: {
    AUTUMN: { description: '秋季学期: the first term, from September.' },
    SPRING: { description: '春季学期: the second term, from February or March.' },
    FULL_YEAR: { description: '全学年: the whole academic year (overlaps both terms).' },
  },
});

export const EducationAssistanceStatus = builder.enumType('EducationAssistanceStatus', {
  description: '资助状态: APPROVED → PAID; APPROVED or PAID → CANCELLED (with a reason). No other change.',
  values: {
    APPROVED: { description: '已审批: approved, not yet paid (counts as coverage).' },
    PAID: { description: '已发放: paid out, disbursed or applied (counts as coverage).' },
    CANCELLED: { description: '已撤销: cancelled with a reason; kept, but no longer counts.' },
  },
});
