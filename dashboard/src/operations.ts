// Every operation the dashboard sends, typed by codegen (codegen.ts → src/gql/), but person 360:
// that is the ready-made operations/person.graphql (PersonDocument). The browser pages and the
// server's Excel exports share them, so a page and its export show the same rows.
import { graphql } from './gql/index.ts';

export const OverviewCounts = graphql(`
  query DashboardOverviewCounts($regionPrefix: String) {
    categoryCounts(regionPrefix: $regionPrefix) { countyCode countyName category persons }
    categoryTrend(regionPrefix: $regionPrefix, months: 12) { month category persons source }
  }
`);

graphql(`
  fragment RosterPerson on Person {
    idNumber
    name
    sex
    age
    phone
    region { code fullName }
    activeCategories
    holdings(status: [ACTIVE]) { id category nextReviewOn validFrom monthlyAmount }
    educationEntitlements { program status reason }
    housingEntitlements { program status reason }
    healthInsuranceEntitlements { program status reason }
    unionEntitlements { program status reason }
  }
`);

/** A page of the roster with every department's entitlement decision: the pages' lists (gaps, reviews). */
export const RosterPage = graphql(`
  query DashboardRosterPage($regionPrefix: String!, $category: LowIncomeCategory, $first: Int!, $after: String) {
    persons(filter: { regionPrefix: $regionPrefix, category: $category, holdingStatus: ACTIVE, alive: true }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...RosterPerson } }
    }
  }
`);

/** The same rows for an Excel export: its own name, so the subgraphs' audit logs say it was an export. */
export const ExportRosterPage = graphql(`
  query DashboardExport($regionPrefix: String!, $category: LowIncomeCategory, $first: Int!, $after: String) {
    persons(filter: { regionPrefix: $regionPrefix, category: $category, holdingStatus: ACTIVE, alive: true }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...RosterPerson } }
    }
  }
`);

export const Regions = graphql(`
  query DashboardRegions($countyCode: String) {
    regions(countyCode: $countyCode) { code name level }
  }
`);

/** Which root fields the graph has: pages for subgraphs not yet composed say so instead of failing. */
export const Capabilities = graphql(`
  query DashboardCapabilities {
    __schema { queryType { fields { name } } }
  }
`);

/** 监测预警: the counts the monitoring page charts, all counted by the monitoring subgraph in the caller's region. */
export const MonitoringOverview = graphql(`
  query DashboardMonitoring {
    alertStatistics {
      byRuleAndStatus { ruleCode status alerts }
      funnel { raised referred accepted closed resolved dismissed }
      closeTimes { ruleCode closed averageDays medianDays }
    }
    monitoringRules { code nameZh }
    overdueReferralsByCounty { countyCode office overdue escalated }
  }
`);

/** 资金发放: one county's payroll of a month with its totals, and its lines not paid by the due day (all, and still outstanding). */
export const CountyMoney = graphql(`
  query DashboardCountyMoney($countyCode: String!, $month: String!) {
    countyPayroll(countyCode: $countyCode, month: $month) {
      id countyCode month status approvedAt paymentDueOn
      totals { lineCount totalAmount paidCount paidAmount failedCount pendingCount reconciled }
    }
    late: latePayments(month: $month, countyCode: $countyCode, first: 1) { lateLineCount }
    outstanding: latePayments(month: $month, countyCode: $countyCode, first: 1, outstandingOnly: true) { lateLineCount }
  }
`);

graphql(`
  fragment OpenFinding on SupervisionFinding { id kind countyCode month personIdNumber detail foundAt }
`);

/** 未整改监督问题 (auditors and the city administrator). */
export const OpenFindings = graphql(`
  query DashboardOpenFindings($first: Int!, $after: String) {
    supervisionFindings(filter: { open: true }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...OpenFinding } }
    }
  }
`);

/** The same rows for an Excel export (the audit logs say it was an export). */
export const ExportOpenFindings = graphql(`
  query DashboardExportFindings($first: Int!, $after: String) {
    supervisionFindings(filter: { open: true }, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { ...OpenFinding } }
    }
  }
`);

graphql(`
  fragment QueueReferral on Referral {
    id office officeRegion status referredOn dueOn bucket escalatedTo personIdNumber
    person { name }
    alert { id ruleCode severity status rule { nameZh } }
  }
`);

graphql(`
  fragment QueueAlert on Alert {
    id personIdNumber regionCode ruleCode severity status raisedAt
    person { name }
    rule { nameZh }
    referrals { dueOn status }
  }
`);

/** 我的待办: the caller's open referrals, earliest due first, with the alert and person behind each. */
export const ReferralQueue = graphql(`
  query DashboardReferralQueue($first: Int!, $after: String) {
    referralQueue(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...QueueReferral } }
    }
  }
`);

/** The same rows for an Excel export (its own name, so the audit logs say it was an export). */
export const ExportReferralQueue = graphql(`
  query DashboardExportReferrals($first: Int!, $after: String) {
    referralQueue(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...QueueReferral } }
    }
  }
`);

/** 预警待办: the open alerts of a region (within the caller's), newest first. */
export const OpenAlerts = graphql(`
  query DashboardOpenAlerts($regionPrefix: String, $first: Int!, $after: String) {
    alerts(filter: { regionPrefix: $regionPrefix }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...QueueAlert } }
    }
  }
`);

/** The same rows for an Excel export. */
export const ExportOpenAlerts = graphql(`
  query DashboardExportAlerts($regionPrefix: String, $first: Int!, $after: String) {
    alerts(filter: { regionPrefix: $regionPrefix }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...QueueAlert } }
    }
  }
`);

graphql(`
  fragment QueueCase on RecognitionCase {
    id kind step stepDueOn overdue submittedOn regionCode
    household { id head { idNumber name } }
  }
`);

/** 认定申请: a region's open recognition cases (and those decided but not yet notified), soonest step due first. */
export const OpenCases = graphql(`
  query DashboardOpenCases($regionCode: String) {
    recognitionCases(filter: { regionCode: $regionCode }, limit: 500) { ...QueueCase }
  }
`);

/** The same cases for an Excel export, all of them page by page in the graph's fixed order (the audit logs say it was an export). */
export const ExportOpenCases = graphql(`
  query DashboardExportCases($regionCode: String, $first: Int!, $after: String) {
    recognitionCasePage(filter: { regionCode: $regionCode }, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { ...QueueCase } }
    }
  }
`);

/** 发放明细 of a county's payroll for a month, page by page, for the payroll export. */
export const ExportPayrollLines = graphql(`
  query DashboardExportPayroll($countyCode: String!, $month: String!, $first: Int!, $after: String) {
    countyPayroll(countyCode: $countyCode, month: $month) {
      id countyCode month status
      lines(first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        edges { node { id personIdNumber person { name } regionCode category amount status paidOn } }
      }
    }
  }
`);

/** The latest month with a payroll in a county: the money page opens on the latest of its counties'. */
export const LatestPayroll = graphql(`
  query DashboardLatestPayroll($countyCode: String!) {
    latestCountyPayroll(countyCode: $countyCode) { id month }
  }
`);
