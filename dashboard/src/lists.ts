// The dashboard's lists (roster, coverage gaps, reviews due, open alerts, referrals, recognition cases, payroll lines,
// open supervision findings)
// as plain rows and their export columns. The pages and the Excel exports both use these, so they show the same rows.
import type {
  DashboardExportPayrollQuery,
  OpenFindingFragment,
  QueueAlertFragment,
  QueueCaseFragment,
  QueueReferralFragment,
  RosterPersonFragment,
} from './gql/graphql.ts';
import { both, DECIDING_DEPARTMENTS, type DecidingDepartment } from './labels.ts';

export type RosterPerson = RosterPersonFragment;
export type ListName = 'roster' | 'gaps' | 'reviews' | 'alerts' | 'referrals' | 'cases' | 'payroll' | 'findings';
export const LIST_NAMES: readonly ListName[] = ['roster', 'gaps', 'reviews', 'alerts', 'referrals', 'cases', 'payroll', 'findings'];

export type AlertNode = QueueAlertFragment;
export type ReferralNode = QueueReferralFragment;
export type CaseNode = QueueCaseFragment;
export type FindingNode = OpenFindingFragment;
export type PayrollLineNode = NonNullable<DashboardExportPayrollQuery['countyPayroll']>['lines']['edges'][number]['node'];

const OPEN_REFERRAL = new Set(['PENDING', 'ACCEPTED']);

export interface AlertQueueRow {
  alert: AlertNode;
  /** The due date of the alert's open referral; null when none is open. */
  dueOn: string | null;
}

