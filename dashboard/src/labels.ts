// Chinese first, English second: every label the dashboard shows or writes into a workbook.
import { ENUM_LABELS } from './gql/labels.ts';

/** "EXTREME_POVERTY" → "Extreme poverty". */
export const englishOf = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

/** The Chinese label of an enum value from the graph's description (the value itself when it has none). */
export const zh = (enumName: string, value: string) => ENUM_LABELS[enumName]?.[value] ?? value;

/** "特困人员 Extreme poverty". */
export const both = (enumName: string, value: string) => `${zh(enumName, value)} ${englishOf(value)}`;

/** Departments that decide entitlements, by the Person field that carries their decisions. */
export const DECIDING_DEPARTMENTS = [
  { department: 'EDUCATION', field: 'educationEntitlements', zh: '教育局', en: 'Education' },
  { department: 'HOUSING', field: 'housingEntitlements', zh: '住建局', en: 'Housing' },
  { department: 'HEALTH_INSURANCE', field: 'healthInsuranceEntitlements', zh: '医保局', en: 'Health insurance' },
  { department: 'UNION', field: 'unionEntitlements', zh: '总工会', en: 'Trade union' },
] as const;
export type DecidingDepartment = (typeof DECIDING_DEPARTMENTS)[number]['department'];

export const ROLE_LABELS: Record<string, string> = {
  CITY_ADMIN: '市级管理员 City administrator',
  COUNTY_OFFICER: '县级工作人员 County officer',
  TOWNSHIP_WORKER: '乡镇工作人员 Township worker',
  DEPARTMENT_OFFICER: '部门工作人员 Department officer',
  ANALYST: '分析人员 Analyst',
  AUDITOR: '审计人员 Auditor',
  SERVICE: '系统服务 Service',
};

export const DEPARTMENT_LABELS: Record<string, string> = {
  CIVIL_AFFAIRS: '民政局 Civil affairs',
  EDUCATION: '教育局 Education',
  HOUSING: '住建局 Housing',
  HEALTH_INSURANCE: '医保局 Health insurance',
  UNION: '总工会 Trade union',
  AGRICULTURE: '农业农村局 Agriculture',
  HUMAN_RESOURCES: '人社局 Human resources',
  HEALTH: '卫健委 Health',
  DISABLED_PERSONS: '残联 Disabled persons',
  PUBLIC_SECURITY: '公安局 Public security',
};