/** Open alerts, due soon first: those with an open referral by its due date, then the rest newest first. */
export function alertQueueRows(alerts: readonly AlertNode[]): AlertQueueRow[] {
  const rows = alerts.map((alert) => ({
    alert,
    dueOn:
      alert.referrals
        .filter((r) => OPEN_REFERRAL.has(r.status))
        .map((r) => r.dueOn)
        .sort()[0] ?? null,
  }));
  return rows.sort(
    (a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || b.alert.raisedAt.localeCompare(a.alert.raisedAt) || a.alert.id.localeCompare(b.alert.id),
  );
}

/** Reviews due within this many days (or already overdue) are in the queue. */
export const REVIEW_WINDOW_DAYS = 60;

export interface Column<Row> {
  header: string;
  width: number;
  value: (row: Row) => string | number;
}

export interface GapRow {
  idNumber: string;
  name: string;
  region: string;
  department: DecidingDepartment;
  program: string;
  reason: string;
}

export interface ReviewRow {
  idNumber: string;
  name: string;
  region: string;
  category: string;
  nextReviewOn: string;
  daysLeft: number;
}

/** 应保未保: each (person, program) a department decides ENTITLED_MISSING, optionally for one department. */
export function gapRows(persons: readonly RosterPerson[], department?: string): GapRow[] {
  const rows: GapRow[] = [];
  for (const person of persons) {
    for (const d of DECIDING_DEPARTMENTS) {
      if (department && d.department !== department) continue;
      for (const e of person[d.field] ?? []) {
        if (e.status !== 'ENTITLED_MISSING') continue;
        rows.push({
          idNumber: person.idNumber,
          name: person.name,
          region: person.region.fullName,
          department: d.department,
          program: e.program,
          reason: e.reason,
        });
      }
    }
  }
  return rows;
}

/** Gaps counted by department and program (persons with the gap). */
export function gapSummary(rows: readonly GapRow[]): { department: DecidingDepartment; program: string; persons: number }[] {
  const counts = new Map<string, { department: DecidingDepartment; program: string; persons: number }>();
  for (const row of rows) {
    const key = `${row.department}/${row.program}`;
    const entry = counts.get(key) ?? { department: row.department, program: row.program, persons: 0 };
    entry.persons += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.persons - a.persons || a.program.localeCompare(b.program));
}

const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** Active holdings whose review date is past or within the window of `today`, soonest first. */
export function reviewRows(persons: readonly RosterPerson[], today: string, windowDays = REVIEW_WINDOW_DAYS): ReviewRow[] {
  const rows: ReviewRow[] = [];
  for (const person of persons) {
    for (const holding of person.holdings) {
      if (!holding.nextReviewOn) continue;
      const daysLeft = dayNumber(holding.nextReviewOn) - dayNumber(today);
      if (daysLeft > windowDays) continue;
      rows.push({
        idNumber: person.idNumber,
        name: person.name,
        region: person.region.fullName,
        category: holding.category,
        nextReviewOn: holding.nextReviewOn,
        daysLeft,
      });
    }
  }
  return rows.sort((a, b) => a.daysLeft - b.daysLeft || a.idNumber.localeCompare(b.idNumber));
}

const SEX: Record<string, string> = { MALE: '男', FEMALE: '女' };

/** Columns of each list: Chinese header first, English second. */
export const COLUMNS = {
  roster: [
    { header: '居民身份证号码 ID number', width: 24, value: (p) => p.idNumber },
    { header: '姓名 Name', width: 12, value: (p) => p.name },
    { header: '性别 Sex', width: 8, value: (p) => SEX[p.sex] ?? p.sex },
    { header: '年龄 Age', width: 8, value: (p) => p.age },
    { header: '联系电话 Phone', width: 16, value: (p) => p.phone ?? '' },
    { header: '所在地区 Region', width: 36, value: (p) => p.region.fullName },
    { header: '类别 Categories', width: 40, value: (p) => p.activeCategories.map((c) => both('LowIncomeCategory', c)).join('；') },
  ] satisfies Column<RosterPerson>[],
  gaps: [
    { header: '居民身份证号码 ID number', width: 24, value: (r) => r.idNumber },
    { header: '姓名 Name', width: 12, value: (r) => r.name },
    { header: '所在地区 Region', width: 36, value: (r) => r.region },
    { header: '责任部门 Department', width: 20, value: (r) => DECIDING_DEPARTMENTS.find((d) => d.department === r.department)!.zh },
    { header: '救助项目 Program', width: 28, value: (r) => both('AssistanceProgram', r.program) },
    { header: '原因 Reason', width: 60, value: (r) => r.reason },
  ] satisfies Column<GapRow>[],
  reviews: [
    { header: '居民身份证号码 ID number', width: 24, value: (r) => r.idNumber },
    { header: '姓名 Name', width: 12, value: (r) => r.name },
    { header: '所在地区 Region', width: 36, value: (r) => r.region },
    { header: '类别 Category', width: 30, value: (r) => both('LowIncomeCategory', r.category) },
    { header: '复核日期 Review due', width: 14, value: (r) => r.nextReviewOn },
    { header: '剩余天数 Days left', width: 12, value: (r) => r.daysLeft },
  ] satisfies Column<ReviewRow>[],
  alerts: [
    { header: '转办期限 Due', width: 12, value: (r) => r.dueOn ?? '' },
    { header: '居民身份证号码 ID number', width: 24, value: (r) => r.alert.personIdNumber },
    { header: '姓名 Name', width: 12, value: (r) => r.alert.person?.name ?? '' },
    { header: '所在地区代码 Region code', width: 14, value: (r) => r.alert.regionCode },
    { header: '预警规则 Rule', width: 28, value: (r) => r.alert.rule.nameZh },
    { header: '等级 Severity', width: 12, value: (r) => both('AlertSeverity', r.alert.severity) },
    { header: '状态 Status', width: 16, value: (r) => both('AlertStatus', r.alert.status) },
    { header: '预警时间 Raised', width: 22, value: (r) => r.alert.raisedAt },
  ] satisfies Column<AlertQueueRow>[],
  referrals: [
    { header: '办理期限 Due', width: 12, value: (r) => r.dueOn },
    { header: '时限 Bucket', width: 16, value: (r) => (r.bucket ? both('QueueBucket', r.bucket) : '') },
    { header: '居民身份证号码 ID number', width: 24, value: (r) => r.personIdNumber },
    { header: '姓名 Name', width: 12, value: (r) => r.person?.name ?? '' },
    { header: '预警规则 Rule', width: 28, value: (r) => r.alert.rule.nameZh },
    { header: '承办单位 Office', width: 20, value: (r) => both('ReferralOffice', r.office) },
    { header: '承办地区 Office region', width: 14, value: (r) => r.officeRegion },
    { header: '转办状态 Status', width: 16, value: (r) => both('ReferralStatus', r.status) },
    { header: '转办日期 Referred', width: 12, value: (r) => r.referredOn },
  ] satisfies Column<ReferralNode>[],
  cases: [
    { header: '本步期限 Step due', width: 12, value: (c) => c.stepDueOn ?? '' },
    { header: '逾期 Overdue', width: 10, value: (c) => (c.overdue ? '是 Yes' : '否 No') },
    { header: '户主身份证号码 Head ID number', width: 24, value: (c) => c.household.head?.idNumber ?? '' },
    { header: '户主姓名 Head of household', width: 12, value: (c) => c.household.head?.name ?? '' },
    { header: '类型 Kind', width: 24, value: (c) => both('CaseKind', c.kind) },
    { header: '步骤 Step', width: 24, value: (c) => both('CaseStep', c.step) },
    { header: '申请日期 Submitted', width: 12, value: (c) => c.submittedOn },
    { header: '所在地区代码 Region code', width: 14, value: (c) => c.regionCode },
  ] satisfies Column<CaseNode>[],
  payroll: [
    { header: '县区代码 County', width: 10, value: (r) => r.regionCode.slice(0, 6) },
    { header: '居民身份证号码 ID number', width: 24, value: (r) => r.personIdNumber },
    { header: '姓名 Name', width: 12, value: (r) => r.person.name },
    { header: '所在地区代码 Region code', width: 14, value: (r) => r.regionCode },
    { header: '类别 Category', width: 24, value: (r) => (r.category ? both('PaymentCategory', r.category) : '') },
    { header: '发放金额 Amount', width: 14, value: (r) => r.amount },
    { header: '状态 Status', width: 16, value: (r) => both('PaymentLineStatus', r.status) },
    { header: '到账日期 Paid on', width: 12, value: (r) => r.paidOn ?? '' },
  ] satisfies Column<PayrollLineNode>[],
  findings: [
    { header: '发现时间 Found', width: 22, value: (f) => f.foundAt },
    { header: '类型 Kind', width: 28, value: (f) => both('FindingKind', f.kind) },
    { header: '县区代码 County', width: 10, value: (f) => f.countyCode },
    { header: '月份 Month', width: 10, value: (f) => f.month ?? '' },
    { header: '居民身份证号码 ID number', width: 24, value: (f) => f.personIdNumber ?? '' },
    { header: '说明 Detail', width: 60, value: (f) => f.detail },
  ] satisfies Column<FindingNode>[],
};

export const SHEET_NAMES: Record<ListName, string> = {
  roster: '花名册 Roster',
  gaps: '应保未保 Coverage gaps',
  reviews: '待复核 Reviews due',
  alerts: '预警 Open alerts',
  referrals: '转办待办 Referrals',
  cases: '认定申请 Recognition cases',
  payroll: '发放明细 Payroll lines',
  findings: '未整改监督问题 Open findings',
};

/** The rows of a list computed from one roster page. */
export function rowsOf(list: ListName, persons: readonly RosterPerson[], options: { today: string; department?: string }): unknown[] {
  if (list === 'roster') return [...persons];
  if (list === 'gaps') return gapRows(persons, options.department);
  return reviewRows(persons, options.today);
}
